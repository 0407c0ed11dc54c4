"""Cleaning rules for what a page says to its reader rather than reports: its comment section, its
notices (cookies, paywalls, comment forms, players the clipping lost) and its calls to follow a channel,
found by the phrases of ``phrasebook`` and the headings of ``lexicon``, in about 30 languages.
"""

from __future__ import annotations

import re

from site_builder.cleaning.headings import COMMENT_HEADINGS
from site_builder.cleaning.lexicon import PhraseIndex, alternation, folded, folded_set
from site_builder.cleaning.noise import EMBED_MARK, Work, bare, drop_lines
from site_builder.cleaning.phrasebook import (CALL_VERBS, CHANNEL_WORDS, COOKIE_NOTICE_WORDS, COOKIE_WORDS, MESSENGERS,
                                              NEWS_AGGREGATORS, READER_NOTICES, SOCIAL_NETWORKS)


COMMENT_SECTION_LONGEST = 60
PROSE_CHARACTERS = 60


def remove_comment_sections(work: Work) -> None:
    """A comment section ends the article: from its heading ("Comments", "Δεν υπάρχουν σχόλια:", "댓글")
    to the end go the form, its notices and the readers' comments. Only after the text has begun, and
    only a plain line: a Markdown heading "Comments" may be a writer's section on comments in code."""
    lines = work.lines
    started, heading = False, None
    for index, line in enumerate(lines):
        text = line.text.strip()
        if started and len(text) <= COMMENT_SECTION_LONGEST and not text.startswith(("#", "-", "*", ">", "|")) \
                and _is_comment_heading(text):
            heading = index
            break
        started = started or len(text) >= PROSE_CHARACTERS
    if heading is None or any(line.text.lstrip().startswith(("```", "~~~")) for line in lines[heading:]):
        return
    drop_lines(work, "comment-sections", lambda text, i: "the comment section, from its heading to the end"
               if i >= heading and not text.lstrip().startswith(EMBED_MARK) else "", longest=10**9)


COMMENT_HEADING_KEYS = folded_set(COMMENT_HEADINGS)
COUNT = re.compile(r"^\(?\d+\)?\s+|\s+\(?\d+\)?$")
"""A count before or after a heading ('Kommentare (3)', '0 comments')."""


def _is_comment_heading(text: str) -> bool:
    words = bare(text)
    return folded(words) in COMMENT_HEADING_KEYS or folded(COUNT.sub("", words)) in COMMENT_HEADING_KEYS


NOTICES = PhraseIndex(notice=READER_NOTICES)
COOKIES = PhraseIndex(frozenset({"cookie"}), cookie=COOKIE_WORDS)
CONSENT = PhraseIndex(frozenset({"consent"}), consent=COOKIE_NOTICE_WORDS)
"""Found anywhere in a line (stems): a consent word is looked for only in a line about cookies."""
NOTICE_LONGEST = 250
"""Notices are a sentence or two; longer lines are the text, not asked about."""


RELAY_FOOTERS = (("The post", "appeared first on"), ("L['’]articolo", "proviene da"),
                 ("La entrada", "se publicó primero en"), ("El post", "apareció primero en"),
                 ("L['’]article", "est apparu en premier sur"), ("Cet article", "est apparu en premier sur"),
                 ("Der Beitrag", "erschien zuerst auf"), ("O post", "apareceu primeiro em"),
                 ("Het bericht", "verscheen eerst op"), ("Wpis", "pochodzi z serwisu"),
                 ("Artikel", "pertama kali tampil (?:di|pada)"), ("Сообщение", "появились сначала на"))
"""(how it begins, what comes between the post's title and the blog's name), as patterns."""
RELAY_FOOTER = re.compile(r"^\W*(?:" + "|".join(f"{start} .+ {middle}" for start, middle in RELAY_FOOTERS)
                          + r") \S.{0,80}$")
"""The line a blog's feed adds under each post it relays (WordPress' SEO plugins: 'The post … appeared
first on …'), in the languages they write it in."""
DISCLAIMER = ("disclaimer:", "avertissement :", "aviso legal:", "haftungsausschluss:", "declinare de responsabilitate:")
"""What a page's disclaimer begins with ('Disclaimer: Știrile locale sunt preluate automat …')."""
RELAY_FIRST = frozenset(start[0] for start, _ in RELAY_FOOTERS)
"""The first letters of those footers: a line beginning otherwise is not matched."""


