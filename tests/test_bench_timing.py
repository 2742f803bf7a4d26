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


def test_the_parse_baseline_parses_every_text_in_the_pools_workers(tmp_path):
    """``parse_in_pool`` parses each text once, in forked workers when asked for two processes."""
    import os

    import spacy
    from spacy.language import Language

    seen = tmp_path / "seen"

    @Language.component("note_the_process")
    def note_the_process(doc):
        with seen.open("a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {doc.text}\n")
        return doc

    nlp = spacy.blank("en")
    nlp.add_pipe("note_the_process")
    texts = [f"Text number {n}." for n in range(40)]
    assert run.parse_in_pool(nlp, texts, 2) == 40
    noted = [line.split(" ", 1) for line in seen.read_text(encoding="utf-8").splitlines()]
    assert sorted(text for _, text in noted) == sorted(texts)
    assert str(os.getpid()) not in {pid for pid, _ in noted}
    seen.unlink()
    assert run.parse_in_pool(nlp, texts, 1) == 40
    assert {line.split(" ", 1)[0] for line in seen.read_text(encoding="utf-8").splitlines()} == {
        str(os.getpid())
    }
