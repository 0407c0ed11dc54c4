"""Faults: builds killed at any moment, a full disk, an output folder that cannot be written.

A build's changes land as one transaction (write.commit): until its commit point the output folder is
exactly the previous build; after it, each file is the previous build's or the new one's, and the next
build finishes the commit before anything else. These tests kill real build processes (SIGKILL) and
check that promise on the files themselves.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest

from conftest import article, build_site, output_files, require_root_mechanism, write_files
from site_builder.config import WORK_FOLDER, load_config
from site_builder.errors import SiteBuilderError
from site_builder.incremental.memo import Memo
from site_builder.pipeline import BuildOptions, build
from site_builder.writing.journal import JOURNAL, MANIFEST, STAGING

PREVIEW = f"{WORK_FOLDER}/preview"
"""Where `serve` builds."""
KILLS = 60
"""Builds killed at random moments in one run of the random-kill test."""


def content_files(version: str) -> dict[str, str]:
    """Two versions of a small digest that differ in most pages: edited, added and deleted articles,
    so a build from one to the other writes, rewrites and removes files. Story keys keep story URLs
    free of history, so a build's output depends on its content alone."""
    files = {}
    for number in range(30):
        if version == "b" and number % 7 == 3:
            continue  # deleted in b
        title = f"Report {number} on the harbour" + (" (updated)" if version == "b" and number % 3 == 0 else "")
        tags = [f"topic-{number % 5}", f"{version}-only" if number % 4 == 0 else "shared"]
        files[f"content/r{number:02d}.md"] = article(title=title, date=f"2025-07-{1 + number % 28:02d}",
                                                     story=f"event-{number % 6}", tags=tags,
                                                     body=f"Text of report {number}, version {version}.\n" * 20)
    if version == "b":
        files |= {f"content/new{n}.md": article(title=f"New report {n}", story="event-new") for n in range(4)}
    return files


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of an output folder but the staging area, by relative path; of the manifest, what it says
    of the site (not the digest of the inputs, which depends on when the content was written)."""
    files = {path: content for path, content in output_files(folder).items() if not path.startswith(STAGING + "/")}
    if MANIFEST in files:
        manifest = json.loads(files[MANIFEST])
        files[MANIFEST] = json.dumps({k: v for k, v in manifest.items() if k not in ("inputs", "summary")}).encode()
    return files


@pytest.fixture
def two_versions(tmp_path) -> tuple[Path, dict[str, dict[str, bytes]]]:
    """A site whose content-a and content-b folders are the two versions, and the output of a clean
    build of each (built into folders of their own)."""
    root = tmp_path / "site"
    write_files(root, {"site.yaml": "title: Faults\nbase_url: https://example.org/\n"})
    for version in "ab":
        write_files(root / f"content-{version}", {path.removeprefix("content/"): text
                                                  for path, text in content_files(version).items()})
    expected = {}
    for version in "ab":
        build_site(root, overrides(root, version, output=f"clean-{version}"))
        expected[version] = tree(root / f"clean-{version}")
    assert expected["a"].keys() != expected["b"].keys()
    return root, expected


def overrides(root: Path, version: str, output: str = "output") -> dict:
    return {"content_dir": root / f"content-{version}", "output_dir": root / output}


def build_in_child(root: Path, version: str, kill_at_replace: int = 0) -> int:
    """Fork a process that builds ``version``; with ``kill_at_replace`` it kills itself with SIGKILL just
    before its n-th file rename in the output (those of the cache folder aside). Returns the child's pid."""
    pid = os.fork()
    if pid:
        return pid
    try:
        if kill_at_replace:
            real_replace, calls = os.replace, [0]

            def replace(*args, **kwargs):
                calls[0] += f"/{WORK_FOLDER}/" not in str(args[1])
                if calls[0] == kill_at_replace:
                    os.kill(os.getpid(), signal.SIGKILL)
                return real_replace(*args, **kwargs)

            os.replace = replace
        build_site(root, overrides(root, version))
        os._exit(0)
    except BaseException:
        os._exit(1)


def renames_of(build: Callable[[], object]) -> int:
    """How many renames ``build`` makes in the output (those of the cache folder aside)."""
    real_replace, calls = os.replace, [0]

    def replace(*args, **kwargs):
        calls[0] += f"/{WORK_FOLDER}/" not in str(args[1])
        return real_replace(*args, **kwargs)

    os.replace = replace
    try:
        build()
    finally:
        os.replace = real_replace
    return calls[0]


def wait(pid: int) -> int:
    """The child's exit status, or minus the signal that killed it."""
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def state_of(output: Path, expected: dict[str, dict[str, bytes]]) -> str:
    """Which state the folder is in; fails when it breaks the promise of the module docstring."""
    files = tree(output)
    if (output / STAGING / JOURNAL).is_file():
        mixed = [path for path, data in files.items() if data not in (expected["a"].get(path), expected["b"].get(path))]
        assert mixed == [], "a committed write left files that belong to neither build"
        return "committed, being moved into place"
    matching = [version for version in "ab" if files == expected[version]]
    assert matching, "the output is neither whole build: " + ", ".join(
        sorted(path for path in files.keys() | expected["a"].keys() if files.get(path) != expected["a"].get(path))[:5])
    return f"whole build {matching[0]}" + (" (with uncommitted staged files)" if (output / STAGING).exists() else "")


