"""The write stage's commit: the staged files moved into the output folder as one transaction, through a
journal that a build killed midway leaves for the next one to finish."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import orjson

from site_builder.config import display_path
from site_builder.errors import Problem, SiteBuilderError


MANIFEST = ".site-builder-manifest.json"
STAGING = ".site-builder-staging"
"""Where a build puts its new files until they are all written (removed once they are in place)."""
LEGACY = (".site-builder-cache",)
"""What versions before 0.2 kept in the output folder besides the site (the cache, with every article's
text, drafts included): the next build removes it."""
JOURNAL = "journal.json"
"""In the staging folder: the files to move and remove; its existence is the commit point."""
TREE = "tree/"
"""In the staging folder: files of folders the output lacks, at their paths, so that such a folder moves
into place whole (one rename for all the files of a first build, or of a new article's folder)."""


def stays_inside(path: str) -> bool:
    """Whether a relative POSIX path names a place inside the output folder."""
    return bool(path) and not path.startswith("/") and ".." not in path.split("/") and "\\" not in path


def ancestors(folder: str) -> list[str]:
    """'a/b/c' -> ['a', 'a/b', 'a/b/c']."""
    parts = folder.split("/") if folder else []
    return ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]


def output_error(err: OSError, output_dir: Path) -> SiteBuilderError:
    """The message for a failed write, with the remedy of its real cause."""
    where = display_path(Path(err.filename or output_dir), Path.cwd())
    return SiteBuilderError([Problem(where, 0, 0, f"cannot write the output ({err.strerror})", remedy_for(err))])


def remedy_for(err: OSError) -> str:
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "check the folder's permissions (or whether its file system is read-only)"
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return "free some space on the disk, then build again"
    if err.errno in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOENT, errno.ENOTDIR, errno.EISDIR):
        return ("another program changed the output folder while this build wrote it (site-builder's own "
                "builds wait for each other); build again")
    return "build again; if it fails the same way, check the disk"


def commit(output_dir: Path, moves: list[tuple[str, str]], stale: list[str]) -> int:
    """Move the files staged in the staging folder into place, (name there, path in the output folder),
    and remove ``stale`` ones, as one transaction: the journal naming them is created (the commit
    point), then they are moved. Killed before the commit point, the output is untouched; after it, the
    next build finishes the moves (``finish_interrupted_write``)."""
    staging = output_dir / STAGING
    try:
        journal = orjson.dumps({"moves": moves, "remove": stale})
        write_new_file(staging / "journal.tmp", journal)
        os.replace(staging / "journal.tmp", staging / JOURNAL)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return apply_journal(output_dir, moves, stale)


def write_new_file(path: Path | str, content: bytes) -> None:
    """A new file readable by everyone (a web server's user too), whatever the umask."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        if _UMASK & 0o644:
            os.fchmod(descriptor, 0o644)
        with open(descriptor, "wb", closefd=False) as handle:
            handle.write(content)
    finally:
        os.close(descriptor)


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _current_umask()
"""Read once, at import: reading it means setting it, which another thread could see."""


def apply_journal(output_dir: Path, moves: list, stale: list) -> int:
    """Carry out a committed write: remove the stale files, move every staged file still waiting into
    place (the manifest last), then drop the staging folder. Doing it twice does no harm.

    A file staged at its path in the staging tree whose folder the output lacks goes with that whole
    folder (the topmost one missing); the others move one by one."""
    staging, folder = f"{output_dir}/{STAGING}/", f"{output_dir}/"
    removed = remove_stale(output_dir, {str(path) for path in stale})
    made: set[str] = set()
    moved: set[str] = set()
    """Folders moved whole, and folders the output has."""
    for staged, relative in moves:
        staged, relative = str(staged), str(relative)
        if not stays_inside(relative):
            continue
        parent = os.path.dirname(relative)
        if staged == TREE + relative and parent not in made:
            whole = _missing_folder(folder, parent, moved)
            if whole in moved:
                continue
            if whole:
                _move(f"{staging}{TREE}{whole}", folder + whole)
                moved.add(whole)
                continue
        if parent not in made:
            os.makedirs(folder + parent, exist_ok=True)
            made.add(parent)
        _move(f"{staging}{staged}", folder + relative)
    shutil.rmtree(staging)
    return removed


def _missing_folder(folder: str, parent: str, moved: set[str]) -> str:
    """The topmost folder of ``parent`` (relative to ``folder``) that was moved whole or that the output
    lacks, or "" when the output has them all."""
    return next((path for path in ancestors(parent) if path in moved or not os.path.isdir(folder + path)), "")


def _move(source: str, target: str) -> None:
    try:
        os.replace(source, target)
    except FileNotFoundError:  # moved already, by the build this one finishes
        pass


def finish_interrupted_write(output_dir: Path) -> bool:
    """Bring an output folder left by a killed build to a state a build leaves: a committed write is
    finished, an uncommitted one dropped. True when there was anything to do."""
    staging = output_dir / STAGING
    if not staging.is_dir():
        return False
    try:
        journal = _read_journal(staging)
        if journal is None:
            shutil.rmtree(staging)
        else:
            apply_journal(output_dir, journal.get("moves", []), journal.get("remove", []))
    except OSError as err:
        raise output_error(err, output_dir) from err
    return True


def _read_journal(staging: Path) -> dict | None:
    """The journal of a committed write, or None when the write never reached its commit point."""
    try:
        journal = orjson.loads((staging / JOURNAL).read_bytes())
    except FileNotFoundError:
        return None
    except ValueError as err:
        raise SiteBuilderError(f"{staging / JOURNAL}: the record of an interrupted build is damaged ({err}); "
                               f"delete the folder {staging.name} and the file {MANIFEST} in the output folder, "
                               "then build again") from err
    return journal if isinstance(journal, dict) else {}


def remove_stale(output_dir: Path, stale: set[str]) -> int:
    """Delete files the previous build wrote and this one does not, then folders left empty."""
    removed = 0
    root = output_dir.resolve()
    for relative in sorted(stale):
        path = output_dir / relative
        if not path.resolve().is_relative_to(root) or not path.is_file():
            continue
        path.unlink()
        removed += 1
        for parent in path.parents:
            if parent == output_dir or not parent.is_relative_to(output_dir) or any(parent.iterdir()):
                break
            parent.rmdir()
    return removed
