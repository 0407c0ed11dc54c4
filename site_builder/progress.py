"""What a long build is doing while it does it: one live line on a terminal, and the time of each stage.

A build of 100,000 articles takes minutes; silence that long reads as a hang. The stages say where they
are (``begin``, ``advance``) through the progress the command set up (``shown``); with none, as in
tests, `serve` and every library use, both calls do nothing. The line appears only after a second, only
on a terminal, is redrawn at most ten times a second, and is wiped before the command prints its summary.
Forked workers count nothing: the process that drew the line counts its own share of the work, which
stands for every worker's (they take equal runs of the same kind of work).
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterator, TextIO

DELAY = 1.0
"""Seconds before the line appears: a quick build prints only its summary."""
REDRAW = 0.1
"""Seconds between two drawings of the line."""


@dataclass
class Progress:
    """The stages of one command, timed, and the live line if there is one."""

    stream: TextIO | None = None
    """Where the live line is drawn (a terminal); None: no line, timings only."""
    clock: Callable[[], float] = time.monotonic
    stages: list[tuple[str, float]] = field(default_factory=list)
    """(stage, seconds) of each stage ended."""
    owner: int = field(default_factory=os.getpid)
    started: float = 0.0
    stage: str = ""
    unit: str = ""
    total: int = 0
    done: int = 0
    stage_started: float = 0.0
    drawn_at: float = 0.0
    drawn: bool = False

    def __post_init__(self) -> None:
        self.started = self.stage_started = self.clock()

    def begin(self, stage: str, total: int = 0, unit: str = "") -> None:
        """End the current stage and start ``stage`` of ``total`` ``unit`` (0: not counted)."""
        now = self.clock()
        self._close(now)
        self.stage, self.total, self.unit, self.done, self.stage_started = stage, total, unit, 0, now
        self._draw(now, force=True)

    def advance(self, count: int = 1) -> None:
        if os.getpid() != self.owner:
            return
        self.done += count
        now = self.clock()
        if now - self.drawn_at >= REDRAW:
            self._draw(now)

    def end(self) -> None:
        """End the last stage and wipe the line."""
        self._close(self.clock())
        self.stage = ""
        if self.drawn and self.stream is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False

    def _close(self, now: float) -> None:
        if self.stage:
            self.stages.append((self.stage, now - self.stage_started))

    def _draw(self, now: float, force: bool = False) -> None:
        if self.stream is None or now - self.started < DELAY or not (force or self.stage):
            return
        self.drawn_at, self.drawn = now, True
        self.stream.write("\r" + live_line(self.stage, self.done, self.total, self.unit, now - self.stage_started)
                          + "\x1b[K")
        self.stream.flush()


def live_line(stage: str, done: int, total: int, unit: str, seconds: float) -> str:
    """'render: 2,340 of 4,400 pages, 1,170/s, about 2 s left' (what is known of it: a total may be an
    estimate, or the count one process's share times the workers, so past it only the count is shown)."""
    if not total:
        return f"{stage}: {seconds:.0f} s"
    rate = done / seconds if seconds > 0 else 0.0
    if done >= total:
        return f"{stage}: {done:,} {unit}, {rate:,.0f}/s"
    left = f", about {(total - done) / rate:.0f} s left" if rate else ""
    return f"{stage}: {done:,} of {total:,} {unit}, {rate:,.0f}/s{left}"


def timings_lines(progress: Progress) -> list[str]:
    """Each stage's time, for `--timings`."""
    total = sum(seconds for _, seconds in progress.stages)
    lines = [f"  {stage:<8} {seconds:7.3f} s" for stage, seconds in progress.stages]
    return ["Timings:"] + lines + [f"  {'total':<8} {total:7.3f} s"]


_current: Progress | None = None


@contextmanager
def shown(progress: Progress) -> Iterator[Progress]:
    """``progress`` is what ``begin`` and ``advance`` report to until the block ends."""
    global _current
    before, _current = _current, progress
    try:
        yield progress
    finally:
        progress.end()
        _current = before


def begin(stage: str, total: int = 0, unit: str = "") -> None:
    if _current is not None:
        _current.begin(stage, total, unit)


def advance(count: int = 1) -> None:
    if _current is not None:
        _current.advance(count)
