"""The rows the site's pages and the PDF briefing show, as small frozen records.

Python builds the rows (sorting, grouping, links); the templates only lay them
out. The site (:mod:`builder.publish.pages`) and the briefing
(:mod:`builder.publish.briefing`) build theirs with the same functions here, so
page and paper never disagree; the briefing narrows a row with
``dataclasses.replace``. Rows compare and pickle by value: the page memo
(``pages.RenderMemo``) digests the views they make up.
"""

from __future__ import annotations

import bisect
import calendar
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from markupsafe import Markup

from builder.model import Actor, Document, Dossier, Event, Figure, Mention, Quote, Role
from builder.publish.figure_groups import (
    FIGURE_GROUPS,
    category_chart_path,
    category_title,
    charted_categories,
    figures_in_group,
)
from builder.publish.labels import qualified_value
from builder.publish.links import ActorLink, Linker, SourceLink, paragraph_anchor
from builder.publish.review import CHECKS, CuratedFact, Fix, ReviewEntry
from builder.publish.templating import escape_md
from builder.values.slugs import slugify_name
from builder.values.typography import printed_quotes, quoted_inside_quotes

# The corpus at a glance (the home page and the briefing's summary).
KEY_ACTORS = 10
LATEST_EVENTS = 8
HEADLINE_FIGURES_PER_GROUP = 3

# A mark of a source text: (start, end, actor id).
Mark = tuple[int, int, str]


# --- rows ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActorRow:
    """An actor as a table row: link,  kind, country, main role, mentions, first and last seen."""

    href: Markup | None
    label: str
    kind: str
    name: str
    subkind: str | None
    country: str | None
    role: str | None
    mentions: int
    first: str | None
    last: str | None
    anchor: str | None = None  # its id where the row is itself a link target (the briefing's list of names)
    # the sentence that gives the country, and its source (none for a place or a curated country)
    country_evidence: str | None = None
    country_source: SourceLink | None = None
    # an actor without a page of its own (``links.deserves_page``): the sentence it is seen in
    seen_in: SourceLink | None = None


@dataclass(frozen=True)
class EventRow:
    """An event as a table row: when, what, who and where, and its sources."""

    anchor: str
    date: str | None
    end_date: str | None
    date_text: str
    date_inferred: bool
    summary: str
    actors: tuple[ActorLink, ...]
    places: tuple[ActorLink, ...]
    sources: tuple[SourceLink, ...]
    planned: bool = False  # told as still to happen: shown with a "planned" mark
    why_undated: str | None = None  # an undated event's reason ("the article has no dateline, ...")
    # Names and sources a shortened row leaves out (see ``shortened_event``), and where the whole
    # row is (its chronology entry; None in print, where the count alone is shown).
    more_names: int = 0
    more_sources: int = 0
    whole_row: Markup | None = None


@dataclass(frozen=True)
class FigureRow:
    """A figure as a table row: its value as written (``≥500``), what it counts, and its source."""

    value: str
    sort_value: float
    qualifier: str
    counted: str
    category: str
    date: str | None
    place: str | None
    vague: bool
    part_of_total: bool
    source: SourceLink
    group: str | None = None  # the figure group's title, in a table of several groups
    more_sources: tuple[SourceLink, ...] = ()  # other sentences that report the same count
    date_from_article: bool = False  # the date is the article's, not written beside the count


@dataclass(frozen=True)
class CategoryChart:
    """The chart of one figure category that has figures."""

    category: str
    title: str  # the chart's heading: "Killed"
    chart: Markup


@dataclass(frozen=True)
class FigureGroupRow:
    """One figure group: a chart per category with figures, and its figures, largest first."""

    title: str
    categories: str
    charts: tuple[CategoryChart, ...]  # none when the group has no figures
    figures: tuple[FigureRow, ...]
    total: int  # figures in the group; ``figures`` may show only the largest

    @property
    def shown(self) -> int:
        return len(self.figures)


@dataclass(frozen=True)
class RoleRow:
    """A role an actor holds, as stated in a source."""

    title: str
    organisation: str | None
    as_of: str | None
    curated: bool
    source: SourceLink
    until: str | None = None  # the last source's date, when later than ``as_of``
    sources: tuple[SourceLink, ...] = ()  # every source stating it, ``source`` first


