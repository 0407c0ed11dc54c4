"""The speed layer's work beside a build's stages: the helper process that cleans and groups meanwhile (see
``helper``), and the writing of the cache folder, in another process once every file's results are in."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable

from site_builder.config import SiteConfig
from site_builder.content.load import ContentFile
from site_builder.incremental.parallel import in_background
from site_builder.incremental.reuse import Reuse
from site_builder.model import Article


class Background:
    """Used around a build's stages: ``reuse`` is what they are given; leaving waits for the cache folder to
    be written, and lets the helper end (after a build that got through: what it has left to do is
    writing the grouping's scores) or stops it."""

    def __init__(self, config: SiteConfig, drafts: bool, reuse: Reuse, found: list[ContentFile] | None):
        from site_builder.incremental.helper import start_build_helper

        self.config = config
        self.saving: list[Callable[[], None]] = []
        self.dropped: list = []
        """The entries the cache folder let go of, for a process that ends right after not to free them."""
        self.done = False
        """Set once the stages got through: the helper may finish its work."""
        store, alone = reuse.store, reuse.memo is None
        # With results kept, the files that changed are cleaned, and the articles clustered, by the helper
        # while this process reads the cache folder.
        helper = start_build_helper(config, drafts, store, found) \
            if alone and store and found is not None and not store.empty else None
        self.reuse = replace(reuse, helper=helper, keep_results=self.keep_results if store and alone else None)

    def keep_results(self, articles: list[Article]) -> Callable[[], None]:
        """Write the files' results to the cache folder, and name the articles' languages there, in another
        process while the articles are grouped here; returns what waits for that."""
        from site_builder.incremental.prepare import language_names

        store = self.reuse.store

        def write_and_name() -> None:
            store.save_entries()
            language_names(articles, self.config.language, replace(self.reuse, memo=None))
            store.save_whole()
        self.saving.append(in_background(write_and_name))
        self.dropped.append(store.forget())
        return self.saving[-1]

    def results_failed(self, output_dir: Path) -> None:
        """After an article's errors: the good files' results hold; kept, a build after the fix cleans only
        that file."""
        store = self.reuse.store
        if store and store.complete and not self.saving and output_dir.is_dir():
            store.save()

    def results_made(self) -> None:
        """After grouping: write what is left of the cache folder now, not after the write stage, so that it
        need not stay in memory while pages are made."""
        store = self.reuse.store
        if self.saving:  # the entries are the helper's to write
            store.save_whole()
        elif store:
            store.save()

    def __enter__(self) -> Background:
        return self

    def __exit__(self, *exception: object) -> None:
        helper = self.reuse.helper
        try:
            for wait in self.saving:  # a build that ends leaves the cache folder whole
                wait()
        finally:
            if helper and self.done:
                helper.finish()
            elif helper:
                helper.close()
