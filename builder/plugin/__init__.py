"""The `dossier` MkDocs plugin: a thin adapter from MkDocs events to the builder.

It reads the corpus, renders the pages in memory and hands them to MkDocs
as generated files; nothing is written to `docs/`.
"""

from __future__ import annotations

import functools
import html
import logging
import posixpath
import re
from pathlib import Path

from jinja2 import ChoiceLoader, DictLoader, TemplateError
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from builder.plugin import site_cache
from builder.plugin.config import DossierConfig
from builder.settings import RunSettings

log = logging.getLogger("mkdocs.plugins.dossier")
# The pipeline's own logger: warnings about the corpus repeated from a cached build go there too.
pipeline_log = logging.getLogger("dossier")

# The theme template of a page taken from the page cache: it writes the stored HTML.
_CACHED_TEMPLATE = "dossier-cached-page.html"
BRIEFING_FILE = "briefing.pdf"  # as builder.publish.pages names it (not imported here: it draws charts)

# A raw-HTML block of a generated page: a blank-line-separated chunk that starts with a
# block-level tag and ends with its closing tag; it stands in the Markdown as a placeholder word.
_RAW_BLOCK = re.compile(
    r"(?<![^\n])<(table|div|p|blockquote|ul|ol|dl)\b[^>]*>(?:(?!\n\s*\n).)*</\1>(?=\n\s*\n|\n?\Z)", re.S
)
_STASH = "dossierrawhtmlblock"
_STASHED = re.compile(rf"(?:<p>)?{_STASH}(\d+)x(?:</p>)?")
_ID = re.compile(r'\bid="([^"]+)"')

# A relative link to a Markdown page in raw HTML: href="../actors/x.md#p-2".
_MD_HREF = re.compile(r'(href=")(?![a-z][a-z0-9+.-]*:|/|#)([^"#?]+\.md)(#[^"]*)?"')


def escaped_title(title_html: str) -> str:
    """A page title (HTML) as escaped plain text: tags dropped, text escaped once."""
    return html.escape(Markup(title_html).striptags(), quote=False)


