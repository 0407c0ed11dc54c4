"""Each cleaning rule against its fixture cases in tests/fixtures/cleaning.txt (input, expected)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from site_builder.cleaning.noise import EMBED_MARK, Line
from site_builder.cleaning.rules import RULE_NAMES, run_rules, unknown_rule_problem

FIXTURES = Path(__file__).parent / "fixtures" / "cleaning.txt"
TITLE = "Title of the article"


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    line: int
    given: str
    expected: str


def read_cases(path: Path) -> list[Case]:
    """Cases of a fixture file: `## rule`, `### name`, then input and expected, each between `.` lines."""
    cases, rule, lines = [], "", path.read_text(encoding="utf-8").split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("## "):
            rule = line[3:].strip()
        elif line.startswith("### "):
            given, index = _block(lines, index + 1)
            expected, end = _block(lines, index)
            cases.append(Case(rule, line[4:].strip(), index, given, expected))
            index = end - 1
        index += 1
    return cases


def _block(lines: list[str], start: int) -> tuple[str, int]:
    """The text between the `.` line at ``start`` and the next one, and the index after it."""
    assert lines[start] == ".", f"fixture line {start + 1}: expected '.'"
    end = lines.index(".", start + 1)
    return "\n".join(lines[start + 1:end]), end


def cleaned(case: Case) -> str:
    disabled = frozenset() if case.rule == "all rules" else frozenset(RULE_NAMES) - {case.rule}
    work = run_rules([Line(i + 1, text) for i, text in enumerate(case.given.split("\n"))], TITLE, disabled)
    text = "\n".join(line.text for line in work.lines)
    for number, embed in enumerate(work.embeds):
        fields = (embed.author_name, embed.author_handle, embed.date_text, embed.url or "", embed.title,
                  embed.text.replace("\n", "⏎"))
        card = f"[card {embed.platform} {embed.kind} | " + " | ".join(fields) + "]"
        text = text.replace(f"{EMBED_MARK}embed-{number}{EMBED_MARK}", card)
    return text.strip("\n")


CASES = read_cases(FIXTURES)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}: {c.name}" for c in CASES])
def test_rule_turns_fixture_input_into_expected_markdown(case):
    assert cleaned(case) == case.expected.strip("\n"), f"{FIXTURES.name}:{case.line}"


def test_every_rule_has_fixture_cases():
    covered = {case.rule for case in CASES}
    assert set(RULE_NAMES) - {"site-patterns"} <= covered


def test_an_unknown_rule_name_lists_the_valid_ones():
    message = unknown_rule_problem("share-widget")
    assert message.startswith("unknown cleaning rule 'share-widget'; the rules are: social-embeds, iframes, ")
    assert all(name in message for name in RULE_NAMES) and unknown_rule_problem("share-widgets") is None
