"""Every setting of site.yaml and every front matter key, changed in turn, rebuilds as a cold build would.

What a kept result depends on is keyed by the speed layer (the cache folder's file results, the memo of
`serve`, the keys of pages). A key that misses one input leaves a page stale after that input changes, and
a test that only builds cold cannot notice. Here one site is built again after each change, both the way
`build` does (the cache folder) and the way `serve` does (the memo too), and each output is compared byte
for byte with a cold build of a copy. The lists of changes are checked against the keys the loaders know
and the fields of the settings, so a new setting fails this test until it is changed here too.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from conftest import article, build_site, site_tree
from site_builder.config import KNOWN_KEYS as SITE_KEYS
from site_builder.config import WORK_FOLDER, load_config
from site_builder.content.frontmatter import KNOWN_KEYS as FRONT_MATTER_KEYS
from site_builder.incremental.memo import Memo
from site_builder.pipeline import BuildOptions, build
from site_builder.settings import ArticleSettings, GroupingSettings
from site_builder.writing.write import MANIFEST

SITE_YAML = """\
title: Every Setting
base_url: https://example.org/digest/
page_size: 2
list_page_size: 2
feed_size: 3
"""

QUAKE_EN = ("A magnitude 6.4 earthquake struck Hualien in Taiwan on Tuesday, TSMC said its fabs were checked.\n\n"
            "Share this:\n\nFacebook\n\nPromo: read our magazine\n\nRescuers searched 12 buildings overnight.\n")
QUAKE_IT = ("Un terremoto di magnitudo 6.4 ha colpito Hualien a Taiwan martedì, TSMC ha controllato le fabbriche.\n\n"
            "Condividi\n\nI soccorritori hanno cercato in 12 edifici.\n")
QUAKE_ID = "Gempa bermagnitudo 6.4 mengguncang Hualien di Taiwan pada Selasa, TSMC memeriksa pabriknya.\n"
EMBED = ('<blockquote class="twitter-tweet"><p lang="en" dir="ltr">The budget passed</p>&mdash; Desk (@desk) '
         '<a href="https://twitter.com/desk/status/123">July 20, 2025</a></blockquote>\n')

ARTICLES = {
    "content/quake-en.md": article("Quake hits Hualien", date="2025-07-15", tags=["quake", "taiwan"],
                                   body=QUAKE_EN),
    "content/quake-it.md": article("Terremoto a Hualien", date="2025-07-15", source="Giornale", lang="it",
                                   tags=["quake"], body=QUAKE_IT),
    "content/quake-id.md": article("Gempa di Hualien", date="2025-07-16", source="Berita", lang="id", body=QUAKE_ID),
    "content/budget.md": article("Budget passes", date="2025-07-20", tags=["economy"],
                                 body="The budget passed by 7 votes to 2 after a long night.\n\n" + EMBED),
    "content/budget-2.md": article("Council approves the budget", date="2025-07-20", source="Giornale",
                                   story="budget-2025", body="Councillors approved the budget on Sunday night.\n"),
    "content/storm.md": article("Storm closes roads", date="2025-06-01", tags=["weather"],
                                body="The storm closed three roads on Sunday, the police said.\n"),
    "content/older.md": article("Bridge reopens", date="2024-12-30", source="Berita",
                                body="The bridge reopened after two years of repairs, the city said.\n"),
}


def set_yaml(key: str, text: str):
    """A change that sets (or replaces) the top-level ``key`` of site.yaml to the YAML ``text``."""
    def change(root: Path) -> None:
        lines = (root / "site.yaml").read_text().splitlines(keepends=True)
        kept, skipping = [], False
        for line in lines:
            if line.startswith(f"{key}:"):
                skipping = True
                continue
            if skipping and line.startswith(" "):
                continue
            skipping = False
            kept.append(line)
        (root / "site.yaml").write_text("".join(kept) + f"{key}: {text}\n")
    return change


def set_front(path: str, key: str, value: str):
    """A change that sets front matter ``key`` of the article at ``path`` to the YAML ``value``."""
    def change(root: Path) -> None:
        file = root / path
        text = file.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        lines = [line for line in front.splitlines() if not line.startswith(f"{key}:")] + [f"{key}: {value}"]
        file.write_text("---\n" + "\n".join(lines) + "\n---\n" + body, encoding="utf-8")
    return change


def own_theme(root: Path) -> None:
    """The site's own theme: the default one, with its footer changed."""
    from site_builder.rendering.theme import builtin_themes_dir

    shutil.copytree(builtin_themes_dir() / "default", root / "themes" / "mine")
    base = root / "themes" / "mine" / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", "<p>Our own theme.</p></footer>"),
                    encoding="utf-8")
    set_yaml("theme", "mine")(root)


def moved_content(root: Path) -> None:
    shutil.move(root / "content", root / "articles")
    set_yaml("content", "articles")(root)


GROUPING = {"auto": "false", "threshold": "0.5", "window_days": "1", "time_scale_days": "3", "anchor_weight": "2",
            "min_shared": "1", "suggest_ratio": "0.5", "meaning": "true"}
