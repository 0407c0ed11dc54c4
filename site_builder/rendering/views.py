"""What templates see: views built from the Site for them, not the loader's internals.

Every URL is computed here, once, with the site's base path, so a theme never builds a link by hand
and a site under a sub-path (https://example.org/digest/) links correctly everywhere.
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from operator import attrgetter, is_
from typing import Any, Callable, Hashable, Sequence
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from markupsafe import Markup

from site_builder.cleaning.embeds import Embed, fill_embeds
from site_builder.stories.grouping import make_lead
from site_builder.model import Article, Site, Story
from site_builder.content.slugs import slugify

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


@dataclass(frozen=True)
class Link:
    """A named internal link, e.g. a tag or a source."""

    name: str
    """Text shown to readers."""
    url: str
    """Site URL, base path included."""


@dataclass(frozen=True)
class ArticleView:
    """An article as a template shows it."""

    id: str
    """Article id."""
    title: str
    """Headline."""
    url: str
    """The article's page on this site."""
    original_url: str | None
    """The article on its outlet's site."""
    source: Link
    """The outlet, linked to its source page."""
    lang: str
    """BCP 47 code, for `lang` attributes."""
    language_name: str
    """The language's name in the site's language ("Indonesian")."""
    language_url: str
    """The page listing the articles in that language."""
    date: datetime
    """Publication time in the site's time zone."""
    date_text: str
    """Publication date as readers see it ("12 July 2025", with the time when one was given)."""
    authors: tuple[str, ...]
    """Bylines."""
    tags: tuple[Link, ...]
    """Tags, linked to their pages."""
    summary: str | None
    """Curator's summary."""
    lead: str
    """Short plain-text lead: the summary, else the first paragraph (for share cards and JSON Feed)."""
    image: str | None
    """Lead image URL, as the curator wrote it."""
    image_url: str | None
    """The lead image as an absolute URL (for share cards and feeds), when there is one."""
    story_id: str
    """Id of the story it belongs to."""
    extra: dict[str, Any]
    """Other front-matter keys."""
    make_html: Callable[[], Markup] = field(repr=False, compare=False)
    """Makes ``html``: only the pages that show the body pay for its embed cards."""

    @property
    def html(self) -> Markup:
        """Cleaned, sanitised body, embed cards in place (made when a page shows it, and only the last few
        kept: a build of 10,000 articles would hold a second copy of every body)."""
        return self.make_html()


@dataclass(frozen=True)
class StoryView:
    """A story as a template shows it."""

    id: str
    """Story id."""
    title: str
    """Headline."""
    lang: str
    """Language of the headline and lead, for `lang` attributes."""
    url: str
    """The story's page on this site."""
    feed_url: str
    """The story's own Atom feed."""
    json_feed_url: str
    """The same feed as JSON Feed 1.1."""
    lead: str
    """Short plain-text lead."""
    first_reported: datetime
    """Earliest coverage."""
    last_updated: datetime
    """Latest coverage."""
    date_span: str
    """"12 July 2025" or "12–14 July 2025" as readers see it."""
    articles: tuple[ArticleView, ...]
    """Coverage, oldest first."""
    sources: tuple[str, ...]
    """Outlets, in order of first report."""
    languages: tuple[str, ...]
    """Language names of the coverage."""


@dataclass(frozen=True)
class Pagination:
    """Where a page of a long list stands among its siblings (see ``paginate``)."""

    number: int | None
    """None on the list's front page (its newest entries), else the page's number counted from the oldest
    entries: page 1 holds the oldest."""
    previous_url: str | None
    """Newer entries, if any."""
    next_url: str | None
    """Older entries, if any."""


class Urls:
    """Turns output paths into site URLs under the base path, and into absolute URLs for feeds."""

    def __init__(self, base_url: str, base_path: str):
        self.base_url = base_url
        self.base_path = base_path

    def page(self, path: str) -> str:
        """'stories/x/index.html' -> '/digest/stories/x/' (pretty URLs drop index.html)."""
        if path == "index.html" or path.endswith("/index.html"):
            path = path[: -len("index.html")]
        return self.base_path + path

    def absolute(self, path: str) -> str:
        """'feed.xml' -> 'https://example.org/digest/feed.xml'."""
        return self.base_url + self.page(path)[len(self.base_path):]

    def resource(self, address: str, page: str) -> str | None:
        """An address a curator wrote in the front matter of the article at ``page`` (an output path),
        absolute: a web address as it is, a relative path from the article's page; None for another
        scheme (front matter allows none, this says so again)."""
        scheme = urlsplit(address).scheme.lower()
        if scheme in ("http", "https"):
            return address
        return None if scheme else urljoin(self.absolute(page), address)

    def absolute_from_site_url(self, site_url: str) -> str:
        """'/digest/stories/x/' -> 'https://example.org/digest/stories/x/' (the `absolute` filter)."""
        return self.base_url + site_url[len(self.base_path):]


