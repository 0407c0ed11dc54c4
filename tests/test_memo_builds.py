"""Builds that reuse a memo (as `serve` does) give exactly the output of a cold build."""

from __future__ import annotations

import shutil

from conftest import article, build_site, site_tree

from site_builder.config import load_config
from site_builder.memo import Memo
from site_builder.pipeline import BuildOptions, build


def test_memo_builds_after_edits_equal_a_cold_build(make_site, tmp_path):
    root = make_site({
        "content/a.md": article("Quake hits Hualien", body="A magnitude 6.4 earthquake struck Hualien, TSMC said."),
        "content/b.md": article("Terremoto a Hualien", lang="it", body="Terremoto di magnitudo 6.4 a Hualien; TSMC."),
        "content/c.md": article("Budget passes", date="2025-07-20", tags=["economy"], body="The budget passed."),
    })
    config, _ = load_config(root / "site.yaml")
    memo = Memo()
    build(config, BuildOptions(), memo=memo)
    memo.prune()
    edits = [("content/a.md", "struck Hualien", "struck Hualien on Tuesday"),
             ("content/c.md", "tags: [economy]", "tags: [economy, budget]"),
             ("content/b.md", "title: Terremoto a Hualien", "title: Forte terremoto a Hualien")]
    for path, old, new in edits:
        file = root / path
        file.write_text(file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        build(config, BuildOptions(), memo=memo)
        memo.prune()
    (root / "content" / "d.md").write_text(article("A new report", date="2025-07-21"), encoding="utf-8")
    build(config, BuildOptions(), memo=memo)
    cold = tmp_path / "cold"
    shutil.copytree(root, cold, ignore=shutil.ignore_patterns("output"))
    build_site(cold)
    assert site_tree(root / "output") == site_tree(cold / "output")
