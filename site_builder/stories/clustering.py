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

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Sequence

from site_builder.config import GroupingSettings
from site_builder.stories.index import Index, KeptScores, near_miss_floor
from site_builder.stories.items import Item
from site_builder.stories.meaning import STORY_FLOOR, agreement


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
        described = {item.id: index.description(p) for p, item in enumerate(items)}
        return KeptScores(
            self.settings,
            {item.id: (item.version, period, item.time) for item, period in zip(items, index.period)}, described,
            {items[p].id: {items[o].id: score for o, score in found.items()} for p, found in self.scored.items()},
            {(items[a].id, items[b].id): features for (a, b), features in self.shared.items()})


def cluster(items: Sequence[Item], settings: GroupingSettings) -> Clusters:
    """Groups of the items: explicit keys as given, the free items joined to their most similar story.
    (``rescoring.recluster`` gives the same from an earlier clustering of nearly the same items.)"""
    index = Index(items, settings.window_days * 86400) if settings.auto else None
    return placed(items, settings, index, {}, {})


def placed(items: Sequence[Item], settings: GroupingSettings, index: Index | None, scored: dict[int, dict[int, float]],
           shared: dict[tuple[int, int], tuple[str, ...]]) -> Clusters:
    """``cluster``'s groups, from the ``index`` of the items (None without automatic grouping) and what of
    their similarities (``scored``, completed here) and of their links' features (``shared``) is known."""
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
            choice = best_group(scored[position], group_of, keys, settings,
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
    near = near_miss_pairs(items, scored, group_of, index, settings) if index else ()
    return Clusters(
        groups=tuple(tuple(items[i].id for i in sorted(g, key=lambda i: (items[i].time, items[i].id)))
                     for g in groups),
        keys=tuple(keys), links=tuple(links), near_misses=near,
        scoring=Scoring(settings, index, scored, used, group_of, partners) if index else None)




def best_group(similar: dict[int, float], group_of: dict[int, int], keys: list[str | None],
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


def near_miss_pairs(items, scored, group_of, index, settings, limit: int = 50) -> tuple[Pair, ...]:
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
