"""The PDF briefing: the site's view models laid out for paper, typeset by WeasyPrint.

The briefing reuses :mod:`builder.publish.pages`'s view functions and
:mod:`builder.publish.charts`' SVGs, so page and paper never disagree. Only the
links differ: :class:`PrintLinker` points them at anchors inside the one
PDF document instead of at site pages. Nothing is fetched from outside:
the URL fetcher serves the charts from memory and refuses every other URL.

A briefing selects: past the caps below, each section prints its best items
and says how many it left out (the site and the exports carry them all), and
a link to an actor or a source the PDF does not print is plain text. The
typeset PDF can be cached, keyed by everything WeasyPrint reads.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import logging
import multiprocessing
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup

from builder.model import Actor, Document, Dossier, Event, Figure, Span
from builder.publish import charts
from builder.publish import pages as render
from builder.store import PickleStore

log = logging.getLogger("dossier")

PRINT_TEMPLATE = "print/briefing.html.j2"
PRINT_STYLESHEET = "print/briefing.css"
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
# seconds (WeasyPrint's time follows the page count). Each capped section
# says how many items it shows out of how many; the site and the exports
# (events.csv, figures.csv, dossier.json) carry every one.
CHRONOLOGY_EVENTS = 30  # the best attested: most sources, then most actors and places
FIGURES_PER_GROUP = 8  # the largest of each chart group (its chart draws the largest 15)
OTHER_FIGURES = 8  # the largest figures outside the chart groups
PROFILES = 30  # the most mentioned people and organisations
OTHER_ACTORS = 30  # the most mentioned of the other names, one table row each
SOURCES = 20  # the articles the printed events, figures and profiles cite most
# An event merged from many reports names dozens of sources and actors: a row
# that tall would not fit a page. Past these, the row says how many more.
EVENT_SOURCES = 2
EVENT_NAMES = 8

# The typeset PDF cache: entries in this subfolder of the caller's cache folder.
CACHE_SUBDIR = "briefing"
CACHE_ENTRIES = 3  # older entries are removed: a PDF per recent state of the corpus
CACHE_FORMAT = 1
_CACHE_MAGIC = b"dossier-briefing-pdf"

# Site pages and the briefing section that stands in for each.
_SECTIONS = {
    "index.md": "summary",
    "actors/index.md": "actors",
    "chronology.md": "chronology",
    "figures.md": "figures",
    "sources/index.md": "sources",
    "report.md": "sources",
}
# The base URL of the document: relative chart paths resolve under it.
_BASE_URL = "dossier:/"


class PrintLinker(render.Linker):
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

    def actor_link(self, actor_id: str, from_page: str) -> dict:
        link = super().actor_link(actor_id, from_page)
        return link if actor_id in self.printed_actors else {**link, "href": None}

    def source_link(self, span: Span, from_page: str) -> dict:
        link = super().source_link(span, from_page)
        return link if span.doc in self.printed_documents else {**link, "href": None}


def print_anchor(folder: str, slug: str) -> str:
    """The id of an actor's or a source's entry in the briefing."""
    return f"{'actor' if folder == 'actors' else 'source'}-{slug}"


def briefing_html(
    dossier: Dossier, templates_dir: Path, title: str = DEFAULT_TITLE, today: str | None = None
) -> str:
    """The briefing as one HTML document (the input of WeasyPrint)."""
    env = render.make_environment(Path(templates_dir))
    return env.get_template(PRINT_TEMPLATE).render(
        page_path="briefing.html", **_briefing_view(dossier, select_printed(dossier), title, today)
    )


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
            subfolder), keyed by everything WeasyPrint reads; the same inputs
            return the stored PDF without typesetting. No cache when not given.
    """
    job = typeset_job(dossier, templates_dir, title, assets, today)
    return PendingPdf(job, cache_dir, background=False).result()


@dataclass(frozen=True)
class TypesetJob:
    """Everything WeasyPrint reads to typeset the briefing, as plain data a worker process can take."""

    html: str
    stylesheet: bytes
    stylesheet_path: str
    charts: dict[str, bytes]

    def key(self) -> str:
        return _typeset_key(self.html, self.stylesheet, self.charts, _package_version("weasyprint"))


