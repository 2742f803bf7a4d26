"""Render the dossier to the site's pages and charts, in memory.

One view per page kind gathers the names its template reads from the rows of
:mod:`builder.publish.views` (the PDF briefing builds its own from the same
rows); the templates in ``templates/*.md.j2`` only lay them out, and the
environment escapes corpus text (:mod:`builder.publish.templating`). A page
whose view did not change since an earlier render is taken over (:class:`RenderMemo`).
On a large site, a forked child renders the chronology, figures and article pages while
this process renders the actors' (``render_pages``' ``fork``).
"""

from __future__ import annotations

import calendar
import functools
import hashlib
import io
import logging
import pickle
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import orjson
from markupsafe import Markup

from builder.collector import collector_paused
from builder.forked import ForkedWork, Outbox
from builder.model import Actor, Document, Dossier, Event, Mention
from builder.publish import views
from builder.publish.chart_range import outside_note
from builder.publish.export import EXPORTS
from builder.publish.facets import facet_tags
from builder.publish.figure_groups import FIGURE_GROUPS, category_chart_path, charted_categories
from builder.publish.labels import plural
from builder.publish.links import ACTORS_INDEX, BRIEFING_FILE, CHART_DIR, Link, Linker, deserves_page
from builder.publish.review import curated_facts, review_entries
from builder.publish.templating import make_environment

# An actor page quotes at most this many mentions in context (a head of state in a large corpus has
# thousands): every article's first mention first, then second mentions, and so on.
MAX_MENTIONS_SHOWN = 200
# An actor page's events table cites at most this many sources and names this many actors and
# places per event; the rest are counted, with a link to the event's whole row in the chronology.
ACTOR_PAGE_EVENT_SOURCES = 5
ACTOR_PAGE_EVENT_NAMES = 12
# A chronology or a figure list longer than this is split into one page per month: a page of
# ten thousand rows is slow in a browser and on every rebuild, and a new article then redraws
# only the months it touches.
SPLIT_BY_MONTH_ABOVE = 300
UNDATED_PERIOD = "undated"
# In a split list, a month with this many rows has a page of its own; shorter months in a row share one.
MONTH_PAGE_MIN_ROWS = 20
# The largest figures of each group shown on a split figures page (the rest are on the month pages).
LARGEST_FIGURES_SHOWN = 10
# "Check these first" lists this many of its entries, most doubtful first (it says how many more).
REVIEW_SHOWN = 1000
REVIEW_PAGE = "review.md"
# From this many pages (articles and actors with a page), a forked child renders some while
# this process renders the rest (``render_pages``' ``fork``); below, the fork costs more than
# it saves.
FORK_PAGES_FROM = 600

# A page's view: the names its template reads.
View = dict[str, object]
# Renders one page into the site: ``page(path, template, **view)``.
PageFunction = Callable[..., None]

log = logging.getLogger("dossier")


# --- the site ----------------------------------------------------------------


class RenderMemo:
    """Pages of an earlier render, by the digest of their view model.

    A page whose view did not change since that render (most pages, when one
    article is added to a large corpus) is taken over instead of rendered
    again. The memo must come from the same templates and code: its user
    keys it so (see ``builder.plugin``).
    """

    def __init__(self, previous: dict[str, tuple[str, str]] | None = None) -> None:
        self.previous = previous or {}
        self.digests: dict[str, str] = {}  # this render's {path: digest}
        self.reused = 0

    def page(self, path: str, template: str, view: dict, render: Callable[[], str]) -> str:
        digest = view_digest((path, template, view))
        self.digests[path] = digest
        old = self.previous.get(path)
        if old is not None and old[0] == digest:
            self.reused += 1
            return old[1]
        return render()

    def add(self, digests: dict[str, str], first: bool = False) -> None:
        """Pages rendered from this memo elsewhere (a forked child): their digests after those made
        here, or ``first`` (the charts, which a build in turn draws before the pages).

        In place: a build hands ``digests`` on (to the site's cache) before the charts are in.
        """
        previous = self.previous
        self.reused += sum(1 for path, digest in digests.items() if previous.get(path, ("",))[0] == digest)
        merged = {**digests, **self.digests} if first else {**self.digests, **digests}
        self.digests.clear()
        self.digests.update(merged)


