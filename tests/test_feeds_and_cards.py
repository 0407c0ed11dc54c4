"""JSON Feed 1.1 beside every Atom feed, and the share cards (Open Graph, Twitter) of every page: read
with real parsers (json, feedparser, the HTML parser of the site tests)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from datetime import datetime

import feedparser
import pytest
from conftest import article, build_site
from test_site_output import ATOM, BASE_URL, digest_files, file_for_url, parse_html, site_pages


JSON_FEED_ITEM_KEYS = {"id", "url", "external_url", "title", "content_html", "content_text", "summary", "image",
                       "banner_image", "date_published", "date_modified", "authors", "tags", "language",
                       "attachments"}


@pytest.fixture
def output(make_site):
    files = digest_files()
    files["content/2025/07/pictured.md"] = article(
        title="Harbour reopens after the storm", date="2025-07-20", source="Port News", story="harbour",
        image="harbour.jpg", body="The harbour reopened on Sunday after three days of repairs.\n")
    files["content/2025/07/filmed.md"] = article(
        title="The harbour's first ship, filmed", date="2025-07-20T16:00:00+00:00", source="Port TV",
        story="harbour", authors=["Ana Ruiz", "Kenji Sato"], body="The first ship came in at noon.\n\n"
        '<iframe src="https://www.youtube.com/embed/abcDEF12345" title="The first ship"></iframe>\n')
    files["content/2025/07/remote.md"] = article(
        title="A photo elsewhere", date="2025-07-21", source="Port News", image="https://cdn.example.net/a.jpg",
        body="The picture is on the outlet's own server.\n")
    site = make_site(files)
    build_site(site)
    return site / "output"


def json_feed(output, path: str) -> dict:
    """The feed, checked against what JSON Feed 1.1 requires (feedparser 6.0 reads no JSON Feed)."""
    feed = json.loads((output / path).read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and isinstance(feed["title"], str)
    assert all(feed[key].startswith(BASE_URL) for key in ("home_page_url", "feed_url"))
    assert isinstance(feed["language"], str) and isinstance(feed["items"], list)
    for item in feed["items"]:
        assert isinstance(item["id"], str) and ("content_html" in item or "content_text" in item)
        assert all(key in JSON_FEED_ITEM_KEYS or key.startswith("_") for key in item)
        assert item["url"].startswith(BASE_URL) and isinstance(item["title"], str)
        assert datetime.fromisoformat(item["date_published"]).tzinfo is not None  # RFC 3339
        assert item["authors"] and all(set(author) == {"name"} and author["name"] for author in item["authors"])
        assert isinstance(item["language"], str) and all(isinstance(tag, str) for tag in item["tags"])
    return feed


def atom_entries(output, path: str) -> tuple[ElementTree.Element, list[dict]]:
    """The Atom feed, and what each entry says, read as XML (feedparser would clean the content)."""
    feed = ElementTree.parse(output / path).getroot()
    text = lambda entry, name: entry.find(ATOM + name).text  # noqa: E731
    return feed, [{"id": text(entry, "id"), "title": text(entry, "title"), "content_html": text(entry, "content"),
                   "date_published": text(entry, "published"), "authors": text(entry, "author/" + ATOM + "name"),
                   "language": entry.get("{http://www.w3.org/XML/1998/namespace}lang")}
                  for entry in feed.findall(ATOM + "entry")]


def test_every_atom_feed_has_a_json_feed_beside_it_with_the_same_entries(output):
    stories = sorted(path.relative_to(output).as_posix() for path in output.glob("stories/*/feed.xml"))
    assert len(stories) > 2 and len(list(output.glob("stories/*/feed.json"))) == len(stories)
    atom_paths = ["feed.xml", *stories]
    for atom_path in atom_paths:
        atom, entries = atom_entries(output, atom_path)
        feed = json_feed(output, atom_path.replace("feed.xml", "feed.json"))
        assert feed["feed_url"] == BASE_URL + atom_path.replace("feed.xml", "feed.json")
        assert feed["home_page_url"] == atom.find(ATOM + "link[@rel='alternate']").get("href")
        assert feed["title"] == atom.find(ATOM + "title").text, atom_path
        assert [{**{key: item[key] for key in entry}, "authors": ", ".join(author["name"] for author in item["authors"])}
                for item, entry in zip(feed["items"], entries)] == entries, atom_path
        assert len(feed["items"]) == len(entries) and all(item["url"] == item["id"] for item in feed["items"])
        assert not [item for item in feed["items"] if "<script" in item["content_html"].lower()]


def test_a_story_json_feed_gives_each_article_as_the_site_json_feed_does(output):
    site_items = {item["id"]: item for item in json_feed(output, "feed.json")["items"]}
    story = json_feed(output, "stories/harbour/feed.json")
    assert story["title"] == "Harbour reopens after the storm — Test Digest"
    assert story["home_page_url"] == BASE_URL + "stories/harbour/"
    assert [item["title"] for item in story["items"]] == ["The harbour's first ship, filmed",
                                                          "Harbour reopens after the storm"]
    assert story["items"][0]["authors"] == [{"name": "Ana Ruiz"}, {"name": "Kenji Sato"}]
    assert 'class="embed' in story["items"][0]["content_html"]  # the video's card, as on the article's page
    for path in output.glob("stories/*/feed.json"):
        for item in json_feed(output, path.relative_to(output).as_posix())["items"]:
            assert item == site_items[item["id"]], item["id"]


def test_each_story_page_links_its_json_feed_from_its_head(output):
    root = parse_html((output / "stories/harbour/index.html").read_text(encoding="utf-8"))
    head = root.find("head")
    assert [(link.get("title"), link.get("href")) for link in head.find_all("link", type="application/feed+json")] == [
        ("Harbour reopens after the storm", "/digest/stories/harbour/feed.json"), ("Test Digest", "/digest/feed.json")]


def test_every_page_links_the_json_feed_and_carries_a_share_card(output):
    for path in site_pages(output) + [output / "404.html"]:
        root = parse_html(path.read_text(encoding="utf-8"))
        if root.find_all("meta", **{"http-equiv": "refresh"}):
            continue  # a redirect page
        feeds = [link.get("href") for link in root.find_all("link", type="application/feed+json")]
        assert feeds and all(file_for_url(output, href).is_file() for href in feeds), path
        card = {m.get("property") or m.get("name"): m.get("content") for m in root.find_all("meta")
                if (m.get("property") or m.get("name") or "").startswith(("og:", "twitter:"))}
        canonical = root.find("link", rel="canonical").get("href")
        assert card["og:url"] == canonical and card["og:site_name"] == "Test Digest", path
        assert card["og:title"] and card["twitter:card"] in ("summary", "summary_large_image"), path


def test_an_article_card_has_its_lead_language_and_image(output):
    root = parse_html(file_for_url(output, BASE_URL + "articles/harbour-reopens-after-the-storm/").read_text())
    card = {m.get("property") or m.get("name"): m.get("content") for m in root.find_all("meta")}
    assert card["og:type"] == "article" and card["og:locale"] == "en"
    assert card["og:description"] == "The harbour reopened on Sunday after three days of repairs."
    assert card["og:image"] == BASE_URL + "articles/harbour-reopens-after-the-storm/harbour.jpg"
    assert card["twitter:card"] == "summary_large_image" and card["twitter:image"] == card["og:image"]
    remote = parse_html(file_for_url(output, BASE_URL + "articles/a-photo-elsewhere/").read_text())
    assert remote.find("meta", property="og:image").get("content") == "https://cdn.example.net/a.jpg"
    plain = parse_html(file_for_url(output, BASE_URL + "stories/openai-delay/").read_text())
    assert not plain.find_all("meta", property="og:image") and plain.find("meta", name="twitter:card").get(
        "content") == "summary"
    italian = parse_html(file_for_url(output, BASE_URL + "articles/openai-ritarda-il-rilascio-del-suo-modello-aperto/")
                         .read_text())
    assert italian.find("meta", property="og:locale").get("content") == "it"
