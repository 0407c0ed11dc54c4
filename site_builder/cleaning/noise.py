"""What cleaning rules are made of: lines that remember their place in the file, the record of each
change, and helpers to drop lines or replace HTML blocks.

Each rule removes or rewrites whole lines and says what it did, line by line, so `site-builder clean
--explain` can show it. Precision comes before recall: a rule only matches a line that is nothing but
noise (a widget word alone, a label with a colon, a credit in parentheses); a sentence that merely
contains a widget word is never touched. When unsure, keep. The rules are in ``chrome`` and
``layout``, their order in ``rules``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter
from typing import Callable

from site_builder.cleaning.embeds import EMBED_MARK, Embed
from site_builder.cleaning.lexicon import folded, folded_set


@dataclass(frozen=True)
class Line:
    """One line of an article body, with the line of the file it came from."""

    number: int
    """1-based line in the source file."""
    text: str
    """The line's text, without its line break."""


@dataclass(frozen=True)
class Change:
    """What one rule did to one line, for --explain and the build report."""

    rule: str
    """Name of the rule."""
    line: int
    """Line of the source file."""
    action: str
    """'removed', 'changed' or 'replaced'."""
    text: str
    """The line (or embed) as it was, shortened."""
    detail: str = ""
    """What it became; for a removal, the evidence (when the rule gives one)."""

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 70 else self.text[:69] + "…"
        if self.action == "removed":  # the detail of a removal is its evidence
            return f"{self.rule}: removed {text!r}" + (f" ({self.detail})" if self.detail else "")
        return f"{self.rule}: {self.action} {text!r}" + (f" -> {self.detail}" if self.detail else "")


@dataclass
class Work:
    """The state rules pass along: lines, and what has been done so far."""

    lines: list[Line]
    """Current lines of the body."""
    title: str
    """The article's title, for the duplicated-title rule."""
    patterns: tuple[re.Pattern, ...] = ()
    """The site's own line patterns for this article's source."""
    changes: list[Change] = field(default_factory=list)
    """Everything rules have done, in order."""
    embeds: list[Embed] = field(default_factory=list)
    """Embeds turned into cards; placeholder n in the text is embeds[n]."""
    has_code: bool = True
    """Whether the body may hold fenced code blocks, whose lines no rule asks about (False skips looking)."""
    source: str = ""
    """The outlet, as evidence names it."""
    chrome: frozenset[str] = frozenset()
    """Keys of lines seen in other articles of the same source (see ``sitechrome``): its chrome."""
    line_keys: frozenset[str] = frozenset()
    """Set by the site-chrome rule: the keys of the lines it saw, for learning the source's chrome."""


@dataclass(frozen=True)
class LineTest:
    """How a rule that judges each line by its text alone asks about one: its test (what it returns, when a
    string, is the evidence) and the longest line it asks about (longer ones are prose)."""

    test: Callable[[str], bool | str]
    longest: int


@dataclass(frozen=True)
class Rule:
    """A named cleaning step."""

    name: str
    """What curators type in `disable:` lists."""
    description: str
    """The noise it handles, for --help and docs."""
    apply: Callable[[Work], None]
    """Rewrites work.lines, recording a Change for everything it does."""
    line: LineTest | None = None
    """Its test of one line's text, for a rule that judges lines by nothing else: rules in a row that do
    take one pass over the lines together (see ``drop_lines_of``)."""


def line_rule(name: str, description: str, line: LineTest) -> Rule:
    """A rule removing each line its test holds for, alone or in one pass with its neighbours."""
    return Rule(name, description, lambda work: drop_lines(work, name, lambda text, _: line.test(text), line.longest),
                line)


TAG = re.compile(r"<[^>]+>")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
LABEL = itemgetter(1)
"""What ``LINK.sub`` puts for a link: its label (a function, not the template r"\\1", which the re module
expands in Python)."""
MARKUP = re.compile(r"[*_`#>|]+")
MARKUP_MARKS = frozenset("*_`#>|")