@dataclass(frozen=True)
class QuoteRow:
    """A quote, with its source."""

    text: str
    source: SourceLink


@dataclass(frozen=True)
class RelatedActor:
    """An actor named in the same sentences as another: a link, and how many sentences."""

    href: Markup | None
    label: str
    kind: str
    shared: int


@dataclass(frozen=True)
class MentionRow:
    """A mention of an actor in its sentence: the text before, the name, the text after."""

    before: str
    mark: str
    after: str
    source: SourceLink


@dataclass(frozen=True)
class DocumentRow:
    """An article's metadata; in a list of articles, a link to its page."""

    id: str
    title: str
    date: str | None
    date_source: str
    date_evidence: str | None
    path: str
    paragraphs: int
    href: Markup | None = None
    mentions: int = 0
    anchor: str | None = None  # its id in the briefing's list of sources


@dataclass(frozen=True)
class Segment:
    """A piece of a source paragraph: plain text, or a name linked to its actor."""

    text: str
    link: ActorLink | None


@dataclass(frozen=True)
class ParagraphRow:
    """A source paragraph, its anchor and its pieces."""

    anchor: str
    number: int
    language: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class EventMonth:
    """A chronology's month: its heading and its events."""

    heading: str
    events: tuple[EventRow, ...]


@dataclass(frozen=True)
class EventYear:
    """A chronology's year and its months (a month unknown after the months)."""

    year: str
    months: tuple[EventMonth, ...]


@dataclass(frozen=True)
class Chronology:
    """Event rows by year and month, and the undated ones apart."""

    years: tuple[EventYear, ...]
    undated: tuple[EventRow, ...]


@dataclass(frozen=True)
class CorpusSpan:
    """The dates of the first and last dated articles."""

    first: str | None
    last: str | None


@dataclass(frozen=True)
class CorpusCounts:
    """How many articles, actors of each kind, events, figures and skipped files."""

    documents: int
    undated: int
    persons: int
    organisations: int
    places: int
    events: int
    figures: int
    skipped: int


@dataclass(frozen=True)
class Summary:
    """The corpus at a glance: span, counts, key actors, latest events, headline figures."""

    span: CorpusSpan
    counts: CorpusCounts
    key_actors: tuple[ActorRow, ...]
    latest_events: tuple[EventRow, ...]
    headline_figures: tuple[FigureRow, ...]


@dataclass(frozen=True)
class ReviewRow:
    """An entry of "Check these first": the statement, why it is doubtful, where to read, how to fix."""

    anchor: str
    rank: int
    check: str  # the check's title
    doubt: str  # "0.85"
    statement: str
    why: str
    actors: tuple[ActorLink, ...]
    sources: tuple[SourceLink, ...]
    fix: Markup | None  # curation.yaml lines, escaped, newlines and indents kept (for a <pre>)
    confirm: Markup | None


@dataclass(frozen=True)
class CheckCount:
    """How many entries one check found."""

    title: str
    count: int


@dataclass(frozen=True)
class CuratedRow:
    """A fact curation set: the actor (or article) it is on, and which facts."""

    link: ActorLink | SourceLink | None
    label: str
    facts: str


def template_names(record: Any) -> dict[str, Any]:
    """A record's fields as a template's names (shallow: the rows inside stay records)."""
    return {field.name: getattr(record, field.name) for field in fields(record)}


# --- the functions that make them ------------------------------------------------------


def summary(dossier: Dossier, linker: Linker, here: str) -> Summary:
    """The home page's and the briefing's summary of the corpus."""
    dated_docs = sorted(doc.date for doc in dossier.documents if doc.date)
    kinds = Counter(actor.kind for actor in dossier.actors)
    key_actors = sorted(dossier.actors, key=by_mentions)[:KEY_ACTORS]
    newest = dated_docs[-1] if dated_docs else None
    dated_events = sorted((e for e in dossier.events if is_past(e, newest)), key=event_order, reverse=True)
    headline = []
    for group in FIGURE_GROUPS:
        for figure in figures_in_group(dossier.figures, group)[:HEADLINE_FIGURES_PER_GROUP]:
            headline.append(figure_row(figure, linker, here, group=group.title))
    return Summary(
        span=CorpusSpan(dated_docs[0] if dated_docs else None, dated_docs[-1] if dated_docs else None),
        counts=CorpusCounts(
            documents=len(dossier.documents),
            undated=sum(1 for doc in dossier.documents if not doc.date),
            persons=kinds.get("person", 0),
            organisations=kinds.get("organisation", 0),
            places=kinds.get("place", 0),
            events=len(dossier.events),
            figures=len(dossier.figures),
            skipped=len(dossier.skipped),
        ),
        key_actors=tuple(actor_row(actor, linker, here) for actor in key_actors),
        latest_events=tuple(event_row(event, linker, here) for event in dated_events[:LATEST_EVENTS]),
        headline_figures=tuple(headline),
    )


