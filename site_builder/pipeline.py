"""THE build: load -> clean -> group -> render -> write. Every command that needs the site (`build`,
`stories`, `clean`) comes here rather than running stages of its own.

Nothing is written until every stage has succeeded, so a failed build leaves the previous output as
it was.
"""

from __future__ import annotations

import gc
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from site_builder.incremental.cache import Store, mark_private
from site_builder.config import SiteConfig, display_path
from site_builder.errors import BuildFailed, Problem, errors_in
from site_builder.writing.lock import writing
from site_builder.content.load import ContentFile, find_markdown_files, load_article, rescanned
from site_builder.digest import sha256
from site_builder.incremental.memo import Memo, tally
from site_builder import progress
from site_builder.model import Article, Site
from site_builder.incremental.background import Background
from site_builder.incremental.parallel import fork_map
from site_builder.incremental.reuse import NO_REUSE, Reuse, serial_map
from site_builder.rendering.theme import ThemeLayers, find_theme, theme_digest
from site_builder.writing.write import (Transaction, WriteReport, check_output_folder, finish_interrupted_write,
                                read_manifest)
from site_builder.incremental.inputs import build_inputs, code_digest, config_key, output_complete, same_inputs


# The stages (cleaning, grouping, rendering) are imported in the functions that run them: a build with
# nothing to do reads the settings, the content folder's file times and the manifest, and stops; importing
# them all (markdown-it-py, the cleaning rules' patterns, Jinja2) cost it more than that work.
if TYPE_CHECKING:
    from site_builder.stories.grouping import Grouping, StoryState
    from site_builder.rendering.render import Rendered

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class BuildOptions:
    """How to build, beyond what site.yaml says."""

    drafts: bool = False
    """Include articles marked `draft: true`."""
    strict: bool = False
    """Fail on warnings too."""
    build_time: datetime | None = None
    """The moment the site describes; defaults to the newest article's date, so builds repeat exactly."""
    ends_process: bool = field(default=False, compare=False, repr=False)
    """The process ends right after the build (the `build` command): its large objects (the articles,
    their cached results, the pages' keys) are left for the exit to drop (``LEFT_FOR_EXIT``) rather than
    freed one by one, which cost a cold build noticeably, much of it copying memory it shared with a
    forked helper. Not an input of the output: left out of its ``repr``."""


@dataclass(frozen=True)
class BuildReport:
    """What a successful build did, for the CLI to print."""

    articles: int
    """Articles published."""
    stories: int
    """Stories they form."""
    files: int
    """Files the site consists of."""
    rendered: int
    """Pages rendered: the others were the files the last build left, still right."""
    write: WriteReport
    """What changed in the output folder."""
    warnings: tuple[Problem, ...]
    """Problems that did not stop the build."""
    cleaning: tuple[tuple[str, int], ...]
    """How many lines or blocks each cleaning rule removed or changed, most first."""
    seconds: float
    """Wall time of the build."""


def make_site(config: SiteConfig, options: BuildOptions, previous: StoryState | None = None,
              reuse: Reuse = NO_REUSE, found: list[ContentFile] | None = None) -> tuple[Site, Grouping, list[Problem]]:
    """Load, clean and group: the site as data, and every problem found. Raises BuildFailed on errors.
    ``found`` is the content folder when already scanned; ``reuse.keep_results``, once every file's
    results are in, starts writing them to the cache folder elsewhere while the articles are grouped
    here."""
    from site_builder.stories.grouping import StoryState
    from site_builder.incremental.prepare import language_names, prepare_articles
    from site_builder.incremental.regrouping import group_reusing

    articles, items, problems = prepare_articles(config, options.drafts, reuse, found)  # load and clean
    if errors_in(problems, options.strict):
        raise BuildFailed(problems)
    progress.begin("group")
    keeping = reuse.keep_results(articles) if reuse.keep_results else None
    previous = StoryState({}, {}) if previous is None else previous
    grouping = group_reusing(articles, config.language, config.grouping, previous, items, reuse)  # group
    build_time = options.build_time or (articles[0].date if articles else EPOCH)  # the newest
    if keeping:
        keeping()  # the languages' names are in the cache folder now
    names = language_names(articles, config.language, reuse)
    return Site(config, tuple(articles), grouping.stories, build_time, grouping.redirects, names), grouping, problems


