"""From a news page's HTML to the text of an article file: metadata, the article as Markdown, and the
page's social embeds kept as the embed codes the cleaning turns into cards.

Pure: it takes the page's text and returns data. Extraction is trafilatura's (an optional extra,
imported only here and only when a page is clipped); nothing in a build imports this module.
"""

from __future__ import annotations

import re
from html import unescape
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qsl, urlencode, urlsplit

import yaml

from site_builder.cleaning.embeds import BLOCKQUOTE_EMBED, FACEBOOK_EMBED, IFRAME, embed_from_iframe, web_url
from site_builder.errors import SiteBuilderError
from site_builder.content.slugs import slugify

INSTALL_HINT = "pip install 'site-builder[add]'"
EMBED_TOKEN = "SITEBUILDEREMBED{}X"
"""What stands in for an embed while trafilatura reads the page: one plain word, which it keeps as a
paragraph where the embed was, and which no article contains."""
TOKEN_LINE = re.compile(r"^.*SITEBUILDEREMBED(\d+)X.*$", re.M)
TRACKING_PARAMETERS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|ref|ref_src|s|smid)$", re.I)
LANG_ATTRIBUTE = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)", re.I)
META_LANGUAGE = re.compile(
    r"<meta\b[^>]*?(?:http-equiv\s*=\s*[\"']content-language[\"'][^>]*?content|property\s*=\s*[\"']og:locale[\"']"
    r"[^>]*?content|name\s*=\s*[\"'](?:language|dc\.language)[\"'][^>]*?content)\s*=\s*[\"']([A-Za-z]{2,3})\b", re.I)
JSON_LD_LANGUAGE = re.compile(r"\"inLanguage\"\s*:\s*\"([A-Za-z]{2,3})\b")
SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)
MAX_TITLE_SLUG = 60
METADATA_HEADER = re.compile(r"\A---\n(?:[a-z]+: .*\n)*---\n")
"""The metadata trafilatura puts before the Markdown when asked for it too."""
SEPARATORS = re.compile(r"\s+[-|–—·:]\s+")
MIN_GUESS_CHARACTERS = 400
"""Text a language is guessed from when the page names none: less is too little to tell Spanish from
Portuguese."""


class ClipFailed(SiteBuilderError):
    """A page that cannot become an article (no article text, no date, no extractor): one line saying why."""


@dataclass(frozen=True)
class Clipping:
    """What one page gives for an article file."""

    title: str
    """The headline."""
    date: date | None
    """The publication date, when the page says."""
    lang: str | None
    """The page's language (primary subtag), when the page says."""
    source: str
    """The outlet's name: the site name the page gives, else its host name."""
    url: str | None
    """The canonical address (the page's own, else the address it was fetched from or saved from),
    without tracking parameters; None for a saved page that names no address."""
    author: str | None
    """The byline, when the page gives one."""
    body: str
    """The article as Markdown, embeds as their raw embed codes."""


@dataclass(frozen=True)
class ArticleChoices:
    """What the curator adds or overrides for every page of one `add`."""

    story: str | None = None
    """`story:` key to join."""
    draft: bool = False
    """Write `draft: true`."""
    lang: str | None = None
    """Language, over what the page says."""
    date: date | None = None
    """Publication date, over what the page says."""


def clip_page(html: str, address: str) -> Clipping:
    """Read the article out of a page fetched from (or saved from) ``address``."""
    try:
        import trafilatura
    except ImportError as err:
        raise ClipFailed(f"{address}: adding articles needs the extraction library trafilatura; install it with "
                         f"{INSTALL_HINT}") from err
    marked, embeds = mark_embeds(html)
    document = trafilatura.extract_with_metadata(
        marked, url=address if address.startswith(("http://", "https://")) else None, output_format="markdown",
        include_comments=False, include_tables=True, include_links=True, include_formatting=True,
        date_extraction_params={"original_date": True, "extensive_search": True})
    markdown = METADATA_HEADER.sub("", document.text or "", count=1) if document is not None else ""
    if not markdown or not _has_prose(markdown):
        raise ClipFailed(f"{address}: no article text found in the page (an index, a video or a page that "
                         "needs JavaScript?); give the address of one article, or save it in a browser first")
    source = _source_name(document.sitename, document.hostname, address)
    title = _without_site_name(" ".join((document.title or "").split()), source, document.sitename)
    if not title:
        raise ClipFailed(f"{address}: the page has no title; is it an article?")
    body = restore_embeds(_with_lead(_without_title_heading(markdown, title), marked, document.description), embeds)
    return Clipping(title=title, date=_parse_date(document.date), lang=page_language(html) or guess_language(body),
                    source=source,
                    url=_page_url(document.url, html, address), author=_author(document.author), body=body)


