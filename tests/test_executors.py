"""Executors: the per-article stage in this process, on a local process pool, on a Dask cluster."""

from __future__ import annotations

import pickle
import subprocess
import sys
import threading

import pytest

from builder.corpus import read_corpus
from builder.extract import executors
from builder.extract.executors import (
    BATCH_SIZE,
    ExecutorError,
    batch_plan,
    pool_context,
    pool_pays,
    run_dask,
    run_executor,
    run_process_pool,
    run_serial,
)
from builder.extract.nlp import DEFAULT_MODEL, load_pipeline
from builder.settings import RunSettings

TEXTS = [
    "Governor Ilse Marwick said on Monday that 250 soldiers had reached Caldera Springs.",
    " date 2022-11-08 The Coastal Authority of Brenmark detained 14 smugglers near Oster Point on Sunday.",
    "More than 1,000 residents of Lindqvist Bay were evacuated in May 2020, the Red Cross said.",
]


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    for number, text in enumerate(TEXTS):
        (folder / f"article-{number}.txt").write_text(text, encoding="utf-8")
    return read_corpus(folder).documents


@pytest.fixture(scope="module")
def serial(documents):
    return dict(run_serial(documents, DEFAULT_MODEL))


@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("dask.distributed")
    cluster = distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=None,
    )
    yield cluster
    cluster.close()


@pytest.mark.parametrize("count", [0, 1, 7, 37, 100, 1000])
def test_batches_cover_every_article_once_and_shrink_towards_the_end(count):
    parts = batch_plan(count, workers=2)
    assert [i for part in parts for i in part] == list(range(count))
    sizes = [len(part) for part in parts]
    assert sizes == sorted(sizes, reverse=True)
    assert all(1 <= size <= BATCH_SIZE for size in sizes)
    if count >= 100:  # full batches while many are left; the last ones a single article each
        assert sizes[0] == BATCH_SIZE and sizes[-3:] == [1, 1, 1]
    for number, size in enumerate(sizes):  # never more than half of what is left per worker
        assert size == 1 or size <= sum(sizes[number:]) / (2 * 2)


def test_serial_results_come_in_order(documents, serial):
    assert [serial[i].doc_id for i in range(len(documents))] == [d.id for d in documents]
    assert any(extraction.mentions for extraction in serial.values())


def test_process_pool_gives_the_serial_results(documents, serial):
    assert dict(run_process_pool(documents, DEFAULT_MODEL, jobs=2)) == serial


def test_workers_are_forked_with_the_model_loaded_when_no_other_thread_runs():
    """In a process of its own, as `dossier` runs: no other thread, so the workers are forked."""
    script = (
        "import threading\n"
        "from builder.extract.executors import pool_context\n"
        "from builder.extract.nlp import load_pipeline\n"
        "assert threading.active_count() == 1\n"
        f"print(pool_context({DEFAULT_MODEL!r}).get_start_method(), load_pipeline.cache_info().currsize)\n"
    )
    output = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    assert output.split() == ["fork", "1"]  # the model loaded here, before the fork, for every worker


def test_the_warm_up_loads_everything_the_extraction_loads_once():
    """After the warm-up, every loader of the extraction's data has run, and one pipeline is loaded.

    In a fresh process: a loader left for later runs again in every forked worker (a worker
    once loaded the whole model a second time for the verb lemmas). The loaders:
    ``extraction_loaders``.
    """
    script = (
        "from builder.extract.executors import extraction_loaders, warm_up\n"
        "from builder.extract.nlp import load_pipeline\n"
        f"warm_up({DEFAULT_MODEL!r})\n"
        "loaders = extraction_loaders()\n"
        "print(len(loaders), sorted(n for n, f in loaders.items() if not f.cache_info().currsize),\n"
        "      load_pipeline.cache_info().currsize)\n"
    )
    output = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    count, rest = output.split(" ", 1)
    assert int(count) >= 8  # the word lists, the gazetteer, the language detector, the verb lemmas...
    assert rest.split() == ["[]", "1"]


def test_the_warm_up_article_asks_the_language_detector():
    """The article run before forking reaches every step, the detector's models included."""
    from builder.corpus import split_paragraphs
    from builder.extract.executors import WARM_UP_TEXT, extract_guarded
    from builder.model import Document

    paragraphs = split_paragraphs(WARM_UP_TEXT)
    document = Document("warm-up", "", "", WARM_UP_TEXT, "2024-01-08", "dateline", paragraphs)
    (extraction,) = extract_guarded(load_pipeline(DEFAULT_MODEL), [document])
    assert extraction.unread_paragraphs == (1,)  # the French one: the detector was asked
    assert extraction.mentions and extraction.figures and extraction.times


def test_workers_are_spawned_clean_while_another_thread_runs():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert pool_context(DEFAULT_MODEL).get_start_method() == "spawn"
    finally:
        stop.set()
        other.join()


