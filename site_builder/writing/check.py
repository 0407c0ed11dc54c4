"""The link check: every internal link and asset reference of a build names a file of that build.

Internal means on the host of ``base_url``; such a URL must lie under the base path and name a file
of the build (a folder URL names its index.html). References are read with real parsers: HTML
(`href`, `src`, `srcset`, `poster`, `data`, a refresh's target, `url()` in `style`), CSS (`url()`,
`@import`), XML (Atom `link`, sitemap `loc`) and robots.txt's `Sitemap:` lines. `check_files` is pure;
`check_output` reads the files the last build wrote (its manifest), nothing else.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.parsers import expat

from site_builder.config import display_path
from site_builder.errors import WARNING, Problem, SiteBuilderError
from site_builder.writing.write import MANIFEST, read_manifest

URL_ATTRIBUTES = {"href": {"a", "area", "link"}, "src": {"img", "script", "iframe", "audio", "video", "source",
                                                         "track", "embed", "input"},
                  "poster": {"video"}, "data": {"object"}}
SRCSET_ELEMENTS = {"img", "source"}
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s"']*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""",
                     re.IGNORECASE)
XML_URL_ELEMENTS = {"loc", "icon", "logo"}
"""Elements whose text is a URL (sitemaps, Atom); `link` counts by its `href`, or its text in RSS."""


@dataclass(frozen=True)
class Reference:
    """One link or asset reference found in a file of the build."""

    line: int
    """1-based line of the element, rule or entry that holds it."""
    column: int
    """1-based column where that element, rule or entry starts."""
    url: str
    """The URL as written."""


@dataclass(frozen=True)
class CheckReport:
    """What the link check found."""

    files: int
    """Files of the build."""
    references: int
    """Internal links and asset references checked."""
    broken: tuple[Problem, ...]
    """One problem per broken reference, located in the file that holds it."""
    unlisted: tuple[Problem, ...] = ()
    """One problem per file in the output folder that the build did not write: a tool that publishes the
    whole folder (a Pages upload, rsync) would publish it too."""


def srcset_urls(value: str) -> list[str]:
    """The image URLs of a `srcset` ('a.png 1x, b.png 2x'), split as browsers split it: a URL runs to
    white space, a comma ends a candidate only outside the parentheses of a descriptor."""
    urls, position = [], 0
    while position < len(value):
        position = re.compile(r"[\s,]*").match(value, position).end()
        url = re.compile(r"\S*").match(value, position).group()
        if not url:
            break
        position += len(url)
        urls.append(url.rstrip(","))
        depth = 0
        while position < len(value) and not url.endswith(",") and (value[position] != "," or depth):
            depth += {"(": 1, ")": -1}.get(value[position], 0)
            position += 1
    return urls


def refresh_url(content: str) -> str | None:
    """The target of `<meta http-equiv="refresh" content="0; url=/next/">`."""
    _, separator, rest = content.partition(";")
    rest = re.sub(r"^\s*url\s*=\s*", "", rest, flags=re.IGNORECASE).strip().strip("'\"")
    return rest if separator and rest else None


def css_references(text: str, line: int = 1, column: int = 1) -> list[Reference]:
    """`url(...)` and `@import "..."` in a stylesheet (or a `style` attribute starting at line, column)."""
    text = CSS_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    found = []
    for match in CSS_URL.finditer(text):
        url = next(group for group in match.groups() if group is not None)
        if url.startswith("data:"):
            continue
        before = text[:match.start()]
        lines = before.count("\n")
        found.append(Reference(line + lines, (column if not lines else 1) + len(before) - before.rfind("\n") - 1,
                               url))
    return found


class _HtmlReferences(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Reference] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, offset = self.getpos()
        values = {name: value for name, value in attrs if value is not None}
        urls = [value for name, value in values.items() if tag in URL_ATTRIBUTES.get(name, ())]
        if tag in SRCSET_ELEMENTS and "srcset" in values:
            urls += srcset_urls(values["srcset"])
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            urls += [url for url in [refresh_url(values.get("content", ""))] if url]
        self.found += [Reference(line, offset + 1, url) for url in urls]
        if "style" in values:
            self.found += css_references(values["style"], line, offset + 1)
        self.in_style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self.in_style:
            line, offset = self.getpos()
            self.found += css_references(data, line, offset + 1)

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False


def html_references(text: str) -> list[Reference]:
    parser = _HtmlReferences()
    parser.feed(text)
    parser.close()
    return parser.found


