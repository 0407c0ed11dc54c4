"""The per-article stages of every content file (read, parse, clean, grouping features), each file's
results computed once per version of the file.

A file's results are looked up first in the `serve` memo, then in the cache folder (``cache.Store``),
by its path, modification time, size and inode when its time can vouch for its bytes (see
``load.settled``), else by its bytes; both keys also name the settings that shape the results. What
needs the whole collection (clashing ids, equal derived slugs, drafts, the order by date) is decided
afterwards from the results; under `serve`, when the changed files leave those decisions standing,
the last build's are kept and the changed articles patched in (see ``Collection``). A build computes
the results the cache folder lacks, and even groups the articles, in another process while it looks
up the others (see ``work_ahead``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, Callable, Iterator

from site_builder.incremental.cache import Store
from site_builder.stories.clustering import Item
from site_builder.config import SiteConfig
from site_builder.errors import Problem
from site_builder import progress
from site_builder.stories.grouping import cluster_ahead, item_for, lead_text
from site_builder.content.load import (ContentFile, content_file, content_folder, content_prefix, defaults_of,
                               distinct_derived_slugs, find_clashes, parse_file, read_content_file, renamed_article,
                               settled)
from site_builder.incremental.memo import Memo, tally
from site_builder.model import Article
from site_builder.incremental.parallel import Ahead, ahead
from site_builder.rendering.views import language_name


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
    chrome: frozenset[str] = frozenset()
    """The keys of its source's learned chrome it was cleaned with (see ``sitechrome``)."""

    @property
    def index_entry(self) -> tuple[Item | None, bool, str, frozenset[str]]:
        """What the cache folder's index keeps of these results (see ``Store.hint``): enough to group the
        article without reading them, its item and whether it is a draft, and what the chrome of its source
        is learned from (see ``sitechrome``): its source and line keys."""
        article = self.article
        return self.item, bool(article and article.draft), article.source if article else "", \
            article.line_keys if article else frozenset()


Map = Callable[[Callable[[Any], Any], list], list]
"""map(function, items) -> results in order: how the files that need their stages run are run (in
several processes, for a cold build)."""


def serial_map(function: Callable[[Any], Any], items: list) -> list:
    results = []
    for item in items:
        results.append(function(item))
        progress.advance()
    return results


@dataclass(frozen=True)
class Pending:
    """A file whose results must be computed."""

    key: str | None
    """What its results will be kept under; None when the file was not looked up (with nothing kept, as in a
    first build, it would not be found): its key is made where its stages run, from the bytes they read."""
    digest: str | None
    """The hash of the file's bytes as they were looked up (in ``key``)."""
    found: ContentFile
    """The file (read again where its stages run: its bytes are not held meanwhile)."""
    shown: str
    """The file as messages name it."""
    article_id: str
    """The id its path gives the article."""
    settings: str
    """``settings_key`` of the configuration, which keys name (with the chrome, when there is some)."""
    chrome: frozenset[str] = frozenset()
    """Keys of its lines learned as its source's chrome, to clean it with."""


@dataclass(frozen=True)
class FileResult:
    """One content file with its results, and the keys they were found or kept under."""

    found: ContentFile
    shown: str
    article_id: str
    prepared: Prepared
    looked: tuple[tuple[str, Any], ...]
    """(key, value) of each look-up that led to the results."""


@dataclass(frozen=True)
class Collection:
    """What ``prepare_articles`` made of the content folder, kept under `serve` so that the next build
    starts from it: the files its watcher did not see written are the very objects of the last scan, and
    keep their results without a look-up; when the files that changed keep what the decisions over all
    of them read (id, slug, date, draft), those decisions hold too, and the articles are patched in."""

    settings: tuple
    found: list[ContentFile]
    """The content folder's files, as scanned."""
    entries: list[FileResult | Problem]
    """Each file's results, or the problem of its name, in the order of ``found``."""
    articles: list[Article]
    """The articles, newest first, drafts left out unless asked for."""
    position: dict[str, int]
    """Article id -> its place in ``articles``."""
    items: dict[str, Item]
    clashes: list[Problem]
    renamed: dict[str, str]
    """Article id -> the slug it was given instead of one another article derived first."""
    looked: dict[str, Any]
    """Every look-up's key and value, kept in the memo for the next build."""