def build(config: SiteConfig, options: BuildOptions = BuildOptions(),
          config_warnings: tuple[Problem, ...] = (), memo: Memo | None = None,
          written: frozenset[str] | None = None, wait: bool = True) -> BuildReport:
    """Build the site into its output folder; raises BuildFailed, leaving the output untouched, on errors.

    Without a memo (a `build` command, not `serve`), a build whose inputs (articles, theme, settings,
    site-builder itself) are those of the last one, with its output all there, reads and writes nothing
    more: it reports what the last one did. With one, ``written`` is what `serve`'s watcher saw: the
    absolute paths of the only content files written since the last build, in place (None when it saw
    anything else); the content folder is then not scanned again, only those files.

    It holds the output folder's lock, and the cache's when it reads the cache (see ``lock``): a second
    build waits for it, or with ``wait`` False stops at once (``lock.Busy``)."""
    with collector_paused(), writing(config, "serve rebuild" if memo is not None else "build", wait,
                                     cache=memo is None or memo.empty):
        return run_build(config, options, config_warnings, memo, written)


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a build runs. A build makes millions of objects that live
    until it ends (the articles read from the cache folder, the views of pages), and the collector scanned
    them over and over: a noticeable share of a daily build, and more of a cold one.
    Reference counting still frees what a build drops; cycles wait for the collector's next run."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class Start:
    """What a build found before its stages run."""

    config_warnings: tuple[Problem, ...]
    manifest: dict
    """What the last build wrote (see ``write.read_manifest``)."""
    layers: ThemeLayers
    inputs: dict | None
    """``build_inputs``, for the next build to tell nothing changed (None under `serve`)."""
    found: list[ContentFile] | None
    """The content folder's files, as scanned (None when there is no folder)."""


def run_build(config: SiteConfig, options: BuildOptions, config_warnings: tuple[Problem, ...],
              memo: Memo | None, written: frozenset[str] | None = None) -> BuildReport:
    """``build``'s work, done with the collector paused."""
    started = time.perf_counter()
    progress.begin("read")
    check_output_folder(config.output_dir,
                        [config.root / "site.yaml", config.content_dir, config.root, config.cache_dir])
    if errors_in(config_warnings, options.strict):
        raise BuildFailed(config_warnings)
    interrupted = finish_interrupted_write(config.output_dir)
    mark_private(config.work_dir)
    # A `serve` session reads the cache folder for its first build, then keeps what it needs in memory.
    store = Store(config.cache_dir, code_digest()) if memo is None or memo.empty else None
    # `serve` keeps the manifest it wrote (large for a big archive) instead of reading it again; not
    # when site.yaml has since named another output folder, which holds another manifest, or none.
    kept = None if interrupted or memo is None else memo.recall("manifest")
    manifest = (kept[1] if kept and kept[0] == config.output_dir else None) or read_manifest(config.output_dir)
    if memo is not None:
        memo.keep("manifest", None)  # until this build has written its own
    layers = find_theme(config)
    found = scan_content(config, memo, written)
    inputs = build_inputs(config, options, config_warnings, layers, found or []) if memo is None else None
    if inputs and same_inputs(manifest.get("inputs"), inputs, config) and output_complete(config.output_dir, manifest):
        return replace(summary_from(manifest["summary"]), write=WriteReport(0, len(manifest["files"]), 0),
                       seconds=time.perf_counter() - started)
    fresh = not config.output_dir.exists()
    try:
        report = build_all(config, options, Start(config_warnings, manifest, layers, inputs, found),
                           Reuse(memo, store, serial_map if memo is not None else fork_map))
    except BaseException:
        if fresh:  # all it holds is this build's staged files
            shutil.rmtree(config.output_dir, ignore_errors=True)
        raise
    return replace(report, seconds=time.perf_counter() - started)


