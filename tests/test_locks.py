"""One writer per output folder: builds started together (real processes) take turns, a second one
waits with a message naming the first (or stops at once with --no-wait), a killed holder leaves no
stale lock, and the output is always the complete site a single clean build writes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import article, output_files, site_tree, write_files
from test_serve_browser import Serving

from site_builder.config import load_config
from site_builder.writing.lock import output_lock_path

HOLD = """
import sys, time
from pathlib import Path
from site_builder.config import load_config
from site_builder.writing.lock import writing
config, _ = load_config(Path("site.yaml"))
with writing(config, "build"):
    print("holding", flush=True)
    time.sleep(float(sys.argv[1]))
"""


def content(round_number: int) -> dict[str, str]:
    return {f"content/r{n}.md": article(f"Harbour report {n}", date=f"2025-07-{10 + n:02d}",
                                        body=f"Round {round_number}: the harbour report number {n}.\n")
            for n in range(12)}


def start_build(site: Path, *flags: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "site_builder", "build", *flags], cwd=site,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def clean_build_of(site: Path, tmp_path: Path) -> dict[str, bytes]:
    reference = tmp_path / "reference"
    shutil.rmtree(reference, ignore_errors=True)
    shutil.copytree(site, reference, ignore=shutil.ignore_patterns("output", ".site-builder"))
    subprocess.run([sys.executable, "-m", "site_builder", "build", "--quiet"], cwd=reference, check=True)
    return site_tree(reference / "output")


def holder(site: Path, seconds: float) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(seconds)], cwd=site, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "holding\n"
    return process


@pytest.mark.parametrize("together", [2, 4])
def test_builds_started_together_take_turns_and_leave_the_complete_site(make_site, tmp_path, together):
    site = make_site(content(0))
    for round_number in range(20):
        write_files(site, content(round_number))
        processes = [start_build(site) for _ in range(together)]
        results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in processes]
        assert all(code == 0 for code, _, _ in results), results
        assert not any("Traceback" in err for _, _, err in results)
        assert site_tree(site / "output") == clean_build_of(site, tmp_path), f"round {round_number}"


def test_a_second_build_waits_naming_the_first_or_stops_at_once_with_no_wait(make_site, tmp_path):
    site = make_site(content(1))
    first = holder(site, 3)
    refused = subprocess.run([sys.executable, "-m", "site_builder", "build", "--no-wait"], cwd=site,
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert f"the build running as pid {first.pid} is writing the same folder; run again when it ends" \
        in refused.stderr
    assert not (site / "output").exists()
    waiting = start_build(site)
    code, stderr = waiting.wait(timeout=60), waiting.stderr.read()
    assert code == 0 and stderr.splitlines()[0] == f"waiting for the build running as pid {first.pid} …"
    assert first.wait(timeout=10) == 0
    assert site_tree(site / "output") == clean_build_of(site, tmp_path)


def test_a_build_killed_holding_the_lock_leaves_no_stale_lock(make_site):
    site = make_site(content(2))
    killed = holder(site, 60)
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait(timeout=10)
    config, _ = load_config(site / "site.yaml")
    assert output_lock_path(config).exists(), "the lock file stays; only the lock goes with its process"
    result = subprocess.run([sys.executable, "-m", "site_builder", "build", "--no-wait"], cwd=site,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "waiting" not in result.stderr


def test_a_build_during_serve_rebuilds_ends_equal_to_a_clean_build(make_site, tmp_path):
    site = make_site(content(3))
    serving = Serving(site)
    try:
        for round_number in range(4, 10):
            write_files(site, {"content/r0.md": article("Harbour report 0", date="2025-07-10",
                                                        body=f"Edited in round {round_number}.\n")})
            time.sleep(0.05)  # serve is rebuilding
            result = subprocess.run([sys.executable, "-m", "site_builder", "build"], cwd=site,
                                    capture_output=True, text=True, timeout=60)
            assert result.returncode == 0, result.stderr
            assert site_tree(site / "output") == clean_build_of(site, tmp_path)
    finally:
        log = serving.stop()
    assert "Traceback" not in log
