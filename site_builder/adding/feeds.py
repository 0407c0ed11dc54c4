"""A news feed's entries as plain data: RSS and Atom read by feedparser, JSON Feed read as JSON.

Pure: it takes the feed's bytes and returns entries, newest first, as the feed lists them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from site_builder.cleaning.embeds import web_url
from site_builder.errors import SiteBuilderError

INSTALL_HINT = "pip install 'site-builder[add]'"


class FeedFailed(SiteBuilderError):
    """A feed that cannot be read: one line saying which and why."""


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: what `add --feed` lists and may add."""

    title: str
    """The item's title (its address when it has none)."""
    url: str
    """The article's address."""
    date: date | None
    """Its publication (else update) date, when the feed gives one."""


def parse_feed(data: bytes, where: str) -> list[FeedEntry]:
    """The entries of an RSS, Atom or JSON Feed document that link to a web page, in the feed's order."""
    if data.lstrip()[:1] == b"{":
        return _json_feed_entries(data, where)
    try:
        import feedparser
    except ImportError as err:
        raise FeedFailed(f"{where}: reading RSS and Atom feeds needs feedparser; install it with "
                         f"{INSTALL_HINT}") from err
    parsed = feedparser.parse(data)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "no RSS, Atom or JSON Feed found")()
        raise FeedFailed(f"{where}: not a feed ({reason}); give the address of an RSS, Atom or JSON Feed")
    entries = []
    for item in parsed.entries:
        url = web_url(item.get("link"), keep_query=True)
        if url:
            when = item.get("published_parsed") or item.get("updated_parsed")
            entries.append(FeedEntry(_title(item.get("title"), url), url, date(*when[:3]) if when else None))
    return entries


def _json_feed_entries(data: bytes, where: str) -> list[FeedEntry]:
    try:
        feed = json.loads(data)
    except ValueError as err:
        raise FeedFailed(f"{where}: not valid JSON ({err}); give the address of an RSS, Atom or JSON Feed") from err
    items = feed.get("items") if isinstance(feed, dict) else None
    if not isinstance(items, list) or "jsonfeed.org" not in str(feed.get("version", "")):
        raise FeedFailed(f"{where}: JSON, but not a JSON Feed (no version from jsonfeed.org and items list)")
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue
        url = web_url(str(item.get("url") or item.get("external_url") or ""), keep_query=True)
        if url:
            stamp = str(item.get("date_published") or item.get("date_modified") or "")
            entries.append(FeedEntry(_title(item.get("title"), url), url, _iso_date(stamp)))
    return entries


def _title(text: object, url: str) -> str:
    return " ".join(str(text or "").split()) or url


def _iso_date(text: str) -> date | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date() if text else None
    except ValueError:
        return None
