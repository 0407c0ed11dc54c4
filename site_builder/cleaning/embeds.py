"""Social and media embeds found in clipped HTML, turned into plain data for a static card.

Platforms ship embeds as a blockquote (or iframe) plus a script that fetches the live post. The
blockquote already holds what a reader needs: the text, the author, the date and the link. This
module reads them out; the script and the iframe are dropped, so nothing is fetched, ever.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable
from urllib.parse import parse_qs, unquote, urlsplit

EMBED_MARK = "\ue000"
"""Private-use character around an embed placeholder; stripped from article text before cleaning."""
PLACEHOLDER = re.compile(rf"(?:<p>{EMBED_MARK}|{EMBED_MARK})embed-(\d+){EMBED_MARK}(?:</p>)?")
"""An embed's place, with the paragraph around it. Each alternative starts with a literal, which the regex
engine looks for at once (an optional group first costs many times as long)."""
BLOCKQUOTE_CLASSES = {
    "twitter-tweet": "X", "twitter-video": "X", "instagram-media": "Instagram", "tiktok-embed": "TikTok",
    "text-post-media": "Threads", "bluesky-embed": "Bluesky", "mastodon-embed": "Mastodon",
    "reddit-embed-bq": "Reddit", "reddit-card": "Reddit",
}
_CLASS_NAMES = "|".join(BLOCKQUOTE_CLASSES)
# An embed's content ends at its closing tag; "(?:(?!STOP).)*?" keeps a match that never closes from
# running on into the article: it stops at the next opening tag of its kind or at a blank line
# followed by text. That also keeps matching linear on pathological input.
BLOCK_STOP = r"(?:(?!<blockquote\b|\n[ \t]*\n[ \t]*[^<\s]).)*?"
ATTRIBUTES = r"[^<>]*"
"""The rest of an opening tag. It never crosses a '<', so a tag left open is given up at the next one
instead of being looked for to the end of the text from every start (quadratic, or worse)."""
CLASS_LIST = r"\sclass\s*=\s*[\"'](?:[^\"']*\s)?"
BLOCKQUOTE_EMBED = re.compile(
    rf"<blockquote\b{ATTRIBUTES}{CLASS_LIST}(?:{_CLASS_NAMES})(?:\s[^\"']*)?[\"']{ATTRIBUTES}>"
    rf"{BLOCK_STOP}</blockquote>", re.I | re.S)
FACEBOOK_EMBED = re.compile(
    rf"<div\b{ATTRIBUTES}{CLASS_LIST}fb-(?:post|video)(?:\s[^\"']*)?[\"']{ATTRIBUTES}>\s*"
    rf"(?:<blockquote\b{BLOCK_STOP}</blockquote>\s*)?"
    r"</div>", re.I | re.S)
IFRAME = re.compile(rf"<iframe\b{ATTRIBUTES}?(?:/>|>(?:(?!<iframe\b|\n[ \t]*\n[ \t]*[^<\s]).)*?</iframe>)", re.I | re.S)
VIMEO_CAPTION = re.compile(rf"\s*<p>\s*<a\s+href=\"https?://vimeo\.com/\d+{ATTRIBUTES}>(?:(?!<iframe\b).)*?</p>",
                           re.I | re.S)
AUTHOR_WITH_HANDLE = re.compile(r"(?:[—–-]|&mdash;)?\s*([^()\n—–]+?)\s*\(\s*(@[\w.@-]+)\s*\)")
INSTAGRAM_CHROME = re.compile(r"^(view this post on instagram|a post shared by|una publicación compartida|"
                              r"un post condiviso|uma publicação compartilhada|une publication partagée)", re.I)
BLOCK_TAGS = {"p", "div", "section", "br", "li", "blockquote"}
GENERIC_VIDEO_TITLES = {"youtube video player", "vimeo video player", "video player", ""}


@dataclass(frozen=True)
class Embed:
    """A post or video that was embedded in the article, as a theme shows it on a static card."""

    platform: str
    """'X', 'Instagram', 'YouTube', ... as readers know it."""
    kind: str
    """'post' (a quote card) or 'video' (a link card)."""
    url: str | None
    """The original post or video (http or https only)."""
    text: str = ""
    """What the post says, paragraphs separated by blank lines."""
    author_name: str = ""
    """The author's display name."""
    author_handle: str = ""
    """The author's handle, with its '@'."""
    date_text: str = ""
    """The date as the embed gave it ('July 12, 2025')."""
    title: str = ""
    """A video's or a Reddit post's title."""
    lang: str | None = None
    """Language of the post text, when the embed says."""

    @property
    def byline(self) -> str:
        """'Sam Altman (@sama)', or whichever of the two the embed gave."""
        handle = f"({self.author_handle})" if self.author_handle else ""
        return " ".join(part for part in (self.author_name, handle) if part)

    def describe(self) -> str:
        """'an X post by Sam Altman (@sama)', for --explain and the build report."""
        article = "an" if self.platform[0] in "AEIOUX" else "a"
        return f"{article} {self.platform} {self.kind}" + (f" by {self.byline}" if self.byline else "")

    def plain_text(self) -> str:
        """Everything a reader sees on the card, as plain text (for leads, grouping and tests)."""
        parts = (self.title, self.text, self.byline, self.date_text, self.url or "")
        return "\n".join(part for part in parts if part)


