"""The per-article stage: one parsed article in, its ``ArticleExtraction`` out.

Reads only the article and its spaCy parse, so its result can be cached by
the article's content and computed anywhere (another process, a cluster).
"""

from __future__ import annotations

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
from builder.model import ArticleExtraction, Document


def extract_article(document: Document, doc: Doc) -> ArticleExtraction:
    """Mentions, time expressions, events and figures of one article."""
    try:
        return _extract_article(document, doc)
    finally:
        forget_token_table(doc)


def _extract_article(document: Document, doc: Doc) -> ArticleExtraction:
    skip = paragraphs_to_skip(document)
    mentions, acronyms = extract_names(document, doc, skip)
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
    )
