"""Markdown to HTML with markdown-it-py: CommonMark, raw HTML passed through (the clean stage
sanitises it), tables and strikethrough as curators paste them from the web.

A clipped article links most of its sentences, and markdown-it-py spends a third of its time on links:
reading each address character by character, then parsing and re-encoding it. Plain addresses, by far
the most common, take a shortcut here with exactly the result of the long way (tests/test_markdown.py
compares the two)."""

from __future__ import annotations

import re
from types import SimpleNamespace

from markdown_it import MarkdownIt, helpers

PLAIN_URL = re.compile(r"https?://[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::[0-9]{1,5})?(?:[/?#][A-Za-z0-9._~/?#=&+,;:@!$*'()-]*)?")
"""An http(s) address that markdown-it-py's link normalisation gives back unchanged: a lowercase ASCII
host, and a path, query and fragment of characters that need no escaping (no '%', no non-ASCII)."""
PLAIN_DESTINATION = re.compile(r"[^\x00-\x20\x7f()\\&<]+")
"""A link destination with nothing to unescape or balance: no parenthesis, backslash, entity or space."""
DESTINATION_ENDS = frozenset(" )") | frozenset(map(chr, range(0x20))) | {"\x7f"}
"""Characters that end a destination outside parentheses."""


class Destination:
    """A parsed link destination, as markdown-it-py's rules read it."""

    __slots__ = ("ok", "pos", "str")

    def __init__(self, ok: bool, pos: int, text: str):
        self.ok, self.pos, self.str = ok, pos, text


def parse_link_destination(string: str, pos: int, maximum: int):
    """markdown-it-py's ``parseLinkDestination``, at once for a plain destination."""
    plain = PLAIN_DESTINATION.match(string, pos, maximum)
    if plain and (plain.end() == maximum or string[plain.end()] in DESTINATION_ENDS):
        return Destination(True, plain.end(), plain.group())
    return helpers.parseLinkDestination(string, pos, maximum)


class _Parser(MarkdownIt):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helpers = SimpleNamespace(parseLinkLabel=helpers.parseLinkLabel, parseLinkTitle=helpers.parseLinkTitle,
                                       parseLinkDestination=parse_link_destination)

    def normalizeLink(self, url: str) -> str:  # noqa: N802 (markdown-it-py's name)
        """The address as markdown-it-py normalises it; a plain one as it is."""
        return url if PLAIN_URL.fullmatch(url) else super().normalizeLink(url)


_PARSER = _Parser("commonmark", {"html": True, "typographer": False}).enable(["table", "strikethrough"])


def render_markdown(text: str) -> str:
    """HTML for a Markdown text; pure, and safe to call from several processes."""
    return _PARSER.render(text)
