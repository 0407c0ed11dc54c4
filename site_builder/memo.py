"""Results of the pure per-article stages, kept between the builds of one `serve` session.

A stage's result is looked up by everything it depends on (the file's bytes, the settings that
shape it), so a hit is always right; entries the last build did not use are dropped after it.
"""

from __future__ import annotations

import hashlib
from typing import Any, Callable, Hashable


class Memo:
    """A store of stage results keyed by their inputs; see the module docstring."""

    def __init__(self) -> None:
        self._entries: dict[Hashable, Any] = {}
        self._used: set[Hashable] = set()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        self._used.add(key)
        if key not in self._entries:
            self._entries[key] = compute()
        return self._entries[key]

    def recall(self, name: Hashable) -> Any:
        """What was last kept under ``name`` (None at first): for a stage that updates its previous result
        rather than looking up an exact one."""
        self._used.add(name)
        return self._entries.get(name)

    def keep(self, name: Hashable, value: Any) -> None:
        self._used.add(name)
        self._entries[name] = value

    def prune(self) -> None:
        """Forget what the last build did not ask for (deleted or edited files)."""
        self._entries = {key: value for key, value in self._entries.items() if key in self._used}
        self._used = set()

    def __len__(self) -> int:
        return len(self._entries)


def remember(memo: Memo | None, key: Hashable, compute: Callable[[], Any]) -> Any:
    """``compute()``, looked up in ``memo`` when there is one."""
    return compute() if memo is None else memo.get(key, compute)


def sha256(data: bytes) -> str:
    """The hex SHA-256 of ``data``: how files are compared between builds."""
    return hashlib.sha256(data).hexdigest()
