"""The group stage: explicit keys, automatic grouping, stable story URLs and redirects."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from site_builder.config import GroupingSettings
from site_builder.stories.grouping import StoryState, group_stories, shorten
from site_builder.model import Article

DAY = datetime(2025, 7, 12, 9, tzinfo=timezone.utc)
MANUAL = GroupingSettings(auto=False)


def make_article(article_id: str, hours: float = 0, story: str | None = None, lang: str = "en",
                 source: str = "Wire", summary: str | None = None, text: str | None = None,
                 groupable: bool = True) -> Article:
    return Article(id=article_id, source_path=f"content/{article_id}.md", title=f"Title {article_id}",
                   date=DAY + timedelta(hours=hours), source=source, lang=lang, slug=f"slug-{article_id}",
                   body="", story=story, summary=summary, groupable=groupable,
                   text=text or f"A long enough paragraph of text for {article_id}, long enough to serve as a lead.")


def stories_of(articles, settings=MANUAL, previous=StoryState({}, {}), language="en"):
    return group_stories(articles, language, settings, previous).stories


def test_articles_sharing_a_key_form_one_story_in_time_order():
    (story,) = stories_of([make_article("b", 5, "k", source="Two"), make_article("a", 1, "k", source="One")])
    assert (story.id, story.slug, story.article_ids, story.sources) == ("k", "k", ("a", "b"), ("One", "Two"))
    assert (story.first_reported, story.last_updated, story.explicit) == (DAY + timedelta(hours=1),
                                                                          DAY + timedelta(hours=5), True)


def test_without_automatic_grouping_an_article_without_a_key_stands_alone():
    (story,) = stories_of([make_article("solo")])
    assert (story.id, story.slug, story.article_ids, story.explicit) == ("solo", "slug-solo", ("solo",), False)


def test_stories_are_listed_most_recently_updated_first():
    stories = stories_of([make_article("old", 1), make_article("new", 9), make_article("mid", 5, "k")])
    assert [s.id for s in stories] == ["new", "k", "old"]


def test_the_headline_prefers_the_sites_language_then_the_earliest_report():
    articles = [make_article("it", 1, "k", lang="it"), make_article("en", 3, "k", lang="en-GB")]
    assert stories_of(articles)[0].title == "Title en"
    assert stories_of(articles, language="de")[0].title == "Title it"


def test_the_lead_is_the_summary_when_the_curator_wrote_one():
    (story,) = stories_of([make_article("a", summary="The curator's summary.")])
    assert story.lead == "The curator's summary."


def test_story_slugs_never_collide():
    stories = stories_of([make_article("x", 1, "slug-y"), make_article("y", 2)])
    assert sorted(s.slug for s in stories) == ["slug-y", "slug-y-2"]


def test_long_leads_are_cut_at_a_word_with_an_ellipsis():
    assert shorten("word " * 100, limit=22) == "word word word word…"


QUAKE = "A magnitude 6.4 earthquake struck Hualien on Tuesday, Taiwan's Central Weather Administration said."
QUAKE_IT = "Un terremoto di magnitudo 6.4 ha colpito Hualien martedì, secondo la Central Weather Administration."
OTHER = "Apple unveiled the iPhone 17 in Cupertino, with Tim Cook on stage."


def test_reports_of_one_event_group_automatically_across_languages():
    articles = [make_article("en", 0, text=QUAKE), make_article("it", 5, lang="it", text=QUAKE_IT),
                make_article("apple", 2, text=OTHER)]
    stories = stories_of(articles, GroupingSettings())
    assert sorted(s.article_ids for s in stories) == [("apple",), ("en", "it")]
    quake = next(s for s in stories if len(s.article_ids) == 2)
    assert not quake.explicit and quake.slug == "slug-en" and "e:hualien" in quake.evidence


def test_reports_far_apart_in_time_do_not_group():
    articles = [make_article("en", 0, text=QUAKE), make_article("it", 24 * 30, lang="it", text=QUAKE_IT)]
    assert len(stories_of(articles, GroupingSettings())) == 2


def test_an_article_can_join_a_story_with_an_explicit_key():
    articles = [make_article("keyed", 0, "taiwan-quake", text=QUAKE), make_article("free", 3, lang="it", text=QUAKE_IT)]
    (story,) = stories_of(articles, GroupingSettings())
    assert (story.id, story.article_ids) == ("taiwan-quake", ("keyed", "free"))


def test_an_article_kept_out_of_stories_stays_alone():
    articles = [make_article("en", 0, text=QUAKE), make_article("it", 5, lang="it", text=QUAKE_IT, groupable=False)]
    assert len(stories_of(articles, GroupingSettings())) == 2


def test_an_automatic_story_keeps_its_slug_when_an_earlier_report_joins():
    previous = StoryState({"slug-late": ("late",)}, {})
    articles = [make_article("late", 5, text=QUAKE), make_article("early", 0, lang="it", text=QUAKE_IT)]
    (story,) = stories_of(articles, GroupingSettings(), previous)
    assert story.slug == "slug-late" and story.article_ids == ("early", "late")


def test_a_story_merged_into_another_leaves_a_redirect():
    previous = StoryState({"slug-en": ("en",), "slug-it": ("it",)}, {"older": "slug-it"})
    articles = [make_article("en", 0, text=QUAKE), make_article("it", 5, lang="it", text=QUAKE_IT)]
    grouping = group_stories(articles, "en", GroupingSettings(), previous)
    assert [s.slug for s in grouping.stories] == ["slug-en"]
    assert grouping.redirects == {"older": "slug-en", "slug-it": "slug-en"}


def test_unrelated_reports_of_one_day_stay_apart_on_a_small_site():
    articles = [
        make_article("bank", 0, text="The central bank raised interest rates by a quarter point on Tuesday, its first "
                                     "increase in 2025. Governor Maria Lopez said inflation remained too high."),
        make_article("club", 6, text="The football club signed a new striker on Tuesday, its biggest transfer in 2025. "
                                     "Coach Pep Romero said the team needed goals."),
        make_article("fire", 1, lang="it", text="Un vasto incendio è scoppiato il 12 luglio 2025 nella periferia di "
                                                "Roma. I vigili del fuoco hanno evacuato mille persone."),
        make_article("rice", 2, lang="id", text="Harga beras di pasar Jakarta naik tajam pada 12 Juli 2025, menurut "
                                                "pedagang setempat."),
    ]
    assert len(stories_of(articles, GroupingSettings())) == 4
