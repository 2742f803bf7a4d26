"""Render the dossier to the site's pages and charts, in memory.

Python builds plain view-model dicts (sorting, grouping, links); the
templates in ``templates/*.md.j2`` only lay them out. Every string that
comes from the corpus is untrusted: the environment escapes it for HTML
*and* Markdown unless it is already ``Markup`` (the links we compute).
"""

from __future__ import annotations

import calendar
import hashlib
import io
import pickle
import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from builder.model import Actor, Document, Dossier, Event, Figure, Mention, Span
from builder.publish import charts
from builder.publish.facets import facet_tags
from builder.values.slugs import slugify_name, unique_slugs

CHART_DIR = "assets/charts"
EXPORT_FILES = ("dossier.json", "figures.csv", "events.csv")
BRIEFING_FILE = "briefing.pdf"
KEY_ACTORS = 10
LATEST_EVENTS = 8
HEADLINE_FIGURES_PER_GROUP = 3
# An actor page quotes at most this many mentions in context (a head of state in a large corpus has
# thousands): every article's first mention first, then second mentions, and so on.
MAX_MENTIONS_SHOWN = 200
# A chronology or a figure list longer than this is split into one page per month: a page of
# ten thousand rows is slow in a browser and on every rebuild, and a new article then redraws
# only the months it touches.
SPLIT_BY_MONTH_ABOVE = 300
UNDATED_PERIOD = "undated"
# The largest figures of each group shown on a split figures page (the rest are on the month pages).
LARGEST_FIGURES_SHOWN = 10

# Characters that HTML or Markdown (with the extensions in mkdocs.yml) give a
# meaning to, as numeric entities: the browser shows them, Markdown ignores them.
_MD_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "'": "&#39;",
        "\\": "&#92;",
        "`": "&#96;",
        "*": "&#42;",
        "_": "&#95;",
        "[": "&#91;",
        "]": "&#93;",
        "(": "&#40;",
        ")": "&#41;",
        "{": "&#123;",
        "}": "&#125;",
        "#": "&#35;",
        "!": "&#33;",
        "|": "&#124;",
        "~": "&#126;",
        "^": "&#94;",
        "=": "&#61;",
        "+": "&#43;",
        ":": "&#58;",
    }
)


_WHITESPACE = re.compile(r"\s+")


def escape_md(value: object) -> Markup:
    """Escape ``value`` so HTML and Markdown both show it as literal text.

    Whitespace runs (newlines included) become one space, so corpus text can
    never start a Markdown block (heading, list, code) of its own.
    ``Markup`` values are trusted and returned unchanged.
    """
    if isinstance(value, Markup):
        return value
    text = _WHITESPACE.sub(" ", str(value))
    return Markup(text.translate(_MD_ESCAPES))


def _finalize(value: object) -> object:
    # Every `{{ }}` goes through here: corpus text is escaped even when a
    # template forgets the filter. None shows as an empty cell.
    if value is None:
        return ""
    return escape_md(value)


def make_environment(templates_dir: Path) -> Environment:
    """The Jinja environment for page templates: strict and escaping."""
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        undefined=StrictUndefined,
        autoescape=select_autoescape(
            enabled_extensions=("html", "xml", "md.j2", "j2"), default_for_string=True, default=True
        ),
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["escape_md"] = escape_md
    return env


