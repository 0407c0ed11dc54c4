"""The clean stage: from the body a curator clipped to the HTML a reader may safely see.

Whatever an article carries, only allow-listed HTML5 elements and attributes reach the output: no
script, style, iframe, form, event handler, or URL scheme other than http(s) and mailto.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import replace

import nh3

from site_builder.markdown import render_markdown
from site_builder.model import Article

ALLOWED_TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "data",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s",
    "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "u", "ul", "var", "wbr",
}
ALLOWED_ATTRIBUTES = {
    "*": {"lang", "dir", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "blockquote": {"cite"}, "q": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
    "td": {"colspan", "rowspan", "headers"}, "th": {"colspan", "rowspan", "headers", "scope"},
    "ol": {"start", "reversed"}, "time": {"datetime"}, "data": {"value"}, "col": {"span"},
    "colgroup": {"span"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
REMOTE_IMAGE = re.compile(r'<img\b[^>]*?\bsrc="(?:https?:)?//[^"]*"[^>]*>')
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
REL_WITHOUT_HREF = re.compile(r'<a((?:(?!href=)[^>])*?) rel="noopener noreferrer"((?:(?!href=)[^>])*)>')
BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|div|tr|pre|dd|dt|figcaption)>|<br\s*/?>", re.IGNORECASE)


def sanitise_html(html: str) -> str:
    """Keep only the allow-listed HTML; the content of script and style elements goes entirely.

    A link whose address was refused stays as a placeholder `<a>`, without the `rel` HTML5 forbids there."""
    safe = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=ALLOWED_URL_SCHEMES,
                     link_rel="noopener noreferrer", strip_comments=True)
    return REL_WITHOUT_HREF.sub(r"<a\1\2>", safe)


def link_remote_images(html: str) -> str:
    """Images hosted elsewhere become links to them: a digest page makes no request to another host
    (the reader's privacy, and the outlet's bandwidth). Runs on the sanitiser's normalised output."""
    def as_link(match: re.Match) -> str:
        attributes = dict(ATTRIBUTE.findall(match.group(0)))
        label = attributes.get("alt") or "image"
        return f'<a href="{attributes["src"]}" rel="noopener noreferrer">[Image: {label}]</a>'

    return REMOTE_IMAGE.sub(as_link, html)


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment, one line per block, for leads and grouping."""
    text = nh3.clean(BLOCK_END.sub("\n", html), tags=set())
    lines = (" ".join(line.split()) for line in html_lib.unescape(text).splitlines())
    return "\n".join(line for line in lines if line)


def clean_article(article: Article) -> Article:
    """A new Article whose ``html`` and ``text`` are safe to publish."""
    html = link_remote_images(sanitise_html(render_markdown(article.body)))
    return replace(article, html=html, text=html_to_text(html))
