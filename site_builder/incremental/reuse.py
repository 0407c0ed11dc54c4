"""What the speed layer hands a build's stages: one plain object, so that a stage's signature names the data
it transforms and, at most, this.

A stage given ``NO_REUSE`` (the default) computes everything from its input, as a test or `stories` does;
a build fills in what it has: the `serve` memo, the cache folder, the work shared between processes, the
files the last build left.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

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


KeptPage = Callable[[str, str], "str | None"]
"""(output path, page key) -> the digest of the file the previous build wrote there from that very key,
when it is still there: the page need not be rendered again."""


def nothing_kept(path: str, key: str) -> None:
    return None


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
    kept_page: KeptPage = nothing_kept
    """The pages the previous build wrote that need no rendering (see ``KeptPage``)."""
    version: str = ""
    """What every page depends on besides its own key (site-builder's code, the settings, the templates)."""
    share: tuple[int, int] = (0, 1)
    """(n, of): this process renders every of-th page of each template from the n-th, others the rest."""
    written: Mapping[str, str] | None = None
    """Under `serve`: path -> digest of each file the last build left."""
    keep_pages: Callable[[dict[str, str]], None] | None = None
    """Under `serve`: where the pages that stay as the last build wrote them go, all at once (output path
    -> origin of each)."""


NO_REUSE = Reuse()
"""Nothing to reuse: every stage computes from its input alone."""
