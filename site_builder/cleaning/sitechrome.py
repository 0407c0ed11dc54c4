"""Chrome learned from the digest itself: lines that several articles of one outlet carry.

An outlet's template puts the same lines in every article it publishes: a promo, a prompt to join its
channel, a comment-form notice, a series' standfirst. No rule knows their wording, in any language, but
the curator's archive shows them again and again, which a writer's sentences never are. Each article's
cleaning leaves a key for each short line the other rules kept (``line_keys``); a line whose key stands
in several articles of the same source is that source's chrome (``learned_chrome``), and cleaning the
article again with those keys removes it (the `site-chrome` rule), each removal naming its evidence.

A key is the line's words with digits made alike, so a counter or date in a promo still matches. A
sentence must be seen in three articles, a shorter line in two that share no sentence: two versions of
one report share sentences and subheadings, seldom with a third article.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from typing import Iterable

from site_builder.cleaning.embeds import EMBED_MARK
from site_builder.cleaning.noise import Work, askable_lines, bare, drop_lines
from site_builder.cleaning.shapes import STRUCTURE, is_prose, word_count

LONGEST_WORDS = 40
"""Longer lines are paragraphs of the text: an outlet's chrome is a line or two."""
SEEN_SHORT = 2
SEEN_SENTENCE = 3
ATTRIBUTION = ("—", "–", "―")
"""A quote's attribution (— Maria Rossi): a columnist's articles all carry it, and it is their text."""
DIGITS = re.compile(r"\d+")


def line_key(text: str) -> str:
    """'' for a line never learned; else a short hash of its words, digits made alike, marked 'p' for a
    sentence and 's' for a shorter line. Only lines of plain text are learned: the article's structure
    (headings, lists, quotes, images, tables, code, embeds' cards, attributions) recurs in its own right."""
    if len(text) > 400 or EMBED_MARK in text or STRUCTURE.match(text) or text.lstrip().startswith(ATTRIBUTION):
        return ""
    words = DIGITS.sub("0", bare(text))
    if len(words) <= 2 or word_count(text) > LONGEST_WORDS:
        return ""
    digest = hashlib.blake2b(words.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
    return ("p" if is_prose(text) else "s") + digest


def remove_site_chrome(work: Work) -> None:
    """Note the key of every line a rule may remove (for learning: code, tables and link definitions are
    never asked about), and remove those of the source's learned chrome, unless they are all the article
    has: a brief of one line that the outlet printed twice is its text."""
    keys = {index: line_key(work.lines[index].text) for index in askable_lines(work, longest=400)}
    work.line_keys = frozenset(key for key in keys.values() if key)
    if not work.chrome or all(key in work.chrome for key in keys.values()):
        return
    source = work.source or "this source"
    headings = subheadings(work)
    drop_lines(work, "site-chrome", lambda text, index: keys[index] in work.chrome and index not in headings
               and f"seen in other articles of {source}", longest=400)


SUBHEADING_WORDS = 3


def subheadings(work: Work) -> set[int]:
    """The short lines between two lines of prose: the text's subheadings, which an outlet's template may give
    every article ('Getuigen' in each police appeal), unlike the chrome around the text."""
    content = [index for index, line in enumerate(work.lines) if line.text.strip()]
    return {index for before, index, after in zip(content, content[1:], content[2:])
            if word_count(work.lines[index].text) <= SUBHEADING_WORDS and is_prose(work.lines[before].text)
            and is_prose(work.lines[after].text)}


def learned_chrome(articles: Iterable[tuple[str, frozenset[str]]]) -> dict[str, frozenset[str]]:
    """(source, line keys) of every article -> each source's chrome: the keys enough of its articles
    share (``SEEN_SENTENCE``, ``SEEN_SHORT``). A short line two articles share counts only when they share
    no sentence: two versions of one report share their subheadings too. Articles without a source
    teach nothing."""
    by_source: dict[str, list[frozenset[str]]] = {}
    for source, keys in articles:
        if source and keys:
            by_source.setdefault(source_name(source), []).append(keys)
    return {source: _chrome(keyed) for source, keyed in by_source.items()}


def _chrome(keyed: list[frozenset[str]]) -> frozenset[str]:
    counts = Counter(key for keys in keyed for key in keys)
    sentences = {key for key, count in counts.items() if key[0] == "p" and count >= SEEN_SENTENCE}
    chrome = set(sentences)
    pairs = {key for key, count in counts.items() if key[0] == "s" and count == SEEN_SHORT}
    chrome |= {key for key, count in counts.items() if key[0] == "s" and count > SEEN_SHORT}
    if pairs:
        holders: dict[str, list[frozenset[str]]] = {}
        for keys in keyed:
            for key in keys & pairs:
                holders.setdefault(key, []).append(keys)
        for key, (first, second) in holders.items():
            if not any(shared[0] == "p" and shared not in sentences for shared in first & second):
                chrome.add(key)
    return frozenset(chrome)


def source_name(source: str) -> str:
    return " ".join(source.split()).casefold()


def chrome_of(source: str, keys: frozenset[str], chrome: dict[str, frozenset[str]]) -> frozenset[str]:
    """The keys of one article that are its source's chrome."""
    return keys & chrome.get(source_name(source), frozenset())