def typeset_job(
    dossier: Dossier,
    templates_dir: Path,
    title: str = DEFAULT_TITLE,
    assets: Mapping[str, str | bytes] | None = None,
    today: str | None = None,
) -> TypesetJob:
    """The briefing's HTML, stylesheet and charts (see :func:`briefing_pdf` for the arguments)."""
    templates_dir = Path(templates_dir)
    files = dict(assets) if assets is not None else render.render_charts(dossier)
    html = briefing_html(dossier, templates_dir, title, today)
    stylesheet_path = templates_dir / PRINT_STYLESHEET
    # Only the charts the document names are served, so the cache key covers all it can load.
    charts_used = {path: _as_bytes(content) for path, content in files.items() if _is_chart(path, html)}
    return TypesetJob(html, stylesheet_path.read_bytes(), str(stylesheet_path), charts_used)


def typeset(job: TypesetJob) -> bytes:
    """WeasyPrint's work: the PDF of ``job`` (a module-level function, so a worker process can run it)."""
    import weasyprint  # heavy: import only when a PDF is wanted

    css = weasyprint.CSS(
        string=job.stylesheet.decode("utf-8"), base_url=job.stylesheet_path, url_fetcher=_refuse_fetch
    )
    document = weasyprint.HTML(string=job.html, base_url=_BASE_URL, url_fetcher=_memory_fetcher(job.charts))
    return document.write_pdf(stylesheets=[css])


class PendingPdf:
    """A briefing being typeset: from the cache, here, or in a worker process while the build goes on.

    Typesetting a large briefing takes WeasyPrint seconds of one core; a site build
    that hands it to a worker (``background=True``) renders its pages on the other
    core meanwhile and collects the PDF at the end with :meth:`result`. The worker
    is a fresh interpreter that receives only the job (the HTML and the charts),
    not the dossier, so it adds little memory.
    """

    def __init__(self, job: TypesetJob, cache_dir: Path | str | None = None, background: bool = False):
        self._store = PdfStore(Path(cache_dir) / CACHE_SUBDIR) if cache_dir is not None else None
        self._key = job.key() if self._store is not None else ""
        self._data = self._store.get(self._key) if self._store is not None else None
        self._worker = self._receiver = self._output = None
        if self._data is not None:
            return
        if background:
            # spawn: a clean worker whatever threads this process runs (a live-reload server);
            # daemon: it dies with this process, so a failed build never waits for it.
            # The PDF comes back in a file: through the pipe, the worker would wait, holding its
            # memory, until this process reads it at the end of the build.
            spawn = multiprocessing.get_context("spawn")
            handle, self._output = tempfile.mkstemp(prefix="dossier-briefing-", suffix=".pdf")
            os.close(handle)
            self._receiver, sender = spawn.Pipe(duplex=False)
            self._worker = spawn.Process(target=_typeset_into, args=(job, self._output, sender), daemon=True)
            try:
                self._worker.start()
            except OSError as error:  # no process can be started here: typeset in this one
                log.info("briefing: typesetting in this process (%s)", error)
                self.cancel()
            sender.close()
        if self._worker is None:
            self._keep(typeset(job))

    def result(self) -> bytes:
        """The PDF; waits for the worker if it is still typesetting."""
        if self._data is None:
            try:
                try:
                    done, payload = self._receiver.recv()
                except EOFError:  # the worker died without a word (killed, out of memory)
                    self._worker.join()
                    code = self._worker.exitcode
                    raise OSError(f"the typesetting process stopped (exit code {code})") from None
                finally:
                    self._stop_worker()
                if not done:
                    raise payload
                data = Path(self._output).read_bytes()
            finally:
                self._discard_output()
            self._keep(data)
        return self._data

    def cancel(self) -> None:
        """Stop the worker, if any (a build that failed does not wait for its PDF)."""
        self._stop_worker()
        self._discard_output()

    def _stop_worker(self) -> None:
        if self._worker is not None:
            if self._worker.is_alive():
                self._worker.terminate()
            self._worker.join()
            self._receiver.close()
        self._worker = self._receiver = None

    def _discard_output(self) -> None:
        if self._output is not None:
            Path(self._output).unlink(missing_ok=True)
        self._output = None

    def _keep(self, data: bytes) -> None:
        self._data = data
        if self._store is not None:
            self._store.put(self._key, data)
            self._store.keep_newest(CACHE_ENTRIES)


