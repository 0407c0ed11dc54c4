"""From the text of one Markdown file to an Article, with every problem in it located.

Pure: it takes text and returns data; reading the file is the load stage's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from site_builder.errors import WARNING, Problem
from site_builder.config import read_rule_names
from site_builder.model import Article
from site_builder.content.slugs import is_safe_slug, slugify
from site_builder.content.yamldoc import (YamlDoc, parse_yaml_mapping, read_bool, read_language, read_text,
                                  read_text_list, type_name, unprintable_problem, warn_unknown_keys)

FENCE = re.compile(r"^---[ \t]*$")
CLOSING_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")
LINE_ENDS = "\r\n\u2028\u2029"
"""What may end a line, for YAML as for str.splitlines (the other characters splitlines takes are refused
as unprintable before)."""
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
"""Publication dates outside these years are typing mistakes (2205 for 2025), and the far ones would
not even convert between time zones."""
LONGEST_LABEL = 300
"""Characters a title, source, author, tag or story key may have: a longer one is text pasted into
the wrong place."""
KNOWN_KEYS = {"title", "date", "source", "lang", "url", "author", "authors", "story", "tags", "summary",
              "image", "slug", "id", "draft", "clean"}


@dataclass(frozen=True)
class ArticleDefaults:
    """What front matter may leave out, taken from the site configuration."""

    language: str
    """`lang` of articles that give none."""
    timezone: str
    """Zone of dates and times given without one."""
    extra_keys: frozenset[str] = frozenset()
    """Keys the curator declared in site.yaml: kept without a warning."""


def split_front_matter(text: str, path: str) -> tuple[str | None, str, int, list[Problem]]:
    """(front matter text, body, line the body starts on, problems)."""
    lines = text.splitlines(keepends=True)
    if not text.strip():
        return None, "", 1, [Problem(path, 1, 1, "the file is empty",
                                     "start it with front matter between two `---` lines, then the text")]
    if not FENCE.match(lines[0].rstrip(LINE_ENDS)):
        return None, text, 1, [Problem(path, 1, 1, "the file does not start with front matter",
                                       "put `---` on the first line, the keys, then `---` again")]
    for index, line in enumerate(lines[1:], start=1):
        if CLOSING_FENCE.match(line.rstrip(LINE_ENDS)):
            return "".join(lines[1:index]), "".join(lines[index + 1:]), index + 2, []
    return None, "", 1, [Problem(path, 1, 1, "front matter is never closed",
                                 "add a line `---` after the last key")]


def parse_article(text: str, path: str, article_id: str,
                  defaults: ArticleDefaults) -> tuple[Article | None, list[Problem]]:
    """Validate one article's text; ``article_id`` is its path-derived id (the `id` key may replace it)."""
    unprintable = unprintable_problem(text, path)
    if unprintable:
        return None, [unprintable]
    front, body, body_line, problems = split_front_matter(text, path)
    if front is None:
        return None, problems
    doc, problems = parse_yaml_mapping(front, path, first_line=2)
    if doc is None:
        return None, problems
    article = _article_from(doc, body, body_line, article_id, defaults, problems)
    _check_label_lengths(doc, problems)
    _warn_unknown_keys(doc, defaults, problems)
    if any(p.is_error for p in problems):
        return None, problems
    if not body.strip():
        problems.append(Problem(path, body_line, 1, "the article has no text", "paste the article's text below "
                                "the `---` that closes the front matter", WARNING))
    return article, problems


def _article_from(doc: YamlDoc, body: str, body_line: int, article_id: str, defaults: ArticleDefaults,
                  problems: list[Problem]) -> Article | None:
    title = read_text(doc, "title", problems, required=True)
    when, date_only = _read_date(doc, problems, ZoneInfo(defaults.timezone))
    source = read_text(doc, "source", problems, required=True)
    story, groupable = _read_story(doc, problems)
    fields = dict(
        id=_read_id(doc, problems) or article_id,
        source_path=doc.path,
        title=title or "",
        date=when,
        source=source or "",
        lang=read_language(doc, "lang", problems, defaults.language),
        slug=_read_slug(doc, problems) or slugify(title or article_id, fallback=article_id),
        slug_given="slug" in doc.data,
        body=body,
        body_line=body_line,
        url=_read_url(doc, "url", problems, allow_relative=False),
        authors=_read_authors(doc, problems),
        story=story,
        groupable=groupable,
        tags=read_text_list(doc, "tags", problems),
        summary=read_text(doc, "summary", problems),
        image=_read_url(doc, "image", problems, allow_relative=True),
        draft=read_bool(doc, "draft", problems),
        clean_disabled=_read_clean(doc, problems),
        date_only=date_only,
        extra={key: value for key, value in doc.data.items() if key not in KNOWN_KEYS},
    )
    return Article(**fields) if not any(p.is_error for p in problems) else None


