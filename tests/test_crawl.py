"""A site published under a sub-path (https://example.org/digest/, as a GitHub Pages project site) is
deployed into a web root, served there by a plain static HTTP server on 127.0.0.1, and crawled from
its home page through every internal link and asset: every one answers 200.

The crawler has parsers of its own, so it does not share a blind spot with `site-builder check`; it
maps the site's host to the local server and requests nothing else (no proxy, no other host)."""

from __future__ import annotations

import functools
import re
import threading
import urllib.request
import xml.etree.ElementTree as ET
from collections import deque
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from conftest import article

from site_builder.config import load_config
from site_builder.publishing.deploy import DeployFlags, deploy_site

BASE_URL = "https://example.org/digest/"
MAX_REQUESTS = 2_000
STYLE = (Path(__file__).resolve().parent.parent / "themes/default/static/style.css").read_text(encoding="utf-8")


class Links(HTMLParser):
    """Every URL a browser would follow or load from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name):
                self.urls.append(values[name])
        if values.get("srcset"):
            self.urls += [candidate.split()[0] for candidate in values["srcset"].split(",") if candidate.strip()]
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.urls.append(values["content"].split("url=", 1)[1])


def links_in(content_type: str, body: bytes) -> list[str]:
    if content_type == "text/html":
        parser = Links()
        parser.feed(body.decode("utf-8"))
        return parser.urls
    if content_type == "text/css":
        return [m.group(2) for m in re.finditer(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)", body.decode("utf-8"))
                if not m.group(2).startswith("data:")]
    if content_type == "text/plain":  # robots.txt
        return [line.split(":", 1)[1].strip() for line in body.decode("utf-8").splitlines()
                if line.lower().startswith("sitemap:")]
    if "xml" in content_type:
        root = ET.fromstring(body)
        return [e.get("href") for e in root.iter() if e.tag.endswith("}link") and e.get("href")] + \
            [e.text.strip() for e in root.iter() if e.tag.endswith("}loc")]
    return []


@pytest.fixture
def web_root(make_site, tmp_path) -> Path:
    """A web root whose digest/ folder is the deployed site."""
    files = {f"content/{n}.md": article(f"Report {n} on the harbour strike", date=f"2025-0{6 + n % 2}-1{n}",
                                        source=("Port News", "Il Porto", "Kabar Pelabuhan")[n % 3],
                                        lang=("en", "it", "id")[n % 3], tags=[f"topic {n % 4}", "harbour"],
                                        story=f"strike-{n % 3}")
             for n in range(9)}
    files["static/paper.png"] = b"\x89PNG\r\n\x1a\n"
    files["static/style.css"] = STYLE + "\nbody { background-image: url(paper.png); }\n"
    site = make_site(files, f"title: Harbour Digest\nbase_url: {BASE_URL}\npage_size: 2\nlist_page_size: 2\n")
    config, _ = load_config(site / "site.yaml")
    (tmp_path / "www").mkdir()
    deploy_site(config, DeployFlags(folder=tmp_path / "www" / "digest"))
    return tmp_path / "www"


@pytest.fixture
def server(web_root):
    handler = functools.partial(QuietHandler, directory=str(web_root))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server's signature)
        pass


def crawl(local: str) -> tuple[dict[str, int], list[str]]:
    """Status of every internal URL reached from the home page and robots.txt, and the broken ones with
    where they were met."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    site = urlsplit(BASE_URL)
    starts = [BASE_URL, BASE_URL + "robots.txt"]
    seen, queue, statuses, broken = set(starts), deque((start, "(start)") for start in starts), {}, []
    while queue and len(statuses) < MAX_REQUESTS:
        url, found_on = queue.popleft()
        try:
            with opener.open(local + urlsplit(url).path, timeout=10) as response:
                status, content_type, body = response.status, response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as err:
            statuses[url] = err.code
            broken.append(f"{url} ({err.code}), linked from {found_on}")
            continue
        statuses[url] = status
        for link in links_in(content_type, body):
            target = urldefrag(urljoin(url, link)).url
            parts = urlsplit(target)
            if parts.scheme in ("http", "https") and parts.netloc == site.netloc and target not in seen:
                seen.add(target)
                queue.append((target, url))
    return statuses, broken


def test_a_sub_path_site_served_under_its_path_has_no_broken_link_or_asset(server, web_root):
    statuses, broken = crawl(server)

    assert broken == []
    pages = {BASE_URL + p.relative_to(web_root / "digest").as_posix().removesuffix("index.html")
             for p in (web_root / "digest").rglob("*.html") if p.name != "404.html"}
    assert pages <= set(statuses), f"pages no link leads to: {sorted(pages - set(statuses))}"
    assert any(url.endswith(".css") for url in statuses) and any(url.endswith("paper.png") for url in statuses)
    assert {BASE_URL + "feed.xml", BASE_URL + "sitemap.xml"} <= set(statuses) and len(statuses) < MAX_REQUESTS
