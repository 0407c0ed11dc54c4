"""Results of the pure per-article stages, kept between the builds of one `serve` session.

A stage's result is looked up by everything it depends on (the file's bytes, the settings that
shape it), so a hit is always right; entries the last build did not use are dropped after it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Callable, Hashable, Iterable, Sequence


class Memo:
    """A store of stage results keyed by their inputs; see the module docstring."""

    def __init__(self) -> None:
        self._entries: dict[Hashable, Any] = {}
        self._used: dict[Hashable, Any] = {}
        """What this build asked for: the entries the next one starts from."""

    def recall(self, key: Hashable) -> Any:
        """What was last kept under ``key`` (None when nothing is); found, it is kept for the next build.
        An exact result looked up by its inputs, or a stage's previous result that it updates."""
        value = self._used.get(key, self._entries.get(key))
        if value is not None:
            self._used[key] = value
        return value

    @property
    def empty(self) -> bool:
        """True before the first build of a session."""
        return not self._entries and not self._used

    def while_same(self, name: Hashable, inputs: Callable[[], Any], compute: Callable[[], Any]) -> Any:
        """``compute()``, kept while ``inputs()`` (compared by value, cheaper to make and compare than
        ``compute`` is to run) are those of the last build."""
        made, last = inputs(), self.recall(name)
        if last is not None and last[0] == made:
            return last[1]
        value = compute()
        self.keep(name, (made, value))
        return value

    def derived(self, name: Hashable, source: Any, compute: Callable[[], Any]) -> Any:
        """``compute()``, a result of ``source`` (and of what ``name`` says), kept while the very same
        ``source`` object comes back: a stage fed from the memo looks its result up without hashing the
        source's content again."""
        key = (name, id(source))
        entry = self.recall(key)
        if entry is None or entry[0] is not source:
            entry = (source, compute())
            self.keep(key, entry)
        return entry[1]

    def keep(self, name: Hashable, value: Any) -> None:
        self._used[name] = value

    def keep_all(self, entries: dict) -> None:
        """``keep`` each of ``entries``, at once."""
        self._used.update(entries)

    def prune(self) -> None:
        """Forget what the last build did not ask for (deleted or edited files)."""
        self._entries, self._used = self._used, {}


def tally(memo: Memo | None, name: Hashable, items: Sequence, values: Callable[[Any], Iterable[Hashable]]) -> Counter:
    """How often each of the ``values`` of the items occurs among them all. Under `serve`, the last build's
    count, corrected where an item is not the very object it was then: an edit changes a few items of
    thousands."""
    last = memo.recall(name) if memo is not None else None
    if last is not None and len(last[0]) == len(items):
        counts = Counter(last[1])
        for before, now in zip(last[0], items):
            if before is not now:
                counts.subtract(values(before))
                counts.update(values(now))
        counts = +counts  # without the values that no item has any more
    else:
        counts = Counter(value for item in items for value in values(item))
    if memo is not None:
        memo.keep(name, (tuple(items), counts))
    return counts
