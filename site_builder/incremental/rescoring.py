"""Clustering again from an earlier clustering: only the vectors and similarities that the articles that
came, went or changed can have moved are computed again, and the outcome is ``clustering.cluster``'s.
The earlier clustering is `serve`'s last one (``Clusters.scoring``), or the scores a build kept in the
cache folder (``KeptScores``)."""

from __future__ import annotations

import copy
from collections import Counter, defaultdict
from dataclasses import replace
from itertools import chain
from typing import Iterator, Sequence

from site_builder.config import GroupingSettings
from site_builder.incremental.cache import Store
from site_builder.digest import sha256
from site_builder.incremental.memo import Memo
from site_builder.stories.clustering import Clusters, Pair, Scoring, best_group, near_miss_pairs, placed
from site_builder.stories.features import ANCHOR_KINDS
from site_builder.stories.index import Index, KeptScores, meanings_of
from site_builder.stories.items import Item


def clusters_of(items: list[Item], settings: GroupingSettings, memo: Memo | None, store: Store | None
                ) -> Clusters:
    """``cluster``, from the last clustering at hand: under `serve`, the last build's; else the scores the last
    build kept in the cache folder (see ``cluster``)."""
    previous = memo.recall("clusters") if memo is not None else None
    kept = kept_scores(store) if store is not None and previous is None else None
    clusters = recluster(items, settings, previous, kept)
    if memo is not None:
        memo.keep("clusters", clusters)
    if store is not None and clusters.scoring is not None:
        store.keep_whole("grouping", clusters.scoring.kept())
    return clusters


def kept_scores(store: Store) -> KeptScores | None:
    """The grouping's scores the last build kept in the cache folder, if any."""
    kept = store.find_whole("grouping")
    return kept if isinstance(kept, KeptScores) else None


def cluster_in_helper(items: list[Item], settings: GroupingSettings, store: Store
                  ) -> Iterator[tuple[str | None, Clusters]]:
    """``clusters_of`` in the helper of a build (see ``helper.start_build_helper``): gives the
    signature of the items and their clusters, without the scores, which nothing after needs; then
    keeps those in the cache folder itself (unless the build, taking other clusters, stops it first:
    see ``regrouping.clustered``). The build takes the clusters when its items have that signature."""
    clusters = recluster(items, settings, None, kept_scores(store))
    yield items_signature(items), replace(clusters, scoring=None)
    if clusters.scoring is not None:
        store.keep_whole("grouping", clusters.scoring.kept())
        store.save_whole()


def items_signature(items: list[Item]) -> str | None:
    """What names the items, in order, and so their clustering (None when one has no version to tell)."""
    if not all(item.version for item in items):
        return None
    return sha256("\0".join(f"{item.id}\0{item.version}" for item in items).encode("utf-8", "surrogateescape"))


def recluster(items: Sequence[Item], settings: GroupingSettings, previous: Clusters | None = None,
              kept: KeptScores | None = None) -> Clusters:
    """``clustering.cluster`` of the items. With ``previous``, an earlier clustering of nearly the same
    articles (`serve`'s last one), or ``kept``, what a build kept of its clustering, only the similarities the changes can have moved are computed
    again, and nothing when no article changed; the outcome is the same as without."""
    scoring = previous.scoring if previous else None
    edited = edited_positions(items, settings, scoring)
    if edited == set():
        return previous
    index, scored, shared = None, {}, {}
    if settings.auto:
        index, scored, shared = _reusable_scores(items, settings, scoring, edited, kept)
    if edited is not None and scoring is not None and scoring.group_of:
        same = _same_groups(items, settings, previous, index, scored, shared)
        if same is not None:
            return same
    return placed(items, settings, index, scored, shared)