def view_digest(view: object) -> str:
    """The digest of a page's view, by value alone: equal views, equal digests.

    orjson writes the view out in full, every row a record of its fields, in a quarter of
    the time pickle took (2 s of CPU for the 2,410 pages of 1,000 articles, every build: the
    memo digests every page to find the few that changed). A record is written by its
    fields, not its class: no two record classes a view holds have the same fields, names
    and types (``tests/test_site_cache.py`` holds them apart), and whether a field is a
    tuple or a list is the code's choice, which keys the memo too. A str subclass
    (``Markup``, which a template does not escape) is written with its type's name, so that
    it differs from the same text as a plain str. What orjson does not write (a set, an
    integer past 64 bits) makes the whole view go through pickle.
    """
    try:
        written = orjson.dumps(view, default=_with_type_name, option=orjson.OPT_PASSTHROUGH_SUBCLASS)
    except TypeError:  # orjson's own error is one too
        written = b"pickle\0" + _value_pickle(view)
    return hashlib.sha256(written).hexdigest()


def _with_type_name(value: object) -> list:
    """A subclass of a type orjson writes (``Markup``), as its type's name and its plain value."""
    for base in (str, int, float, list, dict):
        if isinstance(value, base):
            return [type(value).__qualname__, base(value)]
    raise TypeError(f"{type(value).__qualname__} is not written by value")


