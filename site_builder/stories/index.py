"""The index clustering scores articles with: each article's weighted vector, rare features weighing more
(see ``clustering``), and an inverted index over their anchors, sorted by time, so that only pairs inside
the time window that share a feature are ever scored."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain
from operator import mul
from typing import Iterable, Sequence

from site_builder.config import GroupingSettings
from site_builder.stories.features import ANCHOR_KINDS, HANDLE, LINK, MEANING, NAME, NUMBER, SOUND, WORD
from site_builder.stories.items import Item
from site_builder.stories.meaning import added_similarity, close_pairs

KIND_WEIGHTS = {NAME: 1.0, SOUND: 0.5, NUMBER: 0.8, HANDLE: 2.0, LINK: 2.0, WORD: 1.0}
COMMON_SHARE = 0.05
"""Features in more than this share of articles (and at least 20) say nothing about an event."""
PERIOD_SECONDS = 91 * 86400
"""How rare a feature is, is counted among the articles of the item's period (a quarter, or the grouping
window when longer) and of the periods before and after it."""
KEYWORDS = 5
"""An article is also found by its weightiest words: reports of one event in one language often share
no name or number that is rare enough to count (Biden, Trump), only the words of what happened."""
KEYWORDS_FROM = 50
"""Articles an item's period and the two around it need before its keywords count: word weights from a
handful of articles cannot tell the words of an event from those of every report ("said", "Tuesday")."""
WORDS_ONLY_THRESHOLD = 0.15
"""The similarity two reports in one language that share no name, number, handle or link need to be
linked (on the public English roundups before June 2021, 24 such pairs of one story scored at least
0.15 against 3 of two stories, among 3,923)."""


@dataclass(frozen=True)
class KeptScores:
    """A clustering's vectors and similarities by article id, kept by a build for the next one (in the cache
    folder) or by `serve` when articles come and go. Only the periods near a changed one are computed again
    from it (see ``Index``)."""

    settings: GroupingSettings
    """The settings they were computed with."""
    versions: dict[str, tuple[str, int, float]]
    """Article id -> its item's version, its period and its time."""
    described: dict[str, tuple[dict[str, float], list[str], float, float, list[str]]]
    """Article id -> its vector, its anchors, the vector's norm, its anchors' norm, and the features it is
    found by (its anchors and keywords)."""
    scored: dict[str, dict[str, float]]
    """Id of each free article -> similarity to each of its candidates, by id."""
    shared: dict[tuple[str, str], tuple[str, ...]]
    """(partner, article) ids of each link -> the features it was made on."""


