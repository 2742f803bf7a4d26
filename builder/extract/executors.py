"""Where the per-article stage runs: here, on a pool of local processes, or on a Dask cluster.

The unit of work is a batch of articles: each batch is parsed with
``nlp.pipe`` and extracted where it runs, and only the small
``ArticleExtraction`` records travel back. Each worker loads the spaCy
model once. ``extract_corpus`` puts the cache in front of the executors:
only articles without a valid cache entry are sent out, and the
cross-article stages get every article's extraction in corpus order.

No article stops the others: one whose parse or extraction raises comes back
as an ``ArticleFailure`` (the error in one line), is reported and left out.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import inspect
import logging
import multiprocessing
import os
import pkgutil
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from typing import TYPE_CHECKING, NamedTuple

from builder.collector import collector_paused, settle, unsettle
from builder.extract.cache import (
    ExtractionCache,
    article_key,
    model_identity,
    pipeline_identity,
    stage_fingerprint,
)
from builder.faults import describe_error, exit_with_parent
from builder.forked import fork_is_safe
from builder.model import ArticleExtraction, Document
from builder.settings import RunSettings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from builder.extract.nlp import Piece

log = logging.getLogger("dossier")

EXECUTORS = ("local", "dask")
# Articles per unit of work: enough for nlp.pipe to batch, small enough to spread.
BATCH_SIZE = 16
# Near the end, a batch is at most 1 / TAIL_SHARE of the articles left per worker (``batch_plan``).
TAIL_SHARE = 2
# Below this many articles to extract (a long article counts its pieces), starting worker
# processes costs more than it saves. A forked worker starts in milliseconds with the model
# loaded (two forked workers, on a shared machine: 0.83 and 1.18 of the serial time at 8
# articles, 0.52 and 0.81 at 16). A spawned worker imports spaCy and loads the model first,
# seconds that only a larger corpus repays.
POOL_MIN_ARTICLES = {"fork": 16, "spawn": 48}
# How long to wait for a Dask scheduler to answer.
SCHEDULER_TIMEOUT = "30s"
# Progress lines in the log: about this many over a long extraction.
PROGRESS_LINES = 10

Progress = Callable[[int], None]


@dataclass(frozen=True)
class ArticleFailure:
    """An article the per-article stage raised on: reported on the build report and left out."""

    doc_id: str
    error: str  # one line: the error and where in the builder it was raised


# What the stage gives back for one article.
Outcome = ArticleExtraction | ArticleFailure


class CorpusExtraction(NamedTuple):
    """Every article's extraction in corpus order, the model's ``name-version``, the articles that failed."""

    extractions: list[ArticleExtraction]
    model_id: str
    failures: list[ArticleFailure]


class ExecutorError(RuntimeError):
    """The executor cannot run (no Dask installed, scheduler unreachable, workers out of date)."""


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extract_batch(documents: Sequence[Document], model_name: str) -> list[Outcome]:
    """Parse and extract a batch of articles in this process (the unit of work everywhere)."""
    from builder.extract.nlp import load_pipeline

    return list(extract_guarded(load_pipeline(model_name), documents))


def extract_guarded(nlp: Language, documents: Sequence[Document]) -> Iterator[Outcome]:
    """Each document parsed and extracted, in order; one that raises gives an ``ArticleFailure``.

    The parse streams the batch through ``nlp.pipe``, a long article in pieces; if it stops
    on some article, the rest are parsed one at a time, so that only the article at fault is lost.
    """
    from builder.extract.nlp import parse_pieces

    done = 0
    try:
        for outcome in _extracted_pieces(parse_pieces(nlp, documents)):
            yield outcome
            done += 1
    except Exception:  # noqa: BLE001 - which article broke the batch is found below
        for document in documents[done:]:
            try:
                (outcome,) = _extracted_pieces(parse_pieces(nlp, [document]))
            except Exception as error:  # noqa: BLE001 - this one article is reported and left out
                yield ArticleFailure(document.id, describe_error(error))
                continue
            yield outcome


def _extracted_pieces(parsed: Iterator[tuple[Piece, Doc]]) -> Iterator[Outcome]:
    """Each article's outcome once its last piece is extracted; a piece that raises fails its article.

    A piece's Doc is let go as soon as its records are taken: a long article never holds
    more than one batch of pieces.
    """
    from builder.extract.article import joined, moved

    parts: list[tuple[ArticleExtraction, int]] = []
    failure: ArticleFailure | None = None
    for piece, doc in parsed:
        if failure is None:
            outcome = _extracted(piece.document, doc)
            if isinstance(outcome, ArticleFailure):
                failure = outcome
            else:
                parts.append((moved(outcome, piece.offset), piece.first_paragraph))
        if piece.last:
            yield failure or joined(piece.document.id, parts)
            parts, failure = [], None


def _extracted(document: Document, doc: Doc) -> Outcome:
    from builder.extract.article import extract_article

    try:
        return extract_article(document, doc)
    except Exception as error:  # noqa: BLE001 - one article never stops the build: reported instead
        return ArticleFailure(document.id, describe_error(error))


def batch_plan(count: int, workers: int) -> list[range]:
    """The batches ``count`` articles (or pieces) go to ``workers`` in: ``BATCH_SIZE`` while
    many are left, then smaller and smaller, down to one.

    A worker takes the next batch when it is done with one, so the last batch to start is the
    one the others may wait for: cut evenly (12 articles for 100 on two workers), one worker
    sat idle 0.34 s while the other ran the last batch (traced). No batch is more than
    1 / ``TAIL_SHARE`` of what is left per worker, so the last ones are short.
    """
    plan: list[range] = []
    start = 0
    while start < count:
        size = max(1, min(BATCH_SIZE, (count - start) // (workers * TAIL_SHARE)))
        plan.append(range(start, start + size))
        start += size
    return plan


def run_serial(documents: Sequence[Document], model_name: str) -> Iterator[tuple[int, Outcome]]:
    """Extract in this process, streaming ``nlp.pipe``."""
    from builder.extract.nlp import load_pipeline

    yield from enumerate(extract_guarded(load_pipeline(model_name), documents))


def _start_worker(model_name: str) -> None:
    # A worker whose build is killed ends with it instead of running on as an orphan.
    exit_with_parent()
    # A forked worker starts with the collector as the build had it, paused while the
    # extractions arrive (``extract_corpus``): a worker runs its own, over its own objects
    # (the model, loaded before the fork, is kept out of them: ``pool_context``).
    gc.enable()
    # Pay the model load once per worker, before the first batch arrives (a forked
    # worker has it already, from the parent).
    from builder.extract.nlp import load_pipeline

    load_pipeline(model_name)


def start_method() -> str:
    """How the pool's workers start: "fork" (from this process, the model loaded) where that is safe.

    A forked worker starts with the parent's pipeline and imported extractors, at no cost
    (spaCy's own ``nlp.pipe(n_process=...)`` forks the loaded pipeline the same way); a
    spawned one imports spaCy and loads the model before its first article, seconds of
    each worker's time that a small corpus never earns back. A fork copies only the thread
    that forks, so with another Python thread running (``mkdocs serve``'s web server, a
    progress monitor) a lock it held would stay held in every worker: then workers are
    spawned, clean. (numpy's BLAS threads, native, shut down and restart around a fork.)
    """
    return "fork" if fork_is_safe() else "spawn"


def pool_context(model_name: str) -> BaseContext:
    """The multiprocessing context the pool starts its workers with; before a fork, the model is loaded."""
    method = start_method()
    if method == "fork":
        warm_up(model_name)
        # The model and the extractors' data live as long as the workers: out of the collector's
        # passes in each of them, which would otherwise also copy the pages they touch (the
        # fork shares them until written to; Python's gc documentation advises this).
        settle()
    log.debug("extraction workers start by %s (threads: %s)", method, threading.enumerate())
    return multiprocessing.get_context(method)


# An invented article that takes every step of the extraction, a paragraph in French included
# (the language detector loads its models on the first paragraph it is asked about) and a
# counted noun the word lists miss ("marchers": the verb lemmas, to tell an agent noun).
WARM_UP_TEXT = (
    "Interior Minister Mara Quinlan said on Monday that 1,200 police officers had been sent to "
    "Port Evel, Valdoria, after 12 people were killed and 300 marchers were detained.\n\n"
    "Les autorités ont annoncé lundi que quarante policiers étaient arrivés dans la ville.\n"
)


def warm_up(model_name: str) -> None:
    """Load the model and everything the extraction loads on first use, here, once for every worker.

    Run before forking: the pipeline, the extractors' modules, the gazetteer and word lists,
    and the language detector's models (seconds to load, in each process that meets a
    paragraph it must ask about) are then in every worker from the start.
    """
    from builder.corpus import split_paragraphs
    from builder.extract.nlp import load_pipeline

    document = Document(
        "warm-up", "", "", WARM_UP_TEXT, "2024-01-08", "dateline", split_paragraphs(WARM_UP_TEXT)
    )
    list(extract_guarded(load_pipeline(model_name), [document]))
    # and what the article did not happen to reach (a rare rule's word list)
    for loader in extraction_loaders().values():
        loader()


def extraction_loaders() -> dict[str, Callable]:
    """What the extraction loads on first use, by ``module.name``: the cached functions without
    parameters of the extraction's and the values' modules (word lists, gazetteer, language
    detector...). Not the model (``load_pipeline`` takes its name), nor the cache module's
    fingerprints, which are the build's own. The warm-up is to have run each of them.
    """
    import builder.extract
    import builder.values

    loaders = {}
    for package in (builder.extract, builder.values):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name == "builder.extract.cache":
                continue
            for name, value in vars(importlib.import_module(info.name)).items():
                if getattr(value, "__module__", None) == info.name and hasattr(value, "cache_clear"):
                    if not inspect.signature(value).parameters:
                        loaders[f"{info.name}.{name}"] = value
    return loaders


def pool_pays(count: int, jobs: int, method: str) -> bool:
    """Whether ``count`` articles (or long ones' pieces) are worth ``jobs`` workers started by ``method``."""
    return jobs > 1 and count >= POOL_MIN_ARTICLES[method]


def run_process_pool(
    documents: Sequence[Document], model_name: str, jobs: int
) -> Iterator[tuple[int, Outcome]]:
    """Extract on ``jobs`` local worker processes; yields (index, outcome) as batches finish."""
    context = pool_context(model_name)
    try:
        yield from _run_pool(documents, model_name, jobs, context)
    finally:
        if context.get_start_method() == "fork":
            unsettle()  # the workers are gone: the model is this process's own again


def run_beside(
    documents: Sequence[Document], model_name: str, meanwhile: Callable[[], None]
) -> Iterator[tuple[int, Outcome]]:
    """Extract a few articles in one forked worker that loads the model itself, while this
    process does ``meanwhile``; yields (index, outcome) as batches finish.

    Too few articles for a pool (``POOL_MIN_ARTICLES``) are otherwise parsed here, after
    importing spaCy and loading the model: two seconds of one core before the dossier can
    be resolved, in a rebuild after one article changed, while the other core waits. The
    worker does that on the other core, and this process never loads the model at all.
    """
    # The extractions read from the cache stay out of the worker's collector, whose passes
    # would walk them all and copy every page they lie on (a thousand of them: the model's
    # load took a second longer in the worker); the pool's fork sets them aside the same way.
    settle()
    try:
        yield from _run_pool(documents, model_name, 1, multiprocessing.get_context("fork"), meanwhile)
    finally:
        unsettle()


def _run_pool(
    documents: Sequence[Document],
    model_name: str,
    jobs: int,
    context: BaseContext,
    meanwhile: Callable[[], None] | None = None,
) -> Iterator[tuple[int, Outcome]]:
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_start_worker,
        initargs=(model_name,),
    )
    finished = False
    try:
        futures = {
            pool.submit(extract_batch, [documents[i] for i in batch], model_name): batch
            for batch in batch_plan(len(documents), jobs)
        }
        if meanwhile is not None:
            meanwhile()  # the batches are out: this process's own work, instead of waiting
        for future in as_completed(futures):
            try:
                outcomes = future.result()
            except BrokenProcessPool as error:  # a worker killed (out of memory?) or crashed in C
                names = ", ".join(documents[i].path for i in list(futures[future])[:3])
                raise ExecutorError(
                    f"a worker process died (killed, or out of memory) and articles did not come back "
                    f"({names}, ...); run with --jobs 1 to find the article at fault"
                ) from error
            yield from zip(futures[future], outcomes, strict=True)
        finished = True
    finally:
        if finished:
            pool.shutdown()
        else:
            _stop_pool(pool)


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a pool whose build failed or was interrupted, without waiting for the batches it runs.

    ``shutdown`` alone waits for every running batch to finish; the executor offers no
    public way to end its workers, so they are terminated through its process table.
    """
    pool.shutdown(wait=False, cancel_futures=True)
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.terminate()


def run_dask(
    documents: Sequence[Document], model_name: str, scheduler: str | None, jobs: int
) -> Iterator[tuple[int, Outcome]]:
    """Extract on a Dask cluster: the scheduler at ``scheduler``, else a local cluster of ``jobs`` workers."""
    try:
        from dask.distributed import Client, LocalCluster
        from dask.distributed import as_completed as dask_as_completed
    except ImportError as error:
        raise ExecutorError("the dask executor needs 'pip install dask[distributed]'") from error
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
        else:
            cluster = LocalCluster(
                n_workers=jobs, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
            )
            client = Client(cluster)
    except (OSError, TimeoutError) as error:
        raise ExecutorError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from error
    try:
        _check_workers(client)
        index_batches = batch_plan(len(documents), max(jobs, _worker_count(client)))
        futures = [
            client.submit(extract_batch, [documents[i] for i in batch], model_name, pure=False)
            for batch in index_batches
        ]
        positions = {future.key: batch for future, batch in zip(futures, index_batches, strict=True)}
        for future in dask_as_completed(futures):
            yield from zip(positions[future.key], future.result(), strict=True)
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _check_workers(client) -> None:
    # Workers that run other builder code would fill the cache with results this
    # version would not produce: refuse rather than mix them.
    client.wait_for_workers(1, timeout=60)
    mine = stage_fingerprint()
    theirs = client.run(_worker_fingerprint)
    stale = sorted(worker for worker, fingerprint in theirs.items() if fingerprint != mine)
    if stale:
        raise ExecutorError(
            f"Dask workers {', '.join(stale)} run a different version of the builder's extraction code; "
            "install the same builder version on every worker"
        )


def _worker_fingerprint() -> str:
    from builder.extract.cache import stage_fingerprint as fingerprint

    return fingerprint()


def _worker_count(client) -> int:
    return len(client.scheduler_info().get("workers", {})) or 1


def run_executor(
    documents: Sequence[Document], settings: RunSettings, meanwhile: Callable[[], None] | None = None
) -> Iterator[tuple[int, Outcome]]:
    """Extract ``documents`` where ``settings`` say; yields (index, outcome) in completion order.

    The units of work are pieces: a long article's pieces go out one by one like short
    articles, so that every worker shares it, and are joined here when all are back.
    ``meanwhile``: see ``extract_corpus``.
    """
    if settings.executor not in EXECUTORS:
        raise ExecutorError(f"unknown executor {settings.executor!r}; choose one of {', '.join(EXECUTORS)}")
    from builder.extract.nlp import document_pieces

    jobs = settings.jobs or default_jobs()
    pieces = [
        (index, piece) for index, document in enumerate(documents) for piece in document_pieces(document)
    ]
    units = [piece.document for _, piece in pieces]
    method = start_method()
    if settings.executor == "dask":
        outputs = run_dask(units, settings.model, settings.scheduler, jobs)
    elif pool_pays(len(units), jobs, method):
        outputs = run_process_pool(units, settings.model, jobs)
    elif meanwhile is not None and jobs > 1 and method == "fork":
        outputs = run_beside(units, settings.model, meanwhile)
    else:
        outputs = run_serial(units, settings.model)
    return _articles(pieces, outputs)


def _articles(
    pieces: list[tuple[int, Piece]], outputs: Iterator[tuple[int, Outcome]]
) -> Iterator[tuple[int, Outcome]]:
    """(article index, outcome) as each article's last piece comes back.

    ``pieces`` are (article index, piece) in article order; ``outputs`` (piece position,
    outcome) in any order. A piece's records are moved to the article's offsets as they
    arrive, so that a long article's records are held once, not twice, until it is whole.
    """
    expected = Counter(index for index, _ in pieces)
    arrived: dict[int, dict[int, Outcome]] = {}  # article index: {piece position: outcome}
    for position, outcome in outputs:
        index, piece = pieces[position]
        if expected[index] == 1:  # a short article: its one piece is the whole of it
            yield index, outcome
            continue
        # Imported here: the extractors' module imports spaCy, which a build whose articles
        # are all extracted in workers (``run_beside``) never needs in this process.
        from builder.extract.article import moved

        parts = arrived.setdefault(index, {})
        parts[position] = moved(outcome, piece.offset) if isinstance(outcome, ArticleExtraction) else outcome
        if len(parts) == expected[index]:
            del arrived[index]
            yield index, _joined_article([(pieces[p][1], parts.pop(p)) for p in sorted(parts)])


def _joined_article(parts: list[tuple[Piece, Outcome]]) -> Outcome:
    """An article's outcome from its pieces' (in order, moved): the first failure, else them joined."""
    from builder.extract.article import joined

    extractions = []
    for piece, outcome in parts:
        if isinstance(outcome, ArticleFailure):
            return outcome
        extractions.append((outcome, piece.first_paragraph))
    return joined(parts[0][0].document.id, extractions)


def extract_corpus(
    documents: Sequence[Document],
    settings: RunSettings,
    progress: Progress | None = None,
    logger: logging.Logger | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> CorpusExtraction:
    """Every article's extraction, in corpus order, from the cache where it holds a valid entry.

    Args:
        settings: the model, where extraction runs, and the cache: entries are kept in
            ``settings.cache_dir`` when ``settings.use_cache``; without a folder, or with
            the cache off, the build goes without one (``build_dossier`` sets the default folder).
        progress: called with the number of articles finished, after each one.
        logger: where progress lines go (the MkDocs plugin passes its own).
        meanwhile: work of the caller's that needs no extraction (a build's later stages
            loading their libraries), for the time this process would wait with a core
            free: when fewer articles than a pool pays for are to be extracted, where the
            process may fork and has more than one job, one forked worker extracts them
            (this process never loads the model) while it runs. Not run otherwise: a pool
            keeps every core busy (measured: the build took longer with it run then), and
            with nothing to extract or no fork, there is no time to fill.

    Returns:
        The extractions of the articles that went through, the model's ``name-version``,
        and the articles that failed (never cached: they are tried again next build).
    """
    logger = logger or log
    model_id = model_identity(settings.model)
    cache_dir = settings.cache_dir if settings.use_cache else None
    cache = ExtractionCache(cache_dir) if cache_dir is not None else None
    pipeline_id = pipeline_identity(settings.model)
    keys = [article_key(document, pipeline_id) for document in documents] if cache else []
    # The extractions, from the cache or the workers, live until the dossier is built: the
    # collector's passes over them, more of them after each article, find nothing to collect.
    # Not with Dask: its client (and a local cluster's scheduler) run in this process and
    # make garbage in cycles all along.
    with collector_paused() if settings.executor != "dask" else contextlib.nullcontext():
        results = _collected(documents, settings, cache, keys, progress, logger, meanwhile)
    if cache:
        cache.prune(set(keys))
    missing = [documents[i].id for i, result in enumerate(results) if result is None]
    if missing:
        raise ExecutorError(f"no extraction came back for {', '.join(missing[:5])}")
    return CorpusExtraction(
        [result for result in results if isinstance(result, ArticleExtraction)],
        model_id,
        [result for result in results if isinstance(result, ArticleFailure)],
    )


def _collected(
    documents: Sequence[Document],
    settings: RunSettings,
    cache: ExtractionCache | None,
    keys: list[str],
    progress: Progress | None,
    logger: logging.Logger,
    meanwhile: Callable[[], None] | None,
) -> list[Outcome | None]:
    """Each article's extraction: from the cache, else extracted (and cached); None if none came back.

    Which articles the cache holds is known from its files alone; their entries are read
    while the articles it lacks are extracted, when one worker does those beside this process
    (``run_beside``): in a rebuild after one changed article of a thousand, reading the others'
    entries is a second and more that the worker's model load covers. An entry that turns out
    damaged or refused is extracted after the others.
    """
    results: list[Outcome | None] = [None] * len(documents)
    stored = [index for index in range(len(documents)) if cache and cache.holds(keys[index])]
    todo = sorted(set(range(len(documents))) - set(stored))
    read_stored = _StoredReads(documents, cache, keys, stored, results, progress)

    def extract(indexes: list[int], beside: Callable[[], None] | None) -> None:
        outputs = run_executor([documents[i] for i in indexes], settings, beside)
        for index, outcome in _reported(outputs, indexes, progress, logger):
            results[index] = outcome
            if cache and isinstance(outcome, ArticleExtraction):
                cache.put(keys[index], outcome)

    if todo:
        logger.info(
            "extracting %d of %d articles (%d from the cache) with %s",
            len(todo),
            len(documents),
            len(stored),
            model_identity(settings.model),
        )
        extract(todo, _in_turn(read_stored if stored else None, meanwhile))
    read_stored()  # here, if no worker ran beside this process
    refused = [index for index in stored if results[index] is None]
    if refused:
        extract(refused, None)
    elif documents and not todo:
        logger.info("all %d articles from the cache", len(documents))
    return results


def _in_turn(*works: Callable[[], None] | None) -> Callable[[], None] | None:
    """One call that runs each of ``works`` given, in turn; None if none is."""
    given = [work for work in works if work is not None]
    if not given:
        return None

    def run() -> None:
        for work in given:
            work()

    return run


class _StoredReads:
    """Reads the cache's entries of the ``stored`` articles into ``results``, once, when first called."""

    def __init__(
        self,
        documents: Sequence[Document],
        cache: ExtractionCache | None,
        keys: list[str],
        stored: list[int],
        results: list[Outcome | None],
        progress: Progress | None,
    ) -> None:
        self._documents, self._cache, self._keys = documents, cache, keys
        self._stored, self._results, self._progress = stored, results, progress
        self._done = False

    def __call__(self) -> None:
        if self._done or self._cache is None:
            return
        self._done = True
        hits = 0
        for index in self._stored:
            self._results[index] = self._cache.get(self._keys[index], self._documents[index].id)
            hits += self._results[index] is not None
        if self._progress and hits:
            self._progress(hits)


def _reported(
    outputs: Iterator[tuple[int, Outcome]],
    todo: list[int],
    progress: Progress | None,
    logger: logging.Logger,
) -> Iterator[tuple[int, Outcome]]:
    """(corpus index, outcome) of each article an executor gives back, progress told as they come.

    ``outputs`` are (index in ``todo``, outcome); ``todo`` are the corpus indexes sent out.
    """
    step = max(1, len(todo) // PROGRESS_LINES)
    for done, (position, outcome) in enumerate(outputs, start=1):
        yield todo[position], outcome
        if progress:
            progress(1)
        if done % step == 0 and done < len(todo) and len(todo) >= PROGRESS_LINES:
            logger.info("extracted %d of %d articles", done, len(todo))