@lru_cache(maxsize=8192)
def bare(text: str) -> str:
    """A line reduced to its words: markup, list and heading marks, end punctuation gone; case-folded."""
    if "<" in text:
        text = TAG.sub(" ", text)
    if "[" in text:
        text = LINK.sub(LABEL, text)
    if not MARKUP_MARKS.isdisjoint(text):
        text = MARKUP.sub(" ", text)
    text = text.strip().strip("-–—•·:：.,;!?()[]{}«»\"'“”‘’…→←↗▶►|/\\ \t\u00a0").casefold()
    return " ".join(text.split())


TAG_WORDS = re.compile(r"^(?:[a-z][a-z0-9&'’.-]{1,29}|[A-Z][A-Z0-9&'’ .-]{1,29})$")
NOT_TAGS = ("-", "*", "+", "|", ">", "<", "!", "[", "•", "#", "—", "–", "`", EMBED_MARK)


def is_tag_like(text: str) -> bool:
    """A category or source tag: up to three words, all in lower case or all in capitals."""
    stripped = text.strip()
    return not stripped.startswith(NOT_TAGS) and len(stripped.split()) <= 3 and bool(TAG_WORDS.match(stripped))


LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")
"""A Markdown link reference definition ("[docs]: https://..."): it shows nothing, and the links that name
it break without it."""


def code_lines(work: Work) -> set[int]:
    """Indexes of the lines of fenced code blocks, fences included: code, which rules that rewrite lines
    leave as it is (a YAML example's '---' is no attribution dash)."""
    inside, fence = set(), None
    for index, line in enumerate(work.lines if work.has_code else ()):
        if fence or line.text.lstrip().startswith(("```", "~~~")):
            text = line.text.strip()
            fence = None if fence and text.startswith(fence) else fence or text[:3]
            inside.add(index)
    return inside


def goes_on(lines: list[Line], index: int) -> bool:
    """Whether the line after ``index`` begins in lower case: the text hard-wrapped, going on from this line."""
    return index + 1 < len(lines) and lines[index + 1].text[:1].islower()


def askable(raw: str, longest: int) -> str:
    """The stripped line when a rule may ask about it, '' when not: lines over ``longest`` characters are prose,
    and table rows and link definitions are structure (code blocks are ``code_lines``)."""
    if len(raw) > longest or not (text := raw.strip()) or text[0] == "|":
        return ""
    return "" if "]:" in text and LINK_DEFINITION.match(raw) else text


def askable_lines(work: Work, longest: int = 400) -> list[int]:
    """The indexes of the lines ``drop_lines`` would ask about (see there), for a rule that only looks."""
    code = code_lines(work)
    return [index for index, line in enumerate(work.lines) if index not in code and askable(line.text, longest)]


def drop_lines(work: Work, rule: str, matches: Callable[[str, int], bool | str], longest: int = 400) -> None:
    """Remove every line for which ``matches(line text, index)`` holds (a string it returns is the
    evidence, for --explain); lines over ``longest`` characters are prose, and table rows, code blocks and
    link definitions are structure: none is ever asked about."""
    kept, code = [], code_lines(work)
    for index, line in enumerate(work.lines):
        raw = line.text
        # ``askable``, written out: this loop runs for every line of every article, a dozen times.
        if len(raw) <= longest and (text := raw.strip()) and text[0] != "|" and index not in code \
                and not ("]:" in text and LINK_DEFINITION.match(raw)) and (found := matches(raw, index)):
            work.changes.append(Change(rule, line.number, "removed", text, found if isinstance(found, str) else ""))
        else:
            kept.append(line)
    work.lines = kept


