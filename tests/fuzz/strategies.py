"""Hypothesis strategies for what a curator (or an attacker) may put in an article file.

They mix random text with the pieces each parser has to get right: YAML syntax and its traps (tags,
anchors, aliases, tabs, impossible dates), Markdown syntax, HTML that is allowed, refused or
malformed, the embed codes the cleaner turns into cards, and the noise lines its rules remove.
"""

from __future__ import annotations

from hypothesis import strategies as st

from site_builder.content.frontmatter import KNOWN_KEYS

YAML_PIECES = ["", " ", "  ", "\t", ":", ": ", "- ", "? ", "[", "]", "{", "}", ",", "'", '"', "|", ">", "#", "&a ",
               "*a", "&b ", "*b", "!!python/object/apply:os.system ['true']", "!tag ", "!!str ", "!!binary ",
               "%YAML 1.2", "---", "...", "~", "null", "true", "no", ".inf", ".nan", "0x1F", "0o17", "1e400",
               "2025-07-12", "2025-13-45", "2025-02-30", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00",
               "2025-07-12T09:30:00", "2025-07-12 25:61", "2025-07-12T09:30:00+25:00", "12:30", "5", "-1",
               "\\x07", "\\0", "\\uFFFE", "\\U0001F600", "https://example.org/a", "javascript:alert(1)", "../../etc",
               "CON", "a.", "/abs", "<<: *a", "\r", "\r\n", "\ufeff", "\x85", "\u2028"]
KEYS = sorted(KNOWN_KEYS) + ["extra", "tittle", "params", "clean", "disable", "<<"]
MARKDOWN_PIECES = ["# ", "## ", "* ", "_", "**", "`", "```", "    ", "> ", "- ", "1. ", "|", "|---|", "---", "***",
                   "[", "](", ")", "![", "<", ">", "&", "&amp;", "&#", "&#x", ";", "\\", "\n", "\n\n", "  \n",
                   "http://", "https://example.org/x.jpg", "mailto:a@b.c", "javascript:alert(1)",
                   "\ue000embed-0\ue000", "&#xe000;", "•", "–", "— Sam Altman, CEO", "\u200b", "\u202e"]
TAGS = ["p", "a", "img", "script", "style", "iframe", "object", "embed", "svg", "math", "base", "meta", "link",
        "form", "input", "button", "div", "span", "blockquote", "table", "td", "tr", "template", "noscript",
        "xmp", "textarea", "title", "select", "option", "details", "video", "audio", "source", "frameset", "b", "i"]
ATTRIBUTES = ["", ' href="javascript:alert(1)"', " href=java&#x09;script:alert(1)", ' src="x" onerror="alert(1)"',
              " onload=alert(1)", ' src="data:text/html,<script>alert(1)</script>"', ' style="x:expression(alert(1))"',
              ' class="twitter-tweet"', ' class="instagram-media"', ' class="tiktok-embed"', ' class="fb-post"',
              ' class="reddit-embed-bq"', ' lang="en"', ' cite="https://x.com/a/status/1"',
              ' src="https://www.youtube.com/embed/abc"', ' href="https://twitter.com/sama/status/1"',
              ' srcdoc="<script>alert(1)</script>"', ' formaction="javascript:alert(1)"', " title='x\">'",
              ' xlink:href="javascript:alert(1)"', ' http-equiv="refresh" content="0;url=javascript:alert(1)"']
NOISE_LINES = ["Share this:", "BAGIKAN", "Baca juga: Harga cabai naik", "Leggi anche: OpenAI", "Advertisement",
               "Iklan", "(Foto: OpenAI)", "Photo: Reuters", "Home > Tech > AI", "5 min read", "Loading...",
               "Tags: AI, OpenAI", "Subscribe to our newsletter", "Evento Techcrunch", "Boston, MA | 15 luglio",
               "techcrunch", "Most read", "Facebook", "WhatsApp", "Scroll to continue with content"]


def html_element() -> st.SearchStrategy[str]:
    """An opening tag with attributes, maybe some text and maybe the closing tag: well formed or not."""
    return st.builds(lambda tag, attribute, text, close: f"<{tag}{attribute}>{text}" + (f"</{tag}>" if close else ""),
                     st.sampled_from(TAGS), st.sampled_from(ATTRIBUTES), st.text(max_size=20), st.booleans())


def pieces_text(pieces: list[str], max_size: int = 60) -> st.SearchStrategy[str]:
    """Text joined from syntax pieces and random text."""
    return st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=12)), max_size=max_size).map("".join)


def front_matter_lines() -> st.SearchStrategy[str]:
    line = st.builds(lambda indent, key, value: f"{indent}{key}: {value}",
                     st.sampled_from(["", "", "", "  ", "\t", " "]),
                     st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), pieces_text(YAML_PIECES, 8))
    return st.lists(st.one_of(line, pieces_text(YAML_PIECES, 6)), max_size=14).map("\n".join)


def article_text() -> st.SearchStrategy[str]:
    """A whole article file: usually fenced front matter and a body, sometimes anything at all."""
    fenced = st.builds(lambda front, closing, body: f"---\n{front}\n{closing}\n{body}", front_matter_lines(),
                       st.sampled_from(["---", "---", "...", "--- ", "", "----"]), body_text())
    required = st.builds(lambda front, body: f"---\ntitle: T\ndate: 2025-07-12\nsource: S\n{front}\n---\n{body}",
                         front_matter_lines(), body_text())
    return st.one_of(fenced, required, st.text(), pieces_text(YAML_PIECES))


def body_text() -> st.SearchStrategy[str]:
    """An article body: Markdown, HTML (hostile and embed codes included), noise lines and plain text."""
    piece = st.one_of(st.sampled_from(MARKDOWN_PIECES), html_element(), st.sampled_from(NOISE_LINES),
                      st.text(max_size=30), st.sampled_from(["\n", "\n\n", "<script>", "</script>", "<!--", "-->",
                                                              "<![CDATA[", "]]>", "</blockquote>", "</p>"]))
    return st.lists(piece, max_size=40).map("".join)


def slug_text() -> st.SearchStrategy[str]:
    """Titles and slug attempts in any script, with the ones hosts treat specially."""
    return st.one_of(st.text(), st.sampled_from(["CON", "con", "nul.txt", "LPT1", "..", ".", "a.", " ", "-", "",
                                                 "../../etc", "/etc/passwd", "C:\\x", "東京", "Москва", "🙂"]),
                     pieces_text(["CON", ".", "/", "\\", "-", " ", "é", "東", "ß", "İ", "\u0301", "ﬁ"], 10))