def _typeset_into(job: TypesetJob, output: str, sender) -> None:
    """The worker's side: typeset into ``output``, then say it is done, or send the error."""
    try:
        Path(output).write_bytes(typeset(job))
        sender.send((True, None))
    except Exception as error:  # noqa: BLE001 - the build reports it
        try:
            sender.send((False, error))
        except Exception:  # noqa: BLE001 - an error that does not pickle goes as text
            sender.send((False, OSError(f"{type(error).__name__}: {error}")))
    finally:
        sender.close()


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
    for group in charts.FIGURE_GROUPS:
        members = charts.figures_in_group(dossier.figures, group)
        figures += members[:FIGURES_PER_GROUP]
        totals[f"figures-{group.key}"] = len(members)
        grouped.update(group.categories)
    others = sorted(
        (figure for figure in dossier.figures if figure.category not in grouped),
        key=lambda figure: (-figure.value, figure.id),
    )
    figures += others[:OTHER_FIGURES]
    notable, rest = _split_actors(dossier)
    profiled = notable[:PROFILES]
    # Past the cap, the next people and organisations join the compact table.
    listed = sorted(notable[PROFILES:] + rest, key=render.by_mentions) if len(notable) > PROFILES else rest
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
    ordered = sorted(dossier.actors, key=render.by_mentions)
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


def _briefing_view(dossier: Dossier, chosen: PrintSelection, title: str, today: str | None) -> dict:
    here = "briefing.html"
    linker = PrintLinker(
        dossier,
        actors=[actor.id for actor in (*chosen.profiled, *chosen.listed)],
        documents=[doc.id for doc in chosen.documents],
    )
    # The chronology, figure and source views read a dossier cut down to what is printed.
    printed = replace(dossier, events=chosen.events, figures=chosen.figures, documents=chosen.documents)
    home = render.home_view(dossier, linker, here)
    home = {**home, "latest_events": _shortened_events(home["latest_events"])}
    chronology = render.chronology_view(printed, linker, here)
    chronology = {
        **chronology,
        "years": [
            {
                **year,
                "months": [
                    {**month, "events": _shortened_events(month["events"])} for month in year["months"]
                ],
            }
            for year in chronology["years"]
        ],
        "undated": _shortened_events(chronology["undated"]),
    }
    figures = render.figures_view(printed, linker, here)
    grouped = {category for group in charts.FIGURE_GROUPS for category in group.categories}
    totals = chosen.totals
    figure_groups = [
        {**view, "shown": len(view["figures"]), "total": totals[f"figures-{group.key}"]}
        for group, view in zip(charts.FIGURE_GROUPS, figures["groups"], strict=True)
        if view["figures"]
    ]
    shown = {
        "events": len(chosen.events),
        "other_figures": min(totals["other_figures"], OTHER_FIGURES),
        "profiles": len(chosen.profiled),
        "other_actors": len(chosen.listed),
        "sources": len(chosen.documents),
    }
    capped = {
        section: {"shown": count, "total": totals[section]} if count < totals[section] else None
        for section, count in shown.items()
    }
    return {
        "title": title,
        "built": dossier.built or today or dt.date.today().isoformat(),
        "home": home,
        "chronology": chronology,
        "figure_groups": figure_groups,
        "other_figures": [row for row in figures["figures"] if row["category"] not in grouped],
        "network_chart": linker.href(f"{render.CHART_DIR}/network.svg", here),
        "profiles": _profiles(dossier, linker, chosen.profiled, here),
        "other_actors": [
            {**render.actor_row(actor, dossier, linker, here), "anchor": _actor_anchor(linker, actor)}
            for actor in chosen.listed
        ],
        "sources": [
            {**doc, "anchor": print_anchor("sources", linker.doc_slugs[doc["id"]])}
            for doc in render.sources_index_view(printed, linker, here)["documents"]
        ],
        "limits": {
            "key_dates": SUMMARY_KEY_DATES,
            "roles": PROFILE_ROLES,
            "quotes": PROFILE_QUOTES,
        },
        # Sections that print fewer items than the dossier holds: {section: {shown, total}}, else None.
        "capped": capped,
        "shortened": any(capped.values()) or any(view["shown"] < view["total"] for view in figure_groups),
    }