def is_past(event: Event, newest_article: str | None) -> bool:
    """Whether ``event`` is dated and already happened when the corpus was written.

    A planned event (a forecast, a schedule) is not news yet, and neither is an event dated after
    the newest article: "latest events" are the latest that happened. Dates compare as ISO text,
    so an event known only to the newest article's month or year counts as past.
    """
    if not event.date or event.planned:
        return False
    return newest_article is None or event.date[: len(newest_article)] <= newest_article


def actor_row(actor: Actor, linker: Linker, here: str) -> ActorRow:
    """One actor as a table row, shared between the pages of a folder (see ``Linker.per_folder``)."""
    return linker.per_folder(("actor row", actor.id), here, lambda: _new_actor_row(actor, linker, here))


def _new_actor_row(actor: Actor, linker: Linker, here: str) -> ActorRow:
    link = linker.actor_link(actor.id, here)
    dates = sorted(d for d in (_doc_date(linker, m.span.doc) for m in actor.mentions) if d)
    has_page = linker.has_page(actor.id)
    return ActorRow(
        # Without a page, the row is where the actor lives: its name cites the sentence instead.
        href=link.href if has_page else None,
        label=link.label,
        kind=actor.kind,
        name=actor.name,
        subkind=actor.subkind,
        country=actor.country,
        role=main_role(actor),
        mentions=len(actor.mentions),
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        # shown inside quotation marks on the page
        country_evidence=quoted_inside_quotes(actor.country_evidence.text)
        if actor.country_evidence
        else None,
        country_source=linker.source_link(actor.country_evidence, here) if actor.country_evidence else None,
        seen_in=None if has_page else linker.source_link(actor.mentions[0].span, here),
    )


def event_row(event: Event, linker: Linker, here: str) -> EventRow:
    """An event as a table row, shared between the pages of a folder (see ``Linker.per_folder``)."""
    return linker.per_folder(("event row", event.id), here, lambda: _new_event_row(event, linker, here))


def _new_event_row(event: Event, linker: Linker, here: str) -> EventRow:
    return EventRow(
        anchor=event_anchor(event),
        date=event.date,
        end_date=event.end_date,
        date_text=event.date_text,
        date_inferred=event.date_inferred,
        summary=event.summary,
        actors=tuple(linker.actor_link(a, here) for a in event.actors),
        places=tuple(linker.actor_link(p, here) for p in event.places),
        sources=tuple(linker.source_link(span, here) for span in event.sources),
        planned=event.planned,
        why_undated=None if event.date else event.date_evidence,
    )


def shortened_event(row: EventRow, sources: int, names: int, whole_row: Markup | None = None) -> EventRow:
    """``row`` with at most ``sources`` citations and ``names`` actors and places, counting the rest.

    An event merged from many reports can name hundreds of both: repeated on the page of
    every actor it names, such rows were most of a large corpus's site. ``whole_row``
    links to the full row, where there is one.
    """
    if len(row.sources) <= sources and len(row.actors) + len(row.places) <= names:
        return row
    actors = row.actors[:names]
    places = row.places[: names - len(actors)]
    return replace(
        row,
        actors=actors,
        places=places,
        more_names=len(row.actors) + len(row.places) - len(actors) - len(places),
        sources=row.sources[:sources],
        more_sources=max(len(row.sources) - sources, 0),
        whole_row=whole_row,
    )