def _value_pickle(value: object) -> bytes:
    """``value`` pickled by value alone.

    A plain pickle refers back to an object it has already written when it meets
    it again, so two equal views give different bytes when one shares a string
    that the other holds twice (extractions fresh from spaCy, or from the cache).
    "Fast" mode writes every object out in full.
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(value)
    return buffer.getvalue()


def render_site(
    dossier: Dossier,
    templates_dir: Path,
    briefing: bool = False,
    memo: RenderMemo | None = None,
    charts: dict[str, str] | None = None,
) -> dict[str, str | bytes]:
    """Render every page and chart of the site.

    Args:
        briefing: the site also carries the PDF briefing (``BRIEFING_FILE``);
            the home page links to it.
        memo: pages of an earlier render to take over where their view is unchanged.
        charts: the charts, when the caller has drawn them already (:func:`render_charts`).

    Returns:
        ``{site-relative path: content}``: Markdown pages and SVG charts.
    """
    site: dict[str, str | bytes] = {}
    site.update(charts if charts is not None else render_charts(dossier))
    site.update(render_pages(dossier, templates_dir, briefing, memo))
    return site


def render_pages(
    dossier: Dossier,
    templates_dir: Path,
    briefing: bool = False,
    memo: RenderMemo | None = None,
    fork: bool = False,
    core_free: Callable[[], None] | None = None,
) -> dict[str, str | bytes]:
    """The site's Markdown pages, without the charts (see :func:`render_site`).

    ``fork``: where the site is large (``FORK_PAGES_FROM``), a forked child renders the
    chronology, figures and sources pages while this process renders the actors' pages.
    ``core_free``: called once, while this process still renders, when that child has
    finished (its core is free for the caller's other work); not called without a child.
    """
    site: dict[str, str | bytes] = {}
    # The views and templates leave next to no garbage in reference cycles (two hundred
    # objects for the 132 real articles' pages; a chart leaves thousands, so charts are
    # drawn apart), while the collector's passes would walk a long article's page views
    # again and again: a fifth of the rendering time.
    with collector_paused():
        _render_pages(dossier, Path(templates_dir), briefing, memo, site, fork, core_free)
    return site


def _render_pages(
    dossier: Dossier,
    templates_dir: Path,
    briefing: bool,
    memo: RenderMemo | None,
    site: dict[str, str | bytes],
    fork: bool,
    core_free: Callable[[], None] | None,
) -> None:
    """Add every page of the site to ``site`` (see :func:`render_site`), in the site's order."""
    env = make_environment(templates_dir)
    linker = Linker(dossier)

    def page_into(pages: dict[str, str | bytes], page_memo: RenderMemo | None) -> PageFunction:
        def page(path: str, template: str, **context) -> None:
            def draw() -> str:
                return env.get_template(template).render(page_path=path, **context)

            pages[path] = page_memo.page(path, template, context, draw) if page_memo is not None else draw()

        return page

    page = page_into(site, memo)
    # The pages that need only their own folder's rows: a forked child may render them (below).
    aside = (
        functools.partial(_chronology_pages, dossier, linker),
        functools.partial(_figures_pages, dossier, linker),
        functools.partial(_sources_pages, dossier, linker),
        functools.partial(_report_page, dossier),
    )
    child = (
        _pages_aside(aside, page_into, memo) if fork and _pages_estimate(dossier) >= FORK_PAGES_FROM else None
    )
    here = _telling_when_done(page, child, core_free) if child is not None and core_free is not None else page
    try:
        entries = review_entries(dossier)
        home = home_view(dossier, linker, "index.md", briefing, to_check=len(entries))
        here("index.md", "home.md.j2", **home)
        here(ACTORS_INDEX, "actors.md.j2", **actors_index_view(dossier, linker, ACTORS_INDEX))
        _actor_pages(dossier, linker, here)
    except BaseException:
        if child is not None:
            child.cancel()  # the render stops here: the child's pages are not wanted
        raise
    rendered = child.result() if child is not None else None
    if rendered is None:
        for pages_of in aside:
            pages_of(page)
    else:
        pages, digests = rendered
        site.update(pages)
        if memo is not None:
            memo.add(digests)
    page(REVIEW_PAGE, "review.md.j2", **review_view(dossier, entries, linker, REVIEW_PAGE))


def _telling_when_done(page: PageFunction, child: _PagesAside, core_free: Callable[[], None]) -> PageFunction:
    """``page``, and after each page a look at whether ``child`` has finished: then ``core_free()``, once.

    The look is a non-blocking wait on the child process, a few microseconds a page.
    """
    told = False

    def telling(path: str, template: str, **context) -> None:
        nonlocal told
        page(path, template, **context)
        if not told and child.finished():
            told = True
            core_free()

    return telling


def _pages_estimate(dossier: Dossier) -> int:
    """About how many pages the site has: an article's and an actor's each (and a few more)."""
    return len(dossier.documents) + sum(1 for actor in dossier.actors if deserves_page(actor))


def _actor_pages(dossier: Dossier, linker: Linker, page: PageFunction) -> None:
    """A page per actor that deserves one."""
    events_by_actor = views.events_by_actor(dossier.events)
    chronology_page = chronology_page_of(dossier.events)
    for actor in dossier.actors:
        if not linker.has_page(actor.id):
            continue  # its row in the actors index is all there is to say (``links.deserves_page``)
        path = linker.actor_page(actor.id)
        events = events_by_actor.get(actor.id, [])
        page(path, "actor.md.j2", **actor_view(linker, actor, events, path, chronology_page))


def _chronology_pages(dossier: Dossier, linker: Linker, page: PageFunction) -> None:
    if len(dossier.events) > SPLIT_BY_MONTH_ABOVE:
        chronology_pages(dossier, linker, page)
    else:
        page("chronology.md", "chronology.md.j2", **chronology_view(dossier, linker, "chronology.md"))


def _figures_pages(dossier: Dossier, linker: Linker, page: PageFunction) -> None:
    if len(dossier.figures) > SPLIT_BY_MONTH_ABOVE:
        figures_pages(dossier, linker, page)
    else:
        page("figures.md", "figures.md.j2", **figures_view(dossier, linker, "figures.md"))


def _sources_pages(dossier: Dossier, linker: Linker, page: PageFunction) -> None:
    page("sources/index.md", "sources.md.j2", **sources_index_view(dossier, linker, "sources/index.md"))
    marks = views.marks_by_document(dossier.actors)
    for doc in dossier.documents:
        path = linker.source_page(doc.id)
        page(path, "source.md.j2", **source_view(linker, doc, marks.get(doc.id, []), path))


def _report_page(dossier: Dossier, page: PageFunction) -> None:
    page("report.md", "report.md.j2", **report_view(dossier))


_PAGES, _DIGESTS = "pages", "page digests"


class _PagesAside:
    """Pages being rendered in a forked child; :meth:`result` is (pages, their memo digests), or None
    if the child failed (the caller renders them itself: a template error is raised there)."""

    def __init__(self, child: ForkedWork) -> None:
        self._child = child

    def result(self) -> tuple[dict[str, str | bytes], dict[str, str]] | None:
        try:
            pages = self._child.result(_PAGES)
            digests = self._child.result(_DIGESTS)
        except Exception as error:  # noqa: BLE001 - rendered here, which raises it if it is the work's own
            log.info("pages rendered in this process (the forked child: %s)", error)
            self._child.cancel()
            return None
        return pages, {path: str(digest) for path, digest in digests.items()}

    def finished(self) -> bool:
        """Whether the child has ended (its results are in, or it failed), without waiting."""
        return self._child.ended()

    def cancel(self) -> None:
        self._child.cancel()


def _pages_aside(
    aside: Sequence[Callable[[PageFunction], None]],
    page_into: Callable[[dict, RenderMemo | None], PageFunction],
    memo: RenderMemo | None,
) -> _PagesAside | None:
    """The pages of ``aside`` rendered in a forked child; None where it cannot start (rendered here)."""

    def work(outbox: Outbox) -> None:
        pages: dict[str, str | bytes] = {}
        child_memo = RenderMemo(memo.previous) if memo is not None else None
        page = page_into(pages, child_memo)
        for pages_of in aside:
            pages_of(page)
        outbox.deliver(_PAGES, pages)
        outbox.deliver(_DIGESTS, child_memo.digests if child_memo is not None else {})

    try:
        return _PagesAside(ForkedWork(work, (_PAGES, _DIGESTS)))
    except OSError as error:
        log.info("pages rendered in this process (%s)", error)
        return None


def render_charts(dossier: Dossier, memo: RenderMemo | None = None) -> dict[str, str]:
    """The SVG charts of the site and the briefing: ``{site path: svg}``.

    Args:
        memo: charts of an earlier render, taken over where what a chart is drawn from is
            unchanged (one new article rarely changes every chart; drawing one takes a fifth
            of a second, and loading matplotlib a second).
    """
    out = {}
    for path, drawing, arguments, read in _chart_plan(dossier):

        def draw(drawing: str = drawing, arguments: tuple = arguments) -> str:
            # Imported here, not with the module: matplotlib takes a second to load, and only
            # drawing needs it (MkDocs reads its configuration, the page views and the briefing do not).
            from builder.publish import charts

            return getattr(charts, drawing)(*arguments)

        out[path] = memo.page(path, drawing, {"reads": read}, draw) if memo is not None else draw()
    return out


def chart_paths(dossier: Dossier) -> list[str]:
    """The site paths of the charts :func:`render_charts` draws, in its order, without drawing them."""
    return [path for path, *_ in _chart_plan(dossier)]


def _chart_plan(dossier: Dossier) -> list[tuple[str, str, tuple, tuple]]:
    """Each chart: its path, the function of ``charts`` that draws it, its arguments, and what
    of them it reads (the memo's key: a category's chart reads its own category's figures)."""
    articles = plural(len(dossier.documents), "article")
    sources = f"Source: figures stated in {articles}; see the table for each source."
    timeline = (dossier.events, f"Source: events extracted from {articles}.")
    network = (
        dossier.actors,
        f"Source: names sharing a sentence in {articles}; line width = shared sentences.",
    )
    wanted: list[tuple[str, str, tuple, tuple]] = [
        (f"{CHART_DIR}/timeline.svg", "timeline_chart", timeline, timeline),
        (f"{CHART_DIR}/network.svg", "network_chart", network, network),
    ]
    # One chart per category that has figures, none for an empty one (the page says so in a line).
    for group in FIGURE_GROUPS:
        for category in charted_categories(dossier.figures, group):
            arguments = (dossier.figures, category, sources)
            read = ([f for f in dossier.figures if f.category == category], category, sources)
            wanted.append((category_chart_path(category), "figure_category_chart", arguments, read))
    return wanted


# --- view models: one per page kind -------------------------------------------


def home_view(dossier: Dossier, linker: Linker, here: str, briefing: bool = False, to_check: int = 0) -> View:
    """The home page: the corpus at a glance, links to the sections, the exports and the briefing.

    Args:
        to_check: how many statements "Check these first" lists.
    """
    return {
        **views.template_names(views.summary(dossier, linker, here)),
        "exports": [(linker.link(file.name, file.name, here), file.description) for file in EXPORTS],
        "briefing": linker.href(BRIEFING_FILE, here) if briefing else None,
        "links": _section_links(linker, here),
        "to_check": to_check,
        "review": linker.href(REVIEW_PAGE, here),
    }


def actors_index_view(dossier: Dossier, linker: Linker, here: str) -> View:
    """The actors index: every actor, most mentioned first, and the network chart."""
    actors = sorted(dossier.actors, key=views.by_mentions)
    return {
        # Each row is a link target: the actors without a page of their own are linked to theirs.
        "actors": [
            replace(views.actor_row(actor, linker, here), anchor=linker.actor_anchor(actor.id))
            for actor in actors
        ],
        "network_chart": linker.href(f"{CHART_DIR}/network.svg", here),
    }


def actor_view(
    linker: Linker,
    actor: Actor,
    events: Sequence[Event],
    here: str,
    chronology_page: Callable[[Event], str],
) -> View:
    """One actor's page: roles, quotes, ``events`` (its own), related actors, mentions.

    ``chronology_page``: the chronology page that holds an event's whole row (``chronology_page_of``).
    """
    mentions = sorted(actor.mentions, key=lambda m: (views.document_order(linker, m.span.doc), m.span.start))
    return {
        "actor": views.actor_row(actor, linker, here),
        "tags": facet_tags(actor),
        "aliases": views.other_names(actor),
        "roles": views.role_rows(actor, linker, here),
        "quotes": views.quote_rows(actor.quotes, linker, here),
        "events": [_actor_page_event(event, linker, here, chronology_page) for event in events],
        "related": views.related_actors(actor, linker, here),
        "mentions": [views.mention_row(mention, linker, here) for mention in _mentions_shown(mentions)],
        "curated": list(actor.curated),
    }


def _actor_page_event(
    event: Event, linker: Linker, here: str, chronology_page: Callable[[Event], str]
) -> views.EventRow:
    """An event's row on an actor's page: shortened, with a link to its whole row in the chronology
    (the same on every actor page: made once, see ``Linker.per_folder``)."""

    def build() -> views.EventRow:
        row = views.event_row(event, linker, here)
        whole = linker.href(f"{chronology_page(event)}#{row.anchor}", here)
        return views.shortened_event(row, ACTOR_PAGE_EVENT_SOURCES, ACTOR_PAGE_EVENT_NAMES, whole)

    return linker.per_folder(("actor page event row", event.id), here, build)


def chronology_page_of(events: Sequence[Event]) -> Callable[[Event], str]:
    """Which chronology page holds an event's row: ``chronology.md``, or its month's page."""
    if len(events) <= SPLIT_BY_MONTH_ABOVE:
        return lambda event: "chronology.md"
    periods, _ = _by_period(events, lambda e: e.date, "chronology")
    page_of_month = {month: period.path for period in periods for month in period.months}
    return lambda event: page_of_month[_period(event.date)]


def _mentions_shown(mentions: list[Mention]) -> list[Mention]:
    """At most ``MAX_MENTIONS_SHOWN`` of ``mentions`` (in page order), spread over as many articles as fit."""
    if len(mentions) <= MAX_MENTIONS_SHOWN:
        return mentions
    rank: Counter = Counter()
    ranked = []
    for position, mention in enumerate(mentions):
        ranked.append((rank[mention.span.doc], position))
        rank[mention.span.doc] += 1
    kept = sorted(position for _, position in sorted(ranked)[:MAX_MENTIONS_SHOWN])
    return [mentions[position] for position in kept]


def chronology_view(dossier: Dossier, linker: Linker, here: str) -> View:
    """The chronology: events grouped by year and month, undated events apart."""
    chronology = views.chronology(dossier.events, lambda event: views.event_row(event, linker, here))
    return {
        **views.template_names(chronology),
        "periods": [],
        "timeline_chart": linker.href(f"{CHART_DIR}/timeline.svg", here),
        "timeline_outside": outside_note(dossier.events),
    }


def figures_view(dossier: Dossier, linker: Linker, here: str, largest: int | None = None) -> View:
    """The figures page: per figure group, a chart per category with figures and one table; then every figure.

    Args:
        largest: show only this many figures of each group, the largest, and no list of
            every figure (a split figures page: the month pages list them).
    """
    ordered = sorted(dossier.figures, key=views.figure_order)
    return {
        "groups": views.figure_group_rows(dossier.figures, linker, here, largest),
        "figures": [views.figure_row(figure, linker, here) for figure in ordered] if largest is None else [],
        "periods": [],
        "csv": linker.href("figures.csv", here),
    }


def sources_index_view(dossier: Dossier, linker: Linker, here: str) -> View:
    """The sources index: every article with its metadata, oldest first, undated last."""
    return {"documents": views.source_rows(dossier, linker, here)}


def source_view(linker: Linker, doc: Document, marks: Sequence[views.Mark], here: str) -> View:
    """An article's page: its metadata and its paragraphs, the names in them linked (``marks``)."""
    return {"document": views.document_row(doc), "paragraphs": views.paragraph_rows(doc, marks, linker, here)}


def report_view(dossier: Dossier) -> View:
    """The build report: the model, curation, the files skipped or flagged, the undated articles."""
    return {
        "model_name": dossier.model_name,
        "curated": dossier.curated,
        "built": dossier.built,
        "documents": len(dossier.documents),
        "skipped": sorted(dossier.skipped, key=lambda s: (s.severity, s.path)),
        "undated": sorted(doc.path for doc in dossier.documents if not doc.date),
    }


def review_view(dossier: Dossier, entries: Sequence, linker: Linker, here: str) -> View:
    """Check these first: the least certain statements, ranked, with the curation lines that fix them."""
    return {
        "entries": views.review_rows(entries[:REVIEW_SHOWN], linker, here),
        "total": len(entries),
        "counts": views.check_counts(entries),
        "curated": views.curated_rows(curated_facts(dossier), linker, here),
    }


def _section_links(linker: Linker, here: str) -> list[Link]:
    pages = [
        ("Actors", ACTORS_INDEX),
        ("Chronology", "chronology.md"),
        ("Figures", "figures.md"),
        ("Sources", "sources/index.md"),
        ("Check these first", REVIEW_PAGE),
        ("Build report", "report.md"),
    ]
    return [linker.link(path, label, here) for label, path in pages]


# --- long lists: pages of months ---------------------------------------------------


@dataclass(frozen=True)
class MonthPage:
    """A page of a long chronology or figure list: one long month, or several short ones in a row."""

    key: str  # its first month: 2024-01, 2024 (month unknown) or undated
    label: str  # "January 2024", "February – May 2024"
    months: tuple[str, ...]  # the month keys it holds, in date order
    count: int
    path: str
    href: Markup | None = None  # in the index of month pages


def chronology_pages(dossier: Dossier, linker: Linker, page) -> None:
    """A long chronology: an index of its month pages (``chronology.md``), then the pages."""
    here = "chronology.md"
    periods, by_month = _by_period(
        sorted(dossier.events, key=views.event_order), lambda e: e.date, "chronology"
    )
    page(
        here,
        "chronology.md.j2",
        years=[],
        undated=[],
        periods=_period_index(periods, linker, here),
        timeline_chart=linker.href(f"{CHART_DIR}/timeline.svg", here),
        timeline_outside=outside_note(dossier.events),
    )
    for period in periods:
        path = period.path
        events = [event for month in period.months for event in by_month[month]]
        rows = views.chronology(events, functools.partial(views.event_row, linker=linker, here=path))
        months = [month for year in rows.years for month in year.months]
        page(
            path,
            "period.md.j2",
            **_period_view(period, periods, linker, path, "Chronology", "chronology.md"),
            # A page of several months heads each; a page of one month needs no heading.
            months=months if len(months) > 1 else [],
            events=[*(row for month in months for row in month.events), *rows.undated],
            figures=None,
        )


def figures_pages(dossier: Dossier, linker: Linker, page) -> None:
    """Many figures: charts and the largest figures of each group (``figures.md``), then month pages."""
    here = "figures.md"
    periods, by_month = _by_period(
        sorted(dossier.figures, key=views.figure_order), lambda f: f.date, "figures"
    )
    view = figures_view(dossier, linker, here, largest=LARGEST_FIGURES_SHOWN)
    page(here, "figures.md.j2", **{**view, "periods": _period_index(periods, linker, here)})
    for period in periods:
        path = period.path
        figures = sorted((f for month in period.months for f in by_month[month]), key=views.figure_order)
        page(
            path,
            "period.md.j2",
            **_period_view(period, periods, linker, path, "Figures", "figures.md"),
            months=[],
            events=None,
            figures=[views.figure_row(figure, linker, path) for figure in figures],
        )


def _by_period(rows: Iterable, date_of: Callable, folder: str) -> tuple[list[MonthPage], dict[str, list]]:
    """``rows`` (in page order) by month, and the pages that hold the months, in date order."""
    by_month: dict[str, list] = defaultdict(list)
    for row in rows:
        by_month[_period(date_of(row))].append(row)
    return _month_pages(by_month, folder), by_month


def _period(date: str | None) -> str:
    """The month a dated row belongs to: ``2024-01``, ``2024`` (month unknown) or undated."""
    if not date:
        return UNDATED_PERIOD
    return date[:7] if len(date) >= 7 else date[:4]


def _month_pages(rows_by_month: dict[str, list], folder: str) -> list[MonthPage]:
    """The pages of a long list, in date order: a long month alone, short months in a row together.

    A month of ``MONTH_PAGE_MIN_ROWS`` rows or more has a page of its own; shorter months
    that follow one another share one until it holds that many (a real corpus has scores of
    months with an event or two: a page each made the site mostly near-empty pages). Rows
    of unknown date keep a page apart (their table says why each is undated).
    """
    keys = sorted(rows_by_month, key=lambda key: (key == UNDATED_PERIOD, key[:4], len(key) == 4, key))
    groups: list[list[str]] = []
    open_group: list[str] = []  # short months waiting for more rows
    open_rows = 0
    for key in keys:
        count = len(rows_by_month[key])
        if key == UNDATED_PERIOD or count >= MONTH_PAGE_MIN_ROWS:
            groups += [open_group, [key]] if open_group else [[key]]
            open_group, open_rows = [], 0
            continue
        open_group.append(key)
        open_rows += count
        if open_rows >= MONTH_PAGE_MIN_ROWS:
            groups.append(open_group)
            open_group, open_rows = [], 0
    groups += [open_group] if open_group else []
    return [
        MonthPage(
            key=group[0],
            label=_range_label(group),
            months=tuple(group),
            count=sum(len(rows_by_month[key]) for key in group),
            # Named after its first month: a page keeps its address when later months join it.
            path=f"{folder}/{group[0]}.md",
        )
        for group in groups
    ]


def _month_label(key: str) -> str:
    """``January 2024``, ``2024, month unknown`` or ``Date unknown``."""
    if key == UNDATED_PERIOD:
        return "Date unknown"
    if len(key) == 4:
        return f"{key}, month unknown"
    return f"{calendar.month_name[int(key[5:7])]} {key[:4]}"


def _range_label(keys: Sequence[str]) -> str:
    """The label of a page of months: ``March 2024``, ``February – May 2024``, ``1898 – 1961``.

    An end that is a year's rows of unknown month reads as the year ("1992 – July 1997"), or
    as ``2003 (month unknown)`` after a month of the same year.
    """
    if len(keys) == 1:
        return _month_label(keys[0])
    first, last = keys[0], keys[-1]
    if len(first) == len(last) == 7 and first[:4] == last[:4]:  # one year: "February – May 2024"
        return f"{calendar.month_name[int(first[5:7])]} – {_month_label(last)}"
    start = first if len(first) == 4 else _month_label(first)
    end = last if len(last) == 4 else _month_label(last)
    if len(last) == 4 and len(first) == 7 and first[:4] == last:
        end = f"{last} (month unknown)"
    return f"{start} – {end}"


def _period_index(periods: list[MonthPage], linker: Linker, here: str) -> list[MonthPage]:
    """The month pages as the index links them, in date order."""
    return [replace(period, href=linker.href(period.path, here)) for period in periods]


def _period_view(
    period: MonthPage, periods: list[MonthPage], linker: Linker, here: str, title: str, index: str
) -> View:
    """A month page's heading and its links to the index and the pages before and after."""
    position = periods.index(period)
    neighbours = {
        "previous": periods[position - 1] if position > 0 else None,
        "next": periods[position + 1] if position + 1 < len(periods) else None,
    }
    return {
        "title": f"{title}: {period.label}",
        "undated": period.key == UNDATED_PERIOD,
        "index": linker.link(index, title, here),
        **{
            name: linker.link(other.path, other.label, here) if other else None
            for name, other in neighbours.items()
        },
    }
