"""Search across the digest, offline and with no third-party request: an index built with Pagefind.

Pagefind (CloudCannon, MIT; its binary comes inside the `pagefind-bin` wheel: `pip install
'site-builder[search]'`) indexes HTML pages and writes a static bundle the search page loads in the reader's
browser. It is not given the site's pages: each article, story, source and tag becomes a small document
of its own (``search_documents``: its words, its title, and filters by language, source and story), kept
in the site's private folder, so the index holds only what a reader searches and its results link to the
real pages. The documents are written again only when they change, and Pagefind runs only then: it indexes
the whole digest each time, at a cost that grows with every article, so a build that changed no article
does not pay it.

The bundle is handed to the write stage like any page (``pagefind/``), so it is published, checked and
removed as the rest of the site is; one index holds every language (``--force-language``), as a digest
is read across its languages, and a filter narrows it to one.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import os
import shutil
import subprocess
from importlib import resources
from pathlib import Path
from typing import Callable

from site_builder.errors import BuildFailed, Problem
from site_builder.model import OutputFile, Site
from site_builder.rendering.views import article_path, source_dir, story_path, tag_dir

PACKAGE = "pagefind-bin"
INSTALL = "pip install 'site-builder[search]'"
BUNDLE = "pagefind"
"""The bundle's folder in the output."""
TIMEOUT = 600
PAGE_SCRIPT = "search-page.js"
"""What starts Pagefind's search box on the search page, published in the bundle (sites without search
do not carry it)."""
UNUSED = ("pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")
"""Files of the bundle for other ways of showing results than the search page's: not published."""


