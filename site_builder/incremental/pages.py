"""The render stage, sped up: pages dealt to every core, the pages the last build wrote that need no
rendering again, and under `serve` what the last render left (its ``RenderState``), kept between builds
and handed back to the next."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from site_builder import progress
from site_builder.incremental.memo import Memo
from site_builder.incremental.parallel import on_each, workers_available
from site_builder.model import OutputFile, Site
from site_builder.rendering.renderer import Rendered
from site_builder.rendering.shortcuts import KeptPage, RenderState, Shortcuts
from site_builder.rendering.theme import ThemeLayers
from site_builder.writing.write import Transaction


def render_in_parallel(site: Site, layers: ThemeLayers, shortcuts: Shortcuts, transaction: Transaction
                       ) -> Rendered:
    """``render_site`` with the pages dealt to every core: each process stages the pages it renders in
    the transaction's folder and sends back only what it handled (paths, digests, staged names)."""
    from site_builder.rendering.render import Rendered, render_site

    workers, parent = workers_available(), os.getpid()

    def add_counted(output: OutputFile) -> None:
        transaction.add(output)
        progress.advance(workers)  # counted in this process only, for every worker's equal share

    def render_share(number: int) -> tuple[Rendered, list]:
        share = render_site(site, layers, add_counted, replace(shortcuts, share=(number, workers)))
        return share, transaction.handled() if os.getpid() != parent else []

    keys, rendered = {}, 0
    for share, handled in on_each(render_share, workers):
        keys |= share.keys
        rendered += share.rendered
        for entry in handled:
            transaction.add_staged(*entry)
    return Rendered(keys, rendered)


def render_again(site: Site, layers: ThemeLayers, shortcuts: Shortcuts, transaction: Transaction, memo: Memo
                 ) -> Rendered:
    """``render_site`` under `serve`, given what the last committed render left (``keep_render``): the
    pages that stay as the last build wrote them go to the transaction all at once."""
    from site_builder.rendering.render import render_site

    last = memo.recall("render") or RenderState()
    rendered = render_site(site, layers, transaction.add, replace(shortcuts, last=last, written=transaction.previous))
    transaction.add_kept(rendered.unchanged)
    return rendered


def keep_render(memo: Memo, rendered: Rendered) -> None:
    """For the next `serve` build, once this one is written: its render trusts these keys to name files
    that were written."""
    memo.keep("render", rendered.state)


def rendered_before(memo: Memo | None) -> bool:
    """Whether a render of this `serve` session was committed (a rebuild after a save)."""
    return memo is not None and memo.recall("render") is not None


def reusable_pages(output_dir: Path, manifest: dict) -> KeptPage:
    """The pages the previous build wrote that need no rendering: those rendered from the same key, if
    their file is still there."""
    files, keys, folder = manifest.get("files", {}), manifest.get("keys", {}), f"{output_dir}/"
    if not isinstance(keys, dict):
        return lambda path, key: None
    return lambda path, key: files.get(path) if keys.get(path) == key and os.path.isfile(folder + path) else None
