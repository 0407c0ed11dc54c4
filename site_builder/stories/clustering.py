"""Automatic grouping: which articles report the same event.

Every article becomes a weighted bag of features (``features``), rare features weighing more: rare
in the news of its time (the articles of its own period and the two around it), so that articles
added today leave the weights, and so the stories, of years ago as they were. Two
articles are similar when their bags overlap (cosine): as a whole between reports in one language, in
the signals that survive translation alone (names, numbers, handles, links) between languages, damped
by the time between them. Shared words alone make a topic, not an event: reports in one language
must share at least one such signal, reports in two languages at least two. Articles are taken in
time order and each joins the story holding its most similar earlier report, if that similarity
reaches the threshold; otherwise it starts a story. With the optional encoder (``meaning``), reports in
two languages that say the same are similar too, and a report joins only a story whose reports it agrees
with on average.

Only pairs inside the time window that share a feature are ever scored (an inverted index per
feature, sorted by time), so the cost grows with the archive, not with its square.
"""

from __future__ import annotations

import copy
import marshal
import math
import sys
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import chain
from operator import mul
from typing import Callable, Iterable, Sequence

from site_builder.config import GroupingSettings
from site_builder.stories.features import ANCHOR_KINDS, HANDLE, LINK, MEANING, NAME, NUMBER, SOUND, WORD
from site_builder.stories.meaning import STORY_FLOOR, added_similarity, agreement, close_pairs

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
class Item:
    """What clustering needs to know of one article."""

    id: str
    """Article id."""
    time: float
    """Publication time, POSIX seconds."""
    packed: bytes
    """Its features as ``pack`` packs them (see ``features``): a build reads every article's item from the
    cache folder, and unpacked a hundred features each took a tenth of a daily build at 4,000 articles,
    which looks at those of the periods around the changed articles only."""
    fixed: str | None = None
    """An explicit story key, or '' for an article kept out of every story; None when free to group."""
    lang: str = ""
    """Primary language subtag: reports in one language are compared on everything, reports in two
    languages on the signals that survive translation."""
    version: str = ""
    """What the item was made from (its file's bytes, path and the settings that shape it, hashed): an item
    with the same id and version is the same item. '' when unknown: never taken for the same."""
    meaning: bytes = b""
    """What its title and opening say, as the optional encoder puts it (``meaning``); empty without."""

    @cached_property
    def features(self) -> dict[str, int]:
        """Prefixed features with counts, unpacked when first asked for."""
        return marshal.loads(self.packed)

    def __getstate__(self) -> dict:
        """Pickled packed only."""
        return {name: value for name, value in self.__dict__.items() if name != "features"}


def pack(features: dict[str, int]) -> bytes:
    """Features with counts as an item keeps them. The features are interned, which marshal records, so
    that unpacked they are one string each however many items hold them (at 10,000 articles, 60 MB less)."""
    return marshal.dumps(interned(features))


def interned(features: dict[str, int]) -> dict[str, int]:
    return {sys.intern(feature): count for feature, count in features.items()}


def with_features(item: Item, features: dict[str, int]) -> Item:
    """``item`` holding freshly made ``features``, unpacked too (as unpacking would give them): in a cold
    build, the process that groups made half the items, and unpacking them took it 40 ms."""
    unpacked = interned(features)
    item = replace(item, packed=marshal.dumps(unpacked))
    item.__dict__["features"] = unpacked  # where ``features`` keeps what it unpacked
    return item


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
    scoring: Scoring | None = field(default=None, compare=False, repr=False)
    """What the next clustering of nearly the same items can reuse (None without automatic grouping)."""


