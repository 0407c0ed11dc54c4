"""What clustering knows of one article: an ``Item``, its features packed for the cache folder."""

from __future__ import annotations

import marshal
import sys
from dataclasses import dataclass, replace
from functools import cached_property


@dataclass(frozen=True)
class Item:
    """What clustering needs to know of one article."""

    id: str
    """Article id."""
    time: float
    """Publication time, POSIX seconds."""
    packed: bytes
    """Its features as ``pack`` packs them (see ``features``): a build reads every article's item from the
    cache folder, and unpacking every item's features was a noticeable share of a daily build, which looks
    at those of the periods around the changed articles only."""
    fixed: str | None = None
    """An explicit story key, or '' for an article kept out of every story; None when free to group."""
    lang: str = ""
    """Primary language subtag: reports in one language are compared on everything, reports in two
    languages on the signals that survive translation."""
    version: str = ""
    """What the item was made from (its file's bytes, path and the settings that shape it, hashed): an item
    with the same id and version is the same item. '' when unknown: never taken for the same."""
    meaning: bytes = b""
    """What its title and opening say, as the optional encoder puts it (``meaning``); empty without."""

    @cached_property
    def features(self) -> dict[str, int]:
        """Prefixed features with counts, unpacked when first asked for."""
        return marshal.loads(self.packed)

    def __getstate__(self) -> dict:
        """Pickled packed only."""
        return {name: value for name, value in self.__dict__.items() if name != "features"}


def pack(features: dict[str, int]) -> bytes:
    """Features with counts as an item keeps them. The features are interned, which marshal records, so
    that unpacked they are one string each however many items hold them."""
    return marshal.dumps(interned(features))


def interned(features: dict[str, int]) -> dict[str, int]:
    return {sys.intern(feature): count for feature, count in features.items()}


def with_features(item: Item, features: dict[str, int]) -> Item:
    """``item`` holding freshly made ``features``, unpacked too (as unpacking would give them): in a cold
    build, the process that groups made half the items, and unpacking them would cost it time for nothing."""
    unpacked = interned(features)
    item = replace(item, packed=marshal.dumps(unpacked))
    item.__dict__["features"] = unpacked  # where ``features`` keeps what it unpacked
    return item