class Linker:
    """Where every page lives and how one page links to another.

    All links are relative ``.md`` links so MkDocs resolves and checks them.
    """

    def __init__(self, dossier: Dossier) -> None:
        self.documents = {doc.id: doc for doc in dossier.documents}
        self.actors = dossier.actors_by_id
        self.doc_slugs = unique_slugs((doc.id, doc.id) for doc in dossier.documents)
        self.actor_slugs = unique_slugs((actor.id, actor.name) for actor in dossier.actors)
        # Indexes built once, so that a page looks up its own events and marks
        # instead of scanning every event or mention of the corpus (quadratic in N).
        self.events_by_actor: dict[str, list[Event]] = defaultdict(list)
        for event in sorted(dossier.events, key=_event_key):
            for actor_id in dict.fromkeys((*event.actors, *event.places)):
                self.events_by_actor[actor_id].append(event)
        self.spans_by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for actor in dossier.actors:
            for mention in actor.mentions:
                self.spans_by_doc[mention.span.doc].append((mention.span.start, mention.span.end, actor.id))
        self._relative: dict[tuple[str, str], str] = {}
        self._per_folder: dict[tuple, dict] = {}

    def per_folder(self, key: tuple, from_page: str, build: Callable[[], dict]) -> dict:
        """The row or link ``key`` as seen from ``from_page``'s folder, built once per folder.

        The same citation, name link, event or actor row recurs on thousands of pages of a
        large corpus, and relative links are the same from every page of a folder. The
        dicts returned are shared: do not change them.
        """
        key = (*key, posixpath.dirname(from_page))
        found = self._per_folder.get(key)
        if found is None:
            found = self._per_folder[key] = build()
        return found

    def actor_page(self, actor_id: str) -> str:
        return f"actors/{self.actor_slugs[actor_id]}.md"

    def source_page(self, doc_id: str) -> str:
        return f"sources/{self.doc_slugs[doc_id]}.md"

    def href(self, target: str, from_page: str) -> Markup:
        """A link from ``from_page`` to the site path ``target`` (may carry #anchor)."""
        path, _, anchor = target.partition("#")
        folder = posixpath.dirname(from_page) or "."
        relative = self._relative.get((path, folder))
        if relative is None:  # relpath is slow and pages link to the same few folders
            relative = self._relative[path, folder] = posixpath.relpath(path, folder)
        return Markup(relative + (f"#{anchor}" if anchor else ""))

    def paragraph_number(self, span: Span) -> int:
        """The 1-based number of the paragraph that holds ``span``."""
        return self.documents[span.doc].paragraph_at(span.start).index + 1

    def source_link(self, span: Span, from_page: str) -> dict:
        """A citation: link to the paragraph of the article holding ``span`` (shared: see per_folder)."""
        doc = self.documents.get(span.doc)
        if doc is None:
            return {"href": None, "label": f"{span.doc} (missing)", "title": span.doc}
        number = self.paragraph_number(span)

        def build() -> dict:
            target = f"{self.source_page(doc.id)}#{paragraph_anchor(number)}"
            return {
                "href": self.href(target, from_page),
                "label": f"{_shorten(doc.title, 28)} ¶{number}",
                "title": doc.title,
            }

        return self.per_folder(("source", doc.id, number), from_page, build)

    def actor_link(self, actor_id: str, from_page: str) -> dict:
        """A link to an actor's page, labelled with the actor's name (shared: see per_folder)."""
        actor = self.actors.get(actor_id)
        if actor is None:
            return {"href": None, "label": actor_id, "kind": ""}
        return self.per_folder(
            ("actor", actor_id),
            from_page,
            lambda: {
                "href": self.href(self.actor_page(actor_id), from_page),
                "label": actor.name,
                "kind": actor.kind,
            },
        )


def paragraph_anchor(number: int) -> str:
    """The HTML id of a source paragraph: ``p-1`` is the first."""
    return f"p-{number}"


