"""The spaCy stage: load the pipeline once, parse articles with ``nlp.pipe``."""

from __future__ import annotations

import importlib
import importlib.util
import json
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from builder.collector import collector_state_kept
from builder.model import Document
from builder.settings import DEFAULT_MODEL  # noqa: F401 - re-exported: the name the stage has always offered

if TYPE_CHECKING:  # spaCy takes a second to import: only the parsing imports it
    from spacy.language import Language
    from spacy.tokens import Doc

# A long article is parsed and extracted in pieces of whole paragraphs, each piece's Doc let
# go before the next is parsed, so that memory stays flat however long the article is and
# every per-article step runs on a bounded text. 25,000 characters is some 4,000 words, five
# times a long news story: the news corpora this is made for hardly reach it. A piece is
# parsed alone, so its size is what a worker holds (see BATCH_CHARS).
PIECE_CHARS = 25_000
# nlp.pipe takes up to this many texts at once (the parser's batch; enough to keep it busy)...
BATCH_SIZE = 16
# ...and no more than this many characters: the batch's Docs and the network's activations
# are what a worker holds (sixteen long pieces at once took gigabytes; a batch of 100,000
# characters 370 MB above the loaded model, of 50,000 195 MB, of 25,000 100 MB). Sixteen
# news stories are some 45,000 characters: two calls instead of one, as fast.
BATCH_CHARS = 25_000


class ModelNotFound(RuntimeError):
    """The configured spaCy pipeline is not installed."""


