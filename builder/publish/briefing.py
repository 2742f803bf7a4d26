"""The PDF briefing: the site's rows laid out for paper, typeset by Typst.

The briefing builds its sections from the rows of :mod:`builder.publish.views`
and draws on the site's charts, so page and paper never disagree. Only the
links differ: :class:`PrintLinker` points them at labels inside the one PDF
document instead of at site pages. Typesetting (a worker process, the cache,
the charts given from memory) is :mod:`builder.publish.typeset`'s.

A briefing selects: past the caps below, each section prints its best items
and says how many it left out (the site and the exports carry them all), and
a link to an actor or a source the PDF does not print is plain text.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from markupsafe import Markup

from builder.collector import collector_paused
from builder.model import Actor, Document, Dossier, Event, Figure, Span
from builder.publish import views
from builder.publish.figure_groups import FIGURE_GROUPS, figures_in_group
from builder.publish.links import CHART_DIR, ActorLink, Linker, SourceLink
from builder.publish.review import ReviewEntry, review_entries
from builder.publish.templating import make_print_environment
from builder.publish.typeset import PendingPdf, TypesetJob

PRINT_TEMPLATE = "print/briefing.typ.j2"
DEFAULT_TITLE = "Briefing dossier"

# A profile for an actor named this often (or with a role, a quote or an
# event); the others are listed in one compact table so every link has a target.
PROFILE_MIN_MENTIONS = 2
SUMMARY_KEY_DATES = 6
PROFILE_ROLES = 3
PROFILE_QUOTES = 1
PROFILE_EVENTS = 4
PROFILE_RELATED = 8

# What the print edition carries at most. A corpus of a few dozen articles
# prints whole; one of a thousand prints in a few dozen pages and typesets in
# under a second (the typesetter's time follows the page count). Each capped section
# says how many items it shows out of how many; the site and the exports
# (events.csv, figures.csv, dossier.json) carry every one.
CHRONOLOGY_EVENTS = 30  # the best attested: most sources, then most actors and places
FIGURES_PER_GROUP = 8  # the largest of each figure group (each category's chart draws its largest 15)
OTHER_FIGURES = 8  # the largest figures outside the chart groups
PROFILES = 30  # the most mentioned people and organisations
OTHER_ACTORS = 30  # the most mentioned of the other names, one table row each
SOURCES = 20  # the articles the printed events, figures and profiles cite most
REVIEW_ENTRIES = 30  # the appendix "Check these first": the most doubtful statements
# An event merged from many reports names dozens of sources and actors: a row
# that tall would not fit a page. Past these, the row says how many more.
EVENT_SOURCES = 2
EVENT_NAMES = 8

# Site pages and the briefing section that stands in for each.
_SECTIONS = {
    "index.md": "summary",
    "actors/index.md": "actors",
    "chronology.md": "chronology",
    "figures.md": "figures",
    "sources/index.md": "sources",
    "report.md": "sources",
}


class PrintLinker(Linker):
    """Links inside the PDF: actors and sources are anchors, charts come from memory.

    Args:
        actors, documents: the ids of the actors and articles the PDF prints an
            entry for (all when not given); a link to any other is plain text.
    """

    def __init__(
        self, dossier: Dossier, actors: Iterable[str] | None = None, documents: Iterable[str] | None = None
    ) -> None:
        super().__init__(dossier)
        self.printed_actors = set(self.actors if actors is None else actors)
        self.printed_documents = set(self.documents if documents is None else documents)

    def href(self, target: str, from_page: str) -> Markup:
        path, _, _anchor = target.partition("#")
        if path in _SECTIONS:
            return Markup(f"#{_SECTIONS[path]}")
        folder, _, name = path.partition("/")
        # The briefing lists sources, not their text: a citation lands on the
        # source entry (its label keeps the paragraph number).
        if folder in ("actors", "sources") and name.endswith(".md"):
            return Markup(f"#{print_anchor(folder, name[: -len('.md')])}")
        return Markup(path)

    def has_page(self, actor_id: str) -> bool:
        # Every actor the briefing links to has an entry of its own: the site's pages are not paper's.
        return True

    def actor_link(self, actor_id: str, from_page: str) -> ActorLink:
        link = super().actor_link(actor_id, from_page)
        return link if actor_id in self.printed_actors else replace(link, href=None)

    def source_link(self, span: Span, from_page: str) -> SourceLink:
        link = super().source_link(span, from_page)
        return link if span.doc in self.printed_documents else replace(link, href=None)


def print_anchor(folder: str, slug: str) -> str:
    """The id of an actor's or a source's entry in the briefing."""
    return f"{'actor' if folder == 'actors' else 'source'}-{slug}"


def briefing_source(
    dossier: Dossier, templates_dir: Path, title: str = DEFAULT_TITLE, today: str | None = None
) -> str:
    """The briefing as one Typst document (the input of the typesetter)."""
    env = make_print_environment(Path(templates_dir))
    with collector_paused():  # as for the site's pages (``pages.render_site``)
        return env.get_template(PRINT_TEMPLATE).render(
            **briefing_view(dossier, select_printed(dossier), title, today)
        )


def typeset_job(
    dossier: Dossier,
    templates_dir: Path,
    title: str = DEFAULT_TITLE,
    assets: Mapping[str, str | bytes] | None = None,
    today: str | None = None,
    source: str | None = None,
) -> TypesetJob:
    """The briefing's Typst source and charts (see :func:`briefing_pdf` for the arguments).

    ``source``: the briefing's source when it is rendered already (:func:`briefing_source`).
    """
    if assets is None:
        from builder.publish.pages import render_charts  # draws: matplotlib, only when needed

        assets = render_charts(dossier)
    if source is None:
        source = briefing_source(dossier, Path(templates_dir), title, today)
    return TypesetJob.of(source, assets)


def briefing_pdf(
    dossier: Dossier,
    templates_dir: Path,
    title: str = DEFAULT_TITLE,
    assets: Mapping[str, str | bytes] | None = None,
    today: str | None = None,
    cache_dir: Path | str | None = None,
) -> bytes:
    """Typeset the briefing to PDF bytes.

    Args:
        dossier: the resolved dossier.
        templates_dir: the site's templates folder (holds ``print/``).
        title: the title on the cover and in the running header.
        assets: the site's rendered files (``{path: content}``) to take the
            charts from; drawn afresh when not given.
        today: the build date on the cover when the dossier carries none.
        cache_dir: a folder to keep typeset PDFs in (in its ``briefing/``
            subfolder), keyed by everything the typesetter reads; the same inputs
            return the stored PDF without typesetting. No cache when not given.
    """
    job = typeset_job(dossier, templates_dir, title, assets, today)
    return PendingPdf(job, cache_dir, background=False).result()


def write_briefing(dossier: Dossier, templates_dir: Path, output: Path, **options) -> Path:
    """Write the PDF briefing to ``output`` (folders are created)."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(briefing_pdf(dossier, templates_dir, **options))
    return output


