"""The clean stage: from the body a curator clipped to the HTML a reader may safely see.

First the noise rules (``noise.RULES``) remove widgets and chrome and turn embeds into card
placeholders; then the Markdown is rendered and whatever HTML is left passes an allow-list: no
script, style, iframe, form, event handler, or URL scheme other than http(s) and mailto survives.
Most cleaned articles are plain Markdown whose HTML the allow-list keeps as it is: those are checked
by one regular expression and written as the sanitiser would write them (``simple_safe_html``).
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import replace
from urllib.parse import urlsplit

import nh3

from site_builder.settings import ArticleSettings
from site_builder.cleaning.embeds import EMBED_MARK, fill_embeds, web_url
from site_builder.cleaning.markdown import render_markdown
from site_builder.model import Article
from site_builder.cleaning.noise import Line
from site_builder.cleaning.rules import run_rules
from site_builder.content.yamldoc import without_unprintable

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
IMAGE = re.compile(r"<img\b[^>]*>")
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
ENCODED_MARK = re.compile(r"&#(?:x0*e000|0*57344);", re.I)
REL_WITHOUT_HREF = re.compile(r'<a((?:(?!href=)[^>])*?) rel="noopener noreferrer"((?:(?!href=)[^>])*)>')
MAX_NESTING = 500
"""Deeper nesting of block elements is an attack or a broken clipping: the tags go, the text stays."""
BLOCK_TAG = re.compile(r"<(/?)(?:address|article|aside|blockquote|center|details|dialog|dir|div|dl|fieldset|"
                       r"figcaption|figure|footer|form|h[1-6]|header|hgroup|listing|main|menu|nav|ol|pre|section|"
                       r"summary|table|ul|xmp)\b", re.I)
ANY_TAG = re.compile(r"</?[a-zA-Z][^>]*>?")
OTHER_SPACE = re.compile(r"[^\S ]")
"""White space other than the space itself (an ASCII line has none of it when it is printable)."""
BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|div|tr|pre|dd|dt|figcaption)>|<br\s*/?>", re.IGNORECASE)
WEB_ADDRESS = r"""https?://(?:(?!xn--)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*(?=[a-z])(?!xn--)[a-z](?:[a-z0-9-]*[a-z0-9])?
    (?::[1-9][0-9]{0,3})?(?:[/?\#](?:[A-Za-z0-9._~:/?\#\[\]@!$'()*+,;=-]|%[0-9A-Fa-f]{2}|&amp;)*+)?"""
"""An http(s) address the sanitiser's URL parser reads without fail: a host of plain labels ending in a
name (not an IP address, not punycode), a small port, a path of plain characters and %-escapes."""
SIMPLE_HTML = re.compile(rf"""(?:[^<>\r]++|<(?:/?(?:p|h[1-6]|em|strong|s|code|pre|ul|ol|li|blockquote|a)|br\ /|hr\ /
    |ol\ start="[0-9]{{1,9}}"|a\ href="{WEB_ADDRESS}")>)*+""", re.X)
"""What markdown-it-py makes of Markdown without '<' (no raw HTML in it), when the elements are the
common ones, every link goes to a web address and no character is a carriage return (which the
sanitiser's parser turns into a line feed): a document the sanitiser would only reserialise."""
SIMPLE_LINK = re.compile(r'<a href="[^"]*"')


def sanitise_html(html: str) -> str:
    """Keep only the allow-listed HTML; the content of script and style elements goes entirely.

    A link whose address was refused stays as a placeholder `<a>`, without the `rel` HTML5 forbids there."""
    if deepest_nesting(html) > MAX_NESTING:
        html = ANY_TAG.sub("", html)
    safe = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=ALLOWED_URL_SCHEMES,
                     link_rel="noopener noreferrer", strip_comments=True)
    # Character references such as &#7; are decoded by the sanitiser into characters no page may carry.
    return without_unprintable(REL_WITHOUT_HREF.sub(r"<a\1\2>", safe))


def simple_safe_html(markdown: str, html: str) -> str | None:
    """What ``sanitise_html`` gives for the ``html`` rendered from ``markdown`` when that is simple
    (``SIMPLE_HTML``), far more cheaply, else None. markdown-it-py nests at most 20 deep and
    escapes all text, so the sanitiser's parser finds the tree as written and keeps every element:
    it adds the links' rel, writes void tags and quotes its way, and escapes no-break spaces."""
    if "<" in markdown or not SIMPLE_HTML.fullmatch(html):
        return None
    html = html.replace("<br />", "<br>").replace("<hr />", "<hr>").replace("&quot;", '"').replace("\xa0", "&nbsp;")
    return without_unprintable(SIMPLE_LINK.sub(lambda link: f'{link[0]} rel="noopener noreferrer"', html))


def deepest_nesting(html: str) -> int:
    """How deep block elements nest, counting open tags against closing ones (a bound, not a parse): the
    sanitiser's HTML parser takes time growing with the square of that depth."""
    depth = deepest = 0
    for closing in BLOCK_TAG.findall(html):
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def link_remote_images(html: str) -> str:
    """Only images on the site itself stay images; any other becomes a link to it, so neither a page nor
    a feed reader makes a request to another host (the reader's privacy, the outlet's bandwidth). Runs
    on the sanitiser's normalised output, and reads addresses as browsers do (case, backslashes,
    spaces and control characters included)."""
    def as_link(match: re.Match) -> str:
        attributes = dict(ATTRIBUTE.findall(match.group(0)))
        source = attributes.get("src", "")
        if is_local_address(source):
            return match.group(0)
        label = attributes.get("alt") or "image"
        target = html_lib.unescape(source).strip()
        target = "https:" + target if target.startswith("//") else target
        link = f'<a href="{source}" rel="noopener noreferrer">' if web_url(target) else "<a>"
        return f"{link}[Image: {label}]</a>"

    return IMAGE.sub(as_link, html)


def is_local_address(address: str) -> bool:
    """True for a path on this site ('images/x.png', '/img/y.png'), false for anything naming a host or
    a scheme, however it is spelled."""
    cleaned = re.sub(r"[\x00-\x20]", "", html_lib.unescape(address)).replace("\\", "/")
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return False
    return bool(cleaned) and not parts.scheme and not parts.netloc and not cleaned.startswith("//")


def html_to_text(html: str, simple: bool = False) -> str:
    """Plain text of an HTML fragment, one line per block, for leads and grouping. ``simple``: the
    fragment is ``simple_safe_html``'s (with cards' text in it), whose tags hold no '>' to parse around."""
    text = ANY_TAG.sub("", BLOCK_END.sub("\n", html)) if simple else nh3.clean(BLOCK_END.sub("\n", html), tags=set())
    lines = map(collapse_spaces, without_unprintable(html_lib.unescape(text)).splitlines())
    return "\n".join(line for line in lines if line)


def collapse_spaces(line: str) -> str:
    """``line`` with each run of white space made one space, and none at its ends. Most lines are so
    already, which substring tests tell faster than splitting the line into words and joining them."""
    odd_space = not line.isprintable() if line.isascii() else OTHER_SPACE.search(line)
    if odd_space or "  " in line or line.startswith(" ") or line.endswith(" "):
        return " ".join(line.split())
    return line


def clean_article(article: Article, settings: ArticleSettings | None = None, chrome: frozenset[str] = frozenset()
                  ) -> Article:
    """A new Article whose ``html`` and ``text`` are safe to publish, with the noise removed. ``settings``:
    the site's rules switched off and its own patterns; ``chrome``: the keys of its lines that other articles
    of its source carry too (see ``sitechrome``)."""
    disabled = article.clean_disabled | (settings.clean_disabled if settings else frozenset())
    patterns = _patterns_for(article.source, settings)
    body = ENCODED_MARK.sub("", article.body.replace(EMBED_MARK, ""))
    lines = [Line(article.body_line + i, text) for i, text in enumerate(body.splitlines())]
    work = run_rules(lines, article.title, disabled, patterns, article.source, chrome)
    markdown = "\n".join(line.text for line in work.lines) + "\n"
    rendered = render_markdown(markdown)
    simple = simple_safe_html(markdown, rendered)
    html = link_remote_images(sanitise_html(rendered)) if simple is None else simple
    text = html_to_text(fill_embeds(html, work.embeds, lambda embed: html_lib.escape(embed.plain_text())
                                    .replace("\n", "<br>") + "<br>"), simple=simple is not None)
    return replace(article, markdown=markdown, html=html, text=text, embeds=tuple(work.embeds),
                   cleanup=tuple(work.changes), line_keys=work.line_keys)


def _patterns_for(source: str, settings: ArticleSettings | None) -> tuple[re.Pattern, ...]:
    if not settings:
        return ()
    return settings.clean_patterns.get("*", ()) + settings.clean_patterns.get(source.casefold(), ())


