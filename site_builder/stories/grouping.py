"""The group stage: the only place stories are made.

An explicit `story:` key always wins; `story: false` keeps an article alone; every other article is
grouped automatically (``clustering``) with the other reports of its event. Stories keep their URL
from one build to the next: an automatic story keeps the slug it had (the slug of its first article
when it was formed), and a story swallowed by another leaves a redirect behind.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Iterable, Mapping, Sequence

from site_builder.stories.clustering import Clusters, Pair, cluster
from site_builder.stories.items import Item, with_features
from site_builder.config import GroupingSettings
from site_builder.stories.features import MEANING, SOUND, article_features
from site_builder.stories.meaning import meaning_of
from site_builder.model import Article, Story
from site_builder.content.slugs import slugify

LEAD_LENGTH = 280
HREF = re.compile(r'href="(https?://[^"]+)"')


@dataclass(frozen=True)
class StoryState:
    """What a build remembers of its stories, so the next one keeps their URLs."""

    stories: Mapping[str, tuple[str, ...]]
    """Story slug -> its article ids."""
    redirects: Mapping[str, str]
    """Old story slug -> the slug of the story it was merged into."""

    @classmethod
    def of(cls, stories: Sequence[Story], redirects: Mapping[str, str]) -> StoryState:
        """What a build of these stories leaves for the next one."""
        return cls({story.slug: story.article_ids for story in stories}, dict(redirects))

    @classmethod
    def from_manifest(cls, manifest: dict) -> StoryState:
        """What the last build published, as its manifest says (nothing when there was no build, or the
        manifest is not one a build wrote)."""
        stories, redirects = manifest.get("stories", {}), manifest.get("redirects", {})
        if not isinstance(stories, dict) or not isinstance(redirects, dict):
            return cls({}, {})
        return cls({str(k): tuple(map(str, v)) for k, v in stories.items() if isinstance(v, list)},
                   {str(k): str(v) for k, v in redirects.items()})

    def manifest_fields(self) -> dict:
        """The manifest's part that ``from_manifest`` reads back."""
        return {"stories": {slug: list(ids) for slug, ids in self.stories.items()}, "redirects": dict(self.redirects)}


@dataclass(frozen=True)
class Grouping:
    """Stories, with what it takes to explain them and to keep their URLs."""

    stories: tuple[Story, ...]
    """Stories, most recently updated first."""
    redirects: Mapping[str, str]
    """Old story slugs that now point at another story."""
    near_misses: tuple[Pair, ...]
    """Article pairs just under the threshold, for `stories --suggest`."""
    links: tuple[Pair, ...] = ()
    """For each article that joined an automatic story, the pair that brought it in (score and shared
    features), for `stories` to explain."""


def item_for(article: Article, version: str = "", meaning: bool = False) -> Item:
    """The article as clustering sees it; ``version`` names what it was made from (see ``Item.version``);
    ``meaning``: with the optional encoder's vector (see ``site_builder.stories.meaning``)."""
    links = tuple(HREF.findall(article.cleaned_html)) + tuple(e.url for e in article.embeds if e.url)
    fixed = article.story if article.story else (None if article.groupable else "")
    vector = meaning_of(article.title, article.text) if meaning and fixed != "" else b""
    item = Item(article.id, article.date.timestamp(), b"", fixed, article.lang.split("-")[0].lower(), version, vector)
    return with_features(item, article_features(article.title, article.text, links))


def group_stories(articles: Iterable[Article], site_language: str, settings: GroupingSettings = GroupingSettings(),
                  previous: StoryState = StoryState({}, {}), items: Mapping[str, Item] | None = None) -> Grouping:
    """Stories of the articles, most recently updated first; ties broken by id so builds repeat exactly.
    ``items`` are the articles' features when already made. (``incremental.regrouping`` gives the same
    from the last build's clustering and stories.)"""
    by_id = {article.id: article for article in articles}
    clusters = cluster(items_of(by_id, items, settings), settings)
    stories = made_stories(clusters, by_id, site_language, evidence_of(clusters))
    slugs, redirects = kept_slugs(stories, previous, dates_of(by_id))
    return grouping_of(stories, slugs, redirects, clusters)


def items_of(by_id: Mapping[str, Article], items: Mapping[str, Item] | None, settings: GroupingSettings
             ) -> list[Item]:
    """The articles as clustering sees them, in their order: as already made, or made here."""
    return [items[i] if items and i in items else item_for(a, meaning=settings.meaning) for i, a in by_id.items()]


def dates_of(by_id: Mapping[str, Article]) -> dict[str, float]:
    """Article id -> its time, as ``keep_slugs`` reads it."""
    return {i: a.date.timestamp() for i, a in by_id.items()}


def grouping_of(stories: list[Story], slugs: Mapping[str, str], redirects: Mapping[str, str], clusters: Clusters
                ) -> Grouping:
    """The stories under the slugs they keep (``kept_slugs``), most recently updated first."""
    stories = [replace(s, slug=slugs[s.id]) if slugs[s.id] != s.slug else s for s in stories]
    ordered = tuple(sorted(stories, key=lambda s: (-s.last_updated.timestamp(), s.id)))
    return Grouping(ordered, redirects, clusters.near_misses, clusters.links)


