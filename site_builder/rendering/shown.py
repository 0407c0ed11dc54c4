"""What a page shows, declared once. A render part gives each page its template's context as data; a
``Shown`` value in it stands for views of the site, made (``view``) only when the page is rendered, and
keyed (``key``) by what those views are made of (``views.article_made_of``, ``views.STORY_SHOWN``). A page's
key is its context with each ``Shown`` value replaced by its key: what a page shows and what it is keyed on
cannot disagree, and a daily build keys every page without making the views of the pages it keeps.

``r`` is the renderer of the build at hand (``renderer.Renderer``): under `serve` a page planned by the
last render is keyed and rendered again by this one, so a ``Shown`` value names articles and stories by
id, not by object."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Hashable

from site_builder.rendering.editions import Edition, edition_view


class Shown:
    """Views of the site a page shows; see the module docstring."""

    def view(self, r: Any) -> Any:
        raise NotImplementedError

    def key(self, r: Any) -> Hashable:
        raise NotImplementedError


@dataclass(frozen=True)
class ArticleOf(Shown):
    """An article's view."""

    id: str

    def view(self, r: Any) -> Any:
        return r.views.articles[self.id]

    def key(self, r: Any) -> Hashable:
        return r.article_key(self.id)


@dataclass(frozen=True)
class ArticlesOf(Shown):
    """The views of articles, in this order."""

    ids: tuple[str, ...]

    def view(self, r: Any) -> Any:
        return [r.views.articles[i] for i in self.ids]

    def key(self, r: Any) -> Hashable:
        return tuple(map(r.article_key, self.ids))


@dataclass(frozen=True)
class StoryOf(Shown):
    """A story's view (its articles' views with it)."""

    id: str

    def view(self, r: Any) -> Any:
        return r.views.stories[self.id]

    def key(self, r: Any) -> Hashable:
        return r.story_key(self.id)


@dataclass(frozen=True)
class StoriesOf(Shown):
    """The views of stories, in this order."""

    ids: tuple[str, ...]

    def view(self, r: Any) -> Any:
        return [r.views.stories[i] for i in self.ids]

    def key(self, r: Any) -> Hashable:
        return tuple(map(r.story_key, self.ids))


@dataclass(frozen=True)
class StoryFeedOf(StoryOf):
    """A story's articles as its feeds list them: newest first."""

    def view(self, r: Any) -> Any:
        return list(reversed(r.views.stories[self.id].articles))


@dataclass(frozen=True)
class FeedTitleOf(StoryOf):
    """The title of a story's feeds: the story's, then the site's."""

    def view(self, r: Any) -> Any:
        return f"{r.views.stories[self.id].title} — {r.site.config.title}"


@dataclass(frozen=True)
class EditionOf(Shown):
    """An edition's view, between the editions ``older`` and ``newer`` (ids, or None), keyed on what it
    shows: each story's heading and the edition's own articles (not the story's others: an edit renders
    again only the editions it touches)."""

    edition: Edition
    older: str | None = None
    newer: str | None = None

    def view(self, r: Any) -> Any:
        return edition_view(self.edition, r.views, self.older, self.newer)

    def key(self, r: Any) -> Hashable:
        return self.edition.id, self.older, self.newer, r.edition_key(self.edition)


@dataclass(frozen=True)
class EditionsOf(Shown):
    """The views of editions, in this order."""

    editions: tuple[EditionOf, ...]

    def view(self, r: Any) -> Any:
        return [edition.view(r) for edition in self.editions]

    def key(self, r: Any) -> Hashable:
        return tuple(edition.key(r) for edition in self.editions)


@dataclass(frozen=True)
class SitemapOf(Shown):
    """A sitemap's entries: (output path, date of what it shows) of each page."""

    part: tuple

    def view(self, r: Any) -> Any:
        return [{"url": r.views.urls.absolute(page), "lastmod": date} for page, date in self.part]

    def key(self, r: Any) -> Hashable:
        return self.part


def key_of(context: dict, r: Any) -> tuple:
    """A page's key: its context's values, each ``Shown`` value replaced by its key (the names come with the
    page's template and path, which its key names too)."""
    return tuple(value.key(r) if isinstance(value, Shown) else value for value in context.values())


def view_of(context: dict, r: Any) -> dict:
    """A page's context as its template receives it: each ``Shown`` value replaced by its view."""
    return {name: value.view(r) if isinstance(value, Shown) else value for name, value in context.items()}