def figure_row(figure: Figure, linker: Linker, here: str, group: str | None = None) -> FigureRow:
    """A figure as a table row; ``group`` names its figure group where a table mixes groups."""
    return FigureRow(
        value=qualified_value(figure.value, figure.qualifier, figure.value_max, figure.vague),
        sort_value=figure.value,
        qualifier=figure.qualifier.replace("_", " "),
        counted=figure.counted,
        category=figure.category,
        date=figure.date,
        place=figure.place,
        vague=figure.vague,
        part_of_total=figure.part_of_total,
        source=linker.source_link(figure.source, here),
        group=group,
        more_sources=tuple(linker.source_link(span, here) for span in figure.sources[1:]),
        date_from_article=figure.date_source == "article",
    )


def figure_group_rows(
    figures: Sequence[Figure], linker: Linker, here: str, largest: int | None = None
) -> list[FigureGroupRow]:
    """Every figure group with its categories' charts and its figures (only its ``largest`` when given).

    The charts are those of every category of ``figures`` that has any, whatever ``largest``.
    """
    groups = []
    for group in FIGURE_GROUPS:
        in_group = figures_in_group(figures, group)
        shown = in_group if largest is None else in_group[:largest]  # largest first
        groups.append(
            FigureGroupRow(
                title=group.title,
                categories=", ".join(group.categories),
                charts=tuple(
                    CategoryChart(
                        category=category,
                        title=category_title(category),
                        chart=linker.href(category_chart_path(category), here),
                    )
                    for category in charted_categories(figures, group)
                ),
                figures=tuple(figure_row(f, linker, here) for f in shown),
                total=len(in_group),
            )
        )
    return groups


def chronology(events: Iterable[Event], row: Callable[[Event], EventRow]) -> Chronology:
    """``events`` by year and month as rows made by ``row``; undated events apart."""
    years: dict[str, dict[str | None, list[EventRow]]] = defaultdict(lambda: defaultdict(list))
    undated = []
    for event in sorted(events, key=event_order):
        if not event.date:
            undated.append(row(event))
            continue
        month = event.date[5:7] if len(event.date) >= 7 else None
        years[event.date[:4]][month].append(row(event))
    grouped = []
    for year in sorted(years):
        months = []
        # Events known only to the year come after that year's months.
        for month in sorted(years[year], key=lambda m: (m is None, m or "")):
            heading = f"{calendar.month_name[int(month)]} {year}" if month else f"{year}, month unknown"
            months.append(EventMonth(heading, tuple(years[year][month])))
        grouped.append(EventYear(year, tuple(months)))
    return Chronology(tuple(grouped), tuple(undated))


def role_rows(actor: Actor, linker: Linker, here: str) -> tuple[RoleRow, ...]:
    """An actor's roles, each with its source."""
    return tuple(_role_row(role, linker, here) for role in actor.roles)


def _role_row(role: Role, linker: Linker, here: str) -> RoleRow:
    return RoleRow(
        role.title,
        role.organisation,
        role.as_of,
        role.curated,
        linker.source_link(role.source, here),
        until=role.until,
        sources=tuple(linker.source_link(source, here) for source in role.sources or (role.source,)),
    )


def quote_rows(quotes: Iterable[Quote], linker: Linker, here: str) -> tuple[QuoteRow, ...]:
    """Quotes, each with its source."""
    return tuple(QuoteRow(quote.text, linker.source_link(quote.source, here)) for quote in quotes)


def related_actors(
    actor: Actor, linker: Linker, here: str, limit: int | None = None
) -> tuple[RelatedActor, ...]:
    """The actors named in the same sentences as ``actor`` (at most ``limit``), most shared first."""
    related = [
        (other, shared) for other, shared in actor.related if other in linker.actors and other != actor.id
    ]
    rows = []
    for other, shared in related[:limit]:
        link = linker.actor_link(other, here)
        rows.append(RelatedActor(link.href, link.label, link.kind, shared))
    return tuple(rows)


def other_names(actor: Actor) -> list[str]:
    """The other ways an actor's name is written, A-Z, each with why it was joined when known
    ("Orchard Inc. (legal form)")."""
    why = dict(actor.also_written)
    return [
        f"{name} ({why[name]})" if name in why else name for name in sorted(set(actor.aliases) - {actor.name})
    ]


