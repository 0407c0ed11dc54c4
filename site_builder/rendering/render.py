"""The render stage: from a Site to the bytes of every output file. It writes nothing.

Templates are Jinja2, autoescaped, with undefined names as errors (a typo in a theme fails the build
with the template's file and line instead of printing an empty string).
"""

from __future__ import annotations

import traceback
from collections import Counter, defaultdict
from operator import methodcaller
from pathlib import Path
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Hashable, Sequence

import jinja2
import jinja2.meta

from site_builder.incremental.cache import read_sealed, write_sealed
from site_builder.rendering.jsonfeed import FeedHead, json_feed
from site_builder.rendering.editions import Edition, edition_dir, edition_view, editions_of
from site_builder.cleaning.embeds import Embed
from site_builder.errors import BuildFailed, Problem
from site_builder.incremental.memo import Memo, remember, sha256, while_same
from site_builder.incremental.reuse import NO_REUSE, Reuse
from site_builder.model import OutputFile, Site, Story
from site_builder.rendering.theme import ThemeLayers, collect_static_files, hashed_name
from site_builder.rendering.views import (SiteViews, Urls, article_path, format_date, lang_dir, paginate,
                                         source_dir, story_path, tag_dir)


def make_environment(layers: ThemeLayers, compiled: Path | None = None) -> jinja2.Environment:
    """The templates' environment; with ``compiled`` (a folder of the cache folder), templates compiled by
    an earlier build are loaded from there instead of compiled again (Jinja2 checks their source)."""
    loader = jinja2.FileSystemLoader([str(p) for p in layers.template_dirs])
    # Each build makes its own environment, so templates need no checking for changes while it runs.
    return jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined, auto_reload=False,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                              bytecode_cache=CompiledTemplates(compiled) if compiled else None)


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept in the cache folder, sealed as every cache file is (``cache.write_sealed``): compiled
    code from a file anyone else wrote is never run. A folder that cannot be written only costs time."""

    def __init__(self, folder: Path):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        super().__init__(str(folder))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        payload = read_sealed(Path(self._get_cache_filename(bucket)))
        if payload is not None:
            bucket.bytecode_from_string(bytes(payload))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            write_sealed(Path(self._get_cache_filename(bucket)), bucket.write_bytecode)
        except OSError:
            pass


Emit = Callable[[OutputFile], None]
"""Where each file goes as it is made (the write stage's transaction)."""
Keep = Callable[[dict[str, str]], None]
"""Where the files of a `serve` render that stay as the last build wrote them go, all at once: output
path -> origin of each."""


@dataclass(frozen=True)
class Page:
    """One page as a render part plans it. Under `serve` a render keeps its plan, and the next one, while
    the site's structure holds (see ``structure_of``), renders from it only the pages that show a changed
    article: so ``key`` and ``context`` take the renderer of the build at hand, and look articles and
    stories up by id there (a story's title and lead may have changed, its id and slug not)."""

    template: str
    path: str
    origin: str
    """What the page is made from, as problems name it: 'story.html (story 42)'."""
    key: Callable[[Renderer], Hashable]
    """Everything the page shows, for ``Reuse.kept_page``."""
    context: Callable[[Renderer], dict] | None
    """The costly part of the template's context, made only when the page is rendered."""
    fixed: dict
    """The rest of the context, the same as long as the site's structure is."""
    make: Callable[[Renderer], bytes] | None = None
    """Makes the file's bytes instead of ``template`` (then the name of what makes it), for a file of data
    that no theme shapes: each story's JSON Feed (see ``add_data``)."""


@dataclass(frozen=True)
class Rendered:
    """What a render did, and what it leaves for the next under `serve`: enough that an edit renders only
    the pages that show the edited articles (a filter on the same render, not a second way to render)."""

    keys: dict[str, str]
    """Output path -> the key of the page (pages of this render's share)."""
    rendered: int
    """Pages rendered (the others were the files the last build left)."""
    structure: tuple
    """Everything but the articles' own keys that page keys are made of (see ``structure_of``)."""
    article_keys: dict[str, str]
    """Article id -> its key, as every page read it."""
    reads: dict[str, frozenset[str]]
    """Output path -> the ids of the articles whose keys its key was made of (under `serve`)."""
    plan: tuple[Page, ...] = ()
    """Every page, in order (under `serve`)."""
    origins: dict[str, str] = field(default_factory=dict)
    """Output path -> origin of every page of ``plan``."""


class Renderer:
    """Renders templates with the site-wide context, turning template errors into located problems."""

    def __init__(self, site: Site, layers: ThemeLayers, emit: Emit, assets: dict[str, str] | None = None,
                 reuse: Reuse = NO_REUSE):
        self.site = site
        self.emit = emit
        self.memo = memo = reuse.memo
        self.share = reuse.share
        """(n, of): this renderer renders every of-th page of each template from the n-th, other processes the
        others. Dealt per template, as pages of two templates often alternate (a story's page, its feed)."""
        self.dealt: dict[str, int] = defaultdict(int)
        """Template -> how many of its pages have been planned."""
        self.pages: list[tuple[str, str]] = []
        """(output path, origin) of every page, rendered here or not."""
        self.plan: list[Page] | tuple[Page, ...] = []
        """Every page planned so far (under `serve`, for the next render)."""
        self.keys: dict[str, str] = {}
        """Output path -> the key it was rendered from (pages of this renderer's share), for the next
        build's ``Reuse.kept_page``."""
        self.problems: dict[tuple, Problem] = {}
        self.kept_page = reuse.kept_page
        assets = assets or {}
        self.fixed_key = sha256(repr(reuse.version).encode())
        """What every page depends on. Not the build time, which moves with each newer article: only the
        pages of templates that show it (``shows_build_time``) are keyed on it."""
        self.timed: dict[str, bool] = {}
        # Under serve the compiled templates are kept while no template file changes.
        compiled = site.config.cache_dir / "templates"
        self.env = remember(memo, ("environment", theme_key(layers)), lambda: make_environment(layers, compiled))
        self.stories_by_id = {s.id: s for s in site.stories}
        last = memo.recall("render") if memo is not None else None
        self.article_keys, per_article = article_keys(site, memo)
        self.story_keys: dict[str, str] = {}
        self.reading: set[str] | None = set() if memo is not None else None
        """Under `serve`: the ids of the articles whose keys the page being keyed read."""
        self.reads: dict[str, frozenset[str]] = {}
        self.rendered = 0
        self.edition_dates: dict[str, datetime] = {}
        """Output path of each edition's page -> its newest article's time (for the sitemaps)."""
        self.views = SiteViews(site, self.render_embed, memo, self.fixed_key)
        # Pages link the hashed stylesheets, views do not: a CSS edit renders pages again, not views.
        self.fixed_key += sha256(repr(sorted(assets.items())).encode())
        self.structure = structure_of(site, self.fixed_key + site.build_time.isoformat(), per_article, last) \
            if memo is not None else ()
        self.last = last if last is not None and last.structure is self.structure and last.plan and \
            last.origins.keys() <= (reuse.written or {}).keys() else None
        """Under `serve`, the last render when this one can follow its plan (see ``follow``)."""
        self.env.filters["absolute"] = self.views.urls.absolute_from_site_url
        self.globals = site_globals(site, self.views.urls, assets)

    def render_embed(self, embed: Embed) -> str:
        """The theme's static card for an embedded post or video (templates/embed.html)."""
        try:
            return self.env.get_template("embed.html").render(embed=embed)
        except Exception as err:  # reported like any other template failure
            problem = template_problem(err, "embed.html", self.env)
            self.problems.setdefault((problem.path, problem.line, problem.message), problem)
            return ""

    def add(self, template: str, path: str, origin: str, key: Callable[[Renderer], Hashable],
            lazy_context: Callable[[Renderer], dict] | None = None, **context: Any) -> None:
        """Plan the page ``path`` from ``template``, and render it unless another process renders it.
        ``key(r)`` names everything the page shows: a page whose key, templates, settings and
        site-builder version are those the previous build rendered its file from is not rendered again
        (nor is ``lazy_context(r)`` called for it, the costly part of the context)."""
        self.plan_page(Page(template, path, f"{template} ({origin})", key, lazy_context, context))

    def add_data(self, name: str, path: str, origin: str, key: Callable[[Renderer], Hashable],
                 make: Callable[[Renderer], bytes]) -> None:
        """Plan the file ``path`` made by ``make(r)`` rather than from a template (``name`` says what makes
        it): keyed, reused, dealt and followed under `serve` as a page is (see ``add``)."""
        self.plan_page(Page(name, path, f"{name} ({origin})", key, None, {}, make))

    def plan_page(self, page: Page) -> None:
        """Note the page, and render it when it falls to this process's share."""
        self.pages.append((page.path, page.origin))
        if self.memo is not None:
            self.plan.append(page)
        number, of = self.share
        dealt = self.dealt[page.template]
        self.dealt[page.template] = dealt + 1
        if dealt % of == number:
            self.render(page)

    def render(self, page: Page) -> None:
        """Render one page (or hand the transaction the previous build's file, when its key is the same)."""
        page_key = self.keys[page.path] = self.page_key(page)
        digest = self.kept_page(page.path, page_key)
        if digest:
            self.emit(OutputFile(page.path, None, page.origin, digest))
            return
        content = page.make(self) if page.make else self.render_template(page)
        if content is not None:
            self.rendered += 1
            self.emit(OutputFile(page.path, content, page.origin, sha256(content)))

    def render_template(self, page: Page) -> bytes | None:
        """The page's template rendered; None, with the problem noted, when the template fails."""
        try:
            context = dict(page.fixed)
            context.update(page.context(self) if page.context else {})
            context.setdefault("page_url", self.views.urls.page(page.path))
            context.setdefault("canonical_url", self.views.urls.absolute(page.path))
            return self.env.get_template(page.template).render(**self.globals, **context).encode("utf-8")
        except Exception as err:  # a theme is user code: any failure in it is reported where it happened
            problem = template_problem(err, page.template, self.env)
            self.problems.setdefault((problem.path, problem.line, problem.message), problem)
            return None

    def follow(self, keep: Keep) -> None:
        """Under `serve`, with the site's structure as the last render left it: render from its plan only
        the pages that read a changed article's key, and hand ``keep`` the others, as the last render
        keyed them and the last build wrote them, all at once."""
        last = self.last
        changed = {i for i, key in self.article_keys.items() if last.article_keys.get(i) != key}
        dirty = {path for path, ids in last.reads.items() if not ids.isdisjoint(changed)} if changed else set()
        self.plan, self.keys, self.reads = last.plan, dict(last.keys), dict(last.reads)
        for page in self.plan:
            if page.path in dirty:
                self.render(page)
        keep({path: origin for path, origin in last.origins.items() if path not in dirty} if dirty else last.origins)

    def page_key(self, page: Page) -> str:
        """The page's key; under `serve`, with the articles it read noted for the next render."""
        fixed = self.fixed_key
        if page.make is None and self.shows_build_time(page.template):
            fixed += self.site.build_time.isoformat()
        if self.reading is None:
            return short_key((page.template, page.path, fixed, page.key(self)))
        self.reading.clear()
        page_key = short_key((page.template, page.path, fixed, page.key(self)))
        self.reads[page.path] = frozenset(self.reading)
        return page_key

    def shows_build_time(self, template: str) -> bool:
        """Whether ``template``, or a template it extends, includes or imports, reads ``build_time``."""
        if template not in self.timed:
            self.timed[template] = False  # a template that reaches itself again adds nothing
            try:
                tree = self.env.parse(self.env.loader.get_source(self.env, template)[0])
            except jinja2.TemplateError:  # rendering the page reports it; keyed on everything meanwhile
                self.timed[template] = True
                return True
            self.timed[template] = "build_time" in jinja2.meta.find_undeclared_variables(tree) or any(
                self.shows_build_time(name) for name in jinja2.meta.find_referenced_templates(tree)
                if isinstance(name, str))
        return self.timed[template]

    def article_key(self, article_id: str) -> str:
        if self.reading is not None:
            self.reading.add(article_id)
        return self.article_keys[article_id]

    def edition_key(self, edition: Edition) -> tuple:
        """What an edition shows: each story's headline, lead and URL, and the articles of the edition (not
        the story's other articles: an edit re-renders only the editions it touches)."""
        return tuple((self.story_heading_key(story), self.articles_key(ids)) for story, ids in edition.entries)

    def story_heading_key(self, story_id: str) -> tuple:
        story = self.stories_by_id[story_id]
        if self.reading is not None:  # under `serve`, an edit of any of its articles may move its title or lead
            self.reading.update(story.article_ids)
        return story.slug, story.title, story.lang, story.lead

    def memory(self) -> Rendered:
        origins = (self.last.origins if self.last else dict(self.pages)) if self.memo is not None else {}
        return Rendered(self.keys, self.rendered, self.structure, self.article_keys, self.reads, tuple(self.plan),
                        origins)

    def site_story(self, story_id: str) -> Story:
        return self.stories_by_id[story_id]

    def story_feed(self, story_id: str) -> dict:
        """What a story's feeds show: its articles, newest first, and the feed's title."""
        return {"articles": list(reversed(self.views.stories[story_id].articles)),
                "feed_title": f"{self.site_story(story_id).title} — {self.site.config.title}"}

    def story_json_feed(self, story_id: str) -> bytes:
        """The story's Atom feed as JSON Feed 1.1: its entries, in its order, with the same content."""
        feed, story = self.story_feed(story_id), self.views.stories[story_id]
        urls, config = self.views.urls, self.site.config
        head = FeedHead(feed["feed_title"], urls.absolute_from_site_url(story.url),
                        urls.absolute_from_site_url(story.json_feed_url), config.description, config.language)
        return json_feed(head, feed["articles"], urls.absolute_from_site_url)

    def article_views(self, ids: Sequence[str]) -> list:
        return [self.views.articles[i] for i in ids]

    def story_views(self, ids: Sequence[str]) -> list:
        return [self.views.stories[i] for i in ids]

    def articles_key(self, ids: Sequence[str]) -> tuple:
        return tuple(self.article_key(i) for i in ids)

    def story_key(self, story_id: str) -> str:
        story = self.stories_by_id[story_id]
        if story_id not in self.story_keys:
            self.story_keys[story_id] = short_key((story.id, story.slug, story.title, story.lang,
                                                   story.lead, tuple(self.article_keys[i] for i in story.article_ids)))
        if self.reading is not None:
            self.reading.update(story.article_ids)
        return self.story_keys[story_id]


def site_globals(site: Site, urls: Urls, assets: dict[str, str]) -> dict[str, Any]:
    """What every template sees besides its page's own context."""
    config = site.config
    return {
        "site": {"title": config.title, "description": config.description, "base_url": config.base_url,
                 "base_path": config.base_path, "language": config.language, "params": config.params,
                 "feed_url": urls.page("feed.xml"), "json_feed_url": urls.page("feed.json"),
                 "home_url": urls.page("index.html"),
                 "search_url": urls.page("search/index.html") if config.search else None,
                 "editions_url": urls.page("editions/index.html") if config.editions != "off" else None,
                 "editions_feed_url": urls.page("editions/feed.xml")},
        "url": lambda path: urls.page(assets.get(path, path)),
        "absolute_url": lambda path: urls.absolute(assets.get(path, path)),
        "build_time": site.build_time,
    }


def structure_of(site: Site, fixed_key: str, per_article: tuple, last: Rendered | None = None) -> tuple:
    """All that page keys are made of besides the articles' own keys (which story titles and leads come
    from too): what the pages are, what each lists and in which order. While it holds, an edit changes
    only the pages whose keys read the edited articles' keys. Equal to ``last``'s, it is ``last``'s.
    ``per_article``: each article's part (``article_keys``)."""
    structure = (fixed_key, per_article, tuple((s.id, s.slug, s.article_ids, s.last_updated) for s in site.stories),
                 tuple(site.redirects.items()))
    return last.structure if last is not None and last.structure == structure else structure


def article_keys(site: Site, memo: Memo | None) -> tuple[dict[str, str], tuple]:
    """Article id -> the key of what pages show of it (its file's hash, its slug and its story), and each
    article's part of the site's structure (see ``structure_of``; only under `serve`). An article that
    is the very object the last render keyed, in the same story, keeps both."""
    story_of = site.story_of
    if memo is None:
        return {a.id: short_key((a.fingerprint, a.slug, story_of[a.id])) for a in site.articles}, ()
    last = memo.recall("article keys") or {}
    entries = {}
    for article in site.articles:
        story, entry = story_of[article.id], last.get(article.id)
        if entry is None or entry[0] is not article or entry[1] != story:
            entry = (article, story, short_key((article.fingerprint, article.slug, story)),
                     (article.id, article.slug, article.date, article.date_only, article.tags, article.source,
                      article.lang, story))
        entries[article.id] = entry
    memo.keep("article keys", entries)
    return {article_id: entry[2] for article_id, entry in entries.items()}, tuple(e[3] for e in entries.values())


def short_key(parts: tuple) -> str:
    """A key of many parts as one short string, so the keys of pages that list many articles or stories
    stay cheap to compare and to hash."""
    return sha256(repr(parts).encode())[:24]


def template_problem(err: Exception, template: str, env: jinja2.Environment) -> Problem:
    """Where in which template the error is: the syntax error's line, or the deepest template frame."""
    if isinstance(err, jinja2.TemplateSyntaxError):
        path, line = err.filename or template, err.lineno
    else:
        frames = [f for f in traceback.extract_tb(err.__traceback__) if _is_template(f.filename, env)]
        path, line = (frames[-1].filename, frames[-1].lineno) if frames else (template, 0)
    if isinstance(err, jinja2.TemplateNotFound):
        hint = f"add the template {err.name}, or remove the reference to it"
    else:
        hint = "fix the template, or remove your copy of it to use the theme's"
    reason = getattr(err, "message", None) or str(err) or type(err).__name__
    if isinstance(err, jinja2.TemplateNotFound):
        reason = f"no template {err.name!r} in the site or its theme"  # jinja2 would list absolute folders
    return Problem(_short(path), line or 0, 0, f"template error: {reason}", hint)


def _is_template(filename: str, env: jinja2.Environment) -> bool:
    return any(filename.startswith(folder) for folder in env.loader.searchpath)


def _short(path: str) -> str:
    try:
        return Path(path).resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path


def theme_key(layers: ThemeLayers) -> tuple:
    """The templates in use, as (file, modification time, size): a page rendered with other templates
    is not reused."""
    entries = []
    for folder in layers.template_dirs:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                stat = path.stat()
                entries.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


def render_site(site: Site, layers: ThemeLayers, emit: Emit, reuse: Reuse = NO_REUSE) -> Rendered:
    """Every file of the site, handed to ``emit`` as it is made; returns the key of every page of this
    share, for the next build's ``Reuse.kept_page``. Raises BuildFailed with every template problem found.

    ``reuse`` names the pages the previous build left that are still right, and what else every page
    depends on (site-builder's code, the settings, the templates); its ``share`` (n, of) renders only
    every of-th page from the n-th (other processes render the rest); its ``memo`` (under `serve`) keeps
    compiled templates and views, and the last committed render's memory (kept by the caller), so that
    this one keys and renders only the pages that show an edited article (``written``: path -> digest of
    each file the last build left; the others go to ``keep_pages``)."""
    statics, assets = static_files(layers)
    renderer = Renderer(site, layers, emit, assets, reuse)
    if renderer.last:
        written = reuse.written
        renderer.follow(reuse.keep_pages or (lambda origins: [emit(OutputFile(path, None, origin, written[path]))
                                                               for path, origin in origins.items()]))
    else:
        for render_part in PARTS:
            render_part(renderer)
    if renderer.problems:
        raise BuildFailed(renderer.problems.values())
    for static in statics if reuse.share[0] == 0 else ():
        emit(static)
    return renderer.memory()


# The render parts plan every page. A page's key and context are functions of the renderer of the build
# that renders it, which need not be the one that planned it (see ``Page``).

def render_home(r: Renderer) -> None:
    for chunk, pagination, path in paginate(r.site.stories, r.site.config.page_size, "", r.views.urls):
        ids = tuple(story.id for story in chunk)
        r.add("home.html", path, "home page",
              lambda r, ids=ids, pagination=pagination: (tuple(map(r.story_key, ids)), pagination),
              lambda r, ids=ids: {"stories": r.story_views(ids)}, pagination=pagination)


def render_stories(r: Renderer) -> None:
    """A page, an Atom feed and the same as JSON Feed per story, and a redirect for each story merged into
    another. The JSON Feed is made as data from what the Atom feed shows, under the same key."""
    for story in r.site.stories:
        key = methodcaller("story_key", story.id)
        r.add("story.html", story_path(story), f"story {story.id}", key,
              lambda r, i=story.id: {"story": r.views.stories[i]})
        feed = story_path(story).replace("index.html", "feed.xml")
        r.add("feed.xml", feed, f"story feed {story.id}", key, methodcaller("story_feed", story.id),
              feed_path=feed, alternate_path=story_path(story), canonical_url=r.views.urls.absolute(story_path(story)))
        r.add_data("JSON Feed", feed.replace(".xml", ".json"), f"story feed {story.id}", key,
                   methodcaller("story_json_feed", story.id))
    slugs = {story.slug: story for story in r.site.stories}
    for old, new in r.site.redirects.items():
        target = slugs[new]
        r.add("redirect.html", f"stories/{old}/index.html", f"redirect of story {old}",
              methodcaller("story_key", target.id),
              lambda r, i=target.id: {"target": r.views.stories[i]},
              canonical_url=r.views.urls.absolute(story_path(target)))


def render_articles(r: Renderer) -> None:
    story_of = r.site.story_of
    for article in r.site.articles:
        r.add("article.html", article_path(article), f"article {article.source_path}",
              lambda r, i=article.id, story=story_of[article.id]: (r.article_key(i), r.story_key(story)),
              lambda r, i=article.id, story=story_of[article.id]: {"article": r.views.articles[i],
                                                                   "story": r.views.stories[story]})


def render_groups(r: Renderer, kind: str, folder: str, names_of: Callable, directory_of: Callable[[str], str],
                  label: Callable[[str], str] = str) -> None:
    """Tag, source or language pages: an index of all names, and a paginated list of articles per name.

    Names that share a URL ("OpenAI" and "openai") are one group, shown by their most used spelling
    (through ``label``: a language's code becomes its name)."""
    members: dict[str, list] = defaultdict(list)
    spellings: dict[str, Counter] = defaultdict(Counter)
    for article in r.site.articles:
        for name in names_of(article):
            members[directory_of(name)].append(article.id)
            spellings[directory_of(name)][name] += 1
    shown = {directory: label(min(counts, key=lambda n: (-counts[n], n))) for directory, counts in spellings.items()}
    groups = sorted(members.items(), key=lambda item: (shown[item[0]].casefold(), item[0]))
    entries = [{"name": shown[directory], "url": r.views.urls.page(directory), "count": len(items)}
               for directory, items in groups]
    r.add(f"{kind}_index.html", f"{folder}/index.html", f"{kind} index", lambda r, shown=repr(entries): shown,
          entries=entries)
    for directory, items in groups:
        name = shown[directory]
        for chunk, pagination, path in paginate(items, r.site.config.list_page_size, directory, r.views.urls):
            r.add("list.html", path, f"{kind} {name}",
                  lambda r, name=name, chunk=chunk, pagination=pagination: (name, r.articles_key(chunk), pagination),
                  lambda r, chunk=chunk: {"articles": r.article_views(chunk)}, kind=kind, name=name,
                  pagination=pagination)


def render_tags(r: Renderer) -> None:
    render_groups(r, "tag", "tags", lambda a: a.tags, tag_dir)


def render_sources(r: Renderer) -> None:
    render_groups(r, "source", "sources", lambda a: (a.source,), source_dir)


def render_languages(r: Renderer) -> None:
    """A page per language of the coverage (/lang/it/), which the language badges link to."""
    render_groups(r, "lang", "lang", lambda a: (a.lang,), lang_dir,
                  lambda code: f"{r.views.language_name(code)} ({code})")


def render_archive(r: Renderer) -> None:
    """A page listing the months, and a paginated page per month, newest first."""
    months: dict[tuple[int, int], list] = defaultdict(list)
    for article in r.site.articles:
        local = r.views.local(article)
        months[(local.year, local.month)].append(article)
    entries = []
    for (year, month), items in sorted(months.items(), reverse=True):
        directory = f"archive/{year}/{month:02d}/"
        name = format_date(r.views.local(items[0]), True).split(" ", 1)[1]
        entries.append({"name": name, "url": r.views.urls.page(directory), "count": len(items)})
        ids = [article.id for article in items]
        for chunk, pagination, path in paginate(ids, r.site.config.list_page_size, directory, r.views.urls):
            r.add("list.html", path, f"archive {year}-{month:02d}",
                  lambda r, name=name, chunk=chunk, pagination=pagination: (name, r.articles_key(chunk), pagination),
                  lambda r, chunk=chunk: {"articles": r.article_views(chunk)}, kind="month", name=name,
                  pagination=pagination)
    r.add("archive.html", "archive/index.html", "archive", lambda r, shown=repr(entries): shown, entries=entries)


def render_feeds(r: Renderer) -> None:
    ids = tuple(article.id for article in r.site.articles[: r.site.config.feed_size])
    for kind, name in (("xml", "Atom feed"), ("json", "JSON Feed")):
        r.add(f"feed.{kind}", f"feed.{kind}", name, lambda r: r.articles_key(ids),
              lambda r: {"articles": r.article_views(ids)}, feed_title=r.site.config.title,
              feed_path=f"feed.{kind}", alternate_path="index.html", canonical_url=r.views.urls.absolute(""))
    r.add("robots.txt", "robots.txt", "robots.txt", lambda r: ())
    r.add("404.html", "404.html", "not-found page", lambda r: (), canonical_url=r.views.urls.absolute("404.html"))


EDITION_FILES = (("edition.html", "index.html", True), ("edition_email.html", "email.html", False),
                 ("edition_email.txt", "email.txt", False))
"""(template, file name, whether it links the editions before and after) of the files of each edition: its
page, its email and the email's text twin."""


def render_editions(r: Renderer) -> None:
    """The files of each edition (``EDITION_FILES``), keyed on exactly what they show, the archive of
    editions and their Atom feed (the newest ``feed_size``); nothing with `editions: off`."""
    if r.site.config.editions == "off":
        return
    editions = editions_of(r.site, r.views.local, r.site.config.editions)
    entries = []
    for number, edition in enumerate(editions):
        around = (editions[number + 1].id if number + 1 < len(editions) else None,
                  editions[number - 1].id if number else None)
        for template, name, linked in EDITION_FILES:
            shown = around if linked else (None, None)
            r.add(template, edition_dir(edition.id) + name, f"edition {edition.id}",
                  lambda r, edition=edition, shown=shown: (shown, r.edition_key(edition)),
                  lambda r, edition=edition, shown=shown: {"edition": edition_view(edition, r.views, *shown)})
        r.edition_dates[edition_dir(edition.id) + "index.html"] = edition.published
        entries.append({"name": edition.title, "url": r.views.urls.page(edition_dir(edition.id)),
                        "stories": len(edition.entries), "articles": sum(len(ids) for _, ids in edition.entries)})
    r.add("editions_index.html", "editions/index.html", "editions", lambda r, shown=repr(entries): shown,
          entries=entries)
    shown = editions[: r.site.config.feed_size]
    r.add("editions_feed.xml", "editions/feed.xml", "feed of editions",
          lambda r: tuple((edition.id, r.edition_key(edition)) for edition in shown),
          lambda r: {"editions": [edition_view(edition, r.views, None, None) for edition in shown]},
          feed_path="editions/feed.xml", alternate_path="editions/index.html",
          canonical_url=r.views.urls.absolute("editions/index.html"))


SITEMAP_URLS = 50_000
"""The most URLs one sitemap may list (the sitemap protocol's limit): a longer section is cut in parts."""


def render_sitemap(r: Renderer) -> None:
    """A sitemap index (sitemap.xml) and its sitemaps (see ``sitemap_parts``)."""
    sitemaps = []
    for path, part in while_same(r.memo, "sitemap parts", lambda: r.structure, lambda: sitemap_parts(r)):
        sitemaps.append({"url": r.views.urls.absolute(path),
                         "lastmod": max((date for _, date in part if date), default=None)})
        r.add("sitemap.xml", path, f"sitemap {path}", lambda r, part=part: part,
              lambda r, part=part: {"pages": [{"url": r.views.urls.absolute(page), "lastmod": date}
                                              for page, date in part]})
    r.add("sitemap_index.xml", "sitemap.xml", "sitemap index",
          lambda r: tuple((sitemap["url"], sitemap["lastmod"]) for sitemap in sitemaps), sitemaps=sitemaps)


def sitemap_parts(r: Renderer) -> list[tuple[str, tuple[tuple[str, datetime | None], ...]]]:
    """(path, pages with the date of what each shows) of every sitemap. They list every HTML page rendered
    so far but the 404 page, redirects and the editions' emails: articles by the year they were published,
    stories by the year they were first reported, editions by the year of their newest article, the other
    pages together. A day's new articles rewrite this year's sitemaps and the other pages', not one
    sitemap of the whole archive (which, past 50,000 URLs, the protocol would not even accept). Under `serve` they are kept while the site's structure holds: working them
    out takes tens of milliseconds at 4,000 articles."""
    article_at = {article_path(a): a for a in r.site.articles}
    story_at = {story_path(s): s for s in r.site.stories}
    sections: dict[str, list[tuple[str, datetime | None]]] = defaultdict(list)
    for path, origin in r.pages:
        if not path.endswith(".html") or path == "404.html" or origin.startswith(("redirect.html",
                                                                                   "edition_email.html")):
            continue
        if path in article_at:
            published = r.views.local(article_at[path])
            sections[f"articles-{published.year}"].append((path, published))
        elif path in story_at:
            ids = story_at[path].article_ids
            first, last = r.views.local(r.views.by_id[ids[0]]), r.views.local(r.views.by_id[ids[-1]])
            sections[f"stories-{first.year}"].append((path, last))
        elif path in r.edition_dates:
            sections[f"editions-{r.edition_dates[path].year}"].append((path, r.edition_dates[path]))
        else:
            sections["pages"].append((path, None))
    parts = []
    for name, entries in sorted(sections.items()):
        entries.sort(key=lambda entry: entry[0])
        cut = [tuple(entries[start:start + SITEMAP_URLS]) for start in range(0, len(entries), SITEMAP_URLS)]
        parts += [(f"sitemaps/{name}.xml" if len(cut) == 1 else f"sitemaps/{name}-{number}.xml", part)
                  for number, part in enumerate(cut, 1)]
    return parts


def render_search(r: Renderer) -> None:
    """The search page (``search``), when the site has search; without JavaScript it links to the listings."""
    if r.site.config.search:
        r.add("search.html", "search/index.html", "search page", lambda r: (),
              bundle_url=r.views.urls.page("pagefind/"), canonical_url=r.views.urls.absolute("search/index.html"))


PARTS = (render_home, render_stories, render_articles, render_tags, render_sources, render_languages,
         render_archive, render_editions, render_feeds, render_search, render_sitemap)


def static_files(layers: ThemeLayers) -> tuple[list[OutputFile], dict[str, str]]:
    """The theme's static files, CSS and JavaScript under content-hashed names, and for `url()` the
    output path of each file whose name changed ('static/style.css' -> 'static/style.3f2a9c1e.css')."""
    files, renamed = [], {}
    for relative, path in collect_static_files(layers).items():
        content = path.read_bytes()
        output = "static/" + hashed_name(relative, content)
        files.append(OutputFile(output, content, f"static file {path}"))
        if output != f"static/{relative}":
            renamed[f"static/{relative}"] = output
    return files, renamed
