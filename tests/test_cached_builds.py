"""Cached, parallel and incremental builds give exactly the output of a cold build on one process.

The site is the grouping corpus (112 articles in 7 languages, stories across languages) plus the
cleaning corpus (clipped pages full of embeds and widgets): enough files for the build to fork, and
every kind of page. Each build here is compared byte for byte with a cold serial build of the same
content, made in a fresh folder with the cache folder and forking both out of the game.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import pickle
import shutil
from pathlib import Path
from typing import Sequence

import pytest

from conftest import build_site, output_files, site_tree
from site_builder.cleaning import clean
from site_builder.stories import clustering
from site_builder.content import load
from site_builder.incremental import pages, parallel, prepare, regrouping
from site_builder.rendering import render
from site_builder.incremental.cache import read_sealed, write_sealed
from site_builder.config import WORK_FOLDER
from site_builder.config import load_config
from site_builder.errors import BuildFailed
from site_builder.incremental.memo import Memo
from site_builder.incremental.reuse import NO_REUSE
from site_builder.pipeline import BuildOptions, build
from site_builder.writing.write import MANIFEST

TESTS = Path(__file__).resolve().parent
SITE_YAML = "title: Cache Digest\nbase_url: https://example.org/digest/\npage_size: 5\nlist_page_size: 4\n"


def one_process(monkeypatch) -> None:
    monkeypatch.setattr(parallel, "workers_available", lambda: 1)
    monkeypatch.setattr(pages, "workers_available", lambda: 1)


def cold_serial_tree(content: Path, tmp_path: Path, monkeypatch, history: Sequence[Path] = ()) -> dict:
    """The output of a cold build of ``content`` on one process, in a fresh folder; with ``history``
    (earlier content folders), after a build of each, so that story URLs have the same past, but with
    none of their pages or cache left."""
    with monkeypatch.context() as patch:
        one_process(patch)
        root = tmp_path / "reference"
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir()
        (root / "site.yaml").write_text(SITE_YAML)
        for earlier in history:
            shutil.copytree(earlier, root / "content")
            build_site(root)
            for path in (root / "output").iterdir():
                if path.name != MANIFEST:
                    shutil.rmtree(path) if path.is_dir() else path.unlink()
            shutil.rmtree(root / "content")
        shutil.copytree(content, root / "content")
        build_site(root)
        return site_tree(root / "output")


@pytest.fixture
def site(tmp_path) -> Path:
    root = tmp_path / "site"
    content = root / "content"
    shutil.copytree(TESTS / "grouping_corpus" / "articles", content / "grouping")
    shutil.copytree(TESTS / "cleaning_corpus", content / "clipped",
                    ignore=shutil.ignore_patterns("*.expected*", "*.txt", "*.json", "README*"))
    (root / "site.yaml").write_text(SITE_YAML)
    return root


def refuse_cleaning(monkeypatch) -> None:
    """Make any article that is cleaned again fail the test."""
    def cleaned_again(article, *rest):
        raise AssertionError(f"{article.source_path} was cleaned again")
    monkeypatch.setattr(clean, "clean_article", cleaned_again)


def touch_all(content: Path) -> None:
    """New modification times, same bytes: the builds' no-change check no longer applies, the cache does."""
    for path in content.rglob("*.md"):
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 10**10))


