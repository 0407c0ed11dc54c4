"""Embed cards in built pages: static, linked to the original, and safe whatever the embed code holds."""

from __future__ import annotations

from html.parser import HTMLParser

from conftest import article, build_site

HOSTILE_TWEET = (
    '<blockquote class="twitter-tweet"><p lang="en">Hello <script>alert(1)</script><img src=x onerror=alert(2)>'
    '</p>&mdash; Evil "><svg onload=alert(3)> (@evil) <a href="javascript:alert(4)">July 1, 2025</a></blockquote>'
    '<script async src="https://platform.twitter.com/widgets.js"></script>\n')
VIDEO = '<iframe src="https://www.youtube.com/embed/abcDEF12345" title="Budget speech"></iframe>\n'


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(html)
    return parser.found


def test_a_hostile_embed_becomes_an_inert_card(make_site):
    root = make_site({"content/a.md": article(body="Intro sentence.\n\n" + HOSTILE_TWEET)})
    build_site(root)
    page = (root / "output" / "articles" / "a-report" / "index.html").read_text(encoding="utf-8")
    found = elements(page)
    assert [tag for tag, _ in found if tag in {"script", "svg", "iframe", "img"}] == []
    assert not [attrs for _, attrs in found if any(name.startswith("on") for name in attrs)]
    assert "javascript:" not in page and 'class="embed embed-post"' in page
    assert "Hello alert(1)" in page  # the script's text is shown as text, never run


def test_a_video_iframe_becomes_a_link_card_to_the_video(make_site):
    root = make_site({"content/a.md": article(body="Intro sentence.\n\n" + VIDEO)})
    build_site(root)
    page = (root / "output" / "articles" / "a-report" / "index.html").read_text(encoding="utf-8")
    links = [attrs.get("href") for tag, attrs in elements(page) if tag == "a"]
    assert "https://www.youtube.com/watch?v=abcDEF12345" in links and "<iframe" not in page
    assert "▶ Budget speech" in page
