"""The spaCy stage: load the pipeline once, parse articles with ``nlp.pipe``."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from builder.model import Document
from builder.settings import DEFAULT_MODEL  # re-exported: the name the stage has always offered

if TYPE_CHECKING:  # spaCy takes a second to import: only the parsing imports it
    from spacy.language import Language
    from spacy.tokens import Doc

# spaCy refuses texts longer than nlp.max_length; longer articles are parsed
# in paragraph-aligned pieces and joined back so offsets stay right.
PIECE_CHARS = 100_000


class ModelNotFound(RuntimeError):
    """The configured spaCy pipeline is not installed."""


@lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by package or model name, once per process."""
    try:
        module = importlib.import_module(name)
        return module.load()
    except ImportError:
        pass
    import spacy

    try:
        return spacy.load(name)
    except OSError as error:
        raise ModelNotFound(
            f"spaCy model {name!r} is not installed. Install it with "
            f"'pip install {name.replace('_', '-')}' or set the 'model' option to an installed pipeline."
        ) from error


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


# Where a piece may end, best first: a cut inside a sentence or a name would
# change what the parser sees there.
PIECE_BREAKS = ("\n\n", "\n", ". ", " ")


def text_pieces(text: str, limit: int) -> list[tuple[int, str]]:
    """Split ``text`` into pieces under ``limit``, at paragraph (else line, sentence, space) breaks.

    Returns (offset, piece) pairs whose pieces join back to ``text`` exactly.
    """
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = limit
        for separator in PIECE_BREAKS:
            found = window.rfind(separator)
            if found > limit // 4:  # not so early that pieces get tiny
                cut = found + len(separator)
                break
        pieces.append((start, text[start : start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def parse_documents(
    nlp: Language, documents: Iterable[Document], batch_size: int = 16, n_process: int = 1
) -> Iterator[tuple[Document, Doc]]:
    """Parse each document; yields (document, spaCy Doc) in input order."""
    documents = list(documents)
    jobs: list[tuple[int, int, str]] = []  # (document index, piece offset, text)
    for index, document in enumerate(documents):
        for offset, piece in text_pieces(document.text, PIECE_CHARS):
            jobs.append((index, offset, piece))
    last_offset = {index: offset for index, offset, _ in jobs}
    parsed: dict[int, list[Doc]] = {}
    texts = (piece for _, _, piece in jobs)
    for (index, offset, _piece), doc in zip(
        jobs, nlp.pipe(texts, batch_size=batch_size, n_process=n_process), strict=True
    ):
        parsed.setdefault(index, []).append(doc)
        if offset == last_offset[index]:
            pieces = parsed.pop(index)
            yield documents[index], pieces[0] if len(pieces) == 1 else _join(pieces)


def _join(pieces: list[Doc]) -> Doc:
    from spacy.tokens import Doc

    # Doc.from_docs keeps the text byte for byte when pieces carry their own
    # trailing whitespace, which text_pieces guarantees.
    return Doc.from_docs(pieces, ensure_whitespace=False)
