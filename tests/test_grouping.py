"""The group stage: explicit story keys make stories; every other article stands alone."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from site_builder.grouping import group_stories, shorten
from site_builder.model import Article

DAY = datetime(2025, 7, 12, 9, tzinfo=timezone.utc)


def make_article(article_id: str, hours: int = 0, story: str | None = None, lang: str = "en",
                 source: str = "Wire", summary: str | None = None) -> Article:
    return Article(id=article_id, source_path=f"content/{article_id}.md", title=f"Title {article_id}",
                   date=DAY + timedelta(hours=hours), source=source, lang=lang, slug=f"slug-{article_id}",
                   body="", story=story, summary=summary, text=f"A long enough paragraph of text for {article_id}, "
                   "long enough to serve as the lead of a story.")


def test_articles_sharing_a_key_form_one_story_in_time_order():
    stories = group_stories([make_article("b", 5, "k", source="Two"), make_article("a", 1, "k", source="One")], "en")
    assert len(stories) == 1
    story = stories[0]
    assert (story.id, story.slug, story.article_ids, story.sources) == ("k", "k", ("a", "b"), ("One", "Two"))
    assert (story.first_reported, story.last_updated, story.explicit) == (DAY + timedelta(hours=1),
                                                                          DAY + timedelta(hours=5), True)


def test_an_article_without_a_key_is_a_story_of_its_own_with_its_slug():
    (story,) = group_stories([make_article("solo")], "en")
    assert (story.id, story.slug, story.article_ids, story.explicit) == ("solo", "slug-solo", ("solo",), False)


def test_stories_are_listed_most_recently_updated_first():
    stories = group_stories([make_article("old", 1), make_article("new", 9), make_article("mid", 5, "k")], "en")
    assert [s.id for s in stories] == ["new", "k", "old"]


def test_the_headline_prefers_the_sites_language_then_the_earliest_report():
    articles = [make_article("it", 1, "k", lang="it"), make_article("en", 3, "k", lang="en-GB")]
    assert group_stories(articles, "en")[0].title == "Title en"
    assert group_stories(articles, "de")[0].title == "Title it"


def test_the_lead_is_the_summary_when_the_curator_wrote_one():
    (story,) = group_stories([make_article("a", summary="The curator's summary.")], "en")
    assert story.lead == "The curator's summary."


def test_story_slugs_never_collide():
    stories = group_stories([make_article("x", 1, "slug-y"), make_article("y", 2)], "en")
    assert sorted(s.slug for s in stories) == ["slug-y", "slug-y-2"]


def test_long_leads_are_cut_at_a_word_with_an_ellipsis():
    assert shorten("word " * 100, limit=22) == "word word word word…"
