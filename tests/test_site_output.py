"""Whole small sites built through the real pipeline, their output read back with real parsers."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest
from conftest import article, build_site, output_files, sitemap_locations, sitemaps_of
from site_builder.rendering import parts
from site_builder.config import WORK_FOLDER

from site_builder.errors import BuildFailed, SiteBuilderError
from site_builder.rendering.theme import hashed_name, unhashed_name

BASE_URL = "https://example.org/digest/"
BASE_PATH = "/digest/"
ATOM = "{http://www.w3.org/2005/Atom}"
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
DANGEROUS_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "svg", "math", "style", "base"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
EVIL_TEXT = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
EVIL_BODY = """A report with hostile markup clipped along with it.

<script>alert(1)</script>
<img src=x onerror=alert(1)>
<img src="https://evil.example/pixel.png" alt="<script>alert(1)</script>" onerror=alert(1)>
<a href="javascript:alert(1)">x</a>
<a href=" JaVaScRiPt:alert(1)">y</a>
<iframe src=https://evil.example></iframe>
<svg onload=alert(1)>
<style>body{}</style>
<p onclick="alert(1)">Clicked.</p>

The end of the report.
"""


# --- helpers -----------------------------------------------------------------------------------------


def site_yaml(**settings: object) -> str:
    """A site.yaml published under https://example.org/digest/, with extra settings."""
    lines = ["title: Test Digest", f"base_url: {BASE_URL}", "language: en", "timezone: UTC"]
    return "\n".join(lines + [f"{key}: {value}" for key, value in settings.items()]) + "\n"


def digest_files(**settings: object) -> dict[str, str]:
    """One story covered by three outlets in three languages, three single-article stories, four outlets,
    tags and two months. Times carry zones, and file order differs from time order on purpose."""
    return {
        "site.yaml": site_yaml(**settings),
        "content/2025/07/informasi.md": article(
            title="OpenAI Kembali Tunda Rilis Model AI Terbuka", date="2025-07-12T09:00:00+07:00",
            source="Informasi.com", lang="id", story="openai-delay", url="https://informasi.com/openai-tunda",
            tags=["OpenAI", "open models"]),
        "content/2025/07/techcrunch-it.md": article(
            title="OpenAI ritarda il rilascio del suo modello aperto", date="2025-07-12T18:30:00+02:00",
            source="TechCrunch Italia", lang="it", story="openai-delay", url="https://techcrunch.example/it/ritardo",
            tags=["OpenAI"]),
        "content/2025/07/verge.md": article(
            title="OpenAI delays its open model again", date="2025-07-11T20:00:00+00:00", source="The Verge",
            lang="en", story="openai-delay", url="https://theverge.example/openai-delay", tags=["OpenAI", "AI safety"]),
        "content/2025/07/jakarta.md": article(
            title="Startup Jakarta rilis model bahasa", date="2025-07-12T20:00:00+07:00", source="Informasi.com",
            lang="id", tags=["open models"]),
        "content/2025/07/kimi.md": article(
            title="Moonshot AI releases Kimi K2", date="2025-07-11T08:00:00+00:00", source="The Verge", lang="en",
            tags=["open models"], body="Kimi K2 is out.\n\n![Benchmark chart](https://cdn.example/kimi-chart.png)\n"),
        "content/2025/06/magistral.md": article(
            title="Mistral publica Magistral", date="2025-06-10", source="El País", lang="es", tags=["open models"]),
    }