PATCHED_FILES = 64
"""Past this many changed files, a build decides over all the articles again rather than patch them in."""


def prepare_articles(config: SiteConfig, include_drafts: bool = False, memo: Memo | None = None,
                     store: Store | None = None, map_all: Map = serial_map, found: list[ContentFile] | None = None,
                     ahead: Ahead | None = None) -> tuple[list[Article], dict[str, Item], list[Problem]]:
    """The cleaned articles of the site, newest first (drafts only when asked), their grouping features
    by id, and every problem found. Files are looked up first, then the rest computed together by
    ``map_all``. ``found``: the content folder as the build already scanned it; ``ahead``: the process
    that cleans the files the cache folder lacks meanwhile (see ``work_ahead``)."""
    found, missing = content_folder(config, found)
    if missing:
        return [], {}, missing
    settings = settings_key(config)
    last = memo.recall("collection") if memo is not None else None
    if last is not None and last.settings != (settings, include_drafts, content_prefix(config)):
        last = None
    entries, changed = file_results(found, last, config, settings, memo, store, map_all, ahead)
    changed = sorted(set(changed) | with_site_chrome(entries, config, settings, memo, store, map_all))
    if store:
        store.complete = True
    if last is not None and len(found) == len(last.found) and len(changed) <= PATCHED_FILES and \
            all(shape(entries[n]) == shape(last.entries[n]) for n in changed):
        collection = patched(last, found, entries, changed)
    else:
        collection = decided(found, entries, (settings, include_drafts, content_prefix(config)), memo)
    if memo is not None:
        memo.keep("collection", collection)
        memo.keep_all(collection.looked)
    problems = [entry for entry in entries if isinstance(entry, Problem)]
    problems += [problem for entry in entries if isinstance(entry, FileResult) for problem in entry.prepared.problems]
    return collection.articles, collection.items, problems + collection.clashes


def file_results(found: list[ContentFile], last: Collection | None, config: SiteConfig, settings: str,
                 memo: Memo | None, store: Store | None, map_all: Map, ahead: Ahead | None = None
                 ) -> tuple[list[FileResult | Problem], list[int]]:
    """Each file's results, or the problem of its name, and the places of the files that are not the
    very objects of the last build's scan."""
    reused = last.found if last is not None else []
    entries: list = []
    changed, pending = [], []
    prefix = content_prefix(config)
    # With nothing kept anywhere, every look-up would miss: the files are read only where their stages run.
    nothing_kept = (memo is None or memo.empty) and (store is None or store.empty)
    for number, file in enumerate(found):
        if number < len(reused) and reused[number] is file:
            entries.append(last.entries[number])
            continue
        changed.append(number)
        listing = content_file(file, prefix)
        if isinstance(listing, Problem):
            entries.append(listing)
            continue
        _, shown, article_id = listing
        looked: list[tuple[str, Any]] = []
        result = Pending(None, None, file, shown, article_id, settings) if nothing_kept else \
            look_up(file, shown, article_id, config, settings, memo, store, looked)
        if isinstance(result, Pending):
            pending.append((number, result, looked))
        entries.append(FileResult(file, shown, article_id, result, tuple(looked)) if isinstance(result, Prepared)
                       else None)
    taken = ahead.take("results") if ahead and pending else None
    done = {key: (result, key, digest) for result, key, digest in taken or [] if key}
    tasks = [task for _, task, _ in pending if task.key not in done]
    if tasks:
        progress.begin("clean", len(tasks), "articles")
    computed = iter(map_all(partial(prepare_pending, config=config), tasks))
    for number, task, looked in pending:
        result, key, digest = done[task.key] if task.key in done else next(computed)
        if key:
            if task.key is None and vouched_for(task.found):  # not looked up: its hash is kept here
                by_time = file_key(task.found)
                keep(by_time, digest, memo, store)
                looked.append((by_time, digest))
            keep(key, result, memo, store)
            looked.append((key, result))
        entries[number] = FileResult(task.found, task.shown, task.article_id, result, tuple(looked))
    return entries, changed


