"""A long build shows one live line on a terminal and ends in the usual summary; nothing extra elsewhere."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import article, write_files

from site_builder.progress import DELAY, Progress, live_line, timings_lines

SUMMARY = re.compile(r"Built (\d+) articles .* ([\d.]+) s -> ")


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_line_appears_after_a_second_and_is_wiped_at_the_end():
    clock, stream = Clock(), io.StringIO()
    progress = Progress(stream, clock)
    progress.begin("clean", 100, "articles")
    progress.advance(10)
    assert stream.getvalue() == "", "a quick build prints only its summary"
    clock.now = DELAY + 0.5
    progress.advance(40)
    assert stream.getvalue() == "\rclean: 50 of 100 articles, 33/s, about 2 s left\x1b[K"
    clock.now += 0.01
    progress.advance(1)
    assert stream.getvalue().count("\r") == 1, "redrawn at most ten times a second"
    progress.begin("render", 10, "pages")
    clock.now += 1
    progress.end()
    assert stream.getvalue().endswith("\r\x1b[K"), "the line is wiped before the summary"
    assert [stage for stage, _ in progress.stages] == ["clean", "render"]
    assert progress.stages[1][1] == pytest.approx(1.0)


def test_without_a_terminal_nothing_is_drawn_but_stages_are_timed():
    clock = Clock()
    progress = Progress(None, clock)
    progress.begin("read")
    clock.now = 5
    progress.begin("render", 3, "pages")
    progress.advance(3)
    clock.now = 7
    progress.end()
    assert timings_lines(progress) == ["Timings:", "  read       5.000 s", "  render     2.000 s",
                                       "  total      7.000 s"]


def test_a_count_past_its_estimate_shows_the_count_alone():
    assert live_line("render", 120, 100, "pages", 2.0) == "render: 120 pages, 60/s"
    assert live_line("group", 0, 0, "", 3.4) == "group: 3 s"


def big_site(root: Path, count: int) -> Path:
    files = {"site.yaml": "title: Digest\nbase_url: https://example.org/\nlanguage: en\n"}
    for number in range(count):
        body = " ".join(f"Report {number} says word{number % 97} and word{number % 89} happened." for _ in range(30))
        files[f"content/{number:05}.md"] = article(f"Report number {number}", f"2025-0{1 + number % 9}-1{number % 9}",
                                                   body=body + "\n")
    return write_files(root, files)


def run_in_terminal(cwd: Path, *args: str) -> str:
    """The command's output as a terminal shows it (stdout and stderr both on a pseudo-terminal)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "site_builder", *args], cwd=cwd, stdin=follower,
                               stdout=follower, stderr=follower, env={**os.environ, "TERM": "xterm"})
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the follower side closed: the process is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait() == 0
    return b"".join(chunks).decode()


def test_a_long_build_on_a_terminal_shows_a_live_line_that_ends_in_the_summary(tmp_path):
    site = big_site(tmp_path / "site", 1500)
    shown = run_in_terminal(site, "build", "--timings")
    summary = SUMMARY.search(shown)
    assert summary and summary.group(1) == "1500", shown[-500:]
    before = shown[:summary.start()]
    if float(summary.group(2)) > DELAY + 0.5:
        assert re.search(r"\r(clean|render): [\d,]+ (of [\d,]+ )?(articles|pages)", before), before[-500:]
    else:  # a machine fast enough to build it within about the delay: maybe the summary alone
        assert before == "" or "\r" in before, before[-500:]
    assert before == "" or before.endswith("\r\x1b[K"), "a live line is wiped before the summary"
    stages = re.findall(r"^  (\w+) +[\d.]+ s", shown[summary.end():], re.M)
    assert stages == ["read", "clean", "group", "render", "write", "total"]


def test_nothing_extra_when_output_is_not_a_terminal_or_quiet(tmp_path):
    site = big_site(tmp_path / "site", 200)
    piped = subprocess.run([sys.executable, "-m", "site_builder", "build"], cwd=site, capture_output=True, text=True)
    assert piped.returncode == 0 and piped.stderr == "" and "\r" not in piped.stdout
    assert piped.stdout.startswith("Built 200 articles")
    (site / "content" / "00001.md").write_text(article("Edited", body="An edited report.\n"), encoding="utf-8")
    quiet = run_in_terminal(site, "build", "-q")
    assert quiet == "", "quiet prints only problems"
