"""Automatic grouping: which articles report the same event.

Every article becomes a weighted bag of features (``features``), rare features weighing more. Two
articles are similar when their bags overlap (cosine): as a whole between reports in one language, in
the signals that survive translation alone (names, numbers, handles, links) between languages, damped
by the time between them. Shared words alone make a topic, not an event: reports in one language
must share at least one such signal, reports in two languages at least two. Articles are taken in
time order and each joins the story holding its most similar earlier report, if that similarity
reaches the threshold; otherwise it starts a story.

Only pairs inside the time window that share a feature are ever scored (an inverted index per
feature, sorted by time), so the cost grows with the archive, not with its square.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Sequence

from site_builder.config import GroupingSettings
from site_builder.features import ANCHOR_KINDS, HANDLE, LINK, NAME, NUMBER, SOUND, WORD

KIND_WEIGHTS = {NAME: 1.0, SOUND: 0.5, NUMBER: 0.8, HANDLE: 2.0, LINK: 2.0, WORD: 1.0}
COMMON_SHARE = 0.05
"""Features in more than this share of articles (and at least 20) say nothing about an event."""


@dataclass(frozen=True)
class Item:
    """What clustering needs to know of one article."""

    id: str
    """Article id."""
    time: float
    """Publication time, POSIX seconds."""
    features: Counter
    """Prefixed features with counts."""
    fixed: str | None = None
    """An explicit story key, or '' for an article kept out of every story; None when free to group."""
    lang: str = ""
    """Primary language subtag: reports in one language are compared on everything, reports in two
    languages on the signals that survive translation."""


@dataclass(frozen=True)
class Pair:
    """Two articles and how similar they are."""

    first: str
    """Id of the earlier article."""
    second: str
    """Id of the later article."""
    score: float
    """Similarity after time damping, 0 to 1."""
    shared: tuple[str, ...]
    """The weightiest features both have, most telling first."""


@dataclass(frozen=True)
class Clusters:
    """The outcome: groups of article ids, the pairs that formed them, and the near-misses."""

    groups: tuple[tuple[str, ...], ...]
    """Article ids per group, in time order; explicit stories included."""
    keys: tuple[str | None, ...]
    """The explicit key of each group, None for an automatic one."""
    links: tuple[Pair, ...]
    """For each article that joined an automatic group, the pair that brought it in."""
    near_misses: tuple[Pair, ...]
    """Pairs in different groups scoring just under the threshold, best first."""


class Index:
    """Weighted vectors of all items and an inverted index over their features, sorted by time."""

    def __init__(self, items: Sequence[Item], window_seconds: float):
        self.items = items
        self.window = window_seconds
        weights = feature_weights(items)
        self.vectors = [weigh(item.features, weights) for item in items]
        self.anchors = [[f for f in vector if f[:2] in ANCHOR_KINDS] for vector in self.vectors]
        self.norms = [math.sqrt(sum(w * w for w in v.values())) or 1.0 for v in self.vectors]
        self.anchor_norms = [math.sqrt(sum(v[f] * v[f] for f in anchors)) or 1.0
                             for v, anchors in zip(self.vectors, self.anchors)]
        # Items are indexed in time order, so every posting list is sorted by time as it is built.
        order = sorted(range(len(items)), key=lambda i: (items[i].time, items[i].id))
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.times: dict[str, list[float]] = defaultdict(list)
        self.keyed: dict[str, list[int]] = defaultdict(list)
        for position in order:
            time = items[position].time
            for feature in self.anchors[position]:
                self.postings[feature].append(position)
                self.times[feature].append(time)
                if items[position].fixed:
                    self.keyed[feature].append(position)

    def neighbours(self, position: int, settings: GroupingSettings) -> dict[int, float]:
        """Similarity of every earlier item within the window (and every later one with an explicit key)
        that shares a name, number, handle or link with item ``position`` (enough of them: one in the
        same language, ``min_shared`` across languages). Articles are placed in time order, so only
        these can be the story an article joins.

        Candidates come from the anchor postings alone; words are only looked at for those, so common
        words never make the scan long."""
        anchor_dots: dict[int, float] = defaultdict(float)
        anchor_counts: dict[int, int] = defaultdict(int)
        time, vector, vectors = self.items[position].time, self.vectors[position], self.vectors
        for feature in self.anchors[position]:
            times = self.times[feature]
            others = self.postings[feature][bisect_left(times, time - self.window):bisect_right(times, time)]
            if feature in self.keyed:
                others += [o for o in self.keyed[feature] if 0 < self.items[o].time - time <= self.window]
            weight = vector[feature]
            for other in others:
                anchor_dots[other] += weight * vectors[other][feature]
                anchor_counts[other] += 1
        anchor_counts.pop(position, None)
        language = self.items[position].lang
        result = {}
        for other, count in anchor_counts.items():
            same_language = self.items[other].lang == language
            if count >= (1 if same_language else settings.min_shared):
                dot = self.dot(position, other) if same_language else 0.0
                result[other] = self.similarity(position, other, dot, anchor_dots[other], settings)
        return result

    def dot(self, a: int, b: int) -> float:
        first, second = self.vectors[a], self.vectors[b]
        return sum(first[f] * second[f] for f in first.keys() & second.keys())

    def similarity(self, a: int, b: int, dot: float, anchor_dot: float, settings: GroupingSettings) -> float:
        if self.items[a].lang == self.items[b].lang:
            score = dot / (self.norms[a] * self.norms[b])
        else:
            score = settings.anchor_weight * anchor_dot / (self.anchor_norms[a] * self.anchor_norms[b])
        days = abs(self.items[a].time - self.items[b].time) / 86400
        return score / (1 + days / settings.time_scale_days)

    def shared(self, a: int, b: int, count: int = 5) -> tuple[str, ...]:
        common = set(self.vectors[a]) & set(self.vectors[b])
        ranked = sorted(common, key=lambda f: (-self.vectors[a][f] * self.vectors[b][f], f))
        return tuple(ranked[:count])


def feature_weights(items: Sequence[Item]) -> dict[str, float]:
    """Kind weight times inverse document frequency, for every feature but those too many items have
    (they say nothing about one event). Features of one item only never match, but they count in
    its length: without them two short reports sharing one word would look alike."""
    frequency: Counter = Counter()
    for item in items:
        frequency.update(item.features.keys())
    cap = max(20, COMMON_SHARE * len(items))
    total = len(items) + 1
    return {f: KIND_WEIGHTS[f[:2]] * math.log(1 + total / n) for f, n in frequency.items() if 1 < n <= cap}


def weigh(features: Counter, weights: dict[str, float]) -> dict[str, float]:
    """A sparse vector: weight times (1 + log count) for the features that carry weight."""
    log = math.log
    return {f: weights[f] * (1 + log(count)) if count > 1 else weights[f]
            for f, count in features.items() if f in weights}


def cluster(items: Sequence[Item], settings: GroupingSettings) -> Clusters:
    """Groups of the items: explicit keys as given, the free items joined to their most similar story."""
    order = sorted(range(len(items)), key=lambda i: (items[i].time, items[i].id))
    group_of: dict[int, int] = {}
    groups: list[list[int]] = []
    keys: list[str | None] = []
    for key in sorted({item.fixed for item in items if item.fixed}):
        keys.append(key)
        groups.append([i for i in order if items[i].fixed == key])
        group_of.update({i: len(groups) - 1 for i in groups[-1]})
    index = Index(items, settings.window_days * 86400) if settings.auto else None
    links, scored = [], {}
    for position in order:
        if position in group_of:
            continue
        choice = None
        if index is not None and items[position].fixed is None:
            scored[position] = index.neighbours(position, settings)
            choice = _best_group(scored[position], group_of, keys, settings)
        if choice is None:
            groups.append([position])
            keys.append("" if items[position].fixed == "" else None)
            group_of[position] = len(groups) - 1
        else:
            group, partner, score = choice
            groups[group].append(position)
            group_of[position] = group
            links.append(Pair(items[partner].id, items[position].id, score, index.shared(partner, position)))
    near = _near_misses(items, scored, group_of, index, settings) if index else ()
    return Clusters(
        groups=tuple(tuple(items[i].id for i in sorted(g, key=lambda i: (items[i].time, items[i].id)))
                     for g in groups),
        keys=tuple(keys), links=tuple(links), near_misses=near)


def _best_group(similar: dict[int, float], group_of: dict[int, int], keys: list[str | None],
                settings: GroupingSettings) -> tuple[int, int, float] | None:
    """(group, partner, score) of the best already-placed article at or above the threshold."""
    best = None
    for other, score in similar.items():
        group = group_of.get(other)
        if group is None or score < settings.threshold or keys[group] == "":
            continue
        if best is None or (score, -other) > (best[2], -best[1]):
            best = (group, other, score)
    return best


def _near_misses(items, scored, group_of, index, settings, limit: int = 50) -> tuple[Pair, ...]:
    floor = settings.threshold * settings.suggest_ratio
    pairs = {}
    for position, similar in scored.items():
        for other, score in similar.items():
            if floor <= score < settings.threshold and group_of.get(other) != group_of[position]:
                first, second = sorted((position, other), key=lambda i: (items[i].time, items[i].id))
                pairs[(first, second)] = score
    ranked = sorted(pairs.items(), key=lambda item: (-item[1], items[item[0][0]].id, items[item[0][1]].id))
    return tuple(Pair(items[a].id, items[b].id, score, index.shared(a, b)) for (a, b), score in ranked[:limit])