def source_link(linker: Linker, span: Span, from_page: str) -> dict:
    """Module-level alias of :meth:`Linker.source_link` for callers outside rendering."""
    return linker.source_link(span, from_page)


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

    def page(self, path: str, template: str, view: dict, render) -> str:
        digest = hashlib.sha256(_value_pickle((path, template, view))).hexdigest()
        self.digests[path] = digest
        old = self.previous.get(path)
        if old is not None and old[0] == digest:
            self.reused += 1
            return old[1]
        return render()


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
    env = make_environment(Path(templates_dir))
    linker = Linker(dossier)
    site: dict[str, str | bytes] = {}
    site.update(charts if charts is not None else render_charts(dossier))

    def page(path: str, template: str, **context) -> None:
        def draw() -> str:
            return env.get_template(template).render(page_path=path, **context)

        site[path] = memo.page(path, template, context, draw) if memo is not None else draw()

    page("index.md", "home.md.j2", **home_view(dossier, linker, "index.md", briefing))
    page("actors/index.md", "actors.md.j2", **_actors_index_view(dossier, linker, "actors/index.md"))
    for actor in dossier.actors:
        path = linker.actor_page(actor.id)
        page(path, "actor.md.j2", **actor_view(dossier, linker, actor, path))
    if len(dossier.events) > SPLIT_BY_MONTH_ABOVE:
        chronology_pages(dossier, linker, page)
    else:
        page("chronology.md", "chronology.md.j2", **chronology_view(dossier, linker, "chronology.md"))
    if len(dossier.figures) > SPLIT_BY_MONTH_ABOVE:
        figures_pages(dossier, linker, page)
    else:
        page("figures.md", "figures.md.j2", **figures_view(dossier, linker, "figures.md"))
    page("sources/index.md", "sources.md.j2", **sources_index_view(dossier, linker, "sources/index.md"))
    for doc in dossier.documents:
        path = linker.source_page(doc.id)
        page(path, "source.md.j2", **_source_view(dossier, linker, doc, path))
    page("report.md", "report.md.j2", **_report_view(dossier))
    return site


def render_charts(dossier: Dossier) -> dict[str, str]:
    """The SVG charts of the site and the briefing: ``{site path: svg}``."""
    articles = _plural(len(dossier.documents), "article")
    out = {
        f"{CHART_DIR}/timeline.svg": charts.timeline_chart(
            dossier.events, f"Source: events extracted from {articles}."
        ),
        f"{CHART_DIR}/network.svg": charts.network_chart(
            dossier.actors, f"Source: names sharing a sentence in {articles}; line width = shared sentences."
        ),
    }
    for group in charts.FIGURE_GROUPS:
        out[f"{CHART_DIR}/figures-{group.key}.svg"] = charts.figure_group_chart(
            dossier.figures, group, f"Source: figures stated in {articles}; see the table for each source."
        )
    return out


# --- view models: one per page kind -------------------------------------------


def home_view(dossier: Dossier, linker: Linker, here: str, briefing: bool = False) -> dict:
    """The home page (and briefing summary): span, counts, key actors, latest events, headline figures."""
    dated_docs = sorted(doc.date for doc in dossier.documents if doc.date)
    kinds = Counter(actor.kind for actor in dossier.actors)
    key_actors = sorted(dossier.actors, key=by_mentions)[:KEY_ACTORS]
    dated_events = sorted((e for e in dossier.events if e.date), key=_event_key, reverse=True)
    headline = []
    for group in charts.FIGURE_GROUPS:
        for figure in charts.figures_in_group(dossier.figures, group)[:HEADLINE_FIGURES_PER_GROUP]:
            headline.append({"group": group.title, **_figure_row(figure, linker, here)})
    return {
        "span": {
            "first": dated_docs[0] if dated_docs else None,
            "last": dated_docs[-1] if dated_docs else None,
        },
        "counts": {
            "documents": len(dossier.documents),
            "undated": sum(1 for doc in dossier.documents if not doc.date),
            "persons": kinds.get("person", 0),
            "organisations": kinds.get("organisation", 0),
            "places": kinds.get("place", 0),
            "events": len(dossier.events),
            "figures": len(dossier.figures),
            "skipped": len(dossier.skipped),
        },
        "key_actors": [actor_row(actor, dossier, linker, here) for actor in key_actors],
        "latest_events": [_event_row(event, linker, here) for event in dated_events[:LATEST_EVENTS]],
        "headline_figures": headline,
        "exports": [{"href": linker.href(name, here), "label": name} for name in EXPORT_FILES],
        "briefing": linker.href(BRIEFING_FILE, here) if briefing else None,
        "links": _section_links(linker, here),
    }


