"""Markdown to HTML with markdown-it-py: CommonMark, raw HTML passed through (the clean stage
sanitises it), tables and strikethrough as curators paste them from the web."""

from __future__ import annotations

from markdown_it import MarkdownIt

_PARSER = MarkdownIt("commonmark", {"html": True, "typographer": False}).enable(["table", "strikethrough"])


def render_markdown(text: str) -> str:
    """HTML for a Markdown text; pure, and safe to call from several processes."""
    return _PARSER.render(text)