def xml_references(document: str) -> list[Reference]:
    """Atom and RSS links, sitemap locations; raises ValueError when the XML is not well-formed."""
    parser = expat.ParserCreate(namespace_separator=" ")
    found: list[Reference] = []
    open_text: list[tuple[int, int, list[str]] | None] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(" ", 1)[-1]
        position = (parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        if local == "link" and "href" in attrs:
            found.append(Reference(*position, attrs["href"]))
        takes_text = local in XML_URL_ELEMENTS or (local == "link" and "href" not in attrs)
        open_text.append((*position, []) if takes_text else None)

    def end(name: str) -> None:
        entry = open_text.pop()
        if entry and "".join(entry[2]).strip():
            found.append(Reference(entry[0], entry[1], "".join(entry[2]).strip()))

    def characters(data: str) -> None:
        if open_text and open_text[-1]:
            open_text[-1][2].append(data)

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, characters
    try:
        parser.Parse(document, True)
    except expat.ExpatError as err:
        raise ValueError(f"not well-formed XML ({expat.ErrorString(err.code)} at line {err.lineno})") from err
    return found


def robots_references(text: str) -> list[Reference]:
    return [Reference(number, 1, line.split(":", 1)[1].strip()) for number, line in enumerate(text.splitlines(), 1)
            if line.lower().startswith("sitemap:")]


def references_in(path: str, text: str) -> list[Reference]:
    """The references a file of the build holds, by its kind; ValueError when it cannot be read as such."""
    suffix = Path(path).suffix.lower()
    if suffix in (".html", ".htm"):
        return html_references(text)
    if suffix == ".css":
        return css_references(text)
    if suffix == ".xml":
        return xml_references(text)
    return robots_references(text) if path == "robots.txt" else []


def internal_path(url: str, document_url: str, base_url: str) -> str | None:
    """The path a URL met in the file at ``document_url`` names on the site's host ('/digest/x/'); None
    when it points to another site or is no web address (mailto:, data:). ValueError when it is invalid."""
    url = url.strip()
    # Most links of a site are the same absolute paths on every page: those are resolved once.
    return _internal_path(url, base_url if url.startswith(("/", "http:", "https:")) else document_url, base_url)


@lru_cache(maxsize=8192)
def _internal_path(url: str, document_url: str, base_url: str) -> str | None:
    target = urlsplit(urljoin(document_url, url))
    site = urlsplit(base_url)
    if target.scheme not in ("http", "https") or target.netloc.lower() != site.netloc.lower():
        return None
    return target.path


def missing_reason(path: str, base_path: str, files: frozenset[str]) -> str | None:
    """Why a path on the site's host names no file of the build; None when it names one."""
    if not path.startswith(base_path):
        return f"lies outside the base path {base_path}"
    relative = unquote(path[len(base_path):])
    if relative in files or (relative.rstrip("/") + "/index.html").lstrip("/") in files:
        return None
    return "names no file of the build"


def check_reference(url: str, document_url: str, base_url: str, files: frozenset[str]) -> tuple[bool, str | None]:
    """(internal, why it is broken or None)."""
    try:
        path = internal_path(url, document_url, base_url)
    except ValueError:
        return True, "is not a valid URL"
    return (False, None) if path is None else (True, missing_reason(path, urlsplit(base_url).path, files))


def check_files(files: dict[str, bytes], base_url: str, shown_as: str = "") -> CheckReport:
    """Check every reference of ``files`` (output path -> bytes) against them; ``shown_as`` is put
    before each path in problems (the output folder as the user names it)."""
    names, broken, count = frozenset(files), [], 0
    for path, content in sorted(files.items()):
        try:
            references = references_in(path, content.decode("utf-8", errors="replace"))
        except ValueError as err:
            broken.append(Problem(shown_as + path, 0, 0, str(err), "fix the template that writes it"))
            continue
        for reference in references:
            internal, reason = check_reference(reference.url, base_url + path, base_url, names)
            count += internal
            if reason:
                broken.append(Problem(shown_as + path, reference.line, reference.column,
                                      f"broken link {reference.url!r}: it {reason}", hint_for(reason)))
    return CheckReport(len(files), count, tuple(sorted(set(broken))))


def hint_for(reason: str) -> str:
    if reason.startswith("lies outside"):
        return "fix the template or article that writes it; in templates, url() and absolute_url() add the base path"
    if reason.startswith("names no file"):
        return "correct the link, or add the file it names (a theme's files go in static/)"
    return "correct the URL"


def check_output(output_dir: Path, base_url: str) -> CheckReport:
    """Check the files the last build wrote into ``output_dir`` (as listed in its manifest)."""
    shown = display_path(output_dir, Path.cwd())
    paths = sorted(read_manifest(output_dir).get("files", {}))
    if not paths:
        raise SiteBuilderError(f"{shown}: no build to check (no {MANIFEST}); run `site-builder build` first")
    try:
        files = {path: (output_dir / path).read_bytes() for path in paths}
    except OSError as err:
        raise SiteBuilderError(f"{err.filename}: cannot read a file of the build ({err.strerror}); build "
                               "again with `site-builder build`") from err
    report = check_files(files, base_url, shown + "/")
    return replace(report, unlisted=unlisted_files(output_dir, set(paths), shown + "/"))


def unlisted_files(output_dir: Path, listed: set[str], shown_as: str) -> tuple[Problem, ...]:
    """The files of ``output_dir`` that are not the build's (``listed``) nor its manifest."""
    found = []
    for folder, folders, names in os.walk(output_dir):
        folders.sort()
        relative = Path(folder).relative_to(output_dir).as_posix()
        for name in sorted(names):
            path = name if relative == "." else f"{relative}/{name}"
            if path not in listed and path != MANIFEST:
                found.append(Problem(shown_as + path, 0, 0, "this file was not written by the build, yet a tool "
                                     "that publishes the whole folder would publish it",
                                     "delete it, or keep it in the site's static/ folder", WARNING))
    return tuple(found)
