"""Front matter: from the text of one article to an Article, or to problems that say where, what and how.

Every message is asserted in full, as `str(problem)` is exactly what a curator reads.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

import pytest

from site_builder.errors import WARNING
from site_builder.content.frontmatter import ArticleDefaults, parse_article, split_front_matter
from site_builder.model import Article
from site_builder.content.slugs import is_safe_slug, slugify

PATH = "content/a.md"
DEFAULTS = ArticleDefaults(language="en", timezone="UTC")
REQUIRED = "title: T\ndate: 2025-07-12\nsource: S\n"
"""The three required keys, on lines 2 to 4: a key added after them stands on line 5."""
DATE_HINT = "write a date as 2025-07-12, or a time as 2025-07-12T09:30:00+07:00"


def fenced(front: str, body: str = "Body\n") -> str:
    return f"---\n{front}---\n{body}"


def messages(text: str, defaults: ArticleDefaults = DEFAULTS) -> list[str]:
    _, problems = parse_article(text, PATH, "a", defaults)
    return [str(problem) for problem in sorted(problems)]


def parsed(text: str, defaults: ArticleDefaults = DEFAULTS, expected: Sequence[str] = ()) -> Article:
    """The article, after checking that exactly the ``expected`` warnings came with it."""
    article, problems = parse_article(text, PATH, "a", defaults)
    assert [str(problem) for problem in sorted(problems)] == list(expected)
    assert article is not None
    return article


# split_front_matter


@pytest.mark.parametrize("text, front, body, body_line", [
    ("---\ntitle: x\n---\nThe body.\n", "title: x\n", "The body.\n", 4),
    ("---\ntitle: x\n...\nThe body.\n", "title: x\n", "The body.\n", 4),
    ("---  \ntitle: x\n---\t\nThe body.\n", "title: x\n", "The body.\n", 4),
    ("---\r\ntitle: x\r\n---\r\nThe body.\r\n", "title: x\r\n", "The body.\r\n", 4),
    ("---\n---\n", "", "", 3),
    ("---\na: 1\nb: 2\n---\n---\nmore\n", "a: 1\nb: 2\n", "---\nmore\n", 5),
], ids=["dashes", "dots-closing", "trailing-blanks", "crlf", "empty-front-matter", "rule-in-body"])
def test_front_matter_is_split_from_the_body_at_the_first_closing_fence(text, front, body, body_line):
    assert split_front_matter(text, PATH) == (front, body, body_line, [])


@pytest.mark.parametrize("text, expected", [
    ("", "content/a.md:1:1: the file is empty; start it with front matter between two `---` lines, then the text"),
    (" \n\n\t\n", "content/a.md:1:1: the file is empty; start it with front matter between two `---` lines, then "
                  "the text"),
    ("Just a body.\n", "content/a.md:1:1: the file does not start with front matter; put `---` on the first line, "
                       "the keys, then `---` again"),
    ("Intro\n---\ntitle: x\n---\n", "content/a.md:1:1: the file does not start with front matter; put `---` on "
                                    "the first line, the keys, then `---` again"),
    ("---\ntitle: x\nThe body.\n", "content/a.md:1:1: front matter is never closed; add a line `---` after the "
                                   "last key"),
], ids=["empty", "only-blank-lines", "no-front-matter", "front-matter-not-first", "never-closed"])
def test_a_file_without_well_fenced_front_matter_is_reported_once_and_not_parsed(text, expected):
    front, _, _, problems = split_front_matter(text, PATH)
    assert front is None
    assert [str(problem) for problem in problems] == [expected]
    assert messages(text) == [expected]


# parse_article: mistakes


@pytest.mark.parametrize("text, expected", [
    pytest.param(fenced("title: Breaking: news\ndate: 2025-07-12\nsource: S\n"), [
        "content/a.md:2:16: front matter is not valid YAML (mapping values are not allowed in this context); "
        "put values containing \": \" in quotes"], id="unquoted-title-with-colon"),
    pytest.param(fenced("- title\n- date\n"), [
        "content/a.md:2:1: front matter must be a mapping of keys to values, not a list; write one `key: value` "
        "per line"], id="list"),
    pytest.param(fenced("just a sentence\n"), [
        "content/a.md:2:1: front matter must be a mapping of keys to values, not a single value; write one "
        "`key: value` per line"], id="single-value"),
    pytest.param(fenced(REQUIRED + "title: U\n"), [
        "content/a.md:5:1: duplicate key 'title' (first set on line 2); keep only one of them"], id="duplicate-key"),
    pytest.param(fenced("[a, b]: 1\n" + REQUIRED), [
        "content/a.md:2:1: a key must be a plain name; write `name: value`"], id="list-as-key"),
    pytest.param(fenced("summary: S\n"), [
        "content/a.md:2:1: required key 'date' is missing; add `date: ...`",
        "content/a.md:2:1: required key 'source' is missing; add `source: ...`",
        "content/a.md:2:1: required key 'title' is missing; add `title: ...`"], id="required-keys-missing"),
    pytest.param(fenced("title:\ndate: ''\nsource: ''\n"), [
        "content/a.md:2:1: required key 'title' is empty; add `title: ...`",
        "content/a.md:3:1: required key 'date' is empty; add `date: ...`",
        "content/a.md:4:1: required key 'source' is empty; add `source: ...`"], id="required-keys-empty"),
    pytest.param(fenced("title: T\ndate: '2025-13-45'\nsource: S\n"), [
        f"content/a.md:3:7: date '2025-13-45' does not parse; {DATE_HINT}"], id="quoted-impossible-date"),
    pytest.param(fenced("title: T\ndate: last Tuesday\nsource: S\n"), [
        f"content/a.md:3:7: date 'last Tuesday' does not parse; {DATE_HINT}"], id="date-in-words"),
    pytest.param(fenced("title: T\ndate: 1752300000\nsource: S\n"), [
        "content/a.md:3:7: 'date' must be a date, not a number; write a date as 2025-07-12"], id="date-as-number"),
    pytest.param(fenced("title: 1984\ndate: 2025-07-12\nsource: S\n"), [
        "content/a.md:2:8: 'title' must be text, not a number; put the value in quotes: title: \"1984\""],
        id="title-number"),
    pytest.param(fenced(REQUIRED + "tags: 5\n"), [
        "content/a.md:5:7: 'tags' must be text or a list of texts, not a number; write `tags: [first, second]`"],
        id="tags-number"),
    pytest.param(fenced(REQUIRED + "author: 5\n"), [
        "content/a.md:5:9: 'author' must be text or a list of texts, not a number; write `author: [first, "
        "second]`"], id="author-number"),
    pytest.param(fenced(REQUIRED + 'draft: "yes"\n'), [
        "content/a.md:5:8: 'draft' must be true or false, not 'yes'; write `draft: true` or `draft: false`"],
        id="draft-quoted-yes"),
    pytest.param(fenced(REQUIRED + "story: [a, b]\n"), [
        "content/a.md:5:8: 'story' must be a story key or false, not a list; write `story: "
        "openai-open-model-delay`, or `story: false` to keep the article out of any story"], id="story-list"),
    pytest.param(fenced(REQUIRED + "lang: klingon\n"), [
        "content/a.md:5:7: unknown language code 'klingon'; use a BCP 47 code such as en, id, it or pt-BR"],
        id="unknown-language"),
    pytest.param(fenced(REQUIRED + "url: javascript:alert(1)\n"), [
        "content/a.md:5:6: 'url' must be an absolute http(s) URL, not 'javascript:alert(1)'; write for example "
        "`url: https://example.org/...`"], id="javascript-url"),
    pytest.param(fenced(REQUIRED + "image: /etc/passwd\n"), [
        "content/a.md:5:8: 'image' must be an absolute http(s) URL or a path relative to the article, not "
        "'/etc/passwd'; write for example `image: https://example.org/...`"], id="absolute-image-path"),
    pytest.param(fenced(REQUIRED + "slug: ../../etc\n"), [
        "content/a.md:5:7: slug '../../etc' is not a safe URL segment; use lower-case letters, digits and '-', "
        "e.g. `slug: etc`"], id="unsafe-slug"),
    pytest.param(fenced(REQUIRED + "id: ../outside\n"), [
        "content/a.md:5:5: id '../outside' may only contain letters, digits, '-', '_', '.' and '/'; choose a "
        "simpler id, or remove the key to use the file path"], id="unsafe-id"),
    pytest.param(fenced(REQUIRED + "extra: !custom 1\n"), [
        "content/a.md:5:8: 'extra' has a value YAML cannot read (could not determine a constructor for the tag "
        "'!custom'); remove the `!tag`; only plain YAML values are allowed"], id="custom-tag"),
    pytest.param(fenced("title: 1984\ndate: soon\nsource: S\ntags: 5\ntittle: X\n"), [
        "content/a.md:2:8: 'title' must be text, not a number; put the value in quotes: title: \"1984\"",
        f"content/a.md:3:7: date 'soon' does not parse; {DATE_HINT}",
        "content/a.md:5:7: 'tags' must be text or a list of texts, not a number; write `tags: [first, second]`",
        "content/a.md:6:1: warning: unknown front matter key 'tittle'; did you mean 'title'?"],
        id="several-at-once"),
])
def test_each_front_matter_mistake_is_reported_with_its_place_and_its_fix(text, expected):
    article, problems = parse_article(text, PATH, "a", DEFAULTS)
    assert article is None
    assert [str(problem) for problem in sorted(problems)] == expected


def test_a_python_tag_is_refused_and_never_executed(tmp_path):
    marker = tmp_path / "executed"
    text = fenced(REQUIRED + f"x: !!python/object/apply:os.system ['touch {marker}']\n")
    assert messages(text) == [
        "content/a.md:5:4: 'x' has a value YAML cannot read (could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'); remove the `!tag`; only plain YAML values are allowed"]
    assert not marker.exists()


@pytest.mark.parametrize("value", ["2025-13-45", "2025-02-30", "2025-07-12T25:00:00+07:00"])
def test_a_date_that_does_not_exist_is_reported_at_its_value(value):
    text = fenced(f"title: T\ndate: {value}\nsource: S\n")
    assert messages(text) == [f"content/a.md:3:7: date '{value}' does not parse; {DATE_HINT}"]


@pytest.mark.parametrize("text, expected", [
    (fenced("\ttitle: T\ndate: 2025-07-12\nsource: S\n"),
     "content/a.md:2:1: front matter is not valid YAML (found character that cannot start any token); "
     "indent with spaces, not tabs"),
    (fenced("title: T\n\tdate: 2025-07-12\nsource: S\n"),
     "content/a.md:3:1: front matter is not valid YAML (found a tab character that violates indentation); "
     "indent with spaces, not tabs"),
    (fenced(REQUIRED + "tags:\n\t- a\n"),
     "content/a.md:6:1: front matter is not valid YAML (found character that cannot start any token); "
     "indent with spaces, not tabs"),
], ids=["before-first-key", "before-a-later-key", "before-a-list-item"])
def test_a_tab_in_the_indentation_is_reported_with_the_advice_to_use_spaces(text, expected):
    assert messages(text) == [expected]


@pytest.mark.parametrize("line, expected", [
    ("summary: 'never closed\n", "content/a.md:5:10: front matter is not valid YAML (found unexpected end of "
                                 "stream); close the quote or bracket that was opened"),
    ("tags: [a, b\n", "content/a.md:5:7: front matter is not valid YAML (did not find expected ',' or ']'); "
                      "close the quote or bracket that was opened"),
], ids=["quote", "bracket"])
def test_a_quote_or_bracket_left_open_is_reported_where_it_opens(line, expected):
    assert messages(fenced(REQUIRED + line)) == [expected]


def test_a_blank_required_key_is_reported_like_an_empty_one():
    text = fenced("title: '   '\ndate: 2025-07-12\nsource: S\n")
    assert messages(text) == ["content/a.md:2:1: required key 'title' is empty; add `title: ...`"]


def test_a_list_with_one_item_that_is_not_text_does_not_claim_it_is_not_a_list():
    [message] = messages(fenced(REQUIRED + "tags: [economy, 5]\n"))
    assert "not a list" not in message


def test_a_date_without_a_time_is_never_said_to_have_a_time():
    _, problems = parse_article(fenced("title: T\ndate: '20250712'\nsource: S\n"), PATH, "a", DEFAULTS)
    assert not any("has a time" in problem.message for problem in problems)


# parse_article: what an article holds


def test_a_date_alone_is_midnight_in_the_site_time_zone_and_marked_date_only():
    article = parsed(fenced(REQUIRED), ArticleDefaults("en", "Asia/Jakarta"))
    assert article.date == datetime(2025, 7, 12, tzinfo=timezone(timedelta(hours=7)))
    assert article.date_only is True


@pytest.mark.parametrize("value", ["2025-07-12T09:30:00+07:00", "'2025-07-12T09:30:00+07:00'"])
def test_a_time_with_an_offset_is_kept_as_given(value):
    article = parsed(fenced(f"title: T\ndate: {value}\nsource: S\n"))
    assert article.date == datetime(2025, 7, 12, 9, 30, tzinfo=timezone(timedelta(hours=7)))
    assert article.date_only is False


@pytest.mark.parametrize("value", ["2025-07-12 09:30:00", "2025-07-12T09:30:00", "'2025-07-12T09:30'"])
def test_a_time_without_a_zone_is_a_warning_and_the_site_time_zone_is_assumed(value):
    warning = "content/a.md:3:7: warning: date has a time but no time zone; add one (e.g. +07:00); " \
              "Europe/Rome is assumed"
    article = parsed(fenced(f"title: T\ndate: {value}\nsource: S\n"), ArticleDefaults("en", "Europe/Rome"),
                     expected=[warning])
    assert article.date.isoformat() == "2025-07-12T09:30:00+02:00"


def test_an_article_holds_every_key_it_was_given():
    text = fenced("title: '  Jakarta floods  '\ndate: 2025-07-12\nsource: Kompas\nlang: id\n"
                  "url: https://kompas.example/a\nauthors: [Ani, Budi, Ani]\nstory: jakarta-floods\n"
                  "tags: [weather, jakarta]\nsummary: Rain.\nimage: img/flood.jpg\nslug: floods\nid: 2025/floods\n"
                  "draft: true\n", body="Text.\n")
    article = parsed(text)
    assert (article.id, article.source_path, article.title, article.source, article.lang) == \
        ("2025/floods", PATH, "Jakarta floods", "Kompas", "id")
    assert (article.url, article.authors, article.story, article.groupable) == \
        ("https://kompas.example/a", ("Ani", "Budi"), "jakarta-floods", True)
    assert (article.tags, article.summary, article.image, article.slug, article.draft) == \
        (("weather", "jakarta"), "Rain.", "img/flood.jpg", "floods", True)
    assert (article.body, article.body_line, article.extra) == ("Text.\n", 16, {})


def test_the_id_and_slug_come_from_the_path_and_title_when_not_given():
    article = parsed(fenced("title: Hello, World!\ndate: 2025-07-12\nsource: S\n"))
    assert (article.id, article.slug) == ("a", "hello-world")


@pytest.mark.parametrize("site_language, lang_line, expected", [
    ("it", "", "it"),
    ("it", "lang: ''\n", "it"),
    ("it", "lang: pt-BR\n", "pt-BR"),
])
def test_the_language_defaults_to_the_site_language(site_language, lang_line, expected):
    assert parsed(fenced(REQUIRED + lang_line), ArticleDefaults(site_language, "UTC")).lang == expected


@pytest.mark.parametrize("story_line, story, groupable", [
    ("", None, True),
    ("story: false\n", None, False),
    ("story: jakarta-floods\n", "jakarta-floods", True),
    ("story: 2025\n", "2025", True),
])
def test_story_false_keeps_the_article_out_of_any_story(story_line, story, groupable):
    article = parsed(fenced(REQUIRED + story_line))
    assert (article.story, article.groupable) == (story, groupable)


@pytest.mark.parametrize("author_lines, authors", [
    ("author: Ani\n", ("Ani",)),
    ("author: [Ani, Budi]\n", ("Ani", "Budi")),
    ("authors:\n  - Ani\n  - Budi\n", ("Ani", "Budi")),
    ("", ()),
])
def test_the_author_may_be_one_name_or_a_list(author_lines, authors):
    assert parsed(fenced(REQUIRED + author_lines)).authors == authors


def test_an_unknown_key_is_a_warning_with_a_suggestion_and_its_value_is_kept():
    warning = "content/a.md:5:1: warning: unknown front matter key 'tittle'; did you mean 'title'?"
    article = parsed(fenced(REQUIRED + "tittle: Typo\n"), expected=[warning])
    assert article.extra == {"tittle": "Typo"}


def test_an_unknown_key_unlike_any_known_one_is_said_to_be_kept_for_templates():
    _, [problem] = parse_article(fenced(REQUIRED + "paywall: true\n"), PATH, "a", DEFAULTS)
    assert problem.severity == WARNING
    assert str(problem) == ("content/a.md:5:1: warning: unknown front matter key 'paywall'; it is kept for "
                            "templates as article.extra.paywall; list it under `extra_keys` in site.yaml to "
                            "silence this warning")


def test_a_key_listed_in_extra_keys_is_kept_without_a_warning():
    defaults = ArticleDefaults("en", "UTC", extra_keys=frozenset({"paywall"}))
    assert parsed(fenced(REQUIRED + "paywall: true\n"), defaults).extra == {"paywall": True}


def test_crlf_line_endings_parse_like_lf_and_lines_are_counted_alike():
    article = parsed(fenced(REQUIRED).replace("\n", "\r\n"))
    assert (article.title, article.source, article.body_line, article.body) == ("T", "S", 6, "Body\r\n")
    mistaken = fenced("title: 1984\ndate: 2025-07-12\nsource: S\n")
    assert messages(mistaken.replace("\n", "\r\n")) == messages(mistaken) != []


# slugs


@pytest.mark.parametrize("title, slug", [
    ("Hello, World!", "hello-world"),
    ("  -Spaced-  out- ", "spaced-out"),
    ("Don't stop", "don-t-stop"),
    ("Ça va très bien", "ca-va-tres-bien"),
    ("Москва", "moskva"),
    ("東京", "dong-jing"),
    ("北京大学", "bei-jing-da-xue"),
    ("word " * 30, "-".join(["word"] * 16)),
    ("a" * 100, "a" * 80),
])
def test_a_title_in_any_script_gives_a_readable_ascii_slug(title, slug):
    assert slugify(title) == slug


@pytest.mark.parametrize("title", ["!!!", "CON", "lpt1", "—"])
def test_a_title_with_no_usable_word_gives_a_stable_hash_seeded_by_the_fallback(title):
    slug = slugify(title, fallback="content/a")
    assert re.fullmatch(r"([a-z0-9]+-)?[0-9a-f]{10}", slug)
    assert slug == slugify(title, fallback="content/a") != slugify(title, fallback="content/b")
    assert is_safe_slug(slug)


@pytest.mark.parametrize("slug, safe", [
    ("floods", True), ("jakarta-floods-2025", True), ("a" * 80, True),
    ("a" * 81, False), ("", False), ("Floods", False), ("a--b", False), ("-a", False), ("a-", False),
    ("a_b", False), ("a/b", False), ("../../etc", False), ("é", False), ("con", False), ("nul", False),
])
def test_only_slugs_in_the_form_slugify_gives_are_safe(slug, safe):
    assert is_safe_slug(slug) is safe


def test_the_two_letter_codes_known_without_langcodes_are_exactly_those_it_holds_valid():
    import itertools
    import string

    import langcodes

    from site_builder.content.yamldoc import TWO_LETTER_LANGUAGES, is_language_tag

    codes = ["".join(pair) for pair in itertools.product(string.ascii_lowercase, repeat=2)]
    assert {code for code in codes if langcodes.tag_is_valid(code)} == TWO_LETTER_LANGUAGES
    assert [is_language_tag(tag) for tag in ("pt-BR", "zh-Hant", "EN", "klingon", "xx", "")] == [
        langcodes.tag_is_valid(tag) for tag in ("pt-BR", "zh-Hant", "EN", "klingon", "xx", "")]
