"""Builds that reuse a memo (as `serve` does) give exactly the output of a cold build."""

from __future__ import annotations

import random
import shutil
import threading
import time

import pytest
from watchdog.events import (DirCreatedEvent, DirModifiedEvent, FileClosedEvent, FileCreatedEvent, FileDeletedEvent,
                             FileModifiedEvent, FileMovedEvent)

from conftest import article, build_site, site_tree

from site_builder.cleaning import clean

from site_builder import pipeline

from site_builder.incremental import prepare
from site_builder.config import load_config
from site_builder.errors import BuildFailed
from site_builder.incremental.memo import Memo
from site_builder.pipeline import BuildOptions, build
from site_builder.serving.serve import FOLDER_EVENTS_ECHO_FILES, SETTLE_SECONDS, ChangeHandler, Session, event_for
from site_builder.rendering.theme import hashed_name


def test_memo_builds_after_edits_equal_a_cold_build(make_site, tmp_path):
    root = make_site({
        "content/a.md": article("Quake hits Hualien", body="A magnitude 6.4 earthquake struck Hualien, TSMC said."),
        "content/b.md": article("Terremoto a Hualien", lang="it", body="Terremoto di magnitudo 6.4 a Hualien; TSMC."),
        "content/c.md": article("Budget passes", date="2025-07-20", tags=["economy"], body="The budget passed."),
        "content/e.md": article("Storm nears coast", date="2025-07-18", slug="storm", story="storm",
                                body="A storm nears the coast."),
        "content/f.md": article("Storm reaches coast", date="2025-07-19", story="storm", body="It arrived."),
        "content/g.md": article("Budget passes", date="2025-07-21", body="The senate passed it too."),
        "content/h.md": article("Draft report", date="2025-07-22", draft=True, body="Not yet."),
    })
    config, _ = load_config(root / "site.yaml")
    memo = Memo()
    build(config, BuildOptions(), memo=memo)
    memo.prune()
    # Edits that keep the site's structure (the pages, what each lists) render from the last plan: the
    # story's headline, lead and feed title follow its articles' text all the same.
    edits = [("content/a.md", "struck Hualien", "struck Hualien on Tuesday"),
             ("content/e.md", "title: Storm nears coast", "title: Typhoon nears the coast"),
             ("content/e.md", "A storm nears the coast.", "Typhoon Danas nears the coast, with 200 km/h winds."),
             ("content/g.md", "passed it too.", "passed it too, by 61 votes."),  # its slug: budget-passes-2
             ("content/h.md", "Not yet.", "Not yet, still."),
             ("content/c.md", "tags: [economy]", "tags: [economy, budget]"),
             ("content/b.md", "title: Terremoto a Hualien", "title: Forte terremoto a Hualien"),
             ("content/c.md", "date: 2025-07-20", "date: 2024-12-30")]  # into last year's sitemaps
    edits.append(("content/c.md", "The budget passed.", "The budget passed.\n\nShare this:\n\nFacebook"))
    for number, (path, old, new) in enumerate(edits):
        file = root / path
        file.write_text(file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        report = build(config, BuildOptions(), memo=memo, written=frozenset({str(file.resolve())}))
        memo.prune()
        cold = assert_same_as_cold(root, tmp_path / f"cold-{number}")
        assert (report.articles, report.stories, report.files, report.cleaning) == \
            (cold.articles, cold.stories, cold.files, cold.cleaning)
    (root / "content" / "d.md").write_text(article("A new report", date="2025-07-21"), encoding="utf-8")
    build(config, BuildOptions(), memo=memo)
    assert_same_as_cold(root, tmp_path / "cold")


def assert_same_as_cold(root, cold):
    """The report of a cold build of a copy of the site, which built exactly what the site's output holds."""
    shutil.copytree(root, cold, ignore=shutil.ignore_patterns("output"))
    report = build_site(cold)
    assert site_tree(root / "output") == site_tree(cold / "output")
    return report


STYLE = "body { color: black }\n"


def serve_build(root, memo):
    """One rebuild as `serve` makes it, and what it tells open pages."""
    config, _ = load_config(root / "site.yaml")
    report = build(config, BuildOptions(), memo=memo)
    memo.prune()
    return event_for(report, config.base_path, config.output_dir)


def test_a_stylesheet_edit_swaps_the_stylesheet_for_its_new_name_and_pages_equal_a_cold_build(make_site, tmp_path):
    root = make_site({"content/a.md": article("Quake hits Hualien"), "static/style.css": STYLE},
                     "title: T\nbase_url: https://example.org/digest/\n")
    memo = Memo()
    serve_build(root, memo)
    (root / "static/style.css").write_text("body { color: navy }\n")

    event, data = serve_build(root, memo)

    old, new = hashed_name("style.css", STYLE.encode()), hashed_name("style.css", b"body { color: navy }\n")
    assert (event, data) == ("css", {"swaps": {f"/digest/static/{old}": f"/digest/static/{new}"}})
    cold = tmp_path / "cold"
    shutil.copytree(root, cold, ignore=shutil.ignore_patterns("output"))
    build_site(cold)
    assert site_tree(root / "output") == site_tree(cold / "output")


def test_a_stylesheet_edit_saved_with_an_article_edit_or_deletion_reloads_the_page(make_site):
    root = make_site({"content/a.md": article("Quake hits Hualien", date="2025-01-01"),
                      "content/b.md": article("Budget passes", date="2025-07-20"), "static/style.css": STYLE},
                     "title: T\nbase_url: https://example.org/\nfeed_size: 1\n")
    memo = Memo()
    serve_build(root, memo)
    (root / "static/style.css").write_text("body { color: navy }\n")
    (root / "content/a.md").write_text(article("Quake hits Hualien", date="2025-01-01", body="Edited.\n"))

    assert serve_build(root, memo)[0] == "reload"
    assert serve_build(root, memo) == ("ok", {})
    (root / "static/style.css").write_text(STYLE)
    (root / "content/a.md").unlink()
    assert serve_build(root, memo)[0] == "reload"


def test_serve_looks_again_at_the_files_its_watcher_saw_written_and_scans_when_unsure(make_site, tmp_path,
                                                                                       monkeypatch):
    root = make_site({
        "content/a.md": article("Quake hits Hualien", body="A magnitude 6.4 earthquake struck Hualien, TSMC said."),
        "content/b.md": article("Budget passes", date="2025-07-20", tags=["economy"], body="The budget passed."),
    })
    config, _ = load_config(root / "site.yaml")
    memo = Memo()
    build(config, BuildOptions(), memo=memo)
    memo.prune()
    edited = root / "content" / "a.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("struck Hualien", "struck Hualien on Tuesday"),
                      encoding="utf-8")
    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "find_markdown_files", lambda folder: pytest.fail("the folder was scanned"))
        build(config, BuildOptions(), memo=memo, written=frozenset({str(edited.resolve())}))
    memo.prune()
    page = root / "output" / "articles" / "quake-hits-hualien" / "index.html"
    assert "on Tuesday" in page.read_text(encoding="utf-8")
    new = root / "content" / "c.md"  # not in the last scan: the folder is scanned again
    new.write_text(article("A new report", date="2025-07-21"), encoding="utf-8")
    build(config, BuildOptions(), memo=memo, written=frozenset({str(new.resolve())}))
    memo.prune()
    assert (root / "output" / "articles" / "a-new-report" / "index.html").is_file()
    (root / "content" / "b.md").unlink()  # the watcher saw a deletion: it says it is unsure
    build(config, BuildOptions(), memo=memo, written=None)
    cold = tmp_path / "cold"
    shutil.copytree(root, cold, ignore=shutil.ignore_patterns("output"))
    build_site(cold)
    assert site_tree(root / "output") == site_tree(cold / "output")


