"""Cleaning rules that tell noise by its shape and place, in any language, rather than by its words.

The phrase rules (``chrome``) know the wording of widgets and page furniture; most chrome on real pages
is worded in ways no list holds. What carries over is its shape: a line the page repeats, the headline
echoed in the body, a line that is only a date, a credit naming an agency in capitals, share buttons
run together, and short labels standing before the text begins or after it ends. Real sentences have
none of those shapes, so each rule keeps any line that reads as prose (``is_prose``).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from site_builder.cleaning.noise import Work, bare, drop_lines, is_tag_like

LINES_REMEMBERED = 2048
"""The rules ask about each line of an article several times; more than an article's lines, kept for the
whole build, would only hold its text in memory."""
SENTENCE_END = re.compile(r"(?<!\.\.)[.!?。！？][\"'”’»)\]]*\s*$")
"""A full stop, not an ellipsis: a line ending in "…" is a teaser cut short by its page."""
DIGIT = re.compile(r"\d")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
STRUCTURE = re.compile(r"^\s*(#{1,6}\s|[-*+]\s|\d+[.)]\s|>|!\[|\[!\[|<|\||`|\\|\{[{%]|\[[^\]]+\]:|"
                       r"\[[^\]]*(\[[^\]]*\][^\]]*)?\][(\[])")
"""Markdown the author wrote on purpose (headings, lists, quotes, images, tables, code, escaped marks,
template tags, link definitions, a line that begins with a link): another rule's business, never a
label."""


@lru_cache(maxsize=LINES_REMEMBERED)
def word_count(text: str) -> int:
    """Words in a line; in a script written without spaces, about one word per two characters."""
    if text.isascii() or not CJK.search(text):
        return len(text.split())
    return len(CJK.findall(text)) // 2 + len(CJK.sub(" ", text).split())


@lru_cache(maxsize=LINES_REMEMBERED)
def is_prose(text: str) -> bool:
    """A line a reader reads as text: a sentence of some length, or a long run of words (a clipping cut
    off mid-sentence ends without its full stop)."""
    words = word_count(text)
    return words >= 14 or (words >= 6 and bool(SENTENCE_END.search(text)))


# --- lines the page repeats -------------------------------------------------------------------------


REPEAT_LONGEST = 600
"""Longer lines are paragraphs, never compared (and never the cost of a hostile one-line body)."""
PARAGRAPH_WORDS = 14
"""A repeated line this long is a sentence of the text that the page shows again (as a caption, a pull
quote, a standfirst): its first copy stays."""


CAPTION_COPIES = 3
"""A sentence the page shows this often is a caption (above, below and in the gallery), not the text."""


def remove_repeated_lines(work: Work) -> None:
    """A line that stands twice or more in one body (a caption above and below its photo, a banner between
    paragraphs): writers do not repeat a line word for word; templates do. Every copy goes, but of a
    sentence the first copy stays (the text, which the page shows again as a caption or pull quote),
    unless the page shows it three times or more (a caption of a gallery)."""
    keys = [repeat_key(line.text) for line in work.lines]
    counts = Counter(key for key in keys if key)
    repeated = {key for key, count in counts.items() if count > 1}
    doubled = {index for index, key in enumerate(keys) if key and is_doubled(key)}
    if not repeated and not doubled:
        return
    first: dict[str, int] = {}
    for index, key in enumerate(keys):
        first.setdefault(key, index)

    # drop_lines counts the same lines in the same order, so the index is the line's place in ``keys``.
    def is_copy(text: str, index: int) -> str:
        key = keys[index]
        if index in doubled:
            return "the same words twice in one line (a teaser's picture and link)"
        if key not in repeated or STRUCTURE.match(text) or word_count(text) > 60:
            return ""
        kept = first[key] == index and word_count(text) >= PARAGRAPH_WORDS and counts[key] < CAPTION_COPIES
        return "" if kept else f"the body has it {counts[key]} times"

    drop_lines(work, "repeated-lines", is_copy, longest=REPEAT_LONGEST)


DOUBLED_WORDS = 3


def is_doubled(key: str) -> bool:
    """'Quad bike rider dies Quad bike rider dies': a line that is one run of words twice, as a teaser's
    picture caption and its link run together; never a writer's sentence."""
    half = len(key) // 2
    # Two equal halves about a middle space ('a b c a b c'), checked before any word is counted.
    return len(key) % 2 == 1 and key[half] == " " and key[:half] == key[half + 1:] \
        and key.count(" ", 0, half) >= DOUBLED_WORDS - 1


