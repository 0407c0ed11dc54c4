"""The renderer the render parts plan pages with (see ``parts``): it keys each page by what it shows,
renders it from its template unless the last build left its file, and deals pages between processes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable

import jinja2
import jinja2.meta

from site_builder.rendering.jsonfeed import FeedHead, json_feed
from site_builder.rendering.editions import Edition
from site_builder.cleaning.embeds import Embed
from site_builder.errors import Problem
from site_builder.digest import sha256
from site_builder.model import OutputFile, Site
from site_builder.rendering.shortcuts import NO_SHORTCUTS, RenderState, Shortcuts
from site_builder.rendering.templates import make_environment, template_problem, theme_key
from site_builder.rendering.theme import ThemeLayers
from site_builder.rendering.shown import key_of, view_of
from site_builder.rendering.views import SiteViews, Urls, article_made_of, shown_story, story_heading


Emit = Callable[[OutputFile], None]
"""Where each file goes as it is made (the write stage's transaction)."""


@dataclass(frozen=True)
class Page:
    """One page as a render part plans it. Under `serve` a render keeps its plan, and the next one, while
    the site's structure holds (see ``structure_of``), renders from it only the pages that show a changed
    article or story: so its context names articles and stories by id (``shown``), looked up in the build at hand
    (a story's title and lead may have changed, its id and slug not)."""

    template: str
    path: str
    origin: str
    """What the page is made from, as problems name it: 'story.html (story 42)'."""
    context: dict
    """The template's context, views declared as ``shown.Shown`` values: the page is keyed on it (see
    ``shown.key_of``), for ``Shortcuts.kept_page``, and the views are made only when it is rendered."""
    make: Callable[[Renderer, dict], bytes] | None = None
    """Makes the file's bytes from the context instead of ``template`` (then the name of what makes it),
    for a file of data that no theme shapes: each story's JSON Feed (see ``add_data``)."""


@dataclass(frozen=True)
class Rendered:
    """What a render did, and under `serve` what it leaves for the next."""

    keys: dict[str, str]
    """Output path -> the key of the page (pages of this render's share)."""
    rendered: int
    """Pages rendered (the others were the files the last build left)."""
    unchanged: dict[str, str] = field(default_factory=dict)
    """Under `serve`, following the last render's plan: output path -> origin of each page that stays as
    the last build wrote it (for the write stage to take all at once)."""
    state: RenderState | None = None
    """Under `serve`: what the next render is given as ``Shortcuts.last``."""


class Renderer:
    """Renders templates with the site-wide context, turning template errors into located problems."""

    def __init__(self, site: Site, layers: ThemeLayers, emit: Emit, assets: dict[str, str] | None = None,
                 shortcuts: Shortcuts = NO_SHORTCUTS):
        self.site = site
        self.emit = emit
        self.serving = (last := shortcuts.last) is not None
        """Under `serve`: the render returns what the next one needs (``RenderState``)."""
        self.share = shortcuts.share
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
        build's ``Shortcuts.kept_page``."""
        self.problems: dict[tuple, Problem] = {}
        self.kept_page = shortcuts.kept_page
        assets = assets or {}
        self.fixed_key = sha256(repr(shortcuts.version).encode())
        """What every page depends on. Not the build time, which moves with each newer article: only the
        pages of templates that show it (``shows_build_time``) are keyed on it."""
        self.timed: dict[str, bool] = {}
        self.environment = environment(layers, shortcuts.compiled, last)
        self.env = self.environment[1]
        self.stories_by_id = {s.id: s for s in site.stories}
        self.articles = article_keys(site, last.articles if last else None)
        self.article_keys = {article_id: entry[2] for article_id, entry in self.articles.items()}
        self.story_keys: dict[str, str] = {}
        self.reading: set | None = set() if self.serving else None
        """Under `serve`: the ids of the articles whose keys the page being keyed read, and ("story", id) of
        the stories it showed."""
        self.reads: dict[str, frozenset] = {}
        self.rendered = 0
        self.unchanged: dict[str, str] = {}
        self.edition_dates: dict[str, datetime] = {}
        """Output path of each edition's page -> its newest article's time (for the sitemaps)."""
        self.views = SiteViews(site, self.render_embed, last and (last.article_views, last.story_views),
                               self.fixed_key)
        # Pages link the hashed stylesheets, views do not: a CSS edit renders pages again, not views.
        self.fixed_key += sha256(repr(sorted(assets.items())).encode())
        self.structure = structure_of(site, self.fixed_key + site.build_time.isoformat(), self.articles, last) \
            if self.serving else ()
        self.last = last if last is not None and last.structure is self.structure and last.plan and \
            last.origins.keys() <= (shortcuts.written or {}).keys() else None
        """Under `serve`, the last render when this one can follow its plan (see ``follow``)."""
        self.sitemap = last.sitemap if last else ()
        """(structure, the sitemaps' parts): the last render's, until ``parts.render_sitemap`` makes its own."""
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

    def add(self, template: str, path: str, origin: str, **context: Any) -> None:
        """Plan the page ``path`` from ``template`` and its ``context`` (see ``Page.context``), and render it
        unless another process renders it. A page whose key, templates, settings and site-builder version
        are those the previous build rendered its file from is not rendered again, nor its views made."""
        self.plan_page(Page(template, path, f"{template} ({origin})", context))

    def add_data(self, name: str, path: str, origin: str, make: Callable[[Renderer, dict], bytes],
                 **context: Any) -> None:
        """Plan the file ``path`` made by ``make(r, context)`` rather than from a template (``name`` says what
        makes it): keyed, reused, dealt and followed under `serve` as a page is (see ``add``)."""
        self.plan_page(Page(name, path, f"{name} ({origin})", context, make))

    def plan_page(self, page: Page) -> None:
        """Note the page, and render it when it falls to this process's share."""
        self.pages.append((page.path, page.origin))
        if self.serving:
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
        content = page.make(self, view_of(page.context, self)) if page.make else self.render_template(page)
        if content is not None:
            self.rendered += 1
            self.emit(OutputFile(page.path, content, page.origin, sha256(content)))

    def render_template(self, page: Page) -> bytes | None:
        """The page's template rendered; None, with the problem noted, when the template fails."""
        try:
            context = view_of(page.context, self)
            context.setdefault("page_url", self.views.urls.page(page.path))
            context.setdefault("canonical_url", self.views.urls.absolute(page.path))
            return self.env.get_template(page.template).render(**self.globals, **context).encode("utf-8")
        except Exception as err:  # a theme is user code: any failure in it is reported where it happened
            problem = template_problem(err, page.template, self.env)
            self.problems.setdefault((problem.path, problem.line, problem.message), problem)
            return None

    def follow(self) -> None:
        """Under `serve`, with the site's structure as the last render left it: render from its plan only
        the pages that read a changed article's key or showed a changed story, and note the others
        (``unchanged``) as the last render keyed them and the last build wrote them."""
        last = self.last
        changed = {i for i, key in self.article_keys.items() if last.articles.get(i, (0, 0, None))[2] != key}
        changed |= {("story", i) for i, story in self.stories_by_id.items() if last.stories.get(i) is not story
                    and (i not in last.stories or shown_story(last.stories[i]) != shown_story(story))}
        dirty = {path for path, ids in last.reads.items() if not ids.isdisjoint(changed)} if changed else set()
        self.plan, self.keys, self.reads = last.plan, dict(last.keys), dict(last.reads)
        for page in self.plan:
            if page.path in dirty:
                self.render(page)
        self.unchanged = {path: origin for path, origin in last.origins.items() if path not in dirty} \
            if dirty else last.origins

    def page_key(self, page: Page) -> str:
        """The page's key; under `serve`, with the articles it read noted for the next render."""
        fixed = self.fixed_key
        if page.make is None and self.shows_build_time(page.template):
            fixed += self.site.build_time.isoformat()
        if self.reading is None:
            return short_key((page.template, page.path, fixed, key_of(page.context, self)))
        self.reading.clear()
        page_key = short_key((page.template, page.path, fixed, key_of(page.context, self)))
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
        return tuple((self.story_heading_key(story), tuple(map(self.article_key, ids)))
                     for story, ids in edition.entries)

    def story_heading_key(self, story_id: str) -> tuple:
        """What an edition shows of a story: its heading (``views.STORY_HEADING``)."""
        story = self.stories_by_id[story_id]
        if self.reading is not None:  # under `serve`, an edit of any of its articles may move its title or lead
            self.reading.update(story.article_ids)
            self.reading.add(("story", story_id))
        return story_heading(story)

    def memory(self) -> Rendered:
        """What this render did, and under `serve` what it leaves for the next."""
        if not self.serving:
            return Rendered(self.keys, self.rendered)
        views = self.views.kept
        state = RenderState(self.keys, self.structure, self.articles, self.stories_by_id, self.reads,
                            tuple(self.plan), self.last.origins if self.last else dict(self.pages),
                            self.environment, views[0], views[1], self.sitemap)
        return Rendered(self.keys, self.rendered, self.unchanged, state)

    def story_json_feed(self, context: dict) -> bytes:
        """A story's Atom feed as JSON Feed 1.1 (``context``: its ``story`` view): its entries, in its
        order, with the same content."""
        story, urls, config = context["story"], self.views.urls, self.site.config
        head = FeedHead(f"{story.title} — {config.title}", urls.absolute_from_site_url(story.url),
                        urls.absolute_from_site_url(story.json_feed_url), config.description, config.language)
        return json_feed(head, list(reversed(story.articles)), urls.absolute_from_site_url)

    def story_key(self, story_id: str) -> str:
        """What a story's view is made of (``views.STORY_SHOWN``), its articles by their keys."""
        if story_id not in self.story_keys:
            shown = shown_story(self.stories_by_id[story_id])
            self.story_keys[story_id] = short_key(tuple(shown._replace(
                article_ids=tuple(map(self.article_keys.__getitem__, shown.article_ids)))))
        if self.reading is not None:
            self.reading.update(self.stories_by_id[story_id].article_ids)
            self.reading.add(("story", story_id))
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


def structure_of(site: Site, fixed_key: str, articles: dict[str, tuple], last: RenderState | None = None) -> tuple:
    """All that page keys are made of besides the articles' own keys and the stories' fields (see
    ``Renderer.follow``): what the pages are, what each lists and in which order. While it holds, an edit
    changes only the pages whose keys read the edited articles' keys or showed the changed stories. Equal to ``last``'s, it is ``last``'s.
    ``articles``: each article's entry (``article_keys``), the last part of which is its part."""
    structure = (fixed_key, tuple(entry[3] for entry in articles.values()),
                 tuple((s.id, s.slug, s.article_ids, s.last_updated) for s in site.stories),
                 tuple(site.redirects.items()))
    return last.structure if last is not None and last.structure == structure else structure


def environment(layers: ThemeLayers, compiled: jinja2.BytecodeCache | None, last: RenderState | None) -> tuple:
    """(the templates' ``theme_key``, their environment): under `serve` the last render's while no template
    file changed, keeping its compiled templates in memory."""
    if last is None:
        return (), make_environment(layers, compiled)
    key = theme_key(layers)
    return last.environment if last.environment and last.environment[0] == key else \
        (key, make_environment(layers, compiled))


def article_keys(site: Site, last: dict[str, tuple] | None) -> dict[str, tuple]:
    """Article id -> (the article, its story, the key of what pages show of it (its file's hash, its slug
    and its story), its part of the site's structure (see ``structure_of``; only under `serve`)). An article
    that is the very object the last render keyed (``last``), in the same story, keeps its entry."""
    story_of = site.story_of
    if last is None:
        return {a.id: (a, story_of[a.id], short_key(article_made_of(a, story_of[a.id])), ())
                for a in site.articles}
    entries = {}
    for article in site.articles:
        story, entry = story_of[article.id], last.get(article.id)
        if entry is None or entry[0] is not article or entry[1] != story:
            entry = (article, story, short_key(article_made_of(article, story)),
                     (article.id, article.slug, article.date, article.date_only, article.tags, article.source,
                      article.lang, story))
        entries[article.id] = entry
    return entries


def short_key(parts: tuple) -> str:
    """A key of many parts as one short string, so the keys of pages that list many articles or stories
    stay cheap to compare and to hash."""
    return sha256(repr(parts).encode())[:24]
