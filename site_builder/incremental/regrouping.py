"""The group stage, sped up: ``grouping.group_stories``'s steps, each taken from the last build where its
inputs are the same. The clusters come from the helper process when it clustered these very items, else
from the last clustering (``rescoring``); under `serve` the evidence, the stories and their slugs are kept
for the groups and articles an edit leaves as they were. The outcome is ``group_stories``'s."""

from __future__ import annotations

from typing import Iterable, Mapping

from site_builder.config import GroupingSettings
from site_builder.incremental.memo import Memo
from site_builder.incremental.rescoring import clusters_of, items_signature
from site_builder.incremental.reuse import Reuse
from site_builder.model import Article, Story
from site_builder.stories.clustering import Clusters
from site_builder.stories.grouping import (Grouping, StoryState, dates_of, first_articles, grouping_of, items_of,
                                           kept_slugs, make_story, shared_features)
from site_builder.stories.items import Item


def group_reusing(articles: Iterable[Article], site_language: str, settings: GroupingSettings,
                  previous: StoryState, items: Mapping[str, Item] | None, reuse: Reuse) -> Grouping:
    """``group_stories``, with what ``reuse`` holds: ``memo`` keeps the clustering state between the builds of
    one `serve` session, ``store`` (the cache folder) between builds; ``helper`` may have clustered the
    items already (see ``rescoring.cluster_in_helper``)."""
    by_id = {article.id: article for article in articles}
    clusters, memo = clustered(items_of(by_id, items, settings), settings, reuse), reuse.memo
    stories = kept_stories(clusters, by_id, site_language, kept_evidence(clusters, memo), memo)
    slugs, redirects = kept_story_slugs(stories, previous, by_id, memo)
    return grouping_of(stories, slugs, redirects, clusters)


def clustered(items: list[Item], settings: GroupingSettings, reuse: Reuse) -> Clusters:
    """The helper's clusters when it clustered these very items, else ``clusters_of`` them."""
    helper = reuse.helper
    done = helper.take("clusters") if helper else None
    if done and done[0] is not None and done[0] == items_signature(items):
        return done[1]
    if helper:  # its scores are not of these items: stopped before it writes them where this build will
        helper.close()
    return clusters_of(items, settings, reuse.memo, reuse.store)


def kept_story_slugs(stories: list[Story], previous: StoryState, by_id: Mapping[str, Article], memo: Memo | None
                     ) -> tuple[dict[str, str], dict[str, str]]:
    """``grouping.kept_slugs``; under `serve`, kept while no story, article date or past state changes."""
    if memo is None:
        return kept_slugs(stories, previous, dates_of(by_id))
    return memo.while_same("kept slugs", lambda: (tuple((s.id, s.slug, s.explicit, s.article_ids) for s in stories),
                                                  previous, tuple((i, a.date) for i, a in by_id.items())),
                           lambda: kept_slugs(stories, previous, dates_of(by_id)))


def kept_evidence(clusters: Clusters, memo: Memo | None) -> dict[str, tuple[str, ...]]:
    """``grouping.evidence_of`` the clusters; under `serve`, after a clustering that kept every group as it
    was (see ``clustering.cluster``), that of the groups whose links all stayed the very same is kept."""
    last = memo.recall("evidence") if memo is not None else None
    if last is not None and last[0] is clusters:
        return last[2]
    if last is not None and last[0].groups is clusters.groups and len(last[0].links) == len(clusters.links):
        first_of, evidence = last[1], dict(last[2])
        again = {first_of[new.second] for new, old in zip(clusters.links, last[0].links) if new is not old}
        evidence.update(shared_features([pair for pair in clusters.links if first_of[pair.second] in again],
                                        first_of))
    else:
        first_of = first_articles(clusters)
        evidence = shared_features(clusters.links, first_of)
    if memo is not None:
        memo.keep("evidence", (clusters, first_of, evidence))
    return evidence


def kept_stories(clusters: Clusters, by_id: dict[str, Article], site_language: str,
                 evidence: dict[str, tuple[str, ...]], memo: Memo | None) -> list[Story]:
    """``grouping.made_stories``; under `serve`, a group made last time of the very same article objects,
    with the same key and evidence, keeps its story."""
    last = memo.recall(("stories made", site_language)) if memo is not None else None
    made, stories = {}, []
    for ids, key in zip(clusters.groups, clusters.keys):
        articles, shown = [by_id[i] for i in ids], evidence.get(ids[0], ())
        before = last.get(ids) if last else None
        if before is not None and before[0] == key and before[1] == shown and \
                all(article is earlier for article, earlier in zip(articles, before[2])):
            story = before[3]
        else:
            story = make_story(key, articles, site_language, shown)
        made[ids] = (key, shown, articles, story)
        stories.append(story)
    if memo is not None:
        memo.keep(("stories made", site_language), made)
    return stories
