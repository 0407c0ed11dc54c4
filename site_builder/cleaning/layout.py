"""Cleaning rules for structure: embeds and scripts become cards or go, the duplicated title goes,
one-line paragraphs, text bullets and quote attributions become proper Markdown, trailing tags and
the site's own patterns go.
"""

from __future__ import annotations

import re
from dataclasses import replace

from site_builder.cleaning.embeds import (ATTRIBUTES, BLOCKQUOTE_EMBED, FACEBOOK_EMBED, IFRAME, VIMEO_CAPTION, Embed,
                                 embed_from_blockquote, embed_from_facebook, embed_from_iframe)
from site_builder.cleaning.noise import (EMBED_MARK, Change, Line, Work, bare, code_lines, drop_lines, goes_on,
                                         is_tag_like, replace_blocks)

# A whole script element (its content never runs past the next <script), else a lone opening or
# closing tag: an unclosed <script> must not swallow the text after it.
SCRIPT = re.compile(rf"<script\b{ATTRIBUTES}>(?:(?!<script\b).)*?</script\s*>|<script\b{ATTRIBUTES}>|</script\s*>|"
                    r"<div\s+id=[\"']fb-root[\"']\s*>\s*</div>", re.I | re.S)


def remove_embed_scripts(work: Work) -> None:
    replace_blocks(work, "scripts", SCRIPT, lambda match: None)


def replace_social_embeds(work: Work) -> None:
    replace_blocks(work, "social-embeds", BLOCKQUOTE_EMBED, lambda match: embed_from_blockquote(match.group(0)),
                   keep_unknown=True)
    replace_blocks(work, "social-embeds", FACEBOOK_EMBED, lambda match: embed_from_facebook(match.group(0)))


IFRAME_WITH_CAPTION = re.compile(rf"{IFRAME.pattern}(?:{VIMEO_CAPTION.pattern})?", re.I | re.S)


def replace_iframes(work: Work) -> None:
    def make(match: re.Match) -> Embed | None:
        iframe = IFRAME.match(match.group(0)).group(0)
        return embed_from_iframe(iframe, match.group(0)[len(iframe):])

    replace_blocks(work, "iframes", IFRAME_WITH_CAPTION, make)


def remove_duplicate_title(work: Work) -> None:
    """Lines before the text that repeat the title (clipping often catches the page's headline twice)."""
    title = bare(work.title)
    longest = 2 * len(work.title) + 20
    kept, leading, lines = [], True, work.lines
    for index, line in enumerate(lines):
        # A title that goes on in lower case on the next line is the text's first words, hard-wrapped.
        if leading and line.text.strip() and len(line.text) <= longest and bare(line.text) == title \
                and not goes_on(lines, index):
            work.changes.append(Change("duplicate-title", line.number, "removed", line.text.strip()))
            continue
        leading = leading and not line.text.strip()
        kept.append(line)
    work.lines = kept


def remove_site_patterns(work: Work) -> None:
    if work.patterns:
        drop_lines(work, "site-patterns", lambda text, _: any(p.search(text.strip()) for p in work.patterns))


MAX_TRAILING_TAGS = 5


def remove_trailing_tags(work: Work) -> None:
    """Category or source tags left after the last sentence ('techcrunch', 'DATA', 'UPDATES'): up to five
    short lines in lower case or in capitals; never the whole body."""
    end, dropped = len(work.lines), 0
    while end and dropped < MAX_TRAILING_TAGS and (not work.lines[end - 1].text.strip()
                                                   or is_tag_like(work.lines[end - 1].text)):
        dropped += bool(work.lines[end - 1].text.strip())
        end -= 1
    if end == len(work.lines) or not any(line.text.strip() for line in work.lines[:end]):
        return
    tail = set(range(end, len(work.lines)))
    drop_lines(work, "trailing-tags", lambda text, i: i in tail)


BULLET = re.compile(r"^\s*[•●▪◦‣∙·]\s*(\S.*)$")
DASH_ITEM = re.compile(r"^\s*[–]\s+(\S.*)$")
BULLET_MARKS = frozenset("•●▪◦‣∙·–")


def make_bullet_lists(work: Work) -> None:
    """Text bullets ("•", or a run of "–" lines) become a Markdown list, separated from the text above."""
    if not any(line.text.lstrip()[:1] in BULLET_MARKS for line in work.lines):  # most articles, at once
        return
    lines, result, code = work.lines, [], code_lines(work)
    content = [line for line in lines if line.text.strip()]
    dash_runs = {id(line) for a, b in zip(content, content[1:]) if DASH_ITEM.match(a.text) and DASH_ITEM.match(b.text)
                 for line in (a, b)}
    for index, line in enumerate(lines):
        match = BULLET.match(line.text) or (DASH_ITEM.match(line.text) if id(line) in dash_runs else None)
        if not match or index in code:
            result.append(line)
            continue
        if result and result[-1].text.strip() and not result[-1].text.startswith("- "):
            result.append(Line(line.number, ""))
        item = f"- {match.group(1)}"
        work.changes.append(Change("text-bullets", line.number, "changed", line.text.strip(), item))
        result.append(Line(line.number, item))
    work.lines = result


QUOTE_WORDS = 80
"""A pull quote longer than this is an ordinary paragraph, not the quote an attribution line belongs to."""
ATTRIBUTION = re.compile(r"^\s*(—|―|--)\s*([^\s¿¡].{0,150})$")
NOT_A_QUOTE_SOURCE = re.compile(r"(reporting|editing|writing|additional|laporan|penulis|editor|a cura di|con "
                                r"información|reportage|redaktion|bewerking)", re.I)