@dataclass(eq=False)
class Element:
    """A node of a parsed HTML document: enough of a DOM to query tags, attributes, text and language."""

    tag: str
    attrs: list[tuple[str, str | None]]
    parent: Element | None = None
    children: list[Element | str] = field(default_factory=list)

    def get(self, name: str) -> str | None:
        return dict(self.attrs).get(name)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Element]:
        return [e for e in self.iter() if (tag is None or e.tag == tag)
                and (cls is None or cls in (e.get("class") or "").split())
                and all(e.get(name) == value for name, value in attrs.items())]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Element:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag} class={cls!r} {attrs}> found"
        return found[0]

    def text(self) -> str:
        parts = (c if isinstance(c, str) else c.text() for c in self.children)
        return " ".join("".join(parts).split())

    def language(self) -> str | None:
        """The language in effect here: the nearest lang attribute of the element or its ancestors."""
        node = self
        while node is not None:
            if node.get("lang") is not None:
                return node.get("lang")
            node = node.parent
        return None


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("#document", [])

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID_ELEMENTS:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_html(text: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def file_for_url(output: Path, url: str) -> Path:
    """The output file an absolute URL or site path under the base path is served from."""
    path = unquote(urlsplit(url).path)
    assert path.startswith(BASE_PATH), f"{url} is not under {BASE_PATH}"
    relative = path[len(BASE_PATH):]
    return output / (relative + "index.html" if relative == "" or relative.endswith("/") else relative)


def page(output: Path, url: str) -> Element:
    return parse_html(file_for_url(output, url).read_text(encoding="utf-8"))


def html_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def site_pages(output: Path) -> list[Path]:
    """The HTML pages a reader browses (and a sitemap lists): all but the 404 page and the editions' emails."""
    return [path for path in html_pages(output) if path != output / "404.html" and path.name != "email.html"]


def article_links(root: Element) -> list[str]:
    """The article pages a list (a story's coverage, a tag page...) links to, in order."""
    return [a.get("href") for a in root.find_all("a") if (a.get("href") or "").startswith(BASE_PATH + "articles/")]


def story_links(home: Element) -> list[str]:
    return [card.find("h2").find("a").get("href") for card in home.find_all("article", cls="story-card")]


def pager_links(root: Element) -> tuple[str | None, str | None]:
    """The (previous, next) page links of one page of a paginated list."""
    links = {a.get("rel"): a.get("href") for nav in root.find_all("nav", cls="pager") for a in nav.find_all("a")}
    return links.get("prev"), links.get("next")


def unsafe_markup(root: Element) -> list[str]:
    """Every element or attribute of a parsed document that could run script or embed another page."""
    found = []
    for element in root.iter():
        if element.tag in DANGEROUS_ELEMENTS:
            found.append(f"<{element.tag}> element")
        for name, value in element.attrs:
            if name.startswith("on"):
                found.append(f"{name} attribute on <{element.tag}>")
            compact = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if compact.startswith(DANGEROUS_SCHEMES):
                found.append(f"{name}={value!r} on <{element.tag}>")
    return found


def unsafe_xml(root: ET.Element) -> list[str]:
    """Script-capable XML elements or attributes, and unsafe HTML inside escaped `type="html"` content."""
    found = []
    for element in root.iter():
        local = element.tag.rsplit("}", 1)[-1].lower()
        if local in DANGEROUS_ELEMENTS:
            found.append(f"<{local}> element")
        for name, value in element.attrib.items():
            if name.rsplit("}", 1)[-1].lower().startswith("on"):
                found.append(f"{name} attribute on <{local}>")
            if re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith(DANGEROUS_SCHEMES):
                found.append(f"{name}={value!r} on <{local}>")
        if element.get("type") == "html" and element.text:
            found += [f"in <{local}>: {item}" for item in unsafe_markup(parse_html(element.text))]
    return found


def snapshot(folder: Path, skip: Path | None = None) -> dict[str, tuple[bytes, int] | None]:
    """Every file (bytes and mtime) and folder under ``folder``, except what is under ``skip`` and the
    cache folder (which keeps the results of the good articles of a failed build too)."""
    state: dict[str, tuple[bytes, int] | None] = {}
    for path in sorted(folder.rglob("*")):
        if (skip is not None and (path == skip or path.is_relative_to(skip))) or WORK_FOLDER in path.parts:
            continue
        relative = path.relative_to(folder).as_posix()
        state[relative] = (path.read_bytes(), path.stat().st_mtime_ns) if path.is_file() else None
    return state


def tree(folder: Path) -> dict[str, bytes]:
    return output_files(folder)


# --- links, feed, sitemap and robots.txt under a sub-path --------------------------------------------


def test_every_internal_link_of_every_page_resolves_to_a_file_under_the_base_path(make_site):
    site = make_site(digest_files(page_size=2, list_page_size=2))
    build_site(site)
    output = site / "output"

    checked, remote = 0, []
    for html_file in html_pages(output):
        for element in parse_html(html_file.read_text(encoding="utf-8")).iter():
            if element.get("src") and not element.get("src").startswith(BASE_PATH):
                remote.append(f"{html_file}: <{element.tag} src={element.get('src')}>")
            for name in ("href", "src"):
                url = element.get(name) or ""
                if url.startswith("/") and not url.startswith("//"):
                    assert url.startswith(BASE_PATH), f"{html_file}: {name}={url} is not under {BASE_PATH}"
                elif not url.startswith(BASE_URL):
                    continue
                assert file_for_url(output, url).is_file(), f"{html_file}: {name}={url} leads nowhere"
                checked += 1
    assert checked > 100
    assert remote == [], "pages must load nothing from another host"


def test_feed_links_are_absolute_urls_under_the_base_url_that_resolve_to_files(make_site):
    site = make_site(digest_files())
    build_site(site)
    output = site / "output"
    feed = ET.parse(output / "feed.xml").getroot()

    links = [link for link in feed.iter(f"{ATOM}link") if link.get("rel") != "related"]
    urls = [link.get("href") for link in links] + [element.text for element in feed.iter(f"{ATOM}id")]
    assert len(feed.findall(f"{ATOM}entry")) == 6
    assert len(urls) == 3 + 2 * 6
    for url in urls:
        assert url.startswith(BASE_URL), url
        assert file_for_url(output, url).is_file(), f"{url} leads nowhere"
    self_link = next(link for link in links if link.get("rel") == "self")
    assert self_link.get("href") == BASE_URL + "feed.xml"


def test_sitemap_lists_every_page_but_the_404_page_and_the_emails_as_absolute_urls_that_resolve(make_site):
    site = make_site(digest_files())
    build_site(site)
    output = site / "output"

    locations = sitemap_locations(output)
    assert all(url.startswith(BASE_URL) for url in locations), locations
    listed = [file_for_url(output, url) for url in locations]
    assert sorted(listed) == sorted(site_pages(output)), "each page once"
    assert set(sitemaps_of(output)) == {"sitemaps/articles-2025.xml", "sitemaps/stories-2025.xml",
                                        "sitemaps/editions-2025.xml", "sitemaps/pages.xml"}


def test_a_sitemap_longer_than_the_protocol_allows_is_cut_in_parts(make_site, monkeypatch):
    monkeypatch.setattr(parts, "SITEMAP_URLS", 3)
    site = make_site(digest_files())
    build_site(site)
    output = site / "output"

    sitemaps = sitemaps_of(output)
    assert all(0 < len(urls) <= 3 for urls in sitemaps.values())
    assert {"sitemaps/pages-1.xml", "sitemaps/pages-2.xml"} <= set(sitemaps)
    assert set(sitemaps) == {path.relative_to(output).as_posix() for path in (output / "sitemaps").iterdir()}
    listed = [file_for_url(output, url) for urls in sitemaps.values() for url in urls]
    assert sorted(listed) == sorted(site_pages(output)), "each page once"


def test_robots_txt_names_the_absolute_url_of_the_sitemap(make_site):
    site = make_site(digest_files())
    build_site(site)

    lines = (site / "output" / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {BASE_URL}sitemap.xml" in lines


# --- stories, articles and the home page ---------------------------------------------------------------


def test_home_lists_stories_most_recently_updated_first_with_their_outlets_and_languages(make_site):
    site = make_site(digest_files())
    build_site(site)
    home = page(site / "output", BASE_PATH)

    # The Jakarta story's 20:00+07:00 is 13:00 UTC, earlier than the Italian report at 18:30+02:00.
    assert story_links(home) == [BASE_PATH + "stories/openai-delay/",
                                 BASE_PATH + "stories/startup-jakarta-rilis-model-bahasa/",
                                 BASE_PATH + "stories/moonshot-ai-releases-kimi-k2/",
                                 BASE_PATH + "stories/mistral-publica-magistral/"]
    card = home.find_all("article", cls="story-card")[0]
    outlets = [span.text() for span in card.find_all("span", cls="outlet")]
    assert outlets == ["The Verge", "Informasi.com", "TechCrunch Italia"]
    assert "English, Indonesian, Italian" in card.find("p", cls="meta").text()
    assert [a.get("lang") for a in card.find_all("a") if a.get("href") in article_links(card)] == ["en", "id", "it"]


def test_articles_sharing_a_story_key_form_one_story_page_listing_them_in_time_order(make_site):
    site = make_site(digest_files())
    report = build_site(site)
    story = page(site / "output", BASE_PATH + "stories/openai-delay/")

    assert report.articles == 6 and report.stories == 4
    assert article_links(story.find("ol", cls="coverage")) == [
        BASE_PATH + "articles/openai-delays-its-open-model-again/",
        BASE_PATH + "articles/openai-kembali-tunda-rilis-model-ai-terbuka/",
        BASE_PATH + "articles/openai-ritarda-il-rilascio-del-suo-modello-aperto/"]
    assert [a.get("href") for a in story.find_all("a", cls="original")] == [
        "https://theverge.example/openai-delay", "https://informasi.com/openai-tunda",
        "https://techcrunch.example/it/ritardo"]
    assert story.find("h1").text() == "OpenAI delays its open model again"


def test_an_article_without_story_key_is_a_story_of_its_own(make_site):
    site = make_site(digest_files())
    build_site(site)
    story = page(site / "output", BASE_PATH + "stories/moonshot-ai-releases-kimi-k2/")

    assert article_links(story.find("ol", cls="coverage")) == [BASE_PATH + "articles/moonshot-ai-releases-kimi-k2/"]


def test_an_article_page_marks_its_language_and_links_to_the_original_and_the_other_coverage(make_site):
    site = make_site(digest_files())
    build_site(site)
    article_page = page(site / "output", BASE_PATH + "articles/openai-kembali-tunda-rilis-model-ai-terbuka/")

    body = article_page.find("div", cls="article-body")
    assert body.language() == "id"
    assert article_page.find("article").get("lang") == "id"
    assert article_page.find_all("a", href="https://informasi.com/openai-tunda")
    coverage = article_page.find("aside", cls="story-context")
    assert set(article_links(coverage)) == {BASE_PATH + "articles/openai-delays-its-open-model-again/",
                                            BASE_PATH + "articles/openai-kembali-tunda-rilis-model-ai-terbuka/",
                                            BASE_PATH + "articles/openai-ritarda-il-rilascio-del-suo-modello-aperto/"}
    assert coverage.find("a", href=BASE_PATH + "stories/openai-delay/")


def test_a_story_lead_carries_the_language_of_the_article_it_is_taken_from(make_site):
    site = make_site({
        "content/ritardo.md": article(title="Il ritardo", date="2025-07-10", lang="it", story="delay",
                                      summary="Riassunto in italiano."),
        "content/delay.md": article(title="The delay", date="2025-07-11", lang="en", story="delay",
                                    summary="An English summary."),
    }, site_yaml())
    build_site(site)

    for url in (BASE_PATH, BASE_PATH + "stories/delay/"):
        lead = page(site / "output", url).find("p", cls="lead")
        assert lead.text() == "An English summary."
        assert lead.language() == "en", url


def test_a_story_headline_carries_the_language_of_the_article_it_is_taken_from(make_site):
    site = make_site({"content/solo.md": article(title="Solo in italiano", lang="it")}, site_yaml())
    build_site(site)

    home = page(site / "output", BASE_PATH)
    assert home.find("article", cls="story-card").find("h2").language() == "it"
    story = page(site / "output", BASE_PATH + "stories/solo-in-italiano/")
    assert story.find("h1").language() == "it"


# --- tags, sources, archive and pagination -----------------------------------------------------------


def test_tag_source_and_monthly_archive_pages_list_exactly_their_articles(make_site):
    site = make_site(digest_files())
    build_site(site)
    output = site / "output"

    def listed(url: str) -> set[str]:
        return {href.removeprefix(BASE_PATH + "articles/").removesuffix("/")
                for href in article_links(page(output, url).find("main"))}

    assert listed(BASE_PATH + "tags/ai-safety/") == {"openai-delays-its-open-model-again"}
    assert listed(BASE_PATH + "tags/openai/") == {"openai-delays-its-open-model-again",
                                                  "openai-kembali-tunda-rilis-model-ai-terbuka",
                                                  "openai-ritarda-il-rilascio-del-suo-modello-aperto"}
    assert listed(BASE_PATH + "sources/informasi-com/") == {"openai-kembali-tunda-rilis-model-ai-terbuka",
                                                            "startup-jakarta-rilis-model-bahasa"}
    assert listed(BASE_PATH + "sources/el-pais/") == {"mistral-publica-magistral"}
    assert listed(BASE_PATH + "archive/2025/06/") == {"mistral-publica-magistral"}
    assert len(listed(BASE_PATH + "archive/2025/07/")) == 5

    tag_index = page(output, BASE_PATH + "tags/").find("ul", cls="entry-list")
    assert [(li.find("a").text(), li.find("span", cls="count").text()) for li in tag_index.find_all("li")] == [
        ("AI safety", "1"), ("open models", "4"), ("OpenAI", "3")]
    archive = page(output, BASE_PATH + "archive/").find("ul", cls="entry-list")
    assert [a.get("href") for a in archive.find_all("a")] == [BASE_PATH + "archive/2025/07/",
                                                              BASE_PATH + "archive/2025/06/"]


def test_tags_and_sources_differing_only_in_capitalisation_share_one_page(make_site):
    site = make_site({"content/a.md": article(title="First", source="Reuters", tags=["OpenAI"]),
                      "content/b.md": article(title="Second", source="reuters", tags=["openai"])}, site_yaml())
    build_site(site)

    for url in (BASE_PATH + "tags/openai/", BASE_PATH + "sources/reuters/"):
        assert sorted(article_links(page(site / "output", url).find("main"))) == [
            BASE_PATH + "articles/first/", BASE_PATH + "articles/second/"]


def test_the_home_page_shows_the_newest_stories_and_numbered_pages_the_older_ones_from_the_oldest(make_site):
    files = {f"content/s{n}.md": article(title=f"Story number {n}", date=f"2025-07-0{n}") for n in range(1, 8)}
    site = make_site(files, site_yaml(page_size=2))
    build_site(site)
    output = site / "output"

    # 7 stories, pages of 2: page 1 the oldest two, page 2 the next two, the front page the newest three.
    urls = [BASE_PATH, BASE_PATH + "page/2/", BASE_PATH + "page/1/"]
    pages = [page(output, url) for url in urls]
    assert [pager_links(p) for p in pages] == [(None, urls[1]), (urls[0], urls[2]), (urls[1], None)]
    assert [len(story_links(p)) for p in pages] == [3, 2, 2]
    assert [link for p in pages for link in story_links(p)] == [
        f"{BASE_PATH}stories/story-number-{n}/" for n in range(7, 0, -1)]
    assert not (output / "page" / "3").exists()
    assert "page 2" in pages[1].find("title").text() and "page" not in pages[0].find("title").text()


def test_a_new_story_rewrites_the_front_page_and_leaves_the_numbered_pages_as_they_were(make_site):
    files = {f"content/s{n}.md": article(title=f"Story number {n}", date=f"2025-07-0{n}") for n in range(1, 7)}
    site = make_site(files, site_yaml(page_size=2))
    build_site(site)
    numbered = {path: path.read_bytes() for path in sorted((site / "output" / "page").rglob("*.html"))}
    front = (site / "output" / "index.html").read_bytes()
    (site / "content" / "s8.md").write_text(article(title="Story number 7", date="2025-07-07"), encoding="utf-8")

    build_site(site)

    assert len(numbered) == 2
    assert {path: path.read_bytes() for path in sorted((site / "output" / "page").rglob("*.html"))} == numbered
    assert story_links(page(site / "output", BASE_PATH))[0] == f"{BASE_PATH}stories/story-number-7/"
    assert (site / "output" / "index.html").read_bytes() != front


def test_a_tag_is_split_into_pages_of_list_page_size_articles_linked_by_prev_and_next(make_site):
    files = {f"content/a{n}.md": article(title=f"Report {n}", date=f"2025-07-0{n}", tags=["models"])
             for n in range(1, 7)}
    site = make_site(files, site_yaml(list_page_size=2))
    build_site(site)
    output = site / "output"

    urls = [BASE_PATH + "tags/models/", BASE_PATH + "tags/models/page/2/", BASE_PATH + "tags/models/page/1/"]
    pages = [page(output, url) for url in urls]
    assert [pager_links(p) for p in pages] == [(None, urls[1]), (urls[0], urls[2]), (urls[1], None)]
    assert [article_links(p.find("ul", cls="article-list")) for p in pages] == [
        [f"{BASE_PATH}articles/report-6/", f"{BASE_PATH}articles/report-5/"],
        [f"{BASE_PATH}articles/report-4/", f"{BASE_PATH}articles/report-3/"],
        [f"{BASE_PATH}articles/report-2/", f"{BASE_PATH}articles/report-1/"]]


# --- untrusted content -------------------------------------------------------------------------------


def test_no_output_file_carries_script_event_handlers_javascript_urls_or_frames_from_hostile_input(make_site):
    hostile = dict(title=EVIL_TEXT, source=EVIL_TEXT, summary=EVIL_TEXT, author=EVIL_TEXT,
                   url='https://example.com/"><script>alert(1)</script>',
                   tags=["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'])
    site = make_site({"content/hostile.md": article(body=EVIL_BODY, story=EVIL_TEXT, **hostile),
                      "content/other.md": article(title="A calm report", story=EVIL_TEXT)}, site_yaml())
    build_site(site)
    output = site / "output"

    # The check recognises all twelve hostile constructs of the input when they are left as markup.
    assert len(unsafe_markup(parse_html(EVIL_BODY + EVIL_TEXT))) == 12
    html_files, xml_files = html_pages(output), sorted(output.rglob("*.xml"))
    assert len(html_files) > 10 and {p.name for p in xml_files if p.parent.name != "sitemaps"} == {"feed.xml",
                                                                                                    "sitemap.xml"}
    for path in html_files:
        assert unsafe_markup(parse_html(path.read_text(encoding="utf-8"))) == [], path
    for path in xml_files:
        assert unsafe_xml(ET.parse(path).getroot()) == [], path

    article_page = page(output, BASE_PATH + "articles/script-alert-1-script-img-src-x-onerror-alert-1/")
    assert article_page.find("h1").text() == EVIL_TEXT
    body = article_page.find("div", cls="article-body")
    assert "A report with hostile markup" in body.text() and "The end of the report." in body.text()


def test_the_feed_content_of_a_hostile_article_stays_harmless_once_unescaped_by_a_feed_reader(make_site):
    site = make_site({"content/hostile.md": article(body=EVIL_BODY, title=EVIL_TEXT, summary=EVIL_TEXT,
                                                    author=EVIL_TEXT, tags=[EVIL_TEXT])}, site_yaml())
    build_site(site)

    feed = feedparser.parse((site / "output" / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    [entry] = feed.entries
    assert entry.title == EVIL_TEXT and entry.title_detail.type == "text/plain"
    assert entry.summary_detail.type == "text/plain"
    [content] = entry.content
    assert content.type == "text/html" and "The end of the report." in content.value
    assert unsafe_markup(parse_html(content.value)) == []


# --- how the output folder is written ----------------------------------------------------------------


def test_two_builds_of_the_same_input_into_two_folders_are_byte_identical(make_site):
    site = make_site(digest_files())
    build_site(site, {"output_dir": site / "first"})
    # The second build runs in a fresh interpreter with another hash seed, so set order cannot leak in.
    command = [sys.executable, "-m", "site_builder", "build", "--quiet", "--config", str(site / "site.yaml"),
               "--output", str(site / "second")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONHASHSEED": "4242"})
    assert result.returncode == 0, result.stderr

    first, second = tree(site / "first"), tree(site / "second")
    assert len(first) > 20
    assert first.keys() == second.keys()
    # The manifest's digest of the inputs has the bytes of files written in the last 2 seconds: a slow
    # second build can find them settled.
    manifests = [json.loads(files.pop(".site-builder-manifest.json")) for files in (first, second)]
    assert [{k: v for k, v in manifest.items() if k != "inputs"} for manifest in manifests] == [
        {k: v for k, v in manifests[0].items() if k != "inputs"}] * 2
    assert [path for path in first if first[path] != second[path]] == []


def test_a_second_build_into_the_same_folder_writes_nothing(make_site):
    site = make_site(digest_files())
    first = build_site(site)
    before = snapshot(site / "output")

    second = build_site(site)

    assert first.write.written == first.files
    assert (second.write.written, second.write.unchanged, second.write.removed) == (0, second.files, 0)
    after = snapshot(site / "output")
    after.pop(".site-builder-manifest.json"), before.pop(".site-builder-manifest.json")  # see the test below
    assert after == before


def test_a_second_build_leaves_even_the_manifest_untouched(make_site):
    site = make_site(digest_files())
    build_site(site)
    manifest = site / "output" / ".site-builder-manifest.json"
    before = (manifest.read_bytes(), manifest.stat().st_ino, manifest.stat().st_mtime_ns)

    build_site(site)

    assert (manifest.read_bytes(), manifest.stat().st_ino, manifest.stat().st_mtime_ns) == before


def test_rebuilding_after_an_article_is_deleted_removes_its_pages_and_their_empty_folders(make_site):
    site = make_site(digest_files())
    build_site(site)
    output = site / "output"
    gone = ["articles/mistral-publica-magistral", "stories/mistral-publica-magistral", "sources/el-pais",
            "archive/2025/06", "lang/es", "editions/2025-06-10"]
    assert all((output / folder / "index.html").is_file() for folder in gone)

    (site / "content/2025/06/magistral.md").unlink()
    report = build_site(site)

    assert report.write.removed == len(gone) + 4  # the pages, the story's two feeds and the edition's two emails
    assert [folder for folder in gone if (output / folder).exists()] == []
    assert (output / "articles/moonshot-ai-releases-kimi-k2/index.html").is_file()
    manifest = json.loads((output / ".site-builder-manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["files"]) == sorted(tree(output).keys() - {".site-builder-manifest.json"})


def test_files_put_into_the_output_folder_by_hand_survive_rebuilds(make_site):
    site = make_site(digest_files())
    build_site(site)
    output = site / "output"
    by_hand = {"CNAME": "digest.example.org\n", "articles/mistral-publica-magistral/notes.txt": "keep me\n",
               "static/extra/logo.txt": "logo\n"}
    for relative, text in by_hand.items():
        (output / relative).parent.mkdir(parents=True, exist_ok=True)
        (output / relative).write_text(text, encoding="utf-8")

    (site / "content/2025/06/magistral.md").unlink()
    build_site(site)

    assert {relative: (output / relative).read_text(encoding="utf-8") for relative in by_hand} == by_hand
    assert not (output / "articles/mistral-publica-magistral/index.html").exists()


FAILURES = {
    "an article with invalid YAML": ("content/broken.md", "---\ntitle: [unclosed\ndate: 2025-07-13\n---\nText.\n"),
    "an article without a source": ("content/sourceless.md", "---\ntitle: No source\ndate: 2025-07-13\n---\nText.\n"),
    "a template with an error": ("templates/story.html", '{% extends "base.html" %}\n{% block content %}\n'
                                                         "{{ story.no_such_key }}\n{% endblock %}\n"),
}


@pytest.mark.parametrize("failure", FAILURES, ids=list(FAILURES))
def test_a_failed_build_leaves_every_output_file_as_it_was(make_site, failure):
    site = make_site(digest_files())
    build_site(site)
    (site / "content/2025/06/magistral.md").unlink()  # a change the failed build must not publish either
    before = snapshot(site / "output")

    relative, text = FAILURES[failure]
    (site / relative).parent.mkdir(parents=True, exist_ok=True)
    (site / relative).write_text(text, encoding="utf-8")
    with pytest.raises(BuildFailed):
        build_site(site)

    assert snapshot(site / "output") == before


def test_a_build_writes_nothing_outside_its_output_folder(make_site, tmp_path, monkeypatch):
    site = make_site({**digest_files(), "templates/404.html": '{% extends "base.html" %}\n',
                      "static/extra.css": "p {}\n"})
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path, skip=site / "output")
    build_site(site)
    assert snapshot(tmp_path, skip=site / "output") == before

    (site / "content/2025/06/magistral.md").unlink()
    before = snapshot(tmp_path, skip=site / "output")
    report = build_site(site)
    assert snapshot(tmp_path, skip=site / "output") == before
    assert report.write.removed > 0 and (site / "output" / "index.html").is_file()


OUTPUT_GUARDS = {
    "the site folder itself": (".", "content", "."),
    "the content folder's parent": ("data", "data/content", "data"),
}


@pytest.mark.parametrize("guard", OUTPUT_GUARDS, ids=list(OUTPUT_GUARDS))
def test_an_output_folder_holding_the_sites_own_files_is_refused_and_nothing_is_deleted(make_site, guard):
    output, content, manifest_folder = OUTPUT_GUARDS[guard]
    # A manifest claiming the site's own files, as if an earlier build had written them: a build that went
    # ahead would delete them as stale.
    content_file = f"{content}/report.md"
    claimed = {Path(path).relative_to(manifest_folder).as_posix(): "0" * 64
               for path in (content_file, "site.yaml") if Path(path).is_relative_to(manifest_folder)}
    site = make_site({
        "site.yaml": site_yaml(output=output, content=content),
        content_file: article(),
        f"{manifest_folder}/.site-builder-manifest.json": json.dumps({"files": claimed}),
    })
    before = snapshot(site)

    with pytest.raises(SiteBuilderError, match="output folder"):
        build_site(site)

    assert snapshot(site) == before


def test_drafts_are_left_out_unless_asked_for(make_site):
    site = make_site({"content/public.md": article(title="Public report", date="2025-07-01"),
                      "content/draft.md": article(title="Draft report", date="2025-07-02", draft=True)}, site_yaml())
    output = site / "output"
    draft_page = output / "articles/draft-report/index.html"

    report = build_site(site)
    assert report.articles == 1 and not draft_page.exists()
    assert story_links(page(output, BASE_PATH)) == [BASE_PATH + "stories/public-report/"]
    assert "Draft report" not in (output / "feed.xml").read_text(encoding="utf-8")

    report = build_site(site, drafts=True)
    assert report.articles == 2 and draft_page.is_file()
    assert story_links(page(output, BASE_PATH)) == [BASE_PATH + "stories/draft-report/",
                                                    BASE_PATH + "stories/public-report/"]


# --- themes ------------------------------------------------------------------------------------------


def test_a_site_template_replaces_the_theme_template_of_that_name(make_site):
    site = make_site({**digest_files(), "templates/article.html": (
        '{% extends "base.html" %}\n{% block content %}\n<p class="custom">Custom: {{ article.title }}</p>\n'
        "{% endblock %}\n")})
    build_site(site)
    output = site / "output"

    article_page = page(output, BASE_PATH + "articles/moonshot-ai-releases-kimi-k2/")
    assert article_page.find("p", cls="custom").text() == "Custom: Moonshot AI releases Kimi K2"
    assert article_page.find_all("header", cls="site-header") and not article_page.find_all("div", cls="article-body")
    assert page(output, BASE_PATH + "stories/openai-delay/").find_all("ol", cls="coverage")


def test_site_static_files_replace_the_theme_files_of_that_name_and_the_other_theme_files_stay(make_site):
    site = make_site({
        **digest_files(),
        "site.yaml": site_yaml(theme="paper"),
        "themes/paper/templates/404.html": '{% extends "base.html" %}\n{% block content %}<p>Paper 404</p>'
                                           "{% endblock %}\n",
        "themes/paper/static/style.css": "/* paper */\n",
        "themes/paper/static/print.css": "/* paper print */\n",
        "static/style.css": "/* the site's own */\n",
    })
    build_site(site)
    output = site / "output"

    assert {unhashed_name(name): content for name, content in tree(output / "static").items()} == {
        "style.css": b"/* the site's own */\n", "print.css": b"/* paper print */\n"}
    assert page(output, BASE_PATH + "404.html").find("main").text() == "Paper 404"
    assert page(output, BASE_PATH).find_all("article", cls="story-card")


def test_stylesheets_and_scripts_get_content_hashed_names_that_pages_link_and_other_files_keep_theirs(make_site):
    files = {**digest_files(), "static/js/menu.js": "// menu\n", "static/logo.svg": "<svg/>\n",
             "templates/base.html": '<link rel="stylesheet" href="{{ url(\'static/style.css\') }}">'
                                    '<script src="{{ absolute_url(\'static/js/menu.js\') }}"></script>'
                                    "{% block content %}{% endblock %}\n"}
    style = (Path(__file__).parent.parent / "themes/default/static/style.css").read_bytes()
    site = make_site(files)
    build_site(site)
    output = site / "output"
    css, js = hashed_name("style.css", style), hashed_name("js/menu.js", b"// menu\n")

    assert re.fullmatch(r"style\.[0-9a-f]{8}\.css", css) and re.fullmatch(r"js/menu\.[0-9a-f]{8}\.js", js)
    assert sorted(tree(output / "static")) == sorted([css, js, "logo.svg"])
    home = (output / "index.html").read_text(encoding="utf-8")
    assert f'href="{BASE_PATH}static/{css}"' in home and f'src="{BASE_URL}static/{js}"' in home
    assert (output / "index.html").is_file() and not list(output.rglob("index.*.html"))

    (site / "static/js/menu.js").write_text("// menu, changed\n")
    build_site(site)
    changed = hashed_name("js/menu.js", b"// menu, changed\n")
    assert not (output / "static" / js).exists() and (output / "static" / changed).is_file()


def test_an_unknown_theme_is_an_error_listing_the_available_themes(make_site):
    site = make_site({"content/a.md": article(), "themes/mine/templates/404.html": "Not found\n"},
                     site_yaml(theme="nope"))

    with pytest.raises(SiteBuilderError) as error:
        build_site(site)

    message = str(error.value)
    assert "'nope'" in message and "default" in message and "mine" in message
    assert not (site / "output").exists()


TEMPLATE_ERRORS = {
    "a syntax error": ('{% extends "base.html" %}\n{% block content %}\n{% if %}\n{% endblock %}\n', 3),
    "an undefined variable": ('{% extends "base.html" %}\n{% block content %}\n<p>Fine.</p>\n'
                              "<p>{{ no_such_variable }}</p>\n{% endblock %}\n", 4),
}


@pytest.mark.parametrize("kind", TEMPLATE_ERRORS, ids=list(TEMPLATE_ERRORS))
def test_a_template_error_fails_the_build_naming_the_template_file_and_line(make_site, kind):
    text, line = TEMPLATE_ERRORS[kind]
    site = make_site({"content/a.md": article(), "templates/article.html": text}, site_yaml())

    with pytest.raises(BuildFailed) as error:
        build_site(site)

    [problem] = error.value.problems
    assert Path(problem.path).resolve() == (site / "templates" / "article.html").resolve()
    assert problem.line == line
    assert not (site / "output").exists()


# --- slugs -------------------------------------------------------------------------------------------


def test_titles_in_indonesian_italian_and_japanese_give_ascii_slugs_and_every_path_is_ascii(make_site):
    site = make_site({
        "content/id.md": article(title="Pemerintah Umumkan Regulasi Kecerdasan Buatan", lang="id"),
        "content/it.md": article(title="Perché l'Italia è più veloce: città e università", lang="it",
                                 source="Corriere della Sera", tags=["Unione europea", "più"]),
        "content/ja.md": article(title="東京で新しいAIモデルが発表された", lang="ja", source="日本経済新聞",
                                 tags=["人工知能"], story="東京モデル"),
    }, site_yaml())
    build_site(site)
    output = site / "output"

    slugs = {path.parent.name for path in (output / "articles").glob("*/index.html")}
    assert "pemerintah-umumkan-regulasi-kecerdasan-buatan" in slugs
    assert "perche-l-italia-e-piu-veloce-citta-e-universita" in slugs
    [japanese] = slugs - {"pemerintah-umumkan-regulasi-kecerdasan-buatan",
                          "perche-l-italia-e-piu-veloce-citta-e-universita"}
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", japanese) and not re.fullmatch(r"[0-9a-f]{10}", japanese)
    paths = [path.relative_to(output).as_posix() for path in output.rglob("*")]
    assert [path for path in paths if not path.isascii()] == []
    assert [path for path in paths if not re.fullmatch(r"[a-z0-9./_-]+", path)] == []