def with_site_chrome(entries: list[FileResult | Problem], config: SiteConfig, settings: str, memo: Memo | None,
                     store: Store | None, map_all: Map) -> set[int]:
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
        result = look_up(entry.found, entry.shown, entry.article_id, config, chrome_settings(settings, chrome),
                         memo, store, looked, chrome)
        if isinstance(result, Pending):
            pending.append((number, result, looked))
        else:
            entries[number] = replace(entry, prepared=result, looked=tuple(looked))
    computed = iter(map_all(partial(prepare_pending, config=config), [task for _, task, _ in pending]))
    for number, task, looked in pending:
        result, key, _ = next(computed)
        if key:
            keep(key, result, memo, store)
            looked.append((key, result))
        entries[number] = replace(entries[number], prepared=result, looked=tuple(looked))
    return {number for number, _, _ in redo}


def chrome_settings(settings: str, chrome: frozenset[str]) -> str:
    """The settings part of the key of results cleaned with ``chrome``."""
    return f"{settings}\0chrome\0{','.join(sorted(chrome))}" if chrome else settings


AHEAD = 32
"""The most files a build cleans ahead (see ``work_ahead``): about as many as the other core cleans while
this one reads the cache folder of 4,000 articles. With more to clean, the rest are cleaned after, on
every core, and the articles are grouped after too."""


def work_ahead(config: SiteConfig, include_drafts: bool, store: Store, found: list[ContentFile]) -> Ahead:
    """Start, in a forked process, what a build can do before it has read the results the cache folder
    holds, from the folder's index (see ``Store.hint``), while this process reads them:
    - the results of the files the index does not list, which it gives first, as ``prepare_pending``
      gives each (a daily build's new and edited articles; this process then does without even the
      cleaning's imports);
    - then, with those and the grouping items the index lists for the others, the clustering of the
      articles (see ``grouping.cluster_ahead``), which grouping takes when its articles are these.
    Each part is only a head start: what it lacks or gets wrong is computed here, as without it."""
    prefix, settings = content_prefix(config), settings_key(config)

    def produce() -> Iterator[tuple[str, Any]]:
        computed, entries, pending = [], [], []
        for file in found if store.indexed else ():
            listing = content_file(file, prefix)
            if isinstance(listing, Problem):
                continue
            _, shown, article_id = listing
            digest = store.hint(file_key(file)) if vouched_for(file) else None
            if not isinstance(digest, str):
                data, _ = read_content_file(file, config.content_dir, shown)
                if data is None:
                    continue
                digest = hashlib.sha256(data).hexdigest()
            key = results_key(digest, shown, article_id, settings)
            entry = store.hint(key)
            if entry is None:
                if len(computed) == AHEAD:
                    entries = None
                    break
                computed.append(prepare_pending(Pending(key, digest, file, shown, article_id, settings), config))
                entry = computed[-1][0].index_entry
            entries.append(entry)
            pending.append(Pending(None, digest, file, shown, article_id, settings))
        yield "results", computed
        entries = with_chrome_ahead(entries, pending, store, config) \
            if entries and all(isinstance(entry, tuple) for entry in entries) else None
        if entries:
            items = [item for item, draft, *_ in entries if item is not None and (include_drafts or not draft)]
            for clustered in cluster_ahead(sorted(items, key=lambda item: (-item.time, item.id)), config.grouping,
                                           store):
                yield "clusters", clustered
    return ahead(produce)