def test_spawned_workers_give_the_serial_results(documents, serial, monkeypatch):
    import multiprocessing

    monkeypatch.setattr(executors, "pool_context", lambda model: multiprocessing.get_context("spawn"))
    assert dict(run_process_pool(documents, DEFAULT_MODEL, jobs=2)) == serial


def test_the_pool_starts_where_it_pays():
    """Forked workers pay from 16 articles; spawned ones, which load the model first, from 48."""
    assert not pool_pays(1_000, 1, "fork")
    assert not pool_pays(15, 2, "fork") and pool_pays(16, 2, "fork")
    assert not pool_pays(47, 2, "spawn") and pool_pays(48, 2, "spawn")


def test_small_corpora_stay_in_process(documents, monkeypatch):
    monkeypatch.setattr(executors, "run_process_pool", lambda *a, **k: pytest.fail("pool started"))
    assert len(dict(run_executor(documents, RunSettings(jobs=4)))) == len(documents)


@pytest.mark.leaves_threads
def test_dask_cluster_gives_the_serial_results(documents, serial, dask_cluster):
    assert dict(run_dask(documents, DEFAULT_MODEL, dask_cluster.scheduler_address, jobs=1)) == serial


@pytest.mark.leaves_threads
def test_dask_refuses_workers_with_other_extraction_code(documents, dask_cluster, monkeypatch):
    monkeypatch.setattr(executors, "stage_fingerprint", lambda: "another-version")
    with pytest.raises(ExecutorError, match="different version"):
        list(run_dask(documents, DEFAULT_MODEL, dask_cluster.scheduler_address, jobs=1))


@pytest.mark.leaves_threads
def test_unreachable_scheduler_is_a_clear_error(documents, monkeypatch):
    monkeypatch.setattr(executors, "SCHEDULER_TIMEOUT", "1s")
    with pytest.raises(ExecutorError, match="cannot reach the Dask scheduler"):
        list(run_dask(documents, DEFAULT_MODEL, "tcp://127.0.0.1:9", jobs=1))


def test_unknown_executor_is_refused(documents):
    with pytest.raises(ExecutorError, match="unknown executor"):
        run_executor(documents, RunSettings(executor="cloud"))


def test_a_few_articles_go_to_one_forked_worker_while_the_build_does_its_own_work(
    documents, serial, tmp_path
):
    """Too few articles for a pool, with work of the build's own to do: one forked worker loads
    the model and extracts them while that work runs here, and this process never imports spaCy.

    In a process of its own, as `dossier build` runs (no other thread, spaCy not imported).
    """
    script = (
        "import multiprocessing, pickle, sys\n"
        "from pathlib import Path\n"
        "from builder.corpus import read_corpus\n"
        "from builder.extract.executors import extract_corpus\n"
        "from builder.settings import RunSettings\n"
        "seen = []\n"
        "def meanwhile():\n"
        "    seen.append(len(multiprocessing.active_children()))\n"
        f"documents = read_corpus(Path({str(tmp_path)!r})).documents\n"
        "result = extract_corpus(documents, RunSettings(jobs=2, use_cache=False), meanwhile=meanwhile)\n"
        f"Path({str(tmp_path / 'out.pickle')!r}).write_bytes(pickle.dumps(result.extractions))\n"
        "print(seen, 'spacy' in sys.modules)\n"
    )
    for number, text in enumerate(TEXTS):
        (tmp_path / f"article-{number}.txt").write_text(text, encoding="utf-8")
    output = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    # The build's work ran once, while the worker was there; spaCy was never imported here.
    assert output.split() == ["[1]", "False"]
    extractions = pickle.loads((tmp_path / "out.pickle").read_bytes())
    assert extractions == [serial[i] for i in range(len(documents))]


def test_without_a_second_job_or_work_of_its_own_a_few_articles_stay_in_process(documents, monkeypatch):
    monkeypatch.setattr(executors, "run_beside", lambda *a, **k: pytest.fail("worker started"))
    called = []
    assert len(dict(run_executor(documents, RunSettings(jobs=1), meanwhile=lambda: called.append(1)))) == 3
    assert len(dict(run_executor(documents, RunSettings(jobs=2)))) == 3
    assert called == []  # with one job, the build's work is left for later: nothing to overlap it with


def test_a_pool_keeps_every_core_for_the_extraction(documents, serial, monkeypatch):
    """With a pool, the build's own work is not run meanwhile: it would slow the workers down."""
    handed = []

    def pool(*args, **kwargs):
        handed.extend([*args, *kwargs.values()])
        return iter(serial.items())

    monkeypatch.setattr(executors, "pool_pays", lambda *a: True)
    monkeypatch.setattr(executors, "run_process_pool", pool)
    meanwhile = lambda: pytest.fail("run beside a pool")  # noqa: E731
    assert dict(run_executor(documents, RunSettings(jobs=2), meanwhile=meanwhile)) == serial
    assert meanwhile not in handed  # nor handed to the pool to run later