def timed_child_build(root: Path, version: str) -> float:
    started = time.perf_counter()
    assert wait(build_in_child(root, version)) == 0
    return time.perf_counter() - started


def test_builds_killed_at_random_moments_never_leave_a_broken_output_and_the_next_build_finishes(two_versions):
    root, expected = two_versions
    output = root / "output"
    build_site(root, overrides(root, "a"))
    # A full build's duration, measured as the killed builds run (forked, so without start-up time).
    duration = max(timed_child_build(root, version) for version in "ba")
    rng = random.Random(8)
    seen: dict[str, int] = {}
    for kill in range(KILLS):
        pid = build_in_child(root, rng.choice("ab"))
        # Half the kills anywhere in the build, half in its last third, where the writing happens.
        time.sleep(rng.uniform(0, duration) if kill % 2 else rng.uniform(duration * 0.65, duration * 1.05))
        os.kill(pid, signal.SIGKILL)
        wait(pid)
        state = state_of(output, expected)
        seen[state] = seen.get(state, 0) + 1
    print(f"{KILLS} builds killed; states found after the kills: {seen}")

    build_site(root, overrides(root, "b"))
    assert tree(output) == expected["b"] and not (output / STAGING).exists()


@pytest.mark.parametrize("kill_at", [1, 2, 3, "middle", "last"])
def test_a_build_killed_inside_its_commit_is_finished_by_the_next_build_even_if_that_one_is_killed_too(
        two_versions, kill_at):
    root, expected = two_versions
    output = root / "output"
    build_site(root, overrides(root, "a"))
    renames = renames_of(lambda: build_site(root, overrides(root, "b")))  # the journal's, a folder's, files'
    build_site(root, overrides(root, "a"))
    assert renames >= 4
    kill_at = {"middle": renames // 2, "last": renames}.get(kill_at, kill_at)

    assert wait(build_in_child(root, "b", kill_at_replace=kill_at)) == -signal.SIGKILL
    first = state_of(output, expected)
    assert first == ("whole build a (with uncommitted staged files)" if kill_at == 1
                     else "committed, being moved into place")
    # The next build (of a, say) is killed too, in the middle of finishing the commit of b.
    assert wait(build_in_child(root, "a", kill_at_replace=2)) in (-signal.SIGKILL, 0)
    state_of(output, expected)

    build_site(root, overrides(root, "a"))
    assert tree(output) == expected["a"] and not (output / STAGING).exists()


# --- a full disk and an output folder that cannot be written ----------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MiB file system (tmpfs) mounted at tmp_path/disk: writing more than that fails with ENOSPC."""
    disk = tmp_path / "disk"
    disk.mkdir()
    require_root_mechanism("mounting a small file system", ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs",
                                                            str(disk)])
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=True)


def test_a_full_disk_stops_the_build_with_a_clear_message_and_keeps_the_previous_output(make_site, small_disk):
    files = {f"content/r{n}.md": article(title=f"Report {n}", story="harbour", body="Text.\n") for n in range(3)}
    site = make_site(files)
    output = small_disk / "output"
    build_site(site, {"output_dir": output})
    before = tree(output)
    big = "A long report about the harbour and what the storm did to it. " * 40 + "\n"
    write_files(site, {f"content/more{n}.md": article(title=f"More {n}", body=big * 3) for n in range(60)})

    with pytest.raises(SiteBuilderError) as failure:
        build_site(site, {"output_dir": output})

    assert str(failure.value).endswith(":0:0: cannot write the output (No space left on device); free some space "
                                       "on the disk, then build again")
    assert tree(output) == before and not (output / STAGING).exists()
    for n in range(60):
        (site / f"content/more{n}.md").unlink()
    (site / "content/r0.md").write_text(article(title="Report 0, corrected", story="harbour"), encoding="utf-8")
    assert build_site(site, {"output_dir": output}).write.written > 0


@pytest.fixture
def immutable_output(make_site):
    """A built site whose output folder is then made immutable (chattr +i): not even root may create,
    rename or delete anything directly in it."""
    site = make_site({"content/a.md": article(title="First report")})
    build_site(site)
    output = site / "output"
    require_root_mechanism("making a folder immutable", ["chattr", "+i", str(output)])
    yield site
    subprocess.run(["chattr", "-i", str(output)], check=True)