def build_all(config: SiteConfig, options: BuildOptions, start: Start, reuse: Reuse) -> BuildReport:
    """``build`` past its checks: load, clean and group (``make_site``), render, write; with the files of the
    last build (``start.manifest``), the cache folder and the `serve` memo to reuse what they can."""
    from site_builder.incremental.pages import rendered_before
    from site_builder.stories.grouping import StoryState

    first = not rendered_before(reuse.memo)  # not a rebuild of `serve` after a save
    with Background(config, options.drafts, reuse, start.found) as background:
        reuse = background.reuse
        try:
            site, grouping, problems = make_site(config, options, last_story_state(start.manifest, reuse.memo),
                                                 reuse, start.found)
        except BuildFailed:
            background.results_failed(config.output_dir)
            raise
        background.results_made()
        transaction = Transaction(config.output_dir, start.manifest)
        rendered = render_pages(site, start, reuse, transaction, refresh_search=first)
        background.done = True
    report = BuildReport(len(site.articles), len(site.stories), len(transaction.hashes), rendered.rendered,
                         WriteReport(0, 0, 0), tuple(start.config_warnings) + tuple(problems),
                         count_cleaning(site.articles, reuse.memo), 0.0)
    keep = StoryState.of(site.stories, site.redirects).manifest_fields() | {"keys": rendered.keys}
    keep |= {"inputs": start.inputs, "summary": summary_of(report)} if start.inputs else {}
    progress.begin("write")
    written = transaction.commit(keep)
    remember_build(reuse.memo, transaction, site, rendered)
    if options.ends_process:
        LEFT_FOR_EXIT.append((site, grouping, transaction, rendered, reuse.store, background.dropped))
    return replace(report, write=written)


LEFT_FOR_EXIT: list = []
"""What the builds of a process that ends right after them left (see ``BuildOptions.ends_process``)."""


def last_story_state(manifest: dict, memo: Memo | None) -> StoryState:
    """The stories the last build published: under `serve`, as it kept them, while its manifest is this."""
    from site_builder.stories.grouping import StoryState

    kept = memo.recall("story state") if memo is not None else None
    return kept[1] if kept is not None and kept[0] is manifest else StoryState.from_manifest(manifest)


def render_pages(site: Site, start: Start, reuse: Reuse, transaction: Transaction, refresh_search: bool
                 ) -> Rendered:
    """The render stage, every file handed to the write stage's ``transaction`` (aborted on failure): on
    every core for a build, only the pages an edit touches for a rebuild of `serve`."""
    from site_builder.incremental.compiled import CompiledTemplates
    from site_builder.incremental.pages import render_again, render_in_parallel, reusable_pages
    from site_builder.rendering.shortcuts import Shortcuts

    config = site.config
    # Pages link the hashed stylesheets (``render``'s assets), views do not: a CSS edit renders pages, not
    # views.
    version = sha256(repr((code_digest(), config_key(config), theme_digest(start.layers, statics=False))).encode())
    shortcuts = Shortcuts(reusable_pages(config.output_dir, start.manifest), version,
                          compiled=CompiledTemplates(config.cache_dir / "templates"))
    progress.begin("render", expected_pages(site, start.manifest), "pages")
    try:
        if reuse.memo is None:
            rendered = render_in_parallel(site, start.layers, shortcuts, transaction)
        else:
            rendered = render_again(site, start.layers, shortcuts, transaction, reuse.memo)
        if config.search:
            progress.begin("search")
            add_search_index(site, config, transaction, refresh=refresh_search)
    except BaseException:
        transaction.abort()
        raise
    return rendered


def remember_build(memo: Memo | None, transaction: Transaction, site: Site, rendered: Rendered) -> None:
    """Under `serve`, what the next build starts from: only once written, as the next render trusts these
    keys to name files that were written."""
    from site_builder.incremental.pages import keep_render
    from site_builder.stories.grouping import StoryState

    if memo is not None:
        memo.keep("manifest", (transaction.output_dir, transaction.record))
        memo.keep("story state", (transaction.record, StoryState.of(site.stories, site.redirects)))
        keep_render(memo, rendered)