class Index:
    """Weighted vectors of all items and an inverted index over their anchors, sorted by time.

    Made with ``kept``, the vectors of an earlier clustering, it computes again only what the articles that
    came, went or changed since can have moved: an item's weights come from the counts of its period and the
    two around it, so only the vectors of those periods (``described``); of their similarities, only those
    of the items near an article whose vector changed are computed again (``rescoring.changed_and_stale``;
    ``rescored``, the periods one further out, with the encoder). ``revised`` makes the index of the same items with a few
    edited: only the vectors whose weights changed are recomputed, so `serve` does not score the whole
    archive again after one save."""

    def __init__(self, items: Sequence[Item], window_seconds: float, kept: KeptScores | None = None):
        self.items = list(items)
        self.window = window_seconds
        # Periods at least as long as the window: a scored pair is in one period or two neighbouring ones,
        # and the counts behind both vectors hold both articles.
        span = max(PERIOD_SECONDS, window_seconds)
        self.period = [math.floor(item.time / span) for item in items]
        members: dict[int, list[Item]] = defaultdict(list)
        for item, period in zip(items, self.period):
            members[period].append(item)
        self.sizes = {period: len(found) for period, found in members.items()}
        changed = set(members) if kept is None else changed_periods(members, kept)
        self.described = {p for period in changed for p in (period - 1, period, period + 1) if p in members}
        """The periods whose vectors this index computed (all of them, without ``kept``)."""
        self.rescored = {p for period in self.described for p in (period - 1, period, period + 1)}
        """The periods whose items' similarities ``kept`` cannot give."""
        self.frequency = {period: Counter(chain.from_iterable(item.features for item in found))
                          for period, found in members.items() if period in self.rescored}
        """Period -> how many of its articles hold each feature (the periods the described ones are counted in)."""
        self.weights = {period: self.weights_of(period, self.frequency[period]) for period in self.described}
        """Period -> the weight of each feature its articles hold (none that weighs nothing)."""
        # Whether a feature is an anchor is decided once per feature here, not once per occurrence; only
        # weighted features are ever in a vector.
        self.anchored = {f for weights in self.weights.values() for f in weights if f[:2] in ANCHOR_KINDS}
        self.order = order = sorted(range(len(items)), key=lambda i: (items[i].time, items[i].id))
        """Positions in time order (ties by id): the order articles are placed in."""
        self.rank = [0] * len(items)
        for place, position in enumerate(order):
            self.rank[position] = place
        self.vectors, self.anchors, self.norms, self.anchor_norms, self.found_by = (
            [None] * len(items) for _ in range(5))
        """found_by: the features an item is indexed under, its anchors then its keywords."""
        described = self.described
        for position, item in enumerate(items):
            if self.period[position] in described:
                self._describe(item, position)
            else:
                (self.vectors[position], self.anchors[position], self.norms[position],
                 self.anchor_norms[position], self.found_by[position]) = kept.described[item.id]
        # Items are indexed in time order, so every posting list is sorted by time as it is built.
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.keyed: dict[str, list[int]] = defaultdict(list)
        for position in order:
            for feature in self.found_by[position]:
                self.postings[feature].append(position)
            if items[position].fixed:
                for feature in self.found_by[position]:
                    self.keyed[feature].append(position)
        time_of = [item.time for item in items]
        self.times = {f: list(map(time_of.__getitem__, positions)) for f, positions in self.postings.items()}
        self.meanings = meanings_of(items, window_seconds)
        """Position -> {position: encoder similarity} of the reports in other languages that say the same
        (see ``meaning``); empty when no item has a vector."""

    def weights_of(self, period: int, features: Iterable[str]) -> dict[str, float]:
        """The weight of each of ``features`` in ``period`` that carries weight: its kind's weight times the
        inverse of how many articles of the period and its two neighbours hold it; nothing for features too
        many of them hold (they say nothing about one event) or one only (they never match). The logarithm
        is taken once per count (most features share a handful of counts), not once per feature."""
        before, here, after = (self.frequency.get(p, {}) for p in (period - 1, period, period + 1))
        size = counted_size(sum(self.sizes.get(p, 0) for p in (period - 1, period, period + 1)))
        weights, idf, cap = {}, {}, max(20, COMMON_SHARE * size)
        for feature in features:
            count = here.get(feature, 0) + before.get(feature, 0) + after.get(feature, 0)
            if 1 < count <= cap:
                if count not in idf:
                    idf[count] = math.log(1 + (size + 1) / count)
                weights[feature] = KIND_WEIGHTS[feature[:2]] * idf[count]
        return weights

    def _describe(self, item: Item, position: int) -> None:
        """Set the vector of the item at ``position``, its anchors (in the vector's order) and their norms."""
        vector = weigh(item.features, self.weights[self.period[position]])
        anchors = list(filter(self.anchored.__contains__, vector))
        self.vectors[position], self.anchors[position] = vector, anchors
        self.norms[position] = length(list(vector.values()))
        self.anchor_norms[position] = length(list(map(vector.__getitem__, anchors)))
        period = self.period[position]
        known = sum(self.sizes.get(p, 0) for p in (period - 1, period, period + 1))
        self.found_by[position] = anchors + keywords_of(vector) if known >= KEYWORDS_FROM else anchors

    def neighbours(self, position: int, settings: GroupingSettings) -> dict[int, float]:
        """Similarity of every earlier item within the window (and every later one with an explicit key)
        that shares a name, number, handle or link with item ``position`` (enough of them: one in the
        same language, ``min_shared`` across languages), or in the same language one of its keywords with
        a similarity of at least ``WORDS_ONLY_THRESHOLD``. Articles are placed in time order, so only
        these can be the story an article joins. Scores under the near-miss floor are left out: neither
        joining a story nor a suggestion can come of them, and every clustering reads the scores again.

        Candidates come from the postings of anchors and keywords alone; the other words are only looked
        at for those, so common words never make the scan long. Reports in other languages that say the
        same by the optional encoder (``meanings``) are candidates too, and what they say adds to what
        they share."""
        items, vectors, norms, anchor_norms = self.items, self.vectors, self.norms, self.anchor_norms
        item, vector, anchors = items[position], vectors[position], self.anchors[position]
        result, floor, meant = {}, near_miss_floor(settings), self.meanings.get(position, {})
        for other in self.candidates(position):
            partner, theirs = items[other], vectors[other]
            if partner.lang == item.lang:
                score = dot(vector, theirs) / (norms[position] * norms[other])
                words_only = not any(map(theirs.__contains__, anchors))  # found by its keywords alone
            else:
                common = list(filter(theirs.__contains__, anchors))
                cosine = meant.get(other)
                if len(common) < settings.min_shared and cosine is None:
                    continue
                score = settings.anchor_weight * added(vector, theirs, common) / (
                    anchor_norms[position] * anchor_norms[other]) if len(common) >= settings.min_shared else 0.0
                if cosine is not None:
                    score += added_similarity(cosine)
                words_only = False
            days = abs(item.time - partner.time) / 86400
            score /= 1 + days / settings.time_scale_days
            if score >= (WORDS_ONLY_THRESHOLD if words_only else floor):
                result[other] = score
        return result

    def candidates(self, position: int) -> dict[int, None]:
        """The items sharing an anchor with item ``position`` that ``neighbours`` scores, in the order the
        anchors' postings meet them. Each posting list is cut to the window and taken whole: how many
        anchors a candidate shares is counted only where it matters, across languages."""
        time, window, postings, keyed = self.items[position].time, self.window, self.postings, self.keyed
        start, found = time - window, []
        for feature in self.found_by[position]:
            times = self.times[feature]
            found += postings[feature][bisect_left(times, start):bisect_right(times, time)]
            if feature in keyed:
                found += [o for o in keyed[feature] if 0 < self.items[o].time - time <= window]
        for other in self.meanings.get(position, ()):
            if self.items[other].time <= time or self.items[other].fixed:
                found.append(other)
        candidates = dict.fromkeys(found)
        candidates.pop(position, None)
        return candidates

    def shared(self, a: int, b: int, count: int = 5) -> tuple[str, ...]:
        """The weightiest features both have, and how close the encoder puts them when it does."""
        first, second = self.vectors[a], self.vectors[b]
        ranked = sorted(first.keys() & second.keys(), key=lambda f: (-first[f] * second[f], f))
        cosine = self.meanings.get(a, {}).get(b)
        return tuple(ranked[:count]) + ((f"{MEANING}{cosine:.2f}",) if cosine is not None else ())

    def around(self, positions: set[int]) -> set[int]:
        """The items that share an anchor with one of ``positions`` inside the time window: the only ones
        whose candidates can include them."""
        found = set(positions) | self.near((self.found_by[p], self.items[p].time) for p in positions)
        for position in positions:
            found.update(self.meanings.get(position, ()))
        return found

    def near(self, places: Iterable[tuple[Iterable[str], float]]) -> set[int]:
        """The items found by a feature inside the time window around a time, for each (features, time) of
        ``places``. Taken feature by feature, each posting list is cut once per run of overlapping windows:
        the articles near a change share their features, so most places repeat the others'."""
        times_of: dict[str, list[float]] = defaultdict(list)
        for features, time in places:
            for feature in features:
                times_of[feature].append(time)
        found: set[int] = set()
        for feature, times in times_of.items():
            held = self.times.get(feature)
            if not held:
                continue
            times.sort()
            start, end = times[0] - self.window, times[0] + self.window
            for time in times[1:] + [math.inf]:
                if time - self.window > end:
                    found.update(self.postings[feature][bisect_left(held, start):bisect_right(held, end)])
                    start = time - self.window
                end = time + self.window
        return found

    def description(self, position: int) -> tuple[dict[str, float], list[str], float, float, list[str]]:
        """What ``KeptScores.described`` keeps of the item at ``position``."""
        return (self.vectors[position], self.anchors[position], self.norms[position], self.anchor_norms[position],
                self.found_by[position])


