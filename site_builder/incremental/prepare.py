"""The per-article stages of every content file (read, parse, clean, grouping features), each file's
results computed once per version of the file.

A file's results are looked up first in the `serve` memo, then in the cache folder (``cache.Store``),
by its path, modification time, size and inode when its time can vouch for its bytes (see
``load.settled``), else by its bytes; both keys also name the settings that shape the results. What
needs the whole collection (clashing ids, equal derived slugs, drafts, the order by date) is decided
afterwards from the results; under `serve`, when the changed files leave those decisions standing,
the last build's are kept and the changed articles patched in (see ``Collection``). A build computes
the results the cache folder lacks, and even groups the articles, in another process while it looks
up the others (see ``helper``).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from functools import partial
from typing import Any

from site_builder.stories.items import Item
from site_builder.config import SiteConfig
from site_builder.settings import ArticleSettings
from site_builder.errors import Problem
from site_builder import progress
from site_builder.stories.grouping import item_for, lead_text
from site_builder.content.load import (ContentFile, Listed, content_file, content_folder, content_prefix, defaults_of,
                                       parse_file, read_content_file, settled)
from site_builder.incremental.collection import PATCHED_FILES, Collection, decided, patched, shape
from site_builder.incremental.results import FileResult, Pending, Prepared
from site_builder.incremental.memo import tally
from site_builder.incremental.reuse import NO_REUSE, Reuse
from site_builder.model import Article
from site_builder.rendering.views import language_name


def prepare_articles(config: SiteConfig, include_drafts: bool = False, reuse: Reuse = NO_REUSE,
                     found: list[ContentFile] | None = None) -> tuple[list[Article], dict[str, Item], list[Problem]]:
    """The cleaned articles of the site, newest first (drafts only when asked), their grouping features
    by id, and every problem found. Files are looked up first, then the rest computed together by
    ``reuse.map_all``. ``found``: the content folder as the build already scanned it."""
    found, missing = content_folder(config, found)
    if missing:
        return [], {}, missing
    memo, settings = reuse.memo, settings_key(config)
    decisions = (settings, include_drafts, content_prefix(config))
    last = memo.recall("collection") if memo is not None else None
    if last is not None and last.settings != decisions:
        last = None
    entries, changed = file_results(found, last, config, settings, reuse)
    changed = sorted(set(changed) | with_site_chrome(entries, config, settings, reuse))
    if reuse.store:
        reuse.store.complete = True
    if last is not None and len(found) == len(last.found) and len(changed) <= PATCHED_FILES and \
            all(shape(entries[n]) == shape(last.entries[n]) for n in changed):
        collection = patched(last, found, entries, changed)
    else:
        collection = decided(found, entries, decisions, memo)
    if memo is not None:
        memo.keep("collection", collection)
        memo.keep_all(collection.looked)
    problems = [entry for entry in entries if isinstance(entry, Problem)]
    problems += [problem for entry in entries if isinstance(entry, FileResult) for problem in entry.prepared.problems]
    return collection.articles, collection.items, problems + collection.clashes


def file_results(found: list[ContentFile], last: Collection | None, config: SiteConfig, settings: str,
                 reuse: Reuse) -> tuple[list[FileResult | Problem], list[int]]:
    """Each file's results, or the problem of its name, and the places of the files that are not the
    very objects of the last build's scan."""
    reused = last.found if last is not None else []
    entries: list = []
    changed, pending = [], []
    prefix = content_prefix(config)
    # With nothing kept anywhere, every look-up would miss: the files are read only where their stages run.
    nothing_kept = (reuse.memo is None or reuse.memo.empty) and (reuse.store is None or reuse.store.empty)
    for number, file in enumerate(found):
        if number < len(reused) and reused[number] is file:
            entries.append(last.entries[number])
            continue
        changed.append(number)
        listed = content_file(file, prefix)
        if isinstance(listed, Problem):
            entries.append(listed)
            continue
        looked: list[tuple[str, Any]] = []
        result = Pending(None, None, listed, settings) if nothing_kept else \
            look_up(listed, config, settings, reuse, looked)
        if isinstance(result, Pending):
            pending.append((number, result, looked))
        entries.append(FileResult(listed, result, tuple(looked)) if isinstance(result, Prepared) else None)
    computed_results(pending, entries, config, reuse)
    return entries, changed