def drop_lines_of(work: Work, rules: list[Rule]) -> None:
    """The line tests of ``rules`` (each a ``line_rule``, in their order) in one pass: each line is asked each
    rule in turn until one removes it, as a pass per rule would (a line one rule removes, the next never
    sees), and the changes are listed rule by rule, as those passes list them."""
    kept, code = [], code_lines(work)
    found: list[list[Change]] = [[] for _ in rules]
    tests = [(rule.line.longest, rule.line.test, rule.name, changes) for rule, changes in zip(rules, found)]
    widest = max(longest for longest, *_ in tests)
    for index, line in enumerate(work.lines):
        raw = line.text
        # ``askable``, written out, as in ``drop_lines``.
        if (size := len(raw)) <= widest and (text := raw.strip()) and text[0] != "|" and index not in code \
                and not ("]:" in text and LINK_DEFINITION.match(raw)):
            for longest, test, name, changes in tests:
                if size <= longest and (evidence := test(raw)):
                    changes.append(Change(name, line.number, "removed", text,
                                          evidence if isinstance(evidence, str) else ""))
                    break
            else:
                kept.append(line)
            continue
        kept.append(line)
    work.lines = kept
    for changes in found:
        work.changes += changes


def words_test(words: set[str]) -> LineTest:
    """Lines that are, once bare, exactly one of ``words`` (accents and case aside)."""
    keys = folded_set(words)
    return LineTest(lambda text: folded(bare(text)) in keys, max(map(len, words)) + 20)


def pattern_test(pattern: re.Pattern, max_length: int = 160) -> LineTest:
    """Short lines whose bare form matches ``pattern`` from its start."""
    return LineTest(lambda text: bool(pattern.match(bare(text))), max_length)


def replace_blocks(work: Work, rule: str, pattern: re.Pattern, make: Callable[[re.Match], Embed | None],
                   keep_unknown: bool = False) -> None:
    """Replace each HTML block matching ``pattern`` (which may span lines) by an embed placeholder; when
    ``make`` returns None the block goes, or with ``keep_unknown`` stays as it was."""
    text = "\n".join(line.text for line in work.lines)
    if "<" not in text or not pattern.search(text):
        return
    starts = list(accumulate((len(line.text) + 1 for line in work.lines[:-1]), initial=0))

    def line_at(position: int) -> int:
        return work.lines[bisect_right(starts, position) - 1].number

    pieces, cursor = [], 0
    for match in pattern.finditer(text):
        embed, number = make(match), line_at(match.start())
        if embed is None and keep_unknown:
            continue
        before = text[cursor:match.start()].rstrip(" \t")
        after_start = match.end() + len(text[match.end():]) - len(text[match.end():].lstrip(" \t"))
        if embed is None:
            work.changes.append(Change(rule, number, "removed", " ".join(match.group(0).split())))
            replacement = ""
        else:
            work.changes.append(Change(rule, number, "replaced", " ".join(match.group(0).split()),
                                       f"a static card for {embed.describe()}"))
            replacement = _own_paragraph(f"{EMBED_MARK}embed-{len(work.embeds)}{EMBED_MARK}", before,
                                         text[after_start:])
            work.embeds.append(embed)
        pieces += [(before, cursor, 0), (replacement, None, number)]
        cursor = after_start
    pieces.append((text[cursor:], cursor, 0))
    work.lines = _relines(pieces, line_at)


def _own_paragraph(token: str, before: str, after: str) -> str:
    """The token with just enough line breaks around it to stand as a paragraph of its own."""
    leading = len(before) - len(before.rstrip("\n"))
    trailing = len(after) - len(after.lstrip("\n"))
    prefix = "" if not before else "\n" * max(0, 2 - leading)
    suffix = "" if not after else "\n" * max(0, 2 - trailing)
    return prefix + token + suffix


def _relines(pieces: list[tuple[str, int | None, int]], line_at: Callable[[int], int]) -> list[Line]:
    """Split rewritten text into Lines: kept text keeps its file line, a replacement takes its block's."""
    lines, current, number = [], "", None
    for text, origin, replacement_number in pieces:
        offset = origin
        for index, part in enumerate(text.split("\n")):
            if index > 0:
                lines.append(Line(number, current))
                current, number = "", None
            if number is None:
                number = line_at(offset) if origin is not None else replacement_number
            current += part
            if origin is not None:
                offset += len(part) + 1
    lines.append(Line(number, current))
    return lines
