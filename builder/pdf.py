"""The PDF briefing: the site's view models laid out for paper, typeset by WeasyPrint.

The briefing reuses :mod:`builder.render`'s view functions and
:mod:`builder.charts`' SVGs, so page and paper never disagree. Only the
links differ: :class:`PrintLinker` points them at anchors inside the one
PDF document instead of at site pages. Nothing is fetched from outside:
the URL fetcher serves the charts from memory and refuses every other URL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup

from builder import charts, render
from builder.model import Actor, Dossier

PRINT_TEMPLATE = "print/briefing.html.j2"
PRINT_STYLESHEET = "print/briefing.css"
DEFAULT_TITLE = "Briefing dossier"

# A profile for an actor named this often (or with a role, a quote or an
# event); the others are listed in one compact table so every link has a target.
PROFILE_MIN_MENTIONS = 2
SUMMARY_KEY_DATES = 6
PROFILE_ROLES = 4
PROFILE_QUOTES = 2
PROFILE_EVENTS = 6
PROFILE_RELATED = 8

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
    """Links inside the PDF: actors and sources are anchors, charts come from memory."""

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


def print_anchor(folder: str, slug: str) -> str:
    """The id of an actor's or a source's entry in the briefing."""
    return f"{'actor' if folder == 'actors' else 'source'}-{slug}"


def briefing_html(
    dossier: Dossier, templates_dir: Path, title: str = DEFAULT_TITLE, today: str | None = None
) -> str:
    """The briefing as one HTML document (the input of WeasyPrint)."""
    env = render.make_environment(Path(templates_dir))
    linker = PrintLinker(dossier)
    return env.get_template(PRINT_TEMPLATE).render(
        page_path="briefing.html", **_briefing_view(dossier, linker, title, today)
    )


def briefing_pdf(
    dossier: Dossier,
    templates_dir: Path,
    title: str = DEFAULT_TITLE,
    assets: Mapping[str, str | bytes] | None = None,
    today: str | None = None,
) -> bytes:
    """Typeset the briefing to PDF bytes.

    Args:
        dossier: the resolved dossier.
        templates_dir: the site's templates folder (holds ``print/``).
        title: the title on the cover and in the running header.
        assets: the site's rendered files (``{path: content}``) to take the
            charts from; drawn afresh when not given.
        today: the build date on the cover when the dossier carries none.
    """
    from weasyprint import CSS, HTML  # heavy: import only when a PDF is wanted

    templates_dir = Path(templates_dir)
    files = dict(assets) if assets is not None else render.render_charts(dossier)
    html = briefing_html(dossier, templates_dir, title, today)
    stylesheet = CSS(filename=str(templates_dir / PRINT_STYLESHEET), url_fetcher=_refuse_fetch)
    document = HTML(string=html, base_url=_BASE_URL, url_fetcher=_memory_fetcher(files))
    return document.write_pdf(stylesheets=[stylesheet])


def write_briefing(dossier: Dossier, templates_dir: Path, output: Path, **options) -> Path:
    """Write the PDF briefing to ``output`` (folders are created)."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(briefing_pdf(dossier, templates_dir, **options))
    return output


# --- the view model ------------------------------------------------------------


def _briefing_view(dossier: Dossier, linker: PrintLinker, title: str, today: str | None) -> dict:
    here = "briefing.html"
    home = render.home_view(dossier, linker, here)
    figures = render.figures_view(dossier, linker, here)
    grouped = {category for group in charts.FIGURE_GROUPS for category in group.categories}
    profiled, listed = _split_actors(dossier)
    return {
        "title": title,
        "built": dossier.built or today or dt.date.today().isoformat(),
        "home": home,
        "chronology": render.chronology_view(dossier, linker, here),
        "figure_groups": [group for group in figures["groups"] if group["figures"]],
        "other_figures": [row for row in figures["figures"] if row["category"] not in grouped],
        "network_chart": linker.href(f"{render.CHART_DIR}/network.svg", here),
        "profiles": [_profile(dossier, linker, actor, here) for actor in profiled],
        "other_actors": [
            {**render.actor_row(actor, dossier, linker, here), "anchor": _actor_anchor(linker, actor)}
            for actor in listed
        ],
        "sources": [
            {**doc, "anchor": print_anchor("sources", linker.doc_slugs[doc["id"]])}
            for doc in render.sources_index_view(dossier, linker, here)["documents"]
        ],
        "limits": {
            "key_dates": SUMMARY_KEY_DATES,
            "roles": PROFILE_ROLES,
            "quotes": PROFILE_QUOTES,
            "events": PROFILE_EVENTS,
        },
    }


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


def _profile(dossier: Dossier, linker: PrintLinker, actor: Actor, here: str) -> dict:
    view = render.actor_view(dossier, linker, actor, here)
    return {
        "anchor": _actor_anchor(linker, actor),
        "actor": view["actor"],
        "aliases": view["aliases"],
        "roles": view["roles"],
        "quotes": view["quotes"],
        "events": view["events"],
        "related": view["related"][:PROFILE_RELATED],
        "sources": len({mention.span.doc for mention in actor.mentions}),
    }


def _actor_anchor(linker: PrintLinker, actor: Actor) -> str:
    return print_anchor("actors", linker.actor_slugs[actor.id])


# --- fetching: from memory only --------------------------------------------------


def _memory_fetcher(files: Mapping[str, str | bytes]):
    def fetch(url: str, *args, **kwargs) -> dict:
        # WeasyPrint cannot join paths onto our private base, so chart paths arrive as written.
        path = url[len(_BASE_URL) :] if url.startswith(_BASE_URL) else url
        if urlsplit(path).scheme or path.startswith("/"):
            _refuse_fetch(url)
        content = files.get(path)
        if content is None or not path.endswith(".svg"):
            raise ValueError(f"briefing: no chart named {path!r}")
        data = content.encode("utf-8") if isinstance(content, str) else content
        return {"string": data, "mime_type": "image/svg+xml", "redirected_url": url}

    return fetch


def _refuse_fetch(url: str, *args, **kwargs) -> dict:
    # The briefing is built offline: nothing from the corpus or a template may
    # make it load a file or a web resource.
    raise ValueError(f"briefing: refusing to fetch {url!r}")
