"""The breadcrumbs rule's test: navigation the page leaves in a clipping, in any language the lexicon knows:
trails (Home > Tech > AI), skip and back-to-top links, links to the previous and next article, and a footer's
links run into one line.
"""

from __future__ import annotations

import re

from site_builder.cleaning.lexicon import NAVIGATION_LABELS, UNSPACED, YOU_ARE_HERE, alternation, folded, folded_set
from site_builder.cleaning.noise import LABEL, LINK, bare
from site_builder.cleaning.phrasebook import FOOTER_LINKS, PREV_NEXT_LABELS


NAVIGATION_KEYS = folded_set(NAVIGATION_LABELS)
NAVIGATION_LABEL_LONGEST = 45
NAVIGATION_PARTS = re.compile(r"[。|·•]\s*|\.\s+|\s{2,}")
BREADCRUMB_START = ("home", "homepage", "beranda", "inicio", "início", "accueil", "startseite", "start", "ホーム",
                    "トップ", "news", "berita", "notizie", "noticias", "notícias", "actualités", "nachrichten",
                    "nieuws")
BREADCRUMB_SEPARATORS = re.compile(r"\s+(?:>|›|»|/|\|)\s+")
TRAIL_MARKS = frozenset(">›»/|")
TRAIL_SEPARATORS = re.compile(r"\s+(?:>|›)\s+")
"""Angles only: bars and slashes also part a page's fields and a writer's alternatives, and an arrow a change
("2% → 3%")."""
TRAIL_LABEL = re.compile(r"^[^\W\d][\w'’ ]{0,30}[:：]\s*")
YOU_ARE_HERE_FIRST = frozenset(folded(label.split()[0]) for label in YOU_ARE_HERE)
YOU_ARE_HERE_LABEL = re.compile(rf"^{alternation(YOU_ARE_HERE)}\s*[:：]?\s*", re.I)


def is_navigation_run(text: str) -> bool:
    """Several navigation links run into one line ('ページの先頭です。 メニューを飛ばして本文へ'); the first
    is looked up before the line is cut into all of them."""
    stripped = text.strip()
    if not NAVIGATION_PARTS.search(stripped, 0, NAVIGATION_LABEL_LONGEST):
        return False
    first, *rest = NAVIGATION_PARTS.split(stripped, maxsplit=1)
    return bool(rest) and folded(bare(first)) in NAVIGATION_KEYS and all(
        folded(bare(part)) in NAVIGATION_KEYS for part in NAVIGATION_PARTS.split(rest[0]) if part.strip())


PREV_NEXT = re.compile(rf"^{alternation(PREV_NEXT_LABELS)}", re.I)
PREV_NEXT_FIRST = frozenset(label.split()[0] for label in PREV_NEXT_LABELS)
PREV_NEXT_UNSPACED = tuple(label for label in PREV_NEXT_LABELS if UNSPACED.match(label))


def is_prev_next_link(text: str) -> bool:
    """'Previous article', 'Næsta greinFjölgaði um 2%': a link to the site's article before or after this one,
    alone or with its headline (which begins with a capital, run in or not); 'Next article will…' is prose.
    The first word is looked up before the labels are tried."""
    stripped = text.strip().lstrip("*_#•<«›» ")
    if stripped.split(" ", 1)[0].lower() not in PREV_NEXT_FIRST and not stripped.startswith(PREV_NEXT_UNSPACED):
        return False
    found = PREV_NEXT.match(stripped)
    if not found:
        return False
    rest = stripped[found.end():].lstrip(" :：»>|–—-")
    return not rest or not rest[0].islower()


FOOTER_PHRASES = sorted((tuple(folded(link).split()) for link in FOOTER_LINKS), key=len, reverse=True)
FOOTER_FIRST = frozenset(phrase[0] for phrase in FOOTER_PHRASES) | {link.casefold().split()[0] for link in FOOTER_LINKS}
"""First words, folded and as written: a line is folded only when its first word may begin a footer link."""
FOOTER_LINKS_AT_LEAST = 3


def is_footer_links(text: str) -> bool:
    """'Cookie Policy Privacy Policy Brand Safety FAQ Help Contact Us': three or more of a footer's links run
    into one line, with at most one word that is none of them."""
    if bare(text).split(" ", 1)[0] not in FOOTER_FIRST:  # most lines, at once
        return False
    words = folded(bare(text)).replace("|", " ").replace("·", " ").split()
    if len(words) < FOOTER_LINKS_AT_LEAST:
        return False
    return phrases_in_run(words, FOOTER_PHRASES) >= FOOTER_LINKS_AT_LEAST


def phrases_in_run(words: list[str], phrases: list[tuple[str, ...]], others: int = 1) -> int:
    """How many of ``phrases`` (word tuples, the longest first) ``words`` is made of, taken greedily from the
    start; 0 when more than ``others`` of its words belong to none."""
    found, other, at = 0, 0, 0
    while at < len(words):
        phrase = next((p for p in phrases if tuple(words[at:at + len(p)]) == p), None)
        found, other, at = (found + 1, other, at + len(phrase)) if phrase else (found, other + 1, at + 1)
        if other > others:
            return 0
    return found


def is_breadcrumb(text: str) -> bool:
    """'Home > Tech > AI', or a lone navigation link ('Back to top', 'Zur Startseite', 'Previous article')."""
    if len(text) > 150:
        return False
    if len(text) <= 60 and folded(bare(text)) in NAVIGATION_KEYS or is_prev_next_link(text) or is_footer_links(text):
        return True
    if len(text) <= 80 and is_navigation_run(text):
        return True
    stripped = LINK.sub(LABEL, text.strip()).strip("*_ ")
    # After its label, a trail says what it is: any separators.
    if folded(stripped.split(" ", 1)[0]) in YOU_ARE_HERE_FIRST and (here := YOU_ARE_HERE_LABEL.match(stripped)):
        steps = BREADCRUMB_SEPARATORS.split(stripped[here.end():])
        return len(steps) <= 9 and all(0 < len(step.split()) <= 6 and not step.endswith(".") for step in steps)
    if TRAIL_MARKS.isdisjoint(stripped):  # no trail without its separators: most lines
        return False
    segments = BREADCRUMB_SEPARATORS.split(stripped)
    if (2 <= len(segments) <= 7 and segments[0].casefold() in BREADCRUMB_START
            and all(0 < len(s.split()) <= 5 and not s.endswith(".") for s in segments)):
        return True
    # Any trail of three steps or more, in any language, after its label or not ("You are here: A > B > C").
    steps = TRAIL_SEPARATORS.split(TRAIL_LABEL.sub("", stripped))
    return 3 <= len(steps) <= 9 and all(0 < len(step.split()) <= 6 and not step.endswith((".", "!", "?"))
                                        for step in steps)
