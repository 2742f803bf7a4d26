"""The bench's timing helpers: CPU time that counts spaCy's unwaited workers, a cold extraction again."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

from bench import run
from builder.extract.nlp import DEFAULT_MODEL, load_pipeline
from builder.values.countries import gazetteer


def _burn(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def _state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def test_cpu_time_counts_a_child_that_ended_unwaited():
    """As spaCy's ``nlp.pipe`` workers do: they end once the texts run out, and nobody waits for them."""
    before = run._cpu_seconds()  # noqa: SLF001 - the helper under test
    child = multiprocessing.get_context("fork").Process(target=_burn, args=(0.4,))
    child.start()
    while _state(child.pid) != "Z":  # ended, not yet waited for (is_alive would wait)
        time.sleep(0.05)
    assert run._cpu_seconds() - before >= 0.35  # noqa: SLF001


def test_a_second_extraction_loads_its_data_again_but_not_the_model():
    nlp = load_pipeline(DEFAULT_MODEL)
    gazetteer()
    assert gazetteer.cache_info().currsize == 1
    run._unload_extraction_data()  # noqa: SLF001 - the helper under test
    assert gazetteer.cache_info().currsize == 0
    assert load_pipeline(DEFAULT_MODEL) is nlp
