"""Figures of a small invented text, for the figure tests: the text as one article, dated or not."""

from __future__ import annotations

from builder.extract.figures import extract_figures
from builder.extract.nlp import DEFAULT_MODEL, load_pipeline
from builder.model import Document, FigureCandidate, Paragraph

ARTICLE_DATE = "2023-05-10"


def article(text: str, date: str | None = ARTICLE_DATE, doc_id: str = "test") -> Document:
    """``text`` as an article: paragraphs split on blank lines, dated by a dateline when ``date``."""
    paragraphs, offset = [], 0
    for index, part in enumerate(text.split("\n\n")):
        paragraphs.append(Paragraph(index, offset, offset + len(part)))
        offset += len(part) + 2
    return Document(
        id=doc_id,
        path=f"{doc_id}.txt",
        title=doc_id,
        text=text,
        date=date,
        date_source="dateline" if date else "none",
        paragraphs=tuple(paragraphs),
    )


def figures_of(text: str, date: str | None = ARTICLE_DATE, doc_id: str = "test") -> list[FigureCandidate]:
    """The figure candidates of ``text``."""
    return extract_figures(article(text, date, doc_id), load_pipeline(DEFAULT_MODEL)(text))


def only(figures: list[FigureCandidate]) -> FigureCandidate:
    """The one figure of a list that must hold exactly one."""
    assert len(figures) == 1, figures
    return figures[0]