def reader_notice(text: str) -> str:
    """What the page tells its reader, in any of the lexicon's languages: a cookie notice ('Tento web
    používá soubory cookie'), a paywall, a player the clipping lost ('Your browser does not support the
    audio element'), a feed's relay footer. Returns the evidence. (Sentences are not folded: that would
    cost more than the rule.)"""
    if text.lstrip(" *_")[:1] in RELAY_FIRST and RELAY_FOOTER.match(text):
        return "a feed's footer naming where the post appeared first"
    words = bare(text)
    if words.startswith(DISCLAIMER):
        return "a disclaimer of the page"
    if (cookie := COOKIES.find(words)) and (consent := CONSENT.find(words)):
        return f"a cookie notice: {cookie['cookie']!r}, {consent['consent']!r}"
    found = NOTICES.find(words)
    return f"a notice to the reader: {found['notice']!r}" if found else ""


CHANNELS = PhraseIndex(frozenset({"messenger", "aggregator", "channel"}), messenger=MESSENGERS,
                       aggregator=NEWS_AGGREGATORS, channel=CHANNEL_WORDS)
CALL_VERB_SET = frozenset(CALL_VERBS)
CHANNEL_NAMES = tuple(sorted({name.split()[0] for name in MESSENGERS + NEWS_AGGREGATORS}))


def names_channel(words: str) -> bool:
    """Whether a messenger or a news aggregator is named, even inside a word ('WhatsApp-Kanal'): a few
    substring searches, cheaper than one pattern of them all."""
    return any(map(words.__contains__, CHANNEL_NAMES))
CHANNEL_LINK = re.compile(r"https?://(t\.me|telegram\.me|whatsapp\.com/channel|chat\.whatsapp\.com)/\w+/?\)")
"""A link to a channel itself, not to one of its posts (t.me/name/123), which an article may cite."""
CHANNEL_LABEL_WORDS = 6


def is_channel_call(text: str, words: str) -> bool:
    """'Simak breaking news … di kanal Telegram', 'Ακολουθήστε το Daynight.gr σε Google News': a sentence
    beginning with a verb that asks to follow, naming a messenger's channel or a news aggregator; or a
    messenger's channel named alone or linked. A report on what a ministry posted on its Telegram
    channel, or on audios sent by WhatsApp, is neither."""
    if not names_channel(words):  # most lines name no messenger: let go before the word index
        return False
    found = CHANNELS.find(words)
    channel = "messenger" in found and "channel" in found
    if not (channel or "aggregator" in found):
        return False
    if channel and (len(words.split()) <= CHANNEL_LABEL_WORDS or CHANNEL_LINK.search(text)):
        return True
    tokens = words.split(" ")
    starts = [tokens[0]] + [token for before, token in zip(tokens, tokens[1:]) if before.endswith((".", "!", "?"))]
    return any(token.strip("\"'“”«»„") in CALL_VERB_SET for token in starts)


NAMED_NETWORK = re.compile(rf"(?<!\w){alternation(SOCIAL_NETWORKS)}(?!\w)")
FOLLOW_VERB_PLACE = 4
"""A call to follow asks at once ("Aproveite e siga o Sambafoot no Facebook…"); a report says who asked
whom to follow, further in ("Police urged residents to follow …")."""
FOLLOW_CALL_WORDS = 30


def is_follow_call(words: str) -> bool:
    """'Follow BBC News South West on X, Facebook and Instagram': a verb asking to follow among the first
    words, and two or more networks named."""
    if not any(token.strip("\"'“”«»„,") in CALL_VERB_SET
               for token in words.split(maxsplit=FOLLOW_VERB_PLACE)[:FOLLOW_VERB_PLACE]):
        return False
    return len(words.split(maxsplit=FOLLOW_CALL_WORDS)) <= FOLLOW_CALL_WORDS \
        and len(set(NAMED_NETWORK.findall(words))) >= 2
