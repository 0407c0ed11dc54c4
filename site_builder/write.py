"""The write stage: the only writer of the output folder.

It refuses two files claiming one path, never writes outside the output folder, replaces each file
atomically, leaves unchanged files alone, and removes what the previous build wrote but this one did
not. Files it did not write itself (listed in its manifest) are never deleted.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from site_builder.errors import BuildFailed, Problem, SiteBuilderError
from site_builder.memo import sha256
from site_builder.model import OutputFile

MANIFEST = ".site-builder-manifest.json"


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
        parts = output.path.split("/")
        if not output.path or output.path.startswith("/") or ".." in parts or "\\" in output.path:
            problems.append(Problem(output.origin, 0, 0, f"output path {output.path!r} leaves the output folder",
                                    "use a slug of letters, digits and '-'"))
        elif output.path in owners:
            problems.append(Problem(output.origin, 0, 0, f"writes {output.path}, which {owners[output.path]} "
                                    "writes too", "give one of them a distinct slug"))
        else:
            owners[output.path] = output.origin
    return problems


def check_output_folder(output_dir: Path, protected: Iterable[Path]) -> None:
    """Refuse an output folder that is a file, or that is or holds something the build must never delete."""
    blocking = next((p for p in (output_dir, *output_dir.parents) if p.exists() and not p.is_dir()), None)
    if blocking:
        raise SiteBuilderError(f"{output_dir}: {blocking} is a file, not a folder; choose another output folder")
    output = output_dir.resolve()
    if output == Path(output.anchor) or output == Path.home().resolve():
        raise SiteBuilderError(f"{output_dir}: refusing to use this folder as output; choose a dedicated folder "
                               "such as output/")
    for path in protected:
        path = path.resolve()
        if path == output or path.is_relative_to(output):
            raise SiteBuilderError(f"{output_dir}: the output folder must not contain {path}; choose a dedicated "
                                   "folder such as output/")


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
    """Make the output folder hold exactly ``files`` (plus anything we never wrote); ``keep`` is recorded
    in the manifest for the next build; ``manifest`` is the previous one when the caller already read
    it. A file system error stops it with a clear message."""
    try:
        return _write_output(files, output_dir, keep, manifest)
    except OSError as err:
        where = err.filename or output_dir
        raise SiteBuilderError(f"{where}: cannot write the output ({err.strerror}); check the folder's "
                               "permissions and free space") from err


def _write_output(files: list[OutputFile], output_dir: Path, keep: dict[str, Any] | None,
                  manifest: dict[str, Any] | None) -> WriteReport:
    problems = check_output_paths(files)
    if problems:
        raise BuildFailed(problems)
    output_dir.mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(output_dir) if manifest is None else manifest
    previous = {str(k): str(v) for k, v in manifest.get("files", {}).items()}
    hashes = {f.path: f.digest or sha256(f.content) for f in files}
    written = []
    folder = str(output_dir)
    for output in files:
        if previous.get(output.path) == hashes[output.path] and \
                _same_size(os.path.join(folder, output.path), len(output.content)):
            continue
        atomic_write(output_dir / output.path, output.content)
        written.append(output.path)
    stale = sorted(set(previous) - set(hashes))
    removed = remove_stale(output_dir, set(stale))
    record = {"files": hashes, **(keep or {})}
    if record != manifest:
        atomic_write(output_dir / MANIFEST, json.dumps(record, sort_keys=True, ensure_ascii=False).encode())
    changed = tuple(written) + tuple(stale)
    return WriteReport(written=len(written), unchanged=len(files) - len(written), removed=removed,
                       changed=changed, previous={path: previous[path] for path in changed if path in previous})


def _same_size(path: str, size: int) -> bool:
    try:
        return os.stat(path).st_size == size
    except OSError:
        return False


def atomic_write(target: Path, content: bytes) -> None:
    """Readers (and a server) see the old file or the new one, never half of it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


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
