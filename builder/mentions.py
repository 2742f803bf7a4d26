"""Names in an article: spaCy entities, cleaned, with their sentence.

First version: spaCy's labels mapped to our kinds, determiners and
possessives trimmed, obvious noise dropped. Corpus-wide label decisions and
merging happen in ``resolve``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from .model import Document, Mention, Span

LABELS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
LEADING_WORDS = re.compile(r"^(?:the|a|an|this|that|these|those)\s+", re.IGNORECASE)
TRAILING_JUNK = re.compile(r"(?:['’]s|['’])?[\s\W_]*$")


def clean_entity(span: SpacySpan) -> tuple[int, int] | None:
    """Character range of the name inside ``span``, without determiners, possessives, junk."""
    text = span.text
    start, end = span.start_char, span.end_char
    lead = LEADING_WORDS.match(text)
    if lead:
        start += lead.end()
        text = text[lead.end() :]
    trail = TRAILING_JUNK.search(text)
    if trail and trail.start() > 0:
        end = start + trail.start()
        text = text[: trail.start()]
    if len(text.strip()) < 2 or not any(c.isupper() for c in text):
        return None
    return start, end


def extract_mentions(document: Document, doc: Doc, skip: set[int] | None = None) -> list[Mention]:
    """Mentions of people, organisations and places in ``doc``.

    Args:
        skip: indexes of paragraphs not to read (not English, social-media embeds).
    """
    skip = skip or set()
    mentions: list[Mention] = []
    for ent in doc.ents:
        label = LABELS.get(ent.label_)
        if label is None:
            continue
        if document.paragraph_at(ent.start_char).index in skip:
            continue
        cleaned = clean_entity(ent)
        if cleaned is None:
            continue
        start, end = cleaned
        sentence = ent.sent
        mentions.append(
            Mention(
                span=Span(document.id, start, end, document.text[start:end]),
                label=label,
                sentence=Span(document.id, sentence.start_char, sentence.end_char, sentence.text),
            )
        )
    return mentions
