"""`site-builder deploy` and `site-builder check`: a fresh production build, its links checked, then
published to a git branch, a folder or over rsync, all or nothing.

Every precondition of the target (a repository and its remote, a writable folder, rsync) is checked
before the build; a build with a broken link is never published; publishing itself is one step at
the target (a push, a folder swap, rsync's delayed updates).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from site_builder import progress
from site_builder.writing.check import CheckReport, check_output
from site_builder.config import SiteConfig
from site_builder.settings import DeploySettings, deploy_problems, is_remote
from site_builder.errors import BrokenLinks, Problem, SiteBuilderError
from site_builder.publishing.gitbranch import prepare_branch, publish_branch
from site_builder.writing.lock import writing
from site_builder.pipeline import BuildOptions, BuildReport, build
from site_builder.publishing.publish import Changes, prepare_folder, prepare_rsync, publish_folder, publish_rsync
from site_builder.writing.write import read_manifest

Publisher = Callable[[dict[str, Path], bool], tuple[Changes, str]]


@dataclass(frozen=True)
class DeployFlags:
    """Command-line choices that override site.yaml's `deploy:` (None: not given)."""

    folder: Path | None = None
    """--folder: replace this folder's content."""
    rsync: str | None = None
    """--rsync: rsync to this destination."""
    remote: str | None = None
    """--remote: git remote to push to."""
    branch: str | None = None
    """--branch: git branch to replace."""
    domain: str | None = None
    """--domain: custom domain written to CNAME on the branch."""


@dataclass(frozen=True)
class DeployReport:
    """What a deploy did, for the CLI to print."""

    target: str
    """Where it published, as the CLI names it."""
    build: BuildReport
    """The fresh build."""
    check: CheckReport
    """Its link check (nothing broken, or there would be no report)."""
    changes: Changes
    """What was (or, in a dry run, would be) added, changed and removed at the target."""
    published: bool
    """False for a dry run, and when the target already held this build."""
    commit: str
    """The commit pushed to the branch; empty for other targets and when nothing was pushed."""
    seconds: float
    """Wall time, build included."""


def choose_target(settings: DeploySettings, flags: DeployFlags) -> DeploySettings:
    """site.yaml's deploy settings with the flags applied and the target decided."""
    given = {"folder": ["--folder"] if flags.folder else [], "rsync": ["--rsync"] if flags.rsync else [],
             "git": [f"--{name}" for name in ("remote", "branch", "domain") if getattr(flags, name)]}
    chosen = [kind for kind, names in given.items() if names]
    if len(chosen) > 1:
        names = " and ".join(names[0] for names in given.values() if names)
        raise SiteBuilderError(f"{names} choose different deploy targets; pass the flags of one target")
    settings = replace(settings, **flag_overrides(flags))
    kind = chosen[0] if chosen else settings.target or ("folder" if settings.folder else
                                                        "rsync" if settings.rsync else "git")
    settings = replace(settings, target=kind)
    problems = deploy_problems(settings)
    if kind in ("folder", "rsync") and not getattr(settings, kind):
        problems.append((f"no {kind} to deploy to", f"pass --{kind} {'PATH' if kind == 'folder' else 'DEST'}, "
                         f"or set `deploy: {kind}:` in site.yaml"))
    if problems:
        raise SiteBuilderError("\n".join(f"{what}; {fix}" for what, fix in problems))
    return settings


def flag_overrides(flags: DeployFlags) -> dict:
    """The settings the flags give; local paths are taken from the current folder."""
    local_rsync = flags.rsync and not is_remote(flags.rsync)
    overrides = {"folder": flags.folder and flags.folder.resolve(), "remote": flags.remote, "branch": flags.branch,
                 "rsync": str(Path(flags.rsync).resolve()) if local_rsync else flags.rsync, "domain": flags.domain}
    return {key: value for key, value in overrides.items() if value}


def describe_target(target: DeploySettings) -> str:
    if target.target == "folder":
        return f"folder {target.folder}"
    if target.target == "rsync":
        return f"{target.rsync} (rsync)"
    return f"branch {target.branch} of {target.remote}"


def prepare(target: DeploySettings, config: SiteConfig) -> Publisher:
    """Check the target's preconditions; the function that publishes a build's files to it."""
    if target.target == "folder":
        folder = prepare_folder(target.folder, config)
        return lambda files, dry_run: (publish_folder(files, folder, dry_run), "")
    if target.target == "rsync":
        destination = prepare_rsync(target.rsync, config)
        return lambda files, dry_run: (publish_rsync(files, config.output_dir, destination, dry_run), "")
    branch = prepare_branch(config.root, config.output_dir, target.remote, target.branch)
    extra = {".nojekyll": "", **({"CNAME": target.domain + "\n"} if target.domain else {})}
    return lambda files, dry_run: publish_branch(branch, files, extra, dry_run)


def build_and_check(config: SiteConfig, strict: bool = False, config_warnings: tuple[Problem, ...] = (),
                    wait: bool = True) -> tuple[BuildReport, CheckReport]:
    """A fresh build as it is published (site.yaml's base_url, no drafts), and its link check, holding the
    output folder's lock throughout (no other build changes what is checked)."""
    with writing(config, "check", wait):
        report = build(config, BuildOptions(drafts=False, strict=strict), config_warnings)
        progress.begin("check")
        return report, check_output(config.output_dir, config.base_url)


def built_files(output_dir: Path) -> dict[str, Path]:
    """The files of the last build (its manifest's list): what is published, nothing else of the folder."""
    return {path: output_dir / path for path in sorted(read_manifest(output_dir).get("files", {}))}


def deploy_site(config: SiteConfig, flags: DeployFlags = DeployFlags(), dry_run: bool = False,
                strict: bool = False, config_warnings: tuple[Problem, ...] = (), wait: bool = True) -> DeployReport:
    """Check the target, build, check the links, publish (or, in a dry run, only compare), holding the
    output folder's lock throughout: what is published is what this deploy built."""
    started = time.perf_counter()
    target = choose_target(config.deploy, flags)
    publish = prepare(target, config)
    with writing(config, "deploy", wait):
        report, check = build_and_check(config, strict, config_warnings, wait)
        if check.broken:
            raise BrokenLinks(check.broken)
        progress.begin("publish")
        changes, commit = publish(built_files(config.output_dir), dry_run)
    return DeployReport(describe_target(target), report, check, changes, bool(changes) and not dry_run, commit,
                        time.perf_counter() - started)