SITE_CHANGES = [
    ("title", set_yaml("title", "Another Digest")),
    ("description", set_yaml("description", "What happened, by everyone who reported it.")),
    ("base_url", set_yaml("base_url", "https://news.example.net/")),
    ("language", set_yaml("language", "it")),
    ("timezone", set_yaml("timezone", "Pacific/Auckland")),
    ("page_size", set_yaml("page_size", "1")),
    ("list_page_size", set_yaml("list_page_size", "1")),
    ("feed_size", set_yaml("feed_size", "1")),
    ("editions", set_yaml("editions", "week")),
    ("extra_keys", set_yaml("extra_keys", "[mood]")),
    ("params", set_yaml("params", "{footer_note: Curated by hand}")),
    ("clean", set_yaml("clean", "{disable: [share-widgets]}")),
    ("clean", set_yaml("clean", "{patterns: {Example News: ['^Promo:']}}")),
    *[("grouping", set_yaml("grouping", f"{{{field}: {value}}}")) for field, value in GROUPING.items()],
    ("deploy", set_yaml("deploy", "{target: folder, folder: ../public}")),
    ("search", set_yaml("search", "true")),
    ("theme", own_theme),
    ("content", moved_content),
    ("output", set_yaml("output", "public-html")),
]

FRONT_MATTER_CHANGES = [
    ("title", set_front("content/storm.md", "title", "Storm closes three roads")),
    ("date", set_front("content/storm.md", "date", "2024-12-31")),
    ("source", set_front("content/storm.md", "source", "Berita")),
    ("lang", set_front("content/storm.md", "lang", "id")),
    ("url", set_front("content/storm.md", "url", "https://news.example.org/storm")),
    ("author", set_front("content/storm.md", "author", "Ana Lima")),
    ("authors", set_front("content/older.md", "authors", "[Ana Lima, Budi Santoso]")),
    ("story", set_front("content/storm.md", "story", "budget-2025")),
    ("tags", set_front("content/budget.md", "tags", "[economy, council]")),
    ("summary", set_front("content/budget.md", "summary", "Seven votes to two.")),
    ("image", set_front("content/budget.md", "image", "https://example.org/budget.jpg")),
    ("slug", set_front("content/older.md", "slug", "bridge-open-again")),
    ("id", set_front("content/older.md", "id", "bridge-2024")),
    ("draft", set_front("content/quake-id.md", "draft", "true")),
    ("clean", set_front("content/quake-en.md", "clean", "{disable: [share-widgets]}")),
]


def test_the_changes_cover_every_setting_and_front_matter_key():
    assert {key for key, _ in SITE_CHANGES} == SITE_KEYS
    assert set(GROUPING) == {field.name for field in dataclasses.fields(GroupingSettings)}
    assert {key for key, _ in FRONT_MATTER_CHANGES} == FRONT_MATTER_KEYS


@pytest.mark.parametrize("changes", [FRONT_MATTER_CHANGES, SITE_CHANGES], ids=["front matter", "site.yaml"])
def test_each_change_rebuilds_as_a_cold_build(changes, make_site, tmp_path):
    by_cache = make_site({**ARTICLES, "site.yaml": SITE_YAML})
    by_memo, cold = tmp_path / "memo-site", tmp_path / "cold-site"
    for copy in (by_memo, cold):
        shutil.copytree(by_cache, copy)
    memo = Memo()
    build_site(by_cache)
    serve_build(by_memo, memo)
    build_site(cold)
    for key, change in changes:
        for root in (by_cache, by_memo, cold):
            change(root)
        build_site(by_cache)
        serve_build(by_memo, memo)
        expected = cold_build(cold)
        assert site_tree(output_of(by_cache)) == expected, f"{key}: the cache folder kept something stale"
        assert site_tree(output_of(by_memo)) == expected, f"{key}: the memo of `serve` kept something stale"


def cold_build(root: Path) -> dict:
    """The output of a build of ``root`` with no cache and no page of an earlier build left, only the
    manifest (story URLs keep the slug they were first published under, as they should)."""
    shutil.rmtree(root / WORK_FOLDER, ignore_errors=True)
    output = output_of(root)
    for path in output.iterdir() if output.exists() else ():
        if path.name != MANIFEST:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    build_site(root)
    return site_tree(output)


def serve_build(root: Path, memo: Memo) -> None:
    config, _ = load_config(root / "site.yaml")
    build(config, BuildOptions(), memo=memo)
    memo.prune()


def output_of(root: Path) -> Path:
    config, _ = load_config(root / "site.yaml")
    return config.output_dir


def test_an_article_files_results_are_keyed_on_every_one_of_its_settings():
    import re

    base = ArticleSettings("en", "UTC", frozenset(), frozenset(), {}, False)
    other = {str: "it", frozenset: frozenset({"x"}), dict: {"*": (re.compile("^Promo"),)}, bool: True}
    for setting in dataclasses.fields(ArticleSettings):
        changed = dataclasses.replace(base, **{setting.name: other[type(getattr(base, setting.name))]})
        assert changed.key() != base.key(), f"{setting.name} is not in the key of a file's results"
    same = ArticleSettings("en", "UTC", frozenset({"b", "a"}), frozenset(), {"*": (re.compile("^P"),)}, False)
    again = ArticleSettings("en", "UTC", frozenset({"a", "b"}), frozenset(), {"*": (re.compile("^P"),)}, False)
    assert same.key() == again.key(), "the key is written the same way in every process"
