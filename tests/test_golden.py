"""The whole output of a fixture site, compared file by file with a committed tree.

After an intended change to rendering, regenerate the tree with `./dev golden` and review the diff.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

from conftest import build_site, output_files

from site_builder.writing.write import MANIFEST

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("SITE_BUILDER_UPDATE_GOLDEN") == "1"


def tree(folder: Path) -> dict[str, bytes]:
    return {path: content for path, content in output_files(folder).items() if path != MANIFEST}


def test_fixture_site_renders_exactly_the_golden_tree(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(GOLDEN / "site", site)
    build_site(site, build_time=datetime(2025, 7, 14, tzinfo=timezone.utc))
    produced = tree(site / "output")
    if UPDATE:
        shutil.rmtree(GOLDEN / "expected", ignore_errors=True)
        shutil.copytree(site / "output", GOLDEN / "expected", ignore=shutil.ignore_patterns(MANIFEST))
    expected = tree(GOLDEN / "expected")
    assert sorted(produced) == sorted(expected), "files differ; run ./dev golden after an intended change"
    for path, content in expected.items():
        assert produced[path].decode() == content.decode(), f"{path} differs; run ./dev golden if intended"