def test_an_output_folder_that_cannot_be_written_gives_a_clear_message_and_keeps_the_previous_output(
        immutable_output):
    site = immutable_output
    before = tree(site / "output")
    (site / "content/b.md").write_text(article(title="Second report"), encoding="utf-8")

    result = subprocess.run([sys.executable, "-m", "site_builder", "build"], cwd=site, capture_output=True, text=True)

    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"output/{STAGING}:0:0: cannot write the output (Operation not permitted); check the folder's permissions "
        "(or whether its file system is read-only)", "Build failed: 1 problem; the output folder was left as it was."]
    assert tree(site / "output") == before


# --- serve under a storm of edits -------------------------------------------------------------------

EDITS = 1000


class ContentStorm:
    """Random edits of a content folder as editors, file managers and `git checkout` make them: saves in
    place (some keeping the size), saves through a temporary file renamed over the article, renames,
    deletions, new articles, folders created and removed, broken front matter fixed a moment later."""

    def __init__(self, content: Path, seed: int):
        self.content, self.rng, self.created = content, random.Random(seed), 0

    def articles(self) -> list[Path]:
        return sorted(self.content.rglob("*.md"))

    def text(self, number: int, revision: int) -> str:
        return article(title=f"Report {number} from the harbour", story=f"harbour-{number % 4}",
                       date=f"2025-07-{1 + number % 28:02d}", body=f"Revision {revision:04d} of report {number}.\n")

    def new_path(self) -> Path:
        folders = [self.content] + [p for p in self.content.iterdir() if p.is_dir()]
        self.created += 1
        return self.rng.choice(folders) / f"report-{self.created:04d}.md"

    def step(self, revision: int) -> None:
        existing = self.articles()
        kind = self.rng.choice(["save", "save", "save", "atomic save", "rename", "delete", "create", "create",
                                "folder", "remove folder", "broken then fixed"]) if existing else "create"
        target = self.rng.choice(existing) if existing else None
        number = int(target.read_text(encoding="utf-8").split("Report ")[1].split(" ")[0]) if target else 0
        if kind == "save":
            target.write_text(self.text(number, revision), encoding="utf-8")
        elif kind == "atomic save":
            temporary = target.with_name(f".{target.name}.swp")
            temporary.write_text(self.text(number, revision), encoding="utf-8")
            temporary.replace(target)
        elif kind == "rename":
            target.rename(self.new_path())
        elif kind == "delete":
            target.unlink()
        elif kind == "create":
            self.new_path().write_text(self.text(1000 + self.created, revision), encoding="utf-8")
        elif kind == "folder":
            self.created += 1
            folder = self.content / f"folder-{self.created:04d}"
            folder.mkdir()
            (folder / "inside.md").write_text(self.text(1000 + self.created, revision), encoding="utf-8")
        elif kind == "remove folder":
            folders = [p for p in self.content.iterdir() if p.is_dir()]
            if folders:
                shutil.rmtree(self.rng.choice(folders))
        else:
            target.write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
            time.sleep(0.002)
            target.write_text(self.text(number, revision), encoding="utf-8")


def test_serve_survives_a_thousand_rapid_edits_and_ends_equal_to_a_clean_build(make_site, tmp_path):
    from test_serve_browser import Serving

    site = make_site({})
    storm = ContentStorm(site / "content", seed=8)
    storm.content.mkdir()
    for _ in range(20):
        storm.step(0)
    serving = Serving(site)
    try:
        for revision in range(1, EDITS + 1):
            storm.step(revision)
            time.sleep(storm.rng.uniform(0.001, 0.005))
        clean = tmp_path / "clean"
        shutil.copytree(site, clean, ignore=shutil.ignore_patterns("output", WORK_FOLDER))
        build_site(clean)
        deadline = time.monotonic() + 60
        while tree(site / PREVIEW) != tree(clean / "output") and time.monotonic() < deadline:
            time.sleep(0.3)
        assert serving.process.poll() is None, "serve stopped"
    finally:
        log = serving.stop()
    assert "Traceback" not in log
    assert tree(site / PREVIEW) == tree(clean / "output")


def test_an_edit_keeping_the_size_within_one_tick_of_the_file_clock_is_seen_by_the_next_serve_build(make_site):
    """File systems stamp times in ticks (1 ns here, 1 ms to 2 s elsewhere): two saves within one tick,
    the second keeping the size, leave the size and modification time as they were. `serve` must not
    take the first save's bytes from its memo then."""
    site = make_site({"content/a.md": article("Harbour report", body="Revision 0001 of the report.\n")})
    config, _ = load_config(site / "site.yaml")
    memo = Memo()
    build(config, BuildOptions(), memo=memo)
    path = site / "content/a.md"
    stamp = path.stat().st_mtime_ns
    path.write_text(article("Harbour report", body="Revision 0002 of the report.\n"), encoding="utf-8")
    os.utime(path, ns=(stamp, stamp))  # the second save, within the same tick

    build(config, BuildOptions(), memo=memo)

    assert "Revision 0002" in (site / "output/articles/harbour-report/index.html").read_text(encoding="utf-8")
