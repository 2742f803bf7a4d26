"""Corpus folder in, resolved ``Dossier`` out: the stages in order."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from tqdm import tqdm

from builder.corpus import Corpus, build_date, read_corpus
from builder.extract.executors import extract_corpus
from builder.model import ArticleExtraction, Document, Dossier, SkippedFile
from builder.resolve.dossier import resolve_dossier
from builder.settings import RunSettings
from builder.store import default_cache_dir

log = logging.getLogger("dossier")


def build_dossier(
    corpus_dir: Path | str,
    settings: RunSettings | None = None,
    progress: bool = False,
    logger: logging.Logger | None = None,
    already_read: Corpus | None = None,
) -> Dossier:
    """Read, parse, extract and resolve a corpus folder.

    Args:
        settings: the model, the analyst's corrections (``curation.yaml`` in the corpus
            folder unless they name another file), the per-article cache (``.cache/dossier``
            beside the corpus folder unless they name another) and where extraction runs;
            None for the defaults.
        progress: show a progress bar on standard error.
        logger: where progress lines go (the MkDocs plugin passes its own).
        already_read: ``corpus_dir`` as ``read_corpus`` read it today; read here when None.
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
    bar = tqdm(total=len(corpus.documents), desc="extracting", unit="article") if progress else None
    try:
        extractions, model_id = extract_corpus(
            corpus.documents, settings, progress=bar.update if bar else None, logger=logger
        )
    finally:
        if bar:
            bar.close()
    documents: Sequence[Document] = corpus.documents
    if curation:
        from builder.resolve.curation import curated_documents

        # Article dates go in before resolution so the chronology re-reads relative dates.
        documents = curated_documents(documents, curation)
    dossier = resolve_dossier(documents, extractions, model_name=model_id)
    if curation is not None:
        from builder.resolve.curation import apply_curation

        dossier = apply_curation(dossier, curation)
    skipped_files = tuple(corpus.skipped) + unread_paragraph_warnings(corpus.documents, extractions)
    return replace(dossier, skipped=skipped_files, built=today.isoformat())


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