def evidence_of(clusters: Clusters) -> dict[str, tuple[str, ...]]:
    """First article id of each automatic group -> the features its links shared most often."""
    return shared_features(clusters.links, first_articles(clusters))


def first_articles(clusters: Clusters) -> dict[str, str]:
    """Article id -> the first article id of its group."""
    return {i: ids[0] for ids in clusters.groups for i in ids}


def shared_features(links: Iterable[Pair], first_of: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """``evidence_of`` the groups of these ``links``. ``first_of``: article id -> the first article id of
    its group."""
    shared: dict[str, Counter] = {}
    for pair in links:
        shared.setdefault(first_of[pair.second], Counter()).update(pair.shared)
    return {first: tuple(f for f, _ in counts.most_common(8) if not f.startswith((SOUND, MEANING)))[:6]
            for first, counts in shared.items()}


def made_stories(clusters: Clusters, by_id: Mapping[str, Article], site_language: str,
                 evidence: Mapping[str, tuple[str, ...]]) -> list[Story]:
    """``make_story`` of each group."""
    return [make_story(key, [by_id[i] for i in ids], site_language, evidence.get(ids[0], ()))
            for ids, key in zip(clusters.groups, clusters.keys)]


def make_story(key: str | None, articles: list[Article], site_language: str,
               evidence: tuple[str, ...] = ()) -> Story:
    ordered = sorted(articles, key=lambda a: (a.date.timestamp(), a.id))
    headline = choose_headline_article(ordered, site_language)
    return Story(
        id=key or ordered[0].id,
        slug=slugify(key, fallback=key) if key else ordered[0].slug,
        title=headline.title,
        lang=headline.lang,
        lead=make_lead(headline),
        article_ids=tuple(a.id for a in ordered),
        first_reported=ordered[0].date,
        last_updated=ordered[-1].date,
        sources=tuple(dict.fromkeys(a.source for a in ordered)),
        languages=tuple(dict.fromkeys(a.lang for a in ordered)),
        explicit=bool(key),
        evidence=evidence,
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
    return shorten(article.summary) if article.summary else shorten(lead_text(article).replace("\n", " "))


def lead_text(article: Article) -> str:
    """The part of the text a lead is made from: its first paragraph long enough to say something, else
    all of it. (Once an article's features are made, this is all of its text later stages need.)"""
    return next((line for line in article.text.splitlines() if len(line) > 60 and line != article.title),
                article.text)


def shorten(text: str, limit: int = LEAD_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def kept_slugs(stories: list[Story], previous: StoryState,
               dates: Mapping[str, float]) -> tuple[dict[str, str], dict[str, str]]:
    """``keep_slugs``'s decisions: story id -> slug, and the redirects (what `serve` keeps while no story,
    article date or past state changes)."""
    kept, redirects = keep_slugs(stories, previous, dates)
    return {s.id: s.slug for s in kept}, redirects


def keep_slugs(stories: list[Story], previous: StoryState,
               dates: Mapping[str, float]) -> tuple[list[Story], dict[str, str]]:
    """Automatic stories keep the slug they had: the story keeping most of a slug's articles wins it
    (on a tie, the slug whose story was reported first); slugs that disappear redirect to the story
    that now holds their articles. ``dates`` gives each article's time."""
    owner = {article_id: slug for slug, ids in previous.stories.items() for article_id in ids}
    first_seen = {slug: min((dates[i] for i in ids if i in dates), default=math.inf)
                  for slug, ids in previous.stories.items()}
    taken = {story.slug for story in stories if story.explicit}
    claims = sorted((-count, first_seen[slug], slug, story.id) for story in stories if not story.explicit
                    for slug, count in Counter(owner[i] for i in story.article_ids if i in owner).items())
    kept_slug: dict[str, str] = {}
    for _, _, slug, story_id in claims:
        if story_id not in kept_slug and slug not in taken:
            kept_slug[story_id] = slug
            taken.add(slug)
    renamed = [replace(s, slug=kept_slug[s.id]) if kept_slug.get(s.id, s.slug) != s.slug else s for s in stories]
    ordered = _unique_slugs(sorted(renamed, key=lambda s: (not s.explicit, s.id not in kept_slug, s.id)))
    return ordered, _redirects(ordered, previous)


def _redirects(stories: list[Story], previous: StoryState) -> dict[str, str]:
    current = {story.slug for story in stories}
    story_of = {i: story.slug for story in stories for i in story.article_ids}
    moved = {}
    for slug, ids in previous.stories.items():
        targets = Counter(story_of[i] for i in ids if i in story_of)
        if slug not in current and targets:
            moved[slug] = min(targets, key=lambda s: (-targets[s], s))
    for old, target in previous.redirects.items():
        target = moved.get(target, target)
        if old not in current and target in current:
            moved.setdefault(old, target)
    return dict(sorted(moved.items()))


def _unique_slugs(stories: list[Story]) -> list[Story]:
    """Two stories never share a URL: later ones (explicit first, then by id) get '-2', '-3'."""
    taken: set[str] = set()
    result = []
    for story in stories:
        slug, number = story.slug, 2
        while slug in taken:
            slug, number = f"{story.slug}-{number}", number + 1
        taken.add(slug)
        result.append(replace(story, slug=slug) if slug != story.slug else story)
    return result
