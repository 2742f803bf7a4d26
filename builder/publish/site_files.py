"""Every file the site generates from a dossier: pages, charts, exports, and the files still being made.

After the dossier, a build has four pieces of work that need only the dossier: the charts,
the PDF briefing (which needs the charts), the exports and the pages. Where this process
may fork (:func:`builder.forked.fork_is_safe`), a forked child makes the briefing's source,
draws the charts and typesets the briefing, while this process renders the pages (on a
large site, with a child of their own for the chronology, figures and article pages:
``render_pages``' ``fork``) and MkDocs then writes them; once a core is free (the pages'
child has finished, or else this process has rendered its pages), another child makes the
exports (on 1,000 articles they are 7 s of one core: started beside the rendering they
slowed it; after it, with one article changed, the build waited three seconds for them
once MkDocs was done). The charts,
the PDF and the exports are :class:`LateFiles`: the site lists them from the start (an
empty stand-in each) and the build writes them when it ends. Elsewhere (``mkdocs
serve``'s threads, Windows) the work runs here in turn, and the PDF in a spawned worker.
Both ways make the same files. Where a child fails (no process could be started, it was
killed, it raised), its part is made here after all: a build never fails for want of a
child, and an error of the work itself is raised here, with its traceback.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from builder.forked import Files, ForkedWork, Outbox, fork_is_safe
from builder.model import Dossier
from builder.publish.links import BRIEFING_FILE
from builder.publish.pages import RenderMemo, chart_paths, render_charts, render_pages
from builder.publish.review import review_entries

if TYPE_CHECKING:
    from builder.publish.typeset import TypesetJob

log = logging.getLogger("dossier")

# The libraries the charts and the exports load on first use, more than a second of one core
# in all: matplotlib (through the charts' module) and FollowTheMoney (which reads its schema's
# YAML files when imported: 0.8 s alone). Typst, for the briefing, imports in milliseconds.
LIBRARIES = ("builder.publish.charts", "followthemoney")

# The forked children's results, by name.
_CHARTS, _CHART_DIGESTS, _EXPORTS = "charts", "chart digests", "exports"
_BRIEFING_READY, _PDF = "briefing ready", "pdf"


class Typesetting(Protocol):
    """The PDF briefing on its way: :meth:`result` waits for it; :meth:`cancel` stops the work."""

    def result(self) -> bytes: ...

    def cancel(self) -> None: ...


class LateFileError(RuntimeError):
    """A file still being made could not be made; the message says which (``PDF briefing: ...``)."""


class _Pending(Protocol):
    """Files on their way: :meth:`result` waits for them; :meth:`cancel` stops the work."""

    names: tuple[str, ...]

    def result(self) -> Files: ...

    def cancel(self) -> None: ...


class LateFiles:
    """Files the site lists from the start that are still being made: the charts, the PDF, the exports.

    The site's files hold an empty stand-in for each (:attr:`names`); :meth:`result` waits
    for them all.
    """

    def __init__(self, parts: list[_Pending]) -> None:
        self._parts = parts

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for part in self._parts for name in part.names)

    def result(self) -> dict[str, str | bytes]:
        """Every late file, waited for; ``LateFileError`` if the PDF cannot be typeset (the rest stop)."""
        files: dict[str, str | bytes] = {}
        try:
            for part in self._parts:
                files.update(part.result())
        except BaseException:
            self.cancel()
            raise
        return files

    def cancel(self) -> None:
        """Stop the work: the build failed and does not wait for these files."""
        for part in self._parts:
            part.cancel()


@dataclass(frozen=True)
class Publication:
    """What the files are made with, besides the dossier."""

    templates: Path
    title: str  # on the PDF's cover
    briefing: bool  # typeset the PDF briefing (and link to it from the home page)
    cache_root: Path | None = None  # the PDF cache's parent folder; None: no cache


def load_libraries() -> None:
    """Import the libraries that making the files will load (``LIBRARIES``).

    A build calls it while a worker extracts the articles (``build_dossier``'s ``meanwhile``):
    the children that draw the charts and make the exports are then forked with them loaded,
    instead of each loading its own after the dossier is made.

    A library that fails to load here is left to the step that needs it, which imports it
    again and says what failed where it failed (not as an error of the corpus in the middle
    of the extraction).
    """
    for name in LIBRARIES:
        with contextlib.suppress(Exception):
            importlib.import_module(name)


def site_files(
    dossier: Dossier, publication: Publication, memo: RenderMemo | None = None, fork: bool | None = None
) -> tuple[dict[str, str | bytes], LateFiles | None]:
    """The site's files (charts, pages, exports, PDF, in that order) and those still being made (None: none).

    A file still being made is in the site's files as an empty stand-in (see :class:`LateFiles`).
    ``memo``: pages and charts of an earlier render, taken over where unchanged.
    ``fork``: make the charts, briefing and exports in forked children; None: where it is safe.
    """
    from builder.publish.export import export_files

    def paper(outbox: Outbox) -> None:
        # The briefing's source first: a template error is told with the pages (_BRIEFING_READY).
        source = _briefing_source(dossier, publication) if publication.briefing else ""
        if publication.briefing:
            outbox.deliver(_BRIEFING_READY, {})
        charts = render_charts(dossier, memo)
        outbox.deliver(_CHARTS, charts)
        outbox.deliver(_CHART_DIGESTS, {path: memo.digests[path] for path in charts} if memo else {})
        if publication.briefing:
            job = _typeset_job(dossier, charts, publication, source)
            outbox.deliver(_PDF, {BRIEFING_FILE: _typesetting(job, publication, background=False).result()})

    def exports(outbox: Outbox) -> None:
        outbox.deliver(_EXPORTS, export_files(dossier, publication.title))

    forking = fork if fork is not None else fork_is_safe()
    if forking and publication.briefing:
        # The home page counts the doubtful statements and the briefing lists them, worked out
        # once a dossier (0.7 to 0.9 s of CPU at 1,000 articles): here, before the fork, the
        # child has them too.
        review_entries(dossier)
    names = (_CHARTS, _CHART_DIGESTS) + ((_BRIEFING_READY, _PDF) if publication.briefing else ())
    paper_child = _forked_or_none(paper, names) if forking else None
    pdf: Typesetting | None = None
    exports_fork = _ForkedOnce(exports, (_EXPORTS,), forking)

    late: list[_Pending] = []
    try:
        charts: Files | None = None
        if paper_child is None:
            # The charts whose data did not change are taken over from the memo.
            charts = render_charts(dossier, memo)
            # Typeset from the pages' own view models and charts, so paper and site agree; in a
            # worker process, while this one renders the pages.
            if publication.briefing:
                pdf = _typesetting(_typeset_job(dossier, charts, publication), publication, background=True)
        # The exports start as soon as a core is free: when the child rendering some of the pages
        # has finished, or else once the pages are rendered (below).
        pages = render_pages(
            dossier,
            publication.templates,
            publication.briefing,
            memo,
            fork=forking,
            core_free=exports_fork.start,
        )
        if paper_child is not None:
            if publication.briefing and _result_or_none(paper_child, _BRIEFING_READY) is None:
                # Made here: a template error, which the child met too, is raised here with its traceback.
                charts = render_charts(dossier, memo)
                pdf = _typesetting(_typeset_job(dossier, charts, publication), publication, background=True)
            else:
                # The charts and the PDF are drawn and typeset while MkDocs writes the pages.
                paper_files = _ForkedPaper(paper_child, dossier, publication, memo)
                late.append(paper_files)
                charts = dict.fromkeys(paper_files.charts, b"")  # their stand-ins, first as in turn
        site: dict[str, str | bytes] = dict(charts or {})
        site.update(pages)
        # dossier.json, FtM, TimelineJS, networks, CSV: made while MkDocs writes the pages.
        exports_fork.start()
        exports_child = exports_fork.child
        if exports_child is not None:
            # First: the build waits for them first, and an error of theirs stops the paper child.
            exports_files = _ForkedExports(exports_child, dossier, publication.title)
            late.insert(0, exports_files)
            site.update(dict.fromkeys(exports_files.names, b""))
        else:
            site.update(export_files(dossier, publication.title))
        if pdf is not None:
            late.append(_PdfFile(pdf))
    except BaseException:
        for work in (paper_child, exports_fork.child, pdf):
            if work is not None:
                work.cancel()  # the build stops here: nothing more of theirs is wanted
        raise
    if not late:
        return site, None
    pending = LateFiles(late)
    for name in pending.names:
        site.setdefault(name, b"")  # the PDF's stand-in, last; each written over when the build ends
    return site, pending


class _ForkedOnce:
    """``work`` forked the first time :meth:`start` is called, never again (nor without ``forking``)."""

    def __init__(self, work, names: tuple[str, ...], forking: bool) -> None:
        self._work, self._names, self._forking = work, names, forking
        self._started = False
        self.child: ForkedWork | None = None  # None: not started, or no process could be (made here)

    def start(self) -> None:
        if self._forking and not self._started:
            self._started = True
            self.child = _forked_or_none(self._work, self._names)


def _forked_or_none(work, names: tuple[str, ...]) -> ForkedWork | None:
    """``work`` started in a forked child; None if no process can be started (the caller does it here)."""
    try:
        return ForkedWork(work, names)
    except OSError as error:
        log.info("made in this process: %s (%s)", ", ".join(names), error)
        return None


def _result_or_none(child: ForkedWork, name: str) -> dict[str, str | bytes] | None:
    """The child's result ``name``; None if the child failed (stopped now): the caller makes it here.

    Making it here again is what tells a bug in it with its whole traceback, and what keeps a
    build going when only the child could not (a full temporary folder, a child killed).
    """
    try:
        return child.result(name)
    except Exception as error:  # noqa: BLE001 - made again here, which raises it if it is the work's own
        log.info("made in this process: %s (the forked child: %s)", name, error)
        return None


def _typeset_job(
    dossier: Dossier, charts: Files, publication: Publication, source: str | None = None
) -> TypesetJob:
    """The briefing's Typst source (rendered here unless given) and charts: what the typesetter reads."""
    # The briefing's view renders templates: imported when a PDF is wanted.
    from builder.publish.briefing import typeset_job

    return typeset_job(dossier, publication.templates, title=publication.title, assets=charts, source=source)


def _briefing_source(dossier: Dossier, publication: Publication) -> str:
    """The briefing's Typst source (it names the charts; they are handed to Typst apart)."""
    from builder.publish.briefing import briefing_source

    return briefing_source(dossier, publication.templates, title=publication.title)


def _typesetting(job: TypesetJob, publication: Publication, background: bool) -> Typesetting:
    """The PDF of ``job``: from the typeset cache, typeset here, or in a spawned worker (``background``)."""
    from builder.publish.typeset import PendingPdf

    return PendingPdf(job, publication.cache_root, background=background)


class _PdfFile:
    """The PDF briefing being typeset, as a late file."""

    names = (BRIEFING_FILE,)

    def __init__(self, typesetting: Typesetting) -> None:
        self._typesetting = typesetting

    def result(self) -> Files:
        from builder.publish.typeset import TypesetError

        try:
            return {BRIEFING_FILE: self._typesetting.result()}
        except (OSError, TypesetError) as error:
            raise LateFileError(f"PDF briefing: {error}") from error

    def cancel(self) -> None:
        self._typesetting.cancel()


class _ForkedExports:
    """The exports being made by a forked child; made here if it fails."""

    def __init__(self, child: ForkedWork, dossier: Dossier, title: str) -> None:
        from builder.publish.export import EXPORTS

        self.names = tuple(file.name for file in EXPORTS)
        self._child = child
        self._dossier: Dossier | None = dossier  # kept for the child's part, in case it fails
        self._title = title

    def result(self) -> Files:
        from builder.publish.export import export_files

        exported = _result_or_none(self._child, _EXPORTS)
        dossier, self._dossier = self._dossier, None
        if exported is None and dossier is not None:
            exported = export_files(dossier, self._title)
        return exported or {}

    def cancel(self) -> None:
        self._dossier = None
        self._child.cancel()


class _ForkedPaper:
    """The charts and the PDF briefing being made by the forked child; made here where it failed."""

    def __init__(
        self, child: ForkedWork, dossier: Dossier, publication: Publication, memo: RenderMemo | None
    ) -> None:
        self.charts = tuple(chart_paths(dossier))
        self.names = self.charts + ((BRIEFING_FILE,) if publication.briefing else ())
        self._child = child
        # Kept for the child's part, in case it fails.
        self._made_from: tuple[Dossier, RenderMemo | None] | None = (dossier, memo)
        self._publication = publication

    def result(self) -> Files:
        made_from, self._made_from = self._made_from, None
        if made_from is None:
            return {}
        dossier, memo = made_from
        charts = _result_or_none(self._child, _CHARTS)
        digests = _result_or_none(self._child, _CHART_DIGESTS) if charts is not None else None
        if charts is None or digests is None:
            charts = render_charts(dossier, memo)
        elif memo is not None:
            memo.add({path: str(digest) for path, digest in digests.items()}, first=True)
        files: dict[str, str | bytes] = dict(charts)
        if self._publication.briefing:
            typeset = _result_or_none(self._child, _PDF)
            if typeset is not None:
                pdf = typeset[BRIEFING_FILE]
                files[BRIEFING_FILE] = pdf if isinstance(pdf, bytes) else pdf.encode()
            else:  # typeset here: an error of the typesetting itself is raised here
                job = _typeset_job(dossier, charts, self._publication)
                files.update(_PdfFile(_typesetting(job, self._publication, background=False)).result())
        return files

    def cancel(self) -> None:
        self._made_from = None
        self._child.cancel()
