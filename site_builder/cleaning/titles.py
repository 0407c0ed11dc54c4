"""The title-echoes rule: the headline the page prints again in the body (loosely matched), the outlet's
name alone, and the page's header before the headline's first copy. It knows no words, only the title and the
outlet's name, so it works in any language.
"""

from __future__ import annotations

import re

from site_builder.cleaning.noise import EMBED_MARK, Work, bare, code_lines, drop_lines, goes_on
from site_builder.cleaning.shapes import STRUCTURE, is_prose, word_count


def remove_title_echoes(work: Work) -> None:
    """Lines anywhere in the body that are the title again, matched loosely: in other case, with other
    punctuation, cut off, or with the outlet's name before or after it ("jpnn.com - Title", "Title | DAZN");
    lines that are only the outlet's name, or its name and a section ("bundesliga", "JPNN.com - Daerah");
    and when the text follows the headline's first copy, every line before it: the page's header (menus,
    notices, an age gate), which comes before an article's headline and never inside its text."""
    title, outlet = bare(work.title), outlet_key(work.source)
    if word_count(title) < 3 and not outlet:
        return
    longest = 2 * len(work.title) + 60
    code = code_lines(work)
    lines = work.lines
    # A copy that goes on in lower case on the next line is the text's first words, hard-wrapped.
    copies = [index for index, line in enumerate(lines) if word_count(title) >= 3 and index not in code
              and line.text.strip() and len(line.text) <= longest and echoes(bare(line.text), title)
              and not goes_on(lines, index)]
    # A copy at the top (taken by duplicate-title) ended the header there: a standfirst may come between two.
    topped = any(change.rule == "duplicate-title" for change in work.changes)
    header = copies[0] if copies and not topped and text_follows(work, copies[0]) else 0
    copied = set(copies)

    def evidence(text: str, index: int) -> str:
        if index < header and not text.lstrip().startswith(EMBED_MARK):
            return "before the headline's copy: the page's header"
        line = bare(text)
        if index in copied:
            return "the title again"
        return "the outlet's name" if outlet and names_outlet(line, outlet) else ""

    # With a header, every line before the copy is asked, however long.
    drop_lines(work, "title-echoes", evidence, longest=10**9 if header else longest)


def text_follows(work: Work, index: int) -> bool:
    """Whether the lines before ``index`` (the headline's first copy) are the page's header: most of them are
    not prose (menus, notices, the page's own fields) and the text after the copy is at least as long. A lead
    printed above the headline, or a headline repeated as a last section's heading, leaves the text before it."""
    before = [line.text for line in work.lines[:index] if line.text.strip()]
    words_before = sum(map(word_count, before))
    words_after = sum(word_count(line.text) for line in work.lines[index + 1:])
    return bool(before) and words_after >= words_before and 2 * sum(map(is_prose, before)) < len(before)


OUTLET_SEPARATORS = re.compile(r"\s+[-–—|·:]\s+|\s*[|·]\s*")
SECTION_WORDS = 2
"""Words after the outlet's name for a line still to be its name ('JPNN.com - Daerah')."""


def outlet_key(source: str) -> str:
    """'www.Bundesliga.com' -> 'bundesliga', 'Kompas TV' -> 'kompastv': an outlet's name as lines hold it."""
    name = source.casefold().removeprefix("www.")
    if "." in name and " " not in name:
        name = name.split(".")[0]
    key = "".join(char for char in name if char.isalnum())
    return key if len(key) >= 3 else ""


def names_outlet(line: str, outlet: str) -> bool:
    """A line (after ``bare``) that is the outlet's name alone, or with a section after it."""
    if len(line) > len(outlet) + 40 or outlet[:3] not in line[:len(outlet) + 8]:  # most lines, at once
        return False
    name, *rest = OUTLET_SEPARATORS.split(line, maxsplit=1)
    return outlet_key(name) == outlet and (not rest or word_count(rest[0]) <= SECTION_WORDS)


def echoes(line: str, title: str) -> bool:
    if not line or STRUCTURE.match(line):
        return False
    if title in line:
        return len(line) <= len(title) + 40
    return len(line) >= 0.6 * len(title) and title.startswith(line.rstrip(".…"))