def repeat_key(text: str) -> str:
    """What two copies of a line share: a short line's words (case, markup and end punctuation aside), a
    long one's spelling (a paragraph is repeated by copying it whole); '' for a line never compared."""
    if len(text) > REPEAT_LONGEST:
        return ""
    key = bare(text) if len(text) <= 200 else " ".join(text.split()).casefold()
    return key if len(key) > 2 else ""


# --- lists of other articles -------------------------------------------------------------------------

CUT_TEASER = re.compile(r"[\w,;:'\"”’»)]\s?(…|\.\.\.)$")
"""A line the page cut short to tease another article ("... la sfida di Coppa…"): an ellipsis after a word."""
TEASER_RUN = 2
"""Teasers come in lists; one line ending in an ellipsis may be the writer's."""
HEADLINE_LIST = 3
"""Headlines ending the body in a row of at least this many, under a heading ("Outras Notícias"), are a list
of other articles; a last section's subheading and its words cut off are two."""


def remove_teaser_lists(work: Work) -> None:
    """Lists of other articles, wherever they stand: two or more teasers in a row that the page cut short
    with an ellipsis, and the run of headlines (with their labels) that ends the body. Each teaser is
    often long enough to read as prose, so the text would seem to go on through them."""
    content = [index for index, line in enumerate(work.lines) if line.text.strip()]
    teasers: set[int] = set()
    run: list[int] = []
    for index in content + [-1]:
        if index >= 0 and is_cut_teaser(work.lines[index].text):
            run.append(index)
            continue
        if len(run) >= TEASER_RUN:
            teasers.update(run)
        run = []
    ending: list[int] = []
    for index in reversed(content):
        text = work.lines[index].text
        if STRUCTURE.match(text) or is_field(text) or not (is_headline(text) or is_label(text)):
            break
        ending.append(index)
    while ending and not is_label(work.lines[ending[-1]].text):  # the list begins with its heading
        ending.pop()
    headlines = {index for index in ending if is_headline(work.lines[index].text)}
    if len(headlines) >= HEADLINE_LIST:
        teasers.update(ending)

    def evidence(_: str, index: int) -> str:
        return "" if index not in teasers else "one of a list of other articles" if index in headlines \
            else "one of a run of teasers cut short"

    if teasers:
        drop_lines(work, "teaser-lists", evidence, longest=400)


def is_cut_teaser(text: str) -> bool:
    stripped = text.strip()
    return stripped.endswith(("…", "...")) and bool(CUT_TEASER.search(stripped)) and word_count(stripped) >= 6 \
        and not STRUCTURE.match(stripped)


# --- labels before the text and after it -----------------------------------------------------------

LABEL_WORDS = 4
"""Lines of at most this many words, outside the text, are labels: kickers, menus, bylines' captions."""