def _actors_index_view(dossier: Dossier, linker: Linker, here: str) -> dict:
    actors = sorted(dossier.actors, key=by_mentions)
    return {
        "actors": [actor_row(actor, dossier, linker, here) for actor in actors],
        "network_chart": linker.href(f"{CHART_DIR}/network.svg", here),
    }


def actor_view(dossier: Dossier, linker: Linker, actor: Actor, here: str) -> dict:
    """One actor's page (and briefing profile): roles, quotes, events, related actors, mentions."""
    events = linker.events_by_actor.get(actor.id, [])
    mentions = sorted(actor.mentions, key=lambda m: (_doc_order(linker, m.span.doc), m.span.start))
    mentions = _mentions_shown(mentions)
    return {
        "actor": actor_row(actor, dossier, linker, here),
        "tags": facet_tags(actor),
        "aliases": sorted(set(actor.aliases) - {actor.name}),
        "roles": [
            {
                "title": role.title,
                "organisation": role.organisation,
                "as_of": role.as_of,
                "curated": role.curated,
                "source": linker.source_link(role.source, here),
            }
            for role in actor.roles
        ],
        "quotes": [{"text": q.text, "source": linker.source_link(q.source, here)} for q in actor.quotes],
        "events": [_event_row(event, linker, here) for event in events],
        "related": [
            {**linker.actor_link(other, here), "shared": shared}
            for other, shared in actor.related
            if other in linker.actors and other != actor.id
        ],
        "mentions": [_mention_row(mention, dossier, linker, here) for mention in mentions],
        "curated": list(actor.curated),
    }


def _mentions_shown(mentions: list) -> list:
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


def chronology_view(dossier: Dossier, linker: Linker, here: str) -> dict:
    """The chronology: events grouped by year and month, undated events apart."""
    years: dict[str, dict[str | None, list]] = defaultdict(lambda: defaultdict(list))
    undated = []
    for event in sorted(dossier.events, key=_event_key):
        if not event.date:
            undated.append(_event_row(event, linker, here))
            continue
        month = event.date[5:7] if len(event.date) >= 7 else None
        years[event.date[:4]][month].append(_event_row(event, linker, here))
    grouped = []
    for year in sorted(years):
        months = []
        # Events known only to the year come after that year's months.
        for month in sorted(years[year], key=lambda m: (m is None, m or "")):
            heading = f"{calendar.month_name[int(month)]} {year}" if month else f"{year}, month unknown"
            months.append({"heading": heading, "events": years[year][month]})
        grouped.append({"year": year, "months": months})
    return {
        "years": grouped,
        "undated": undated,
        "periods": [],
        "timeline_chart": linker.href(f"{CHART_DIR}/timeline.svg", here),
    }


def chronology_pages(dossier: Dossier, linker: Linker, page) -> None:
    """A long chronology: an index of months (``chronology.md``) and one page per month."""
    here = "chronology.md"
    periods, by_period = _by_period(sorted(dossier.events, key=_event_key), lambda e: e.date, "chronology")
    page(
        here,
        "chronology.md.j2",
        years=[],
        undated=[],
        periods=_period_index(periods, linker, here),
        timeline_chart=linker.href(f"{CHART_DIR}/timeline.svg", here),
    )
    _period_pages(page, linker, periods, by_period, "Chronology", "events", _event_row)


def figures_pages(dossier: Dossier, linker: Linker, page) -> None:
    """Many figures: charts and the largest figures of each group (``figures.md``), one page per month."""
    here = "figures.md"
    periods, by_period = _by_period(sorted(dossier.figures, key=_figure_order), lambda f: f.date, "figures")
    view = figures_view(dossier, linker, here, largest=LARGEST_FIGURES_SHOWN)
    view["periods"] = _period_index(periods, linker, here)
    page(here, "figures.md.j2", **view)
    _period_pages(page, linker, periods, by_period, "Figures", "figures", _figure_row)


