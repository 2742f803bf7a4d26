"""Events: dated happenings, one per sentence that carries a date.

First version: a sentence with a resolved date expression (not a duration)
is an event dated by its first such expression. In an undated article the
expression stays unresolved and the event is listed apart.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .model import Document, EventCandidate, Mention, Span, TimeExpression

SUMMARY_MAX = 220


def summarise(sentence: str) -> str:
    """The sentence on one line, shortened at a word boundary."""
    text = " ".join(sentence.split())
    if len(text) > SUMMARY_MAX:
        text = text[:SUMMARY_MAX].rsplit(" ", 1)[0] + "…"
    return text


def extract_events(
    document: Document,
    doc: Doc,
    times: list[TimeExpression],
    mentions: list[Mention],
    skip: set[int] | None = None,
) -> list[EventCandidate]:
    """One event candidate per sentence with a date expression."""
    skip = skip or set()
    events: list[EventCandidate] = []
    for sentence in doc.sents:
        if document.paragraph_at(sentence.start_char).index in skip:
            continue
        inside = [
            t for t in times if sentence.start_char <= t.span.start < sentence.end_char and t.kind == "date"
        ]
        if not inside:
            continue
        resolved = [t for t in inside if t.value]
        chosen = resolved[0] if resolved else inside[0]
        names = tuple(
            m.span.text for m in mentions if sentence.start_char <= m.span.start < sentence.end_char
        )
        events.append(
            EventCandidate(
                date=chosen.value,
                date_text=chosen.span.text,
                date_inferred=False,
                summary=summarise(sentence.text),
                source=Span(document.id, sentence.start_char, sentence.end_char, sentence.text),
                names=names,
            )
        )
    return events
