"""The `dossier` MkDocs plugin: a thin adapter from MkDocs events to the builder.

It hands MkDocs the dossier's pages as generated files (nothing is written to `docs/`);
the modules beside do the work: ``generated_site`` (the files), ``page_cache``
(unchanged pages skip rendering), ``theme_parts`` (the theme's navigation rendered once
a folder), ``raw_html``, ``page_title``, ``late_files`` (the charts, the PDF and the exports,
written when the build ends) and ``site_output`` (the site built aside and swapped in whole).
"""

from __future__ import annotations

import logging

from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from builder.collector import release
from builder.faults import exit_cleanly_on_sigterm
from builder.plugin import pages_ahead, site_cache
from builder.plugin.config import DossierConfig
from builder.plugin.generated_site import CorpusRead, SiteInputs, generated_site
from builder.plugin.late_files import LateFilesJob
from builder.plugin.page_cache import PageCache
from builder.plugin.page_title import escape_page_title
from builder.plugin.pages_ahead import PagesAhead, ReadyPage
from builder.plugin.raw_html import RawHtmlStash, resolve_links
from builder.plugin.search_index import add_page, search_index_of
from builder.plugin.site_output import SiteOutputError, SiteSwap, output_error_line
from builder.plugin.theme_parts import ThemeParts

log = logging.getLogger("mkdocs.plugins.dossier")


