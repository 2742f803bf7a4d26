"""The benchmark's memory sampler: what it sums over the build's processes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bench.run import HAS_SMAPS_ROLLUP, TreeMemory, _pss

pytestmark = pytest.mark.skipif(not HAS_SMAPS_ROLLUP, reason="the kernel gives no PSS (smaps_rollup)")


def test_a_process_that_has_exited_counts_nothing_not_its_rss_from_the_listing():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # reaped: its pid reads as no process
    assert _pss(child.pid, rss=600 * 1024**2) == 0


def test_a_running_process_counts_its_pss():
    own = _pss(os.getpid(), rss=0)
    assert 0 < own
    sampler = TreeMemory(os.getpid())
    rss, pss = sampler.tree_memory()
    assert 0 < pss <= rss
