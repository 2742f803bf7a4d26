"""Machine-readable exports: ``dossier.json`` (the SPEC contract), CSV tables, and the registry
of every export format the site carries and ``dossier export --format`` writes.

The formats for other tools have modules of their own (:mod:`builder.publish.ftm`,
:mod:`builder.publish.timeline`, :mod:`builder.publish.network`), imported only when
their file is made: FollowTheMoney and networkx take a while to load.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import orjson

from builder.collector import collector_paused
from builder.model import Actor, Document, Dossier, Event, Figure, Span


def _span(span: Span) -> dict:
    return {"doc": span.doc, "start": span.start, "end": span.end, "text": span.text}


def dossier_to_dict(dossier: Dossier) -> dict:
    """The dossier as plain data, in a stable order."""
    return {
        "meta": _meta_dict(dossier),
        "documents": [_document_dict(d) for d in dossier.documents],
        "actors": [_actor_dict(a) for a in dossier.actors],
        "events": [_event_dict(e) for e in dossier.events],
        "figures": [report for f in dossier.figures for report in _figure_reports(f)],
    }


def _meta_dict(dossier: Dossier) -> dict:
    """How the dossier was built: the model, curation, the build date, the files skipped."""
    return {
        "model": dossier.model_name,
        "curated": dossier.curated,
        "built": dossier.built,
        "skipped": [{"path": s.path, "reason": s.reason, "severity": s.severity} for s in dossier.skipped],
    }


def _document_dict(d: Document) -> dict:
    """An article: its metadata, its text and its paragraphs."""
    return {
        "id": d.id,
        "title": d.title,
        "date": d.date,
        "date_source": d.date_source,
        "date_evidence": d.date_evidence,
        "path": d.path,
        "text": d.text,
        "paragraphs": [{"start": p.start, "end": p.end, "language": p.language} for p in d.paragraphs],
    }


def _actor_dict(a: Actor) -> dict:
    """An actor: names, kind, country, roles, quotes, related actors, curated facts, mentions."""
    return {
        "id": a.id,
        "name": a.name,
        "kind": a.kind,
        "subkind": a.subkind,
        "aliases": list(a.aliases),
        "country": a.country,
        "roles": [
            {
                "title": r.title,
                "organisation": r.organisation,
                "as_of": r.as_of,
                "source": _span(r.source),
                "curated": r.curated,
            }
            for r in a.roles
        ],
        "quotes": [{"text": q.text, "source": _span(q.source)} for q in a.quotes],
        "related": [{"actor": other, "count": count} for other, count in a.related],
        "curated": list(a.curated),
        "mentions": [_span(m.span) for m in a.mentions],
    }


def _event_dict(e: Event) -> dict:
    """An event: its date and how it is known, what happened, who and where, its sources."""
    return {
        "id": e.id,
        "date": e.date,
        "date_text": e.date_text,
        "date_inferred": e.date_inferred,
        "end_date": e.end_date,
        "summary": e.summary,
        "actors": list(e.actors),
        "places": list(e.places),
        "sources": [_span(s) for s in e.sources],
        "date_evidence": e.date_evidence,
        "precision": e.precision,
        "planned": e.planned,
    }


def _figure_reports(f: Figure) -> list[dict]:
    """A figure as the contract's records: one per sentence that reports it.

    SPEC gives a figure one ``source``, the sentence it was read from. A count that several
    articles repeat is one figure on the site, in the charts and in ``figures.csv``; here
    every report keeps its own record, so each statement still points at its own sentence,
    and the reports of one count share ``same_as`` (the figure's id on the site). The first
    record (its id is ``same_as``) lists every report's sentence in ``sources``; the others
    list none: with each of k reports listing all k, a toll repeated by 500 articles wrote
    250,000 sentences (half of a 105 MB file at 1,000 articles). A consumer that wants each
    count once keeps one record per ``same_as``.
    """
    record = _figure_dict(f)
    reports = [{**record, "same_as": f.id}]
    others = (source for source in f.sources if source != f.source)
    for number, source in enumerate(others, start=2):
        reports.append(
            {**record, "id": f"{f.id}.{number}", "source": _span(source), "sources": [], "same_as": f.id}
        )
    return reports


def _figure_dict(f: Figure) -> dict:
    """A figure: value (and a range's upper end), qualifier, what it counts, when (and where the date
    comes from) and where, its source and every sentence that reports it."""
    return {
        "id": f.id,
        "value": f.value,
        "value_max": f.value_max,
        "qualifier": f.qualifier,
        "category": f.category,
        "counted": f.counted,
        "date": f.date,
        "place": f.place,
        "vague": f.vague,
        "part_of_total": f.part_of_total,
        "date_source": f.date_source,
        "counted_head": f.counted_head,
        "source": _span(f.source),
        "sources": [_span(s) for s in f.sources],
    }


def dossier_json(dossier: Dossier) -> str:
    """``dossier.json``: the dossier as indented JSON."""
    # orjson: the standard library's encoder falls back to pure Python when it indents
    # (2.4 s of CPU for a 1,000-article dossier; orjson 0.13 s).
    return orjson.dumps(dossier_to_dict(dossier), option=orjson.OPT_INDENT_2).decode() + "\n"


def write_json(dossier: Dossier, path: Path | str) -> None:
    """Write ``dossier.json`` atomically: a crash never leaves half a file."""
    write_atomically(Path(path), dossier_json(dossier))


def write_atomically(path: Path, content: str) -> None:
    """Write ``content`` to a temporary file beside ``path``, then move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# A spreadsheet runs a cell that starts with one of these as a formula; corpus
# text ("=HYPERLINK(...)") must stay text, so such cells get a leading quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv(header: list[str], rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def figures_csv(dossier: Dossier) -> str:
    """``figures.csv``: one row a figure, with its (first) source span and sentence; after the first
    columns, which keep their order: a range's upper end (``value_max``), the vague mark ("dozens"),
    where the date comes from (``date_source``) and how many sentences report the figure (``sources``)."""
    return _csv(
        ["id", "value", "qualifier", "category", "counted", "date", "place",
         "doc", "start", "end", "sentence", "part_of_total", "value_max", "vague", "date_source", "sources"],
        [
            [f.id, f"{f.value:g}", f.qualifier, f.category, f.counted, f.date or "", f.place or "",
             f.source.doc, f.source.start, f.source.end, " ".join(f.source.text.split()),
             str(f.part_of_total).lower(), "" if f.value_max is None else f"{f.value_max:g}",
             str(f.vague).lower(), f.date_source, len(f.sources)]
            for f in dossier.figures
        ],
    )  # fmt: skip


def events_csv(dossier: Dossier) -> str:
    """``events.csv``: one row an event, actors and places by name, sources as ``doc:start-end``."""
    names = {a.id: a.name for a in dossier.actors}
    return _csv(
        ["id", "date", "date_text", "date_inferred", "summary", "actors", "places", "sources",
         "precision", "date_evidence", "planned"],
        [
            [e.id, e.date or "", e.date_text, str(e.date_inferred).lower(), e.summary,
             "; ".join(names.get(i, i) for i in e.actors), "; ".join(names.get(i, i) for i in e.places),
             "; ".join(f"{s.doc}:{s.start}-{s.end}" for s in e.sources),
             e.precision or "", e.date_evidence or "", str(e.planned).lower()]
            for e in dossier.events
        ],
    )  # fmt: skip


# --- every export, for the site, the command line and the pages that link them --------------


def _json(dossier: Dossier, title: str) -> str:
    return dossier_json(dossier)


def _figures(dossier: Dossier, title: str) -> str:
    return figures_csv(dossier)


def _events(dossier: Dossier, title: str) -> str:
    return events_csv(dossier)


def _ftm(dossier: Dossier, title: str) -> str:
    from builder.publish.ftm import entities_ftm_json

    return entities_ftm_json(dossier)


def _timeline(dossier: Dossier, title: str) -> str:
    from builder.publish.timeline import timeline_json

    return timeline_json(dossier, title)


def _gexf(dossier: Dossier, title: str) -> str:
    from builder.publish.network import network_gexf

    return network_gexf(dossier)


def _graphml(dossier: Dossier, title: str) -> str:
    from builder.publish.network import network_graphml

    return network_graphml(dossier)


@dataclass(frozen=True)
class ExportFile:
    """One export file: its name in the site, what it holds, and what makes it from the dossier."""

    name: str
    description: str  # for the home page, the About page and ``dossier --help``
    render: Callable[[Dossier, str], str]  # (dossier, title) -> the file's text


@dataclass(frozen=True)
class ExportFormat:
    """A value of ``dossier export --format`` and the files it writes."""

    name: str
    files: tuple[ExportFile, ...]


EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("json", (ExportFile("dossier.json", "the whole dossier (the contract in SPEC.md)", _json),)),
    ExportFormat("ftm", (ExportFile("entities.ftm.json", "FollowTheMoney entities, one a line, for Aleph",
                                    _ftm),)),
    ExportFormat("timeline", (ExportFile("timeline.json", "the dated events for TimelineJS", _timeline),)),
    ExportFormat("gexf", (ExportFile("network.gexf", "who is named with whom, for Gephi", _gexf),)),
    ExportFormat("graphml", (ExportFile("network.graphml", "the same network as GraphML", _graphml),)),
    ExportFormat("csv", (
        ExportFile("figures.csv", "every figure with its sentence", _figures),
        ExportFile("events.csv", "every event with its sources", _events),
    )),
)  # fmt: skip
EXPORTS: tuple[ExportFile, ...] = tuple(file for fmt in EXPORT_FORMATS for file in fmt.files)


def export_format(name: str) -> ExportFormat:
    """The export format called ``name`` (a ``KeyError`` names the ones there are)."""
    for fmt in EXPORT_FORMATS:
        if fmt.name == name:
            return fmt
    raise KeyError(f"no export format {name!r}; the formats are {', '.join(f.name for f in EXPORT_FORMATS)}")


def export_files(dossier: Dossier, title: str = "Briefing dossier") -> dict[str, str]:
    """Every export file of the site: ``{file name: text}``."""
    # Many records, next to no garbage in reference cycles: the collector would only walk them.
    with collector_paused():
        return {file.name: file.render(dossier, title) for file in EXPORTS}