class _BlockReader(HTMLParser):
    """Collects what the embed builders need from one HTML block: attributes, paragraphs, links, times."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: dict[str, str] = {}
        self.paragraphs: list[tuple[str, str | None]] = []
        self.links: list[tuple[str, str]] = []
        self.times: list[str] = []
        self.tail: list[str] = []
        self._paragraph: list[str] | None = None
        self._paragraph_lang: str | None = None
        self._link: tuple[str, list[str]] | None = None
        self._in_time = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if not self.root:
            self.root = values or {"": ""}
        if tag in BLOCK_TAGS:
            self.tail.append(" ")
        if tag == "p":
            self._paragraph, self._paragraph_lang = [], values.get("lang")
        elif tag == "br" and self._paragraph is not None:
            self._paragraph.append("\n")
        elif tag == "a":
            self._link = (values.get("href", ""), [])
        elif tag == "time":
            self._in_time = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._paragraph is not None:
            text = "\n".join(" ".join(line.split()) for line in "".join(self._paragraph).split("\n"))
            self.paragraphs.append((text.strip(), self._paragraph_lang))
            self._paragraph = None
        elif tag == "a" and self._link is not None:
            self.links.append((self._link[0], " ".join("".join(self._link[1]).split())))
            self._link = None
        elif tag == "time":
            self._in_time = False

    def handle_data(self, data: str) -> None:
        if self._paragraph is not None:
            self._paragraph.append(data)
        else:
            self.tail.append(data)
        if self._link is not None:
            self._link[1].append(data)
        if self._in_time:
            self.times.append(data.strip())

    @property
    def tail_text(self) -> str:
        return " ".join("".join(self.tail).split())


def read_block(block: str) -> _BlockReader:
    """What the HTML block holds; whatever the parser could not make sense of is simply left out."""
    reader = _BlockReader()
    try:
        reader.feed(block)
        reader.close()
    except (AssertionError, ValueError):  # html.parser refuses some malformed declarations this way
        pass
    return reader


def web_url(url: str | None, keep_query: bool = False) -> str | None:
    """The URL if it is http(s), without tracking parameters; None otherwise."""
    if not url:
        return None
    try:
        parts = urlsplit(html_lib.unescape(url.strip()))
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    query = parts.query if keep_query else ""
    return parts._replace(query=query, fragment="").geturl()


def _author(text: str) -> tuple[str, str]:
    """('Sam Altman', '@sama') from '— Sam Altman (@sama) July 12, 2025'; the byline is in the last
    few hundred characters, and looking only there keeps a huge block from being searched at length."""
    match = AUTHOR_WITH_HANDLE.search(text[-300:])
    return (match.group(1).strip(" —–-"), match.group(2)) if match else ("", "")


def _post_link(reader: _BlockReader, pattern: str) -> tuple[str | None, str]:
    """(url, link text) of the last link whose address matches ``pattern``."""
    for href, text in reversed(reader.links):
        if re.search(pattern, href):
            return web_url(href), text
    return None, ""


def _text(paragraphs: list[tuple[str, str | None]]) -> str:
    return "\n\n".join(text for text, _ in paragraphs if text and not INSTAGRAM_CHROME.match(text))


def embed_from_blockquote(block: str) -> Embed | None:
    """An Embed from a platform's blockquote embed code; None when the block is no known embed."""
    reader = read_block(block)
    classes = reader.root.get("class", "").lower().split()
    platform = next((BLOCKQUOTE_CLASSES[c] for c in classes if c in BLOCKQUOTE_CLASSES), None)
    builder = {"X": _x_post, "Bluesky": _bluesky_post, "Instagram": _instagram_post, "TikTok": _tiktok_post,
               "Threads": _threads_post, "Mastodon": _mastodon_post, "Reddit": _reddit_post}.get(platform)
    return builder(reader) if builder else None