def test_a_parallel_cold_build_equals_a_serial_one(site, tmp_path, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(parallel, "workers_available", lambda: 3)  # an uneven deal, even on two cores
        patch.setattr(pages, "workers_available", lambda: 3)
        forks = []
        real_fork = os.fork
        patch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
        build_site(site)
    assert len(forks) == 5, ("the per-article stages and the pages should each have been dealt to 2 more processes, "
                             "and the cache folder written by one more")
    assert site_tree(site / "output") == cold_serial_tree(site / "content", tmp_path, monkeypatch)


def test_a_build_from_the_cache_cleans_nothing_and_equals_a_cold_build(site, tmp_path, monkeypatch):
    build_site(site)
    touch_all(site / "content")
    shutil.rmtree(site / "output" / "articles")  # the pages must come back, the articles from the cache
    with monkeypatch.context() as patch:
        one_process(patch)
        refuse_cleaning(patch)
        report = build_site(site)
    assert report.write.written > 0
    assert site_tree(site / "output") == cold_serial_tree(site / "content", tmp_path, monkeypatch)


def test_the_first_build_of_serve_takes_the_articles_from_the_cache(site, tmp_path, monkeypatch):
    build_site(site)
    config, _ = load_config(site / "site.yaml")
    memo = Memo()
    with monkeypatch.context() as patch:
        refuse_cleaning(patch)
        report = build(config, BuildOptions(), memo=memo)
    memo.prune()
    assert report.rendered == 0 and report.write.written == 0
    (site / "content" / "grouping" / "extra.md").write_text(
        "---\ntitle: A new report\ndate: 2024-04-04\nsource: Example Post\n---\nA new report on the day.\n",
        encoding="utf-8")
    build(config, BuildOptions(), memo=memo)  # the cache folder is read once: later builds use the memo
    assert site_tree(site / "output") == cold_serial_tree(site / "content", tmp_path, monkeypatch)


def test_an_incremental_build_after_edits_equals_a_cold_build_of_the_result(site, tmp_path, monkeypatch):
    build_site(site)
    shutil.copytree(site / "content", tmp_path / "before")
    content = site / "content" / "grouping"
    first, second, third = sorted(content.glob("*.md"))[:3]
    first.write_text(first.read_text(encoding="utf-8") + "\nA line added later by the curator.\n", encoding="utf-8")
    second.unlink()
    third.write_text(third.read_text(encoding="utf-8").replace("---\n\n", "story: merged-by-hand\n---\n\n", 1),
                     encoding="utf-8")
    (content / "new-one.md").write_text("---\ntitle: A late report\ndate: 2026-01-02\nsource: Latecomer\n"
                                        "tags: [later]\nstory: merged-by-hand\n---\nNews of the late report.\n",
                                        encoding="utf-8")
    cleaned = []
    with monkeypatch.context() as patch:
        one_process(patch)
        real_clean = clean.clean_article
        patch.setattr(clean, "clean_article", lambda a, *rest: cleaned.append(a.id) or real_clean(a, *rest))
        report = build_site(site)
    assert sorted(cleaned) == sorted(["grouping/new-one", first.stem, third.stem])
    assert report.write.unchanged > report.write.written, "most pages should have been kept, not written"
    assert site_tree(site / "output") == cold_serial_tree(site / "content", tmp_path, monkeypatch,
                                                          [tmp_path / "before"])


PROMO = "Follow the Latecomer desk for the whole week of late reports"


@pytest.mark.parametrize("index", ["kept", "missing", "stale", "lying", "kept, with chrome"])
def test_a_few_changed_files_are_cleaned_and_grouped_ahead_in_another_process(site, tmp_path, monkeypatch, index):
    """The files the cache folder's index does not list are cleaned, and the articles clustered, in a forked
    process while the build reads the cache folder. Whatever the index says (gone, listing what the folder
    no longer holds, or other grouping items than the articles have), each changed file is cleaned once,
    the articles are clustered here only when that process could not, and the output is a cold build's.
    With chrome learned from the source of a new article, that process clusters the articles as cleaned
    with it (see ``sitechrome``)."""
    content = site / "content" / "grouping"
    chrome = index.endswith("chrome")
    if chrome:  # an outlet whose template adds a line to each article
        for number in range(2):
            (content / f"late-{number}.md").write_text(
                f"---\ntitle: Late report {number}\ndate: 2026-01-0{number + 1}\nsource: Latecomer\n---\n"
                f"News number {number} of the late desk.\n\n{PROMO}\n", encoding="utf-8")
    build_site(site)
    edited = sorted(content.glob("*.md"))[:3]
    for path in edited:
        path.write_text(path.read_text(encoding="utf-8") + "\nA line added later by the curator.\n", encoding="utf-8")
    (content / "new-one.md").write_text("---\ntitle: A late report\ndate: 2026-01-02\nsource: Latecomer\n---\n"
                                        "News of the late report.\n" + (f"\n{PROMO}\n" if chrome else ""),
                                        encoding="utf-8")
    cache = site / WORK_FOLDER / "cache"
    if index == "missing":
        (cache / "index.whole").unlink()
    if index == "stale":  # lists the entries of a folder since emptied
        for shard in cache.glob("*.pickle"):
            shard.unlink()
    if index == "lying":  # every article's item under another version
        version, entries = pickle.loads(read_sealed(cache / "index.whole"))
        entries = {key: (dataclasses.replace(entry[0], version="other"), *entry[1:])
                   if isinstance(entry, tuple) and entry[0] else entry for key, entry in entries.items()}
        write_sealed(cache / "index.whole", lambda out: pickle.dump((version, entries), out))
    log = tmp_path / "work.log"
    real_clean, real_clusters_of = clean.clean_article, regrouping.clusters_of

    def logged(name, work):
        def run(*args):
            with open(log, "a", encoding="utf-8") as out:
                out.write(f"{os.getpid()} {name} {getattr(args[0], 'id', '')}\n")
            return work(*args)
        return run

    with monkeypatch.context() as patch:
        patch.setattr(parallel, "workers_available", lambda: 2)
        patch.setattr(clean, "clean_article", logged("cleaned", real_clean))
        patch.setattr(regrouping, "clusters_of", logged("clustered", real_clusters_of))
        build_site(site)
    lines = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    cleaned = sorted(words[2] for words in lines if words[1] == "cleaned")
    here = {words[1] for words in lines if words[0] == str(os.getpid())}
    if index == "stale":
        assert len(cleaned) == len(set(cleaned)) > 100, "every article should have been cleaned, each once"
    elif chrome:  # the new article is cleaned with its chrome ahead, to group it, and here again
        assert "grouping/new-one" in cleaned and "clustered" not in here, "the articles should be clustered ahead"
        assert PROMO not in (site / "output" / "articles" / "a-late-report" / "index.html").read_text()
    else:
        assert len(cleaned) == len(set(cleaned)) == 4 and "grouping/new-one" in cleaned, "the changed files, each once"
    if index == "kept":
        assert here == set(), "the files should have been cleaned, and the articles clustered, ahead"
    if index in ("missing", "lying"):
        assert "clustered" in here, "the articles should have been clustered here"
    _, kept = pickle.loads(read_sealed(cache / "grouping.whole"))
    assert "other" not in {version for version, *_ in kept.versions.values()}, \
        "the scores kept should be this build's, not those of the items the index gave"
    assert site_tree(site / "output") == cold_serial_tree(site / "content", tmp_path, monkeypatch)


def test_a_build_groups_again_only_the_quarters_around_what_changed(site, tmp_path, monkeypatch):
    """The grouping's scores kept in the cache folder: after an edit, the articles of a quarter two years
    earlier keep the vectors and similarities the last build computed, and the output is a cold build's."""
    earlier = site / "content" / "earlier"
    earlier.mkdir()
    for path in sorted((site / "content" / "grouping").glob("*.md"))[:30]:
        text = path.read_text(encoding="utf-8").replace("date: '2025-", "date: '2023-", 1)
        (earlier / path.name).write_text(text.replace("\nid: ", "\nid: earlier-", 1), encoding="utf-8")
    build_site(site)
    shutil.copytree(site / "content", tmp_path / "before")
    edited = sorted((site / "content" / "grouping").glob("*.md"))[40]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA line added later by the curator.\n", encoding="utf-8")
    indexes = []
    real_init = clustering.Index.__init__

    def recorded_init(index, items, window_seconds, kept=None):
        real_init(index, items, window_seconds, kept)
        indexes.append(index)

    with monkeypatch.context() as patch:
        one_process(patch)
        patch.setattr(clustering.Index, "__init__", recorded_init)
        build_site(site)
    [index] = indexes
    edited_period = index.period[[item.id for item in index.items].index(edited.stem)]  # its `id:`
    around = {period for period in (edited_period - 1, edited_period, edited_period + 1) if period in index.sizes}
    assert index.described == around and len(index.sizes) > len(around), \
        "only the edited article's quarter and those next to it should have been weighed again"
    assert site_tree(site / "output") == cold_serial_tree(site / "content", tmp_path, monkeypatch,
                                                          [tmp_path / "before"])


def test_edits_under_serve_key_only_the_pages_that_show_them_and_equal_a_cold_build(site, tmp_path, monkeypatch):
    """`serve` keeps what its last render keyed: a body or summary edit keys and renders only the pages
    that show the article; an edit that moves pages or changes what lists hold keys every page again."""
    config, _ = load_config(site / "site.yaml")
    memo = Memo()
    build(config, BuildOptions(), memo=memo)
    memo.prune()
    pages = sum(1 for path in output_files(site / "output") if path.endswith((".html", ".xml")))
    target = sorted((site / "content" / "grouping").glob("*.md"))[5]
    few, every = (lambda keyed: keyed < pages / 10), (lambda keyed: keyed > pages / 2)
    edits = [("body", lambda text: text + "\nA sentence the curator added.\n", few),
             ("summary", lambda text: text.replace("\n---\n", "\nsummary: The curator's summary.\n---\n", 1), few),
             ("title", lambda text: text.replace('title: "', 'title: "Update: ', 1), every),  # its URL moves
             ("tag", lambda text: text.replace("\n---\n", "\ntags: [late-edit]\n---\n", 1), every)]
    history: list[Path] = []
    for number, (kind, edit, expected) in enumerate(edits):
        before = tmp_path / f"before-{number}"
        shutil.copytree(site / "content", before)
        target.write_text(edit(target.read_text(encoding="utf-8")), encoding="utf-8")
        keyed = []
        with monkeypatch.context() as patch:
            real_key = render.Renderer.page_key
            patch.setattr(render.Renderer, "page_key", lambda *args: keyed.append(1) or real_key(*args))
            report = build(config, BuildOptions(), memo=memo)
        memo.prune()
        assert report.write.written > 0
        assert expected(len(keyed)), f"{kind} edit: {len(keyed)} pages keyed of {pages}"
        history.append(before)
        assert site_tree(site / "output") == cold_serial_tree(site / "content", tmp_path, monkeypatch, history)


def test_a_template_edited_in_place_is_compiled_again(site):
    theme = site / "templates"
    theme.mkdir()
    (theme / "robots.txt").write_text("User-agent: *\n", encoding="utf-8")
    build_site(site)
    assert any((site / WORK_FOLDER / "cache" / "templates").iterdir()), "compiled templates are kept"
    (theme / "robots.txt").write_text("User-agent: *\nDisallow: /drafts/\n", encoding="utf-8")
    build_site(site)
    assert (site / "output" / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /drafts/\n"


def test_the_garbage_collector_is_paused_only_while_a_build_runs(site, monkeypatch):
    during = []
    real_clean = clean.clean_article
    with monkeypatch.context() as patch:
        one_process(patch)
        patch.setattr(clean, "clean_article", lambda a, *rest: during.append(gc.isenabled()) or real_clean(a, *rest))
        build_site(site)
    assert during and not any(during)
    assert gc.isenabled()
    (site / "content" / "grouping" / "broken.md").write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    with pytest.raises(BuildFailed):
        build_site(site)
    assert gc.isenabled(), "a failed build gives the collector back too"


def test_a_first_build_reads_each_file_once_and_the_next_reads_none(site, monkeypatch):
    """With nothing kept, a first build does not look its files up (reading and hashing each once more in
    the process that deals them out); what it keeps lets the next build, the files' times vouching for
    their bytes, find every article without reading a file."""
    reads = []
    real_read = prepare.read_content_file
    with monkeypatch.context() as patch:
        one_process(patch)
        patch.setattr(prepare, "settled", lambda mtime_ns: True)  # the files are seconds old
        patch.setattr(prepare, "read_content_file", lambda found, *args: reads.append(found.relative) or
                      real_read(found, *args))
        build_site(site)
        first = list(reads)
        reads.clear()
        shutil.rmtree(site / "output" / "articles")  # not a build with nothing to do
        refuse_cleaning(patch)
        assert build_site(site).write.written > 0
    files = [path.relative_to(site / "content").as_posix() for path in (site / "content").rglob("*.md")]
    assert sorted(first) == sorted(files)
    assert reads == []


def test_the_languages_named_by_a_build_are_kept_for_the_next(site, tmp_path, monkeypatch):
    """Naming a language loads langcodes' data (a tenth of a second); the names are kept whole in the
    cache folder, beside the articles' results, which a helper may have written already."""
    build_site(site)
    assert (site / WORK_FOLDER / "cache" / "language-names.whole").is_file()
    touch_all(site / "content")
    shutil.rmtree(site / "output" / "articles")
    with monkeypatch.context() as patch:
        patch.setattr(prepare, "language_name", lambda *args: pytest.fail("a language was named again"))
        assert build_site(site).write.written > 0
    assert site_tree(site / "output") == cold_serial_tree(site / "content", tmp_path, monkeypatch)


def test_a_file_edited_while_the_build_runs_gives_its_new_text_cached_under_no_key(site):
    config, _ = load_config(site / "site.yaml")
    path = sorted((site / "content" / "grouping").glob("*.md"))[0]
    found = next(f for f in load.find_markdown_files(config.content_dir) if f.relative == f"grouping/{path.name}")
    listed = load.Listed(found, f"content/grouping/{path.name}", path.stem)
    task = prepare.look_up(listed, config, prepare.settings_key(config), NO_REUSE, [])
    assert isinstance(task, prepare.Pending)
    path.write_text(path.read_text(encoding="utf-8") + "\nA late sentence.\n", encoding="utf-8")
    result, key, _ = prepare.prepare_pending(task, config)
    assert "A late sentence." in result.article.cleaned_html and key is None
    unchanged = prepare.look_up(listed, config, prepare.settings_key(config), NO_REUSE, [])
    assert prepare.prepare_pending(unchanged, config)[1] == unchanged.key


@pytest.mark.parametrize("damage", ["truncated", "garbage", "another version", "deleted"])
def test_a_damaged_foreign_or_missing_cache_only_costs_time(site, tmp_path, monkeypatch, damage):
    build_site(site)
    cache = site / WORK_FOLDER / "cache"
    shards = sorted(cache.glob("*.pickle"))
    assert len(shards) > 100 and (cache / "grouping.whole").is_file()
    for shard in shards + [cache / "grouping.whole"]:
        if damage == "truncated":
            shard.write_bytes(shard.read_bytes()[:50])
        elif damage == "garbage":
            shard.write_bytes(b"not a pickle at all")
        elif damage == "another version":
            _, entries = pickle.loads(read_sealed(shard))
            write_sealed(shard, lambda out: pickle.dump(("an older site-builder", entries), out))
    if damage == "deleted":
        shutil.rmtree(cache)
    touch_all(site / "content")
    cleaned = []
    with monkeypatch.context() as patch:
        one_process(patch)  # to count in this process every article cleaned
        real_clean = clean.clean_article
        patch.setattr(clean, "clean_article", lambda a, *rest: cleaned.append(a.id) or real_clean(a, *rest))
        build_site(site)
    assert len(cleaned) > 100, "every article should have been cleaned again"
    assert site_tree(site / "output") == cold_serial_tree(site / "content", tmp_path, monkeypatch)
    touch_all(site / "content")
    with monkeypatch.context() as patch:  # the cache was made whole again
        one_process(patch)
        refuse_cleaning(patch)
        build_site(site)


def test_the_cache_folder_is_not_in_the_output_folder(site):
    build_site(site)
    assert any((site / WORK_FOLDER / "cache").glob("*.pickle"))
    assert not any(path.suffix in (".pickle", ".whole", ".cache") for path in (site / "output").rglob("*"))
