"""Deploying to a git branch, against a real bare repository made in tmp_path and a real clone holding
the site: the branch holds exactly the build, nothing of the user's checkout moves, and every failed
precondition stops with its message before anything is built or published."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import article, require_tool

from site_builder.config import load_config
from site_builder.publishing.deploy import DeployFlags, deploy_site
from site_builder.errors import SiteBuilderError
from site_builder.writing.write import read_manifest

SITE_YAML = "title: Test Digest\nbase_url: https://example.org/digest/\nlanguage: en\n"


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def repos(tmp_path, make_site, monkeypatch) -> tuple[Path, Path]:
    """(site, bare): a site committed in its own repository, whose `origin` is an empty bare repository."""
    require_tool("git", "deploying to a branch is tested against real repositories")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    bare = tmp_path / "pages.git"
    git(tmp_path, "init", "--quiet", "--bare", str(bare))
    site = make_site({"content/quake.md": article("Quake hits Hualien", story="quake"),
                      "content/budget.md": article("Budget passes", date="2025-07-20"), ".gitignore": "output/\n"},
                     SITE_YAML)
    git(site, "init", "--quiet", "--initial-branch", "main")
    git(site, "config", "user.name", "Curator")
    git(site, "config", "user.email", "curator@example.org")
    git(site, "add", "-A")
    git(site, "commit", "--quiet", "-m", "The digest")
    git(site, "remote", "add", "origin", str(bare))
    return site, bare


def deploy(site: Path, **flags):
    config, warnings = load_config(site / "site.yaml")
    dry_run = flags.pop("dry_run", False)
    return deploy_site(config, DeployFlags(**flags), dry_run, config_warnings=tuple(warnings))


def branch_files(bare: Path, branch: str = "gh-pages") -> dict[str, bytes]:
    names = git(bare, "ls-tree", "-r", "--name-only", branch).splitlines()
    return {name: subprocess.run(["git", "cat-file", "blob", f"{branch}:{name}"], cwd=bare, check=True,
                                 capture_output=True).stdout for name in names}


def built_files(site: Path) -> dict[str, bytes]:
    output = site / "output"
    return {path: (output / path).read_bytes() for path in read_manifest(output)["files"]}


def checkout_state(site: Path) -> tuple[str, str, str, bytes]:
    """Everything of the user's checkout a deploy must not move."""
    status = git(site, "status", "--porcelain")  # refreshes the index's stat data first, as a user's git would
    return status, git(site, "rev-parse", "HEAD"), git(site, "branch", "--show-current"), \
        (site / ".git" / "index").read_bytes()


def test_the_branch_holds_exactly_the_build_and_nojekyll_and_the_checkout_does_not_move(repos):
    site, bare = repos
    (site / "notes.txt").write_text("staged, not committed\n")
    git(site, "add", "notes.txt")
    (site / "content" / "draft.md").write_text(article("Not committed yet", date="2025-07-21"))
    (site / "output").mkdir()
    (site / "output" / "notes-of-mine.txt").write_text("in the output folder, not written by a build\n")
    before = checkout_state(site)

    report = deploy(site)

    assert checkout_state(site) == before
    assert branch_files(bare) == {**built_files(site), ".nojekyll": b""}
    assert "articles/not-committed-yet/index.html" in branch_files(bare)
    assert report.published and report.commit == git(bare, "rev-parse", "gh-pages")
    assert len(report.changes.added) == len(built_files(site)) + 1 and not report.changes.removed
    assert git(site, "branch", "--list", "gh-pages") == ""


def test_the_commit_message_names_the_source_commit_and_says_when_the_site_had_uncommitted_changes(repos):
    site, bare = repos
    head = git(site, "rev-parse", "HEAD")
    deploy(site)
    assert git(bare, "log", "-1", "--format=%B", "gh-pages") == (f"site-builder deploy of {head[:12]}\n\n"
                                                                 f"Built from commit {head}.")
    (site / "content" / "budget.md").write_text(article("Budget passes at last", date="2025-07-20"))
    deploy(site)
    assert git(bare, "log", "-1", "--format=%s", "gh-pages") == f"site-builder deploy of {head[:12]} with " \
                                                                "uncommitted changes"


def test_a_second_deploy_with_nothing_changed_adds_no_commit(repos):
    site, bare = repos
    first = deploy(site)
    second = deploy(site)
    assert not second.published and not second.changes and second.commit == ""
    assert git(bare, "rev-list", "--count", "gh-pages") == "1" and git(bare, "rev-parse", "gh-pages") == first.commit


