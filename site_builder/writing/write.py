"""The write stage: the only writer of the output folder.

It refuses two files claiming one path, never writes outside the output folder, leaves unchanged
files alone, and removes what the previous build wrote but this one did not. Files it did not write
itself (listed in its manifest) are never deleted.

A build's changes land as one transaction (see ``commit``): a build killed at any moment leaves the
previous output whole, or a committed change that the next build finishes; each file is replaced by a
rename, so a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import orjson

from site_builder.config import display_path
from site_builder.errors import BuildFailed, Problem
from site_builder.digest import sha256
from site_builder.model import OutputFile

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
from site_builder.writing.journal import (MANIFEST, STAGING, LEGACY, TREE, ancestors, commit,
                                          finish_interrupted_write, output_error, stays_inside, write_new_file)


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
        manifest = orjson.loads((output_dir / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) and isinstance(manifest.get("files", {}), dict) else {}


class Transaction:
    """One build's write: files come in as they are rendered; a changed one goes at once into the
    staging folder (so pages are not all held in memory), an unchanged one is only counted. ``commit``
    puts them all in place as one transaction (see ``commit``); ``abort`` leaves the output as it was.
    A file system error stops it with a clear message."""

    def __init__(self, output_dir: Path, manifest: dict[str, Any] | None = None):
        self.output_dir = output_dir
        self.staging = output_dir / STAGING
        if finish_interrupted_write(output_dir):
            manifest = None
        self.manifest = read_manifest(output_dir) if manifest is None else manifest
        files = self.manifest.get("files", {})  # JSON: its keys are text, its values should be
        self.previous = dict(files) if all(type(v) is str for v in files.values()) else \
            {k: str(v) for k, v in files.items()}
        self.hashes: dict[str, str] = {}
        self.owners: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.record: dict[str, Any] = self.manifest
        """The manifest this transaction leaves (once committed)."""
        self.moves: list[tuple[str, str]] = []
        """(name in the staging folder, path in the output folder) of every changed file."""
        self.prefix = f"{self.staging}/"
        self.folders: set[str] = set()
        """Folders made in the staging folder."""
        self.shape = OutputShape(output_dir)

    def add(self, output: OutputFile) -> None:
        """Check the file's path and stage it when it differs from what the previous build wrote."""
        if not self._claim(output.path, output.origin):
            return
        digest = self.hashes[output.path] = output.digest or sha256(output.content)
        if output.content is None or (self.previous.get(output.path) == digest and _same_size(
                os.path.join(self.output_dir, output.path), len(output.content))):
            return
        flat = f"{os.getpid()}-{len(self.moves)}"
        # Files of a folder the output has go side by side, and move one by one; the others go at their paths.
        name = flat if self.shape.kind(os.path.dirname(output.path)) == "folder" else TREE + output.path
        try:
            try:
                self._stage(name, output.content)
            except (FileExistsError, NotADirectoryError, IsADirectoryError):  # another process's file is in the way
                name = flat
                self._stage(name, output.content)
        except OSError as err:
            raise output_error(err, self.output_dir) from err
        self.moves.append((name, output.path))

    def _stage(self, name: str, content: bytes) -> None:
        folder = os.path.dirname(name)
        if folder not in self.folders:
            os.makedirs(self.prefix + folder, exist_ok=True)
            self.folders.add(folder)
        write_new_file(self.prefix + name, content)

    def add_kept(self, origins: dict[str, str]) -> None:
        """Files the previous build wrote that stay as they are, output path -> origin: what ``add`` does
        for each, with the digest the previous build recorded, at a fraction of the cost (their paths were
        checked when they were written). Each must be a file of the previous build's manifest."""
        if origins.keys() & self.owners.keys():  # a clash, which ``add`` reports
            for path, origin in origins.items():
                self.add(OutputFile(path, None, origin, self.previous[path]))
            return
        self.owners.update(origins)
        previous = self.previous
        self.hashes.update({path: previous[path] for path in origins})

    def add_staged(self, path: str, origin: str, digest: str, staged: str | None) -> None:
        """A file another process handled with ``add`` in this transaction (``staged``: its name in the
        staging folder when it was written there)."""
        if self._claim(path, origin):
            self.hashes[path] = digest
            if staged:
                self.moves.append((staged, path))

    def handled(self) -> list[tuple[str, str, str, str | None]]:
        """(path, origin, digest, name in the staging folder or None) of every file added: what
        ``add_staged`` takes in the process that commits."""
        staged = {path: name for name, path in self.moves}
        return [(path, origin, self.hashes[path], staged.get(path)) for path, origin in self.owners.items()]

    def _claim(self, path: str, origin: str) -> bool:
        """Paths must stay inside the output folder, and no two sources may write one path."""
        if not stays_inside(path):
            self.problems.append(Problem(origin, 0, 0, f"output path {path!r} leaves the output folder",
                                         "use a slug of letters, digits and '-'"))
        elif path in self.owners:
            self.problems.append(Problem(origin, 0, 0, f"writes {path}, which {self.owners[path]} writes too",
                                         "give one of them a distinct slug"))
        else:
            self.owners[path] = origin
            return True
        return False

    def commit(self, keep: dict[str, Any] | None = None) -> WriteReport:
        """Put every changed file in place and remove what the previous build wrote but this one did not,
        recording ``keep`` in the manifest; raises BuildFailed (aborting) on path problems."""
        stale = sorted(set(self.previous) - set(self.hashes))
        self.problems += in_the_way(self.shape, self.moves, set(stale), self.owners)
        if self.problems:
            self.abort()
            raise BuildFailed(self.problems)
        record = self.record = {"files": self.hashes, **(keep or {})}
        try:
            if record != self.manifest:
                self.staging.mkdir(parents=True, exist_ok=True)
                manifest = orjson.dumps(record, option=orjson.OPT_SORT_KEYS)
                write_new_file(self.prefix + "manifest", manifest)
                self.moves.append(("manifest", MANIFEST))
            removed = commit(self.output_dir, self.moves, stale) if self.moves or stale else 0
            for name in LEGACY:
                shutil.rmtree(self.output_dir / name, ignore_errors=True)
        except OSError as err:
            raise output_error(err, self.output_dir) from err
        written = tuple(path for _, path in self.moves if path != MANIFEST)
        paths = written + tuple(stale)
        return WriteReport(written=len(written), unchanged=len(self.hashes) - len(written), removed=removed,
                           changed=paths, previous={path: self.previous[path] for path in paths
                                                    if path in self.previous})

    def abort(self) -> None:
        """Drop what was staged: the output folder is left as the previous build wrote it."""
        shutil.rmtree(self.staging, ignore_errors=True)