def _same_groups(items: Sequence[Item], settings: GroupingSettings, previous: Clusters, index: Index,
                 scored: dict[int, dict[int, float]], shared: dict) -> Clusters | None:
    """``previous`` with its links' scores brought up to date, when the edit that made ``scored`` (the
    similarities that still hold) leaves every choice as it was; None when one changes. Articles are
    placed in time order, each joining the group of its best partner among those placed before it, so
    the choices of the articles whose similarities still hold stand as long as those of the others do:
    only these are made again (a save under `serve` moves the scores of a few dozen articles, not the
    groups of 4,000)."""
    if any(item.meaning for item in items):  # whether a story agrees with a report depends on all its members
        return None
    last = previous.scoring
    group_of, partners, rank, keys = last.group_of, last.partners, index.rank, previous.keys
    again = sorted(last.scored.keys() - scored.keys(), key=rank.__getitem__)
    for position in again:
        similar = scored[position] = index.neighbours(position, settings)
        placed = {other: score for other, score in similar.items()
                  if rank[other] < rank[position] or items[other].fixed}
        choice = best_group(placed, group_of, keys, settings)
        if (choice and choice[1]) != partners.get(position):
            return None
    again_set = set(again)
    links, used = [], {}
    for (position, partner), link in zip(partners.items(), previous.links):
        pair = (partner, position)
        if position in again_set:
            used[pair] = shared[pair] if pair in shared else index.shared(partner, position)
            link = Pair(link.first, link.second, scored[position][partner], used[pair])
        else:
            used[pair] = link.shared
        links.append(link)
    return replace(previous, links=tuple(links), near_misses=near_miss_pairs(items, scored, group_of, index, settings),
                   scoring=Scoring(settings, index, scored, used, group_of, partners))


def _reusable_scores(items: Sequence[Item], settings: GroupingSettings, previous: Scoring | None,
                     edited: set[int] | None, kept: KeptScores | None) -> tuple[Index, dict, dict]:
    """The index of ``items`` and the similarities and link features of ``previous`` (or else ``kept``) that
    still hold. Only the features of ``edited`` changed: the vectors of the features whose weights moved are
    computed again; articles came, went or moved (``edited`` None): the periods around them are."""
    window = settings.window_days * 86400
    if previous is not None and edited is not None:
        index, changed = revised(previous.index, items, edited)
        stale = index.around(changed) | previous.index.around(changed)
        scored = {p: s for p, s in previous.scored.items() if p not in stale}
        shared = {pair: f for pair, f in previous.shared.items() if pair[0] not in changed and pair[1] not in changed}
        return index, scored, shared
    if previous is not None and previous.settings == settings:
        kept = previous.kept()
    if kept is None or kept.settings != settings:
        return Index(items, window), {}, {}
    index = Index(items, window, kept)
    position_of = {item.id: position for position, item in enumerate(items)}
    changed, stale = changed_and_stale(index, kept, position_of)
    scored = {}
    for article_id, found in kept.scored.items():
        position = position_of.get(article_id)
        if position is not None and position not in stale:
            scored[position] = {position_of[other]: score for other, score in found.items()}
    shared = {}
    for (first, second), features in kept.shared.items():
        pair = position_of.get(first), position_of.get(second)
        if None not in pair and pair[0] not in changed and pair[1] not in changed:
            shared[pair] = features
    return index, scored, shared


def changed_and_stale(index: Index, kept: KeptScores, position_of: dict[str, int]) -> tuple[set[int], set[int]]:
    """The positions whose vectors are not the ones ``kept`` (new, edited, or weighed otherwise), and those
    whose kept similarities may no longer hold: the changed ones, and every item found by a feature of
    one of them, or of an article that went, inside the window around it, before or after the change.
    A day's new articles move the counts of their own features only (see ``counted_size``), so these are
    the articles holding one of those, not whole periods. Encoder similarities are not kept: with them, the
    periods the index described are changed and those around them stale."""
    items, period = index.items, index.period
    if any(item.meaning for item in items):
        return ({p for p in range(len(items)) if period[p] in index.described},
                {p for p in range(len(items)) if period[p] in index.rescored})
    changed, before = set(), []
    for position, item in enumerate(items):
        version = kept.versions.get(item.id)
        if version is not None and item.version and version[0] == item.version and (
                period[position] not in index.described or kept.described[item.id] == index.description(position)):
            continue
        changed.add(position)
        if version is not None:
            before.append((kept.described[item.id][4], version[2]))
    before += [(kept.described[article_id][4], version[2]) for article_id, version in kept.versions.items()
               if article_id not in position_of]
    return changed, index.around(changed) | index.near(before)


