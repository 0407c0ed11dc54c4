"""JSON Feed 1.1 beside every Atom feed, and the share cards (Open Graph, Twitter) of every page: read
with real parsers (json, feedparser, the HTML parser of the site tests)."""

from __future__ import annotations

import json

import feedparser
import pytest
from conftest import article, build_site
from test_site_output import BASE_URL, digest_files, file_for_url, parse_html, site_pages


JSON_FEED_ITEM_KEYS = {"id", "url", "external_url", "title", "content_html", "content_text", "summary", "image",
                       "banner_image", "date_published", "date_modified", "authors", "tags", "language",
                       "attachments"}


@pytest.fixture
def output(make_site):
    files = digest_files()
    files["content/2025/07/pictured.md"] = article(
        title="Harbour reopens after the storm", date="2025-07-20", source="Port News",
        image="harbour.jpg", body="The harbour reopened on Sunday after three days of repairs.\n")
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
    for item in feed["items"]:
        assert isinstance(item["id"], str) and ("content_html" in item or "content_text" in item)
        assert all(key in JSON_FEED_ITEM_KEYS or key.startswith("_") for key in item)
        assert all(isinstance(tag, str) for tag in item["tags"])
    return feed


def test_the_site_feed_has_a_json_feed_with_the_same_entries(output):
    for atom_path in ["feed.xml"]:
        atom = feedparser.parse((output / atom_path).read_text(encoding="utf-8"))
        feed = json_feed(output, atom_path.replace("feed.xml", "feed.json"))
        assert feed["feed_url"] == BASE_URL + atom_path.replace("feed.xml", "feed.json")
        assert [item["url"] for item in feed["items"]] == [entry.link for entry in atom.entries]
        assert [item["title"] for item in feed["items"]] == [entry.title for entry in atom.entries]
        for item in feed["items"]:
            assert item["content_html"] and item["date_published"] and item["authors"][0]["name"]
            assert "<script" not in item["content_html"].lower()


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
