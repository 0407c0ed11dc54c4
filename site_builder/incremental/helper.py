"""The helper: a process a build starts beside it, to clean the files the cache folder lacks and to group
the articles while this process reads the results the cache folder keeps. Whatever it gives is only a head
start: what it lacks or gets wrong is computed by the build, as without it."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any, Iterator

from site_builder.config import SiteConfig
from site_builder.content.load import ContentFile, content_file, content_prefix, read_content_file
from site_builder.errors import Problem
from site_builder.incremental.cache import Store
from site_builder.incremental.parallel import Helper, start_helper
from site_builder.incremental.prepare import (chrome_settings, file_key, prepare_pending, results_key, settings_key,
                                              vouched_for)
from site_builder.incremental.results import Pending
from site_builder.incremental.rescoring import cluster_in_helper


HELPER_FILES = 32
"""The most files the helper cleans (see ``start_build_helper``): about as many as the other core cleans while
this one reads a big archive's cache folder. With more to clean, the rest are cleaned after, on
every core, and the articles are grouped here too."""


def start_build_helper(config: SiteConfig, include_drafts: bool, store: Store, found: list[ContentFile]) -> Helper:
    """Start, in a forked process, what a build can do before it has read the results the cache folder
    holds, from the folder's index (see ``Store.hint``), while this process reads them:
    - the results of the files the index does not list, which it gives first, as ``prepare_pending``
      gives each (a daily build's new and edited articles; this process then does without even the
      cleaning's imports);
    - then, with those and the grouping items the index lists for the others, the clustering of the
      articles (see ``cluster_in_helper``), which grouping takes when its articles are these.
    Each part is only a head start: what it lacks or gets wrong is computed here, as without it."""
    prefix, settings = content_prefix(config), settings_key(config)

    def produce() -> Iterator[tuple[str, Any]]:
        computed, entries, pending = [], [], []
        for file in found if store.indexed else ():
            listed = content_file(file, prefix)
            if isinstance(listed, Problem):
                continue
            digest = store.hint(file_key(file)) if vouched_for(file) else None
            if not isinstance(digest, str):
                data, _ = read_content_file(file, config.content_dir, listed.shown)
                if data is None:
                    continue
                digest = hashlib.sha256(data).hexdigest()
            key = results_key(digest, listed, settings)
            entry = store.hint(key)
            if entry is None:
                if len(computed) == HELPER_FILES:
                    entries = None
                    break
                computed.append(prepare_pending(Pending(key, digest, listed, settings), config))
                entry = computed[-1][0].index_entry
            entries.append(entry)
            pending.append(Pending(None, digest, listed, settings))
        yield "results", computed
        entries = with_chrome_in_helper(entries, pending, store, config) \
            if entries and all(isinstance(entry, tuple) for entry in entries) else None
        if entries:
            items = [item for item, draft, *_ in entries if item is not None and (include_drafts or not draft)]
            for clustered in cluster_in_helper(sorted(items, key=lambda item: (-item.time, item.id)), config.grouping,
                                           store):
                yield "clusters", clustered
    return start_helper(produce)


def with_chrome_in_helper(entries: list[tuple], files: list[Pending], store: Store, config: SiteConfig) -> list[tuple]:
    """The index entries of the results a build will have once each article is cleaned with its source's
    chrome (see ``with_site_chrome``): those the cache folder keeps, else computed here."""
    from site_builder.cleaning.sitechrome import chrome_of, learned_chrome

    learned = learned_chrome((source, keys) for _, _, source, keys in entries)
    final = []
    for entry, file in zip(entries, files):
        chrome = chrome_of(entry[2], entry[3], learned)
        if chrome:
            settings = chrome_settings(file.settings, chrome)
            key = results_key(file.digest, file.listed, settings)
            entry = store.hint(key)
            if not isinstance(entry, tuple):
                entry = prepare_pending(replace(file, key=key, settings=settings, chrome=chrome), config)[0].index_entry
        final.append(entry)
    return final
