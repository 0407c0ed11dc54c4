"""`site-builder add`: clip articles into the content folder from web addresses, saved pages or a feed.

Every page is fetched and read before anything is written: when one fails, the content folder is left
exactly as it was and every failure is told, one line each. A page whose address is already in the
digest is refused with the file that holds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from site_builder.adding.clip import (ArticleChoices, Clipping, article_text, clip_page, file_name, missing_metadata,
                               same_page_key)
from site_builder.config import SiteConfig, display_path
from site_builder.errors import SiteBuilderError
from site_builder.adding.feeds import FeedEntry, parse_feed
from site_builder.adding.fetch import FEED_TYPES, MAX_BYTES, FetchFailed, check_web_address, fetch
from site_builder.content.frontmatter import split_front_matter
from site_builder.content.load import content_folder, read_content_file
from site_builder.content.yamldoc import parse_yaml_mapping

META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w-]+)", re.I)


class AddFailed(SiteBuilderError):
    """One or more pages could not be added; nothing was written."""


@dataclass(frozen=True)
class PlannedArticle:
    """One article file `add` writes (or, with --dry-run, would write)."""

    source: str
    """The address or saved file it came from, as given."""
    path: Path
    """The new file."""
    shown: str
    """The new file as messages name it ('content/2025-07-12-...md')."""
    text: str
    """Its whole text."""
    clipping: Clipping
    """What the page gave."""


@dataclass(frozen=True)
class FeedLine:
    """One entry of a feed as `add --feed` lists it."""

    number: int
    """Its number in the listing, from 1, to pick it by."""
    entry: FeedEntry
    """The entry."""
    added_in: str | None
    """The content file that already holds its address, if any."""


def add_articles(config: SiteConfig, sources: list[str], choices: ArticleChoices,
                 dry_run: bool = False) -> list[PlannedArticle]:
    """Clip every source (web address or saved .html file) and write them all, or none."""
    known = known_addresses(config)
    planned: list[PlannedArticle] = []
    failures: list[str] = []
    for source in sources:
        try:
            planned.append(plan_article(config, source, choices, known, planned))
        except SiteBuilderError as err:
            failures.append(str(err))
    if failures:
        closing = [f"Nothing was written: {len(failures)} of {len(sources)} pages failed."] if len(sources) > 1 else []
        raise AddFailed("\n".join(failures + closing))
    if not dry_run:
        write_articles(planned)
    return planned


def plan_article(config: SiteConfig, source: str, choices: ArticleChoices, known: dict[str, str],
                 planned: list[PlannedArticle]) -> PlannedArticle:
    """The file one source becomes; AddFailed (one line) when it cannot be added."""
    html, address = read_page(source)
    clipping = clip_page(html, address)
    if clipping.url:
        key = same_page_key(clipping.url)
        holder = known.get(key) or next((p.shown for p in planned if p.clipping.url and
                                         same_page_key(p.clipping.url) == key), None)
        if holder:
            raise AddFailed(f"{source}: already in the digest as {holder} (url: {clipping.url}); edit that file "
                            "instead, or delete it to add the page again")
    missing = missing_metadata(clipping, choices)
    if missing:
        raise AddFailed(f"{source}: {missing}")
    path = free_path(config.content_dir, file_name(clipping, choices), {p.path for p in planned})
    return PlannedArticle(source, path, display_path(path, config.root), article_text(clipping, choices), clipping)


def read_page(source: str) -> tuple[str, str]:
    """(HTML text, the address it stands for) of a web address or a saved page."""
    if re.match(r"^[a-z][a-z0-9+.-]*://", source, re.I):
        response = fetch(source)
        return decode_page(response.body, response.charset), response.url
    path = Path(source)
    if not path.is_file():
        check_web_address(source)  # says how an address must look
    if path.stat().st_size > MAX_BYTES:
        raise FetchFailed(f"{source}: the file is larger than {MAX_BYTES // 1_000_000} MB; is it a web page?")
    data = path.read_bytes()
    if not re.search(rb"<(html|body|p|article)\b", data[:MAX_BYTES], re.I):
        raise FetchFailed(f"{source}: not an HTML page; give a page saved by a browser (.html)")
    return decode_page(data, None), str(path)


def decode_page(data: bytes, charset: str | None) -> str:
    """The page's text: the charset the server named, else the one the page names, else UTF-8 (a
    stray byte becomes U+FFFD rather than failing the page)."""
    named = META_CHARSET.search(data[:4096])
    for encoding in (charset, named.group(1).decode("ascii") if named else None, "utf-8"):
        if encoding:
            try:
                return data.decode(encoding, errors="replace")
            except LookupError:  # an encoding Python does not know
                continue
    return data.decode("utf-8", errors="replace")


def free_path(folder: Path, name: str, taken: set[Path]) -> Path:
    """``folder/name``, or with -2, -3, ... before '.md' when a file (or another new one) has that name."""
    path, number = folder / name, 1
    while path.exists() or path in taken:
        number += 1
        path = folder / f"{name.removesuffix('.md')}-{number}.md"
    return path


def write_articles(planned: list[PlannedArticle]) -> None:
    """Write every new file, never over an existing one; when one cannot be written, remove the others."""
    written: list[Path] = []
    try:
        for article in planned:
            article.path.parent.mkdir(parents=True, exist_ok=True)
            with open(article.path, "x", encoding="utf-8", newline="\n") as file:
                written.append(article.path)
                file.write(article.text)
    except OSError as err:
        for path in written:
            path.unlink(missing_ok=True)
        raise AddFailed(f"{err.filename}: cannot write the article ({err.strerror}); nothing was written") from err


def known_addresses(config: SiteConfig) -> dict[str, str]:
    """The `url:` of every article in the content folder (as ``same_page_key``) -> the file holding it.
    Only front matter is read; a file that does not parse is left to `build` to report."""
    found, _ = content_folder(config)
    prefix = display_path(config.content_dir, config.root).rstrip("/") + "/"
    known: dict[str, str] = {}
    for entry in found:
        shown = prefix + entry.relative
        data, _ = read_content_file(entry, config.content_dir, shown)
        url = _front_matter_url(data, shown) if data else None
        if url:
            known.setdefault(same_page_key(url), shown)
    return known


def _front_matter_url(data: bytes, shown: str) -> str | None:
    front, _, _, problems = split_front_matter(data.decode("utf-8", errors="replace"), shown)
    if front is None:
        return None
    doc, _ = parse_yaml_mapping(front, shown, first_line=2)
    url = doc.data.get("url") if doc else None
    return url if isinstance(url, str) and url.strip() else None


def list_feed(config: SiteConfig, feed: str) -> list[FeedLine]:
    """The feed's entries, numbered, each with the content file that already holds it."""
    if re.match(r"^[a-z][a-z0-9+.-]*://", feed, re.I):
        response = fetch(feed, accepted=FEED_TYPES)
        data, where = response.body, feed
    else:
        path = Path(feed)
        if not path.is_file():
            raise FetchFailed(f"{feed}: no such file, and not a web address; give a feed's address or file")
        data, where = path.read_bytes()[:MAX_BYTES + 1], feed
    known = known_addresses(config)
    return [FeedLine(number, entry, known.get(same_page_key(entry.url)))
            for number, entry in enumerate(parse_feed(data, where), start=1)]


def choose_entries(lines: list[FeedLine], numbers: list[str], take_all: bool, since: date | None) -> list[FeedLine]:
    """The new entries picked by number, by --all or by --since; an entry already added is never taken
    again, and a number not in the listing is refused."""
    by_number = {line.number: line for line in lines}
    if numbers:
        chosen = []
        for text in numbers:
            if not text.isdigit() or int(text) not in by_number:
                raise AddFailed(f"{text}: no entry has that number; pick numbers from 1 to {len(lines)} of the "
                                "listing (run without numbers to see it)")
            line = by_number[int(text)]
            if line.added_in:
                raise AddFailed(f"entry {text} ({line.entry.url}) is already in the digest as {line.added_in}")
            chosen.append(line)
        return chosen
    new = [line for line in lines if not line.added_in]
    if since:
        return [line for line in new if line.entry.date and line.entry.date >= since]
    return new if take_all else []