def _profiles(dossier: Dossier, linker: PrintLinker, actors: Iterable[Actor], here: str) -> list[dict]:
    """The print profiles: an actor page's facts, cut to what a profile prints.

    Not :func:`render.actor_view`: that builds a row for every event and
    mention of the actor, thousands for a head of state in a large corpus.
    """
    actors = list(actors)
    events: dict[str, list[Event]] = {actor.id: [] for actor in actors}
    for event in sorted(dossier.events, key=render._event_key):
        for actor_id in dict.fromkeys((*event.actors, *event.places)):
            if actor_id in events:
                events[actor_id].append(event)
    profiles = []
    for actor in actors:
        own = events[actor.id]
        related = [
            (other, shared) for other, shared in actor.related if other in linker.actors and other != actor.id
        ]
        profiles.append(
            {
                "anchor": _actor_anchor(linker, actor),
                "actor": render.actor_row(actor, dossier, linker, here),
                "aliases": sorted(set(actor.aliases) - {actor.name}),
                "roles": [
                    {
                        "title": role.title,
                        "organisation": role.organisation,
                        "as_of": role.as_of,
                        "source": linker.source_link(role.source, here),
                    }
                    for role in actor.roles
                ],
                "quotes": [
                    {"text": quote.text, "source": linker.source_link(quote.source, here)}
                    for quote in actor.quotes[:PROFILE_QUOTES]
                ],
                "events": _shortened_events(
                    [render._event_row(event, linker, here) for event in own[:PROFILE_EVENTS]]
                ),
                "more_events": max(len(own) - PROFILE_EVENTS, 0),
                "related": [
                    {**linker.actor_link(other, here), "shared": shared}
                    for other, shared in related[:PROFILE_RELATED]
                ],
                "sources": len({mention.span.doc for mention in actor.mentions}),
            }
        )
    return profiles


def _shortened_events(rows: list[dict]) -> list[dict]:
    """Event rows with at most ``EVENT_SOURCES`` citations and ``EVENT_NAMES`` actors and places."""
    shortened = []
    for row in rows:
        actors = row["actors"][:EVENT_NAMES]
        places = row["places"][: EVENT_NAMES - len(actors)]
        more_names = len(row["actors"]) + len(row["places"]) - len(actors) - len(places)
        shortened.append(
            {
                **row,
                "actors": actors,
                "places": places,
                "more_names": more_names,
                "sources": row["sources"][:EVENT_SOURCES],
                "more_sources": max(len(row["sources"]) - EVENT_SOURCES, 0),
            }
        )
    return shortened


def _actor_anchor(linker: PrintLinker, actor: Actor) -> str:
    return print_anchor("actors", linker.actor_slugs[actor.id])


# --- the typeset PDF cache ---------------------------------------------------------


def _typeset_key(
    html: str, stylesheet: bytes, charts_used: Mapping[str, bytes], weasyprint_version: str
) -> str:
    """A hash of everything WeasyPrint reads: the document, the stylesheet, the charts, its version."""
    digest = hashlib.sha256()
    parts = [str(CACHE_FORMAT).encode(), weasyprint_version.encode(), _package_version("pydyf").encode()]
    parts += [html.encode("utf-8", "surrogatepass"), stylesheet]
    for path in sorted(charts_used):
        parts += [path.encode("utf-8"), charts_used[path]]
    for part in parts:
        # Length-prefixed, so that no two different inputs run together into one.
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def _package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


class PdfStore(PickleStore):
    """Typeset PDFs, checked like every cache entry, and only whole PDFs accepted."""

    magic = _CACHE_MAGIC

    def accept(self, value: object, check: object = None) -> bool:
        return isinstance(value, bytes) and value.startswith(b"%PDF-") and value.rstrip().endswith(b"%%EOF")


# --- fetching: from memory only --------------------------------------------------


def _is_chart(path: str, html: str) -> bool:
    return path.endswith(".svg") and path in html


def _as_bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _memory_fetcher(files: Mapping[str, str | bytes]):
    def fetch(url: str, *args, **kwargs) -> dict:
        # WeasyPrint cannot join paths onto our private base, so chart paths arrive as written.
        path = url[len(_BASE_URL) :] if url.startswith(_BASE_URL) else url
        if urlsplit(path).scheme or path.startswith("/"):
            _refuse_fetch(url)
        content = files.get(path)
        if content is None or not path.endswith(".svg"):
            raise ValueError(f"briefing: no chart named {path!r}")
        return {"string": _as_bytes(content), "mime_type": "image/svg+xml", "redirected_url": url}

    return fetch


def _refuse_fetch(url: str, *args, **kwargs) -> dict:
    # The briefing is built offline: nothing from the corpus or a template may
    # make it load a file or a web resource.
    raise ValueError(f"briefing: refusing to fetch {url!r}")
