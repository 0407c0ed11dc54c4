"""A `build` whose inputs are those of the last one reads and writes nothing more, and says what the last
one did; any change to an input (an article, a template, a static file, site.yaml, a flag) or a missing
output file makes it a real build again."""

from __future__ import annotations

import os

import pytest
from conftest import article, build_site, site_tree

from site_builder.content import load

from site_builder import pipeline
from site_builder.incremental import inputs


@pytest.fixture
def site(make_site):
    root = make_site({
        "content/a.md": article("Quake hits Hualien", tags=["taiwan"], body="A magnitude 6.4 earthquake."),
        "content/b.md": article("Budget passes", date="2025-07-20", body="The budget passed.").replace(
            "---\nThe", "mood: calm\n---\nThe"),
        "content/draft.md": article("Not yet", date="2025-07-21").replace("---\n", "---\ndraft: true\n", 1),
    })
    return root


def test_nothing_changed_means_nothing_parsed_or_written_and_the_same_report(site, monkeypatch):
    first = build_site(site)
    before = site_tree(site / "output")

    def no_parsing(*args, **kwargs):
        raise AssertionError("an unchanged site was parsed again")

    monkeypatch.setattr(load, "parse_article", no_parsing)
    again = build_site(site)
    assert (again.articles, again.stories, again.files, again.cleaning) == \
        (first.articles, first.stories, first.files, first.cleaning)
    assert [str(p) for p in again.warnings] == [str(p) for p in first.warnings]
    assert any("mood" in str(p) for p in again.warnings), "warnings are reported again"
    assert (again.write.written, again.write.removed, again.write.unchanged) == (0, 0, first.files)
    assert site_tree(site / "output") == before


@pytest.mark.parametrize("change", ["article", "draft", "template", "static file", "site.yaml"])
def test_a_changed_input_makes_a_real_build(site, change):
    build_site(site)
    edits = {
        "article": ("content/a.md", "earthquake.", "earthquake struck."),
        "draft": ("content/draft.md", "draft: true", "draft: false"),
        "template": ("templates/robots.txt", None, "User-agent: *\nDisallow: /private/\n"),
        "static file": ("static/extra.css", None, "body { color: red; }\n"),
        "site.yaml": ("site.yaml", "title: Test Digest", "title: Another Digest"),
    }
    path, old, new = edits[change]
    target = site / path
    target.parent.mkdir(exist_ok=True)
    target.write_text(target.read_text(encoding="utf-8").replace(old, new) if old else new, encoding="utf-8")
    report = build_site(site)
    assert report.write.written > 0


def test_flags_and_missing_output_files_make_a_real_build(site):
    build_site(site)
    assert build_site(site, drafts=True).articles == 3
    assert build_site(site).write.removed > 0  # the draft's page goes again
    page = site / "output" / "robots.txt"
    page.unlink()
    assert build_site(site).write.written == 1
    assert page.is_file()


def test_an_edit_that_keeps_size_and_time_is_seen_while_the_time_is_fresh(site):
    """Within one clock tick a file can change without its time or size changing: a file written in the
    last moments is compared by its bytes."""
    build_site(site)
    target = site / "content" / "a.md"
    stat = target.stat()
    target.write_text(target.read_text(encoding="utf-8").replace("6.4", "6.5"), encoding="utf-8")
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert target.stat().st_size == stat.st_size
    assert build_site(site).write.written > 0
    assert "6.5" in (site / "output" / "articles" / "quake-hits-hualien" / "index.html").read_text(encoding="utf-8")


def test_the_build_after_an_edit_is_the_last_real_one_once_the_edit_is_old(site, monkeypatch):
    """A build just after an edit sees the file freshly written and compares its bytes; the next build,
    when the file's time vouches for it, finds the same inputs and builds nothing."""
    build_site(site)
    target = site / "content" / "a.md"
    target.write_text(target.read_text(encoding="utf-8").replace("6.4", "6.6"), encoding="utf-8")
    assert build_site(site).write.written > 0
    monkeypatch.setattr(load, "settled", lambda mtime_ns: True)  # seconds later

    def real_build(*args, **kwargs):
        raise AssertionError("the inputs of the last build were not recognised")

    monkeypatch.setattr(pipeline, "build_all", real_build)
    assert build_site(site).write.written == 0


