"""Forked work gives what the same work gives on one process: results in order, errors raised alike."""

from __future__ import annotations

import os
import time

import pytest

from site_builder.incremental import parallel
from site_builder.incremental.parallel import fork_map, on_each, start_helper

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="forking needs a POSIX system")


def slow_square(item: int) -> tuple[int, int]:
    time.sleep(0.001)
    return item * item, os.getpid()


@pytest.mark.parametrize("count", [8, 9, 250])
def test_fork_map_gives_every_result_in_order_from_several_processes(count):
    results = fork_map(slow_square, list(range(count)), workers=3)
    assert [value for value, _ in results] == [n * n for n in range(count)]
    if count > 100:  # a few items may all be taken before another process starts
        assert len({pid for _, pid in results}) > 1, "the items should have been shared out"


def test_fork_map_takes_more_items_than_it_has_tickets(monkeypatch):
    monkeypatch.setattr(parallel, "MAX_RUNS", 7)
    assert fork_map(lambda n: n + 1, list(range(100)), workers=2) == list(range(1, 101))


def test_an_item_that_fails_raises_its_error_here_wherever_it_was_taken():
    def fail_on_13(item: int) -> int:
        if item == 13:
            raise ValueError("item 13")
        time.sleep(0.001)
        return item

    for _ in range(3):  # whichever process takes item 13
        with pytest.raises(ValueError, match="item 13"):
            fork_map(fail_on_13, list(range(60)), workers=2)


def test_the_items_of_a_worker_that_dies_are_computed_here():
    parent = os.getpid()

    def die_in_a_worker(item: int) -> int:
        time.sleep(0.001)
        if os.getpid() != parent and item >= 20:
            os._exit(3)
        return -item

    assert fork_map(die_in_a_worker, list(range(80)), workers=2) == [-n for n in range(80)]


def test_on_each_runs_every_share_in_a_process_of_its_own():
    pids = on_each(lambda number: (number, os.getpid()), 3)
    assert [number for number, _ in pids] == [0, 1, 2]
    assert pids[0][1] == os.getpid() and len({pid for _, pid in pids}) == 3


def test_fork_map_deals_no_more_tickets_than_its_pipe_holds(monkeypatch):
    """A pipe may hold as little as 8 kB (Linux, for a user with many pipes): the tickets, all written
    before any worker reads one, must fit, or the write would wait for ever."""
    monkeypatch.setattr(parallel, "_pipe_size", lambda descriptor, wanted=None: 32)  # eight tickets
    assert [value for value, _ in fork_map(slow_square, list(range(100)), workers=2)] == [n * n for n in range(100)]


def open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0


def test_a_worker_that_cannot_be_started_leaves_its_share_here(monkeypatch):
    real_fork = parallel._fork
    started = []

    def fork_once(work):
        if started:
            raise OSError(11, "Resource temporarily unavailable")
        started.append(1)
        return real_fork(work)

    monkeypatch.setattr(parallel, "_fork", fork_once)
    before = open_descriptors()
    assert [value for value, _ in fork_map(slow_square, list(range(60)), workers=3)] == [n * n for n in range(60)]
    started.clear()
    assert [number for number, _ in on_each(lambda number: (number, os.getpid()), 3)] == [0, 1, 2]
    assert open_descriptors() == before, "every pipe should have been closed"


def test_a_helper_computes_in_another_process_while_this_one_goes_on():
    def produce():
        yield "squares", [slow_square(n) for n in range(30)]
        yield "skipped", None
        yield "pid", os.getpid()

    work = start_helper(produce)
    meanwhile = sum(range(1000))  # this process is free meanwhile
    squares, pid = work.take("squares"), work.take("pid")
    assert work.take("pid") is None, "it gave every value it had"
    work.finish()
    assert meanwhile == 499500
    assert [value for value, _ in squares] == [n * n for n in range(30)]
    assert pid != os.getpid() and {p for _, p in squares} == {pid}, "the values should have been computed elsewhere"


def test_a_helper_gives_what_was_computed_before_its_process_failed_or_was_stopped():
    before = open_descriptors()

    def fail_after_one():
        yield "value", "first"
        raise ValueError("second")

    work = start_helper(fail_after_one)
    assert (work.take("value"), work.take("value"), work.take("value")) == ("first", None, None)
    work.close()

    def slowly():
        while True:
            time.sleep(0.01)
            yield "one", 1

    work = start_helper(slowly)
    assert work.take("one") == 1
    work.close()  # stopped and reaped
    assert work.take("one") is None
    assert open_descriptors() == before, "every pipe should have been closed"
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no process left unreaped


def test_a_helper_starts_nothing_on_one_core(monkeypatch):
    monkeypatch.setattr(parallel, "workers_available", lambda: 1)
    work = start_helper(lambda: iter([("one", 1)]))
    assert work.take("one") is None
    work.close()


def test_a_helper_stopped_leaves_no_file_half_written(tmp_path):
    from site_builder.incremental.cache import _write_shard

    def write_for_ever():
        yield "started", True
        while True:
            _write_shard(tmp_path / "kept.whole", list(range(200_000)))

    work = start_helper(write_for_ever)
    assert work.take("started")
    time.sleep(0.2)
    work.close()
    assert [path.name for path in tmp_path.iterdir()] == ["kept.whole"], "a temporary file was left behind"
