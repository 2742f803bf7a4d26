"""The files a build generates: from the generated-site cache when nothing changed, else built.

Building means the dossier (corpus -> extract -> resolve), its pages, charts and
exports, and the PDF briefing handed to a worker while the pages render. What the
user can fix (a missing folder or model, a bad curation line, a template error)
becomes a ``PluginError`` naming the file or the mkdocs.yml option.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from jinja2 import TemplateError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from builder.collector import settle
from builder.corpus import BuildDateError, Corpus, build_date, read_corpus
from builder.plugin import site_cache
from builder.plugin.config import DossierConfig
from builder.plugin.late_files import LateFilesJob, template_error
from builder.settings import RunSettings
from builder.store import default_cache_dir

if TYPE_CHECKING:  # names of types only: the modules load when a build needs them
    from builder.model import Dossier
    from builder.publish.pages import RenderMemo
    from builder.publish.site_files import LateFiles

log = logging.getLogger("mkdocs.plugins.dossier")
# The pipeline's own logger: warnings about the corpus repeated from a cached build go there too.
pipeline_log = logging.getLogger("dossier")


@dataclass(frozen=True)
class SiteInputs:
    """What the generated files are made from, as the plugin resolved it from mkdocs.yml."""

    corpus: Path
    templates: Path
    run: RunSettings
    cache_root: Path | None  # the site caches' folder; None: the cache is off
    pdf: bool  # typeset the PDF briefing (not while `mkdocs serve` previews)
    title: str  # the site's name, on the PDF's cover

    @classmethod
    def from_config(cls, options: DossierConfig, config: MkDocsConfig, serving: bool) -> SiteInputs:
        """The plugin's ``options`` resolved: paths relative to mkdocs.yml, wherever the command runs."""
        base = Path(config.config_file_path or ".").resolve().parent

        def resolve(value: str) -> Path:
            return Path(value) if Path(value).is_absolute() else base / value

        corpus = resolve(options.corpus)
        cache_dir = resolve(options.cache_dir) if options.cache_dir else None
        run = RunSettings(
            model=options.model,
            curation_path=resolve(options.curation) if options.use_curation else None,
            use_curation=options.use_curation,
            use_cache=options.cache,
            cache_dir=cache_dir,  # None: the builder's default, as for `dossier export`
            executor=options.executor,
            scheduler=options.scheduler or None,
            jobs=options.jobs or None,
        )
        cache_root = (cache_dir or default_cache_dir(corpus)) if options.cache else None
        # Live preview rebuilds on every change: it leaves the PDF out.
        pdf = options.pdf and not serving
        return cls(corpus, resolve(options.templates), run, cache_root, pdf, config.site_name)


class CorpusRead(NamedTuple):
    """A corpus folder as ``read_corpus`` read it on a build date: handed on, it is not read again."""

    folder: Path
    today: dt.date
    corpus: Corpus


def generated_site(
    inputs: SiteInputs, templates_digest: str, already_read: CorpusRead | None = None
) -> tuple[site_cache.GeneratedSite, LateFilesJob | None]:
    """The generated files, and those still being made (None: nothing to wait for): charts, PDF, exports.

    ``already_read``: the corpus as the build command read it moments ago (to see whether
    anything changed), used if it is this build's folder and date (a thousand articles are
    read in 0.4 s).

    What is made here lasts the whole build: it is kept out of the collector's passes while
    MkDocs builds the pages (``collector.settle``; the plugin puts it back under the
    collector when the next build starts).
    """
    site, late = _generated_site(inputs, templates_digest, already_read)
    settle()
    return site, late


def _generated_site(
    inputs: SiteInputs, templates_digest: str, already_read: CorpusRead | None
) -> tuple[site_cache.GeneratedSite, LateFilesJob | None]:
    try:
        today = build_date()
    except BuildDateError as error:
        raise PluginError(f"dossier: {error}") from error
    # Read once: the cache key is made from it, and a build that misses uses it.
    corpus: Corpus | None
    if already_read is not None and already_read[:2] == (inputs.corpus, today):
        corpus = already_read.corpus
    else:
        corpus = read_corpus(inputs.corpus, today=today) if inputs.corpus.is_dir() else None
    key = generated_key(inputs, templates_digest, corpus, today) if corpus is not None else None
    store = site_cache.GeneratedStore(inputs.cache_root / "site") if key and inputs.cache_root else None
    if store is not None and key is not None:
        cached = store.get(key)
        if cached is not None:
            repeat_warnings(cached.warnings, cached.failed)
            log.info(
                "dossier: %s; nothing changed since the last build, pages from the cache", cached.summary
            )
            return cached, None
    site, late = _build_site(inputs, templates_digest, corpus, store)
    report_failed(site.failed)
    if late is not None:
        return site, LateFilesJob(late, site, store, key)  # the files are stored once all are in
    if store is not None and key is not None:
        store.put_latest(key, site)
    return site, None


def repeat_warnings(warnings: tuple[str, ...], failed: tuple[str, ...]) -> None:
    """What the build that made the files said about the corpus, said again by one that reuses them."""
    for warning in warnings:
        pipeline_log.warning("%s", warning)
    report_failed(failed)


def report_failed(failed: tuple[str, ...]) -> None:
    """A warning on MkDocs' log for each article the builder left out: `--strict` fails on them."""
    for path in failed:
        log.warning("dossier: %s could not be processed and was left out (see the build report)", path)


