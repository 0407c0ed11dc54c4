"""The load stage: every Markdown file of the content folder, read and validated in one pass (through the
per-article stages that every build runs on it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import article
from site_builder.config import SiteConfig
from site_builder.incremental.prepare import prepare_articles
from site_builder.model import Article

UTF8_HINT = "save it with UTF-8 encoding"


def load(root: Path, include_drafts: bool = False, **settings) -> tuple[list[Article], list[str]]:
    """The articles of the site in ``root`` and its problems as the curator reads them."""
    config = SiteConfig(root=root, content_dir=root / "content", output_dir=root / "output", **settings)
    articles, _, problems = prepare_articles(config, include_drafts)
    return articles, [str(problem) for problem in sorted(problems)]


def loaded(root: Path, include_drafts: bool = False) -> dict[str, Article]:
    """The articles by id, after checking that loading found no problem."""
    articles, problems = load(root, include_drafts)
    assert problems == []
    return {a.id: a for a in articles}


def test_an_article_id_is_its_path_under_the_content_folder_at_any_depth(make_site):
    root = make_site({"content/top.md": article("Top"), "content/2025/07/deep.md": article("Deep"),
                      "content/world/asia.markdown": article("Asia")})
    articles = loaded(root)
    assert sorted(articles) == ["2025/07/deep", "top", "world/asia"]
    assert articles["2025/07/deep"].source_path == "content/2025/07/deep.md"


def test_an_id_key_replaces_the_path_as_the_id(make_site):
    root = make_site({"content/2025/07/deep.md": article("Deep", id="floods-2025")})
    assert list(loaded(root)) == ["floods-2025"]


def test_drafts_are_left_out_unless_asked_for(make_site):
    root = make_site({"content/done.md": article("Done"), "content/wip.md": article("Wip", draft=True)})
    assert sorted(loaded(root)) == ["done"]
    assert sorted(loaded(root, include_drafts=True)) == ["done", "wip"]


def test_hidden_files_hidden_folders_underscore_folders_and_other_files_are_skipped(make_site):
    root = make_site({"content/kept.md": article("Kept"), "content/.hidden.md": "not an article",
                      "content/.git/notes.md": "not an article", "content/_templates/draft.md": "not an article",
                      "content/notes.txt": "not an article", "content/image.png": b"\x89PNG"})
    assert list(loaded(root)) == ["kept"]


def test_markdown_suffixes_are_recognised_in_any_case(make_site):
    root = make_site({"content/LOUD.MD": article("Loud"), "content/long.Markdown": article("Long")})
    assert sorted(loaded(root)) == ["LOUD", "long"]


def test_a_file_saved_with_a_byte_order_mark_is_read(make_site):
    root = make_site({"content/bom.md": b"\xef\xbb\xbf" + article("Bom").encode("utf-8")})
    assert loaded(root)["bom"].title == "Bom"


def test_a_file_that_is_not_utf8_is_reported_at_the_bad_byte_and_the_rest_still_loads(make_site):
    root = make_site({"content/latin1.md": "---\ntitle: Café\n---\n".encode("latin-1"),
                      "content/good.md": article("Good")})
    articles, problems = load(root)
    assert [a.id for a in articles] == ["good"]
    assert problems == [f"content/latin1.md:2:11: the file is not UTF-8 text (byte 0xe9); {UTF8_HINT}"]


def test_the_column_of_a_bad_byte_counts_characters_like_every_other_column(make_site):
    root = make_site({"content/mixed.md": "---\ntitle: é".encode("utf-8") + b"\xe9\n---\n"})
    assert load(root)[1] == [f"content/mixed.md:2:9: the file is not UTF-8 text (byte 0xe9); {UTF8_HINT}"]


def test_two_files_with_one_id_are_both_named(make_site):
    root = make_site({"content/floods.md": article("Floods in Jakarta"),
                      "content/2025/copy.md": article("Floods again", id="floods")})
    assert load(root)[1] == ["content/2025/copy.md:1:1: duplicate id 'floods', also used by content/floods.md; "
                             "give one of them another `id:`"]


def test_two_files_giving_one_slug_are_both_named(make_site):
    root = make_site({"content/a.md": article("Floods", slug="floods-in-jakarta"),
                      "content/b.md": article("Other", slug="floods-in-jakarta")})
    assert load(root)[1] == [
        "content/b.md:1:1: duplicate slug 'floods-in-jakarta', also used by content/a.md; give one of them "
        "another `slug:`"]


def test_equal_headlines_get_distinct_slugs_and_given_slugs_win(make_site):
    root = make_site({"content/a.md": article("Floods in Jakarta", date="2025-07-12"),
                      "content/b.md": article("Floods in Jakarta", date="2025-07-13"),
                      "content/c.md": article("Other", slug="floods-in-jakarta")})
    assert {i: a.slug for i, a in loaded(root).items()} == {"a": "floods-in-jakarta-2", "b": "floods-in-jakarta-3",
                                                "c": "floods-in-jakarta"}


def test_a_renamed_article_is_the_article_with_only_its_slug_changed(make_site):
    from dataclasses import fields, replace

    from site_builder.model import with_slug

    root = make_site({"content/a.md": article("Floods in Jakarta", tags=["floods"])})
    original = loaded(root)["a"]
    renamed = with_slug(original, "floods-in-jakarta-2")
    assert renamed == replace(original, slug="floods-in-jakarta-2") and original.slug == "floods-in-jakarta"
    assert [getattr(renamed, f.name) for f in fields(renamed) if f.name != "slug"] == [
        getattr(original, f.name) for f in fields(original) if f.name != "slug"]


def test_every_problem_in_every_file_is_reported_in_one_run(make_site):
    root = make_site({
        "content/empty.md": "",
        "content/colon.md": "---\ntitle: Breaking: news\n---\n",
        "content/types.md": "---\ntitle: 1984\ndate: soon\nsource: S\ntags: 5\ntittle: x\n---\n",
        "content/sub/latin1.md": "---\nsource: Café\n---\n".encode("latin-1"),
        "content/good.md": article("Good"),
    })
    articles, problems = load(root)
    assert [a.id for a in articles] == ["good"]
    assert problems == [
        "content/colon.md:2:16: front matter is not valid YAML (mapping values are not allowed in this context); "
        "put values containing \": \" in quotes",
        "content/empty.md:1:1: the file is empty; start it with front matter between two `---` lines, then the text",
        f"content/sub/latin1.md:2:12: the file is not UTF-8 text (byte 0xe9); {UTF8_HINT}",
        "content/types.md:2:8: 'title' must be text, not a number; put the value in quotes: title: \"1984\"",
        "content/types.md:3:7: date 'soon' does not parse; write a date as 2025-07-12, or a time as "
        "2025-07-12T09:30:00+07:00",
        "content/types.md:5:7: 'tags' must be text or a list of texts, not a number; write `tags: [first, second]`",
        "content/types.md:6:1: warning: unknown front matter key 'tittle'; did you mean 'title'?",
    ]


def test_site_settings_reach_every_article(make_site):
    root = make_site({"content/a.md": "---\ntitle: T\ndate: 2025-07-12 09:30\nsource: S\npaywall: true\n---\nText.\n"})
    articles, problems = load(root, language="id", timezone="Asia/Jakarta", extra_keys=("paywall",))
    assert problems == ["content/a.md:3:7: warning: date has a time but no time zone; add one (e.g. +07:00); "
                        "Asia/Jakarta is assumed"]
    [only] = articles
    assert (only.lang, only.date.isoformat(), only.extra) == ("id", "2025-07-12T09:30:00+07:00", {"paywall": True})


def test_problems_name_files_from_the_site_folder_wherever_the_build_runs(make_site, tmp_path, monkeypatch):
    root = make_site({"content/deep/a.md": ""})
    monkeypatch.chdir(tmp_path.parent)
    assert load(root)[1] == ["content/deep/a.md:1:1: the file is empty; start it with front matter between two "
                             "`---` lines, then the text"]


def test_a_missing_content_folder_is_one_problem(make_site):
    root = make_site({})
    assert load(root) == ([], ["content:0:0: the content folder does not exist; create it, or point `content:` "
                               "in site.yaml (or --content) at your articles"])


LINK_OUTSIDE = "the file is a link to a place outside the content folder; copy the article into the content " \
               "folder instead of linking it"


@pytest.fixture
def linked_site(make_site, tmp_path) -> Path:
    """A site whose content/linked.md is a link to an article outside the content folder."""
    root = make_site({"content/good.md": article("Good")})
    outside = tmp_path / "secret.md"
    outside.write_text(article("Secret"), encoding="utf-8")
    (root / "content" / "linked.md").symlink_to(outside)
    return root


def test_a_link_to_a_file_outside_the_content_folder_is_refused(linked_site):
    articles, [problem] = load(linked_site)
    assert [a.id for a in articles] == ["good"]
    assert problem.endswith(f":0:0: {LINK_OUTSIDE}")


def test_a_link_outside_the_content_folder_is_named_from_the_site_folder(linked_site):
    assert load(linked_site)[1] == [f"content/linked.md:0:0: {LINK_OUTSIDE}"]
