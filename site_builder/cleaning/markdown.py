"""Markdown to HTML with markdown-it-py: CommonMark, raw HTML passed through (the clean stage
sanitises it), tables and strikethrough as curators paste them from the web.

A clipped article links most of its sentences, and markdown-it-py spends much of its time on links:
reading each address character by character, then parsing and re-encoding it. Plain addresses, by far
the most common, take a shortcut here with exactly the result of the long way (tests/test_markdown.py
compares the two).

Most of the rest goes on inline text: markdown-it-py walks a paragraph character run by character run,
a token per run. A paragraph of plain text, plain links and simple emphasis (``*word*``, ``**a few
words**``), almost every paragraph of a news article, is checked with one regular expression and
rendered at once, much faster; anything else takes markdown-it-py's own way.

Likewise a document of plain blocks (paragraphs, one-line headings, quoted paragraphs, one bullet list
between others) is split at its blank lines rather than parsed block rule by block rule."""

from __future__ import annotations

import re
from types import SimpleNamespace

from markdown_it import MarkdownIt, helpers
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.token import Token


PLAIN_HOST = r"https?://[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::[0-9]{1,5})?"
PLAIN_PATH_CHARACTERS = r"A-Za-z0-9._~/?#=+,;:@!$'\-"
"""Characters of a path, query or fragment that need no escaping; '&', '*' and parentheses need none
either, but mean something in Markdown (see ``SIMPLE_DESTINATION``)."""
PLAIN_URL = re.compile(rf"{PLAIN_HOST}(?:[/?#][{PLAIN_PATH_CHARACTERS}&*()]*)?")
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


TEXT = r"[^\\`~*_\[\]!<&\n]"
"""A character no inline rule of ours starts at: text as it is, HTML-escaped."""
FLANK = r" \n!\"#$%&'()+,\-./:;<=>?@\[\\\]^`{|}~"
"""Space and ASCII punctuation but the emphasis marks: emphasis with one of these (or nothing) outside
and a letter or digit inside can only open on the left and only close on the right."""
SIMPLE_DESTINATION = rf"{PLAIN_HOST}(?:[/?#][{PLAIN_PATH_CHARACTERS}]*)?"
"""A ``PLAIN_URL`` without '&', '*' or parentheses: it ends at the ')' closing the link."""
SIMPLE_INLINE = re.compile(rf"""(?:
  {TEXT}++
| !(?!\[) | &(?![\#A-Za-z])
| (?<![ \t])\n(?![ \t])
| \[{TEXT}++\]\({SIMPLE_DESTINATION}\)
| (?<![^{FLANK}])(\*\*?)[^\W_](?:(?:[^\\`~*_\[\]<&\n]++|(?<![ \t])\n(?![ \t]))*+(?<=[^\W_]))?\1(?![^{FLANK}])
)*+""", re.X)
"""Inline text markdown-it-py would read as text, soft line breaks (no space beside them), links
``[label](plain address)`` and emphasis ``*...*`` or ``**...**`` whose marks open and close one way only."""
SIMPLE_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")
SIMPLE_STRONG = re.compile(r"\*\*([^*]*)\*\*")
SIMPLE_EMPHASIS = re.compile(r"\*([^*]*)\*")


def simple_inline_html(text: str) -> str | None:
    """The HTML markdown-it-py makes of inline ``text`` when it is simple (``SIMPLE_INLINE``), else None.

    Every character of simple text is escaped as text is; then each '[' left starts a link and each
    '*' run is half of an emphasis, as the check made sure."""
    if not SIMPLE_INLINE.fullmatch(text):
        return None
    html = escapeHtml(text)
    # Functions, not templates such as r"<em>\1</em>", which the re module expands in Python, more slowly.
    if "[" in html:
        html = SIMPLE_LINK.sub(lambda link: f'<a href="{link[2]}">{link[1]}</a>', html)
    if "*" in html:
        html = SIMPLE_STRONG.sub(lambda strong: f"<strong>{strong[1]}</strong>", html)
        html = SIMPLE_EMPHASIS.sub(lambda emphasis: f"<em>{emphasis[1]}</em>", html)
    return html


