"""The date-lines rule's test: a line that is only the page's timestamp or dateline, in any language (a few
words around a year or a numeric date), how long ago it was published ("vor 3 Stunden", "3分前"), or a
date's label left without its date ("- Published").
"""

from __future__ import annotations

import re
import unicodedata

from site_builder.cleaning.lexicon import (AGO_WORDS, DATE_LABELS, RELATIVE_TIME_CJK, TIME_UNITS, alternation, folded,
                                           folded_set)
from site_builder.cleaning.noise import Work, bare, drop_lines
from site_builder.cleaning.shapes import DIGIT, SENTENCE_END, STRUCTURE, word_count

YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
NUMERIC_DATE = re.compile(r"(?<!\d)\d{1,2}[./-]\d{1,2}[./-](\d\d|\d{4})(?!\d)|(?<!\d)\d{1,2}[:.h]\d\d(?!\d)")
ERA_DATE = re.compile(r"(令和|平成|昭和)\s*(\d{1,2}|元)年\s*\d{1,2}月(\s*\d{1,2}日)?")
"""A Japanese date counted in the emperor's era (平成30年9月3日), which has no four-digit year."""
SCORE = re.compile(r"(?<![\d/.:-])\d{1,2}\s?[-–]\s?\d{1,2}(?![\d/.:-])")
"""A result (Persib 0-2 Bali United): a line of a table of results, not the page's date."""


TIME_ONLY = re.compile(r"^[*_]*\d{1,2}[:.h]\d\d(\s?(uur|uhr|h|hrs|wib|wita|wit|cet|cest|gmt|utc))?[*_]*$", re.I)
"""A time of day alone ('09.05 uur', '14:32'): the page's timestamp once, a live blog's entries when it recurs."""


def remove_date_lines(work: Work) -> None:
    """The page's timestamps and datelines (see ``is_date_line``); but when two lines or more are a time of
    day alone, they head a live blog's entries, which are the text."""
    live = sum(1 for line in work.lines if len(line.text) <= 20 and TIME_ONLY.match(line.text.strip())) >= 2
    drop_lines(work, "date-lines", lambda text, _: is_date_line(text) and not (live and TIME_ONLY.match(text.strip()))
               and "a date or time alone", longest=120)


def is_date_line(text: str) -> bool:
    """A timestamp or dateline of the page ("Sonntag, 05. November 2017", "26.10.2018", "Kamis, 23
    Oktober 2025 – 15:01 WIB", "Published 3 hours ago 12:04", "2026. január 16, péntek", "2005年05月06日(金)
    15時36分", in any script's digits): a few words around a year or a numeric date, not a sentence."""
    if not DIGIT.search(text):  # most lines: no date without a digit, but for a label that lost its date
        return len(text) <= DATE_LABEL_LONGEST and folded(bare(text)) in DATE_LABEL_KEYS
    stripped = ascii_digits(text).strip().strip("*_-–—•· ")
    words = word_count(stripped if stripped.isascii() else CJK_DATE_PART.sub(" ", stripped))
    if not stripped or words > 9 or (SENTENCE_END.search(stripped) and not UNIT_AFTER_TIME.search(stripped)
                                     and not DATE_LABEL_FIRST.match(folded(bare(stripped)))) \
            or (STRUCTURE.match(stripped) and not DAY_OR_YEAR_FIRST.match(stripped)):
        return False
    dated = YEAR.search(stripped) or NUMERIC_DATE.search(stripped) or ERA_DATE.search(stripped)
    return bool(dated) and (words <= 6 or len(DIGIT.findall(stripped)) >= 6) and not SCORE.search(stripped) \
        or words <= 6 and is_relative_time(stripped)


CJK_DATE_PART = re.compile(r"(?<=\d)[年月日時分秒]|[(（][月火水木金土日一二三四五六][)）]")
"""The units of a date or time written in Chinese characters, and a weekday in brackets: a date's parts, not
words."""
UNIT_AFTER_TIME = re.compile(r"\d\s?[^\W\d]{1,3}\.$")
"""A time's unit abbreviated after it ('06.14 น.', '15 Uhr.'): its dot ends no sentence."""
DAY_OR_YEAR_FIRST = re.compile(r"^(?:\d{1,2}\.\s+[^\W\d]+\.?,?\s+(?:19|20)\d\d|(?:19|20)\d\d\.\s)")
"""A date written day or year first with a dot ('11. března 2021', '2026. január 16'), which Markdown reads as a
list item's number."""


def ascii_digits(text: str) -> str:
    """``text`` with the digits of every script as ASCII digits ('২০২৪' -> '2024'), so that a year is a year
    in Bengali, Arabic, Persian or Thai as well."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.digit(char)) if char.isdigit() and not char.isascii() else char for char in text)


DATE_LABEL_KEYS = folded_set(DATE_LABELS)
DATE_LABEL_LONGEST = 40
DATE_LABEL_FIRST = re.compile(rf"^{alternation(DATE_LABEL_KEYS)}\s")
"""A date's label first ('Publicado em 5 de outubro de 2017 às 05h12.'): its full stop ends no sentence."""
RELATIVE_UNIT = re.compile(rf"(?<!\w)\d+\s*{alternation(TIME_UNITS)}\w*\.?(?!\w)|(?<!\w)\d+\s*[hmd](?!\w)", re.I)
AGO = re.compile(rf"(?<!\w){alternation(AGO_WORDS)}(?!\w)", re.I)


def is_relative_time(text: str) -> bool:
    """'33 minuten geleden', 'vor 3 Stunden', 'Updated 2h ago', '3分前': when the page was published, told
    as a number of units ago, in any of the languages the lexicon knows."""
    if RELATIVE_TIME_CJK.search(text):
        return True
    if not (RELATIVE_UNIT.search(text) and AGO.search(text)):
        return False
    rest = AGO.sub(" ", RELATIVE_UNIT.sub(" ", text))
    return len(re.findall(r"[^\W\d]+", rest)) <= 1  # "πριν από 2 ώρες", not "Vor 3 Jahren brannte es"
