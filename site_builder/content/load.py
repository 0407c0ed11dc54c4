"""The load stage: the only reader of the content folder.

It finds every Markdown file, reads it as UTF-8 and hands the text to ``frontmatter``; then it checks
what only the whole collection can show (two files claiming one id or one URL).
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from stat import S_ISREG
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Iterable, NamedTuple
from pathlib import Path, PurePosixPath

from site_builder.config import SiteConfig, display_path
from site_builder.settings import ArticleSettings
from site_builder.errors import Problem
from site_builder.content.frontmatter import ArticleDefaults, parse_article
from site_builder.model import Article, with_slug
from site_builder.content.yamldoc import UNPRINTABLE, decode_utf8

MARKDOWN_SUFFIXES = {".md", ".markdown"}
SETTLED_NS = 2_000_000_000
"""A file modified less than this long ago is read again, not found in the memo or the cache folder by
its modification time and size: file systems stamp times in ticks, so a second save within the tick
that keeps the size would look unchanged."""
MAX_FILE_BYTES = 2_000_000
"""An article file may have this many bytes: ten times a long clipped article; cleaning that much text
already holds a build up noticeably."""


@dataclass(frozen=True)
class ContentFile:
    """A Markdown file found under the content folder."""

    relative: str
    """Its path under the content folder, with '/' separators."""
    signature: tuple[int, int, int]
    """Modification time, size and inode: when these are unchanged (under `serve`) the file is not read."""
    is_link: bool
    """Whether it is a symbolic link, which may point out of the content folder."""


def find_markdown_files(content_dir: Path) -> list[ContentFile]:
    """Every Markdown file under ``content_dir``, in a stable order; files and folders whose names start
    with '.' or '_' (hidden, or the curator's notes) are skipped. Linked folders are not followed."""
    found: list[ContentFile] = []
    _scan(str(content_dir), "", found)
    return found


def _scan(folder: str, prefix: str, found: list[ContentFile]) -> None:
    """The files of ``folder`` first, then its subfolders, each in name order."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    entries = [entry for entry in entries if not entry.name.startswith((".", "_"))]
    folders = [entry for entry in entries if entry.is_dir(follow_symlinks=False)]
    for entry in entries:
        if entry not in folders and os.path.splitext(entry.name)[1].lower() in MARKDOWN_SUFFIXES:
            try:
                signature = signature_of(entry.stat())
            except OSError:
                signature = (0, -1, 0)  # reading it will report the problem
            found.append(ContentFile(prefix + entry.name, signature, entry.is_symlink()))
    for entry in folders:
        _scan(entry.path, prefix + entry.name + "/", found)


def signature_of(stat: os.stat_result) -> tuple[int, int, int]:
    """A file's ``ContentFile.signature``: modification time, size and inode."""
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


def rescanned(content_dir: Path, last: list[ContentFile], written: Iterable[str],
              position: dict[str, int]) -> list[ContentFile] | None:
    """The content folder as ``find_markdown_files`` would find it now, from ``last`` (its last scan) and
    ``written`` (the absolute paths of the only files written since, in place): those are looked at again.
    None when one of them is not a plain file of the last scan (only a whole scan can tell then).
    ``position``: each file's place in ``last`` by its path (the same in the result)."""
    found = list(last)
    for path in written:
        try:
            relative = Path(path).relative_to(content_dir).as_posix()
        except ValueError:
            return None
        number = position.get(relative)
        if number is None or last[number].is_link or os.path.islink(path):
            return None
        try:
            found[number] = ContentFile(relative, signature_of(os.stat(path)), False)
        except OSError:
            return None
    return found


def content_digest(config: SiteConfig, files: list[ContentFile]) -> tuple[str, dict[str, str]]:
    """A hash of every article file's path and modification time, size and inode, and the hash of the
    bytes of each file written in the last moments (its time cannot vouch for them), by path: equal
    hashes, and equal bytes in the files either build saw so written, mean a build would read the same
    content, without reading the rest. ``files``: ``find_markdown_files``'s."""
    digest, fresh = hashlib.sha256(), {}
    for found in files:
        digest.update(f"{found.relative}\0{found.signature}\0".encode("utf-8", "surrogateescape"))
        if not settled(found.signature[0]):
            fresh[found.relative] = bytes_digest(config.content_dir / found.relative)
    return digest.hexdigest(), fresh


def bytes_digest(path: Path) -> str:
    """The hash of a content file's bytes; a fixed word for what is not a readable regular file of an
    article's size (a named pipe would block; the build itself reports all of these)."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            return "not read"
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def settled(mtime_ns: int) -> bool:
    """Whether a file's modification time can vouch for its content: a file written in the last moments
    may be written again within the same clock tick with the same size, so it is read again."""
    return time.time_ns() - mtime_ns > SETTLED_NS


def article_id_for(path: Path, content_dir: Path) -> str:
    """The path under the content folder without its extension: `2025/openai-delay`."""
    return PurePosixPath(path.relative_to(content_dir).as_posix()).with_suffix("").as_posix()


def load_article(path: Path, config: SiteConfig, shown: str | None = None) -> tuple[Article | None, list[Problem]]:
    """One article file (inside the content folder or not) and the problems in it."""
    shown = shown or display_path(path, config.root)
    article_id = article_id_for(path, config.content_dir) if _inside(path, config.content_dir) else path.stem
    data, problems = read_file(path, shown)
    return parse_file(data, shown, article_id, defaults_of(config.article_settings)) if data is not None \
        else (None, problems)


def defaults_of(settings: ArticleSettings) -> ArticleDefaults:
    return ArticleDefaults(settings.language, settings.timezone, settings.extra_keys)


def read_file(path: Path, shown: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a regular article file of a sensible size, else the problem."""
    try:
        stat = path.stat()
        if not S_ISREG(stat.st_mode) or stat.st_size > MAX_FILE_BYTES:
            return None, [unreadable_problem(stat, shown)]
        return path.read_bytes(), []
    except OSError as err:
        return None, [Problem(shown, 0, 0, f"cannot read the file ({err.strerror})",
                              "check that it exists and that you may read it")]


def read_content_file(found: ContentFile, content_dir: Path, shown: str) -> tuple[bytes | None, list[Problem]]:
    """``read_file`` for a file found in the content folder, which a link must not leave."""
    path = content_dir / found.relative
    refused = link_problem(path, content_dir, shown) if found.is_link else None
    return (None, [refused]) if refused else read_file(path, shown)


def parse_file(data: bytes, shown: str, article_id: str, defaults: ArticleDefaults) -> tuple[Article | None,
                                                                                            list[Problem]]:
    """The article in a file's bytes, with their hash as its fingerprint, and the problems found."""
    text, problems = decode_utf8(data, shown)
    if text is None:
        return None, problems
    article, problems = parse_article(text, shown, article_id, defaults)
    fingerprint = hashlib.sha256(data + shown.encode("utf-8", "surrogateescape")).hexdigest()
    return (replace(article, fingerprint=fingerprint) if article else None), problems


def content_folder(config: SiteConfig, found: list[ContentFile] | None = None
                   ) -> tuple[list[ContentFile], list[Problem]]:
    """The article files of the content folder (scanned, unless ``found`` is the folder as already
    scanned), or the problem that there is no such folder."""
    content_dir = config.content_dir
    if not content_dir.is_dir():
        shown = display_path(content_dir, config.root)
        return [], [Problem(shown, 0, 0, "the content folder does not exist",
                            "create it, or point `content:` in site.yaml (or --content) at your articles")]
    return (find_markdown_files(content_dir) if found is None else found), []


def content_prefix(config: SiteConfig) -> str:
    """What names a content file in messages before its path in the folder ('content/')."""
    return display_path(config.content_dir, config.root).rstrip("/") + "/"


class Listed(NamedTuple):
    """A content file whose name makes an article."""

    found: ContentFile
    shown: str
    """The file as messages name it."""
    article_id: str
    """The id its path gives the article."""


def content_file(found: ContentFile, prefix: str) -> Listed | Problem:
    """The file listed, or the problem of its name."""
    shown = found.relative if prefix == "./" else prefix + found.relative
    return name_problem(shown) or Listed(found, shown, found.relative.rsplit(".", 1)[0])


def distinct_derived_slugs(articles: list[Article]) -> tuple[list[Article], dict[str, str]]:
    """Slugs derived from equal titles (one wire story run by two outlets) get '-2', '-3' in date and
    id order; given slugs keep theirs. Also returns the new slugs by article id."""
    renamed = distinct_slugs(articles)
    return [with_slug(a, renamed[a.id]) if a.id in renamed else a for a in articles], renamed


def distinct_slugs(articles: list[Article]) -> dict[str, str]:
    """Article id -> its new slug, for the articles whose derived slug another article took first."""
    taken = {a.slug for a in articles if a.slug_given}
    renamed = {}
    for article in sorted((a for a in articles if not a.slug_given), key=lambda a: (a.date.timestamp(), a.id)):
        slug, number = article.slug, 2
        while slug in taken:
            slug, number = f"{article.slug}-{number}", number + 1
        taken.add(slug)
        if slug != article.slug:
            renamed[article.id] = slug
    return renamed


def unreadable_problem(stat: os.stat_result, shown: str) -> Problem:
    """Why a file that is not a regular file of a sensible size is not read (a FIFO would wait forever)."""
    if not S_ISREG(stat.st_mode):
        return Problem(shown, 0, 0, "the file is not a regular file (a pipe, socket or device)",
                       "move it out of the content folder")
    return Problem(shown, 0, 0, f"the file is {stat.st_size / 1e6:.1f} MB, more than the {MAX_FILE_BYTES // 10**6} "
                   "MB an article may have", "remove what was clipped with the text (inline images, page code), "
                   "or split it")


def name_problem(shown: str) -> Problem | None:
    """A file name that is not text (bytes that are not UTF-8, control characters) cannot be shown in a
    message, a page or a feed."""
    if not UNPRINTABLE.search(shown) and "\n" not in shown and "\r" not in shown:
        return None
    printable = re.sub("[\r\n]", "\ufffd", UNPRINTABLE.sub("\ufffd", shown))
    return Problem(printable, 0, 0, "the file name has bytes that are not UTF-8 text, or control characters",
                   "rename the file")


def link_problem(path: Path, content_dir: Path, shown: str) -> Problem | None:
    """A link in the content folder must lead to a file inside it."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing target, or a loop of links (RuntimeError before Python 3.13)
        return Problem(shown, 0, 0, "the file is a link that leads nowhere (to a missing file, or round in a "
                       "loop)", "remove the link, or point it at an article inside the content folder")
    if not target.is_relative_to(content_dir.resolve()):
        return Problem(shown, 0, 0, "the file is a link to a place outside the content folder",
                       "copy the article into the content folder instead of linking it")
    return None


def _inside(path: Path, folder: Path) -> bool:
    """Whether the file really lies in ``folder``; only a link needs resolving (os.walk does not follow
    linked folders), which keeps this cheap for thousands of files."""
    if path.is_symlink():
        return link_problem(path, folder, "") is None
    return path.absolute().is_relative_to(folder.absolute())


def find_clashes(articles: list[Article]) -> list[Problem]:
    """Two articles with one id, or one given slug, would overwrite each other: name both files."""
    problems = []
    for attribute, fix in (("id", "give one of them another `id:`"), ("slug", "give one of them another `slug:`")):
        owners: dict[str, list[Article]] = defaultdict(list)
        for article in articles:
            if attribute == "id" or article.slug_given:
                owners[getattr(article, attribute)].append(article)
        for value, same in owners.items():
            for later in same[1:]:
                problems.append(Problem(later.source_path, 1, 1, f"duplicate {attribute} {value!r}, "
                                        f"also used by {same[0].source_path}", fix))
    return problems