def with_chrome_ahead(entries: list[tuple], files: list[Pending], store: Store, config: SiteConfig) -> list[tuple]:
    """The index entries of the results a build will have once each article is cleaned with its source's
    chrome (see ``with_site_chrome``): those the cache folder keeps, else computed here."""
    from site_builder.cleaning.sitechrome import chrome_of, learned_chrome

    learned = learned_chrome((source, keys) for _, _, source, keys in entries)
    final = []
    for entry, file in zip(entries, files):
        chrome = chrome_of(entry[2], entry[3], learned)
        if chrome:
            settings = chrome_settings(file.settings, chrome)
            key = results_key(file.digest, file.shown, file.article_id, settings)
            entry = store.hint(key)
            if not isinstance(entry, tuple):
                entry = prepare_pending(replace(file, key=key, settings=settings, chrome=chrome), config)[0].index_entry
        final.append(entry)
    return final


def shape(entry: FileResult | Problem) -> tuple | None:
    """What of a file the decisions over all the articles read (clashing ids and slugs, derived slugs
    made distinct, drafts left out, the order by date)."""
    if isinstance(entry, Problem):
        return ("refused",)
    article = entry.prepared.article
    return article and (article.id, article.slug, article.slug_given, article.date, article.draft, article.source_path)


def decided(found: list[ContentFile], entries: list[FileResult | Problem], settings: tuple, memo: Memo | None
            ) -> Collection:
    """The decisions over all the articles, made from the files' results."""
    results = [entry for entry in entries if isinstance(entry, FileResult)]
    articles = [r.prepared.article for r in results if r.prepared.article]
    clashes = find_clashes(articles)
    items = {r.prepared.article.id: r.prepared.item for r in results if r.prepared.article}
    articles, renamed = distinct_derived_slugs(articles, memo)
    articles = [a for a in articles if settings[1] or not a.draft]
    articles.sort(key=lambda a: (-a.date.timestamp(), a.id))
    looked = {key: value for r in results for key, value in r.looked} if memo is not None else {}
    return Collection(settings, found, entries, articles, {a.id: n for n, a in enumerate(articles)}, items, clashes,
                      renamed, looked)


def patched(last: Collection, found: list[ContentFile], entries: list[FileResult | Problem], changed: list[int]
            ) -> Collection:
    """The last build's decisions with the changed files' articles put in: those files changed nothing
    the decisions read (see ``shape``)."""
    articles, items, looked = list(last.articles), dict(last.items), dict(last.looked)
    for number in changed:
        before, entry = last.entries[number], entries[number]
        for key, _ in before.looked if isinstance(before, FileResult) else ():
            looked.pop(key, None)
        if not isinstance(entry, FileResult):
            continue
        looked.update(entry.looked)
        article = entry.prepared.article
        if article is None:
            continue
        items[article.id] = entry.prepared.item
        if article.id in last.position:
            renamed = last.renamed.get(article.id)
            articles[last.position[article.id]] = renamed_article(article, renamed, None) if renamed else article
    return Collection(last.settings, found, entries, articles, last.position, items, last.clashes, last.renamed,
                      looked)


def look_up(found: ContentFile, shown: str, article_id: str, config: SiteConfig, settings: str,
            memo: Memo | None, store: Store | None, looked: list[tuple[str, Any]],
            chrome: frozenset[str] = frozenset()) -> Prepared | Pending:
    """One file's results, when kept (see the module docstring), else what computing them takes. A file
    whose time vouches for it is not even read: its time, size and inode lead to the hash of its bytes,
    which leads to its results; a file touched but not changed is read and hashed, not parsed again.
    ``looked`` gets every (key, value) found on the way: `serve` keeps them for the builds that do not look
    this file up again."""
    by_time = file_key(found) if vouched_for(found) else None
    digest = find(by_time, memo, store) if by_time else None
    if digest is None:
        data, problems = read_content_file(found, config.content_dir, shown)
        if data is None:
            return Prepared(None, None, tuple(problems))
        digest = hashlib.sha256(data).hexdigest()
        if by_time:
            keep(by_time, digest, memo, store)
    if by_time:
        looked.append((by_time, digest))
    key = results_key(digest, shown, article_id, settings)
    result = find(key, memo, store)
    if result is None:
        return Pending(key, digest, found, shown, article_id, settings, chrome)
    looked.append((key, result))
    return result