def generated_key(inputs: SiteInputs, templates_digest: str, corpus: Corpus, today: dt.date) -> str | None:
    """The key of this build's generated files; None without a cache or the model."""
    from builder.extract.cache import model_identity

    if inputs.cache_root is None:
        return None
    try:
        model_id = model_identity(inputs.run.model)
    except (ImportError, OSError, RuntimeError):
        return None  # no such model: the build says so
    curation = inputs.run.curation_path if inputs.run.use_curation else None
    settings = {
        "model": model_id,
        "curation": site_cache.file_digest(curation) if curation else None,
        "use_curation": inputs.run.use_curation,
        "templates": templates_digest,
        "today": today.isoformat(),
        "pdf": inputs.pdf,
        "title": inputs.title,
    }
    return site_cache.generated_key(corpus, settings)


def build_dossier_for_site(
    inputs: SiteInputs, corpus: Corpus | None = None, meanwhile: Callable[[], None] | None = None
) -> Dossier:
    """The dossier of ``inputs.corpus`` (``corpus`` as already read, if given); errors as PluginErrors.

    ``meanwhile``: more of the build's own work for the time a worker extracts a few
    changed articles (``build_dossier``), after loading the libraries publishing needs.
    """
    # Heavy (spaCy): import only when building.
    from builder.extract.executors import ExecutorError
    from builder.extract.nlp import ModelNotFound
    from builder.pipeline import build_dossier
    from builder.publish.site_files import load_libraries

    if not inputs.corpus.is_dir():
        raise PluginError(
            f"dossier: corpus folder '{inputs.corpus}' does not exist; "
            "set `corpus:` under the dossier plugin in mkdocs.yml"
        )

    def publishing_ahead() -> None:
        load_libraries()
        if meanwhile is not None:
            meanwhile()

    try:
        # While a worker extracts a few changed articles, this process loads what publishing will need.
        return build_dossier(
            inputs.corpus, inputs.run, logger=log, already_read=corpus, meanwhile=publishing_ahead
        )
    except ModelNotFound as error:
        raise PluginError(f"dossier: model '{inputs.run.model}' (mkdocs.yml): {error}") from error
    except ExecutorError as error:  # no Dask, scheduler unreachable, workers out of date
        raise PluginError(f"dossier: {inputs.run.executor} executor: {error}") from error
    except BuildDateError as error:
        raise PluginError(f"dossier: {error}") from error
    except (OSError, ValueError, LookupError) as error:
        # Errors the user can fix (bad curation line, missing model, unreadable
        # file) carry their file name in the message; pass them on without a traceback.
        where = getattr(error, "filename", None) or inputs.run.curation_path or inputs.corpus
        message = str(error) if str(where) in str(error) else f"{where}: {error}"
        raise PluginError(f"dossier: {message}") from error


def _build_site(
    inputs: SiteInputs, templates_digest: str, corpus: Corpus | None, store: site_cache.GeneratedStore | None
) -> tuple[site_cache.GeneratedSite, LateFiles | None]:
    """The generated files built from the corpus, and those still being made (None: none)."""
    from builder.pipeline import failed_files

    # Pages whose view did not change since the latest build are taken over from it.
    render_key = site_cache.render_key(templates_digest)
    previous = PreviousRender(store, render_key)
    # The previous render is read while a worker extracts the changed articles, if one does.
    dossier = build_dossier_for_site(inputs, corpus, meanwhile=previous.read)
    summary = f"{len(dossier.documents)} articles, {len(dossier.actors)} actors, {len(dossier.events)} events"
    log.info("dossier: %s; rendering the pages", summary)
    memo = previous.memo()
    # The dossier and the memo last the whole build: the collector's passes while the charts
    # are drawn and MkDocs builds the pages skip them (see ``generated_site``).
    settle()
    generated, late = _generate_files(inputs, dossier, memo)
    if memo is not None and memo.reused:
        log.info("dossier: %d of %d pages unchanged since the last build", memo.reused, len(memo.digests))
    site = site_cache.GeneratedSite(
        generated,
        summary,
        tuple(f"{skipped.path}: {skipped.reason}" for skipped in dossier.skipped),
        page_digests=memo.digests if memo is not None else {},
        render_key=render_key,
        failed=tuple(failed_files(dossier)),
    )
    return site, late


class PreviousRender:
    """The pages of the latest build in ``store``, read once, when first asked for (None: no store)."""

    def __init__(self, store: site_cache.GeneratedStore | None, render_key: str) -> None:
        self._store = store
        self._render_key = render_key
        self._pages: dict[str, tuple[str, str]] | None = None

    def read(self) -> None:
        """Read the latest build's pages now, if there is a store and they are not read yet."""
        if self._store is None or self._pages is not None:
            return
        latest = self._store.latest()
        # A large corpus's site: only its pages are kept, the rest let go at once.
        self._pages = latest.memo_for(self._render_key) if latest is not None else {}

    def memo(self) -> RenderMemo | None:
        """The memo of this build's render, from the latest build's pages; None without a store."""
        from builder.publish.pages import RenderMemo

        if self._store is None:
            return None
        self.read()
        memo, self._pages = RenderMemo(self._pages), None  # the memo holds them from here on
        return memo


def _generate_files(
    inputs: SiteInputs, dossier: Dossier, memo: RenderMemo | None
) -> tuple[dict[str, str | bytes], LateFiles | None]:
    """The site's files, and those still being made (charts, PDF briefing, exports; None: none)."""
    from builder.publish.site_files import Publication, site_files

    if not inputs.templates.is_dir():
        raise PluginError(f"dossier: templates folder '{inputs.templates}' does not exist")
    publication = Publication(inputs.templates, inputs.title, inputs.pdf, inputs.cache_root)
    try:
        # The charts whose data did not change, and the unchanged pages, are taken over from the memo.
        return site_files(dossier, publication, memo)
    except TemplateError as error:
        raise template_error(error, inputs.templates) from error