def parse_inline(state: StateCore) -> None:
    """markdown-it-py's core rule 'inline', with simple inline text rendered at once (an HTML token)."""
    for token in state.tokens:
        if token.type != "inline":
            continue
        html = simple_inline_html(token.content)
        if html is None:
            if token.children is None:
                token.children = []
            state.md.inline.parse(token.content, state.md, state.env, token.children)
        else:
            token.children = [Token("html_inline", "", 0, content=html)]


class _Parser(MarkdownIt):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helpers = SimpleNamespace(parseLinkLabel=helpers.parseLinkLabel, parseLinkTitle=helpers.parseLinkTitle,
                                       parseLinkDestination=parse_link_destination)

    def normalizeLink(self, url: str) -> str:  # noqa: N802 (markdown-it-py's name)
        """The address as markdown-it-py normalises it; a plain one as it is."""
        return url if PLAIN_URL.fullmatch(url) else super().normalizeLink(url)


_PARSER = _Parser("commonmark", {"html": True, "typographer": False}).enable(["table", "strikethrough"])
_PARSER.core.ruler.at("inline", parse_inline)


LINE_START = r"""(?:[^\W\d_]|["“‘'«(\ue000-\uf8ff\[]|\*++[^\s*])"""
"""What a paragraph's line may start with: a letter, a quote or parenthesis, a private-use character (the
clean stage marks embeds with one), a link, or emphasis; nothing that starts another block (digits could
start a list, '*' and a space a list item)."""
LINE_REST = r"[^\n]*+(?<![\s\ufeff])"
"""The rest of a line, not ending in white space (which could make a hard break or be trimmed)."""
PARAGRAPH = re.compile(rf"{LINE_START}{LINE_REST}(?:\n{LINE_START}{LINE_REST})*+")
HEADING = re.compile(r"(#{1,6}) (\S[^\n]*+)(?<![\s\ufeff#])")
QUOTED_PARAGRAPH = re.compile(rf"> {LINE_START}{LINE_REST}(?:\n> {LINE_START}{LINE_REST})*+")
BULLETS = re.compile(rf"- {LINE_START}{LINE_REST}(?:\n- {LINE_START}{LINE_REST})*+")
BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


def simple_document_html(text: str) -> str | None:
    """The HTML markdown-it-py makes of ``text`` when each of its blocks is a plain paragraph, a one-line
    heading, a quoted paragraph or a tight bullet list (not right after another), else None.

    With no ']:' in the text there is no link reference to resolve, so each block's inline text renders
    on its own exactly as inside the document."""
    if "\r" in text or "\0" in text or "]:" in text:
        return None
    html = []
    after_bullets = False
    for block in BLANK_LINES.split(text.strip("\n")):
        bullets = False
        if PARAGRAPH.fullmatch(block):
            html.append(f"<p>{_inline(block)}</p>\n")
        elif block.startswith("#") and (heading := HEADING.fullmatch(block)):
            level = len(heading.group(1))
            html.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>\n")
        elif block.startswith("> ") and QUOTED_PARAGRAPH.fullmatch(block):
            html.append(f"<blockquote>\n<p>{_inline(block[2:].replace(chr(10) + '> ', chr(10)))}</p>\n</blockquote>\n")
        elif block.startswith("- ") and not after_bullets and BULLETS.fullmatch(block):
            # Two lists of one marker with a blank line between are one loose list: not simple.
            html.append("<ul>\n" + "".join(f"<li>{_inline(line[2:])}</li>\n" for line in block.split("\n")) + "</ul>\n")
            bullets = True
        elif block:
            return None
        after_bullets = bullets
    return "".join(html)


def _inline(text: str) -> str:
    html = simple_inline_html(text)
    return _PARSER.renderInline(text) if html is None else html


def render_markdown(text: str) -> str:
    """HTML for a Markdown text; pure, and safe to call from several processes."""
    html = simple_document_html(text)
    return _PARSER.render(text) if html is None else html