def computed_results(pending: list[tuple[int, Pending, list]], entries: list, config: SiteConfig,
                     reuse: Reuse) -> None:
    """Put into ``entries`` the results of the files looked up in vain (at their places): those the helper
    computed, the others computed here, and keep them."""
    taken = reuse.helper.take("results") if reuse.helper and pending else None
    done = {key: (result, key, digest) for result, key, digest in taken or [] if key}
    tasks = [task for _, task, _ in pending if task.key not in done]
    if tasks:
        progress.begin("clean", len(tasks), "articles")
    computed = iter(reuse.map_all(partial(prepare_pending, config=config), tasks))
    for number, task, looked in pending:
        result, key, digest = done[task.key] if task.key in done else next(computed)
        if key:
            if task.key is None and vouched_for(task.listed.found):  # not looked up: its hash is kept here
                by_time = file_key(task.listed.found)
                keep(by_time, digest, reuse)
                looked.append((by_time, digest))
            keep(key, result, reuse)
            looked.append((key, result))
        entries[number] = FileResult(task.listed, result, tuple(looked))


def with_site_chrome(entries: list[FileResult | Problem], config: SiteConfig, settings: str, reuse: Reuse
                     ) -> set[int]:
    """Each article cleaned with the chrome its source's articles teach (see ``sitechrome``): those whose
    lines hold other chrome than they were cleaned with are looked up, or cleaned, again, under a key
    naming it. The places of the entries that changed."""
    from site_builder.cleaning.sitechrome import chrome_of, learned_chrome

    results = [(n, e) for n, e in enumerate(entries) if isinstance(e, FileResult) and e.prepared.article]
    learned = learned_chrome((e.prepared.article.source, e.prepared.article.line_keys) for _, e in results)
    redo = [(n, e, chrome) for n, e in results
            if (chrome := chrome_of(e.prepared.article.source, e.prepared.article.line_keys, learned))
            != e.prepared.chrome]
    pending = []
    for number, entry, chrome in redo:
        looked = list(entry.looked)
        result = look_up(entry.listed, config, chrome_settings(settings, chrome), reuse, looked, chrome)
        if isinstance(result, Pending):
            pending.append((number, result, looked))
        else:
            entries[number] = replace(entry, prepared=result, looked=tuple(looked))
    computed = iter(reuse.map_all(partial(prepare_pending, config=config), [task for _, task, _ in pending]))
    for number, task, looked in pending:
        result, key, _ = next(computed)
        if key:
            keep(key, result, reuse)
            looked.append((key, result))
        entries[number] = replace(entries[number], prepared=result, looked=tuple(looked))
    return {number for number, _, _ in redo}


def chrome_settings(settings: str, chrome: frozenset[str]) -> str:
    """The settings part of the key of results cleaned with ``chrome``."""
    return f"{settings}\0chrome\0{','.join(sorted(chrome))}" if chrome else settings


def look_up(listed: Listed, config: SiteConfig, settings: str, reuse: Reuse, looked: list[tuple[str, Any]],
            chrome: frozenset[str] = frozenset()) -> Prepared | Pending:
    """One file's results, when kept (see the module docstring), else what computing them takes. A file
    whose time vouches for it is not even read: its time, size and inode lead to the hash of its bytes,
    which leads to its results; a file touched but not changed is read and hashed, not parsed again.
    ``looked`` gets every (key, value) found on the way: `serve` keeps them for the builds that do not look
    this file up again."""
    found = listed.found
    by_time = file_key(found) if vouched_for(found) else None
    digest = find(by_time, reuse) if by_time else None
    if digest is None:
        data, problems = read_content_file(found, config.content_dir, listed.shown)
        if data is None:
            return Prepared(None, None, tuple(problems))
        digest = hashlib.sha256(data).hexdigest()
        if by_time:
            keep(by_time, digest, reuse)
    if by_time:
        looked.append((by_time, digest))
    key = results_key(digest, listed, settings)
    result = find(key, reuse)
    if result is None:
        return Pending(key, digest, listed, settings, chrome)
    looked.append((key, result))
    return result


def vouched_for(found: ContentFile) -> bool:
    """Whether the file's time, size and inode name its bytes (see ``load.settled``)."""
    return settled(found.signature[0]) and found.signature[1] >= 0 and not found.is_link


def file_key(found: ContentFile) -> str:
    """What the hash of a file's bytes is kept under, when its time vouches for them."""
    return f"file\0{found.relative}\0{found.signature}"