# --- what the print edition carries ------------------------------------------------


@dataclass(frozen=True)
class PrintSelection:
    """The part of a dossier the briefing prints, and the totals it was chosen from."""

    events: tuple[Event, ...]
    figures: tuple[Figure, ...]
    profiled: tuple[Actor, ...]
    listed: tuple[Actor, ...]
    documents: tuple[Document, ...]
    totals: dict[str, int]  # section -> how many items the dossier holds


def select_printed(dossier: Dossier) -> PrintSelection:
    """What each section of the briefing prints, within the caps."""
    events = best_attested(dossier.events, CHRONOLOGY_EVENTS)
    figures, totals = [], {}
    grouped = set()
    for group in FIGURE_GROUPS:
        members = figures_in_group(dossier.figures, group)
        figures += members[:FIGURES_PER_GROUP]  # the ones _figure_groups tables
        grouped.update(group.categories)
    others = sorted(
        (figure for figure in dossier.figures if figure.category not in grouped),
        key=lambda figure: (-figure.value, figure.id),
    )
    figures += others[:OTHER_FIGURES]
    notable, rest = _split_actors(dossier)
    profiled = notable[:PROFILES]
    # Past the cap, the next people and organisations join the compact table.
    listed = sorted(notable[PROFILES:] + rest, key=views.by_mentions) if len(notable) > PROFILES else rest
    listed = listed[:OTHER_ACTORS]
    cited = Counter(span.doc for event in events for span in event.sources)
    cited.update(figure.source.doc for figure in figures)
    for actor in profiled:
        cited.update(role.source.doc for role in actor.roles[:PROFILE_ROLES])
        cited.update(quote.source.doc for quote in actor.quotes[:PROFILE_QUOTES])
    documents = list(dossier.documents)
    if len(documents) > SOURCES:
        # Most cited first; on a tie the most recent, then the undated.
        documents.sort(key=lambda doc: doc.id)
        documents.sort(key=lambda doc: doc.date or "", reverse=True)
        documents.sort(key=lambda doc: -cited[doc.id])
        documents = documents[:SOURCES]
    totals.update(
        events=len(dossier.events),
        other_figures=len(others),
        profiles=len(notable),
        other_actors=len(notable) - len(profiled) + len(rest),
        sources=len(dossier.documents),
    )
    return PrintSelection(
        events=tuple(events),
        figures=tuple(figures),
        profiled=tuple(profiled),
        listed=tuple(listed),
        documents=tuple(documents),
        totals=totals,
    )


