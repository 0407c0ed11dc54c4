"""What the speed layer's wrappers of the stages (``prepare``, ``regrouping``, ``background``) are given: one
plain object, made by ``pipeline`` for each build.

Given ``NO_REUSE`` (the default) they compute everything from their input, as a test or `stories` does; a
build fills in what it has: the `serve` memo, the cache folder, the work shared between processes. (The
render stage is given its own, ``rendering.shortcuts.Shortcuts``.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from site_builder import progress
from site_builder.incremental.cache import Store
from site_builder.incremental.memo import Memo
from site_builder.incremental.parallel import Helper

Map = Callable[[Callable[[Any], Any], list], list]
"""map(function, items) -> results in order: how the files that need their stages run are run (in
several processes, for a cold build)."""


def serial_map(function: Callable[[Any], Any], items: list) -> list:
    results = []
    for item in items:
        results.append(function(item))
        progress.advance()
    return results


@dataclass(frozen=True)
class Reuse:
    """Everything a build may reuse, or share out, while its stages compute the same output as without."""

    memo: Memo | None = None
    """The `serve` session's results of the last build (None for a `build` command)."""
    store: Store | None = None
    """The cache folder, when this build reads it (a `build` command, or the first build of `serve`)."""
    map_all: Map = serial_map
    """How the files that need their per-article stages run are run (on every core, for a cold build)."""
    helper: Helper | None = None
    """A process cleaning and grouping beside this one (see ``helper.start_helper``)."""
    keep_results: Callable[[list], Callable[[], None]] | None = None
    """Given the articles once every file's results are in, starts writing them to the cache folder
    elsewhere, and naming the articles' languages there; returns what waits for that."""


NO_REUSE = Reuse()
"""Nothing to reuse: every stage computes from its input alone."""