def vouched_for(found: ContentFile) -> bool:
    """Whether the file's time, size and inode name its bytes (see ``load.settled``)."""
    return settled(found.signature[0]) and found.signature[1] >= 0 and not found.is_link


def file_key(found: ContentFile) -> str:
    """What the hash of a file's bytes is kept under, when its time vouches for them."""
    return f"file\0{found.relative}\0{found.signature}"


def results_key(digest: str, shown: str, article_id: str, settings: str) -> str:
    """What a file's results are kept under: its bytes, and its path and the settings, which shape them."""
    return f"bytes\0{digest}\0{shown}\0{article_id}\0{settings}"


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


def prepare_pending(task: Pending, config: SiteConfig) -> tuple[Prepared, str | None, str | None]:
    """The file's results, from its bytes read (again, when it was looked up) here: a cold build of 10,000
    articles held 86 MB of them until every worker was done. Also the key they are to be kept under, and
    the hash of the bytes. A file that changed since it was looked up gives this build its new results,
    kept under no key (None)."""
    data, problems = read_content_file(task.found, config.content_dir, task.shown)
    if data is None:
        return Prepared(None, None, tuple(problems)), None, None
    digest = hashlib.sha256(data).hexdigest()
    key = task.key or results_key(digest, task.shown, task.article_id, task.settings)
    # What the results are made of: these bytes, and the path and settings the key names.
    version = hashlib.sha256(f"{digest}\0{key}".encode("utf-8", "surrogateescape")).hexdigest()
    current = task.key is None or digest == task.digest
    prepared = prepare_data(data, task.shown, task.article_id, config, version, task.chrome)
    return prepared, key if current else None, digest


def prepare_data(data: bytes, shown: str, article_id: str, config: SiteConfig, version: str,
                 chrome: frozenset[str] = frozenset()) -> Prepared:
    """``version``: what the results are made of, hashed, for later stages to tell them from others. The
    cleaning is imported here, where it runs: a build whose few changed files are cleaned in a forked
    process does without its imports (markdown-it-py, nh3, the rules' patterns: 27 ms)."""
    from site_builder.cleaning.clean import clean_article

    article, problems = parse_file(data, shown, article_id, defaults_of(config))
    if article is None:
        return Prepared(None, None, tuple(problems))
    cleaned = clean_article(article, config, chrome)
    if chrome:  # pages are keyed on what the article is made of: its bytes, and the chrome it lost
        cleaned = replace(cleaned, fingerprint=hashlib.sha256(f"{cleaned.fingerprint}\0{version}".encode()).hexdigest())
    item = item_for(cleaned, version, config.grouping.meaning)
    return Prepared(replace(cleaned, body="", markdown="", text=lead_text(cleaned), html="",
                            html_utf8=cleaned.html.encode()), item, tuple(problems), chrome)


def language_names(articles: list[Article], in_language: str, memo: Memo | None, store: Store | None
                   ) -> dict[str, str]:
    """Each language code of the articles -> its name in ``in_language``, kept between builds (whole, as
    the articles' results may be written by then): naming one loads langcodes' data, which costs a daily
    build a tenth of a second."""
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
    """What of the configuration shapes a file's results, written the same way by every process."""
    patterns = sorted((source, [p.pattern for p in found]) for source, found in config.clean_patterns.items())
    return repr((config.language, config.timezone, sorted(config.extra_keys), sorted(config.clean_disabled),
                 patterns, config.grouping.meaning))
