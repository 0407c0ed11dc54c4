"""Automatic grouping scored with BCubed precision, recall and F1 against labelled stories: our own
multilingual corpus (tests/grouping_corpus) and the real English set in ../shared/data. The figures are
printed at the end of the test run."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from conftest import require_shared

from site_builder.cleaning.clean import clean_article
from site_builder.config import GroupingSettings
from site_builder.content.frontmatter import ArticleDefaults, parse_article
from site_builder.stories.grouping import group_stories

HERE = Path(__file__).parent
OWN = HERE / "grouping_corpus"
ENGLISH = HERE.parent.parent / "shared" / "data" / "stories-en-public"
REPORT_LINES: list[str] = []


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    cross_found: int
    cross_total: int

    def line(self, label: str, articles: int) -> str:
        cross = (f", cross-language pairs found {self.cross_found}/{self.cross_total} "
                 f"({self.cross_found / self.cross_total:.1%})" if self.cross_total else "")
        return (f"{label} ({articles} articles): BCubed precision {self.precision:.3f}, recall {self.recall:.3f}, "
                f"F1 {self.f1:.3f}{cross}")


def load_labelled(folder: Path) -> tuple[list, dict[str, str]]:
    articles = []
    for path in sorted((folder / "articles").glob("*.md")):
        article, problems = parse_article(path.read_text(encoding="utf-8"), path.name, path.stem,
                                          ArticleDefaults("en", "UTC"))
        assert article is not None, [str(p) for p in problems]
        articles.append(clean_article(article))
    rows = (line.split("\t") for line in (folder / "labels.tsv").read_text(encoding="utf-8").splitlines() if line)
    return articles, {article_id: story for article_id, story in rows}


def bcubed(articles, labels: dict[str, str], predicted: dict[str, str]) -> Score:
    gold, found = defaultdict(set), defaultdict(set)
    for article in articles:
        gold[labels[article.id]].add(article.id)
        found[predicted[article.id]].add(article.id)
    precision = recall = 0.0
    for article in articles:
        same = gold[labels[article.id]] & found[predicted[article.id]]
        precision += len(same) / len(found[predicted[article.id]])
        recall += len(same) / len(gold[labels[article.id]])
    precision, recall = precision / len(articles), recall / len(articles)
    lang = {a.id: a.lang for a in articles}
    cross = [(a, b) for members in gold.values() for a in members for b in members if a < b and lang[a] != lang[b]]
    found_cross = sum(predicted[a] == predicted[b] for a, b in cross)
    return Score(precision, recall, 2 * precision * recall / (precision + recall), found_cross, len(cross))


def score_folder(folder: Path) -> tuple[Score, int]:
    articles, labels = load_labelled(folder)
    grouping = group_stories(articles, "en", GroupingSettings())
    predicted = {article_id: story.id for story in grouping.stories for article_id in story.article_ids}
    return bcubed(articles, labels, predicted), len(articles)


def test_own_corpus_is_multilingual_with_many_events():
    articles, labels = load_labelled(OWN)
    stories = defaultdict(set)
    for article in articles:
        stories[labels[article.id]].add(article.lang)
    assert len(articles) >= 80 and len({a.lang for a in articles}) >= 5
    assert sum(len(languages) >= 2 for languages in stories.values()) >= 10


def test_grouping_finds_the_events_of_the_multilingual_corpus():
    score, count = score_folder(OWN)
    REPORT_LINES.append(score.line("grouping corpus, 6+ languages", count))
    assert score.f1 >= 0.92 and score.cross_found / score.cross_total >= 0.8, score


def test_grouping_scores_on_the_real_english_roundups():
    score, count = score_folder(require_shared(ENGLISH))
    REPORT_LINES.append(score.line("stories-en-public (AllSides roundups)", count))
    assert score.f1 >= 0.85, score


def test_scoring_counts_a_perfect_and_a_merged_grouping_right():
    class A:
        def __init__(self, id, lang):
            self.id, self.lang = id, lang
    articles = [A("a", "en"), A("b", "it"), A("c", "en")]
    labels = {"a": "1", "b": "1", "c": "2"}
    assert bcubed(articles, labels, {"a": "x", "b": "x", "c": "y"}) == Score(1.0, 1.0, 1.0, 1, 1)
    merged = bcubed(articles, labels, {"a": "x", "b": "x", "c": "x"})
    assert (round(merged.precision, 3), merged.recall) == (0.556, 1.0)


def test_articles_of_a_later_year_leave_the_stories_of_an_earlier_one_as_they_were():
    """The roundups, and the same roundups again two years later (the same names, places and words):
    the earlier stories are those the earlier articles make alone. With weights counted over the whole
    archive the later articles made the earlier names commoner, and earlier stories split."""
    from dataclasses import replace
    from datetime import timedelta

    articles, _ = load_labelled(require_shared(ENGLISH))
    later = [replace(a, id=f"later-{a.id}", date=a.date + timedelta(days=730)) for a in articles]

    alone = group_stories(articles, "en", GroupingSettings())
    together = group_stories(articles + later, "en", GroupingSettings())

    earlier_ids = {a.id for a in articles}
    assert sorted(s.article_ids for s in alone.stories) == sorted(
        s.article_ids for s in together.stories if earlier_ids.issuperset(s.article_ids))
    assert all(earlier_ids.isdisjoint(s.article_ids) or earlier_ids.issuperset(s.article_ids)
               for s in together.stories)
