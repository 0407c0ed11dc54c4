"""Publishing a build to a folder or over rsync, all or nothing.

A folder is replaced in one step: the build is copied into a staging folder beside it, and the two
are swapped by one rename (Linux `renameat2(RENAME_EXCHANGE)`; elsewhere two renames, so a reader
may meet no folder for an instant, never a mix). rsync puts new and changed files in place together
at the end of the transfer and deletes removed files after it.
"""

from __future__ import annotations

import ctypes
import errno
import filecmp
import os
import shutil
import stat
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from site_builder.config import SiteConfig
from site_builder.settings import is_remote
from site_builder.errors import SiteBuilderError

MARKER = ".site-builder-deploy"
"""Left in a deployed folder, so a later deploy knows the folder is ours to replace."""
MARKER_TEXT = b"This folder is published by `site-builder deploy`, which replaces its whole content.\n"
RENAME_EXCHANGE = 2
AT_FDCWD = -100


@dataclass(frozen=True)
class Changes:
    """What a deploy changes at its target, as paths of the published tree."""

    added: tuple[str, ...] = ()
    """Files the target does not have yet."""
    changed: tuple[str, ...] = ()
    """Files whose content differs."""
    removed: tuple[str, ...] = ()
    """Files of the target the build no longer has."""

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def check_destination(path: Path, config: SiteConfig) -> Path:
    """The real path of a local deploy destination; refuses one whose replacement would delete the site,
    its content or its output, or a home or root folder."""
    path = path.resolve()
    if path == Path(path.anchor) or path == Path.home().resolve():
        raise SiteBuilderError(f"{path}: refusing to replace this folder; deploy to a folder of its own, such "
                               "as ../public")
    for name, folder in (("site folder", config.root), ("content", config.content_dir),
                         ("output folder", config.output_dir)):
        folder = folder.resolve()
        if folder.is_relative_to(path) or (path.is_relative_to(folder) and name != "site folder"):
            raise SiteBuilderError(f"{path}: deploying there would replace or write into the {name} {folder}; "
                                   "choose a folder outside them, such as ../public")
    if not path.parent.is_dir():
        raise SiteBuilderError(f"{path}: its folder {path.parent} does not exist; create it first")
    return path


def files_in(folder: Path) -> dict[str, Path]:
    """Relative path -> file, for every file under ``folder`` (none when it does not exist)."""
    if not folder.is_dir():
        return {}
    return {path.relative_to(folder).as_posix(): path for path in sorted(folder.rglob("*")) if path.is_file()}


def compare(files: dict[str, Path], published: dict[str, Path]) -> Changes:
    """What publishing ``files`` over ``published`` (both relative path -> file) adds, changes and removes."""
    common = sorted(files.keys() & published.keys())
    return Changes(added=tuple(sorted(files.keys() - published.keys())),
                   changed=tuple(p for p in common if not filecmp.cmp(files[p], published[p], shallow=False)),
                   removed=tuple(sorted(published.keys() - files.keys())))


# --- folder ------------------------------------------------------------------------------------------


def prepare_folder(folder: Path, config: SiteConfig) -> Path:
    """Check, before anything is built or published, that ``folder`` can be replaced; its real path."""
    folder = check_destination(folder, config)
    if folder.exists() and not folder.is_dir():
        raise SiteBuilderError(f"{folder}: this is a file, not a folder; choose a folder to deploy to")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / MARKER).is_file():
        raise SiteBuilderError(f"{folder}: the folder holds files that site-builder did not publish, and a deploy "
                               "replaces its whole content; empty it, or choose another folder")
    check_writable(folder.parent)
    return folder


def check_writable(folder: Path) -> None:
    """Create and remove a folder in ``folder``: the one test of writing that holds for every user and
    file system (permissions, read-only mounts, immutable folders)."""
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".site-builder-probe-", dir=folder))
    except OSError as err:
        raise SiteBuilderError(f"{folder}: cannot write there ({err.strerror}); fix its permissions, or deploy "
                               "to a folder you can write to") from err


