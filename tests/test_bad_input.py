"""The bad-input catalogue (bad_input.py, fixtures/bad_input.txt): each kind gives exactly its lines,
exit status 1 for errors, no traceback; all of them in one site are all reported in one run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bad_input import CASES, Fifo, Link
from conftest import DEFAULT_SITE_YAML, article, build_site, require_root_mechanism
from site_builder.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "bad_input.txt"
FAILED = "Build failed: {}; the output folder was left as it was."
GOOD = {"site.yaml": DEFAULT_SITE_YAML, "content/good.md": article("A good report")}


def read_expectations() -> dict[str, tuple[int, list[str]]]:
    """Case name -> (line of its heading in the fixture, the lines the build prints for it)."""
    expected: dict[str, tuple[int, list[str]]] = {}
    name = None
    for number, line in enumerate(FIXTURE.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("## "):
            name = line[3:]
            expected[name] = (number, [])
        elif line and name:
            expected[name][1].append(line)
    return expected


EXPECTED = read_expectations()


def make_files(root: Path, files: dict[str, object]) -> Path:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Fifo):
            os.mkfifo(path)
        elif isinstance(content, Link):
            path.symlink_to(content.target)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(str(content), encoding="utf-8")
    return root


def printed(lines: list[str]) -> list[str]:
    """What the build prints for these problem lines: them, then the count of errors when there are."""
    errors = sum(": warning: " not in line for line in lines)
    return lines + ([FAILED.format(f"{errors} problem{'s' * (errors != 1)}")] if errors else [])


def test_every_case_has_its_expected_lines_and_there_are_at_least_forty_kinds():
    assert list(EXPECTED) == list(CASES)
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", list(CASES))
def test_each_kind_of_bad_input_gives_exactly_its_message(name, tmp_path, monkeypatch, capsys):
    root = make_files(tmp_path / "site", {**GOOD, **CASES[name].files})
    monkeypatch.chdir(root)
    line, expected = EXPECTED[name]

    status = main(["build"])

    stderr = capsys.readouterr().err.replace(str(root), "<site>")
    assert stderr.splitlines() == printed(expected), f"{FIXTURE.name}:{line}: {name}"
    errors = any(": warning: " not in message for message in expected)
    assert status == (1 if errors else 0)
    assert (root / "output").exists() is not errors


def test_a_python_tag_is_never_executed(tmp_path, monkeypatch, capsys):
    root = make_files(tmp_path / "site", {**GOOD, **CASES["a !!python/object tag"].files})
    monkeypatch.chdir(root)
    assert main(["build"]) == 1
    assert "could not determine a constructor" in capsys.readouterr().err
    assert not (root / "pwned").exists()


def test_every_article_mistake_in_one_site_is_reported_in_one_run_without_a_traceback(tmp_path):
    """The article-level cases side by side, each in a folder of its own, through the real command."""
    root, expected = tmp_path / "site", []
    make_files(root, GOOD)
    for number, (name, case) in enumerate(CASES.items()):
        if case.site_wide:
            continue
        folder = f"content/case{number:02d}/"
        make_files(root, {path.replace("content/", folder, 1): content for path, content in case.files.items()})
        expected += [message.replace("content/", folder) for message in EXPECTED[name][1]]

    result = subprocess.run([sys.executable, "-m", "site_builder", "build"], cwd=root, capture_output=True,
                            text=True, timeout=120)

    assert result.returncode == 1 and result.stdout == "" and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert sorted(lines[:-1]) == sorted(expected)
    assert lines[-1] == printed(expected)[-1]
    assert not (root / "output").exists() and not (root / "pwned").exists()


def test_a_file_the_building_user_may_not_read_is_named(tmp_path):
    """Root reads any file; without the capabilities that let it (setpriv drops them from the bounding
    set), root is held to the file's mode like anybody else."""
    root = make_files(tmp_path / "site", {**GOOD, "content/x.md": article("Secret")})
    (root / "content/x.md").chmod(0o000)
    as_plain_owner = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    require_root_mechanism("building without the right to read every file", [*as_plain_owner, "true"])

    result = subprocess.run([*as_plain_owner, sys.executable, "-m", "site_builder", "build"], cwd=root,
                            capture_output=True, text=True, timeout=120)

    assert result.stderr.splitlines() == [
        "content/x.md:0:0: cannot read the file (Permission denied); check that it exists and that you may read it",
        FAILED.format("1 problem")]
    assert result.returncode == 1


ODD_BUT_FINE = {
    "a byte order mark": b"\xef\xbb\xbf" + article("Odd but fine", body="The text.\n").encode(),
    "CRLF line endings": article("Odd but fine", body="The text.\n").replace("\n", "\r\n"),
    "lone CR line endings": article("Odd but fine", body="The text.\n").replace("\n", "\r"),
    "Unicode line separators": article("Odd but fine", body="The text.\n").replace("\n", "\u2028"),
}


@pytest.mark.parametrize("kind", list(ODD_BUT_FINE))
def test_unusual_but_valid_files_build_as_intended(kind, tmp_path):
    root = make_files(tmp_path / "site", {**GOOD, "content/x.md": ODD_BUT_FINE[kind],
                                          "content/folder.md/inside.md": article("Inside a folder named .md")})
    build_site(root)
    page = (root / "output/articles/odd-but-fine/index.html").read_text(encoding="utf-8")
    assert '<h1 class="page-title">Odd but fine</h1>' in page and "The text." in page
    assert (root / "output/articles/inside-a-folder-named-md/index.html").is_file()
