"""The per-article stage: one parsed article in, its ``ArticleExtraction`` out.

Reads only the article and its spaCy parse, so its result can be cached by
the article's content and computed anywhere (another process, a cluster).
A long article is extracted piece by piece (``builder.extract.nlp.Piece``):
each piece's records are moved to the article's offsets and joined.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import TypeVar

from spacy.tokens import Doc

from builder.extract.aliases import extract_aliases
from builder.extract.events import extract_events
from builder.extract.figures import extract_figures
from builder.extract.language import paragraphs_to_skip
from builder.extract.mentions import extract_names
from builder.extract.quotes import extract_quotes
from builder.extract.roles import extract_roles
from builder.extract.spans import forget_token_table
from builder.extract.times import tag_times
from builder.model import ArticleExtraction, Document, Span

Record = TypeVar("Record")


def extract_article(document: Document, doc: Doc) -> ArticleExtraction:
    """Mentions, time expressions, events and figures of one article."""
    try:
        return _extract_article(document, doc)
    finally:
        forget_token_table(doc)


def _extract_article(document: Document, doc: Doc) -> ArticleExtraction:
    skip = paragraphs_to_skip(document)
    names = extract_names(document, doc, skip)
    mentions, acronyms = names.mentions, names.acronyms
    all_times = tag_times(document, doc)  # tagged once: figures date their counts with them too
    times = [t for t in all_times if document.paragraph_at(t.span.start).index not in skip]
    events = extract_events(document, doc, times, mentions, skip)
    figures = extract_figures(document, doc, skip, all_times)
    return ArticleExtraction(
        doc_id=document.id,
        mentions=tuple(mentions),
        times=tuple(times),
        roles=tuple(extract_roles(document, doc, mentions)),
        aliases=tuple(acronyms + extract_aliases(document, mentions)),
        quotes=tuple(extract_quotes(document, skip)),
        events=tuple(events),
        figures=tuple(figures),
        unread_paragraphs=tuple(sorted(skip)),
        things_named=tuple(sorted(names.things)),
        actors_named=tuple(sorted(names.actors)),
    )


def moved(record: Record, offset: int) -> Record:
    """``record`` with every ``Span`` in it, however deep, moved ``offset`` characters on.

    What a piece of an article yields is at offsets from the piece's start; moved by the
    piece's offset it is at the whole article's, where every statement links to its sentence.
    """
    if not offset:
        return record
    if isinstance(record, Span):
        return replace(record, start=record.start + offset, end=record.end + offset)
    if isinstance(record, tuple):
        return tuple(moved(item, offset) for item in record)  # type: ignore[return-value]
    if is_dataclass(record) and not isinstance(record, type):
        changes = {f.name: moved(getattr(record, f.name), offset) for f in fields(record)}
        return replace(record, **changes)
    return record


def joined(doc_id: str, parts: list[tuple[ArticleExtraction, int]]) -> ArticleExtraction:
    """The extractions of an article's pieces as one.

    ``parts`` are each piece's extraction, moved to the article's offsets, with the whole
    article's index of the piece's first paragraph (a piece numbers its paragraphs from 0).
    """
    if len(parts) == 1 and parts[0][1] == 0:
        return parts[0][0]
    records = {
        f.name: tuple(item for part, _ in parts for item in getattr(part, f.name))
        for f in fields(ArticleExtraction)
        if f.name not in ("doc_id", "unread_paragraphs")
    }
    # A paragraph cut in two (longer than a piece) is in both pieces: count it once.
    unread = tuple(sorted({first + index for part, first in parts for index in part.unread_paragraphs}))
    return ArticleExtraction(doc_id=doc_id, unread_paragraphs=unread, **records)