def edited_positions(items: Sequence[Item], settings: GroupingSettings, previous: Scoring | None) -> set[int] | None:
    """Positions whose features changed since ``previous``; None when more than features changed."""
    if previous is None or previous.settings != settings or len(previous.index.items) != len(items):
        return None
    edited = set()
    for position, (before, after) in enumerate(zip(previous.index.items, items)):
        if before is after:
            continue
        if (before.id, before.time, before.fixed, before.lang) != (after.id, after.time, after.fixed, after.lang):
            return None
        if before.features != after.features or before.meaning != after.meaning:
            edited.add(position)
    return edited


def count_and_weigh(index: Index, periods: set[int], items: Sequence[Item]) -> None:
    """Count, from ``items``, the periods up to two from ``periods`` and weigh those up to one from them,
    where ``index`` has not: one made from kept scores did only around the articles that had changed
    (its other vectors came from the scores), and an edit in ``periods`` reads these."""
    near = {p + d for p in periods for d in (-1, 0, 1)} & index.sizes.keys()
    missing = {p + d for p in near for d in (-1, 0, 1)} & index.sizes.keys() - index.frequency.keys()
    members: dict[int, list[Item]] = defaultdict(list)
    for item, period in zip(items, index.period) if missing else ():
        if period in missing:
            members[period].append(item)
    for period in missing:
        index.frequency[period] = Counter(chain.from_iterable(item.features for item in members[period]))
    for period in near - index.weights.keys():
        index.weights[period] = weights = index.weights_of(period, index.frequency[period])
        index.anchored = index.anchored | {f for f in weights if f[:2] in ANCHOR_KINDS}


def revised(index: Index, items: Sequence[Item], edited: set[int]) -> tuple[Index, set[int]]:
    """The index of ``items``, the same articles in the same places as ``index``'s with the features
    of ``edited`` changed; and the positions whose vectors changed (the edited ones, and those holding
    a feature whose weight moved with the edit). ``index`` is left as it was."""
    new = copy.copy(index)
    new.items, new.frequency, new.weights = list(items), dict(index.frequency), dict(index.weights)
    count_and_weigh(new, {index.period[position] for position in edited}, index.items)
    touched: dict[int, set[str]] = defaultdict(set)
    for position in edited:
        period = index.period[position]
        if new.frequency[period] is index.frequency.get(period):
            new.frequency[period] = index.frequency[period].copy()
        before, after = index.items[position].features.keys(), items[position].features.keys()
        new.frequency[period].subtract(before - after)
        new.frequency[period].update(after - before)
        touched[period] |= before ^ after
    reweighted: dict[int, set[str]] = defaultdict(set)
    for period, features in touched.items():
        new.anchored = new.anchored | {f for f in features if f[:2] in ANCHOR_KINDS}
        for around in (period - 1, period, period + 1):
            if around not in index.sizes:
                continue
            held = [f for f in features if new.frequency[around].get(f, 0) > 0]
            weights = new.weights_of(around, held)
            current = new.weights[around]
            shifted = {f for f in features if weights.get(f) != current.get(f)}
            if shifted:
                if current is index.weights.get(around):
                    current = new.weights[around] = dict(current)
                for feature in shifted:
                    if feature in weights:
                        current[feature] = weights[feature]
                    else:
                        del current[feature]
                reweighted[around] |= shifted
    changed = set(edited)
    if reweighted:
        changed |= {p for p, item in enumerate(items)
                    if index.period[p] in reweighted and not reweighted[index.period[p]].isdisjoint(item.features)}
    new.vectors, new.anchors, new.found_by = list(index.vectors), list(index.anchors), list(index.found_by)
    new.norms, new.anchor_norms = list(index.norms), list(index.anchor_norms)
    moved: dict[str, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
    for position in changed:
        new._describe(items[position], position)
        before, after = set(index.found_by[position]), set(new.found_by[position])
        for feature in before - after:
            moved[feature][0].add(position)
        for feature in after - before:
            moved[feature][1].add(position)
    if any(index.items[position].meaning != items[position].meaning for position in edited):
        new.meanings = meanings_of(items, index.window)
    new.postings, new.keyed, new.times = dict(index.postings), dict(index.keyed), dict(index.times)
    for feature, (gone, added) in moved.items():
        members = sorted((set(index.postings.get(feature, ())) - gone) | added, key=new.rank.__getitem__)
        new.postings[feature] = members
        new.times[feature] = [items[p].time for p in members]
        new.keyed[feature] = [p for p in members if items[p].fixed]
    return new, changed
