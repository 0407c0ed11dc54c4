"""Problems found in a user's input, and the exception that carries them.

Every stage collects problems instead of stopping at the first, so one run reports everything a
curator has to fix. A problem always says where (file, line, column), what is wrong and how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located precisely enough to jump to it in an editor."""

    path: str
    """File the problem is in, as the user would type it (relative to the site folder when inside it)."""
    line: int
    """1-based line; 0 when the problem concerns the whole file."""
    column: int
    """1-based column; 0 when the problem concerns a whole line or file."""
    message: str
    """What is wrong."""
    hint: str
    """How to fix it."""
    severity: str = ERROR
    """ERROR stops the build; WARNING is reported, and stops the build only under --strict."""

    def __str__(self) -> str:
        label = "warning: " if self.severity == WARNING else ""
        return f"{self.path}:{self.line}:{self.column}: {label}{self.message}; {self.hint}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


class SiteBuilderError(Exception):
    """A failure caused by the user's input or environment; the CLI prints it without a traceback."""

    def __init__(self, problems: Iterable[Problem] | str):
        if isinstance(problems, str):
            self.problems: tuple[Problem, ...] = ()
            super().__init__(problems)
        else:
            self.problems = tuple(sorted(problems))
            super().__init__("\n".join(str(p) for p in self.problems))


class BuildFailed(SiteBuilderError):
    """The build found errors; the previous output was left as it was."""


def errors_in(problems: Iterable[Problem], strict: bool = False) -> list[Problem]:
    """The problems that stop a build: errors, and under ``strict`` warnings too."""
    return [p for p in problems if p.is_error or strict]


class BrokenLinks(SiteBuilderError):
    """The build links to files it does not have: `check` fails, a deploy stops before publishing."""