def mention_row(mention: Mention, linker: Linker, here: str) -> MentionRow:
    """A mention in the words of its sentence (the name alone when the sentence is not known)."""
    doc = linker.documents[mention.span.doc]
    sentence, span = mention.sentence, mention.span
    if sentence.doc == span.doc and sentence.start <= span.start and span.end <= sentence.end:
        before = doc.text[sentence.start : span.start]
        after = doc.text[span.end : sentence.end]
    else:
        before = after = ""
    return MentionRow(
        printed_quotes(before),
        doc.text[span.start : span.end] or span.text,
        printed_quotes(after),
        linker.source_link(span, here),
    )


def document_row(doc: Document) -> DocumentRow:
    """An article's metadata."""
    return DocumentRow(
        id=doc.id,
        title=doc.title,
        date=doc.date,
        date_source=doc.date_source,
        date_evidence=doc.date_evidence,
        path=doc.path,
        paragraphs=len(doc.paragraphs),
    )


def source_rows(dossier: Dossier, linker: Linker, here: str) -> list[DocumentRow]:
    """Every article with its metadata, a link to its page and its mentions; oldest first, undated last."""
    mentions = Counter(m.span.doc for actor in dossier.actors for m in actor.mentions)
    docs = sorted(dossier.documents, key=lambda d: (d.date is None, d.date or "", d.id))
    return [
        replace(
            document_row(doc),
            href=linker.href(linker.source_page(doc.id), here),
            mentions=mentions.get(doc.id, 0),
        )
        for doc in docs
    ]


def paragraph_rows(
    doc: Document, marks: Sequence[Mark], linker: Linker, here: str
) -> tuple[ParagraphRow, ...]:
    """A source's paragraphs, the names in them linked to their actors (``marks``: see marks_by_document)."""
    kept = _non_overlapping(marks)
    # Sorted and non-overlapping, so starts and ends both ascend: the marks inside a paragraph
    # are one run of them, found by bisection (a scan per paragraph is quadratic in a long article).
    starts, ends = [mark[0] for mark in kept], [mark[1] for mark in kept]
    paragraphs = []
    for paragraph in doc.paragraphs:
        first = bisect.bisect_left(starts, paragraph.start)
        inside = kept[first : max(first, bisect.bisect_right(ends, paragraph.end))]
        paragraphs.append(
            ParagraphRow(
                anchor=paragraph_anchor(paragraph.index + 1),
                number=paragraph.index + 1,
                language=paragraph.language,
                segments=_segments(doc.text, paragraph.start, paragraph.end, inside, linker, here),
            )
        )
    return tuple(paragraphs)


def _non_overlapping(marks: Iterable[Mark]) -> list[Mark]:
    """Non-overlapping (start, end, actor id) marks of a document, first and longest win."""
    kept, reached = [], -1
    for start, end, actor_id in sorted(marks, key=lambda mark: (mark[0], -mark[1], mark[2])):
        if start >= reached and end > start:
            kept.append((start, end, actor_id))
            reached = end
    return kept


def _segments(
    text: str, start: int, end: int, marks: Iterable[Mark], linker: Linker, here: str
) -> tuple[Segment, ...]:
    """Split ``text[start:end]`` into plain pieces and marked pieces linked to actors."""
    segments, cursor = [], start
    for mark_start, mark_end, actor_id in marks:
        if mark_start > cursor:
            segments.append(Segment(text[cursor:mark_start], None))
        segments.append(Segment(text[mark_start:mark_end], linker.actor_link(actor_id, here)))
        cursor = mark_end
    if cursor < end:
        segments.append(Segment(text[cursor:end], None))
    return tuple(segments)


# --- look-ups built once per render ------------------------------------------------------
# So that a page finds its own events and marks instead of scanning every event or
# mention of the corpus (quadratic in N).


def events_by_actor(events: Iterable[Event]) -> dict[str, list[Event]]:
    """Each actor's (or place's) events, in chronology order."""
    found: dict[str, list[Event]] = defaultdict(list)
    for event in sorted(events, key=event_order):
        for actor_id in dict.fromkeys((*event.actors, *event.places)):
            found[actor_id].append(event)
    return found


def marks_by_document(actors: Iterable[Actor]) -> dict[str, list[Mark]]:
    """Each article's mentions as (start, end, actor id) marks."""
    found: dict[str, list[Mark]] = defaultdict(list)
    for actor in actors:
        for mention in actor.mentions:
            found[mention.span.doc].append((mention.span.start, mention.span.end, actor.id))
    return found