@dataclass(frozen=True)
class Scoring:
    """The index and similarities a clustering computed, for the next one to reuse what still holds."""

    settings: GroupingSettings
    """The settings they were computed with."""
    index: Index
    """Vectors and postings of every item."""
    scored: dict[int, dict[int, float]]
    """Position of each free item -> similarity to each of its candidates, by position."""
    shared: dict[tuple[int, int], tuple[str, ...]]
    """(partner, position) of each link -> the features it was made on."""
    group_of: dict[int, int] = field(default_factory=dict)
    """Position -> the index of its group."""
    partners: dict[int, int] = field(default_factory=dict)
    """Position of each article that joined a group -> the partner it joined, in the order of the links."""

    def kept(self) -> KeptScores:
        """What of this scoring a later clustering of a changed set of articles can reuse, by article id."""
        index, items = self.index, self.index.items
        described = {item.id: (index.vectors[p], index.anchors[p], index.norms[p], index.anchor_norms[p],
                               index.found_by[p]) for p, item in enumerate(items)}
        return KeptScores(
            self.settings,
            {item.id: (item.version, period) for item, period in zip(items, index.period)}, described,
            {items[p].id: {items[o].id: score for o, score in found.items()} for p, found in self.scored.items()},
            {(items[a].id, items[b].id): features for (a, b), features in self.shared.items()})