def attach_quote_attributions(work: Work) -> None:
    """A pull quote and its "— Name, role" line become one blockquote, so the attribution stays with it."""
    if not any(line.text.lstrip().startswith(("—", "―", "--")) for line in work.lines):  # most articles, at once
        return
    lines, code = work.lines, code_lines(work)
    for index, line in enumerate(lines):
        match = ATTRIBUTION.match(line.text)
        # Spanish and Portuguese write dialogue with dashes: a line that asks or ends a sentence is speech.
        if not match or NOT_A_QUOTE_SOURCE.search(match.group(2)) or re.search(r"[.?!…]$", match.group(2).strip()) \
                or index in code:
            continue
        quote = _paragraph_before(lines, index, code)
        if not quote or len(" ".join(lines[i].text for i in quote).split()) > QUOTE_WORDS:
            continue
        for i in quote:
            lines[i] = replace(lines[i], text="> " + lines[i].text.strip())
        gap = [i for i in range(quote[-1] + 1, index)]
        for i in gap:
            lines[i] = replace(lines[i], text=">")
        lines[index] = replace(line, text="> " + line.text.strip())
        work.changes.append(Change("quote-attribution", line.number, "changed", line.text.strip(),
                                   f"kept with its quote (line {lines[quote[0]].number})"))


def _paragraph_before(lines: list[Line], index: int, code: set[int]) -> list[int]:
    """Indexes of the plain-text paragraph just above ``index`` (blank lines between allowed); none when
    it has more lines than a pull quote may have words, which also bounds the cost of each line, or when
    it is code."""
    i = index - 1
    while i >= 0 and not lines[i].text.strip():
        i -= 1
    end = i
    while i >= 0 and lines[i].text.strip() and end - i <= QUOTE_WORDS:
        i -= 1
    block = list(range(i + 1, end + 1))
    plain = all(not lines[j].text.lstrip().startswith(("#", ">", "-", "*", "<", "|", EMBED_MARK, "—", "―", "!"))
                for j in block)
    return block if block and plain and len(block) <= QUOTE_WORDS and not code.intersection(block) else []


INDENTED = re.compile(r"^(?: {4,}|\t)\s*(?=\S)")
LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s")
CODE_LIKE = re.compile(r"[{};]\s*$|^\s*[{}]|\w\([^()]*\)\s*[{;:]?\s*$|\w\s*[+\-*/!=<>]?=\s*\S|</?[a-z][^>]*>|"
                       r"^\s*(?:#|//|/\*|\$ |>>>|@\w|(?:def|class|import|from|return|function|var|let|const|if|"
                       r"for|while|print|SELECT|echo)\b)")
"""A line of code: a brace or semicolon at its end, a call, an assignment, a tag, a comment or a keyword at
its start."""
CODE_SHARE = 3
"""A block is code when one line in this many looks like code (prose may hold one such line)."""


def unindent_clipped_text(work: Work) -> None:
    """Clipped pages often indent their text with spaces, and Markdown shows four spaces as code: the
    article would read as one block of monospace. Indented lines that are not code (``CODE_LIKE``) nor the
    continuation of a list item lose their indent; a real indented code block keeps it."""
    if not any(line.text.startswith(("    ", "\t")) for line in work.lines):
        return
    code, in_list, lines = code_lines(work), False, list(work.lines)
    blocks: list[list[int]] = []  # runs of indented lines, blank lines between them allowed
    for index, line in enumerate(lines):
        if index in code or not line.text.strip():
            continue
        if INDENTED.match(line.text):
            if not in_list:
                if blocks and blocks[-1][-1] == _previous_content(lines, index):
                    blocks[-1].append(index)
                else:
                    blocks.append([index])
            continue
        in_list = bool(LIST_ITEM.match(line.text))
    for block in blocks:
        if CODE_SHARE * sum(bool(CODE_LIKE.search(lines[index].text)) for index in block) >= len(block):
            continue
        for index in block:
            text = lines[index].text.strip()
            work.changes.append(Change("indented-text", lines[index].number, "changed", text,
                                       "no longer indented like code"))
            lines[index] = replace(lines[index], text=text)
    work.lines = lines


def _previous_content(lines: list[Line], index: int) -> int:
    """The index of the last non-blank line before ``index`` (-1 when none)."""
    return next((i for i in range(index - 1, -1, -1) if lines[i].text.strip()), -1)


SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)]*$")
NOT_PROSE = ("#", ">", "-", "*", "+", "|", "<", "!", "[", "`", "•", "●", "▪", "◦", "‣", "∙", "·", "–", "—",
             EMBED_MARK)


def separate_paragraph_lines(work: Work) -> None:
    """Clipped pages put one paragraph per line; Markdown would join them. A long line (over 100
    characters) that ends a sentence, followed directly by more prose, gets a blank line after it
    (hand-wrapped Markdown, whose lines are short, is left alone)."""
    lines, result, code = work.lines, [], code_lines(work)
    for index, line in enumerate(lines):
        result.append(line)
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        if index not in code and (len(line.text) > 100 and SENTENCE_END.search(line.text.rstrip()) and following.strip()
                and not _starts_block(line.text) and not _starts_block(following)):
            result.append(Line(line.number, ""))
            work.changes.append(Change("line-paragraphs", line.number, "changed", line.text.strip(),
                                       "a paragraph of its own"))
    work.lines = result


def _starts_block(text: str) -> bool:
    """Markdown structure (list, heading, quote, table, HTML, code) rather than a line of prose."""
    return (text.startswith(("    ", "\t")) or text.lstrip().startswith(NOT_PROSE)
            or bool(re.match(r"\s*\d+[.)]\s", text)))