def publish_folder(files: dict[str, Path], folder: Path, dry_run: bool) -> Changes:
    """Make ``folder`` hold exactly ``files`` (plus the marker), in one step."""
    changes = compare(files, {p: f for p, f in files_in(folder).items() if p != MARKER})
    if dry_run or not changes:
        return changes
    staging, old = folder.with_name(f".{folder.name}.site-builder-{os.getpid()}"), None
    try:
        copy_tree(files, staging)
        os.chmod(staging, stat.S_IMODE(folder.stat().st_mode) if folder.is_dir() else 0o755)
        old = replace_folder(staging, folder)
    except OSError as err:
        raise SiteBuilderError(f"{err.filename or folder}: cannot publish the folder ({err.strerror}); nothing was "
                               "published, check the free space and permissions") from err
    finally:  # the new files when anything failed; the old ones once swapped
        for leftover in (staging, old):
            if leftover:
                shutil.rmtree(leftover, ignore_errors=True)
    return changes


def copy_tree(files: dict[str, Path], folder: Path) -> None:
    folder.mkdir()
    for relative, source in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    (folder / MARKER).write_bytes(MARKER_TEXT)
    for path in folder.rglob("*"):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 with RENAME_EXCHANGE); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(second))


def replace_folder(staging: Path, folder: Path, swap: Callable[[Path, Path], bool] = exchange) -> Path | None:
    """Put ``staging`` in the place of ``folder``; where the old content now is (to delete), if any."""
    if not folder.exists():
        os.rename(staging, folder)
        return None
    if swap(staging, folder):
        return staging
    old = staging.with_name(staging.name + "-old")
    os.rename(folder, old)
    try:
        os.rename(staging, folder)
    except OSError:
        os.rename(old, folder)
        raise
    return old


# --- rsync -------------------------------------------------------------------------------------------


def prepare_rsync(destination: str, config: SiteConfig) -> str:
    """Check, before anything is built or published, that rsync is there and a local destination is safe."""
    if not shutil.which("rsync"):
        raise SiteBuilderError("rsync is not installed (no `rsync` on PATH); install it (Debian: apt-get install "
                               "rsync), or deploy to a folder with --folder PATH or to a git branch")
    if is_remote(destination):
        return destination
    folder = check_destination(Path(destination), config)
    check_writable(folder if folder.is_dir() else folder.parent)
    return str(folder)


def rsync_command(output_dir: Path, destination: str, dry_run: bool) -> list[str]:
    """Only the listed files (read from standard input) go; everything else at the destination is deleted."""
    return ["rsync", "--recursive", "--times", "--checksum", "--delete-after", "--delete-excluded",
            "--delay-updates", "--itemize-changes", "--include-from=-", "--exclude=*",
            *(["--dry-run"] if dry_run else []), f"{output_dir}/", destination.rstrip("/") + "/"]


def rsync_filter(paths: Iterable[str]) -> str:
    """Include rules for exactly these files and their folders, wildcards escaped."""
    folders = {"/".join(p.split("/")[:depth]) + "/" for p in paths for depth in range(1, p.count("/") + 1)}
    return "".join(f"/{escape_pattern(p)}\n" for p in sorted(folders | set(paths)))


def escape_pattern(path: str) -> str:
    """rsync reads backslashes as escapes only in patterns holding a wildcard."""
    if not any(c in path for c in "*?["):
        return path
    return "".join("\\" + c if c in "\\*?[" else c for c in path)


def parse_itemized(output: str) -> Changes:
    """Files rsync's --itemize-changes reports as sent (new or changed) or deleted; folders are left out."""
    added, changed, removed = [], [], []
    for line in output.splitlines():
        flags, _, path = line.partition(" ")
        if flags == "*deleting":
            path = path.strip()
            removed += [] if path.endswith("/") else [path]
        elif len(flags) == 11 and flags[0] in "<>c" and flags[1] == "f":
            (added if flags[2:] == "+" * 9 else changed).append(path)
    return Changes(tuple(sorted(added)), tuple(sorted(changed)), tuple(sorted(removed)))


def publish_rsync(files: dict[str, Path], output_dir: Path, destination: str, dry_run: bool) -> Changes:
    """rsync the build's files to ``destination``, deleting everything else there."""
    result = subprocess.run(rsync_command(output_dir, destination, dry_run), input=rsync_filter(files),
                            capture_output=True, text=True)
    if result.returncode != 0:
        reason = (result.stderr.strip().splitlines() or [f"exit status {result.returncode}"])[0]
        raise SiteBuilderError(f"{destination}: rsync failed ({reason}); check the destination and your access to "
                               "it (for user@host:path, that `ssh user@host` works)")
    return parse_itemized(result.stdout)