def mark_embeds(html: str) -> tuple[str, list[str]]:
    """The page with each social embed code (and known player iframe) replaced by a token paragraph,
    and the codes in order; the loader scripts after them are left for the extractor to drop."""
    embeds: list[str] = []

    def token(match: re.Match) -> str:
        block = match.group(0)
        if block.lower().startswith("<iframe") and embed_from_iframe(block) is None:
            return block
        embeds.append(block)
        return f"<p>{EMBED_TOKEN.format(len(embeds) - 1)}</p>"

    for pattern in (FACEBOOK_EMBED, BLOCKQUOTE_EMBED, IFRAME):
        html = pattern.sub(token, html)
    return html, embeds


def restore_embeds(markdown: str, embeds: list[str]) -> str:
    """Each token line back as its embed code, a block of its own (blank lines around it)."""
    def block(match: re.Match) -> str:
        index = int(match.group(1))
        code = " ".join(embeds[index].split()) if index < len(embeds) else ""
        return f"\n{code}\n" if code else ""

    return re.sub(r"\n{3,}", "\n\n", TOKEN_LINE.sub(block, markdown)).strip() + "\n"


def _page_url(found: str | None, html: str, address: str) -> str | None:
    """The page's canonical address, else where it was fetched, else the address a browser noted when
    saving it ('<!-- saved from url=(0045)https://... -->')."""
    saved = SAVED_FROM.search(html[:4096])
    for candidate in (found, address, saved.group(1) if saved else None):
        if candidate and web_url(candidate, keep_query=True):
            return canonical_url(candidate)
    return None


def _has_prose(markdown: str) -> bool:
    words = re.findall(r"\w+", TOKEN_LINE.sub("", markdown))
    return len(words) >= 30 or len("".join(words)) >= 150  # languages without spaces count by characters


PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.I | re.S)
TAG = re.compile(r"<[^>]+>")
LEAD_WORDS = 5
"""Words of the page's description a paragraph must begin with to be taken for its lead (outlets reword the
rest of it: 'West Ham United dává' in the description, 'West Ham dává' in the lead)."""
LEAD_LEAST = 15
"""Words a lead has at least: a shorter paragraph that begins so is a kicker or a caption."""


def _with_lead(markdown: str, html: str, description: str | None) -> str:
    """The text with its lead paragraph first when the extraction left it out. Many news pages (a Czech or
    German standfirst, a perex) set the lead before the element holding the article, where extraction does
    not look; the page's description is that lead, or its start. A paragraph of the page that begins as the
    description does, and that the text does not hold, is put back before it."""
    words = _plain(description or "").split()[:LEAD_WORDS]
    wanted = " ".join(words)
    if len(words) < LEAD_WORDS or wanted in _plain(markdown[:2000]):
        return markdown
    for found in PARAGRAPH.finditer(html):
        text = " ".join(unescape(TAG.sub(" ", found.group(1))).split())
        plain = _plain(text)
        if plain.startswith(wanted + " ") and len(plain.split()) >= LEAD_LEAST:
            return f"{text}\n\n{markdown.lstrip()}" if plain[:200] not in _plain(markdown) else markdown
    return markdown


def _without_title_heading(markdown: str, title: str) -> str:
    lines = markdown.lstrip().split("\n", 1)
    if lines and _plain(lines[0].lstrip("# ")) == _plain(title):
        return lines[1] if len(lines) > 1 else ""
    return markdown


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _parse_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _author(text: str | None) -> str | None:
    text = " ".join((text or "").split())
    return text if text and len(text) <= 200 else None


