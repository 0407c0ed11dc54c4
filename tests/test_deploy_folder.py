"""Deploying to a folder (replaced in one step) and with a real rsync to a local folder; choosing the
target from site.yaml and flags; dry runs; failed preconditions."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import article, require_tool

from site_builder.config import DeploySettings, load_config
from site_builder.publishing.deploy import BrokenLinks, DeployFlags, choose_target, deploy_site, describe_target
from site_builder.errors import SiteBuilderError
from site_builder.publishing.publish import MARKER, exchange, parse_itemized, replace_folder, rsync_filter
from site_builder.writing.write import read_manifest

SITE_YAML = "title: Test Digest\nbase_url: https://example.org/digest/\nlanguage: en\n"
ARTICLES = {"content/quake.md": article("Quake hits Hualien"),
            "content/budget.md": article("Budget passes", date="2025-07-20")}


def deploy(site: Path, dry_run: bool = False, **flags):
    config, warnings = load_config(site / "site.yaml")
    return deploy_site(config, DeployFlags(**flags), dry_run, config_warnings=tuple(warnings))


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def built(site: Path) -> dict[str, bytes]:
    return {path: (site / "output" / path).read_bytes() for path in read_manifest(site / "output")["files"]}


def without_marker(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: content for path, content in files.items() if path != MARKER}


# --- folder ------------------------------------------------------------------------------------------


def test_a_folder_is_replaced_whole_in_one_swap_and_files_that_are_gone_go(make_site, tmp_path):
    site = make_site(ARTICLES, SITE_YAML + "deploy:\n  folder: ../public\n")
    public = tmp_path / "public"

    first = deploy(site)
    assert without_marker(tree(public)) == built(site) and MARKER in tree(public)
    assert first.target == f"folder {public}" and set(first.changes.added) == set(built(site))
    inode = public.stat().st_ino
    (site / "content" / "budget.md").unlink()

    second = deploy(site)

    assert "articles/budget-passes/index.html" in second.changes.removed and "index.html" in second.changes.changed
    assert without_marker(tree(public)) == built(site)
    assert public.stat().st_ino != inode, "the folder was swapped as a whole, not edited file by file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public", "site"], "no staging folder is left"


def test_a_deploy_with_nothing_changed_leaves_the_folder_alone(make_site, tmp_path):
    site = make_site(ARTICLES, SITE_YAML)
    deploy(site, folder=tmp_path / "public")
    inode = (tmp_path / "public").stat().st_ino
    report = deploy(site, folder=tmp_path / "public")
    assert not report.published and not report.changes and (tmp_path / "public").stat().st_ino == inode


def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "new.html").write_text("new")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "old.html").write_text("old")
    assert exchange(tmp_path / "a", tmp_path / "b") is True
    assert tree(tmp_path / "b") == {"new.html": b"new"} and tree(tmp_path / "a") == {"old.html": b"old"}


def test_where_no_exchange_is_possible_the_folder_is_replaced_by_two_renames(tmp_path):
    (tmp_path / "staging").mkdir()
    (tmp_path / "staging" / "new.html").write_text("new")
    (tmp_path / "public").mkdir()
    (tmp_path / "public" / "old.html").write_text("old")
    old = replace_folder(tmp_path / "staging", tmp_path / "public", swap=lambda first, second: False)
    assert tree(tmp_path / "public") == {"new.html": b"new"} and tree(old) == {"old.html": b"old"}


def test_a_folder_with_files_site_builder_did_not_publish_is_refused_and_left_alone(make_site, tmp_path):
    site = make_site(ARTICLES, SITE_YAML)
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "thesis.odt").write_text("years of work")
    with pytest.raises(SiteBuilderError) as error:
        deploy(site, folder=tmp_path / "documents")
    assert str(error.value) == (f"{tmp_path / 'documents'}: the folder holds files that site-builder did not "
                                "publish, and a deploy replaces its whole content; empty it, or choose another folder")
    assert tree(tmp_path / "documents") == {"thesis.odt": b"years of work"} and not (site / "output").exists()


@pytest.mark.parametrize("target", ["..", ".", "output", "content"])
def test_a_folder_holding_or_inside_the_site_content_or_output_is_refused(make_site, target):
    site = make_site(ARTICLES, SITE_YAML)
    with pytest.raises(SiteBuilderError) as error:
        deploy(site, folder=site / target)
    assert "deploying there would replace or write into the" in str(error.value)
    assert str(error.value).endswith("; choose a folder outside them, such as ../public")


def test_a_folder_that_cannot_be_written_stops_before_building(make_site, tmp_path):
    site = make_site(ARTICLES, SITE_YAML)
    locked = tmp_path / "locked"
    locked.mkdir()
    with read_only(locked):
        with pytest.raises(SiteBuilderError) as error:
            deploy(site, folder=locked / "public")
    assert str(error.value).startswith(f"{locked}: cannot write there (")
    assert str(error.value).endswith("); fix its permissions, or deploy to a folder you can write to")
    assert not (site / "output").exists()


class read_only:
    """Make a folder unwritable for this user: its mode, and for root (whom modes do not stop) the
    immutable attribute."""

    def __init__(self, folder: Path):
        self.folder = folder

    def __enter__(self):
        self.folder.chmod(0o555)
        if os.geteuid() == 0:
            subprocess.run([require_tool("chattr", "root is stopped only by an immutable folder"), "+i",
                            str(self.folder)], check=True)

    def __exit__(self, *exc):
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(self.folder)], check=True)
        self.folder.chmod(0o755)


def test_a_broken_link_stops_the_deploy_with_the_list_and_publishes_nothing(make_site, tmp_path):
    site = make_site({**ARTICLES, "static/extra.css": "p { background: url(gone.png) }\n"}, SITE_YAML)
    with pytest.raises(BrokenLinks) as error:
        deploy(site, folder=tmp_path / "public")
    assert [problem.message for problem in error.value.problems] == [
        "broken link 'gone.png': it names no file of the build"]
    assert not (tmp_path / "public").exists()


def test_a_dry_run_lists_what_would_change_and_publishes_nothing(make_site, tmp_path):
    site = make_site(ARTICLES, SITE_YAML)
    deploy(site, folder=tmp_path / "public")
    before = tree(tmp_path / "public")
    (site / "content" / "budget.md").unlink()
    (site / "content" / "new.md").write_text(article("A new report", date="2025-07-22"))

    result = subprocess.run([sys.executable, "-m", "site_builder", "deploy", "--dry-run", "--folder",
                             str(tmp_path / "public")], cwd=site, capture_output=True, text=True, timeout=120)

    assert result.returncode == 0, result.stderr
    assert tree(tmp_path / "public") == before
    lines = result.stdout.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("Dry run, nothing published: ")))
    assert lines[start] == (f"Dry run, nothing published: deploying to folder {tmp_path / 'public'} would make "
                            "7 added, 13 changed, 7 removed:")
    assert "  + articles/a-new-report/index.html" in lines and "  - articles/budget-passes/index.html" in lines
    # A story the new report did not join keeps its feeds: a feed's time is its newest entry's, not the build's.
    assert not [line for line in lines if line.startswith("  ~ stories/") and line.endswith(("feed.xml", "feed.json"))]
    assert "  ~ index.html" in lines and "  ~ sitemaps/articles-2025.xml" in lines


# --- rsync -------------------------------------------------------------------------------------------


def test_rsync_to_a_local_folder_copies_the_build_and_deletes_what_is_gone(make_site, tmp_path):
    require_tool("rsync", "the rsync target is tested with the real rsync")
    site = make_site(ARTICLES, SITE_YAML + "deploy:\n  rsync: ../www\n")
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "stale.html").write_text("from an older site")

    first = deploy(site)
    assert tree(tmp_path / "www") == built(site)
    assert set(first.changes.added) == set(built(site)) and first.changes.removed == ("stale.html",)
    (site / "content" / "budget.md").unlink()

    second = deploy(site)

    assert tree(tmp_path / "www") == built(site)
    assert "articles/budget-passes/index.html" in second.changes.removed and "index.html" in second.changes.changed
    assert deploy(site).changes == type(second.changes)()


def test_rsync_dry_run_publishes_nothing(make_site, tmp_path):
    require_tool("rsync", "the rsync target is tested with the real rsync")
    site = make_site(ARTICLES, SITE_YAML)
    report = deploy(site, dry_run=True, rsync=str(tmp_path / "www"))
    assert set(report.changes.added) == set(built(site)) and not (tmp_path / "www").exists()


def test_without_rsync_the_deploy_stops_with_a_clear_message(make_site, tmp_path):
    site = make_site(ARTICLES, SITE_YAML + "deploy:\n  rsync: user@example.org:/srv/www\n")
    empty = tmp_path / "bin"
    empty.mkdir()
    result = subprocess.run([sys.executable, "-m", "site_builder", "deploy"], cwd=site, capture_output=True,
                            text=True, timeout=120, env={**os.environ, "PATH": str(empty)})
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == ("rsync is not installed (no `rsync` on PATH); install it (Debian: apt-get install rsync), "
                             "or deploy to a folder with --folder PATH or to a git branch\n")
    assert not (site / "output").exists()


def test_the_rsync_filter_names_exactly_the_files_and_their_folders_with_wildcards_escaped():
    assert rsync_filter(["index.html", "articles/a/index.html", "static/logo[1].png"]) == (
        "/articles/\n/articles/a/\n/articles/a/index.html\n/index.html\n/static/\n/static/logo\\[1].png\n")


def test_rsync_itemized_output_gives_the_added_changed_and_removed_files():
    output = (">f+++++++++ articles/new/index.html\n>fc.t...... index.html\n.f..t...... feed.xml\n"
              "cd+++++++++ articles/new/\n*deleting   articles/old/index.html\n*deleting   articles/old/\n")
    changes = parse_itemized(output)
    assert (changes.added, changes.changed, changes.removed) == (
        ("articles/new/index.html",), ("index.html",), ("articles/old/index.html",))


# --- choosing the target -----------------------------------------------------------------------------


@pytest.mark.parametrize("settings, flags, target", [
    (DeploySettings(), DeployFlags(), "branch gh-pages of origin"),
    (DeploySettings(folder=Path("/srv/a")), DeployFlags(), "folder /srv/a"),
    (DeploySettings(rsync="u@h:/srv"), DeployFlags(), "u@h:/srv (rsync)"),
    (DeploySettings(folder=Path("/srv/a")), DeployFlags(branch="pages"), "branch pages of origin"),
    (DeploySettings(target="git", folder=Path("/srv/a")), DeployFlags(), "branch gh-pages of origin"),
    (DeploySettings(), DeployFlags(rsync="u@h:/x"), "u@h:/x (rsync)"),
])
def test_flags_choose_the_target_over_site_yaml_which_chooses_it_over_the_default(settings, flags, target):
    assert describe_target(choose_target(settings, flags)) == target


@pytest.mark.parametrize("settings, flags, message", [
    (DeploySettings(), DeployFlags(folder=Path("a"), branch="b"),
     "--folder and --branch choose different deploy targets; pass the flags of one target"),
    (DeploySettings(target="folder"), DeployFlags(),
     "no folder to deploy to; pass --folder PATH, or set `deploy: folder:` in site.yaml"),
    (DeploySettings(), DeployFlags(domain="https://news.example.org"),
     "deploy domain 'https://news.example.org' is not a host name; write it as `domain: news.example.org`, "
     "without https:// or a path"),
])
def test_conflicting_or_missing_target_settings_are_errors(settings, flags, message):
    with pytest.raises(SiteBuilderError) as error:
        choose_target(settings, flags)
    assert str(error.value) == message


def test_relative_folders_in_site_yaml_are_taken_from_the_site_folder_and_flags_from_the_current_one(
        make_site, tmp_path, monkeypatch):
    site = make_site(ARTICLES, SITE_YAML + "deploy:\n  folder: ../public\n  rsync: ../www\n  target: rsync\n")
    config, _ = load_config(site / "site.yaml")
    assert config.deploy.folder == tmp_path / "public" and config.deploy.rsync == str(tmp_path / "www")
    monkeypatch.chdir(tmp_path)
    assert choose_target(config.deploy, DeployFlags(folder=Path("out"))).folder == tmp_path / "out"
