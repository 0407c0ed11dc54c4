"""The group stage: the only place stories are made.

Articles sharing an explicit `story:` key form one story; every other article is a story of its own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Iterable

from site_builder.model import Article, Story
from site_builder.slugs import slugify

LEAD_LENGTH = 280


def group_stories(articles: Iterable[Article], site_language: str) -> tuple[Story, ...]:
    """Stories, most recently updated first; ties broken by id so every build orders them alike."""
    members: dict[str, list[Article]] = defaultdict(list)
    explicit: set[str] = set()
    for article in articles:
        if article.story:
            members[article.story].append(article)
            explicit.add(article.story)
        else:
            members[f"article:{article.id}"].append(article)
    stories = [make_story(key, group, key in explicit, site_language) for key, group in members.items()]
    stories = _unique_slugs(stories)
    return tuple(sorted(stories, key=lambda s: (-s.last_updated.timestamp(), s.id)))


def make_story(key: str, articles: list[Article], explicit: bool, site_language: str) -> Story:
    ordered = sorted(articles, key=lambda a: (a.date.timestamp(), a.id))
    headline = choose_headline_article(ordered, site_language)
    return Story(
        id=key if explicit else ordered[0].id,
        slug=slugify(key, fallback=key) if explicit else ordered[0].slug,
        title=headline.title,
        lang=headline.lang,
        lead=make_lead(headline),
        article_ids=tuple(a.id for a in ordered),
        first_reported=ordered[0].date,
        last_updated=ordered[-1].date,
        sources=tuple(dict.fromkeys(a.source for a in ordered)),
        languages=tuple(dict.fromkeys(a.lang for a in ordered)),
        explicit=explicit,
    )


def choose_headline_article(ordered: list[Article], site_language: str) -> Article:
    """The earliest article in the site's language (matching the primary subtag), else the earliest."""
    primary = site_language.split("-")[0].lower()
    for article in ordered:
        if article.lang.split("-")[0].lower() == primary:
            return article
    return ordered[0]


def make_lead(article: Article) -> str:
    """The curator's summary, else the first paragraph of text long enough to say something."""
    if article.summary:
        return shorten(article.summary)
    paragraphs = [line for line in article.text.splitlines() if len(line) > 60 and line != article.title]
    return shorten(paragraphs[0] if paragraphs else article.text.replace("\n", " "))


def shorten(text: str, limit: int = LEAD_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _unique_slugs(stories: list[Story]) -> list[Story]:
    """Two stories never share a URL: later ones (by id) get '-2', '-3'."""
    taken: set[str] = set()
    result = []
    for story in sorted(stories, key=lambda s: (not s.explicit, s.id)):
        slug, number = story.slug, 2
        while slug in taken:
            slug, number = f"{story.slug}-{number}", number + 1
        taken.add(slug)
        result.append(replace(story, slug=slug))
    return result
