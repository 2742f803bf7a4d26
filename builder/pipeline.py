"""Corpus folder in, resolved ``Dossier`` out: the stages in order."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from tqdm import tqdm

from builder.corpus import Corpus, build_date, read_corpus
from builder.extract.executors import extract_corpus
from builder.faults import describe_error
from builder.model import ArticleExtraction, Document, Dossier, SkippedFile
from builder.resolve.dossier import resolve_dossier
from builder.settings import RunSettings
from builder.store import default_cache_dir

log = logging.getLogger("dossier")


class QuietBar(tqdm):
    """A progress bar without tqdm's monitor thread.

    The monitor only redraws a bar that stalls for minutes; a thread running in this
    process would make the extraction spawn its workers instead of forking them with
    the model loaded (``builder.extract.executors.pool_context``).
    """

    monitor_interval = 0


def build_dossier(
    corpus_dir: Path | str,
    settings: RunSettings | None = None,
    progress: bool = False,
    logger: logging.Logger | None = None,
    already_read: Corpus | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> Dossier:
    """Read, parse, extract and resolve a corpus folder.

    An article that a stage raises on is left out and named on the build report
    (``SkippedFile`` of severity "failed"); the rest of the dossier is built.

    Args:
        settings: the model, the analyst's corrections (``curation.yaml`` in the corpus
            folder unless they name another file), the per-article cache (the corpus's
            folder in the user's cache, ``builder.store.default_cache_dir``, unless they name
            another) and where extraction runs; None for the defaults.
        progress: show a progress bar on standard error.
        logger: where progress lines go (the MkDocs plugin passes its own).
        already_read: ``corpus_dir`` as ``read_corpus`` read it today; read here when None.
        meanwhile: the caller's own work, done while a worker extracts the articles, when
            one does with a core to spare (``builder.extract.executors.extract_corpus``).
    """
    corpus_dir = Path(corpus_dir)
    settings = settings if settings is not None else RunSettings()
    today = build_date()
    corpus = already_read if already_read is not None else read_corpus(corpus_dir, today=today)
    for skipped in corpus.skipped:
        log.warning("%s: %s (%s)", skipped.path, skipped.reason, skipped.severity)
    # A bad curation file stops the build before the long extraction, not after it.
    curation = None
    if settings.use_curation:
        from builder.resolve.curation import load_curation

        path = settings.curation_path or corpus_dir / "curation.yaml"
        if path.exists():
            curation = load_curation(path)
    if settings.use_cache and settings.cache_dir is None:
        settings = replace(settings, cache_dir=default_cache_dir(corpus_dir))
    bar = QuietBar(total=len(corpus.documents), desc="extracting", unit="article") if progress else None
    try:
        extractions, model_id, failures = extract_corpus(
            corpus.documents,
            settings,
            progress=bar.update if bar else None,
            logger=logger,
            meanwhile=meanwhile,
        )
    finally:
        if bar:
            bar.close()
    failed = {failure.doc_id: failure.error for failure in failures}
    documents: Sequence[Document] = [d for d in corpus.documents if d.id not in failed]
    if curation:
        from builder.resolve.curation import curated_documents

        # Article dates go in before resolution so the chronology re-reads relative dates.
        documents = curated_documents(documents, curation)
    dossier, more_failed = resolve_guarded(documents, extractions, model_id)
    failed.update(more_failed)
    if curation is not None:
        from builder.resolve.curation import apply_curation

        dossier = apply_curation(dossier, curation)
    skipped_files = (
        tuple(corpus.skipped)
        + failure_reports(corpus.documents, failed)
        + unread_paragraph_warnings([d for d in documents if d.id not in failed], extractions)
    )
    return replace(dossier, skipped=skipped_files, built=today.isoformat())


def resolve_guarded(
    documents: Sequence[Document], extractions: Sequence[ArticleExtraction], model_id: str
) -> tuple[Dossier, dict[str, str]]:
    """The resolved dossier, and the articles left out because resolution raised on them (id: error).

    Resolution works across articles, but what makes it raise is one article's data (a
    date at the edge of the calendar): when the whole fails, each article is resolved
    alone to find those that raise, and the rest are resolved without them. A failure
    that no single article explains is the builder's own, and is raised as it is.
    """
    try:
        return resolve_dossier(documents, extractions, model_name=model_id), {}
    except Exception as error:  # noqa: BLE001 - looked into below, raised again if no article explains it
        whole = error
    failed: dict[str, str] = {}
    for document, extraction in zip(documents, extractions, strict=True):
        try:
            resolve_dossier([document], [extraction], model_name=model_id)
        except Exception as error:  # noqa: BLE001 - this article is reported and left out
            failed[document.id] = describe_error(error)
    if not failed:
        raise whole
    kept = [(d, e) for d, e in zip(documents, extractions, strict=True) if d.id not in failed]
    dossier = resolve_dossier([d for d, _ in kept], [e for _, e in kept], model_name=model_id)
    return dossier, failed


def failure_reports(documents: Sequence[Document], failed: dict[str, str]) -> tuple[SkippedFile, ...]:
    """Build-report lines for the articles a stage raised on (id: the error), and the same in the log."""
    reports = []
    for document in documents:
        if document.id in failed:
            reason = f"could not be processed and was left out: {failed[document.id]}"
            log.warning("%s: %s", document.path, reason)
            reports.append(SkippedFile(document.path, reason, severity="failed"))
    return tuple(reports)


def failed_files(dossier: Dossier) -> list[str]:
    """The corpus files the builder raised on and left out (``--strict`` fails on them)."""
    return [skipped.path for skipped in dossier.skipped if skipped.severity == "failed"]


def unread_paragraph_warnings(
    documents: Sequence[Document], extractions: Sequence[ArticleExtraction]
) -> tuple[SkippedFile, ...]:
    """Build-report lines for articles with paragraphs the extraction did not read.

    A paragraph in another language (or an embedded post) is kept in the text
    but gives no names, dates or figures; the analyst should know that.
    """
    unread = {extraction.doc_id: extraction.unread_paragraphs for extraction in extractions}
    warnings = []
    for document in documents:
        indexes = unread.get(document.id, ())
        if not indexes:
            continue
        if len(indexes) == len(document.paragraphs):
            reason = "no paragraph read: not in English (or only embedded posts)"
        else:
            numbers = ", ".join(str(index + 1) for index in indexes)
            reason = (
                f"paragraph{'s' if len(indexes) > 1 else ''} {numbers} of {len(document.paragraphs)} "
                "not read: not in English, or an embedded post"
            )
        log.warning("%s: %s", document.path, reason)
        warnings.append(SkippedFile(document.path, reason, severity="warning"))
    return tuple(warnings)
