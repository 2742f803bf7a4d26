"""Every file the site generates from a dossier: pages, charts, exports, and the PDF briefing being typeset.

After the dossier, a build has four pieces of work that need only the dossier: the charts,
the PDF briefing (which needs the charts), the exports and the pages. One core did them in
turn while the PDF's worker had the other; on 1,000 articles the pages, the exports and the
charts took 21 s before MkDocs started. Where this process may fork
(:func:`builder.forked.fork_is_safe`), two forked children take the charts and the briefing,
and the exports, while this process renders the pages; elsewhere (``mkdocs serve``'s
threads, Windows) the work runs here in turn, and the PDF in a spawned worker, as before.
Both ways make the same files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from builder.forked import ForkedWork, Outbox, fork_is_safe
from builder.model import Dossier
from builder.publish.links import BRIEFING_FILE
from builder.publish.pages import RenderMemo, render_charts, render_pages

# The forked children's results, by name.
_CHARTS, _CHART_DIGESTS, _PDF, _EXPORTS = "charts", "chart digests", "pdf", "exports"


class Typesetting(Protocol):
    """The PDF briefing on its way: :meth:`result` waits for it; :meth:`cancel` stops the work."""

    def result(self) -> bytes: ...

    def cancel(self) -> None: ...


@dataclass(frozen=True)
class Publication:
    """What the files are made with, besides the dossier."""

    templates: Path
    title: str  # on the PDF's cover
    briefing: bool  # typeset the PDF briefing (and link to it from the home page)
    cache_root: Path | None = None  # the PDF cache's parent folder; None: no cache


def site_files(
    dossier: Dossier, publication: Publication, memo: RenderMemo | None = None, fork: bool | None = None
) -> tuple[dict[str, str | bytes], Typesetting | None]:
    """The site's files (charts, pages, exports, in that order) and the PDF being typeset (None without one).

    ``memo``: pages and charts of an earlier render, taken over where unchanged.
    ``fork``: make the charts, briefing and exports in forked children; None: where it is safe.
    """
    if fork if fork is not None else fork_is_safe():
        return _files_forked(dossier, publication, memo)
    return _files_in_turn(dossier, publication, memo)


def _files_in_turn(
    dossier: Dossier, publication: Publication, memo: RenderMemo | None
) -> tuple[dict[str, str | bytes], Typesetting | None]:
    from builder.publish.export import export_files

    charts = render_charts(dossier, memo)  # the charts whose data did not change are taken over
    # Typeset from the pages' own view models and charts, so paper and site agree; in a
    # worker process, while this one renders the pages.
    pdf = _start_typesetting(dossier, charts, publication, background=True) if publication.briefing else None
    try:
        site: dict[str, str | bytes] = dict(charts)
        site.update(render_pages(dossier, publication.templates, publication.briefing, memo))
        site.update(export_files(dossier, publication.title))  # dossier.json, FtM, TimelineJS, networks, CSV
    except BaseException:
        if pdf is not None:
            pdf.cancel()  # the build stops here: its PDF is not wanted
        raise
    return site, pdf


def _files_forked(
    dossier: Dossier, publication: Publication, memo: RenderMemo | None
) -> tuple[dict[str, str | bytes], Typesetting | None]:
    from builder.publish.export import export_files

    def paper(outbox: Outbox) -> None:
        charts = render_charts(dossier, memo)
        outbox.deliver(_CHARTS, charts)
        outbox.deliver(_CHART_DIGESTS, {path: memo.digests[path] for path in charts} if memo else {})
        if publication.briefing:
            pdf = _start_typesetting(dossier, charts, publication, background=False).result()
            outbox.deliver(_PDF, {BRIEFING_FILE: pdf})

    def exports(outbox: Outbox) -> None:
        outbox.deliver(_EXPORTS, export_files(dossier, publication.title))

    names = (_CHARTS, _CHART_DIGESTS, _PDF) if publication.briefing else (_CHARTS, _CHART_DIGESTS)
    children = [ForkedWork(paper, names)]
    try:
        children.append(ForkedWork(exports, (_EXPORTS,)))
        pages = render_pages(dossier, publication.templates, publication.briefing, memo)
        site: dict[str, str | bytes] = dict(children[0].result(_CHARTS))
        if memo is not None:
            memo.take_over({path: str(digest) for path, digest in children[0].result(_CHART_DIGESTS).items()})
        site.update(pages)
        site.update(children[1].result(_EXPORTS))
    except BaseException:
        for child in children:
            child.cancel()  # the build stops here: nothing more of theirs is wanted
        raise
    return site, (_ForkedPdf(children[0]) if publication.briefing else None)


def _start_typesetting(
    dossier: Dossier, charts: dict[str, str], publication: Publication, background: bool
) -> Typesetting:
    """The PDF briefing from the typeset cache, or being typeset (in a spawned worker if ``background``)."""
    # The briefing's view renders templates, WeasyPrint typesets: imported when a PDF is wanted.
    from builder.publish.briefing import typeset_job
    from builder.publish.typeset import PendingPdf

    job = typeset_job(dossier, publication.templates, title=publication.title, assets=charts)
    return PendingPdf(job, publication.cache_root, background=background)


class _ForkedPdf:
    """The PDF briefing typeset by the forked child that drew the charts."""

    def __init__(self, child: ForkedWork) -> None:
        self._child = child

    def result(self) -> bytes:
        pdf = self._child.result(_PDF)[BRIEFING_FILE]
        return pdf if isinstance(pdf, bytes) else pdf.encode()

    def cancel(self) -> None:
        self._child.cancel()