class OutputShape:
    """What the output folder holds at each path, 'folder', 'file' or 'missing', each looked up once
    (a path under a missing folder or a file is missing without a look)."""

    def __init__(self, output_dir: Path):
        self.output_dir = output_dir
        self.kinds: dict[str, str] = {}

    def kind(self, path: str) -> str:
        found = self.kinds.get(path)
        if found is None:
            if path and self.kind(os.path.dirname(path)) != "folder":
                found = "missing"
            else:
                full = os.path.join(self.output_dir, path)
                found = "folder" if os.path.isdir(full) else "file" if os.path.lexists(full) else "missing"
            self.kinds[path] = found
        return found


def in_the_way(shape: OutputShape, moves: list[tuple[str, str]], stale: set[str], owners: dict[str, str]
               ) -> list[Problem]:
    """What the output holds that no rename could replace: a file where the build needs a folder, a
    folder where it writes a file. Found before the commit point, it stops the build with the output
    as it was (found after, every later build would stop there too). Files this build removes as
    stale are not in the way."""
    problems = []
    for _, path in moves:
        if path == MANIFEST:
            continue
        blocking = next((p for p in ancestors(os.path.dirname(path)) if shape.kind(p) == "file" and p not in stale),
                        None)
        if blocking is not None:
            problems.append(Problem(owners.get(path, path), 0, 0, f"writes {path}, but the output folder has a "
                                    f"file {blocking}, which this build did not write, where it needs a folder",
                                    f"move or delete {display_path(shape.output_dir / blocking, Path.cwd())}"))
        elif shape.kind(path) == "folder":
            problems.append(Problem(owners.get(path, path), 0, 0, f"writes {path}, but the output folder has a "
                                    "folder there",
                                    f"move or delete {display_path(shape.output_dir / path, Path.cwd())}"))
    return problems


def _same_size(path: str, size: int) -> bool:
    try:
        return os.stat(path).st_size == size
    except OSError:
        return False