def _quoted_post(reader: _BlockReader, platform: str, post_pattern: str) -> Embed:
    """X and Bluesky quote the post as <p>text</p> — Name (@handle) <a href=post>date</a>."""
    url, date_text = _post_link(reader, post_pattern)
    name, handle = _author(reader.tail_text)
    lang = reader.paragraphs[0][1] if reader.paragraphs else None
    return Embed(platform, "post", url, _text(reader.paragraphs), name, handle, date_text, lang=lang)


def _x_post(reader: _BlockReader) -> Embed:
    return _quoted_post(reader, "X", r"(twitter|x)\.com/.+/status/\d+")


def _bluesky_post(reader: _BlockReader) -> Embed:
    return _quoted_post(reader, "Bluesky", r"bsky\.app/profile/.+/post/")


def _instagram_post(reader: _BlockReader) -> Embed:
    url = web_url(reader.root.get("data-instgrm-permalink")) or _post_link(reader, r"instagram\.com/(p|reel|tv)/")[0]
    byline = next((text for _, text in reader.links if INSTAGRAM_CHROME.match(text) and "(@" in text), "")
    byline = byline or next((text for text, _ in reader.paragraphs if "(@" in text), "")
    name, handle = _author(re.sub(INSTAGRAM_CHROME, "", byline).removeprefix(" by"))
    return Embed("Instagram", "post", url, _text(reader.paragraphs), name.removeprefix("by ").strip(), handle,
                 " ".join(reader.times))


def _tiktok_post(reader: _BlockReader) -> Embed:
    url = web_url(reader.root.get("cite")) or _post_link(reader, r"tiktok\.com/@")[0]
    handle = next((text for _, text in reader.links if text.startswith("@")), "")
    texts = [(t, lang) for t, lang in reader.paragraphs if not t.startswith("♬")]
    caption = _text(texts) or _tiktok_caption(reader.tail_text, handle, reader.links)
    return Embed("TikTok", "post", url, caption, "", handle)


def _tiktok_caption(tail: str, handle: str, links: list[tuple[str, str]]) -> str:
    """Newer TikTok embeds put the caption loose in a <section>, between the handle and the sound."""
    sound = next((text for _, text in links if text.startswith("♬")), "")
    caption = tail.split(sound)[0] if sound else tail
    return caption.strip().removeprefix(handle).strip()


def _threads_post(reader: _BlockReader) -> Embed:
    url = web_url(reader.root.get("data-text-post-permalink")) or _post_link(reader, r"threads\.(net|com)/@")[0]
    handle = re.search(r"/(@[\w.]+)", url or "")
    texts = [(t, lang) for t, lang in reader.paragraphs if t.lower() != "view on threads"]
    return Embed("Threads", "post", url, _text(texts), "", handle.group(1) if handle else "")


def _mastodon_post(reader: _BlockReader) -> Embed:
    embed_url = reader.root.get("data-embed-url", "").removesuffix("/embed")
    url = web_url(embed_url) or _post_link(reader, r"/@[\w.]+/\d+")[0]
    handle = re.search(r"(@[\w.]+@[\w.-]+)", reader.tail_text) or re.search(r"/(@[\w.]+)", url or "")
    texts = [(t, lang) for t, lang in reader.paragraphs if not t.lower().startswith(("post by", "view on mastodon"))]
    return Embed("Mastodon", "post", url, _text(texts), "", handle.group(1) if handle else "")


