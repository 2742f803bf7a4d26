"""Figures in a table of counts: lines "Label: number" ("Total dead: 192", "Injured: 4,877").

Wire services and situation reports list tolls as a table, one "Label: number" line a row, which
a sentence parser reads as one long sentence ("192 Americans"). A run of at least two such lines is
a table: each row is a figure whose label says what is counted. A row whose label names no event
("Americans: 12", "Treated and discharged: 4,257") is a part of the last row above it that does
("Total dead", "Injured"), and a row with an event already counted above it ("Hospitalized" below
"Injured") is a part too. A line "PLACE:" just above the rows names their place when the gazetteer
knows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from builder.extract.figures.categories import category_of
from builder.extract.figures.numbers import parse_number
from builder.extract.figures.words import EVENT_CATEGORY
from builder.model import Document, FigureCandidate, FigureCategory, Span
from builder.values.countries import gazetteer

# "Total Dead: 192", "Treated and discharged: 4,257": a short label, a colon, a number, nothing else.
ROW = re.compile(r"^[ \t]*(?P<label>[A-Za-z][A-Za-z ,'&/-]{0,40}?)[ \t]*:[ \t]*(?P<number>\d[\d,]*)[ \t]*$")
# "RURITANIA:" on a line of its own.
HEADER = re.compile(r"^[ \t]*(?P<name>[A-Za-z][A-Za-z .'-]{1,40}?)[ \t]*:[ \t]*$")


@dataclass(frozen=True)
class Row:
    """A table row: its line's offsets, its label and number as written, and the place above it."""

    start: int
    end: int
    label: str
    label_start: int
    number: str
    number_start: int
    place: str | None


def table_figures(document: Document, doc: Doc, skip: set[int]) -> tuple[list[FigureCandidate], set[int]]:
    """The figures of the article's tables of counts, and the tokens of their numbers (which the
    sentence reader must not read again). ``skip``: paragraphs not read."""
    figures: list[FigureCandidate] = []
    used: set[int] = set()
    for block in _tables(document.text):
        if document.paragraph_at(block[0].start).index in skip:
            continue
        figures += _block_figures(document, doc, block)
        for row in block:
            span = doc.char_span(
                row.number_start, row.number_start + len(row.number), alignment_mode="expand"
            )
            used.update(t.i for t in span or ())
    return figures, used


def _tables(text: str) -> list[list[Row]]:
    """Runs of at least two consecutive row lines, each row with the place named above its run."""
    blocks: list[list[Row]] = []
    current: list[Row] = []
    place: str | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        row, header = ROW.match(body), HEADER.match(body)
        if row:
            label_start, number_start = offset + row.start("label"), offset + row.start("number")
            current.append(
                Row(offset, offset + len(body), row["label"], label_start, row["number"], number_start, place)
            )
        else:
            if len(current) >= 2:
                blocks.append(current)
            current = []
            if header:
                place = _place(header["name"])
            elif body.strip():
                place = None  # a place header covers the rows right below it only
        offset += len(line)
    if len(current) >= 2:
        blocks.append(current)
    return blocks


def _place(name: str) -> str | None:
    """A header's place: a country's common name, a known city or province as written, else None."""
    places = gazetteer()
    country = places.country(name)
    if country:
        return country
    written = name.title() if name.isupper() else name
    return written if places.place_country(written) else None


def _block_figures(document: Document, doc: Doc, block: list[Row]) -> list[FigureCandidate]:
    """One figure a row of a table, parts marked (see the module's docstring)."""
    figures: list[FigureCandidate] = []
    seen: set[FigureCategory] = set()
    last: FigureCategory | None = None
    for row in block:
        value = parse_number(row.number)
        own = _label_category(doc, row)
        category, part = own, own in seen
        if own == "other" and last is not None:
            category, part = last, True
        if own != "other":
            last = own
            seen.add(own)
        if not value:
            continue  # "Americans: 0"
        figures.append(
            FigureCandidate(
                value=value,
                qualifier="exact",
                category=category,
                counted=row.label.strip(),
                date=document.date,
                date_source="article" if document.date else "none",
                place=row.place,
                source=Span(document.id, row.label_start, row.end, document.text[row.label_start : row.end]),
                part_of_total=part,
                counted_head=row.label.split()[-1].lower(),
            )
        )
    return figures


def _label_category(doc: Doc, row: Row) -> FigureCategory:
    """The category a row's label names by its event words ("Total Dead", "Hospitalized"), else "other"."""
    span = doc.char_span(row.label_start, row.label_start + len(row.label), alignment_mode="expand")
    words = {w for t in span or () for w in (t.lower_, t.lemma_.lower()) if w in EVENT_CATEGORY}
    return category_of(words) if words else "other"