def _read_date(doc: YamlDoc, problems: list[Problem], zone: ZoneInfo) -> tuple[datetime | None, bool]:
    value = doc.data.get("date")
    if value is None or value == "":
        read_text(doc, "date", problems, required=True)
        return None, False
    if isinstance(value, str):
        value = _parse_date_text(value.strip())
        if value is None:
            problems.append(doc.problem("date", f"date {doc.data['date']!r} does not parse", "write a date as "
                                        "2025-07-12, or a time as 2025-07-12T09:30:00+07:00", at_value=True))
            return None, False
    if isinstance(value, (date, datetime)) and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        problems.append(doc.problem("date", f"date {doc.data['date']!s} is not a plausible publication date",
                                    f"check the year; dates from {EARLIEST_YEAR} to {LATEST_YEAR} are accepted",
                                    at_value=True))
        return None, False
    if isinstance(value, datetime):
        if value.tzinfo is None:
            problems.append(doc.problem("date", "date has a time but no time zone", f"add one (e.g. +07:00); "
                                        f"{zone.key} is assumed", severity=WARNING, at_value=True))
            value = value.replace(tzinfo=zone)
        return value, False
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0), tzinfo=zone), True
    problems.append(doc.problem("date", f"'date' must be a date, not {type_name(value)}",
                                "write a date as 2025-07-12", at_value=True))
    return None, False


def _parse_date_text(text: str) -> date | datetime | None:
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            return parse(text)
        except ValueError:
            continue
    return None


def _read_authors(doc: YamlDoc, problems: list[Problem]) -> tuple[str, ...]:
    """`author` and `authors` both accepted (curators use either); each name once."""
    return tuple(dict.fromkeys(read_text_list(doc, "author", problems) + read_text_list(doc, "authors", problems)))


def _read_story(doc: YamlDoc, problems: list[Problem]) -> tuple[str | None, bool]:
    value = doc.data.get("story")
    if value is False:
        return None, False
    if value is None or value == "":
        return None, True
    if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip(), True
    problems.append(doc.problem("story", f"'story' must be a story key or false, not {type_name(value)}",
                                "write `story: openai-open-model-delay`, or `story: false` to keep the "
                                "article out of any story", at_value=True))
    return None, True


def _read_id(doc: YamlDoc, problems: list[Problem]) -> str | None:
    value = doc.data.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = read_text(doc, "id", problems)
    if text is None:
        return None
    if ".." in text or not re.fullmatch(r"[\w.-]+(/[\w.-]+)*", text):
        problems.append(doc.problem("id", f"id {text!r} may only contain letters, digits, '-', '_', '.' and '/'",
                                    "choose a simpler id, or remove the key to use the file path", at_value=True))
        return None
    return text


def _read_slug(doc: YamlDoc, problems: list[Problem]) -> str | None:
    text = read_text(doc, "slug", problems)
    if text is not None and not is_safe_slug(text):
        problems.append(doc.problem("slug", f"slug {text!r} is not a safe URL segment", f"use lower-case "
                                    f"letters, digits and '-', e.g. `slug: {slugify(text, fallback=text)}`",
                                    at_value=True))
        return None
    return text


def _read_url(doc: YamlDoc, key: str, problems: list[Problem], allow_relative: bool) -> str | None:
    value = read_text(doc, key, problems)
    if value is None:
        return None
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unclosed IPv6 bracket: reported below like any other bad URL
        parts = urlsplit("")
    if parts.scheme in ("http", "https") and parts.netloc:
        return value
    if allow_relative and not parts.scheme and not parts.netloc and not value.startswith("/"):
        return value
    kind = "an absolute http(s) URL or a path relative to the article" if allow_relative else "an absolute http(s) URL"
    problems.append(doc.problem(key, f"'{key}' must be {kind}, not {value!r}",
                                f"write for example `{key}: https://example.org/...`", at_value=True))
    return None


def _read_clean(doc: YamlDoc, problems: list[Problem]) -> frozenset[str]:
    """`clean: false` opts out of every cleaning rule; `clean: {disable: [rule, ...]}` out of some."""
    value = doc.data.get("clean", True)
    if value is True:
        return frozenset()
    if value is False:
        from site_builder.cleaning.rules import RULE_NAMES  # here: see config.read_rule_names
        return frozenset(RULE_NAMES)
    names = value.get("disable") if isinstance(value, dict) and set(value) == {"disable"} else None
    names = [names] if isinstance(names, str) else names
    if not isinstance(names, list):
        problems.append(doc.problem("clean", "'clean' must be true, false or `{disable: [rule, ...]}`",
                                    "write `clean: false` to keep the article as it is", at_value=True))
        return frozenset()
    return read_rule_names(doc, names, problems)


def _check_label_lengths(doc: YamlDoc, problems: list[Problem]) -> None:
    for key in ("title", "source", "author", "authors", "tags", "story"):
        value = doc.data.get(key)
        for label in value if isinstance(value, list) else [value]:
            if isinstance(label, str) and len(label) > LONGEST_LABEL:
                problems.append(doc.problem(key, f"'{key}' has {len(label):,} characters, more than the "
                                            f"{LONGEST_LABEL} allowed", "shorten it; the text of the article goes "
                                            "below the front matter", at_value=True))
                break


def _warn_unknown_keys(doc: YamlDoc, defaults: ArticleDefaults, problems: list[Problem]) -> None:
    warn_unknown_keys(doc, KNOWN_KEYS, problems, label="front matter key", ignore=defaults.extra_keys,
                      hint="it is kept for templates as article.extra.{key}; list it under `extra_keys` in "
                           "site.yaml to silence this warning")