class DossierPlugin(BasePlugin[DossierConfig]):
    """Build the briefing dossier from a folder of articles during `mkdocs build`."""

    def __init__(self) -> None:
        super().__init__()
        self.inputs: SiteInputs | None = None  # set by on_config
        # The corpus as `dossier build` read it before starting MkDocs (the next build reads its own).
        self.corpus_read: CorpusRead | None = None
        self.page_cache: PageCache | None = None  # this build's, when the cache is on
        self._serving = False
        self._dirty = False
        self._swap: SiteSwap | None = None  # the site being built aside, swapped in at the end
        self._config: MkDocsConfig | None = None
        self._templates_digest = ""
        self._raw_html = RawHtmlStash()
        self._files: Files | None = None  # this build's files, for the links in raw HTML (set by on_nav)
        self._link_targets: dict[str, File | None] = {}
        self._late: LateFilesJob | None = None  # charts, PDF, exports: made while MkDocs writes the pages
        self._ahead: PagesAhead | None = None  # the later pages rendered in a child (on_env)
        self._nav = None  # this build's navigation (set by on_nav), for the pages the child renders
        # The theme template of each page the child renders: this process's, if the child leaves it.
        self._theme_templates: dict[str, str] = {}
        self._rendering_ahead: str | None = None  # in the child: the page it renders
        self.failed: tuple[str, ...] = ()  # corpus files the builder raised on and left out
        self.warnings: tuple[str, ...] = ()  # what the builder said about the corpus (files skipped)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        if not self.config.enabled:
            return
        # Live preview rebuilds on every change to the corpus: typesetting the
        # PDF each time would slow it down, so `mkdocs serve` leaves it out.
        self._serving = command == "serve"
        self._dirty = dirty
        if command in ("build", "gh-deploy"):
            exit_cleanly_on_sigterm()  # a terminated build removes its workers and its half-built site

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        # What the previous build kept out of the collector's way (its dossier: ``settle`` in
        # ``generated_site``) goes back under it and is collected: `mkdocs serve` frees what it let go.
        # Not at the end of a build: `mkdocs build` then exits, and frees it all at once.
        release()
        # Only resolve paths here: the heavy work waits for on_files, so
        # `mkdocs serve` starts quickly and config errors surface first.
        self.inputs = SiteInputs.from_config(self.config, config, serving=self._serving)
        self._config = config
        return config

    # First, and before MkDocs empties site_dir: every other plugin writes where the site is built.
    @event_priority(100)
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        # A build writes a fresh folder beside the site and swaps it in at the end, so a build
        # that fails or is killed leaves the previous site whole. Not for `mkdocs serve`, which
        # builds into a folder of its own, nor for --dirty, which writes only what changed.
        if self._serving or self._dirty:
            return
        try:
            self._swap = SiteSwap.begin(config.site_dir)
        except SiteOutputError as error:
            raise PluginError(f"dossier: {error}") from error
        config.site_dir = str(self._swap.building)
        log.info("dossier: the site is built in %s and replaces %s when it is whole", *self._swap.names())

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.inputs is None:
            return None
        # Read once a build: the caches' keys and the page cache all depend on them.
        self._templates_digest = site_cache.folder_digest(self.inputs.templates)
        already_read, self.corpus_read = self.corpus_read, None
        site, self._late = generated_site(self.inputs, self._templates_digest, already_read)
        self.failed, self.warnings = site.failed, site.warnings
        return self._generate_files(site.files, files, config)

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        if not self.config.enabled or self.inputs is None:
            return server
        # Rebuild when an article, the curation file or a template changes.
        for path in (self.inputs.corpus, self.inputs.templates, self.inputs.run.curation_path):
            if path is not None and path.exists():
                server.watch(str(path))
        return server

    # Last of the plugins' on_nav: the navigation kept here is the one every page is built
    # with (the pages-ahead child renders with it; the page cache is keyed by it).
    @event_priority(-100)
    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        if not self.config.enabled or self.inputs is None:
            return nav
        self._files = files
        self._link_targets = {}  # this build's files by path, as its links find them
        self._nav = nav
        cache_root = self.inputs.cache_root
        self.page_cache = (
            PageCache.for_site(cache_root, config, dict(self.config), self._templates_digest, nav)
            if cache_root is not None
            else None
        )
        return nav

    def on_page_markdown(self, markdown: str, *, page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or not page.file.generated_by:
            return None
        if self.page_cache is not None and self.page_cache.serve(page, markdown):
            return ""  # the page renders from the cache: nothing to parse
        # The big raw-HTML blocks (tables, mentions, an article's text) would be parsed
        # three times over only to be passed through: set aside now, back in when the page
        # is written (on_page_context).
        return self._raw_html.set_aside(page.file.src_uri, markdown, source=page.file.content_string)

    def on_page_content(self, content: str, *, page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        if self.page_cache is not None:
            self.page_cache.write_stored_html(page)
        escape_page_title(page)  # corpus text must not run as HTML in <title>
        return None

    # Last of the plugins' on_env: the pages-ahead child forks here, and renders with the
    # environment as every other plugin has left it.
    @event_priority(-100)
    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        if not self.config.enabled:
            return env
        if self.page_cache is not None:
            env.loader = self.page_cache.loader(env.loader)
        ThemeParts().install(env)  # the theme's parts shared by a folder's pages
        env.loader = pages_ahead.loader(env.loader)
        # Every page's Markdown is HTML now: the later pages are rendered aside (pages_ahead).
        doc_files = files.documentation_pages()  # as MkDocs gives every page's context (once: a list)
        self._theme_templates = {}  # this build's
        pages = [f.page for f in doc_files if f.page and self._raw_html.holds(f.src_uri)]
        self._ahead = PagesAhead.start(
            pages,
            lambda page: self._render_ahead(page, config, files, doc_files, env),
            # A page's work reads its blocks too, most of an actor's page: they weigh with it.
            size=lambda page: len(page.content or "") + self._raw_html.held_chars(page.file.src_uri),
        )
        if self._ahead is not None:
            # Forked: the child renders with each page's own template; here they write its HTML.
            for page in pages:
                if self._ahead.holds(page.file.src_uri):
                    self._theme_templates[page.file.src_uri] = page.meta.get("template", "main.html")
                    page.meta["template"] = pages_ahead.AHEAD_TEMPLATE
        return env

    def _prepare(self, page, config: MkDocsConfig, files: Files) -> tuple[list[dict], list[str]] | None:
        """A generated page's own work: its raw-HTML blocks back in, its search entries into the index.

        Returns the page's search entries and the ids its blocks hold; None when the search plugin
        must read the page itself. Either way the blocks the index leaves out go back in after the
        search plugin (``_after_search``), which would only scan them for attributes to drop. Done
        here for a page in its turn, or in a child for the later pages (``_render_ahead``).
        """
        index = search_index_of(config)
        first_entry = len(index.entries) if index is not None else 0
        targets = self._link_targets

        def resolved(html: str) -> str:
            return resolve_links(html, page.file, files, targets)

        anchors = self._raw_html.put_back(page, resolved)
        if not add_page(index, page):
            return None  # the search plugin reads this page itself: done here, in order
        return index.entries[first_entry:], anchors

    def _render_ahead(
        self, page, config: MkDocsConfig, files: Files, doc_files: list, env
    ) -> ReadyPage | None:
        """In the child (``pages_ahead``): the page prepared and through the theme, as ``_build_page``
        of MkDocs would render it (the other plugins' page context included); None: left to this process."""
        prepared = self._prepare(page, config, files)
        if prepared is None:
            return None
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        self._rendering_ahead = page.file.src_uri  # ``_before_search`` finds it prepared
        page.active = True
        config._current_page = page  # noqa: SLF001 - as MkDocs sets it while it builds a page
        try:
            context = get_context(self._nav, doc_files, config, page)
            template = env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self._nav)
            html = template.render(context)
        finally:
            page.active = False
            config._current_page = None  # noqa: SLF001
            self._rendering_ahead = None
        entries, anchors = prepared
        return ReadyPage(html, entries, anchors)

    # Before the search plugin (priority 0): a cached page brings its own index entries, and
    # a page's raw-HTML blocks go back in (what the index leaves out, after it: see below).
    @event_priority(50)
    def _before_search(self, context, *, page, config: MkDocsConfig, nav):
        if not self.config.enabled:
            return context
        if self.page_cache is not None:
            self.page_cache.add_to_context(context, page, config)
        if not page.file.generated_by or self._files is None:
            return context  # a hand-written page: MkDocs and the search plugin do it all
        uri = page.file.src_uri
        if self._rendering_ahead == uri:
            return context  # in the child: prepared by ``_render_ahead``
        ready = self._ahead.take(uri) if self._ahead is not None else None
        theme_template = self._theme_templates.get(uri)
        if theme_template is not None:
            # MkDocs has the stand-in (``on_env``) in hand already: the page's meta names its own
            # template again for the plugins that read it from here on.
            page.meta["template"] = theme_template
        if ready is not None:  # rendered in the child (pages_ahead): written as it came back
            self._raw_html.discard(uri)
            context[pages_ahead.AHEAD_HTML] = Markup(ready.html)
            page.content = ""  # nothing left to render, nor for the search plugin to scrub
            if page.present_anchor_ids is not None:
                page.present_anchor_ids.update(ready.anchors)
            search_index_of(config).entries.extend(ready.search_entries)
        else:
            if theme_template is not None:  # left by the child: rendered here, by its own template
                context[pages_ahead.THEME_TEMPLATE] = theme_template
            if self._prepare(page, config, self._files) is None:
                return context  # the search plugin reads this page (its left-out blocks go back in after)
        # Indexed here, a few times faster than the search plugin reads a page: it skips it.
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return context

    # After the search plugin has indexed the page: the blocks it leaves out go back in.
    @event_priority(-50)
    def _after_search(self, context, *, page, config: MkDocsConfig, nav):
        if self.config.enabled:
            self._raw_html.put_back_unindexed(page)
        return context

    on_page_context = CombinedEvent(_before_search, _after_search)

    # After every other plugin: store the page as it is written, and let its HTML go.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return output
        if self.page_cache is not None:
            self.page_cache.store(page, output, config)
        if page.file.generated_by:
            # Written once this returns, and read by nothing after: a long article's pages
            # would otherwise stay in memory, all of them, until the build ends.
            page.content = None
        return output

    # After every other plugin (the search index is written by then): the site is whole.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self._stop_pages_ahead()
        job, self._late = self._late, None
        if job is not None:
            job.write(config.site_dir)
        page_cache = self.page_cache

        def save_caches() -> None:
            if job is not None:
                job.save()
            if page_cache is not None:
                page_cache.save()

        swap, self._swap = self._swap, None
        if swap is None:
            save_caches()
            return
        swap.finish(meanwhile=save_caches)  # while the previous site is removed
        config.site_dir = str(swap.target)  # where the site is, for gh-deploy and the log

    # Last: the other plugins hear of the error before this one turns it into a one-line message.
    @event_priority(-100)
    def on_build_error(self, *, error: Exception) -> None:
        if not self.config.enabled:
            return
        self._stop_pages_ahead()
        job, self._late = self._late, None
        if job is not None:
            job.cancel()  # the build failed: do not wait for its charts, PDF and exports
        swap, self._swap = self._swap, None
        if swap is not None:
            swap.abandon()  # the previous site stays as it was
            if self._config is not None:
                self._config.site_dir = str(swap.target)
        if isinstance(error, OSError):
            # A read-only or full disk, a folder where a file should be: the user's to fix, in one line.
            raise PluginError(f"dossier: {output_error_line(error, swap)}") from error

    def _stop_pages_ahead(self) -> None:
        ahead, self._ahead = self._ahead, None
        if ahead is not None:
            ahead.cancel()

    @staticmethod
    def _generate_files(generated: dict[str, str | bytes], files: Files, config: MkDocsConfig) -> Files:
        # In memory (File.generated), never in docs/: the corpus's pages are no source of the project.
        for src_uri, content in generated.items():
            if files.get_file_from_path(src_uri) is not None:
                # A hand-written page wins, but say so: it hides generated content.
                log.warning("dossier: docs/%s replaces the generated page of the same name", src_uri)
                continue
            files.append(File.generated(config, src_uri, content=content))
        return files