def test_the_watcher_vouches_only_for_markdown_files_written_in_place(make_site):
    root = make_site({"content/a.md": article("Quake hits Hualien")})
    session = Session(root / "site.yaml", {}, BuildOptions(), log=lambda line: None)
    assert session.take_written() is None, "the first build scans"
    article_path = str(root / "content" / "a.md")
    for event in (FileModifiedEvent(article_path), FileClosedEvent(article_path)):
        session.note_change(event)
    assert session.take_written() == {article_path}
    assert session.take_written() == set()
    session.note_change(FileModifiedEvent(article_path))
    session.note_change(DirModifiedEvent(str(root / "content")))  # inotify's echo of the file's event
    assert session.take_written() == ({article_path} if FOLDER_EVENTS_ECHO_FILES else None)
    for unsure in (FileCreatedEvent(article_path), FileDeletedEvent(article_path),
                   FileMovedEvent(article_path + ".tmp", article_path), DirCreatedEvent(str(root / "content" / "x")),
                   FileModifiedEvent(str(root / "templates" / "home.html"))):
        session.note_change(FileModifiedEvent(article_path))
        session.note_change(unsure)
        assert session.take_written() is None, unsure


def test_an_edit_that_keeps_ids_slugs_dates_and_drafts_patches_the_last_decisions(make_site, monkeypatch):
    root = make_site({
        "content/a.md": article("Budget passes", body="The budget passed."),
        "content/b.md": article("Budget passes", date="2025-07-13", body="The senate passed it too."),
        "content/c.md": article("Storm nears coast", date="2025-07-14", body="A storm nears the coast."),
    })
    config, memo = served(root)
    edited = root / "content" / "b.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("too.", "too, by 61 votes."), encoding="utf-8")
    looked_up = []
    real_look_up = prepare.look_up
    with monkeypatch.context() as patch:
        patch.setattr(prepare, "decided", lambda *args: pytest.fail("the decisions over all articles were made again"))
        patch.setattr(prepare, "look_up", lambda listed, *args: looked_up.append(listed.found.relative) or
                      real_look_up(listed, *args))
        build(config, BuildOptions(), memo=memo, written=frozenset({str(edited.resolve())}))
    memo.prune()
    assert looked_up == ["b.md"]
    page = root / "output" / "articles" / "budget-passes-2" / "index.html"
    assert "by 61 votes" in page.read_text(encoding="utf-8")
    # A new date moves the article in the order by date: decided again, not patched.
    edited.write_text(edited.read_text(encoding="utf-8").replace("2025-07-13", "2025-07-11"), encoding="utf-8")
    with monkeypatch.context() as patch:
        decisions = []
        real_decided = prepare.decided
        patch.setattr(prepare, "decided", lambda *args: decisions.append(1) or real_decided(*args))
        build(config, BuildOptions(), memo=memo, written=frozenset({str(edited.resolve())}))
    assert decisions == [1]
    assert (root / "output" / "articles" / "budget-passes-2" / "index.html").is_file()
    assert "by 61 votes" in (root / "output" / "articles" / "budget-passes" / "index.html").read_text(encoding="utf-8")


