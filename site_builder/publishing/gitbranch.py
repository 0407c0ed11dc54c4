"""Publishing a build as the whole content of a git branch (GitHub Pages style), then pushing it.

Only git's plumbing is used: the files are stored as blobs, a tree is written through a temporary
index (never the user's), and a commit on top of the remote branch's last commit is pushed. The
working tree, the index and the current branch are never touched; a push is all or nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from site_builder.errors import SiteBuilderError
from site_builder.publishing.publish import Changes

FILE_MODE = "100644"
STATUS = {"A": "added", "M": "changed", "D": "removed", "T": "changed"}


@dataclass(frozen=True)
class Branch:
    """A remote branch to publish to, with what deploy found out about the site's repository."""

    top: Path
    """Top folder of the site's working tree."""
    git_dir: Path
    """The repository's git folder (the temporary index goes there)."""
    remote: str
    """Name of the remote."""
    remote_url: str
    """Where the remote is, for messages."""
    branch: str
    """Branch of the remote whose content becomes the build."""
    tip: str
    """Commit the remote branch is at; empty when it does not exist yet."""
    message: str
    """Commit message, naming the commit the site was built from."""


class GitFailed(SiteBuilderError):
    """A git command failed; ``lines`` are what it said."""

    def __init__(self, args: list[str], result: subprocess.CompletedProcess):
        self.lines = result.stderr.strip().splitlines() or [f"exit status {result.returncode}"]
        super().__init__(f"git {args[0]} failed: {' / '.join(self.lines)}; nothing was published")


