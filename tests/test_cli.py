"""The command line, run for real in a subprocess, as a curator runs it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import article
from site_builder import __version__

FAILED = "Build failed: {count}; the output folder was left as it was."


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "site_builder", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def test_version_prints_the_program_and_its_version(tmp_path):
    result = run(tmp_path, "--version")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"site-builder {__version__}\n", "")


@pytest.mark.parametrize("args, mentions", [
    ([], ["--help", "--version", "build", "check", "deploy", "new"]),
    (["build"], ["--help", "--config PATH", "--content DIR", "--output DIR", "--base-url URL", "--drafts",
                 "--strict", "--quiet"]),
    (["new"], ["--help", "PATH"]),
    (["check"], ["--help", "--config PATH", "--content DIR", "--output DIR", "--base-url URL", "--strict", "--quiet",
                 "srcset"]),
    (["deploy"], ["--help", "--config PATH", "--base-url URL", "--folder PATH", "--rsync DEST", "--remote NAME",
                  "--branch NAME", "--domain HOST", "--dry-run", "--strict", "--quiet", "gh-pages"]),
], ids=["top-level", "build", "new", "check", "deploy"])
def test_help_mentions_every_flag(tmp_path, args, mentions):
    result = run(tmp_path, *args, "--help")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith(f"usage: site-builder {' '.join(args)}".rstrip())
    assert [flag for flag in mentions if flag not in result.stdout] == []


def test_a_site_with_several_bad_files_prints_every_problem_and_fails(make_site):
    root = make_site({
        "content/colon.md": "---\ntitle: Breaking: news\ndate: 2025-07-12\nsource: S\n---\n",
        "content/empty.md": "",
        "content/latin1.md": "---\ntitle: Café\n---\n".encode("latin-1"),
        "content/types.md": "---\ntitle: 1984\ndate: 2025-07-12\nsource: S\ntags: 5\n---\nBody\n",
        "content/good.md": article("Good"),
    })
    result = run(root, "build")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        "content/colon.md:2:16: front matter is not valid YAML (mapping values are not allowed in this context); "
        "put values containing \": \" in quotes",
        "content/empty.md:1:1: the file is empty; start it with front matter between two `---` lines, then the text",
        "content/latin1.md:2:11: the file is not UTF-8 text (byte 0xe9); save it with UTF-8 encoding",
        "content/types.md:2:8: 'title' must be text, not a number; put the value in quotes: title: \"1984\"",
        "content/types.md:5:7: 'tags' must be text or a list of texts, not a number; write `tags: [first, second]`",
        FAILED.format(count="5 problems"),
    ]
    assert not (root / "output").exists()


@pytest.mark.parametrize("flags, returncode, last_lines", [
    ([], 0, []),
    (["--strict"], 1, [FAILED.format(count="1 problem")]),
], ids=["warning", "strict"])
def test_strict_turns_a_warning_into_a_failure(make_site, flags, returncode, last_lines):
    root = make_site({"content/a.md": article("Typo", tittle="x")})
    result = run(root, "build", "--quiet", *flags)
    assert (result.returncode, result.stdout) == (returncode, "")
    assert result.stderr.splitlines() == [
        "content/a.md:6:1: warning: unknown front matter key 'tittle'; did you mean 'title'?", *last_lines]
    assert (root / "output" / "index.html").exists() is (returncode == 0)


def test_a_site_yaml_mistake_is_printed_like_an_article_mistake(make_site):
    root = make_site({"content/a.md": article()}, site_yaml="title: Digest\ntimezone: Mars/Olympus\n")
    result = run(root, "build")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        "site.yaml:2:11: unknown time zone 'Mars/Olympus'; use an IANA name such as UTC, Europe/Rome or "
        "Asia/Jakarta", FAILED.format(count="1 problem")]


def test_a_date_outside_the_calendar_is_a_problem_not_a_crash(make_site):
    root = make_site({"content/a.md": "---\ntitle: T\ndate: 0001-01-01T00:00:00+14:00\nsource: S\n---\nBody\n"})
    result = run(root, "build")
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert result.stderr.startswith("content/a.md:3:7: ")


def test_a_new_site_builds_as_it_is_and_its_home_page_shows_the_sample_article(tmp_path):
    created = run(tmp_path, "new", "my-digest")
    assert (created.returncode, created.stderr) == (0, "")
    assert created.stdout == ("Created my-digest/ with site.yaml, content/welcome.md and README.md.\n"
                              "Next: cd my-digest && site-builder build\n")
    built = run(tmp_path / "my-digest", "build")
    assert (built.returncode, built.stderr) == (0, "")
    assert re.fullmatch(r"Built 1 article in 1 story: \d+ files \(\d+ written, 0 unchanged, 0 removed\), "
                        r"0 warnings, \d+\.\d\d s -> output/\n", built.stdout)
    home = (tmp_path / "my-digest" / "output" / "index.html").read_text(encoding="utf-8")
    assert "Welcome to your news digest" in home
    assert "My Digest" in home


def test_new_refuses_a_folder_that_is_not_empty_and_leaves_it_as_it_was(tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine", encoding="utf-8")
    result = run(tmp_path, "new", "taken")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "taken: already exists and is not empty; choose a new folder name\n"
    assert [path.name for path in (tmp_path / "taken").iterdir()] == ["notes.txt"]


def test_new_on_an_empty_file_does_not_call_it_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "notes").touch()
    result = run(tmp_path, "new", "notes")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith("notes: ")
    assert "not empty" not in result.stderr


def test_the_program_ends_with_its_report_said_whole_or_into_a_closed_pipe(make_site):
    """The program ends its process at once after the command (see ``cli.run``): what it printed must still
    all come out, and a reader that went away (`| head -1`) must cost no traceback."""
    root = make_site({"content/one.md": article("One", body="A first report on the day.")})
    result = run(root, "build")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("Built 1 article in 1 story: ") and result.stdout.endswith("-> output/\n")
    process = subprocess.Popen([sys.executable, "-m", "site_builder", "build"], cwd=root, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    process.stdout.close()
    assert process.wait(timeout=120) == 0
    assert process.stderr.read() == b""
