"""Corpus folder in, resolved ``Dossier`` out: the stages in order."""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import replace
from pathlib import Path

from tqdm import tqdm

from .corpus import read_corpus
from .extract import extract_article
from .model import Dossier
from .nlp import DEFAULT_MODEL, load_pipeline, model_version, parse_documents
from .resolve import resolve_dossier

log = logging.getLogger("dossier")


def build_date() -> dt.date:
    """Today, or the date of SOURCE_DATE_EPOCH so that builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def build_dossier(
    corpus_dir: Path | str,
    model_name: str = DEFAULT_MODEL,
    curation_path: Path | str | None = None,
    use_curation: bool = True,
    progress: bool = False,
) -> Dossier:
    """Read, parse, extract and resolve a corpus folder.

    Args:
        curation_path: the analyst's corrections; defaults to ``curation.yaml``
            in the corpus folder. Ignored when ``use_curation`` is false.
        progress: show a progress bar on standard error.
    """
    corpus_dir = Path(corpus_dir)
    today = build_date()
    corpus = read_corpus(corpus_dir, today=today)
    for skipped in corpus.skipped:
        log.warning("%s: %s (%s)", skipped.path, skipped.reason, skipped.severity)
    nlp = load_pipeline(model_name)
    extractions = []
    parsed = parse_documents(nlp, corpus.documents)
    if progress:
        parsed = tqdm(parsed, total=len(corpus.documents), desc="extracting", unit="article")
    for document, doc in parsed:
        extractions.append(extract_article(document, doc))
    dossier = resolve_dossier(corpus.documents, extractions, model_name=model_version(nlp))
    if use_curation:
        from .curation import apply_curation, load_curation

        path = Path(curation_path) if curation_path else corpus_dir / "curation.yaml"
        if path.exists():
            dossier = apply_curation(dossier, load_curation(path))
    return replace(dossier, skipped=tuple(corpus.skipped), built=today.isoformat())