def remove_edge_labels(work: Work) -> None:
    """Short lines before the first line of prose and after the last one that are not sentences: section
    kickers, menu items, "Reporter", "Related topics", "Video lainnya". Within the text, such lines are
    the writer's subheadings and stay."""
    prose = prose_lines(work)
    if not prose:
        return
    first, last = prose[0], max(prose[-1], cut_off_end(work))
    following = [index for index in range(last + 1, len(work.lines)) if work.lines[index].text.strip()]
    # The line right after the last sentence, when it ends the body, is a clipping cut off mid-sentence;
    # a short line after the text that words follow is a subheading of a last section.
    # A tag alone there is trailing-tags' to take.
    kept = {following[0]} if len(following) == 1 and (may_be_cut_off(work.lines[following[0]].text)
                                                      or is_tag_like(work.lines[following[0]].text)) else set()
    kept |= {index for index, after in zip(following, following[1:]) if word_count(work.lines[after].text) >= 5}
    # Short lines that go on the last paragraph without a blank line are its list (winners, results), but
    # not one line alone (an agency, a label) nor the page's fields ("Editor: Name").
    run = range(last + 1, next((i for i in range(last + 1, len(work.lines)) if not work.lines[i].text.strip()),
                               len(work.lines)))
    kept |= {index for index in run if len(run) > 1 and not is_field(work.lines[index].text)}
    headlines = headline_runs(work, following)

    def evidence(text: str, index: int) -> str:
        if first <= index <= last:  # the text itself, which most lines are
            return ""
        if index in headlines:
            return "one of a run of headlines after the text"
        if index in kept or not is_label(text):
            return ""
        return "a short line before the text begins" if index < first else \
            "a short line after the text ends" if index > last else ""

    drop_lines(work, "edge-labels", evidence, longest=200)


WRAPPED = re.compile(r"\s[a-zß-ÿα-ωа-яёіїєґ]{1,3}$")
"""A line that ends on a short word in lower case ('… forte scossa di'): cut by the wrapping, never a label's end."""


def prose_lines(work: Work) -> list[int]:
    """The indexes of the lines that read as prose: alone, or as part of a paragraph hard-wrapped into short
    lines ('forte scossa di' / 'terremoto registrata da' / 'INGV … alle ore'), each going on in the next,
    which begins in lower case or with a digit."""
    lines = work.lines
    prose = {index for index, line in enumerate(lines) if is_prose(line.text)}
    start = 0
    for index in range(1, len(lines) + 1):
        previous = lines[index - 1].text.rstrip()
        following = lines[index].text[:1] if index < len(lines) else ""
        continues = following.strip() and previous[-1:].isalnum() and (
            following.islower() or following.isdigit() or bool(WRAPPED.search(previous, len(previous) - 4)))
        if continues:
            continue
        if index - start > 1 and is_prose(" ".join(line.text.strip() for line in lines[start:index])):
            prose.update(range(start, index))
        start = index
    return sorted(prose)


CUT_WORD = 2
"""A line cut mid-word ends on a letter or two ('regenwater n', 'होने क'), which a headline never does."""
CUT_OFF_WORDS = 3
"""Fewer words cut off could as well be a label ('Terkini Lainny', a heading the clipping cut)."""


def cut_off_end(work: Work) -> int:
    """The body's last line when the clipping cut it off mid-word ('Kan het regenwater n', 'होने क'):
    the text goes on to there, and the short lines before it are its subheadings. -1 otherwise."""
    index = next((i for i in range(len(work.lines) - 1, -1, -1) if work.lines[i].text.strip()), -1)
    text = work.lines[index].text.strip() if index >= 0 else ""
    cut = text and text[-1].islower() and len(text.rsplit(None, 1)[-1]) <= CUT_WORD
    return index if cut and word_count(text) >= CUT_OFF_WORDS and may_be_cut_off(text) else -1


def may_be_cut_off(text: str) -> bool:
    """Whether the one line after the last sentence can be that sentence's start, the clipping cut off
    mid-sentence: words in lower and upper case, not a label's shape (capitals alone, one word, an
    address, an ellipsis, a field, a count)."""
    stripped = text.strip()
    letters = [char for char in stripped if char.isalpha()]
    return word_count(stripped) >= 2 and not stripped.endswith(("…", "...")) and "://" not in stripped \
        and any(char.islower() for char in letters) and not is_field(stripped) \
        and not (CJK.search(stripped) and len(stripped) < 10) and not COUNT.match(stripped)


def is_field(text: str) -> bool:
    """A field of the page ("Editor: Faisal M", "Source: Belga"), not a sentence."""
    stripped = text.strip()
    return bool(FIELD.match(stripped)) and word_count(stripped) <= FIELD_WORDS and not SENTENCE_END.search(stripped)