def best_attested(events: Iterable[Event], limit: int) -> list[Event]:
    """At most ``limit`` events: most sources, then most actors and places; ties latest first."""
    ranked = sorted(events, key=lambda event: event.id)
    if len(ranked) <= limit:
        return ranked
    ranked.sort(key=lambda event: event.date or "", reverse=True)  # undated last
    ranked.sort(key=lambda event: (-len({span.doc for span in event.sources}), -_named(event)))
    return ranked[:limit]


def _named(event: Event) -> int:
    return len({*event.actors, *event.places})


def _split_actors(dossier: Dossier) -> tuple[list[Actor], list[Actor]]:
    """People and organisations worth a profile, most mentioned first; the rest."""
    event_actors = {actor_id for event in dossier.events for actor_id in (*event.actors, *event.places)}
    ordered = sorted(dossier.actors, key=views.by_mentions)
    profiled, listed = [], []
    for actor in ordered:
        notable = (
            len(actor.mentions) >= PROFILE_MIN_MENTIONS
            or actor.roles
            or actor.quotes
            or actor.id in event_actors
        )
        (profiled if actor.kind != "place" and notable else listed).append(actor)
    return profiled, listed


# --- the view model ------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """An actor's profile in print: an actor page's facts, cut to what a profile prints."""

    anchor: str
    actor: views.ActorRow
    aliases: list[str]
    roles: tuple[views.RoleRow, ...]  # all: the template prints the first PROFILE_ROLES and counts the rest
    quotes: tuple[views.QuoteRow, ...]
    events: tuple[views.EventRow, ...]
    more_events: int
    related: tuple[views.RelatedActor, ...]
    sources: int  # how many articles mention the actor


def briefing_view(dossier: Dossier, chosen: PrintSelection, title: str, today: str | None) -> dict:
    """The names the print template reads: the summary, then one section after another."""
    here = "briefing.pdf"
    linker = PrintLinker(
        dossier,
        actors=[actor.id for actor in (*chosen.profiled, *chosen.listed)],
        documents=[doc.id for doc in chosen.documents],
    )
    # The chronology, figure and source sections read a dossier cut down to what is printed.
    printed = replace(dossier, events=chosen.events, figures=chosen.figures, documents=chosen.documents)
    summary = views.summary(dossier, linker, here)
    figure_groups = _figure_groups(dossier, linker, here)
    capped = _capped(chosen)
    return {
        "title": title,
        "built": dossier.built or today or dt.date.today().isoformat(),
        "home": replace(summary, latest_events=tuple(map(shortened_event, summary.latest_events))),
        "chronology": {
            **views.template_names(
                views.chronology(
                    printed.events, lambda event: shortened_event(views.event_row(event, linker, here))
                )
            ),
            "timeline_chart": linker.href(f"{CHART_DIR}/timeline.svg", here),
        },
        "figure_groups": figure_groups,
        "other_figures": _other_figures(printed, linker, here),
        "network_chart": linker.href(f"{CHART_DIR}/network.svg", here),
        "profiles": _profiles(dossier, linker, chosen.profiled, here),
        "other_actors": [
            replace(views.actor_row(actor, linker, here), anchor=_actor_anchor(linker, actor))
            for actor in chosen.listed
        ],
        "sources": [
            replace(row, anchor=print_anchor("sources", linker.doc_slugs[row.id]))
            for row in views.source_rows(printed, linker, here)
        ],
        "limits": {
            "key_dates": SUMMARY_KEY_DATES,
            "roles": PROFILE_ROLES,
            "quotes": PROFILE_QUOTES,
        },
        "review": _review(dossier, linker, here),
        # Sections that print fewer items than the dossier holds: {section: {shown, total}}, else None.
        "capped": capped,
        "shortened": any(capped.values()) or any(group.shown < group.total for group in figure_groups),
    }


