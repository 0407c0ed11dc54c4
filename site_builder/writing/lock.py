"""One writer at a time: an OS file lock per output folder, and one for the site's cache folder.

The write stage is a transaction for one process; two builds into one folder at once (a cron job and a
curator, a `build` beside a running `serve`) would interleave their renames. Each command that writes
takes the lock of the folder it writes (and of the cache when it reads and saves it) for as long as
it writes. The locks are `flock` locks on files in the site's work folder, never in the output folder
(which gets published): the kernel drops one when its process ends, however it ends, so a killed build
never leaves a stale lock. The lock file holds the holder's pid and command, for the message of the
process that waits.
"""

from __future__ import annotations

import fcntl
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from site_builder.config import SiteConfig, display_path
from site_builder.errors import SiteBuilderError
from site_builder.digest import sha256


class Busy(SiteBuilderError):
    """Another process holds the lock and the caller asked not to wait."""


def output_lock_path(config: SiteConfig) -> Path:
    """The lock file of the site's output folder: named by the folder's absolute path, so every command
    writing that folder takes the same lock."""
    name = sha256(str(config.output_dir.resolve()).encode("utf-8", "surrogateescape"))[:20]
    return config.work_dir / "locks" / f"output-{name}.lock"


def cache_lock_path(config: SiteConfig) -> Path:
    return config.work_dir / "locks" / "cache.lock"


def writing(config: SiteConfig, what: str, wait: bool = True, cache: bool = True):
    """The locks of a command that writes the output folder of ``config`` (and, with ``cache``, reads and
    saves the cache folder): output first, then cache, always in that order."""
    return holding([output_lock_path(config)] + ([cache_lock_path(config)] if cache else []), what, wait)


@contextmanager
def holding(paths: list[Path], what: str, wait: bool = True,
            say: Callable[[str], None] = lambda line: print(line, file=sys.stderr)) -> Iterator[None]:
    """Hold the locks at ``paths`` (always taken in this order) while the block runs. Without ``wait``, a
    lock another process holds raises Busy at once; with it, ``say`` tells once whom this one waits for."""
    taken = []
    try:
        for path in paths:
            key = str(path)
            if key not in _HELD:  # a deploy holds the lock its build takes again
                _HELD[key] = _take(path, what, wait, say)
                taken.append(key)
        yield
    finally:
        for key in reversed(taken):
            os.close(_HELD.pop(key))  # closing releases the lock


_HELD: dict[str, int] = {}
"""Lock file -> its descriptor, for the locks this process holds."""


def _take(path: Path, what: str, wait: bool, say: Callable[[str], None]) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise SiteBuilderError(f"{display_path(path, Path.cwd())}: cannot make the lock that keeps two builds "
                               f"apart ({err.strerror}); check the permissions of the site's .site-builder "
                               "folder") from err
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _holder(handle)
        if not wait:
            os.close(handle)
            raise Busy(f"{holder} is writing the same folder; run again when it ends (or without --no-wait "
                       "to wait for it)") from None
        say(f"waiting for {holder} …")
        fcntl.flock(handle, fcntl.LOCK_EX)
    os.ftruncate(handle, 0)
    os.pwrite(handle, f"{os.getpid()} {what}\n".encode(), 0)
    return handle


def _holder(handle: int) -> str:
    """Who holds the lock, as its file says: 'the build running as pid 4242'."""
    try:
        pid, _, what = os.pread(handle, 200, 0).decode("utf-8", "replace").strip().partition(" ")
    except OSError:
        pid, what = "", ""
    if not pid.isdigit():
        return "another site-builder process"
    return f"the {what or 'build'} running as pid {pid}"