def _source_name(sitename: str | None, hostname: str | None, address: str) -> str:
    """The outlet's name; of a site name with a slogan ('Aktuálně.cz - Víte, co se právě děje'), the
    part that is the host's name."""
    host = (hostname or urlsplit(address).hostname or "").removeprefix("www.")
    name = " ".join((sitename or "").split())
    if not name or name.startswith(("http://", "https://")) or len(name) > 100:
        return host or "unknown source"
    label = host.split(".")[-2] if host.count(".") >= 1 else host
    parts = SEPARATORS.split(name)
    return next((part for part in parts if label and label in slugify(part)), name) if len(parts) > 1 else name


def _without_site_name(title: str, source: str, sitename: str | None) -> str:
    """The headline without the outlet's name after it ('... - BBC News', '... | Aktuálně.cz')."""
    names = {slugify(name) for name in (source, sitename or "") if name}
    parts = SEPARATORS.split(title)
    if len(parts) > 1 and any(slugify(parts[-1]) and (slugify(parts[-1]) in name or name in slugify(parts[-1]))
                              for name in names):
        return title[:title.rindex(parts[-1])].rstrip(" -|–—·:")
    return title


def guess_language(markdown: str) -> str | None:
    """The language of the article's text, for pages that name none (py3langid, part of the `add` extra)."""
    text = TOKEN_LINE.sub("", markdown)
    if len(text) < MIN_GUESS_CHARACTERS:
        return None
    try:
        import py3langid
    except ImportError:
        return None
    return py3langid.classify(text)[0]


def page_language(html: str) -> str | None:
    """The primary language subtag the page declares: <html lang>, then its meta tags, then JSON-LD."""
    head = html[:200_000]
    for pattern in (LANG_ATTRIBUTE, META_LANGUAGE, JSON_LD_LANGUAGE):
        match = pattern.search(head)
        if match:
            return re.split(r"[-_]", match.group(1))[0].lower()
    return None


def canonical_url(url: str) -> str:
    """The address as written in `url:`: without a fragment or tracking parameters."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not TRACKING_PARAMETERS.match(k)])
    return parts._replace(query=query, fragment="").geturl()


def same_page_key(url: str) -> str:
    """What two addresses of one article share: http or https, 'www.' or not, a trailing slash or not."""
    parts = urlsplit(canonical_url(url))
    host = (parts.hostname or "").removeprefix("www.")
    port = f":{parts.port}" if parts.port else ""
    return f"{host}{port}{parts.path.rstrip('/') or '/'}" + (f"?{parts.query}" if parts.query else "")


def file_name(clipping: Clipping, choices: ArticleChoices) -> str:
    """'2025-07-12-informasi-com-openai-kembali-tunda-rilis.md'."""
    day = choices.date or clipping.date
    title = slugify(clipping.title, fallback=clipping.title)
    if len(title) > MAX_TITLE_SLUG:
        title = title[:MAX_TITLE_SLUG].rsplit("-", 1)[0]
    return f"{day.isoformat()}-{slugify(clipping.source, fallback=clipping.source)}-{title}.md"


def missing_metadata(clipping: Clipping, choices: ArticleChoices) -> str | None:
    """Why the page cannot be written as it is (no date, no language), with the flag that fixes it."""
    if not (choices.date or clipping.date):
        return "the page does not say when it was published; pass --date YYYY-MM-DD"
    if not (choices.lang or clipping.lang):
        return "the page does not say its language; pass --lang CODE (e.g. --lang en)"
    return None


def article_text(clipping: Clipping, choices: ArticleChoices) -> str:
    """The article file: front matter, then the body."""
    front: dict[str, object] = {
        "title": clipping.title, "date": (choices.date or clipping.date).isoformat(),
        "lang": choices.lang or clipping.lang, "source": clipping.source, "url": clipping.url,
        "author": clipping.author, "story": choices.story, "draft": True if choices.draft else None}
    lines = [f"date: {value}" if key == "date" else _yaml_line(key, value)
             for key, value in front.items() if value is not None]
    return "---\n" + "\n".join(lines) + "\n---\n" + clipping.body


def _yaml_line(key: str, value: object) -> str:
    text = yaml.safe_dump({key: value}, allow_unicode=True, default_flow_style=False, width=10_000)
    return text.strip()