@dataclass(frozen=True)
class PrintReviewEntry:
    """A row of the appendix: the site's review row, and its curation lines as plain text.

    The row's own lines are escaped for HTML; the print template prints these verbatim.
    """

    row: views.ReviewRow
    fix: str | None
    confirm: str | None


def _review(dossier: Dossier, linker: PrintLinker, here: str) -> dict:
    """The appendix: the most doubtful statements with their curation lines, and how many there are."""
    every = review_entries(dossier)
    entries = every[:REVIEW_ENTRIES]
    rows = views.review_rows(entries, linker, here)
    return {
        "entries": [_print_review_entry(row, entry) for row, entry in zip(rows, entries, strict=True)],
        "total": len(every),
    }


def _print_review_entry(row: views.ReviewRow, entry: ReviewEntry) -> PrintReviewEntry:
    return PrintReviewEntry(
        row,
        fix=entry.fix.lines if entry.fix else None,
        confirm=entry.confirm.lines if entry.confirm else None,
    )


def _figure_groups(dossier: Dossier, linker: PrintLinker, here: str) -> list[views.FigureGroupRow]:
    """The figure groups that have figures: the site's charts, each category's; the largest in a table.

    Read from the whole dossier, so each group's total, and the chart of a category whose
    figures are all smaller than the printed ones, are the site's; the table's figures are
    the largest ``FIGURES_PER_GROUP``, the ones :func:`select_printed` chose.
    """
    rows = views.figure_group_rows(dossier.figures, linker, here, largest=FIGURES_PER_GROUP)
    return [row for row in rows if row.figures]


def _other_figures(printed: Dossier, linker: PrintLinker, here: str) -> list[views.FigureRow]:
    """The printed figures outside the figure groups, in list order."""
    grouped = {category for group in FIGURE_GROUPS for category in group.categories}
    ordered = sorted(printed.figures, key=views.figure_order)
    return [views.figure_row(figure, linker, here) for figure in ordered if figure.category not in grouped]


def _capped(chosen: PrintSelection) -> dict[str, dict[str, int] | None]:
    """Each section that prints fewer items than the dossier holds: ``{shown, total}``; else None."""
    totals = chosen.totals
    shown = {
        "events": len(chosen.events),
        "other_figures": min(totals["other_figures"], OTHER_FIGURES),
        "profiles": len(chosen.profiled),
        "other_actors": len(chosen.listed),
        "sources": len(chosen.documents),
    }
    return {
        section: {"shown": count, "total": totals[section]} if count < totals[section] else None
        for section, count in shown.items()
    }


def _profiles(dossier: Dossier, linker: PrintLinker, actors: Iterable[Actor], here: str) -> list[Profile]:
    """The print profiles: an actor page's facts, cut to what a profile prints.

    Not the site's ``pages.actor_view``: that builds a row for every event and
    mention of the actor, thousands for a head of state in a large corpus.
    """
    actors = list(actors)
    events = views.events_by_actor(dossier.events)
    profiles = []
    for actor in actors:
        own = events.get(actor.id, [])
        profiles.append(
            Profile(
                anchor=_actor_anchor(linker, actor),
                actor=views.actor_row(actor, linker, here),
                aliases=views.other_names(actor),
                roles=views.role_rows(actor, linker, here),
                quotes=views.quote_rows(actor.quotes[:PROFILE_QUOTES], linker, here),
                events=tuple(
                    shortened_event(views.event_row(event, linker, here)) for event in own[:PROFILE_EVENTS]
                ),
                more_events=max(len(own) - PROFILE_EVENTS, 0),
                related=views.related_actors(actor, linker, here, limit=PROFILE_RELATED),
                sources=len({mention.span.doc for mention in actor.mentions}),
            )
        )
    return profiles


def shortened_event(row: views.EventRow) -> views.EventRow:
    """An event row with at most ``EVENT_SOURCES`` citations and ``EVENT_NAMES`` actors and places."""
    return views.shortened_event(row, EVENT_SOURCES, EVENT_NAMES)


def _actor_anchor(linker: PrintLinker, actor: Actor) -> str:
    return print_anchor("actors", linker.actor_slugs[actor.id])