def pagefind_executable() -> Path | None:
    """The Pagefind binary of the installed `pagefind-bin` package, if any."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return None
    try:
        return get_executable()
    except OSError:
        return None


def search_documents(site: Site, language_names: dict[str, str]) -> dict[str, bytes]:
    """Path of each page a reader can find (as in the output) -> a small HTML document of what it says."""
    stories = {story.id: story for story in site.stories}
    documents: dict[str, bytes] = {}
    titles: dict[str, list[str]] = {}
    groups: dict[tuple[str, str], list[str]] = {}
    for article in site.articles:
        story = stories[site.story_of[article.id]]
        filters = {"language": language_names.get(article.lang, article.lang), "source": article.source,
                   "story": story.title}
        documents[article_path(article)] = document(
            article.title, filters, f"<p>{html.escape(article.source)}</p>{article.cleaned_html}", "Article")
        titles.setdefault(story.id, []).append(article.title)
        for kind, name, directory in (("Source", article.source, source_dir(article.source)),
                                      *(("Tag", tag, tag_dir(tag)) for tag in article.tags)):
            groups.setdefault((kind, directory), [name]).append(article.title)
    for story in site.stories:
        shown = titles.get(story.id, []) if len(story.article_ids) > 1 else []
        documents[story_path(story)] = document(story.title, {"story": story.title},
                                                paragraphs([story.lead, *shown]), "Story")
    for (kind, directory), (name, *shown) in groups.items():
        documents[directory + "index.html"] = document(name, {kind.lower(): name}, paragraphs(shown), kind)
    return documents


def document(title: str, filters: dict[str, str], body: str, kind: str) -> bytes:
    """One page as Pagefind reads it: its title as the result's title, filters as meta tags, and the body.
    Pagefind's search box shows a filter's values as HTML, and Pagefind decodes what it reads: no escaping
    survives to it, so a value's angle brackets and ampersands become look-alikes (an article's source or
    story title would be markup there otherwise; the policy would stop its script, but not its markup)."""
    meta = "".join(f'<meta data-pagefind-filter="{html.escape(name)}[content]" '
                   f'content="{html.escape(value.translate(NO_MARKUP))}">' for name, value in filters.items() if value)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta data-pagefind-filter="kind[content]" content="{kind}">{meta}</head>'
            f'<body data-pagefind-body><h1 data-pagefind-meta="title">{html.escape(title)}</h1>{body}'
            f'</body></html>').encode("utf-8")


NO_MARKUP = str.maketrans({"<": "‹", ">": "›", "&": "＆"})
"""Look-alikes of the characters that make markup or an entity, for filter values (see ``document``)."""


def paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{html.escape(text)}</p>" for text in texts if text)


def search_bundle(documents: Callable[[], dict[str, bytes]], folder: Path, language: str,
                  kept: Callable[[str, str], bool], refresh: bool = True) -> list[OutputFile]:
    """The Pagefind bundle of ``documents()`` as output files under ``BUNDLE``/; without ``refresh``, the last
    bundle as it is, when there is one. ``folder`` (private, outside the output) keeps the documents, the bundle and the digests of both
    between builds: a document is written, and Pagefind run, only when one changed; a bundle file the output
    already holds (``kept(path, digest)``) is handed on by its digest, not read again. Raises BuildFailed
    when Pagefind is missing or fails."""
    pages, bundle, record = folder / "pages", folder / "bundle", folder / "digests.json"
    digests = read_digests(record)
    if refresh or not (bundle / "pagefind-entry.json").is_file() or not digests["bundle"]:
        if sync_documents(documents(), pages, digests["pages"]) or not (bundle / "pagefind-entry.json").is_file():
            run_pagefind(pages, bundle, language)
            digests["bundle"] = {}
        if not digests["bundle"]:
            digests["bundle"] = {path.relative_to(bundle).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
                                 for path in sorted(bundle.rglob("*"))
                                 if path.is_file() and not path.name.startswith(UNUSED)}
        record.write_text(json.dumps(digests, sort_keys=True), encoding="utf-8")
    page_script = resources.files("site_builder.rendering").joinpath(PAGE_SCRIPT).read_bytes()
    files = [OutputFile(f"{BUNDLE}/{PAGE_SCRIPT}", page_script, "search page script",
                        hashlib.sha256(page_script).hexdigest())]
    for relative, digest in sorted(digests["bundle"].items()):
        path = f"{BUNDLE}/{relative}"
        content = None if kept(path, digest) else (bundle / relative).read_bytes()
        files.append(OutputFile(path, content, "search index", digest))
    return files


def read_digests(record: Path) -> dict[str, dict[str, str]]:
    """The digests of the kept documents and bundle (plain JSON: data, never code); empty when unreadable,
    so everything is written and read again."""
    try:
        digests = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"pages": {}, "bundle": {}}
    valid = isinstance(digests, dict) and all(isinstance(digests.get(k), dict) for k in ("pages", "bundle"))
    return digests if valid else {"pages": {}, "bundle": {}}


def sync_documents(documents: dict[str, bytes], pages: Path, digests: dict[str, str]) -> bool:
    """Make ``pages`` hold exactly ``documents``, ``digests`` (updated here) naming what it holds; whether
    anything changed. Without digests, the folder is made anew."""
    if not digests:
        shutil.rmtree(pages, ignore_errors=True)
    changed = False
    for stale in digests.keys() - documents.keys():
        (pages / stale).unlink(missing_ok=True)
        del digests[stale]
        changed = True
    for relative, content in documents.items():
        digest = hashlib.sha256(content).hexdigest()
        if digests.get(relative) == digest:
            continue
        path = pages / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        digests[relative] = digest
        changed = True
    return changed


def run_pagefind(pages: Path, bundle: Path, language: str) -> None:
    executable = pagefind_executable()
    if executable is None:
        raise BuildFailed([Problem("site.yaml", 0, 0, f"'search: true' needs Pagefind (the package {PACKAGE}), "
                                   "which is not installed", f"run `{INSTALL}`, or write `search: false`")])
    fresh = bundle.with_name("bundle.new")
    shutil.rmtree(fresh, ignore_errors=True)
    command = [str(executable), "--site", str(pages), "--output-path", str(fresh), "--force-language",
               language.split("-")[0], "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                                env={**os.environ, "NO_COLOR": "1"})
    except (OSError, subprocess.TimeoutExpired) as err:
        raise BuildFailed([Problem(str(pages), 0, 0, f"Pagefind could not index the digest ({err})",
                                   "try again; if it keeps failing, write `search: false`")]) from err
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise BuildFailed([Problem(str(pages), 0, 0, "Pagefind could not index the digest"
                                   + (f": {detail[-1]}" if detail else ""),
                                   "try again; if it keeps failing, write `search: false`")])
    canonical_bundle(fresh)
    shutil.rmtree(bundle, ignore_errors=True)
    os.replace(fresh, bundle)


# --- one bundle for one set of documents ------------------------------------------------------------
# Pagefind 1.5 writes the values of a filter, and the filters of its metadata, in the order of a Rust hash
# map, seeded anew in each run: two runs on the same documents give the same search but different bytes
# (its authors made the fragments stable in 1.3 and say the filter and metadata files still change). A
# digest's builds are byte-identical, cold or incremental, so those files are written again in order, under
# names made from what they hold, as Pagefind names them (the search page follows the names it is given).

MAGIC = b"pagefind_dcd"


def canonical_bundle(bundle: Path) -> None:
    """Sort the filter values and the metadata's filters of the bundle in ``bundle``, renaming their files.
    Everything is read and made first: a bundle this does not understand (another Pagefind) is left whole."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        gone, made, renamed = [], {}, {}
        for path in sorted((bundle / "filter").glob("*.pf_filter")):
            name, values = read_packed(path)
            content = MAGIC + cbor_encode([name, sorted(values, key=lambda value: cbor_encode(value[0]))])
            renamed[path.stem] = f"{path.stem.split('_')[0]}_{hashlib.sha256(content).hexdigest()[:7]}"
            gone.append(path)
            made[bundle / "filter" / f"{renamed[path.stem]}.pf_filter"] = content
        for language, about in entry["languages"].items():
            path = bundle / f"pagefind.{about['hash']}.pf_meta"
            content = MAGIC + cbor_encode(_renamed(read_packed(path), renamed))
            about["hash"] = f"{language}_{hashlib.sha256(content).hexdigest()[:10]}"
            gone.append(path)
            made[bundle / f"pagefind.{about['hash']}.pf_meta"] = content
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return
    for path in gone:
        path.unlink()
    for path, content in made.items():
        path.write_bytes(gzip.compress(content, mtime=0))
    (bundle / "pagefind-entry.json").write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                                                encoding="utf-8")


