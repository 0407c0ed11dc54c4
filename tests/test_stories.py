"""Stories as a curator meets them: the seeds grouped with or without keys, `site-builder stories`,
redirects after a merge, per-story feeds, and grouping settings in site.yaml."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from conftest import article, build_site, sitemap_locations

from site_builder.config import parse_config

ROOT = Path(__file__).resolve().parent.parent
QUAKE_EN = ("A magnitude 6.4 earthquake struck Hualien on Tuesday morning, Taiwan's Central Weather Administration "
            "said, and TSMC briefly evacuated its Hsinchu plants.")
QUAKE_IT = ("Un terremoto di magnitudo 6.4 ha colpito Hualien martedì mattina, secondo la Central Weather "
            "Administration; TSMC ha evacuato per breve tempo gli impianti di Hsinchu.")
QUAKE_DE = ("Ein Erdbeben der Stärke 6.4 hat am Dienstag Hualien erschüttert, meldete die Central Weather "
            "Administration; TSMC räumte kurzzeitig seine Werke in Hsinchu.")


def run_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "site_builder", *args], cwd=cwd, capture_output=True, text=True)


def seed_site(tmp_path: Path, keep_keys: bool) -> Path:
    shutil.copy(ROOT / "site.yaml", tmp_path / "site.yaml")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    if not keep_keys:
        for path in (tmp_path / "content").glob("*.md"):
            path.write_text(re.sub(r"(?m)^story:.*\n", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("keep_keys", [True, False], ids=["with story keys", "without story keys"])
def test_the_seed_articles_form_one_story(tmp_path, keep_keys):
    result = run_cli(seed_site(tmp_path, keep_keys), "stories", "--json")
    assert result.returncode == 0, result.stderr
    stories = json.loads(result.stdout)["stories"]
    assert [sorted(s["articles"]) for s in stories] == [["2025-07-12-informasi-openai-tunda-model-terbuka",
                                                        "2025-07-12-techcrunch-openai-ritarda-modello-aperto"]]


def test_stories_json_works_on_any_content_folder(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    shutil.copytree(ROOT / "content", tmp_path / "elsewhere" / "articles")
    result = run_cli(tmp_path, "stories", "--json", "--content", "elsewhere/articles")
    assert result.returncode == 0, result.stderr
    assert [len(s["articles"]) for s in json.loads(result.stdout)["stories"]] == [2]
    assert not (tmp_path / "output").exists()


def test_stories_explains_an_automatic_story(make_site):
    root = make_site({"content/en.md": article("Quake hits Hualien", body=QUAKE_EN),
                      "content/it.md": article("Terremoto a Hualien", date="2025-07-12T18:00:00+02:00", lang="it",
                                               source="Notizie", body=QUAKE_IT)})
    lines = run_cli(root, "stories").stdout.splitlines()
    assert lines[0].startswith("quake-hits-hualien: Quake hits Hualien (2 articles; grouped on ")
    assert "hualien" in lines[0] and lines[0].endswith("; 12 July 2025)")
    assert lines[1:3] == ["  2025-07-12  en    Example News: en", "  2025-07-12  it    Notizie: it"]
    assert re.fullmatch(r"      joined en: similarity 0\.\d\d, sharing .*hualien.*", lines[3]) and len(lines) == 4


def test_suggest_lists_pairs_just_under_the_threshold(make_site):
    root = make_site({"site.yaml": "title: T\nbase_url: https://example.org/\ngrouping:\n  threshold: 0.5\n"
                                   "  suggest_ratio: 0.5\n",
                      "content/en.md": article("Quake hits Hualien", body=QUAKE_EN),
                      "content/de.md": article("Beben in Hualien", date="2025-07-14", lang="de", source="Zeitung",
                                               body=QUAKE_DE)})
    result = run_cli(root, "stories", "--suggest")
    lines = result.stdout.splitlines()
    assert lines[0] == "Pairs just below the threshold (0.5); give both the same `story:` key to group them:"
    assert re.fullmatch(r"  0\.\d{3}  content/en\.md  \+  content/de\.md  \(shared: .*hualien.*\)", lines[1])


def test_automatic_grouping_can_be_turned_off(make_site):
    root = make_site({"site.yaml": "title: T\nbase_url: https://example.org/\ngrouping:\n  auto: false\n",
                      "content/en.md": article("Quake hits Hualien", body=QUAKE_EN),
                      "content/it.md": article("Terremoto a Hualien", lang="it", body=QUAKE_IT)})
    assert build_site(root).stories == 2


def test_a_merged_story_leaves_a_redirect_and_the_story_keeps_its_url(make_site):
    root = make_site({"site.yaml": "title: T\nbase_url: https://example.org/digest/\ngrouping:\n  auto: false\n",
                      "content/en.md": article("Quake hits Hualien", body=QUAKE_EN),
                      "content/it.md": article("Terremoto a Hualien", date="2025-07-11", lang="it", body=QUAKE_IT)})
    build_site(root)
    (root / "site.yaml").write_text("title: T\nbase_url: https://example.org/digest/\n", encoding="utf-8")
    build_site(root)
    stories = root / "output" / "stories"
    assert (stories / "terremoto-a-hualien" / "index.html").is_file()  # the earlier report's story survives
    redirect = (stories / "quake-hits-hualien" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=/digest/stories/terremoto-a-hualien/">' in redirect
    assert not [url for url in sitemap_locations(root / "output") if "stories/quake-hits-hualien" in url]


def test_each_story_has_its_own_atom_feed(make_site):
    root = make_site({"content/en.md": article("Quake hits Hualien", body=QUAKE_EN),
                      "content/it.md": article("Terremoto a Hualien", date="2025-07-12T18:00:00+02:00", lang="it",
                                               body=QUAKE_IT)})
    build_site(root)
    feed = feedparser.parse(str(root / "output" / "stories" / "quake-hits-hualien" / "feed.xml"))
    assert not feed.bozo and [e.title for e in feed.entries] == ["Terremoto a Hualien", "Quake hits Hualien"]
    assert feed.feed.title == "Quake hits Hualien — Test Digest"


@pytest.mark.parametrize("grouping, expected", [
    ("  threshold: 2\n", "site.yaml:3:3: 'grouping: threshold' must be a number from 0 to 1, not 2; write for "
                         "example `threshold: 0.13`"),
    ("  auto: maybe\n", "site.yaml:3:3: 'grouping: auto' must be true or false; write `auto: false` to turn "
                        "automatic grouping off"),
    ("  windw_days: 3\n", "site.yaml:3:3: unknown grouping setting 'windw_days'; use: anchor_weight, auto, "
                          "meaning, min_shared, suggest_ratio, threshold, time_scale_days, window_days"),
])
def test_grouping_settings_are_validated(grouping, expected):
    _, problems = parse_config("title: T\ngrouping:\n" + grouping, Path("/site"), "site.yaml")
    assert [str(p) for p in problems] == [expected]