def git(cwd: Path, *args: str, input: str = "", env: dict[str, str] | None = None) -> str:
    """Run git; its standard output, stripped; GitFailed with its error lines when it fails."""
    result = subprocess.run(["git", *args], cwd=cwd, input=input, capture_output=True, text=True,
                            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", **(env or {})})
    if result.returncode != 0:
        raise GitFailed(list(args), result)
    return result.stdout.strip()


def prepare_branch(site_root: Path, output_dir: Path, remote: str, branch: str) -> Branch:
    """Check every precondition before anything is built or published: git, a repository, a valid branch
    that is not the one checked out, the remote and a way to reach it, an identity for the commit."""
    if not shutil.which("git"):
        raise SiteBuilderError("git is not installed; install it (Debian: apt-get install git), or deploy to a "
                               "folder with --folder PATH")
    try:
        top, git_dir = git(site_root, "rev-parse", "--show-toplevel", "--absolute-git-dir").splitlines()
    except GitFailed as err:
        raise SiteBuilderError(f"{site_root}: not in a git repository; run `git init` and `git remote add origin "
                               "URL` there, or deploy to a folder with --folder PATH") from err
    top_path = Path(top)
    check_branch_name(top_path, branch)
    remote_url = find_remote(top_path, remote)
    check_identity(top_path)
    tip = remote_tip(top_path, remote, remote_url, branch)
    return Branch(top_path, Path(git_dir), remote, remote_url, branch, tip,
                  commit_message(top_path, site_root, output_dir))


def check_branch_name(top: Path, branch: str) -> None:
    try:
        git(top, "check-ref-format", "--branch", branch)
    except GitFailed as err:
        raise SiteBuilderError(f"'{branch}' is not a valid branch name; use a name such as gh-pages") from err
    current = git(top, "branch", "--show-current")
    if branch == current:
        raise SiteBuilderError(f"{top}: '{branch}' is the branch checked out here, and a deploy replaces a branch's "
                               "whole content with the build; deploy to another branch, such as gh-pages")


def find_remote(top: Path, remote: str) -> str:
    remotes = git(top, "remote").split()
    if remote not in remotes:
        known = f" (this repository has: {', '.join(remotes)})" if remotes else ""
        raise SiteBuilderError(f"{top}: no git remote named '{remote}'{known}; add it with `git remote add "
                               f"{remote} URL`, or name another with --remote NAME")
    return git(top, "remote", "get-url", remote)


def check_identity(top: Path) -> None:
    try:
        git(top, "var", "GIT_COMMITTER_IDENT")
        git(top, "var", "GIT_AUTHOR_IDENT")
    except GitFailed as err:
        raise SiteBuilderError("git does not know who is committing; run `git config user.name \"Your Name\"` and "
                               "`git config user.email you@example.org`") from err


def remote_tip(top: Path, remote: str, remote_url: str, branch: str) -> str:
    """The commit the remote branch is at ('' when it does not exist), fetched so it can be built upon."""
    try:
        listed = git(top, "ls-remote", "--heads", remote, f"refs/heads/{branch}")
        tip = listed.split()[0] if listed else ""
        if tip:
            git(top, "fetch", "--quiet", "--no-tags", "--no-write-fetch-head", remote, f"refs/heads/{branch}")
    except GitFailed as err:
        raise SiteBuilderError(f"cannot reach the git remote '{remote}' ({remote_url}): {err.lines[-1]}; check "
                               "the URL and your access to it") from err
    return tip


def commit_message(top: Path, site_root: Path, output_dir: Path) -> str:
    """'site-builder deploy of 1a2b3c4d5e6f', saying so when the site has uncommitted changes."""
    try:
        source = git(top, "rev-parse", "--verify", "--quiet", "HEAD")
    except GitFailed:
        source = ""
    if not source:
        return "site-builder deploy (the repository has no commit yet)\n"
    paths = ["."] + ([f":(exclude){output_dir}"] if output_dir.resolve().is_relative_to(top.resolve()) else [])
    dirty = git(site_root, "--no-optional-locks", "status", "--porcelain", "--", *paths)
    note = " with uncommitted changes" if dirty else ""
    return f"site-builder deploy of {source[:12]}{note}\n\nBuilt from commit {source}{note}.\n"


def write_tree(branch: Branch, files: dict[str, Path], extra: dict[str, str]) -> str:
    """Store the files (and ``extra`` contents) as blobs and their tree as a tree object; its id."""
    if any("\n" in path for path in files):
        bad = next(path for path in files if "\n" in path)
        raise SiteBuilderError(f"{bad!r}: a file name with a line break cannot be published to git; rename it")
    names = list(files)
    blobs = git(branch.top, "hash-object", "-w", "--no-filters", "--stdin-paths",
                input="".join(f"{files[name].resolve()}\n" for name in names)).split()
    entries = dict(zip(names, blobs))
    for name, content in extra.items():
        entries[name] = git(branch.top, "hash-object", "-w", "--no-filters", "--stdin", input=content)
    index = branch.git_dir / f"site-builder-deploy-{os.getpid()}.index"
    try:
        env = {"GIT_INDEX_FILE": str(index)}
        git(branch.top, "update-index", "--add", "-z", "--index-info", env=env,
            input="".join(f"{FILE_MODE} {blob}\t{name}\0" for name, blob in sorted(entries.items())))
        return git(branch.top, "write-tree", env=env)
    finally:
        index.unlink(missing_ok=True)


def tree_changes(branch: Branch, tree: str) -> Changes:
    """What the new tree adds, changes and removes on the branch."""
    if not branch.tip:
        return Changes(added=tuple(sorted(git(branch.top, "ls-tree", "-r", "-z", "--name-only", tree)
                                          .strip("\0").split("\0"))))
    listing = git(branch.top, "diff-tree", "-r", "-z", "--no-renames", "--name-status", branch.tip, tree)
    fields = listing.strip("\0").split("\0") if listing else []
    found: dict[str, list[str]] = {"added": [], "changed": [], "removed": []}
    for status, path in zip(fields[::2], fields[1::2]):
        found[STATUS[status[0]]].append(path)
    return Changes(*(tuple(sorted(found[kind])) for kind in ("added", "changed", "removed")))


def publish_branch(branch: Branch, files: dict[str, Path], extra: dict[str, str],
                   dry_run: bool) -> tuple[Changes, str]:
    """Commit the tree of ``files`` and ``extra`` on top of the remote branch and push it; the changes and
    the new commit ('' when nothing was committed: a dry run, or nothing changed)."""
    tree = write_tree(branch, files, extra)
    changes = tree_changes(branch, tree)
    if dry_run or not changes:
        return changes, ""
    parents = ["-p", branch.tip] if branch.tip else []
    commit = git(branch.top, "commit-tree", tree, *parents, "-F", "-", input=branch.message)
    try:
        git(branch.top, "push", "--quiet", branch.remote, f"{commit}:refs/heads/{branch.branch}")
    except GitFailed as err:
        raise SiteBuilderError(f"git push to branch {branch.branch} of {branch.remote} ({branch.remote_url}) was "
                               f"refused, nothing was published: {' / '.join(err.lines)}; "
                               f"{push_hint(err.lines)}") from err
    return changes, commit


def push_hint(lines: list[str]) -> str:
    text = " ".join(lines)
    if "fetch first" in text or "non-fast-forward" in text:
        return "the branch moved while deploying; deploy again"
    if "declined" in text or "protected" in text:
        return "the remote refuses pushes to this branch (a protected branch?); allow them, or deploy to another " \
               "branch with --branch NAME"
    return "check your access to the remote"