def test_a_file_broken_then_mended_under_serve_gives_a_cold_builds_output(make_site, tmp_path):
    root = make_site({
        "content/a.md": article("Budget passes", body="The budget passed."),
        "content/b.md": article("Storm nears coast", date="2025-07-14", body="A storm nears the coast."),
    })
    config, memo = served(root)
    edited = root / "content" / "b.md"
    original = edited.read_text(encoding="utf-8")
    written = frozenset({str(edited.resolve())})
    for broken in (original.replace("date: 2025-07-14", "date: [unclosed"), original.replace("title:", "titel:")):
        edited.write_text(broken, encoding="utf-8")
        with pytest.raises(BuildFailed) as failed:
            build(config, BuildOptions(), memo=memo, written=written)
        assert all(problem.path == "content/b.md" for problem in failed.value.problems if problem.is_error)
    edited.write_text(original.replace("nears the coast.", "nears the coast at night."), encoding="utf-8")
    build(config, BuildOptions(), memo=memo, written=written)
    memo.prune()
    assert_same_as_cold(root, tmp_path / "cold")


def served(root):
    """The site's settings and the memo of a `serve` session after its first build."""
    config, _ = load_config(root / "site.yaml")
    memo = Memo()
    build(config, BuildOptions(), memo=memo)
    memo.prune()
    return config, memo


def test_serve_builds_once_events_stop_coming(make_site):
    """A burst of events (an editor saving in steps) is waited out: the build starts after the last one."""
    root = make_site({"content/a.md": article("Quake hits Hualien")})
    session = Session(root / "site.yaml", {}, BuildOptions(), log=lambda line: None)
    handler = ChangeHandler(session)
    path = str(root / "content" / "a.md")
    posted = []

    def editor() -> None:
        for _ in range(8):  # each within the wait the one before began
            handler.on_any_event(FileModifiedEvent(path))
            posted.append(time.monotonic())
            time.sleep(SETTLE_SECONDS / 3)
        handler.on_any_event(FileClosedEvent(path))
        posted.append(time.monotonic())

    handler.on_any_event(FileModifiedEvent(path))
    thread = threading.Thread(target=editor)
    thread.start()
    session.settle()
    settled = time.monotonic()
    thread.join()
    assert len(posted) == 9 and settled >= posted[-1]
    assert not session.pending.is_set()


EDIT_KINDS = ("body", "body", "body", "title", "title with its slug given", "tags", "date", "draft", "story", "summary",
              "language", "source", "new", "delete")


