"""Clustering that reuses the scoring of the previous build (as `serve` does after each save) must
give exactly what clustering from scratch gives, whatever the edit does to the shared weights."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace

import pytest

from test_grouping_corpus import OWN, load_labelled

from site_builder.clustering import cluster
from site_builder.config import GroupingSettings
from site_builder.grouping import item_for


@pytest.fixture(scope="module")
def corpus_items():
    articles, _ = load_labelled(OWN)
    return [item_for(article) for article in articles]


def borrow_names(items, target, rng):
    """The target takes some anchors of another article: weights of those names move, and maybe the story."""
    donor = rng.choice(items).features
    names = [f for f in donor if f[:2] != "w:"] or list(donor)
    taken = Counter({f: donor[f] for f in rng.sample(names, min(len(names), rng.randint(1, 6)))})
    return dict(Counter(items[target].features) + taken)


def drop_features(items, target, rng):
    features = items[target].features
    kept = rng.sample(list(features), max(1, len(features) // 2))
    return {f: features[f] for f in kept}


def recount(items, target, rng):
    return {f: count + rng.randint(0, 2) for f, count in items[target].features.items()}


def become_another(items, target, rng):
    return dict(rng.choice(items).features)


EDITS = [borrow_names, drop_features, recount, become_another]


@pytest.mark.parametrize("settings", [GroupingSettings(), GroupingSettings(threshold=0.08, min_shared=1)],
                         ids=["defaults", "loose"])
def test_reused_scoring_gives_the_same_clusters_as_a_fresh_one(corpus_items, settings):
    rng = random.Random(7)
    items = list(corpus_items)
    previous = cluster(items, settings)
    changed_groups = 0
    for step in range(60):
        edit = EDITS[step % len(EDITS)]
        for target in rng.sample(range(len(items)), rng.choice([1, 1, 1, 3])):
            items[target] = replace(items[target], features=edit(items, target, rng))
        reused = cluster(items, settings, previous)
        fresh = cluster(items, settings)
        assert reused == fresh, f"step {step} ({edit.__name__}) differs from a fresh clustering"
        changed_groups += reused.groups != previous.groups
        previous = reused
    assert changed_groups >= 10, "the edits should move articles between stories to test anything"


def test_scoring_is_not_reused_across_added_articles_or_other_settings(corpus_items):
    settings = GroupingSettings()
    first = cluster(corpus_items[:-1], settings)
    assert cluster([replace(item) for item in corpus_items[:-1]], settings, first) is first, \
        "equal articles: the earlier outcome as it is"
    assert cluster(corpus_items, settings, first) == cluster(corpus_items, settings)
    assert cluster(corpus_items[:-1], replace(settings, threshold=0.3), first) == \
        cluster(corpus_items[:-1], replace(settings, threshold=0.3))
