"""The chronology as a TimelineJS3 timeline (``timeline.json``).

TimelineJS3's JSON format (its documentation, "TimelineJS 3 JSON data
format"): an object with ``events`` (slides), an optional ``title`` slide and
``scale``. A slide has a ``start_date`` (and ``end_date``) as date objects of
numbers (``year``, then ``month`` and ``day`` only where known), a ``text``
object (``headline`` and ``text``, HTML allowed), a ``group`` and a
``unique_id``. Here: one slide per dated event at the precision its date is
known, grouped by year; the title slide gives the corpus and counts the
undated events left out. Corpus text is HTML-escaped: the text fields are
HTML.
"""

from __future__ import annotations

import orjson
from markupsafe import escape

from builder.model import Document, Dossier, Event
from builder.publish.labels import plural, shorten

HEADLINE_LENGTH = 110  # a slide's headline; the whole summary is in its text
SOURCES_SHOWN = 5  # citations on a slide; the rest are counted


def date_object(value: str) -> dict[str, int] | None:
    """A TimelineJS date object of an ISO date at its precision (``2024``, ``2024-03``, ``2024-03-04``).

    None for a value that is not a calendar date of that form (a week or a season).
    """
    parts = value.split("-")
    if not parts[0].isdigit() or len(parts) > 3 or not all(p.isdigit() for p in parts):
        return None
    date = {"year": int(parts[0])}
    for name, part in zip(("month", "day"), parts[1:], strict=False):
        date[name] = int(part)
    return date


def timeline(dossier: Dossier, title: str = "Briefing dossier") -> dict:
    """The TimelineJS3 data: a title slide and one slide per dated event, in date order."""
    documents = {doc.id: doc for doc in dossier.documents}
    names = {actor.id: actor.name for actor in dossier.actors}
    slides, left_out = [], 0
    for event in sorted(dossier.events, key=lambda e: (e.date or "", e.id)):
        slide = _slide(event, documents, names)
        if slide is None:
            left_out += 1
        else:
            slides.append(slide)
    return {"title": _title_slide(dossier, title, len(slides), left_out), "events": slides, "scale": "human"}


def timeline_json(dossier: Dossier, title: str = "Briefing dossier") -> str:
    """``timeline.json``: what ``new TL.Timeline(element, "timeline.json")`` reads."""
    return orjson.dumps(timeline(dossier, title), option=orjson.OPT_INDENT_2).decode() + "\n"


def _title_slide(dossier: Dossier, title: str, shown: int, left_out: int) -> dict:
    """The title slide: the corpus, its span, and how many events are on the timeline and not."""
    dates = sorted(doc.date for doc in dossier.documents if doc.date)
    span = f" from {dates[0]} to {dates[-1]}" if dates else ""
    text = f"{plural(shown, 'dated event')} from {plural(len(dossier.documents), 'article')}{span}."
    if left_out:
        undated = plural(left_out, "event")
        text += f" {undated} without a known date {'is' if left_out == 1 else 'are'} left out."
    return {"text": {"headline": str(escape(title)), "text": f"<p>{escape(text)}</p>"}}


def _slide(event: Event, documents: dict[str, Document], names: dict[str, str]) -> dict | None:
    """One event's slide; None when it has no calendar date."""
    start = date_object(event.date) if event.date else None
    if start is None:
        return None
    slide: dict = {"unique_id": event.id, "start_date": start}
    end = date_object(event.end_date) if event.end_date else None
    if end is not None and end != start:
        slide["end_date"] = end
    slide["text"] = {
        "headline": str(escape(shorten(event.summary, HEADLINE_LENGTH))),
        "text": _slide_text(event, documents, names),
    }
    slide["group"] = event.date[:4] if event.date else ""
    return slide


def _slide_text(event: Event, documents: dict[str, Document], names: dict[str, str]) -> str:
    """A slide's HTML: the summary, the date as written, who and where, and the sources quoted.

    Every value is escaped as it goes in (f-strings with ``escape``: ``Markup.format`` gave the
    same HTML through ``string.Formatter``, three times slower over the events of 1,000 articles).
    """
    parts = [f"<p>{escape(event.summary)}</p>"]
    written = f"Date as written: “{event.date_text}”" if event.date_text else "Date not written in the clause"
    if event.date_inferred or event.date_evidence:
        written += f" ({event.date_evidence or 'inferred'})"
    parts.append(f"<p><small>{escape(written)}</small></p>")
    who = [names[i] for i in dict.fromkeys((*event.actors, *event.places)) if i in names]
    if who:
        parts.append(f"<p>Who and where: {escape(', '.join(who))}</p>")
    items = []
    for span in event.sources[:SOURCES_SHOWN]:
        doc = documents.get(span.doc)
        cited = f"{doc.title} ¶{doc.paragraph_at(span.start).index + 1}" if doc else span.doc
        items.append(f"<li>“{escape(' '.join(span.text.split()))}” <cite>{escape(cited)}</cite></li>")
    more = len(event.sources) - SOURCES_SHOWN
    if more > 0:
        items.append(f"<li>and {escape(plural(more, 'source'))} more</li>")
    parts.append(f"<ul>{''.join(items)}</ul>")
    return "".join(parts)
