"""Editions: the stories that gained coverage in one day or one ISO week, as a digest's reader (or a
newsletter) takes them in.

A story appears in every edition in which one of its articles was published, with the articles of that
edition only. ``editions_of`` is pure; the views here turn an edition into what its page, its email and
the feed of editions show.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Callable

from site_builder.model import Article, Site
from site_builder.rendering.views import ArticleView, SiteViews, StoryView, format_date, format_span


@dataclass(frozen=True)
class Edition:
    """One day or ISO week of the digest."""

    id: str
    """'2025-07-12' for a day, '2025-W28' for an ISO week: the URL segment, sortable as text."""
    title: str
    """'12 July 2025', or '7–13 July 2025' for a week, as readers see it."""
    entries: tuple[tuple[str, tuple[str, ...]], ...]
    """(story id, the ids of its articles published in this edition, oldest first), the story with the
    newest of them first."""
    published: datetime
    """The newest article's time, in the site's time zone."""


def edition_id(moment: datetime, mode: str) -> str:
    """The edition a moment of the site's time zone falls in: '2025-07-12', or '2025-W28' (ISO week)."""
    if mode == "week":
        year, week, _ = moment.isocalendar()
        return f"{year}-W{week:02d}"
    return moment.date().isoformat()


def edition_title(identifier: str) -> str:
    """'2025-07-12' -> '12 July 2025'; '2025-W28' -> '7–13 July 2025' (Monday to Sunday)."""
    if "-W" in identifier:
        year, week = identifier.split("-W")
        monday = date.fromisocalendar(int(year), int(week), 1)
        sunday = date.fromisocalendar(int(year), int(week), 7)
        return format_span(datetime.combine(monday, time()), datetime.combine(sunday, time()))
    return format_date(datetime.combine(date.fromisoformat(identifier), time()), True)


def editions_of(site: Site, local: Callable[[Article], datetime], mode: str) -> list[Edition]:
    """Every edition of the site, newest first; none when ``mode`` is 'off'."""
    if mode == "off":
        return []
    story_of = site.story_of
    grouped: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    newest: dict[str, datetime] = {}
    for article in site.articles:  # newest first: each edition's stories come newest first, its newest first
        moment = local(article)
        identifier = edition_id(moment, mode)
        grouped[identifier][story_of[article.id]].append(article.id)
        newest.setdefault(identifier, moment)
    return [Edition(identifier, edition_title(identifier),
                    tuple((story, tuple(reversed(ids))) for story, ids in grouped[identifier].items()),
                    newest[identifier])
            for identifier in sorted(grouped, reverse=True)]


def edition_dir(identifier: str) -> str:
    return f"editions/{identifier}/"


@dataclass(frozen=True)
class EditionEntry:
    """A story as an edition shows it: its headline and the articles that brought it into the edition."""

    story: StoryView
    """The story (its title, lead and page)."""
    articles: tuple[ArticleView, ...]
    """Its articles published in this edition, oldest first."""


@dataclass(frozen=True)
class EditionLink:
    """Another edition, linked from this one."""

    title: str
    """As readers see it ('12 July 2025')."""
    url: str
    """Its page on this site."""


@dataclass(frozen=True)
class EditionView:
    """An edition as a template shows it."""

    id: str
    """'2025-07-12' or '2025-W28'."""
    title: str
    """'12 July 2025' or '7–13 July 2025'."""
    weekly: bool
    """True when editions are made per ISO week."""
    url: str
    """Its page on this site."""
    email_url: str
    """Its email-ready HTML file."""
    text_url: str
    """The plain-text twin of the email."""
    published: datetime
    """Its newest article's time."""
    entries: tuple[EditionEntry, ...]
    """Its stories, the one with the newest coverage first."""
    article_count: int
    """How many articles it brings."""
    previous: EditionLink | None
    """The edition before it, if any."""
    next: EditionLink | None
    """The edition after it, if any."""


def edition_view(edition: Edition, views: SiteViews, older: str | None, newer: str | None) -> EditionView:
    """The view of ``edition``, between the editions ``older`` and ``newer`` (ids, or None)."""
    urls = views.urls
    folder = edition_dir(edition.id)

    def link(identifier: str | None) -> EditionLink | None:
        return EditionLink(edition_title(identifier), urls.page(edition_dir(identifier) + "index.html")) \
            if identifier else None

    entries = tuple(EditionEntry(views.stories[story], tuple(views.articles[i] for i in ids))
                    for story, ids in edition.entries)
    return EditionView(edition.id, edition.title, "-W" in edition.id, urls.page(folder + "index.html"),
                       urls.page(folder + "email.html"), urls.page(folder + "email.txt"), edition.published,
                       entries, sum(len(ids) for _, ids in edition.entries), link(older), link(newer))
