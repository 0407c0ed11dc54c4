"""The per-article stages of every content file (read, parse, clean, grouping features), each file's
results computed once per version of the file.

A file's results are looked up first in the `serve` memo, then in the cache folder (``cache.Store``),
by its path, modification time, size and inode when its time can vouch for its bytes (see
``load.settled``), else by its bytes; both keys also name the settings that shape the results. What
needs the whole collection (clashing ids, equal derived slugs, drafts) is decided afterwards, every
build, from the results.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, Callable

from site_builder.cache import Store
from site_builder.clean import clean_article
from site_builder.clustering import Item
from site_builder.config import SiteConfig
from site_builder.errors import Problem
from site_builder.grouping import item_for, lead_text
from site_builder.load import (ContentFile, content_files, defaults_of, distinct_derived_slugs, find_clashes,
                               parse_file, read_content_file, settled)
from site_builder.memo import Memo
from site_builder.model import Article
from site_builder.views import language_name


@dataclass(frozen=True)
class Prepared:
    """One content file after the per-article stages."""

    article: Article | None
    """The cleaned article, with only what later stages use: its Markdown dropped, its text cut to what
    its lead is made from (``grouping.lead_text``); None when the file has errors."""
    item: Item | None
    """Its grouping features."""
    problems: tuple[Problem, ...]
    """What is wrong with the file."""


Map = Callable[[Callable[[Any], Any], list], list]
"""map(function, items) -> results in order: how the files that need their stages run are run (in
several processes, for a cold build)."""


def serial_map(function: Callable[[Any], Any], items: list) -> list:
    return [function(item) for item in items]


@dataclass(frozen=True)
class Pending:
    """A file whose results must be computed."""

    key: str
    """What its results will be kept under."""
    digest: str
    """The hash of the file's bytes as they were looked up (in ``key``)."""
    found: ContentFile
    """The file (read again where its stages run: its bytes are not held meanwhile)."""
    shown: str
    """The file as messages name it."""
    article_id: str
    """The id its path gives the article."""


def prepare_articles(config: SiteConfig, include_drafts: bool = False, memo: Memo | None = None,
                     store: Store | None = None, map_all: Map = serial_map, found: list[ContentFile] | None = None
                     ) -> tuple[list[Article], dict[str, Item], list[Problem]]:
    """The cleaned articles of the site (drafts only when asked), their grouping features by id, and
    every problem found. Files are looked up first, then the rest computed together by ``map_all``.
    ``found``: the content folder as the build already scanned it."""
    files, problems = content_files(config, found)
    settings = settings_key(config)
    looked_up = [look_up(file, shown, article_id, config, settings, memo, store)
                 for file, shown, article_id in files]
    pending = [f for f in looked_up if isinstance(f, Pending)]
    computed = {}
    for task, (result, current) in zip(pending, map_all(partial(prepare_pending, config=config), pending)):
        computed[task.key] = result
        if current:
            keep(task.key, result, memo, store)
    prepared = [f if isinstance(f, Prepared) else computed[f.key] for f in looked_up]
    if store:
        store.complete = True
    articles = [p.article for p in prepared if p.article]
    problems += [problem for p in prepared for problem in p.problems]
    problems += find_clashes(articles)
    items = {p.article.id: p.item for p in prepared if p.article}
    articles = distinct_derived_slugs(articles, memo)
    return [a for a in articles if include_drafts or not a.draft], items, problems


def look_up(found: ContentFile, shown: str, article_id: str, config: SiteConfig, settings: str,
            memo: Memo | None, store: Store | None) -> Prepared | Pending:
    """One file's results, when kept (see the module docstring), else what computing them takes. A file
    whose time vouches for it is not even read: its time, size and inode lead to the hash of its bytes,
    which leads to its results; a file touched but not changed is read and hashed, not parsed again."""
    file_key = f"file\0{found.relative}\0{found.signature}"
    trusted = settled(found.signature[0]) and found.signature[1] >= 0 and not found.is_link
    digest = find(file_key, memo, store) if trusted else None
    if digest is None:
        data, problems = read_content_file(found, config.content_dir, shown)
        if data is None:
            return Prepared(None, None, tuple(problems))
        digest = hashlib.sha256(data).hexdigest()
        if trusted:
            keep(file_key, digest, memo, store)
    key = f"bytes\0{digest}\0{shown}\0{article_id}\0{settings}"
    return find(key, memo, store) or Pending(key, digest, found, shown, article_id)


def find(key: str, memo: Memo | None, store: Store | None) -> Any:
    """What the memo, else the cache folder, keeps under ``key`` (None when neither does). Either keeps what
    it finds for the next build; what the cache folder gives `serve`'s first build goes into the memo too."""
    value = memo.find(key) if memo else None
    if value is None and store:
        value = store.find(key)
        if value is not None and memo:
            memo.keep(key, value)
    return value


def keep(key: str, value: Any, memo: Memo | None, store: Store | None) -> None:
    if memo:
        memo.keep(key, value)
    if store:
        store.put(key, value)


def prepare_pending(task: Pending, config: SiteConfig) -> tuple[Prepared, bool]:
    """The file's results, from its bytes read again here (a cold build of 10,000 articles held 86 MB of
    them until every worker was done), and whether they are those of the bytes ``task.key`` names: a file
    that changed since it was looked up gives this build its new results, kept for none."""
    data, problems = read_content_file(task.found, config.content_dir, task.shown)
    if data is None:
        return Prepared(None, None, tuple(problems)), False
    digest = hashlib.sha256(data).hexdigest()
    # What the results are made of: these bytes, and the path and settings the key names.
    version = hashlib.sha256(f"{digest}\0{task.key}".encode("utf-8", "surrogateescape")).hexdigest()
    return prepare_data(data, task.shown, task.article_id, config, version), digest == task.digest


def prepare_data(data: bytes, shown: str, article_id: str, config: SiteConfig, version: str) -> Prepared:
    """``version``: what the results are made of, hashed, for later stages to tell them from others."""
    article, problems = parse_file(data, shown, article_id, defaults_of(config))
    if article is None:
        return Prepared(None, None, tuple(problems))
    cleaned = clean_article(article, config)
    item = item_for(cleaned, version)
    return Prepared(replace(cleaned, body="", markdown="", text=lead_text(cleaned), html="",
                            html_utf8=cleaned.html.encode()), item, tuple(problems))


def language_names(articles: list[Article], in_language: str, memo: Memo | None, store: Store | None
                   ) -> dict[str, str]:
    """Each language code of the articles -> its name in ``in_language``, kept with the stages' results:
    naming one loads langcodes' data, which costs a daily build a tenth of a second."""
    names = {}
    for code in sorted({a.lang for a in articles}):
        key = f"language name\0{code}\0{in_language}"
        names[code] = find(key, memo, store)
        if names[code] is None:
            names[code] = language_name(code, in_language)
            keep(key, names[code], memo, store)
    return names


def settings_key(config: SiteConfig) -> str:
    """What of the configuration shapes a file's results, written the same way by every process."""
    patterns = sorted((source, [p.pattern for p in found]) for source, found in config.clean_patterns.items())
    return repr((config.language, config.timezone, sorted(config.extra_keys), sorted(config.clean_disabled),
                 patterns))