def results_key(digest: str, listed: Listed, settings: str) -> str:
    """What a file's results are kept under: its bytes, and its path and the settings, which shape them."""
    return f"bytes\0{digest}\0{listed.shown}\0{listed.article_id}\0{settings}"


def find(key: str, reuse: Reuse) -> Any:
    """What the memo, else the cache folder, keeps under ``key`` (None when neither does). Either keeps what
    it finds for the next build; what the cache folder gives `serve`'s first build goes into the memo too."""
    memo, store = reuse.memo, reuse.store
    value = memo.recall(key) if memo else None
    if value is None and store:
        value = store.find(key)
        if value is not None and memo:
            memo.keep(key, value)
    return value


def keep(key: str, value: Any, reuse: Reuse) -> None:
    memo, store = reuse.memo, reuse.store
    if memo:
        memo.keep(key, value)
    if store:
        store.put(key, value)


def prepare_pending(task: Pending, config: SiteConfig) -> tuple[Prepared, str | None, str | None]:
    """The file's results, from its bytes read (again, when it was looked up) here: a cold build of a big
    archive held much memory in them until every worker was done. Also the key they are to be kept under,
    and the hash of the bytes. A file that changed since it was looked up gives this build its new results,
    kept under no key (None)."""
    listed = task.listed
    data, problems = read_content_file(listed.found, config.content_dir, listed.shown)
    if data is None:
        return Prepared(None, None, tuple(problems)), None, None
    digest = hashlib.sha256(data).hexdigest()
    key = task.key or results_key(digest, listed, task.settings)
    # What the results are made of: these bytes, and the path and settings the key names.
    version = hashlib.sha256(f"{digest}\0{key}".encode("utf-8", "surrogateescape")).hexdigest()
    current = task.key is None or digest == task.digest
    prepared = prepare_data(data, listed, config.article_settings, version, task.chrome)
    return prepared, key if current else None, digest


def prepare_data(data: bytes, listed: Listed, settings: ArticleSettings, version: str,
                 chrome: frozenset[str] = frozenset()) -> Prepared:
    """The file's results, made from its bytes and ``settings`` only, which its key names whole (see
    ``settings_key``). ``version``: what the results are made of, hashed, for later stages to tell them
    from others. The
    cleaning is imported here, where it runs: a build whose few changed files are cleaned in a forked
    process does without its imports (markdown-it-py, nh3, the rules' patterns)."""
    from site_builder.cleaning.clean import clean_article

    article, problems = parse_file(data, listed.shown, listed.article_id, defaults_of(settings))
    if article is None:
        return Prepared(None, None, tuple(problems))
    cleaned = clean_article(article, settings, chrome)
    if chrome:  # pages are keyed on what the article is made of: its bytes, and the chrome it lost
        cleaned = replace(cleaned, fingerprint=hashlib.sha256(f"{cleaned.fingerprint}\0{version}".encode()).hexdigest())
    item = item_for(cleaned, version, settings.meaning)
    return Prepared(replace(cleaned, body="", markdown="", text=lead_text(cleaned), html="",
                            html_utf8=cleaned.html.encode()), item, tuple(problems), chrome)


def language_names(articles: list[Article], in_language: str, reuse: Reuse) -> dict[str, str]:
    """Each language code of the articles -> its name in ``in_language``, kept between builds (whole, as
    the articles' results may be written by then): naming one loads langcodes' data, which costs a
    daily build noticeably."""
    memo, store = reuse.memo, reuse.store
    known = memo.recall(LANGUAGE_NAMES) if memo is not None else None
    if known is None and store is not None:
        known = store.find_whole(LANGUAGE_NAMES)
    known = known if isinstance(known, dict) else {}
    names = {code: known.get((code, in_language)) or language_name(code, in_language)
             for code in sorted(tally(memo, "languages", articles, lambda article: (article.lang,)))}
    kept = {(code, in_language): name for code, name in names.items()}
    if memo is not None:
        memo.keep(LANGUAGE_NAMES, kept)
    if store is not None and kept != known:
        store.keep_whole(LANGUAGE_NAMES, kept)
    return names


LANGUAGE_NAMES = "language-names"


def settings_key(config: SiteConfig) -> str:
    """What of the configuration shapes a file's results: all of its ``ArticleSettings``, which are all
    ``prepare_data`` is given of it."""
    return config.article_settings.key()