def _by_period(rows: Iterable, date_of: Callable, folder: str) -> tuple[list[dict], dict[str, list]]:
    """``rows`` (in page order) by month page, and those pages in date order."""
    by_period: dict[str, list] = defaultdict(list)
    for row in rows:
        by_period[_period(date_of(row))].append(row)
    return _periods(by_period, folder), by_period


def _period_pages(page, linker: Linker, periods: list[dict], by_period, title: str, field: str, row) -> None:
    """One ``period.md.j2`` page per month; ``field`` (events or figures) holds its rows."""
    for period in periods:
        path = period["path"]
        rows = [row(item, linker, path) for item in by_period[period["key"]]]
        page(
            path,
            "period.md.j2",
            **_period_view(period, periods, linker, path, title, f"{title.lower()}.md"),
            **{"events": None, "figures": None, field: rows},
        )


def _period(date: str | None) -> str:
    """The month page a dated row goes to: ``2024-01``, ``2024`` (month unknown) or undated."""
    if not date:
        return UNDATED_PERIOD
    return date[:7] if len(date) >= 7 else date[:4]


def _periods(rows_by_period: dict[str, list], folder: str) -> list[dict]:
    """The month pages in date order (a year's unknown month after its months, undated last)."""
    keys = sorted(rows_by_period, key=lambda key: (key == UNDATED_PERIOD, key[:4], len(key) == 4, key))
    periods = []
    for key in keys:
        if key == UNDATED_PERIOD:
            year, month, label = "Date unknown", "all", "Date unknown"
        elif len(key) == 4:
            year, month, label = key, "month unknown", f"{key}, month unknown"
        else:
            year, month = key[:4], calendar.month_name[int(key[5:7])]
            label = f"{month} {year}"
        periods.append(
            {
                "key": key,
                "label": label,
                "year": year,
                "month": month,
                "count": len(rows_by_period[key]),
                "path": f"{folder}/{key}.md",
            }
        )
    return periods


def _period_index(periods: list[dict], linker: Linker, here: str) -> list[dict]:
    """The month pages as an index: one row per year, its months linked, with their counts."""
    years: dict[str, list[dict]] = {}
    for period in periods:  # already in date order, undated last
        years.setdefault(period["year"], []).append({**period, "href": linker.href(period["path"], here)})
    return [
        {"year": year, "count": sum(p["count"] for p in months), "months": months}
        for year, months in years.items()
    ]


def _period_view(
    period: dict, periods: list[dict], linker: Linker, here: str, title: str, index: str
) -> dict:
    """A month page's heading and its links to the index and the months before and after."""
    position = periods.index(period)
    neighbours = {
        "previous": periods[position - 1] if position > 0 else None,
        "next": periods[position + 1] if position + 1 < len(periods) else None,
    }
    return {
        "title": f"{title}: {period['label']}",
        "undated": period["key"] == UNDATED_PERIOD,
        "index": {"href": linker.href(index, here), "label": title},
        **{
            name: {"href": linker.href(other["path"], here), "label": other["label"]} if other else None
            for name, other in neighbours.items()
        },
    }


def figures_view(dossier: Dossier, linker: Linker, here: str, largest: int | None = None) -> dict:
    """The figures page: one table and chart per figure group, then every figure.

    Args:
        largest: show only this many figures of each group, the largest, and no list of
            every figure (a split figures page: the month pages list them).
    """
    groups = []
    for group in charts.FIGURE_GROUPS:
        in_group = charts.figures_in_group(dossier.figures, group)
        shown = in_group if largest is None else in_group[:largest]  # largest first
        groups.append(
            {
                "title": group.title,
                "categories": ", ".join(group.categories),
                "chart": linker.href(f"{CHART_DIR}/figures-{group.key}.svg", here),
                "figures": [_figure_row(f, linker, here) for f in shown],
                "total": len(in_group),
            }
        )
    ordered = sorted(dossier.figures, key=_figure_order)
    return {
        "groups": groups,
        "figures": [_figure_row(figure, linker, here) for figure in ordered] if largest is None else [],
        "periods": [],
        "csv": linker.href("figures.csv", here),
    }