def random_edit(content, rng: random.Random, step: int) -> frozenset[str] | None:
    """One edit of an article as a curator makes it, and what serve's watcher reports of it: the file
    written in place, or None (made or deleted: unsure)."""
    files = sorted(content.glob("*.md"))
    kind = rng.choice(EDIT_KINDS)
    if kind == "new" or not files:
        path = content / f"new-{step}.md"
        path.write_text(article(f"Harbour strike day {step}", date=f"2025-07-{1 + step % 27:02d}", tags=["strike"],
                                body=f"Dockers at the harbour struck on day {step}, the union said."), encoding="utf-8")
        return None
    path = rng.choice(files)
    if kind == "delete":
        path.unlink()
        return None
    text = path.read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    lines = dict(line.split(": ", 1) for line in front.removeprefix("---\n").splitlines())
    if kind == "body":
        body += f"\nA sentence added at step {step}.\n"
    elif kind == "title":
        lines["title"] = f"Harbour report, revised {step}"
    elif kind == "title with its slug given":
        lines["slug"] = lines.get("slug", f"given-{step}")
        lines["title"] = f"Harbour update {step}"
    elif kind == "tags":
        lines["tags"] = rng.choice(["[strike]", "[strike, harbour]", "[weather]", "[]"])
    elif kind == "date":
        lines["date"] = f"2025-07-{rng.randint(1, 28):02d}"
    elif kind == "draft":
        lines["draft"] = "false" if lines.get("draft") == "true" else "true"
    elif kind == "story":
        lines["story"] = rng.choice(["harbour-strike", "storm", "false"])
    elif kind == "summary":
        lines["summary"] = f"Summary of step {step}"
    elif kind == "language":
        lines["lang"] = rng.choice(["en", "it", "id"])
    else:
        lines["source"] = rng.choice(["Example News", "Harbour Daily", "Il Porto"])
    path.write_text("---\n" + "\n".join(f"{k}: {v}" for k, v in lines.items()) + "\n---\n" + body, encoding="utf-8")
    return frozenset({str(path.resolve())})


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_serve_builds_after_random_edits_each_equal_a_build_without_memo(make_site, tmp_path, seed):
    """Every kind of edit, saved one after another, through whichever shortcut a rebuild takes. The other
    site gets the same edits and `build`s without a memo: story URLs depend on the builds before (they
    are kept), so both sites go through the same history."""
    root = make_site({f"content/a{n}.md": article(
        f"Harbour strike enters day {n}" if n % 3 else f"Sciopero al porto, giorno {n}", date=f"2025-07-{1 + n:02d}",
        lang="en" if n % 3 else "it", tags=["strike"] if n % 2 else ["harbour", "strike"],
        body=f"Dockers at the harbour struck for the {n}th day, the union said. Ships waited offshore.")
        for n in range(10)})
    other = tmp_path / "other"
    shutil.copytree(root, other)
    config, memo = served(root)
    build_site(other)
    rng = random.Random(seed)
    for step in range(25):
        written = random_edit(root / "content", rng, step)
        shutil.rmtree(other / "content")
        shutil.copytree(root / "content", other / "content")
        try:
            report = build(config, BuildOptions(), memo=memo, written=written)
        except BuildFailed as failed:  # an edit may clash (two equal given slugs); the next goes on from there
            with pytest.raises(BuildFailed) as also:
                build_site(other)
            assert sorted(map(str, also.value.problems)) == sorted(map(str, failed.value.problems))
            continue
        memo.prune()
        reference = build_site(other)
        assert site_tree(root / "output") == site_tree(other / "output"), f"step {step}"
        assert (report.articles, report.stories, report.cleaning) == \
            (reference.articles, reference.stories, reference.cleaning)


def test_serve_keeps_every_file_s_results_after_a_patched_build(make_site, monkeypatch):
    """A patched build looks up only the edited file; the others' results, found in the cache folder by
    the session's first build, must stay in the memo for a later build that scans the folder again."""
    root = make_site({
        "content/a.md": article("Budget passes", body="The budget passed."),
        "content/b.md": article("Storm nears coast", date="2025-07-14", body="A storm nears the coast."),
    })
    build_site(root)  # the cache folder holds both articles
    config, memo = served(root)
    edited = root / "content" / "b.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("coast.", "coast at dawn."), encoding="utf-8")
    build(config, BuildOptions(), memo=memo, written=frozenset({str(edited.resolve())}))
    memo.prune()
    (root / "content" / "c.md").write_text(article("Council votes", date="2025-07-15", body="The council voted."),
                                           encoding="utf-8")
    cleaned = []
    real_clean = clean.clean_article
    with monkeypatch.context() as patch:
        patch.setattr(clean, "clean_article", lambda a, *rest: cleaned.append(a.source_path) or real_clean(a, *rest))
        build(config, BuildOptions(), memo=memo, written=None)  # a new file: the folder is scanned again
    assert cleaned == ["content/c.md"]