STORY_SHOWN = ("id", "slug", "title", "lang", "lead", "article_ids", "sources", "languages")
"""What of a story its view is made of: ``SiteViews`` reads a story only through these (``shown_story``), and
every page that shows a story is keyed on them (``article_ids`` by its articles' keys), so that a field a
view comes to show is keyed by being added here."""
StoryShown = namedtuple("StoryShown", STORY_SHOWN)
story_fields = attrgetter(*STORY_SHOWN)


def shown_story(story: Story) -> StoryShown:
    return StoryShown._make(story_fields(story))


STORY_HEADING = ("slug", "title", "lang", "lead")
"""What an edition shows of each story (its URL, title, language and lead): editions are keyed on these,
and on their own articles, not on the story's others."""
story_heading = attrgetter(*STORY_HEADING)


def article_made_of(article: Article, story_id: str) -> tuple:
    """What an article's view is made of, as page keys name it: its fingerprint, the hash of everything its
    file and its cleaning made of it, and what the site sets beside that: its slug (two equal derived slugs
    are told apart) and its story."""
    return article.fingerprint, article.slug, story_id


def article_path(article: Article) -> str:
    return f"articles/{article.slug}/index.html"


def story_path(story: Story) -> str:
    return f"stories/{story.slug}/index.html"


@lru_cache(maxsize=1 << 16)
def tag_dir(tag: str) -> str:
    return f"tags/{slugify(tag, fallback=tag)}/"


@lru_cache(maxsize=1 << 16)
def source_dir(source: str) -> str:
    return f"sources/{slugify(source, fallback=source)}/"


def lang_dir(code: str) -> str:
    return f"lang/{slugify(code, fallback=code)}/"


def paged_path(directory: str, number: int | None) -> str:
    """A list's front page lives at the list's folder, numbered page n at <folder>/page/n/."""
    return f"{directory}index.html" if number is None else f"{directory}page/{number}/index.html"