def scan_content(config: SiteConfig, memo: Memo | None, written: frozenset[str] | None) -> list[ContentFile] | None:
    """The content folder's files (None when there is no folder): scanned, or under `serve`, when its
    watcher saw only files written in place, the last scan with those files looked at again."""
    if not config.content_dir.is_dir():
        return None
    name = ("scan", str(config.content_dir))
    last = memo.recall(name) if memo is not None else None
    found = None
    if last is not None and written is not None:
        found = rescanned(config.content_dir.resolve(), last[0], written, last[1])
    position = last[1] if found is not None else None
    found = found if found is not None else find_markdown_files(config.content_dir)
    if memo is not None:
        memo.keep(name, (found, position or {file.relative: number for number, file in enumerate(found)}))
    return found


def add_search_index(site: Site, config: SiteConfig, transaction: Transaction, refresh: bool) -> None:
    """The search bundle's files, handed to the write stage with the pages (see ``search``). Its documents
    and last bundle are kept per output folder: a preview with drafts never shares them with the output.
    Without ``refresh`` (a rebuild of `serve` after a save) the last bundle stands: Pagefind indexes the
    whole digest, which for a big archive takes longer than a save may wait."""
    from site_builder.rendering.search import search_bundle, search_documents

    folder = config.work_dir / "search" / sha256(str(config.output_dir.resolve()).encode())[:16]
    output_dir, previous = f"{config.output_dir}/", transaction.previous

    def kept(path: str, digest: str) -> bool:
        return previous.get(path) == digest and os.path.isfile(output_dir + path)

    for output in search_bundle(lambda: search_documents(site, site.language_names), folder, config.language, kept,
                                refresh):
        transaction.add(output)


def expected_pages(site: Site, manifest: dict) -> int:
    """About how many pages a build hands to the write stage: as many as the last build wrote, or one per
    article and story and a few more for a first build."""
    return len(manifest.get("files", ())) or len(site.articles) + len(site.stories) + 10


def summary_of(report: BuildReport) -> dict:
    """What a build that finds nothing changed reports again."""
    return {"articles": report.articles, "stories": report.stories, "files": report.files,
            "warnings": [asdict(p) for p in report.warnings], "cleaning": [list(c) for c in report.cleaning]}


def summary_from(summary: dict) -> BuildReport:
    return BuildReport(summary["articles"], summary["stories"], summary["files"], 0, WriteReport(0, 0, 0),
                       tuple(Problem(**p) for p in summary["warnings"]),
                       tuple((rule, count) for rule, count in summary["cleaning"]), 0.0)


def count_cleaning(articles: Sequence[Article], memo: Memo | None = None) -> tuple[tuple[str, int], ...]:
    counts = tally(memo, "cleaning", articles, lambda article: (change.rule for change in article.cleanup))
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


@dataclass(frozen=True)
class CleanedFile:
    """One file as `site-builder clean` shows it."""

    path: str
    """The file, as given."""
    article: Article | None
    """The cleaned article; None when the file has errors."""
    problems: tuple[Problem, ...]
    """What is wrong with the file."""


def clean_files(config: SiteConfig, paths: Iterable[Path]) -> list[CleanedFile]:
    """Clean the given article files the way a build would, writing nothing: with the chrome the content
    folder's articles teach (see ``sitechrome``)."""
    from site_builder.cleaning.clean import clean_article
    from site_builder.incremental.prepare import prepare_articles
    from site_builder.cleaning.sitechrome import chrome_of, learned_chrome

    loaded = [(path, *load_article(path.absolute(), config)) for path in paths]
    learned = {}
    if any(article and article.source for _, article, _ in loaded) and config.content_dir.is_dir():
        articles, _, _ = prepare_articles(config, include_drafts=True)
        learned = learned_chrome((article.source, article.line_keys) for article in articles)
    results = []
    for path, article, problems in loaded:
        cleaned = None
        if article and not errors_in(problems):
            settings = config.article_settings
            cleaned = clean_article(article, settings)
            cleaned = clean_article(article, settings, chrome_of(article.source, cleaned.line_keys, learned))
        results.append(CleanedFile(display_path(path, config.root), cleaned, tuple(problems)))
    return results


def plan_stories(config: SiteConfig, options: BuildOptions = BuildOptions()) -> tuple[Site, Grouping, list[Problem]]:
    """The stories a build would publish now (slugs as the last build left them), writing nothing."""
    from site_builder.stories.grouping import StoryState

    return make_site(config, options, StoryState.from_manifest(read_manifest(config.output_dir)))