def sources_index_view(dossier: Dossier, linker: Linker, here: str) -> dict:
    """The sources index: every article with its metadata, oldest first, undated last."""
    mentions = Counter(m.span.doc for actor in dossier.actors for m in actor.mentions)
    docs = sorted(dossier.documents, key=lambda d: (d.date is None, d.date or "", d.id))
    return {
        "documents": [
            {
                **_document_meta(doc),
                "href": linker.href(linker.source_page(doc.id), here),
                "mentions": mentions.get(doc.id, 0),
            }
            for doc in docs
        ]
    }


def _source_view(dossier: Dossier, linker: Linker, doc: Document, here: str) -> dict:
    marks = _document_marks(linker, doc)
    paragraphs = []
    for paragraph in doc.paragraphs:
        inside = [m for m in marks if paragraph.start <= m[0] and m[1] <= paragraph.end]
        paragraphs.append(
            {
                "anchor": paragraph_anchor(paragraph.index + 1),
                "number": paragraph.index + 1,
                "language": paragraph.language,
                "segments": _segments(doc.text, paragraph.start, paragraph.end, inside, linker, here),
            }
        )
    return {"document": _document_meta(doc), "paragraphs": paragraphs}


def _report_view(dossier: Dossier) -> dict:
    return {
        "model_name": dossier.model_name,
        "curated": dossier.curated,
        "built": dossier.built,
        "documents": len(dossier.documents),
        "skipped": [
            {"path": s.path, "reason": s.reason, "severity": s.severity}
            for s in sorted(dossier.skipped, key=lambda s: (s.severity, s.path))
        ],
        "undated": sorted(doc.path for doc in dossier.documents if not doc.date),
    }


# --- rows shared by several pages ---------------------------------------------


def _section_links(linker: Linker, here: str) -> list[dict]:
    pages = [
        ("Actors", "actors/index.md"),
        ("Chronology", "chronology.md"),
        ("Figures", "figures.md"),
        ("Sources", "sources/index.md"),
        ("Build report", "report.md"),
    ]
    return [{"label": label, "href": linker.href(path, here)} for label, path in pages]


def actor_row(actor: Actor, dossier: Dossier, linker: Linker, here: str) -> dict:
    """One actor as a table row: link, kind, country, main role, mentions, first and last seen.

    Shared between the pages of a folder (the index and the actor's page): see ``Linker.per_folder``.
    """
    return linker.per_folder(("actor row", actor.id), here, lambda: _new_actor_row(actor, linker, here))


def _new_actor_row(actor: Actor, linker: Linker, here: str) -> dict:
    dates = sorted(d for d in (_doc_date(linker, m.span.doc) for m in actor.mentions) if d)
    return {
        **linker.actor_link(actor.id, here),
        "name": actor.name,
        "kind": actor.kind,
        "subkind": actor.subkind,
        "country": actor.country,
        "role": _main_role(actor),
        "mentions": len(actor.mentions),
        "first": dates[0] if dates else None,
        "last": dates[-1] if dates else None,
    }


def _event_row(event: Event, linker: Linker, here: str) -> dict:
    """An event as a table row, shared between the pages of a folder (see ``Linker.per_folder``)."""
    return linker.per_folder(("event row", event.id), here, lambda: _new_event_row(event, linker, here))


def _new_event_row(event: Event, linker: Linker, here: str) -> dict:
    return {
        "anchor": _event_anchor(event),
        "date": event.date,
        "end_date": event.end_date,
        "date_text": event.date_text,
        "date_inferred": event.date_inferred,
        "summary": event.summary,
        "actors": [linker.actor_link(a, here) for a in event.actors],
        "places": [linker.actor_link(p, here) for p in event.places],
        "sources": [linker.source_link(span, here) for span in event.sources],
    }