@dataclass(frozen=True)
class KeptScores:
    """A clustering's vectors and similarities by article id, kept by a build for the next one (in the cache
    folder) or by `serve` when articles come and go. Only the periods near a changed one are computed again
    from it (see ``Index``)."""

    settings: GroupingSettings
    """The settings they were computed with."""
    versions: dict[str, tuple[str, int]]
    """Article id -> its item's version and its period."""
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
    two around it, so only the vectors of those periods (``described``), and only the similarities of the
    items one period further out (``rescored``). ``revised`` makes the index of the same items with a few
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
        size = sum(self.sizes.get(p, 0) for p in (period - 1, period, period + 1))
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

    def _count_and_weigh(self, periods: set[int], items: Sequence[Item]) -> None:
        """Count, from ``items``, the periods up to two from ``periods`` and weigh those up to one from them,
        where this index has not: one made from kept scores did only around the articles that had changed
        (its other vectors came from the scores), and an edit in ``periods`` reads these."""
        near = {p + d for p in periods for d in (-1, 0, 1)} & self.sizes.keys()
        missing = {p + d for p in near for d in (-1, 0, 1)} & self.sizes.keys() - self.frequency.keys()
        members: dict[int, list[Item]] = defaultdict(list)
        for item, period in zip(items, self.period) if missing else ():
            if period in missing:
                members[period].append(item)
        for period in missing:
            self.frequency[period] = Counter(chain.from_iterable(item.features for item in members[period]))
        for period in near - self.weights.keys():
            self.weights[period] = weights = self.weights_of(period, self.frequency[period])
            self.anchored = self.anchored | {f for f in weights if f[:2] in ANCHOR_KINDS}

    def revised(self, items: Sequence[Item], edited: set[int]) -> tuple[Index, set[int]]:
        """The index of ``items``, the same articles in the same places as this index's with the features
        of ``edited`` changed; and the positions whose vectors changed (the edited ones, and those holding
        a feature whose weight moved with the edit). This index is left as it was."""
        new = copy.copy(self)
        new.items, new.frequency, new.weights = list(items), dict(self.frequency), dict(self.weights)
        new._count_and_weigh({self.period[position] for position in edited}, self.items)
        touched: dict[int, set[str]] = defaultdict(set)
        for position in edited:
            period = self.period[position]
            if new.frequency[period] is self.frequency.get(period):
                new.frequency[period] = self.frequency[period].copy()
            before, after = self.items[position].features.keys(), items[position].features.keys()
            new.frequency[period].subtract(before - after)
            new.frequency[period].update(after - before)
            touched[period] |= before ^ after
        reweighted: dict[int, set[str]] = defaultdict(set)
        for period, features in touched.items():
            new.anchored = new.anchored | {f for f in features if f[:2] in ANCHOR_KINDS}
            for around in (period - 1, period, period + 1):
                if around not in self.sizes:
                    continue
                held = [f for f in features if new.frequency[around].get(f, 0) > 0]
                weights = new.weights_of(around, held)
                current = new.weights[around]
                shifted = {f for f in features if weights.get(f) != current.get(f)}
                if shifted:
                    if current is self.weights.get(around):
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
                        if self.period[p] in reweighted and not reweighted[self.period[p]].isdisjoint(item.features)}
        new.vectors, new.anchors, new.found_by = list(self.vectors), list(self.anchors), list(self.found_by)
        new.norms, new.anchor_norms = list(self.norms), list(self.anchor_norms)
        moved: dict[str, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
        for position in changed:
            new._describe(items[position], position)
            before, after = set(self.found_by[position]), set(new.found_by[position])
            for feature in before - after:
                moved[feature][0].add(position)
            for feature in after - before:
                moved[feature][1].add(position)
        if any(self.items[position].meaning != items[position].meaning for position in edited):
            new.meanings = meanings_of(items, self.window)
        new.postings, new.keyed, new.times = dict(self.postings), dict(self.keyed), dict(self.times)
        for feature, (gone, added) in moved.items():
            members = sorted((set(self.postings.get(feature, ())) - gone) | added, key=new.rank.__getitem__)
            new.postings[feature] = members
            new.times[feature] = [items[p].time for p in members]
            new.keyed[feature] = [p for p in members if items[p].fixed]
        return new, changed

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
        found = set(positions)
        for position in positions:
            time = self.items[position].time
            for feature in self.found_by[position]:
                times = self.times[feature]
                found.update(self.postings[feature][bisect_left(times, time - self.window):
                                                    bisect_right(times, time + self.window)])
            found.update(self.meanings.get(position, ()))
        return found


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


def cluster(items: Sequence[Item], settings: GroupingSettings, previous: Clusters | None = None,
            kept: KeptScores | None = None) -> Clusters:
    """Groups of the items: explicit keys as given, the free items joined to their most similar story.

    With ``previous``, an earlier clustering of nearly the same articles (`serve`'s last one), or ``kept``,
    what a build kept of its clustering, only the similarities the changes can have moved are computed
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
    order = index.order if index is not None else sorted(range(len(items)), key=lambda i: (items[i].time, items[i].id))
    group_of: dict[int, int] = {}
    groups: list[list[int]] = []
    keys: list[str | None] = []
    explicit = defaultdict(list)
    for i in order:
        if items[i].fixed:
            explicit[items[i].fixed].append(i)
    for key in sorted(explicit):
        keys.append(key)
        groups.append(explicit[key])
        group_of.update({i: len(groups) - 1 for i in groups[-1]})
    links, used, partners = [], {}, {}
    for position in order:
        if position in group_of:
            continue
        choice = None
        if index is not None and items[position].fixed is None:
            if position not in scored:
                scored[position] = index.neighbours(position, settings)
            choice = _best_group(scored[position], group_of, keys, settings,
                                 _agrees(items, position, groups) if items[position].meaning else None)
        if choice is None:
            groups.append([position])
            keys.append("" if items[position].fixed == "" else None)
            group_of[position] = len(groups) - 1
        else:
            group, partner, score = choice
            groups[group].append(position)
            group_of[position] = group
            partners[position] = partner
            pair = (partner, position)
            used[pair] = shared[pair] if pair in shared else index.shared(partner, position)
            links.append(Pair(items[partner].id, items[position].id, score, used[pair]))
    near = _near_misses(items, scored, group_of, index, settings) if index else ()
    return Clusters(
        groups=tuple(tuple(items[i].id for i in sorted(g, key=lambda i: (items[i].time, items[i].id)))
                     for g in groups),
        keys=tuple(keys), links=tuple(links), near_misses=near,
        scoring=Scoring(settings, index, scored, used, group_of, partners) if index else None)


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
        choice = _best_group(placed, group_of, keys, settings)
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
    return replace(previous, links=tuple(links), near_misses=_near_misses(items, scored, group_of, index, settings),
                   scoring=Scoring(settings, index, scored, used, group_of, partners))


def _reusable_scores(items: Sequence[Item], settings: GroupingSettings, previous: Scoring | None,
                     edited: set[int] | None, kept: KeptScores | None) -> tuple[Index, dict, dict]:
    """The index of ``items`` and the similarities and link features of ``previous`` (or else ``kept``) that
    still hold. Only the features of ``edited`` changed: the vectors of the features whose weights moved are
    computed again; articles came, went or moved (``edited`` None): the periods around them are."""
    window = settings.window_days * 86400
    if previous is not None and edited is not None:
        index, changed = previous.index.revised(items, edited)
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
    period, rescored, described = index.period, index.rescored, index.described
    scored = {}
    for article_id, found in kept.scored.items():
        position = position_of.get(article_id)
        if position is not None and period[position] not in rescored:
            scored[position] = {position_of[other]: score for other, score in found.items()}
    shared = {}
    for (first, second), features in kept.shared.items():
        pair = position_of.get(first), position_of.get(second)
        if None not in pair and period[pair[0]] not in described and period[pair[1]] not in described:
            shared[pair] = features
    return index, scored, shared


def changed_periods(members: dict[int, list[Item]], kept: KeptScores) -> set[int]:
    """The periods whose articles are not those ``kept`` was computed from: one came, went, moved or
    changed, or has no version to tell."""
    before: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for article_id, (version, period) in kept.versions.items():
        before[period].add((article_id, version))
    changed = {period for period in before if period not in members}
    for period, found in members.items():
        if not all(item.version for item in found) or {(item.id, item.version) for item in found} != before[period]:
            changed.add(period)
    return changed


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


def _best_group(similar: dict[int, float], group_of: dict[int, int], keys: list[str | None],
                settings: GroupingSettings, agrees: Callable[[int], bool] | None = None
                ) -> tuple[int, int, float] | None:
    """(group, partner, score) of the best already-placed article at or above the threshold, in a group that
    ``agrees`` with it when given."""
    best, threshold, refused = None, settings.threshold, set()
    for other, score in similar.items():
        if score < threshold:
            continue
        group = group_of.get(other)
        if group is None or keys[group] == "" or group in refused:
            continue
        if best is None or (score, -other) > (best[2], -best[1]):
            if agrees is not None and not agrees(group):
                refused.add(group)
                continue
            best = (group, other, score)
    return best


def _agrees(items: Sequence[Item], position: int, groups: list[list[int]]) -> Callable[[int], bool]:
    """Whether what the item at ``position`` says is close enough, on average, to what the reports of a group
    say (``meaning.agreement``): a link to one report is not enough to join a story on another event of the
    same kind (a second earthquake, a second strike) that this report happens to resemble."""
    def agrees(group: int) -> bool:
        others = [items[member].meaning for member in groups[group] if items[member].meaning]
        return not others or agreement(items[position].meaning, others) >= STORY_FLOOR

    return agrees


def near_miss_floor(settings: GroupingSettings) -> float:
    """The lowest score a pair may have to be suggested (under the threshold, as suggest_ratio < 1)."""
    return settings.threshold * settings.suggest_ratio


def _near_misses(items, scored, group_of, index, settings, limit: int = 50) -> tuple[Pair, ...]:
    """Pairs just under the threshold in different groups, best first. Two articles of the same time score
    each other, and the two scores may differ in their last bits (each sums in its own order): the later
    article's counts, as in a clustering from scratch, whatever order ``scored`` is in."""
    floor = near_miss_floor(settings)
    pairs = {}
    for position, similar in scored.items():
        for other, score in similar.items():
            if floor <= score < settings.threshold and group_of.get(other) != group_of[position]:
                first, second = sorted((position, other), key=lambda i: (items[i].time, items[i].id))
                if position == second or (first, second) not in pairs:
                    pairs[(first, second)] = score
    ranked = sorted(pairs.items(), key=lambda item: (-item[1], items[item[0][0]].id, items[item[0][1]].id))
    return tuple(Pair(items[a].id, items[b].id, score, index.shared(a, b)) for (a, b), score in ranked[:limit])


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
