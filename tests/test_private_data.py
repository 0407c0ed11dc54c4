"""Nothing private reaches what gets published: drafts and the cache stay out of the output folder, and
a cache file someone else wrote is never unpickled. Each command runs as a user runs it (a process), and
the published trees are read byte by byte for a draft's unique marker."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import article, output_files, require_tool
from test_deploy_git import branch_files, git
from test_serve_browser import Serving

from site_builder.incremental.cache import SEAL
from site_builder.config import WORK_FOLDER
from site_builder.writing.write import MANIFEST

MARKER = b"EMBARGO-7f3c91-marker"
SITE_YAML = "title: Test Digest\nbase_url: https://example.org/digest/\nlanguage: en\n"
FILES = {"content/quake.md": article("Quake hits Hualien", story="quake"),
         "content/budget.md": article("Budget passes", date="2025-07-20"),
         "content/merger.md": article("Merger agreed", draft=True,
                                      body=f"The embargoed text: {MARKER.decode()} until Monday.\n"),
         ".gitignore": "output/\n"}


def run(site: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "site_builder", *args], cwd=site, capture_output=True,
                            text=True, timeout=120)
    assert "Traceback" not in result.stderr, result.stderr
    if check:
        assert result.returncode == 0, result.stderr
    return result


def holding_marker(folder: Path) -> list[str]:
    return [path for path, content in output_files(folder).items() if MARKER in content] if folder.exists() else []


@pytest.fixture
def site(make_site) -> Path:
    return make_site(FILES, SITE_YAML)


def test_a_build_leaves_no_byte_of_a_draft_in_the_output_folder(site):
    run(site, "build")
    assert (site / "output" / "index.html").is_file()
    assert holding_marker(site / "output") == []
    assert holding_marker(site / WORK_FOLDER / "cache"), "the draft is cleaned and kept in the private cache"


def test_serve_with_drafts_shows_the_draft_but_never_writes_the_output_folder(site):
    run(site, "build")
    before = output_files(site / "output")
    serving = Serving(site, flags=("--drafts",))
    log = serving.stop()
    assert "Traceback" not in log and ".site-builder/preview" in log
    assert holding_marker(site / WORK_FOLDER / "preview"), "the preview shows the draft"
    assert output_files(site / "output") == before


def test_build_with_drafts_goes_to_the_preview_folder_and_refuses_the_output_folder(site):
    run(site, "build", "--drafts")
    assert not (site / "output").exists()
    assert holding_marker(site / WORK_FOLDER / "preview")
    refused = run(site, "build", "--drafts", "--output", "output", check=False)
    assert refused.returncode == 1 and not (site / "output").exists()
    assert "drafts are never written to the output folder" in refused.stderr


def test_deploys_to_a_folder_and_a_git_branch_publish_no_draft_and_no_manifest(site, tmp_path, monkeypatch):
    require_tool("git", "deploying to a branch is tested against a real repository")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    Serving(site, flags=("--drafts",)).stop()  # a preview with the draft on disk first
    run(site, "deploy", "--folder", str(tmp_path / "public"))
    published = output_files(tmp_path / "public")
    assert published and not any(MARKER in content for content in published.values())
    assert MANIFEST not in published

    bare = tmp_path / "pages.git"
    git(tmp_path, "init", "--quiet", "--bare", str(bare))
    git(site, "init", "--quiet", "--initial-branch", "main")
    git(site, "-c", "user.name=C", "-c", "user.email=c@example.org", "commit", "--quiet", "--allow-empty", "-m", "c")
    git(site, "remote", "add", "origin", str(bare))
    run(site, "deploy")
    branch = branch_files(bare)
    assert "index.html" in branch and not any(MARKER in content for content in branch.values())
    assert MANIFEST not in branch and not any(name.startswith(WORK_FOLDER) for name in branch)
    assert git(site, "status", "--porcelain", "--untracked-files=all", WORK_FOLDER) == "", \
        "the private folder ignores itself"


class CreatesFile:
    """A pickle payload that creates a file when it is loaded."""

    def __init__(self, path: Path):
        self.path = path

    def __reduce__(self):
        return (open, (str(self.path), "w"))


@pytest.mark.parametrize("form", ["bare pickle", "sealed with another key"])
def test_a_tampered_cache_file_is_ignored_with_a_warning_and_never_run(site, tmp_path, form):
    run(site, "build")
    expected = output_files(site / "output")
    created = tmp_path / "pwned"
    payload = pickle.dumps(CreatesFile(created))
    data = payload if form == "bare pickle" else SEAL + os.urandom(32) + payload
    cache = site / WORK_FOLDER / "cache"
    targets = sorted(cache.glob("*.pickle")) + sorted(cache.glob("*.whole")) + sorted((cache / "templates").iterdir())
    assert len(targets) > 3
    for path in targets:
        path.write_bytes(data)
    (site / "content" / "budget.md").write_text(article("Budget passes", date="2025-07-20", body="Edited.\n"))
    result = run(site, "build")
    assert not created.exists(), "a cache file was unpickled"
    warnings = [line for line in result.stderr.splitlines() if "cache file" in line]
    assert len(warnings) == 1 and "not written by this user's site-builder" in warnings[0]
    assert output_files(site / "output").keys() == expected.keys()
    run(site, "build")  # the cache is whole again: no more warnings
    assert "cache file" not in run(site, "build").stderr


def test_a_build_removes_what_older_versions_left_in_the_output_folder(site):
    run(site, "build", "--drafts", "--output", "elsewhere")  # a draft page, as `serve --drafts` used to write
    os.rename(site / "elsewhere", site / "output")
    legacy = site / "output" / ".site-builder-cache"
    legacy.mkdir()
    (legacy / "00.pickle").write_bytes(MARKER)
    assert holding_marker(site / "output")
    run(site, "build")
    assert holding_marker(site / "output") == [] and not legacy.exists()


def test_check_reports_files_the_build_did_not_write(site):
    run(site, "build")
    (site / "output" / "notes.txt").write_text("private notes\n")
    result = run(site, "check")
    assert "output/notes.txt:0:0: warning: this file was not written by the build" in result.stderr
    strict = run(site, "check", "--strict", check=False)
    assert strict.returncode == 1 and "output/notes.txt" in strict.stderr


def test_a_new_site_ignores_the_output_and_private_folders(tmp_path):
    run(tmp_path, "new", "digest")
    assert (tmp_path / "digest" / ".gitignore").read_text().splitlines()[1:] == ["/output/", "/.site-builder/"]