def dot(first: dict[str, float], second: dict[str, float]) -> float:
    """The dot product of two sparse vectors, summed in ``first``'s order: not in the order of a set of
    their features, which changes with Python's string hashing from one process to the next, so the last
    bits of a similarity would too, and a build reusing the last build's similarities would not always
    agree with a fresh one."""
    common = list(filter(second.__contains__, first))
    return sum(map(mul, map(first.__getitem__, common), map(second.__getitem__, common)))


def added(first: dict[str, float], second: dict[str, float], common: list[str]) -> float:
    """The dot product over ``common``, added up term by term in its order (not with ``sum``, which
    compensates rounding from Python 3.12 on): the anchor similarity has always been summed so, and keeps
    its exact bits."""
    total = 0.0
    for feature in common:
        total += first[feature] * second[feature]
    return total


def length(weights: list[float]) -> float:
    """Euclidean norm, 1 for no weights so that dividing by it is safe."""
    return math.sqrt(sum(map(mul, weights, weights))) or 1.0


def weigh(features: dict[str, int], weights: dict[str, float]) -> dict[str, float]:
    """A sparse vector: weight times (1 + log count) for the features that carry weight (most do not:
    they are in one article only, so the filter runs in C), in the order of ``features``."""
    log = math.log
    return {f: weights[f] * (1 + log(count)) if (count := features[f]) > 1 else weights[f]
            for f in filter(weights.__contains__, features)}