class DossierPlugin(BasePlugin[DossierConfig]):
    """Build the briefing dossier from a folder of articles during `mkdocs build`."""

    _serving = False

    def __init__(self) -> None:
        super().__init__()
        self._stash: dict[str, list[str]] = {}
        # The page cache of this build: pages taken from it, pages to store, the keys in use.
        self._pages: site_cache.PageStore | None = None
        self._site_key = ""
        self._templates_digest = ""
        self._cached: dict[str, site_cache.RenderedPage] = {}
        self._to_store: dict[str, tuple[str, int]] = {}
        self._used_keys: set[str] = set()
        # The PDF briefing being typeset in a worker, with what to store once it is in.
        self._pending_pdf: tuple | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Live preview rebuilds on every change to the corpus: typesetting the
        # PDF each time would slow it down, so `mkdocs serve` leaves it out.
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        # Only resolve paths here: the heavy work waits for on_files, so
        # `mkdocs serve` starts quickly and config errors surface first.
        self._base = Path(config.config_file_path or ".").resolve().parent
        self._corpus = self._resolve(self.config.corpus)
        self._templates = self._resolve(self.config.templates)
        self._curation = self._resolve(self.config.curation) if self.config.use_curation else None
        self._cache_root = None
        if self.config.cache:
            from builder.store import default_cache_dir

            self._cache_root = (
                self._resolve(self.config.cache_dir)
                if self.config.cache_dir
                else default_cache_dir(self._corpus)
            )
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        # Read once a build: the caches' keys and the page cache all depend on them.
        self._templates_digest = site_cache.folder_digest(self._templates)
        generated = self._generated_site(config).files
        for src_uri, content in generated.items():
            if files.get_file_from_path(src_uri) is not None:
                # A hand-written page wins, but say so: it hides generated content.
                log.warning("dossier: docs/%s replaces the generated page of the same name", src_uri)
                continue
            files.append(File.generated(config, src_uri, content=content))
        return files

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        if not self.config.enabled:
            return server
        # Rebuild when an article, the curation file or a template changes.
        for path in (self._corpus, self._templates, self._curation):
            if path is not None and path.exists():
                server.watch(str(path))
        return server

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        if not self.config.enabled or self._cache_root is None:
            self._pages = None
            return nav
        # A page's HTML depends on its source, the site's configuration, the code and
        # the navigation around it: together they key the page cache.
        self._pages = site_cache.PageStore(self._cache_root / "pages")
        self._site_key = site_cache.site_key(
            site_cache.file_digest(config.config_file_path),
            dict(self.config),
            self._templates_digest,
            _nav_outline(nav.items),
        )
        self._cached.clear()
        self._to_store.clear()
        self._used_keys.clear()
        return nav

    def on_page_markdown(self, markdown: str, *, page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or not page.file.generated_by:
            return None
        if self._pages is not None:
            key = site_cache.page_key(self._site_key, page.file.src_uri, markdown, page.meta)
            self._used_keys.add(key)
            entry = self._pages.get(key)
            if entry is not None:
                # Unchanged since a build that stored it: skip Markdown, search and theme.
                # Even an empty page costs a Python-Markdown parser built for it (a millisecond,
                # thousands of times at scale): this page's render only sets what it would set.
                self._cached[page.file.src_uri] = entry
                page.render = functools.partial(_render_from_cache, page, entry)
                return ""
            self._to_store[page.file.src_uri] = (key, -1)
        # The big raw-HTML blocks (tables, mentions, an article's text) would be parsed
        # three times over by Python-Markdown and MkDocs only to be passed through:
        # set them aside here, put them back in on_page_content.
        blocks: list[str] = []

        def stash(match: re.Match) -> str:
            block = match.group(0)
            if "markdown=" in block or block.count(f"<{match.group(1)}") != block.count(
                f"</{match.group(1)}>"
            ):
                return block
            blocks.append(block)
            return f"{_STASH}{len(blocks) - 1}x"

        markdown = _RAW_BLOCK.sub(stash, markdown)
        self._stash[page.file.src_uri] = blocks
        return markdown

    def on_page_content(self, content: str, *, page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        entry = self._cached.get(page.file.src_uri)
        if entry is not None:
            page.meta["template"] = _CACHED_TEMPLATE  # the theme writes the stored HTML
        blocks = self._stash.pop(page.file.src_uri, None)
        if blocks:
            content = _STASHED.sub(lambda match: blocks[int(match.group(1))], content)
            # MkDocs checks links to anchors against the ids it saw: add the blocks' ids.
            if page.present_anchor_ids is not None:
                page.present_anchor_ids.update(_ID.findall("".join(blocks)))
        # A generated page's title is corpus text (an article's first sentence,
        # an actor's name). MkDocs hands it to the theme as HTML with that text
        # escaped, and Material prints it in <title> through `striptags`, which
        # unescapes it again: "</title><script>" in an article would run there.
        # A meta title is printed as given, so give the escaped plain text.
        if page.file.generated_by and not page.is_homepage and "title" not in page.meta and page.title:
            page.meta["title"] = escaped_title(page.title)
        if page.file.generated_by and entry is None:
            return self._resolve_links(content, page.file, files)
        return None

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        if self.config.enabled and self._pages is not None:
            env.loader = ChoiceLoader(
                [DictLoader({_CACHED_TEMPLATE: "{{ dossier_cached_page }}"}), env.loader]
            )
        return env

    # Before the search plugin (priority 0): a cached page brings its own index entries.
    @event_priority(50)
    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        if not self.config.enabled or self._pages is None:
            return context
        index = _search_index(config)
        entry = self._cached.get(page.file.src_uri)
        if entry is not None:
            context["dossier_cached_page"] = Markup(entry.html)
            if index is not None:
                index.entries.extend(entry.search_entries)
                # The entries are in: the search plugin must not parse the (empty) page again.
                page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        elif page.file.src_uri in self._to_store:
            key, _ = self._to_store[page.file.src_uri]
            self._to_store[page.file.src_uri] = (key, len(index.entries) if index is not None else -1)
        return context

    # After every other plugin: store the page as it is written.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled or self._pages is None:
            return output
        pending = self._to_store.pop(page.file.src_uri, None)
        if pending is not None:
            key, first_entry = pending
            index = _search_index(config)
            entries = index.entries[first_entry:] if index is not None and first_entry >= 0 else []
            self._pages.put(
                key,
                site_cache.rendered_page(
                    output, page.toc, page._title_from_render, page.present_anchor_ids or (), list(entries)
                ),
            )
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and self._pending_pdf is not None:
            self._finish_pdf(config)
        if self.config.enabled and self._pages is not None:
            self._pages.prune(self._used_keys, older_than=site_cache.PAGE_PRUNE_AFTER_SECONDS)

    def on_build_error(self, *, error: Exception) -> None:
        if self._pending_pdf is not None:
            self._pending_pdf[0].cancel()  # the build failed: do not wait for its PDF
            self._pending_pdf = None

    def _resolve_links(self, content: str, page_file: File, files: Files) -> str:
        """Turn the generated pages' raw-HTML links to ``.md`` pages into the pages' URLs.

        The big tables and the source texts are raw HTML, which Python-Markdown passes
        through without parsing (much faster than ``markdown="1"``); MkDocs does not
        rewrite or check links there, so this does both, as MkDocs would.
        """
        base = posixpath.dirname(page_file.src_uri)

        def url(match: re.Match) -> str:
            path, anchor = match.group(2), match.group(3) or ""
            target = files.get_file_from_path(posixpath.normpath(posixpath.join(base, path)))
            if target is None:
                log.warning("dossier: %s links to '%s', which is not a page", page_file.src_uri, path)
                return match.group(0)
            return f'{match.group(1)}{html.escape(target.url_relative_to(page_file))}{anchor}"'

        return _MD_HREF.sub(url, content)

    # --- helpers ---------------------------------------------------------------

    @property
    def _wants_pdf(self) -> bool:
        return self.config.pdf and not self._serving

    def _resolve(self, value: str) -> Path:
        path = Path(value)
        return path if path.is_absolute() else self._base / path

    def _generated_site(self, config: MkDocsConfig) -> site_cache.GeneratedSite:
        """The generated files: from the cache when nothing they are made from changed, else built."""
        from builder.corpus import build_date, read_corpus

        today = build_date()
        # Read once: the cache key is made from it, and a build that misses uses it.
        corpus = read_corpus(self._corpus, today=today) if self._corpus.is_dir() else None
        key = self._generated_key(config, corpus, today) if corpus is not None else None
        store = site_cache.GeneratedStore(self._cache_root / "site") if key else None
        if store is not None:
            cached = store.get(key)
            if cached is not None:
                for warning in cached.warnings:
                    pipeline_log.warning("%s", warning)
                log.info(
                    "dossier: %s; nothing changed since the last build, pages from the cache", cached.summary
                )
                return cached
        dossier = self._build_dossier(corpus)
        summary = (
            f"{len(dossier.documents)} articles, {len(dossier.actors)} actors, {len(dossier.events)} events"
        )
        log.info("dossier: %s; rendering the pages", summary)
        from builder.publish.pages import RenderMemo

        # Pages whose view did not change since the latest build are taken over from it.
        render_key = site_cache.render_key(self._templates_digest)
        memo = None
        if store is not None:
            previous = store.latest()
            memo = RenderMemo(previous.memo_for(render_key) if previous is not None else None)
            del previous  # a large corpus's pages: let them go as soon as the memo holds what it needs
        generated, pdf = self._generate_files(dossier, memo, config.site_name)
        if memo is not None and memo.reused:
            log.info("dossier: %d of %d pages unchanged since the last build", memo.reused, len(memo.digests))
        if pdf is not None:
            # A stand-in that MkDocs lists and links to; on_post_build writes the PDF over it.
            generated[BRIEFING_FILE] = b""
        site = site_cache.GeneratedSite(
            generated,
            summary,
            tuple(f"{skipped.path}: {skipped.reason}" for skipped in dossier.skipped),
            page_digests=memo.digests if memo is not None else {},
            render_key=render_key,
        )
        if pdf is not None:
            self._pending_pdf = (pdf, site, store, key)  # stored once the PDF is in
        elif store is not None:
            self._store_site(store, key, site)
        return site

    @staticmethod
    def _store_site(store, key: str, site) -> None:
        store.put(key, site)
        store.keep_newest(1)  # one site's files are large: keep only the latest

    def _generated_key(self, config: MkDocsConfig, corpus, today) -> str | None:
        """The key of this build's generated files; None without a cache or the model."""
        from builder.extract.cache import model_identity

        if self._cache_root is None:
            return None
        try:
            model_id = model_identity(self.config.model)
        except (ImportError, OSError, RuntimeError):
            return None  # no such model: the build says so
        settings = {
            "model": model_id,
            "curation": site_cache.file_digest(self._curation) if self._curation else None,
            "use_curation": self.config.use_curation,
            "templates": self._templates_digest,
            "today": today.isoformat(),
            "pdf": self._wants_pdf,
            "title": config.site_name,
        }
        return site_cache.generated_key(corpus, settings)

    def _build_dossier(self, corpus=None):
        # Heavy (spaCy): import only when building.
        from builder.extract.executors import ExecutorError
        from builder.extract.nlp import ModelNotFound
        from builder.pipeline import build_dossier

        if not self._corpus.is_dir():
            raise PluginError(
                f"dossier: corpus folder '{self._corpus}' does not exist; "
                "set `corpus:` under the dossier plugin in mkdocs.yml"
            )
        try:
            return build_dossier(self._corpus, self._run_settings(), logger=log, already_read=corpus)
        except ModelNotFound as error:
            raise PluginError(f"dossier: model '{self.config.model}' (mkdocs.yml): {error}") from error
        except ExecutorError as error:  # no Dask, scheduler unreachable, workers out of date
            raise PluginError(f"dossier: {self.config.executor} executor: {error}") from error
        except (OSError, ValueError, LookupError) as error:
            # Errors the user can fix (bad curation line, missing model, unreadable
            # file) carry their file name in the message; pass them on without a traceback.
            where = getattr(error, "filename", None) or self._curation or self._corpus
            message = str(error) if str(where) in str(error) else f"{where}: {error}"
            raise PluginError(f"dossier: {message}") from error

    def _run_settings(self) -> RunSettings:
        return RunSettings(
            model=self.config.model,
            curation_path=self._curation,
            use_curation=self.config.use_curation,
            use_cache=self.config.cache,
            cache_dir=self._resolve(self.config.cache_dir) if self.config.cache_dir else None,
            executor=self.config.executor,
            scheduler=self.config.scheduler or None,
            jobs=self.config.jobs or None,
        )

    def _generate_files(self, dossier, memo, title: str):
        """The site's files, and the PDF briefing being typeset meanwhile (None without a PDF)."""
        from builder.publish.export import dossier_json, events_csv, figures_csv
        from builder.publish.pages import render_charts, render_site

        if not self._templates.is_dir():
            raise PluginError(f"dossier: templates folder '{self._templates}' does not exist")
        pdf = None
        try:
            charts = render_charts(dossier)
            # Typeset from the pages' own view models and charts, so paper and site agree;
            # in a worker process, while this one renders the pages.
            pdf = self._start_pdf(dossier, charts, title) if self._wants_pdf else None
            site = render_site(dossier, self._templates, briefing=self._wants_pdf, memo=memo, charts=charts)
            site["dossier.json"] = dossier_json(dossier)
            site["figures.csv"] = figures_csv(dossier)
            site["events.csv"] = events_csv(dossier)
        except BaseException as error:
            if pdf is not None:
                pdf.cancel()  # the build stops here: its PDF is not wanted
            if isinstance(error, TemplateError):  # name the template and line to fix
                name = getattr(error, "filename", None) or getattr(error, "name", None) or self._templates
                lineno = getattr(error, "lineno", None)
                where = f"{name}:{lineno}" if lineno else str(name)
                raise PluginError(f"dossier: {where}: {error}") from error
            raise
        return site, pdf

    def _start_pdf(self, dossier, charts: dict[str, str], title: str):
        from builder.publish.briefing import PendingPdf, typeset_job

        try:
            job = typeset_job(dossier, self._templates, title=title, assets=charts)
            return PendingPdf(job, self._cache_root, background=True)
        except (TemplateError, OSError) as error:
            raise PluginError(f"dossier: PDF briefing: {error}") from error

    def _finish_pdf(self, config: MkDocsConfig) -> None:
        """Write the PDF typeset during the build, and store the build's files with it."""
        pending, site, store, key = self._pending_pdf
        self._pending_pdf = None
        try:
            data = pending.result()
        except OSError as error:
            raise PluginError(f"dossier: PDF briefing: {error}") from error
        (Path(config.site_dir) / BRIEFING_FILE).write_bytes(data)
        site.files[BRIEFING_FILE] = data
        if store is not None:
            self._store_site(store, key, site)


def _render_from_cache(page, entry: site_cache.RenderedPage, config: MkDocsConfig, files: Files) -> None:
    """``Page.render`` for a page from the page cache: what rendering its Markdown would have set."""
    page.content = ""
    page.toc = entry.toc
    page._title_from_render = entry.title
    page.present_anchor_ids = set(entry.anchors)


def _nav_outline(items) -> list:
    """The navigation as nested (title, url) pairs: what every page's sidebar shows."""
    return [
        [
            getattr(item, "title", None),
            getattr(item, "url", None),
            _nav_outline(getattr(item, "children", None) or []),
        ]
        for item in items
    ]


def _search_index(config: MkDocsConfig):
    """The search plugin's index being filled (Material's or MkDocs' own), if there is one."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and hasattr(index, "entries"):
            return index
    return None