# The spaCy components whose annotations the extraction reads: the tagger's tags, the
# attribute ruler's parts of speech and morphology, the lemmatizer's lemmas, the parser's
# dependencies and sentences, the recogniser's entities (and an entity ruler's, in a pipeline
# that has one), and the layer the tagger and parser listen to (tok2vec, or a transformer in
# a larger pipeline). Measured: with any one of en_core_web_sm's off, the export of seeds/
# changes. Any other component of the model is not loaded at all: en_core_web_sm's senter
# (sentences, which the parser gives already; the package leaves it off), a text classifier.
EXTRACTION_COMPONENTS = frozenset(
    {"tok2vec", "transformer", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner", "entity_ruler"}
)


@lru_cache(maxsize=8)
def model_meta(name: str) -> dict | None:
    """The meta.json of a pipeline (a package or a folder), read without loading it; None if not found."""
    folder: Path | None = None
    if Path(name).is_dir():
        folder = Path(name)
    else:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is not None and spec.submodule_search_locations:
            folder = Path(next(iter(spec.submodule_search_locations)))
    if folder is None or not (folder / "meta.json").is_file():
        return None
    return json.loads((folder / "meta.json").read_text(encoding="utf-8"))


def unread_components(name: str) -> list[str]:
    """The components of pipeline ``name`` the extraction does not read: they are not loaded."""
    meta = model_meta(name) or {}
    return [component for component in meta.get("components", []) if component not in EXTRACTION_COMPONENTS]


def running_components(name: str) -> tuple[str, ...]:
    """The components that run when the extraction loads pipeline ``name``, in order (read, not loaded)."""
    meta = model_meta(name)
    if meta is None:
        return tuple(load_pipeline(name).pipe_names)
    return tuple(component for component in meta.get("pipeline", []) if component in EXTRACTION_COMPONENTS)


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """Load a spaCy pipeline by package or model name, once per process, without the unread components.

    The name has no default: the cache keys ``load_pipeline()`` and ``load_pipeline(DEFAULT_MODEL)``
    apart, and a caller that left it out loaded the model a second time (in every worker).
    """
    # spaCy reads a model's files with srsly, which turns the garbage collector on after each
    # one, whether it was on or not: a build that paused it (``collector``) keeps it paused.
    with collector_state_kept():
        return _load_pipeline(name)


def _load_pipeline(name: str) -> Language:
    from builder.extract.attribute_rules import index_attribute_rulers
    from builder.extract.rule_lemmas import remember_rule_lemmas

    nlp = load_model(name, exclude=unread_components(name))
    # The same annotations as spaCy's, sooner: the attribute ruler took a ninth of the parse,
    # the lemmatizer a fiftieth.
    index_attribute_rulers(nlp)
    remember_rule_lemmas(nlp)
    return nlp


@lru_cache(maxsize=1)
def noun_lemmas() -> frozenset[str]:
    """English noun lemmas (WordNet's, proper nouns among them: "john") from the lemmatizer's tables."""
    return _lemma_index("noun")


@lru_cache(maxsize=1)
def verb_lemmas() -> frozenset[str]:
    """English verb lemmas from the lemmatizer's tables."""
    return _lemma_index("verb")


def _lemma_index(part_of_speech: str) -> frozenset[str]:
    """The English lemmas of one part of speech ("noun", "verb") in the default model's
    lemmatizer tables (WordNet's index); empty when the model has none.

    The build's own pipeline when it runs the default model (the usual case), a second load
    otherwise.
    """
    from spacy.pipeline import Lemmatizer

    try:
        lemmatizer = load_pipeline(DEFAULT_MODEL).get_pipe("lemmatizer")
        if not isinstance(lemmatizer, Lemmatizer):
            return frozenset()
        return frozenset(lemmatizer.lookups.get_table("lemma_index")[part_of_speech])
    except (KeyError, ValueError, RuntimeError):  # no such pipe or table, or no model installed
        return frozenset()


def load_model(name: str, exclude: Iterable[str] = ()) -> Language:
    """The spaCy pipeline ``name`` (a package or a folder) as spaCy loads it, without ``exclude``."""
    try:
        module = importlib.import_module(name)
        return module.load(exclude=list(exclude))
    except ImportError:
        pass
    import spacy

    try:
        return spacy.load(name, exclude=list(exclude))
    except OSError as error:
        raise ModelNotFound(
            f"spaCy model {name!r} is not installed. Install it with "
            f"'pip install {name.replace('_', '-')}' or set the 'model' option to an installed pipeline."
        ) from error


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


# Where a piece may end when no paragraph start fits (a text without its paragraphs, or a
# paragraph longer than a piece), best first: a cut inside a sentence or a name would
# change what the parser sees there.
PIECE_BREAKS = ("\n\n", "\n", ". ", " ")


@dataclass(frozen=True)
class Piece:
    """A stretch of an article parsed and extracted on its own.

    ``document`` is the stretch as an article of its own: the article's id, title and
    date, the stretch's text and its paragraphs, numbered from 0 and at offsets from
    the stretch's start; ``offset`` is where the stretch starts in the whole article and
    ``first_paragraph`` the whole article's index of the stretch's first paragraph.
    """

    document: Document
    offset: int
    first_paragraph: int
    last: bool  # the article's last piece: its extraction is complete


def text_pieces(text: str, limit: int, breaks: Sequence[int] = ()) -> list[tuple[int, str]]:
    """Split ``text`` into pieces of at most ``limit`` characters.

    A piece ends at the last of ``breaks`` (offsets, sorted: where paragraphs start) that
    fits; a stretch with no break that fits is cut at a line, sentence or space break.
    Returns (offset, piece) pairs whose pieces join back to ``text`` exactly.
    """
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        at = bisect_right(breaks, start + limit) - 1
        if at >= 0 and breaks[at] > start:
            cut = breaks[at]
        else:
            window = text[start : start + limit]
            cut = start + _inner_cut(window)
        pieces.append((start, text[start:cut]))
        start = cut
    pieces.append((start, text[start:]))
    return pieces


def _inner_cut(window: str) -> int:
    """Where to end a piece inside ``window``, a stretch with no paragraph start to cut at."""
    for separator in PIECE_BREAKS:
        found = window.rfind(separator)
        if found > len(window) // 4:  # not so early that pieces get tiny
            return found + len(separator)
    return len(window)


def document_pieces(document: Document, limit: int | None = None) -> list[Piece]:
    """``document`` in pieces of whole paragraphs under ``limit`` characters (``PIECE_CHARS``).

    An article under the limit is one piece, the document itself. A paragraph longer
    than the limit is cut at a line, sentence or space break, and is in both pieces.
    """
    limit = PIECE_CHARS if limit is None else limit
    if len(document.text) <= limit:
        return [Piece(document, 0, 0, last=True)]
    starts = [paragraph.start for paragraph in document.paragraphs]
    bounds = text_pieces(document.text, limit, starts)
    ends = [paragraph.end for paragraph in document.paragraphs]
    pieces = []
    for number, (offset, text) in enumerate(bounds):
        end = offset + len(text)
        # The paragraphs that overlap the piece, found by bisection: a scan per piece
        # would grow with the square of the article's length.
        inside = document.paragraphs[bisect_right(ends, offset) : bisect_left(starts, end)]
        paragraphs = tuple(
            replace(p, index=local, start=max(p.start, offset) - offset, end=min(p.end, end) - offset)
            for local, p in enumerate(inside)
        )
        first = inside[0].index if inside else 0
        part = replace(document, text=text, paragraphs=paragraphs)
        pieces.append(Piece(part, offset, first, last=number == len(bounds) - 1))
    return pieces


def parse_pieces(nlp: Language, documents: Iterable[Document]) -> Iterator[tuple[Piece, Doc]]:
    """Each document's pieces parsed, in order: (piece, its spaCy Doc).

    The Docs come one at a time from batches of at most ``BATCH_SIZE`` texts and
    ``BATCH_CHARS`` characters, so a caller that lets each Doc go holds little.
    """
    pending: list[Piece] = []
    size = 0
    for document in documents:
        for piece in document_pieces(document):
            length = len(piece.document.text)
            if pending and (len(pending) == BATCH_SIZE or size + length > BATCH_CHARS):
                yield from _parsed(nlp, pending)
                pending, size = [], 0
            pending.append(piece)
            size += length
    yield from _parsed(nlp, pending)


def _parsed(nlp: Language, pieces: list[Piece]) -> Iterator[tuple[Piece, Doc]]:
    texts = [piece.document.text for piece in pieces]
    yield from zip(pieces, nlp.pipe(texts, batch_size=max(1, len(texts))), strict=True)


def parse_documents(nlp: Language, documents: Iterable[Document]) -> Iterator[tuple[Document, Doc]]:
    """Parse each document whole; yields (document, spaCy Doc) in input order.

    For a reader of the whole article's Doc (``dossier dates``); the extraction reads
    ``parse_pieces`` instead, so that a long article's Docs are never all held at once.
    """
    documents = list(documents)
    parsed: list[Doc] = []
    index = 0
    for piece, doc in parse_pieces(nlp, documents):
        parsed.append(doc)
        if piece.last:
            yield documents[index], parsed[0] if len(parsed) == 1 else _join(parsed)
            parsed, index = [], index + 1


def _join(pieces: list[Doc]) -> Doc:
    from spacy.tokens import Doc

    # Doc.from_docs keeps the text byte for byte when pieces carry their own
    # trailing whitespace, which text_pieces guarantees.
    return Doc.from_docs(pieces, ensure_whitespace=False)
