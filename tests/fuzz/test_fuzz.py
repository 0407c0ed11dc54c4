"""A short fuzzing run of every target, a few seconds each (the long run: tests/fuzz/run.py)."""

from __future__ import annotations

import os

import pytest

import targets

EXAMPLES = int(os.environ.get("SITE_BUILDER_FUZZ_EXAMPLES", "300"))


@pytest.mark.parametrize("target", list(targets.fuzz_targets()))
def test_no_input_makes_the_target_crash_or_break_its_promise(target):
    targets.fuzz(target, EXAMPLES)
