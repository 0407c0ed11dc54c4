"""The write stage: the only writer of the output folder.

It refuses two files claiming one path, never writes outside the output folder, leaves unchanged
files alone, and removes what the previous build wrote but this one did not. Files it did not write
itself (listed in its manifest) are never deleted.

A build's changes land as one transaction (see ``commit``): a build killed at any moment leaves the
previous output whole, or a committed change that the next build finishes; each file is replaced by a
rename, so a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from site_builder.config import display_path
from site_builder.errors import BuildFailed, Problem, SiteBuilderError
from site_builder.memo import sha256
from site_builder.model import OutputFile

MANIFEST = ".site-builder-manifest.json"
STAGING = ".site-builder-staging"
"""Where a build puts its new files until they are all written (removed once they are in place)."""
JOURNAL = "journal.json"
"""In the staging folder: the files to move and remove; its existence is the commit point."""


@dataclass(frozen=True)
class WriteReport:
    """What the write stage did to the output folder."""

    written: int
    """Files created or changed."""
    unchanged: int
    """Files whose bytes were already right."""
    removed: int
    """Files of the previous build that this build no longer produces."""
    changed: tuple[str, ...] = ()
    """Paths written, then paths removed, for `serve` to tell open pages what to refresh."""
    previous: dict[str, str] = field(default_factory=dict)
    """The digest each changed path had in the previous build, when it was there."""


def check_output_paths(files: Iterable[OutputFile]) -> list[Problem]:
    """Paths must stay inside the output folder, and no two sources may write one path."""
    problems, owners = [], {}
    for output in files:
        if not stays_inside(output.path):
            problems.append(Problem(output.origin, 0, 0, f"output path {output.path!r} leaves the output folder",
                                    "use a slug of letters, digits and '-'"))
        elif output.path in owners:
            problems.append(Problem(output.origin, 0, 0, f"writes {output.path}, which {owners[output.path]} "
                                    "writes too", "give one of them a distinct slug"))
        else:
            owners[output.path] = output.origin
    return problems


def stays_inside(path: str) -> bool:
    """Whether a relative POSIX path names a place inside the output folder."""
    return bool(path) and not path.startswith("/") and ".." not in path.split("/") and "\\" not in path


def check_output_folder(output_dir: Path, protected: Iterable[Path]) -> None:
    """Refuse an output folder that is a file, or that is or holds something the build must never delete."""
    shown = display_path(output_dir, Path.cwd())
    blocking = next((p for p in (output_dir, *output_dir.parents) if p.exists() and not p.is_dir()), None)
    if blocking:
        raise BuildFailed([Problem(shown, 0, 0, f"the output folder cannot be made: "
                                   f"{display_path(blocking, Path.cwd())} is a file", "choose another output folder")])
    output = output_dir.resolve()
    if output == Path(output.anchor) or output == Path.home().resolve():
        raise BuildFailed([Problem(shown, 0, 0, "refusing to use this folder as the output folder",
                                   "choose a dedicated folder such as output/")])
    for path in protected:
        path = path.resolve()
        if path == output or path.is_relative_to(output):
            raise BuildFailed([Problem(shown, 0, 0, f"the output folder must not contain "
                                       f"{display_path(path, Path.cwd())}", "choose a dedicated folder such as "
                                       "output/")])


def read_manifest(output_dir: Path) -> dict[str, Any]:
    """What the previous build recorded: `files` (path -> hash) and whatever else it was given to keep
    (the story state); empty when there is none or it is unreadable."""
    try:
        manifest = json.loads((output_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) and isinstance(manifest.get("files", {}), dict) else {}


def write_output(files: list[OutputFile], output_dir: Path, keep: dict[str, Any] | None = None,
                 manifest: dict[str, Any] | None = None) -> WriteReport:
    """Make the output folder hold exactly ``files`` (plus anything we never wrote; a file without content
    is left as the previous build wrote it); ``keep`` is recorded
    in the manifest for the next build; ``manifest`` is the previous one when the caller already read
    it. A file system error stops it with a clear message; before the commit point (see ``commit``) that
    leaves the previous output as it was."""
    try:
        if finish_interrupted_write(output_dir):
            manifest = None
        return _write_output(files, output_dir, keep, manifest)
    except OSError as err:
        raise output_error(err, output_dir) from err


def output_error(err: OSError, output_dir: Path) -> SiteBuilderError:
    where = display_path(Path(err.filename or output_dir), Path.cwd())
    return SiteBuilderError([Problem(where, 0, 0, f"cannot write the output ({err.strerror})",
                                     "check the folder's permissions and free space")])


def _write_output(files: list[OutputFile], output_dir: Path, keep: dict[str, Any] | None,
                  manifest: dict[str, Any] | None) -> WriteReport:
    problems = check_output_paths(files)
    if problems:
        raise BuildFailed(problems)
    output_dir.mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(output_dir) if manifest is None else manifest
    previous = {str(k): str(v) for k, v in manifest.get("files", {}).items()}
    hashes = {f.path: f.digest or sha256(f.content) for f in files}
    folder = str(output_dir)
    changed = [f for f in files if f.content is not None and (previous.get(f.path) != hashes[f.path]
               or not _same_size(os.path.join(folder, f.path), len(f.content)))]
    stale = sorted(set(previous) - set(hashes))
    record = {"files": hashes, **(keep or {})}
    staged = [(f.path, f.content) for f in changed]
    if record != manifest:
        staged.append((MANIFEST, json.dumps(record, sort_keys=True, ensure_ascii=False).encode()))
    removed = commit(output_dir, staged, stale) if staged or stale else 0
    written = tuple(f.path for f in changed)
    paths = written + tuple(stale)
    return WriteReport(written=len(written), unchanged=len(files) - len(written), removed=removed,
                       changed=paths, previous={path: previous[path] for path in paths if path in previous})


def _same_size(path: str, size: int) -> bool:
    try:
        return os.stat(path).st_size == size
    except OSError:
        return False


def commit(output_dir: Path, staged: list[tuple[str, bytes]], stale: list[str]) -> int:
    """Replace the files of ``staged`` (path, bytes) and remove ``stale`` ones, as one transaction: every
    new file is first written into the staging folder, then the journal naming them is created (the
    commit point), then they are moved into place. Killed before the commit point, the output is
    untouched; after it, the next build finishes the moves (``finish_interrupted_write``)."""
    staging = output_dir / STAGING
    try:
        staging.mkdir()
        moves = []
        for number, (relative, content) in enumerate(staged):
            _write_new_file(staging / str(number), content)
            moves.append((str(number), relative))
        journal = json.dumps({"moves": moves, "remove": stale}).encode()
        _write_new_file(staging / "journal.tmp", journal)
        os.replace(staging / "journal.tmp", staging / JOURNAL)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return apply_journal(output_dir, moves, stale)


def _write_new_file(path: Path, content: bytes) -> None:
    with open(path, "xb") as handle:
        handle.write(content)
    os.chmod(path, 0o644)


def apply_journal(output_dir: Path, moves: list, stale: list) -> int:
    """Carry out a committed write: remove the stale files, move every staged file still waiting into
    place (the manifest last), then drop the staging folder. Doing it twice does no harm."""
    staging = output_dir / STAGING
    removed = remove_stale(output_dir, {str(path) for path in stale})
    for staged, relative in moves:
        source, target = staging / str(staged), output_dir / str(relative)
        if source.is_file() and stays_inside(str(relative)):
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
    shutil.rmtree(staging)
    return removed


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
        journal = json.loads((staging / JOURNAL).read_text(encoding="utf-8"))
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
