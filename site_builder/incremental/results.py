"""What the per-article stages make of one content file, as the speed layer keeps and passes it around
(see ``prepare``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from site_builder.content.load import Listed
from site_builder.errors import Problem
from site_builder.model import Article
from site_builder.stories.items import Item


@dataclass(frozen=True)
class Prepared:
    """One content file after the per-article stages."""

    article: Article | None
    """The cleaned article, with only what later stages use: its Markdown dropped, its text cut to what
    its lead is made from (``grouping.lead_text``); None when the file has errors."""
    item: Item | None
    """Its grouping features."""
    problems: tuple[Problem, ...]
    """What is wrong with the file."""
    chrome: frozenset[str] = frozenset()
    """The keys of its source's learned chrome it was cleaned with (see ``sitechrome``)."""

    @property
    def index_entry(self) -> tuple[Item | None, bool, str, frozenset[str]]:
        """What the cache folder's index keeps of these results (see ``Store.hint``): enough to group the
        article without reading them, its item and whether it is a draft, and what the chrome of its source
        is learned from (see ``sitechrome``): its source and line keys."""
        article = self.article
        return self.item, bool(article and article.draft), article.source if article else "", \
            article.line_keys if article else frozenset()


@dataclass(frozen=True)
class Pending:
    """A file whose results must be computed."""

    key: str | None
    """What its results will be kept under; None when the file was not looked up (with nothing kept, as in a
    first build, it would not be found): its key is made where its stages run, from the bytes they read."""
    digest: str | None
    """The hash of the file's bytes as they were looked up (in ``key``)."""
    listed: Listed
    """The file (read again where its stages run: its bytes are not held meanwhile)."""
    settings: str
    """``settings_key`` of the configuration, which keys name (with the chrome, when there is some)."""
    chrome: frozenset[str] = frozenset()
    """Keys of its lines learned as its source's chrome, to clean it with."""


@dataclass(frozen=True)
class FileResult:
    """One content file with its results, and the keys they were found or kept under."""

    listed: Listed
    prepared: Prepared
    looked: tuple[tuple[str, Any], ...]
    """(key, value) of each look-up that led to the results."""
