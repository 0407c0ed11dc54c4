"""Editions (`editions: day|week|off`): a page per day or ISO week of the stories that gained coverage in
it, an email-ready HTML file and its plain-text twin, the archive and the feed of editions, read back with
real parsers (the HTML parser of the site tests, feedparser, the Nu HTML Checker)."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from conftest import article, build_site, site_tree
from test_html_validity import checker_report, nu_html_checker
from test_site_output import (BASE_PATH, BASE_URL, EVIL_TEXT, digest_files, file_for_url, page, pager_links,
                              parse_html, unsafe_markup, unsafe_xml)

from site_builder.incremental import pages, parallel


from site_builder.rendering import render
from site_builder.config import parse_config
from site_builder.rendering.editions import edition_id, edition_title

HOSTILE_SOURCE = 'Evil "Outlet" <b>bold</b>'
HOSTILE_URL = 'https://example.com/"><script>alert(1)</script>'
BUILD_TIME = datetime(2025, 7, 20, tzinfo=timezone.utc)
"""Given, so that a new newest article does not move the time every page shows (the feeds' `updated`)."""


def editions_site(make_site, **settings) -> Path:
    """The digest of the site tests (an OpenAI story covered on 11 and 12 July 2025, three stories of one
    article on 10 June, 11 July and 12 July), plus a hostile report on 12 July, built."""
    files = digest_files(**settings)
    files["content/2025/07/hostile.md"] = article(
        title=EVIL_TEXT, date="2025-07-12T10:00:00+00:00", source=HOSTILE_SOURCE, summary=EVIL_TEXT,
        url=HOSTILE_URL)
    site = make_site(files)
    build_site(site, build_time=BUILD_TIME)
    return site


@pytest.fixture
def output(make_site) -> Path:
    return editions_site(make_site) / "output"


def headlines(root) -> list[str]:
    return [section.find("h2").text() for section in root.find_all("section", cls="story-card")]


def coverage_of(root, headline: str) -> list[str]:
    """The article titles listed under a story's headline on an edition page."""
    [section] = [s for s in root.find_all("section", cls="story-card") if s.find("h2").text() == headline]
    return [a.text() for a in section.find_all("a") if (a.get("href") or "").startswith(BASE_PATH + "articles/")]


def test_a_story_appears_in_each_edition_that_brought_it_coverage_with_that_editions_articles_only(output):
    twelfth = page(output, BASE_URL + "editions/2025-07-12/")
    eleventh = page(output, BASE_URL + "editions/2025-07-11/")

    assert twelfth.find("h1").text() == "12 July 2025"
    assert headlines(twelfth) == ["OpenAI delays its open model again", "Startup Jakarta rilis model bahasa",
                                  EVIL_TEXT]  # the story with the newest coverage first
    assert coverage_of(twelfth, "OpenAI delays its open model again") == [
        "OpenAI Kembali Tunda Rilis Model AI Terbuka", "OpenAI ritarda il rilascio del suo modello aperto"]
    assert headlines(eleventh) == ["OpenAI delays its open model again", "Moonshot AI releases Kimi K2"]
    assert coverage_of(eleventh, "OpenAI delays its open model again") == ["OpenAI delays its open model again"]
    item = next(li for li in twelfth.find_all("li", cls="coverage-item") if "Informasi.com" in li.text())
    assert item.find("span", cls="outlet").text() == "Informasi.com"
    assert item.find("a", cls="lang-badge").get("title") == "Indonesian"


def test_editions_link_the_one_before_and_after_and_the_archive_lists_them_all_newest_first(output):
    ids = ["2025-07-12", "2025-07-11", "2025-06-10"]
    urls = [BASE_PATH + f"editions/{identifier}/" for identifier in ids]
    assert pager_links(page(output, urls[0]))[1] is None and pager_links(page(output, urls[0]))[0] == urls[1]
    assert pager_links(page(output, urls[1])) == (urls[2], urls[0])
    assert pager_links(page(output, urls[2])) == (None, urls[1])

    archive = page(output, BASE_URL + "editions/")
    listed = archive.find("ul", cls="entry-list")
    assert [a.get("href") for a in listed.find_all("a")] == urls
    assert [li.text() for li in listed.find_all("li")] == ["12 July 2025 3 stories, 4 reports",
                                                           "11 July 2025 2 stories, 2 reports",
                                                           "10 June 2025 1 story, 1 report"]
    home = page(output, BASE_URL)
    assert BASE_PATH + "editions/" in [a.get("href") for a in home.find("nav").find_all("a")]
    assert sorted(p.relative_to(output).as_posix() for p in (output / "editions").rglob("*")
                  if p.is_file()) == sorted(["editions/index.html", "editions/feed.xml"] + [
                      f"editions/{identifier}/{name}" for identifier in ids
                      for name in ("index.html", "email.html", "email.txt")])


def test_weekly_editions_group_the_articles_by_iso_week(make_site):
    output = editions_site(make_site, editions="week") / "output"

    assert sorted(p.name for p in (output / "editions").iterdir() if p.is_dir()) == ["2025-W24", "2025-W28"]
    week = page(output, BASE_URL + "editions/2025-W28/")
    assert week.find("h1").text() == "Week of 7–13 July 2025"
    assert coverage_of(week, "OpenAI delays its open model again") == [
        "OpenAI delays its open model again", "OpenAI Kembali Tunda Rilis Model AI Terbuka",
        "OpenAI ritarda il rilascio del suo modello aperto"]
    assert pager_links(week) == (BASE_PATH + "editions/2025-W24/", None)


@pytest.mark.parametrize("moment, mode, expected, title", [
    (datetime(2025, 7, 12, 23, 59), "day", "2025-07-12", "12 July 2025"),
    (datetime(2024, 12, 30), "week", "2025-W01", "30 December 2024 – 5 January 2025"),
    (datetime(2021, 1, 3), "week", "2020-W53", "28 December 2020 – 3 January 2021"),
    (datetime(2025, 7, 7), "week", "2025-W28", "7–13 July 2025"),
])
def test_an_edition_is_named_after_its_day_or_iso_week(moment, mode, expected, title):
    assert edition_id(moment, mode) == expected and edition_title(expected) == title


@pytest.mark.parametrize("zone, expected", [("Asia/Jakarta", "2025-07-12"), ("UTC", "2025-07-11")])
def test_an_article_is_in_the_edition_of_its_day_in_the_sites_time_zone(make_site, zone, expected):
    site = make_site({"content/early.md": article(title="Early in Jakarta", date="2025-07-12T02:00:00+07:00")},
                     f"title: T\nbase_url: https://example.org/\ntimezone: {zone}\n")
    build_site(site)
    assert [p.name for p in (site / "output" / "editions").iterdir() if p.is_dir()] == [expected]


def test_editions_off_writes_no_edition_and_no_link_to_them(make_site):
    output = editions_site(make_site, editions="off") / "output"

    assert not (output / "editions").exists()
    home = page(output, BASE_URL)
    assert not [a for a in home.find_all("a") if "editions" in (a.get("href") or "")]


@pytest.mark.parametrize("text, expected", [
    ("editions: week\n", "week"), ("editions: off\n", "off"), ("editions: day\n", "day"), ("", "day")])
def test_the_editions_setting_is_read(text, expected):
    config, problems = parse_config(text, Path("/site"), "site.yaml")
    assert problems == [] and config.editions == expected


@pytest.mark.parametrize("text, shown", [("editions: monthly\n", "'monthly'"), ("editions: 7\n", "7"),
                                         ("editions: yes\n", "True"), ("editions: [day]\n", "['day']")])
def test_a_bad_editions_setting_is_an_error_where_it_stands_with_the_values_to_use(text, shown):
    config, problems = parse_config(text, Path("/site"), "site.yaml")
    assert [str(problem) for problem in problems] == [
        f"site.yaml:1:11: 'editions' must be day, week or off, not {shown}; write `editions: day` (a page per "
        "day), `editions: week` (per ISO week) or `editions: off`"]
    assert config.editions == "day"


# --- the email and its text twin ---------------------------------------------------------------------


def test_the_email_has_no_script_stylesheet_or_style_and_lays_out_with_inline_styles_in_tables(output):
    for path in sorted((output / "editions").glob("*/email.html")):
        root = parse_html(path.read_text(encoding="utf-8"))
        assert not root.find_all("script") and not root.find_all("style") and not root.find_all("link"), path
        assert not [e for e in root.iter() if e.get("class") is not None], "a class means nothing without <style>"
        tables = root.find_all("table")
        assert tables and all(t.get("role") == "presentation" and t.get("style") for t in tables), path
        assert all(cell.get("style") for cell in root.find_all("td")), path
        assert unsafe_markup(root) == [], path


def test_every_address_in_the_email_is_absolute_and_every_one_of_the_site_names_a_file(output):
    for path in sorted((output / "editions").glob("*/email.html")):
        root = parse_html(path.read_text(encoding="utf-8"))
        urls = [e.get(name) for e in root.iter() for name in ("href", "src") if e.get(name) is not None]
        assert urls and all(urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc for url in urls)
        own = [url for url in urls if urlsplit(url).netloc == "example.org"]
        assert own and all(url.startswith(BASE_URL) and file_for_url(output, url).is_file() for url in own), own
        web_version = BASE_URL + path.parent.relative_to(output).as_posix() + "/"
        assert web_version in urls


def test_the_text_twin_holds_every_story_title_and_every_articles_title_and_absolute_link(output):
    for folder in sorted(p for p in (output / "editions").iterdir() if p.is_dir()):
        text = (folder / "email.txt").read_text(encoding="utf-8")
        root = page(output, BASE_URL + folder.relative_to(output).as_posix() + "/")
        for headline in headlines(root):
            assert f"== {headline} ==" in text
        articles = [a for a in root.find_all("a") if (a.get("href") or "").startswith(BASE_PATH + "articles/")]
        assert articles
        for link in articles:
            assert f"* {link.text()}\n" in text and BASE_URL + link.get("href")[len(BASE_PATH):] in text
        assert "<" not in text.replace(EVIL_TEXT, "").replace(HOSTILE_SOURCE, "").replace(HOSTILE_URL, "")


def test_hostile_titles_and_sources_are_text_in_the_email_the_page_and_the_feed_of_editions(output):
    email = parse_html((output / "editions/2025-07-12/email.html").read_text(encoding="utf-8"))
    assert EVIL_TEXT in [h2.text() for h2 in email.find_all("h2")]
    assert any(HOSTILE_SOURCE in span.text() for span in email.find_all("span"))
    assert unsafe_markup(email) == [] and not email.find_all("b")
    assert not page(output, BASE_URL + "editions/2025-07-12/").find_all("b")
    assert unsafe_xml(ET.parse(output / "editions/feed.xml").getroot()) == []
    text = (output / "editions/2025-07-12/email.txt").read_text(encoding="utf-8")
    assert f"* {EVIL_TEXT}\n  {HOSTILE_SOURCE} · English" in text  # plain text: shown as written


def test_under_a_root_base_url_the_email_links_are_still_absolute(make_site):
    files = {path: text for path, text in digest_files().items() if path != "site.yaml"}
    site = make_site(files, "title: Root Digest\nbase_url: https://news.example.net\n")
    build_site(site)
    email = parse_html((site / "output/editions/2025-07-11/email.html").read_text(encoding="utf-8"))
    hrefs = [a.get("href") for a in email.find_all("a")]
    assert "https://news.example.net/editions/2025-07-11/" in hrefs
    assert all(href.startswith(("https://news.example.net/", "https://theverge.example/")) for href in hrefs)


# --- the feed of editions ----------------------------------------------------------------------------


def test_the_feed_of_editions_has_one_entry_per_edition_newest_first(output):
    feed = feedparser.parse((output / "editions/feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert [entry.link for entry in feed.entries] == [BASE_URL + f"editions/{identifier}/" for identifier in
                                                      ("2025-07-12", "2025-07-11", "2025-06-10")]
    assert [entry.title for entry in feed.entries] == ["12 July 2025", "11 July 2025", "10 June 2025"]
    [content] = feed.entries[1].content
    listed = parse_html(content.value)
    assert [a.get("href") for a in listed.find_all("a")][:2] == [
        BASE_URL + "stories/openai-delay/", BASE_URL + "articles/openai-delays-its-open-model-again/"]
    archive = page(output, BASE_URL + "editions/")
    assert archive.find("link", type="application/atom+xml", href=BASE_PATH + "editions/feed.xml")


# --- incremental builds ------------------------------------------------------------------------------


def rendered_paths(site: Path, monkeypatch) -> set[str]:
    """Build on one process and return the pages it rendered (the others kept the last build's files)."""
    rendered = set()
    real = render.Renderer.render

    def recording(self, page):
        before = self.rendered
        real(self, page)
        if self.rendered > before:
            rendered.add(page.path)

    with monkeypatch.context() as patch:
        patch.setattr(parallel, "workers_available", lambda: 1)
        patch.setattr(pages, "workers_available", lambda: 1)
        patch.setattr(render.Renderer, "render", recording)
        build_site(site, build_time=BUILD_TIME)
    return rendered


def edition_files(paths: set[str]) -> set[str]:
    return {path for path in paths if path.startswith("editions/")}


def test_an_edit_renders_again_only_the_editions_that_show_the_edited_article(make_site, monkeypatch):
    site = editions_site(make_site)
    edited = site / "content/2025/07/techcrunch-it.md"  # on 12 July, in a story also covered on 11 July

    edited.write_text(edited.read_text(encoding="utf-8") + "\nA sentence the curator added.\n", encoding="utf-8")
    assert edition_files(rendered_paths(site, monkeypatch)) == {
        "editions/2025-07-12/index.html", "editions/2025-07-12/email.html", "editions/2025-07-12/email.txt",
        "editions/feed.xml"}

    kimi = site / "content/2025/07/kimi.md"
    kimi.write_text(kimi.read_text(encoding="utf-8").replace("Moonshot AI releases", "Moonshot releases"),
                    encoding="utf-8")
    assert edition_files(rendered_paths(site, monkeypatch)) == {
        "editions/2025-07-11/index.html", "editions/2025-07-11/email.html", "editions/2025-07-11/email.txt",
        "editions/feed.xml"}


def test_a_new_day_renders_its_edition_and_relinks_only_the_one_before(make_site, monkeypatch):
    site = editions_site(make_site)
    (site / "content/2025/07/next-day.md").write_text(article(title="A report the day after", date="2025-07-13"),
                                                      encoding="utf-8")
    assert edition_files(rendered_paths(site, monkeypatch)) == {
        "editions/2025-07-13/index.html", "editions/2025-07-13/email.html", "editions/2025-07-13/email.txt",
        "editions/2025-07-12/index.html", "editions/index.html", "editions/feed.xml"}


@pytest.mark.parametrize("mode", ["day", "week"])
def test_an_incremental_build_of_editions_equals_a_cold_build(make_site, tmp_path, mode):
    site = editions_site(make_site, editions=mode)
    edited = site / "content/2025/07/verge.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("again", "once more"), encoding="utf-8")
    (site / "content/2025/06/magistral.md").unlink()
    (site / "content/2025/07/new.md").write_text(article(title="A late report", date="2025-07-14"),
                                                 encoding="utf-8")
    build_site(site)

    cold = tmp_path / "cold"
    shutil.copytree(site, cold, ignore=shutil.ignore_patterns("output", ".site-builder"))
    build_site(cold)
    assert site_tree(site / "output") == site_tree(cold / "output")


# --- validity ----------------------------------------------------------------------------------------


def test_the_edition_pages_the_archive_and_the_email_pass_the_nu_html_checker(make_site):
    site = make_site(digest_files())  # without the hostile report, whose address is no valid URL
    build_site(site)
    output = site / "output"
    pages = [output / "editions/index.html", *sorted((output / "editions").glob("*/*.html"))]
    assert len(pages) == 7

    result = nu_html_checker(pages)

    assert result.returncode == 0, checker_report(result)