# --- orders and small facts ----------------------------------------------------------------


def by_mentions(actor: Actor) -> tuple:
    """Sort key of actors: most mentioned first, then by name."""
    return (-len(actor.mentions), actor.name.casefold(), actor.id)


def event_order(event: Event) -> tuple:
    """Sort key of events in a chronology: by date (undated last), then id."""
    return (event.date or "9999", event.id)


def figure_order(figure: Figure) -> tuple:
    """Figures in a list: by category, then date (undated last), largest first."""
    return (figure.category, figure.date or "9999", -figure.value, figure.id)


def event_anchor(event: Event) -> str:
    """The HTML id of an event's row."""
    slug = slugify_name(event.id)
    return slug if slug.startswith("event") else f"event-{slug}"


# Courtesy titles (English usage): they say how a person is addressed, not what they do, and
# give way to any other role ("Dr." to "surgeon in Portville").
COURTESY_TITLES = frozenset("mr mrs ms miss dr rev sir dame".split())


def main_role(actor: Actor) -> str | None:
    """The role title stated in most sources, a courtesy title ("Dr.") only when there is no other;
    on a tie, the one stated first."""
    if not actor.roles:
        return None
    ranked = min(
        enumerate(actor.roles),
        key=lambda at: (
            at[1].title.casefold().rstrip(".") in COURTESY_TITLES,
            -max(len(at[1].sources), 1),
            at[0],
        ),
    )
    return ranked[1].title


def document_order(linker: Linker, doc_id: str) -> tuple:
    """Sort key of articles: by date, undated (or unknown) last, then id."""
    doc = linker.documents.get(doc_id)
    return (doc is None or doc.date is None, doc.date if doc and doc.date else "", doc_id)


def _doc_date(linker: Linker, doc_id: str) -> str | None:
    doc = linker.documents.get(doc_id)
    return doc.date if doc else None


# --- check these first ------------------------------------------------------------------------


def review_rows(entries: Sequence[ReviewEntry], linker: Linker, here: str) -> tuple[ReviewRow, ...]:
    """The review's entries as rows, numbered in rank order."""
    return tuple(
        ReviewRow(
            anchor=f"check-{slugify_name(entry.key)}",
            rank=rank,
            check=CHECKS[entry.check],
            doubt=f"{entry.doubt:.2f}",
            statement=entry.statement,
            why=entry.why,
            actors=tuple(linker.actor_link(a, here) for a in entry.actors if a in linker.actors),
            sources=tuple(linker.source_link(span, here) for span in entry.sources),
            fix=curation_lines(entry.fix),
            confirm=curation_lines(entry.confirm),
        )
        for rank, entry in enumerate(entries, start=1)
    )


def curation_lines(fix: Fix | None) -> Markup | None:
    """A fix's lines of curation.yaml for a ``<pre>``: each escaped, its indent and line breaks kept."""
    if fix is None:
        return None
    lines = []
    for line in fix.lines.splitlines():
        text = line.lstrip(" ")
        lines.append(Markup(" " * (len(line) - len(text))) + escape_md(text))
    return Markup("\n").join(lines)


def check_counts(entries: Iterable[ReviewEntry]) -> tuple[CheckCount, ...]:
    """How many entries each check found, in the checks' order (checks with none left out)."""
    counts = Counter(entry.check for entry in entries)
    return tuple(CheckCount(title, counts[check]) for check, title in CHECKS.items() if counts[check])


def curated_rows(facts: Iterable[CuratedFact], linker: Linker, here: str) -> tuple[CuratedRow, ...]:
    """What curation set, each linked to its actor's page or its article."""
    rows = []
    for fact in facts:
        link: ActorLink | SourceLink | None = None
        if fact.subject in linker.actors:
            link = linker.actor_link(fact.subject, here)
        elif fact.subject in linker.documents:
            doc = linker.documents[fact.subject]
            link = SourceLink(linker.href(linker.source_page(doc.id), here), doc.title, doc.title)
        rows.append(CuratedRow(link, fact.label, ", ".join(fact.facts)))
    return tuple(rows)