def test_a_file_rewritten_in_the_same_tick_after_a_build_is_seen_once_its_time_is_old(site, monkeypatch):
    """The other half of the race: a file the last build read just after it was written, written again
    in the same clock tick with the same size, keeps its time, size and inode; its bytes tell."""
    build_site(site)
    target = site / "content" / "a.md"
    target.write_text(target.read_text(encoding="utf-8").replace("6.4", "6.6"), encoding="utf-8")
    written = target.stat()
    build_site(site)
    target.write_text(target.read_text(encoding="utf-8").replace("6.6", "6.7"), encoding="utf-8")
    os.utime(target, ns=(written.st_atime_ns, written.st_mtime_ns))
    assert (target.stat().st_size, target.stat().st_ino) == (written.st_size, written.st_ino)
    monkeypatch.setattr(load, "settled", lambda mtime_ns: True)
    assert build_site(site).write.written > 0
    assert "6.7" in (site / "output" / "articles" / "quake-hits-hualien" / "index.html").read_text(encoding="utf-8")


def test_the_library_versions_a_build_depends_on_are_those_importlib_metadata_reports():
    from importlib import metadata

    names = ("markdown-it-py", "jinja2", "nh3", "pyyaml", "langcodes", "anyascii", "MarkupSafe", "watchdog")
    assert inputs.installed_versions(names) == [metadata.version(name) for name in names]


def test_a_build_with_nothing_to_do_loads_none_of_the_stages(site):
    """Half of such a build was importing the cleaning rules, markdown-it-py, Jinja2 and grouping it
    never runs; the process is looked at from outside, as a user runs it."""
    import subprocess
    import sys

    build_site(site)
    stages = ["markdown_it", "jinja2", "nh3", "langcodes", "site_builder.cleaning.rules", "site_builder.cleaning.clean",
              "site_builder.stories.clustering", "site_builder.rendering.render", "site_builder.incremental.prepare"]
    script = ("import sys\nfrom site_builder.cli import main\ncode = main(['build', '--quiet'])\n"
              f"print(sorted(m for m in {stages!r} if m in sys.modules))\nsys.exit(code)\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=site, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr
    (site / "content" / "a.md").write_text(article("Quake hits Hualien again"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", script], cwd=site, capture_output=True, text=True, check=True)
    assert "site_builder.rendering.render" in done.stdout  # an edit is a real build, which loads them


def test_a_newer_article_renders_again_only_the_pages_that_show_the_build_time(make_site):
    """The build time moves with each newer article. The theme's own pages do not show it (the site feed's
    time is its newest entry's), so they stay; a page of a template that shows it, here a curator's 404
    page, extended through a template of its own, is made again, and the output equals a cold build's."""
    site = make_site({
        "content/a.md": article("A report", date="2025-07-01"),
        "content/b.md": article("Another report on another matter", date="2025-07-02", source="Other"),
        "templates/stamp.html": "<p>Built for {{ build_time.date().isoformat() }}</p>\n",
        "templates/404.html": "{% extends 'base.html' %}{% block content %}{% include 'stamp.html' %}{% endblock %}",
    })
    build_site(site)
    before = site_tree(site / "output")
    (site / "content" / "c.md").write_text(article("A third matter", date="2025-07-09", source="Third"),
                                           encoding="utf-8")
    report = build_site(site)
    after = site_tree(site / "output")
    assert "Built for 2025-07-09" in after["404.html"].decode()
    story_pages = [path for path in before if path.startswith("stories/") and path.endswith("index.html")]
    assert story_pages and all(after[path] == before[path] for path in story_pages)
    assert report.rendered < report.files, "the two earlier articles' own pages are not made again"
    (site / ".site-builder").rename(site / "set-aside")
    os.rename(site / "output", site / "output-incremental")
    build_site(site)
    assert site_tree(site / "output") == after