def test_a_deploy_after_deleting_an_article_removes_its_page_in_a_commit_on_top_of_the_last(repos):
    site, bare = repos
    first = deploy(site)
    assert "articles/budget-passes/index.html" in branch_files(bare)
    (site / "content" / "budget.md").unlink()

    second = deploy(site)

    assert "articles/budget-passes/index.html" in second.changes.removed
    assert branch_files(bare) == {**built_files(site), ".nojekyll": b""}
    assert "articles/budget-passes/index.html" not in branch_files(bare)
    assert git(bare, "rev-parse", "gh-pages^") == first.commit


def test_a_configured_domain_adds_a_cname_file_and_flags_choose_the_remote_and_branch(repos, tmp_path):
    site, bare = repos
    (site / "site.yaml").write_text(SITE_YAML + "deploy:\n  domain: news.example.org\n")
    other = tmp_path / "other.git"
    git(tmp_path, "init", "--quiet", "--bare", str(other))
    git(site, "remote", "add", "mirror", str(other))

    deploy(site, remote="mirror", branch="site")

    assert branch_files(other, "site")["CNAME"] == b"news.example.org\n"
    assert git(bare, "branch", "--list") == ""


def test_a_dry_run_lists_the_changes_and_publishes_nothing(repos):
    site, bare = repos
    deploy(site)
    (site / "content" / "budget.md").unlink()
    (site / "content" / "new.md").write_text(article("A new report", date="2025-07-22"))
    tip = git(bare, "rev-parse", "gh-pages")

    report = deploy(site, dry_run=True)

    assert not report.published and git(bare, "rev-parse", "gh-pages") == tip
    assert "articles/a-new-report/index.html" in report.changes.added
    assert "articles/budget-passes/index.html" in report.changes.removed
    assert "index.html" in report.changes.changed


def test_a_site_outside_any_repository_stops_before_building(make_site, tmp_path, monkeypatch):
    require_tool("git", "deploying to a branch is tested against real repositories")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    site = make_site({"content/a.md": article()}, SITE_YAML)
    with pytest.raises(SiteBuilderError) as error:
        deploy(site)
    assert str(error.value) == (f"{site}: not in a git repository; run `git init` and `git remote add origin URL` "
                                "there, or deploy to a folder with --folder PATH")
    assert not (site / "output").exists()


def test_a_missing_remote_stops_before_building(repos):
    site, _ = repos
    with pytest.raises(SiteBuilderError) as error:
        deploy(site, remote="upstream")
    assert str(error.value) == (f"{site}: no git remote named 'upstream' (this repository has: origin); add it "
                                "with `git remote add upstream URL`, or name another with --remote NAME")
    assert not (site / "output").exists()


def test_an_unreachable_remote_stops_before_building(repos, tmp_path):
    site, _ = repos
    git(site, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    with pytest.raises(SiteBuilderError) as error:
        deploy(site)
    assert str(error.value).startswith(f"cannot reach the git remote 'origin' ({tmp_path / 'gone.git'}): ")
    assert str(error.value).endswith("; check the URL and your access to it")


def test_deploying_onto_the_branch_checked_out_is_refused(repos):
    site, bare = repos
    with pytest.raises(SiteBuilderError) as error:
        deploy(site, branch="main")
    assert str(error.value) == (f"{site}: 'main' is the branch checked out here, and a deploy replaces a branch's "
                                "whole content with the build; deploy to another branch, such as gh-pages")
    assert git(bare, "branch", "--list") == ""


def test_a_push_the_remote_rejects_publishes_nothing_and_says_why(repos):
    site, bare = repos
    hook = bare / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'gh-pages is protected' >&2\nexit 1\n")
    hook.chmod(0o755)

    with pytest.raises(SiteBuilderError) as error:
        deploy(site)

    message = str(error.value)
    assert message.startswith(f"git push to branch gh-pages of origin ({bare}) was refused, nothing was published: ")
    assert "remote: gh-pages is protected" in message and "pre-receive hook declined" in message
    assert message.endswith("; the remote refuses pushes to this branch (a protected branch?); allow them, or "
                            "deploy to another branch with --branch NAME")
    assert git(bare, "branch", "--list") == ""


def test_the_deploy_command_reports_the_commit_and_a_mistake_without_a_traceback(repos):
    site, bare = repos
    command = [sys.executable, "-m", "site_builder", "deploy"]
    result = subprocess.run(command, cwd=site, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    commit = git(bare, "rev-parse", "gh-pages")
    added = len(built_files(site)) + 1
    assert result.stdout.splitlines()[-1].startswith(
        f"Deployed to branch gh-pages of origin: {added} added, 0 changed, 0 removed; commit {commit[:12]}, ")

    result = subprocess.run(command + ["--remote", "nope"], cwd=site, capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (f"{site}: no git remote named 'nope' (this repository has: origin); add it with `git "
                             "remote add nope URL`, or name another with --remote NAME\n")