def changed_periods(members: dict[int, list[Item]], kept: KeptScores) -> set[int]:
    """The periods whose articles are not those ``kept`` was computed from: one came, went, moved or
    changed, or has no version to tell."""
    before: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for article_id, (version, period, _) in kept.versions.items():
        before[period].add((article_id, version))
    changed = {period for period in before if period not in members}
    for period, found in members.items():
        if not all(item.version for item in found) or {(item.id, item.version) for item in found} != before[period]:
            changed.add(period)
    return changed


EXACT_SIZES = 64
SIZE_STEPS = 8
"""Sizes above ``EXACT_SIZES`` are counted in steps of 2^(1/8) (9%)."""


def counted_size(size: int) -> int:
    """The size of a period's news that rarity is counted against: exact for a few articles, else the
    step of a geometric scale below it, so that a day's new articles leave the weights of their period,
    and the similarities of all its articles, as they were (only the counts of their own features move)."""
    if size <= EXACT_SIZES:
        return size
    return int(2 ** (math.floor(SIZE_STEPS * math.log2(size)) / SIZE_STEPS))


def near_miss_floor(settings: GroupingSettings) -> float:
    """The lowest score a pair may have to be suggested (under the threshold, as suggest_ratio < 1)."""
    return settings.threshold * settings.suggest_ratio


def meanings_of(items: Sequence[Item], window_seconds: float) -> dict[int, dict[int, float]]:
    """``close_pairs`` of the items with an encoder vector (none: nothing to compare, numpy not imported)."""
    if not any(item.meaning for item in items):
        return {}
    return close_pairs([item.time for item in items], [item.lang for item in items],
                       [item.meaning for item in items], window_seconds)


def keywords_of(vector: dict[str, float]) -> list[str]:
    """The ``KEYWORDS`` weightiest words of a vector (ties in alphabetical order, so every process agrees)."""
    words = [feature for feature in vector if feature[:2] == WORD]
    return sorted(words, key=lambda feature: (-vector[feature], feature))[:KEYWORDS]