def _figure_order(figure: Figure) -> tuple:
    """Figures in a list: by category, then date (undated last), largest first."""
    return (figure.category, figure.date or "9999", -figure.value, figure.id)


def _event_anchor(event: Event) -> str:
    slug = slugify_name(event.id)
    return slug if slug.startswith("event") else f"event-{slug}"


def _figure_row(figure: Figure, linker: Linker, here: str) -> dict:
    return {
        "value": charts.qualified_value(figure.value, figure.qualifier),
        "sort_value": figure.value,
        "qualifier": figure.qualifier.replace("_", " "),
        "counted": figure.counted,
        "category": figure.category,
        "date": figure.date,
        "place": figure.place,
        "vague": figure.vague,
        "part_of_total": figure.part_of_total,
        "source": linker.source_link(figure.source, here),
    }


def _mention_row(mention: Mention, dossier: Dossier, linker: Linker, here: str) -> dict:
    doc = linker.documents[mention.span.doc]
    sentence, span = mention.sentence, mention.span
    if sentence.doc == span.doc and sentence.start <= span.start and span.end <= sentence.end:
        before = doc.text[sentence.start : span.start]
        after = doc.text[span.end : sentence.end]
    else:
        before = after = ""
    return {
        "before": before,
        "mark": doc.text[span.start : span.end] or span.text,
        "after": after,
        "date": doc.date,
        "source": linker.source_link(span, here),
    }


def _document_meta(doc: Document) -> dict:
    return {
        "id": doc.id,
        "title": doc.title,
        "date": doc.date,
        "date_source": doc.date_source,
        "date_evidence": doc.date_evidence,
        "path": doc.path,
        "paragraphs": len(doc.paragraphs),
    }


def _document_marks(linker: Linker, doc: Document) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, actor id) marks of a document, first and longest win."""
    spans = sorted(linker.spans_by_doc.get(doc.id, ()), key=lambda mark: (mark[0], -mark[1], mark[2]))
    marks, reached = [], -1
    for start, end, actor_id in spans:
        if start >= reached and end > start:
            marks.append((start, end, actor_id))
            reached = end
    return marks


def _segments(
    text: str, start: int, end: int, marks: Iterable[tuple[int, int, str]], linker: Linker, here: str
) -> list[dict]:
    """Split ``text[start:end]`` into plain pieces and marked pieces linked to actors."""
    segments, cursor = [], start
    for mark_start, mark_end, actor_id in marks:
        if mark_start > cursor:
            segments.append({"text": text[cursor:mark_start], "link": None})
        segments.append({"text": text[mark_start:mark_end], "link": linker.actor_link(actor_id, here)})
        cursor = mark_end
    if cursor < end:
        segments.append({"text": text[cursor:end], "link": None})
    return segments


def _main_role(actor: Actor) -> str | None:
    """The role title stated most often; on a tie, the one stated first."""
    if not actor.roles:
        return None
    counts = Counter(role.title for role in actor.roles)
    order = {title: i for i, title in reversed(list(enumerate(role.title for role in actor.roles)))}
    return min(counts, key=lambda title: (-counts[title], order[title]))


def by_mentions(actor: Actor) -> tuple:
    """Sort key of actors: most mentioned first, then by name."""
    return (-len(actor.mentions), actor.name.casefold(), actor.id)


def _event_key(event: Event) -> tuple:
    return (event.date or "9999", event.id)


def _doc_date(linker: Linker, doc_id: str) -> str | None:
    doc = linker.documents.get(doc_id)
    return doc.date if doc else None


def _doc_order(linker: Linker, doc_id: str) -> tuple:
    doc = linker.documents.get(doc_id)
    return (doc is None or doc.date is None, doc.date if doc and doc.date else "", doc_id)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