def _renamed(value: object, renamed: dict[str, str]) -> object:
    """The metadata with each filter file's new name, its list of [filter, file] pairs in filter order."""
    if isinstance(value, list):
        items = [_renamed(item, renamed) for item in value]
        pairs = [item for item in items if isinstance(item, list) and len(item) == 2 and item[1] in renamed.values()]
        return sorted(items, key=lambda item: item[0]) if pairs and len(pairs) == len(items) else items
    return renamed.get(value, value) if isinstance(value, str) else value


def read_packed(path: Path) -> object:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(MAGIC):
        raise ValueError(f"{path.name}: not a Pagefind file")
    value, end = cbor_decode(data, len(MAGIC))
    if end != len(data):
        raise ValueError(f"{path.name}: bytes after its content")
    return value


def cbor_decode(data: bytes, at: int) -> tuple[object, int]:
    """The CBOR value at ``at`` (the kinds Pagefind writes: integers, text, bytes, arrays), and where it ends."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        argument = info
    elif info <= 27:
        size = 1 << (info - 24)
        argument, at = int.from_bytes(data[at:at + size], "big"), at + size
    else:
        raise ValueError(f"CBOR item of kind {major}/{info} is not read here")
    if major == 0:
        return argument, at
    if major == 1:
        return -1 - argument, at
    if major in (2, 3):
        raw = data[at:at + argument]
        return (raw if major == 2 else raw.decode("utf-8")), at + argument
    if major == 4:
        items = []
        for _ in range(argument):
            item, at = cbor_decode(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"CBOR item of kind {major} is not read here")


def cbor_encode(value: object) -> bytes:
    """``value`` as CBOR in its shortest form (what ``cbor_decode`` reads)."""
    if isinstance(value, bool) or value is None:
        raise ValueError("not written here")
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(map(cbor_encode, value))
    raise ValueError(f"{type(value).__name__} is not written here")


def _head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | info]) + argument.to_bytes(size, "big")
    raise ValueError("integer too large")