def _reddit_post(reader: _BlockReader) -> Embed:
    url, title = _post_link(reader, r"reddit\.com/r/[^/]+/comments/")
    author = next((text for href, text in reader.links if re.search(r"reddit\.com/u(ser)?/", href)), "")
    return Embed("Reddit", "post", url, _text(reader.paragraphs), "", author, title=title)


def embed_from_facebook(block: str) -> Embed:
    reader = read_block(block)
    url = web_url(reader.root.get("data-href")) or _post_link(reader, r"facebook\.com/")[0]
    name = next((text for href, text in reader.links if text and web_url(href) != url), "")
    date_text = reader.links[-1][1] if len(reader.links) >= 2 and reader.links[-1][1] != name else ""
    kind = "video" if "fb-video" in reader.root.get("class", "") else "post"
    return Embed("Facebook", kind, url, _text(reader.paragraphs), name, "", date_text)


def embed_from_iframe(block: str, caption: str = "") -> Embed | None:
    """An Embed for a known player or post iframe; None for any other iframe (it is dropped)."""
    reader = read_block(block)
    src = html_lib.unescape(reader.root.get("src", "")).strip()
    if src.startswith("//"):
        src = "https:" + src
    try:
        parts = urlsplit(src)
    except ValueError:
        return None
    host, path = parts.netloc.lower().removeprefix("www."), parts.path
    title = reader.root.get("title", "").strip()
    title = "" if title.lower() in GENERIC_VIDEO_TITLES else title
    if host in ("youtube.com", "youtube-nocookie.com", "m.youtube.com") and path.startswith("/embed/"):
        video = path.split("/")[2]
        return Embed("YouTube", "video", web_url(f"https://www.youtube.com/watch?v={video}", keep_query=True),
                     title=title)
    if host == "player.vimeo.com" and path.startswith("/video/"):
        caption_reader = read_block(caption) if caption else None
        caption_title = caption_reader.links[0][1] if caption_reader and caption_reader.links else ""
        author = caption_reader.links[1][1] if caption_reader and len(caption_reader.links) > 2 else ""
        return Embed("Vimeo", "video", f"https://vimeo.com/{path.split('/')[2]}", author_name=author,
                     title=title or caption_title)
    if host.endswith("facebook.com") and path.startswith("/plugins/"):
        target = web_url(unquote(parse_qs(parts.query).get("href", [""])[0]))
        return Embed("Facebook", "video" if "video" in path else "post", target, title=title)
    if host == "instagram.com" and path.rstrip("/").endswith("/embed"):
        return Embed("Instagram", "post", web_url(src.rsplit("/embed", 1)[0] + "/"))
    if host == "platform.twitter.com" and "id" in parse_qs(parts.query):
        return Embed("X", "post", f"https://x.com/i/status/{parse_qs(parts.query)['id'][0]}")
    if host.endswith("reddit.com") and "/comments/" in path:
        return Embed("Reddit", "post", web_url(f"https://www.reddit.com{path.removeprefix('/embed')}"), title=title)
    if path.endswith("/embed") and re.search(r"/@[\w.]+/\d+/embed$", path):
        handle = re.search(r"/(@[\w.]+)/", path).group(1)
        return Embed("Mastodon", "post", web_url(src.removesuffix("/embed")), author_handle=f"{handle}@{host}")
    if host == "tiktok.com" and "/embed" in path:
        return Embed("TikTok", "video", web_url(f"https://www.tiktok.com/video/{path.rstrip('/').split('/')[-1]}"))
    return None


def fill_embeds(html: str, embeds: tuple[Embed, ...] | list[Embed], render: Callable[[Embed], str]) -> str:
    """Put each embed's card (as ``render`` makes it) where its placeholder stands. Here, not with the
    cleaning: pages fill them in, and a build that cleans no article imports none of the cleaning."""
    def card(match: re.Match) -> str:
        index = int(match.group(1))
        return render(embeds[index]) if index < len(embeds) else ""

    return PLACEHOLDER.sub(card, html) if EMBED_MARK in html else html