def headline_runs(work: Work, tail: list[int]) -> set[int]:
    """The lines after the text that run as a list of other headlines: two or more in a row, each a few
    words to a headline's length, none a sentence nor a field of a fact box ("AMMONITI: ...")."""
    found: set[int] = set()
    run: list[int] = []
    for index in tail + [-1]:
        if index >= 0 and is_headline(work.lines[index].text) and not FIELD.match(work.lines[index].text):
            run.append(index)
            continue
        if len(run) >= 2:
            found.update(run)
        run = []
    return found


def is_headline(text: str) -> bool:
    """A headline, or a teaser cut short with an ellipsis, as lists of other articles show them."""
    stripped = text.strip().lstrip("•·-–—*➡️🔗 ")
    if stripped.endswith(("…", "...")) and 5 <= word_count(stripped) <= TEASER_WORDS:
        return True
    return 5 <= word_count(stripped) <= 22 and not SENTENCE_END.search(stripped) and not STRUCTURE.match(text) \
        and not stripped.endswith(GOES_ON) \
        and len(DIGIT.findall(stripped)) <= 2 and ";" not in stripped  # not a line of results or a line-up


def is_label(text: str) -> bool:
    """A short line that is not a sentence: a kicker, a menu item, a field of the page ("Editor: Name",
    "Source: Belga") or a row of them between bars, a field whose value is gone ("Updated:"), a count or
    an age ("Bild 1 von 45", "3 dni temu"), a bare address."""
    stripped = text.strip()
    if BARE_ADDRESS.match(stripped) or is_field(stripped):
        return True
    if " | " in stripped and word_count(stripped) <= FIELD_ROW_WORDS and not SENTENCE_END.search(stripped):
        return all(word_count(part) <= LABEL_WORDS + 1 for part in stripped.split(" | "))
    if COUNTER.match(stripped):
        return any(char.islower() for char in stripped.split(" ", 1)[1])
    if stripped.endswith((":", "：")) and word_count(stripped) <= 2:  # a field whose value is not there
        return not STRUCTURE.match(stripped)
    return 0 < word_count(stripped) <= LABEL_WORDS and not SENTENCE_END.search(stripped) \
        and not STRUCTURE.match(stripped) and not DIGIT.search(stripped) and not stripped.endswith(":")


FIELD = re.compile(r"^[-•*\s]*[^\W\d_][\w.-]*(\s[^\W\d_][\w.-]*)?\s?:\s?\S")
"""A field of the page: one or two words, a colon, a value ("Editor: Faisal M", "Kaynak: DHA")."""
FIELD_WORDS = 8
FIELD_ROW_WORDS = 12
"""A row of the page's fields ("7 OTTOBRE 2019 | giornalistinelpallone Isidoro Trovato") is short parts
between bars."""
TEASER_WORDS = 40
GOES_ON = (",", "、", "，", ";", ":", "：")
"""A line ending so goes on after it (into a list, a quote, a code block): a headline never does."""
BARE_ADDRESS = re.compile(r"^\S{0,12}https?://\S+$")
COUNT = re.compile(r"^\W*\d[\d.,]*\W*$")
"""A number alone (a comment count, a page number)."""
COUNTER = re.compile(r"^\d{1,3} [^\W\d]{1,10}( [^\W\d]{1,10})?$|^[^\W\d]+ \d{1,3} [^\W\d]{1,5} \d{1,3}$")
"""A count or an age of the page, a number with a word or two ("Bild 1 von 45", "3 godzin temu", "33 minuten
geleden"): never a sentence, and outside the text never its words."""



def looks_like_chrome(text: str) -> bool:
    """A line a curator may want to look at when it stays: short and not a sentence (a subheading, or
    chrome no rule knew), or a headline-like line."""
    stripped = text.strip()
    return bool(stripped) and not STRUCTURE.match(stripped) and (is_label(stripped) or is_headline(stripped))