def paginate(items: Sequence, size: int, directory: str, urls: Urls) -> list[tuple[Sequence, Pagination, str]]:
    """(slice, pagination, output path) for every page of a list ordered newest first; an empty list still
    has its front page.

    Numbered pages are full pages of ``size`` entries counted from the oldest, and the front page shows
    the rest: the newest ``size`` to ``2 * size - 1`` entries. An entry added at the top changes the front
    page only (once every ``size`` entries it also adds a page and relinks the one before), where pages
    numbered from the newest would all shift: a day's new stories on a big archive rewrite a few pages, not
    hundreds, and a link to page 12 shows the same entries next year. An entry added, removed or moved
    further down still shifts the pages newer than it."""
    numbered = max(0, len(items) // size - 1)
    front = len(items) - numbered * size

    def url(number: int | None) -> str:
        return urls.page(paged_path(directory, number))

    pages = [(items[:front], Pagination(None, None, url(numbered) if numbered else None), paged_path(directory, None))]
    for number in range(numbered, 0, -1):
        start = len(items) - number * size
        newer = url(number + 1 if number < numbered else None)
        older = url(number - 1) if number > 1 else None
        pages.append((items[start:start + size], Pagination(number, newer, older), paged_path(directory, number)))
    return pages


@lru_cache(maxsize=None)
def language_name(code: str, in_language: str) -> str:
    """'id' -> 'Indonesian' (in the site's language when the data knows it)."""
    import langcodes  # here, not at the top: loading its data would slow a build with nothing to do
    try:
        return langcodes.Language.get(code).display_name(in_language)
    except (LookupError, ValueError):
        return code


def format_date(moment: datetime, date_only: bool) -> str:
    day = f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
    return day if date_only else f"{day}, {moment:%H:%M}"


def format_span(first: datetime, last: datetime) -> str:
    if first.date() == last.date():
        return format_date(first, True)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {MONTHS[last.month - 1]} {last.year}"
    return f"{format_date(first, True)} – {format_date(last, True)}"


class Lazy(dict):
    """A mapping whose values are made when first asked for: a build that renders few pages again
    makes few views."""

    def __init__(self, make: Callable[[str], Any]):
        super().__init__()
        self.make = make

    def __missing__(self, key: str) -> Any:
        value = self[key] = self.make(key)
        return value


RECENT_BODIES = 64
"""Bodies a build's views keep after making them (see ``SiteViews.body``)."""


class SiteViews:
    """Views of every article and story of a site, built once per build."""

    def __init__(self, site: Site, render_embed: Callable[[Embed], str] = lambda embed: "",
                 last: tuple[dict, dict] | None = None, fixed_key: Hashable = ()):
        config = site.config
        self.render_embed = render_embed
        self.site = site
        self.urls = Urls(config.base_url, config.base_path)
        self.zone = ZoneInfo(config.timezone)
        self.story_of = site.story_of
        self.by_id = {a.id: a for a in site.articles}
        self.stories_by_id = {s.id: s for s in site.stories}
        self.last, self.fixed_key = last, fixed_key
        """Under `serve`, the last render's views (``RenderState.article_views``, ``.story_views``): one is
        taken again for the very same article or story object, in the same story and with the same key."""
        self.kept: tuple[dict, dict] = ({}, {})
        """The views made or taken by this render, for the next (under `serve`)."""
        self.articles = Lazy(self._article_view_of if last is None else self._kept_article_view)
        """Article id -> its view, made when a page that shows it is rendered."""
        self.stories = Lazy(self._story_view_of if last is None else self._kept_story_view)
        """Story id -> its view, made when a page that shows it is rendered."""
        self.recent: dict[str, Markup] | None = {} if last is None else None
        """Article id -> its body, for the last ``RECENT_BODIES`` made; none under `serve`, where views
        outlive their build (each build's would keep its own bodies)."""

    def _article_view_of(self, article_id: str) -> ArticleView:
        return self._article_view(self.by_id[article_id], self.story_of[article_id])

    def _story_view_of(self, story_id: str) -> StoryView:
        return self._story_view(shown_story(self.stories_by_id[story_id]))

    def _kept_article_view(self, article_id: str) -> ArticleView:
        article, shown = self.by_id[article_id], (self.story_of[article_id], self.fixed_key)
        entry = self.last[0].get(article_id)
        if entry is None or entry[0] is not article or entry[1] != shown:
            entry = (article, shown, self._article_view(article, shown[0]))
        self.kept[0][article_id] = entry
        return entry[2]

    def _kept_story_view(self, story_id: str) -> StoryView:
        """The last render's view of the very same story object, when it holds the very views this render
        has of its articles (an article may be edited while its story stays as it was)."""
        story = self.stories_by_id[story_id]
        entry = self.last[1].get(story_id)
        if entry is None or entry[0] is not story or entry[1] != self.fixed_key or \
                not all(map(is_, entry[2].articles, map(self.articles.__getitem__, story.article_ids))):
            entry = (story, self.fixed_key, self._story_view(shown_story(story)))
        self.kept[1][story_id] = entry
        return entry[2]

    def local(self, article: Article) -> datetime:
        """The article's time in the site's time zone."""
        return article.date if article.date_only else article.date.astimezone(self.zone)

    def _article_view(self, article: Article, story_id: str) -> ArticleView:
        local = self.local(article)
        return ArticleView(
            id=article.id, title=article.title, url=self.urls.page(article_path(article)),
            original_url=article.url, source=Link(article.source, self.urls.page(source_dir(article.source))),
            lang=article.lang, language_name=self.language_name(article.lang),
            language_url=self.urls.page(lang_dir(article.lang)),
            date=local, date_text=format_date(local, article.date_only), authors=article.authors,
            tags=tuple(Link(tag, self.urls.page(tag_dir(tag))) for tag in article.tags),
            summary=article.summary, lead=make_lead(article), image=article.image,
            image_url=self.urls.resource(article.image, article_path(article)) if article.image else None,
            story_id=story_id,
            extra=article.extra,
            make_html=lambda: self.body(article),
        )

    def body(self, article: Article) -> Markup:
        """The article's body with its embed cards. The last few made are kept, not all (see
        ``ArticleView.html``): a story's Atom feed and its JSON Feed, made one after the other, show the same."""
        recent = self.recent
        html = recent.get(article.id) if recent is not None else None
        if html is None:
            html = Markup(fill_embeds(article.cleaned_html, article.embeds, self.render_embed))
            if recent is not None:
                recent[article.id] = html
                if len(recent) > RECENT_BODIES:
                    del recent[next(iter(recent))]
        return html

    def language_name(self, code: str) -> str:
        return self.site.language_names.get(code) or language_name(code, self.site.config.language)

    def _story_view(self, story: StoryShown) -> StoryView:
        articles = tuple(self.articles[i] for i in story.article_ids)
        return StoryView(
            id=story.id, title=story.title, lang=story.lang, url=self.urls.page(story_path(story)),
            feed_url=self.urls.page(story_path(story).replace("index.html", "feed.xml")),
            json_feed_url=self.urls.page(story_path(story).replace("index.html", "feed.json")), lead=story.lead,
            first_reported=articles[0].date, last_updated=articles[-1].date,
            date_span=format_span(articles[0].date, articles[-1].date), articles=articles,
            sources=story.sources,
            languages=tuple(map(self.language_name, story.languages)),
        )
