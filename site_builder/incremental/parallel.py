"""Work spread over the machine's cores by forking: a forked worker starts with the parent's memory, so
the work and everything it needs reach it without being pickled; only each result comes back, pickled
through a pipe.

A process that runs threads (`serve` does) works alone: a fork copies only the thread that forks, with
whatever locks the others held at that moment.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from typing import Any, BinaryIO, Callable, Iterable

from site_builder import progress

MIN_ITEMS = 8
"""Fewer items than this are not worth a fork: forking a process that holds a big archive's cache costs
as much as cleaning a few articles (a daily build's new articles are still cleaned sooner forked)."""


def workers_available() -> int:
    """The cores this process may use (cgroup and affinity limits included)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def fork_map(function: Callable[[Any], Any], items: list, workers: int | None = None,
             min_items: int = MIN_ITEMS) -> list:
    """``[function(item) for item in items]``, computed by ``workers`` processes (this one included), each
    taking the next run of items whenever it is free, so that none waits for another at the end (one of a
    cold build's articles may take many times as long as another, and a forked worker is slower than this
    process). A worker that fails hands back nothing: this process computes what it took again, so an error
    is raised here as in a serial run (when several items fail, not always the first one's)."""
    workers = min(workers or workers_available(), len(items))
    if workers < 2 or len(items) < min_items or not can_fork():
        return [function(item) for item in items]
    reader, writer = os.pipe()
    # Every ticket is in the pipe before a worker takes one, so there may be no more than it holds; each
    # read takes one whole (4 bytes of a pipe that holds only whole tickets), and an empty pipe with no
    # writer left says there are no more.
    count = min(len(items), MAX_RUNS, _pipe_size(writer) // 4)
    runs = [(len(items) * n // count, len(items) * (n + 1) // count) for n in range(count)]
    try:
        _write_all(writer, b"".join(number.to_bytes(4, "little") for number in range(count)))
    finally:
        os.close(writer)

    def take_runs(_: object = None) -> list[tuple[int, list]]:
        taken = []
        while ticket := os.read(reader, 4):
            first, last = runs[int.from_bytes(ticket, "little")]
            taken.append((first, [function(item) for item in items[first:last]]))
            progress.advance((last - first) * workers)  # this process's runs stand for every worker's
        return taken

    try:
        children = _start_some(take_runs, [[None]] * (workers - 1))
        try:
            taken = take_runs()
        except BaseException:
            _stop(children)
            raise
    finally:
        os.close(reader)
    for pid, child in children:
        share = _collect(pid, child)
        taken += share[0] if share is not None else []
    results: list = [None] * len(items)
    done = set()
    for first, values in taken:
        results[first:first + len(values)] = values
        done.add(first)
    for first, last in runs:  # taken by a worker that failed
        if first not in done:
            results[first:last] = [function(item) for item in items[first:last]]
    return results


MAX_RUNS = 4096
"""Runs of items a ``fork_map`` deals out at most (when its pipe holds their tickets: 16 kB)."""


def on_each(function: Callable[[int], Any], workers: int) -> list:
    """``[function(number) for number in range(workers)]``, each call in a process of its own (number 0
    in this one): for work split in fixed shares, where each process must do its own. A share whose
    process fails, or could not be started, is computed in this one."""
    if workers < 2 or not can_fork():
        return [function(number) for number in range(workers)]
    children = _start_some(function, [[number] for number in range(1, workers)])
    try:
        results = [function(0)]
    except BaseException:
        _stop(children)
        raise
    for number in range(1, workers):
        share = _collect(*children[number - 1]) if number <= len(children) else None
        results.append(share[0] if share is not None else function(number))
    return results


class Helper:
    """A forked process computing beside this one (see ``start_helper``): its values, read one at a time
    when this process needs them."""

    def __init__(self, pid: int | None = None, reader: int | None = None):
        self.pid = pid
        self.incoming = os.fdopen(reader, "rb") if reader is not None else None

    def take(self, kind: str) -> Any:
        """The next value of ``kind`` (those of other kinds before it are passed over); None when there is
        none: that process failed, or gave every value it had."""
        while self.incoming is not None:
            try:
                found, value = pickle.load(self.incoming)
            except Exception:  # ended, or failed midway: what is missing is computed here
                self.close()
                return None
            if found == kind:
                return value
        return None

    def finish(self) -> None:
        """Let that process end once it has done its work (it gives nothing more), and reap it."""
        self._end(stop=False)

    def close(self) -> None:
        """Stop that process if it is still at work, and reap it. It is stopped as by an error, not killed,
        so that a file it was writing is never left half written in place."""
        self._end(stop=True)

    def _end(self, stop: bool) -> None:
        if self.incoming is not None:
            self.incoming.close()
            self.incoming = None
            if stop:
                os.kill(self.pid, signal.SIGTERM)  # nothing if it has ended: it stays to be reaped until then
            os.waitpid(self.pid, 0)


def start_helper(produce: Callable[[], Iterable[tuple[str, Any]]]) -> Helper:
    """Start ``produce()`` in a forked process, while this one goes on with other work; the values it
    yields, each as (kind, value), come back one by one (``Helper.take``). Finish or close what it returns
    once done with it. On one core, or where forking is not safe, nothing is started, and nothing comes
    back."""
    if workers_available() < 2 or not can_fork():
        return Helper()

    def send(out: BinaryIO) -> None:
        signal.signal(signal.SIGTERM, _stopped)
        for kind, value in produce():
            pickle.dump((kind, value), out, protocol=pickle.HIGHEST_PROTOCOL)
            out.flush()

    try:
        return Helper(*_spawn(send))
    except OSError:
        return Helper()


def _stopped(signal_number: int, frame: Any) -> None:
    raise SystemExit(1)


def _pipe_size(descriptor: int, wanted: int | None = None) -> int:
    """How many bytes the pipe holds, made ``wanted`` first when given. Only Linux tells or changes it:
    elsewhere, or when refused (a lower limit), 4 kB is said, which every pipe holds."""
    try:
        import fcntl
        if wanted:
            return fcntl.fcntl(descriptor, fcntl.F_SETPIPE_SZ, wanted)
        return fcntl.fcntl(descriptor, fcntl.F_GETPIPE_SZ)
    except (ImportError, AttributeError, OSError):
        return 4096


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view):]


def _start_some(function: Callable[[Any], Any], shares: list[list]) -> list[tuple[int, int]]:
    """A process for each share, in order, as many as can be started (out of processes or descriptors,
    the rest is computed here)."""
    children = []
    for share in shares:
        try:
            children.append(_start(function, share))
        except OSError:
            break
    return children


def _stop(children: list[tuple[int, int]]) -> None:
    for pid, reader in children:
        os.kill(pid, signal.SIGKILL)
        os.close(reader)
        os.waitpid(pid, 0)


def can_fork() -> bool:
    """Whether this process may fork a worker (see the module docstring)."""
    return hasattr(os, "fork") and threading.active_count() == 1


def _fork(work: Callable[[], Any]) -> int:
    """A forked process that does ``work`` and leaves without running the parent's exit handlers, its
    status telling whether ``work`` succeeded; returns its pid."""
    pid = os.fork()
    if pid == 0:
        status = 0
        try:
            work()
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    return pid


def _start(function: Callable[[Any], Any], share: list) -> tuple[int, int]:
    return _spawn(lambda out: pickle.dump([function(item) for item in share], out, protocol=pickle.HIGHEST_PROTOCOL))


def _spawn(send: Callable[[BinaryIO], Any]) -> tuple[int, int]:
    """A forked process that writes what it computes with ``send(out)`` into a pipe: its pid, and the end
    of the pipe to read."""
    reader, writer = os.pipe()
    _pipe_size(writer, 1 << 20)  # rather than 64 kB: a cold build's articles come over faster

    def compute_and_send() -> None:
        os.close(reader)
        with os.fdopen(writer, "wb") as out:
            send(out)

    try:
        pid = _fork(compute_and_send)
    except BaseException:
        os.close(reader)
        raise
    finally:
        os.close(writer)
    return pid, reader


def _collect(pid: int, reader: int) -> list | None:
    """A worker's results, or None when it failed."""
    with os.fdopen(reader, "rb") as incoming:
        try:
            share = pickle.load(incoming)
        except Exception:
            share = None
    _, status = os.waitpid(pid, 0)
    return share if status == 0 else None


def in_background(function: Callable[[], Any]) -> Callable[[], None]:
    """Run ``function`` in a forked process beside this one, for its effects only (nothing comes back);
    returns what waits for it to end (at once, after the first time). Run here at once where a fork is not
    safe or not possible."""
    try:
        pid = _fork(function) if can_fork() else None
    except OSError:
        pid = None
    if pid is None:
        function()
        return lambda: None
    running = [pid]

    def wait() -> None:
        while running:
            os.waitpid(running[-1], 0)  # forgotten only once reaped: a wait interrupted is waited again
            running.pop()
    return wait
