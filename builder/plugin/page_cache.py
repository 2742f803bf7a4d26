"""The page cache wired into MkDocs: an unchanged page skips Markdown, the search indexer and the theme.

A page's final HTML, table of contents, anchors and search-index entries are
kept as MkDocs writes the page, and stored with the build's other pages when it
ends (``site_cache.PageStore``: one entry for the whole build); the next build that
finds the same key gives MkDocs an empty page that renders to what was stored.
"""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

from jinja2 import BaseLoader, ChoiceLoader, DictLoader
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from builder.plugin import site_cache
from builder.plugin.search_index import search_index_of

# The theme template of a page taken from the page cache: it writes the stored HTML.
CACHED_TEMPLATE = "dossier-cached-page.html"
# The page cache's folder in the corpus's cache folder. Builders before this format kept a file
# a page in LEGACY_FOLDER: removed when a build first stores its pages, so that an upgrade
# leaves no orphaned entries (nor reads them: they are another format).
FOLDER = "rendered-pages"
LEGACY_FOLDER = "pages"


class PageCache:
    """The page cache during one build: pages taken from it, pages to store, this build's pages."""

    def __init__(self, store: site_cache.PageStore, site_key: str, legacy: Path | None = None) -> None:
        self._store = store
        self._legacy = legacy  # the folder of the per-page entries of earlier builders, if any
        self._site_key = site_key
        self._stored: dict[str, site_cache.RenderedPage] | None = None  # the latest build's, once read
        self._cached: dict[str, site_cache.RenderedPage] = {}
        # src_uri: (key, where the page's entries start in the search index; -1 before it is indexed)
        self._to_store: dict[str, tuple[str, int]] = {}
        self._this_build: dict[str, site_cache.RenderedPage] = {}  # by key: taken over and new

    @classmethod
    def for_site(
        cls, cache_root: Path, config: MkDocsConfig, settings: dict, templates_digest: str, nav
    ) -> PageCache:
        """The page cache, in ``cache_root``, of a build of ``config``, the plugin's ``settings``, ``nav``."""
        # A page's HTML depends on its source, the site's configuration, the code and
        # the navigation around it: together they key the page cache.
        key = site_cache.site_key(
            site_cache.file_digest(config.config_file_path),
            settings,
            templates_digest,
            _nav_outline(nav.items),
        )
        return cls(site_cache.PageStore(cache_root / FOLDER), key, legacy=cache_root / LEGACY_FOLDER)

    @property
    def pages_from_cache(self) -> int:
        """How many pages of this build came from the cache."""
        return len(self._cached)

    def serve(self, page, markdown: str) -> bool:
        """Make ``page`` render from the cache if it holds it (True); else note it to be stored."""
        key = site_cache.page_key(self._site_key, page.file.src_uri, markdown, page.meta)
        if self._stored is None:
            self._stored = self._store.latest_pages()
        entry = self._stored.get(key)
        if entry is None:
            self._to_store[page.file.src_uri] = (key, -1)
            return False
        # Unchanged since a build that stored it: skip Markdown, search and theme.
        # Even an empty page costs a Python-Markdown parser built for it (a millisecond,
        # thousands of times at scale): this page's render only sets what it would set.
        self._cached[page.file.src_uri] = entry
        self._this_build[key] = entry
        page.render = functools.partial(_render_from_cache, page, entry)
        return True

    def write_stored_html(self, page) -> bool:
        """Have the theme write ``page``'s stored HTML if it came from the cache (True)."""
        if page.file.src_uri not in self._cached:
            return False
        page.meta["template"] = CACHED_TEMPLATE
        return True

    def loader(self, theme_loader: BaseLoader) -> ChoiceLoader:
        """The theme's template loader, with the template that writes a stored page."""
        return ChoiceLoader([DictLoader({CACHED_TEMPLATE: "{{ dossier_cached_page }}"}), theme_loader])

    def add_to_context(self, context: dict, page, config: MkDocsConfig) -> None:
        """Give a cached page its HTML and search entries; note where a new page's entries will start."""
        index = search_index_of(config)
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

    def store(self, page, output: str, config: MkDocsConfig) -> None:
        """Store ``page`` as MkDocs writes it (``output``), with its search entries, if it is to be stored."""
        pending = self._to_store.pop(page.file.src_uri, None)
        if pending is None:
            return
        key, first_entry = pending
        index = search_index_of(config)
        entries = index.entries[first_entry:] if index is not None and first_entry >= 0 else []
        # MkDocs keeps the title the page's Markdown gave in a private attribute and has no
        # public way to read or set it; a page from the cache must give it back (see below).
        title = page._title_from_render  # noqa: SLF001
        anchors = page.present_anchor_ids or ()
        self._this_build[key] = site_cache.rendered_page(output, page.toc, title, anchors, list(entries))

    def save(self) -> None:
        """Store this build's pages, those taken from the cache and those rendered, in place of the latest's.

        Only the latest build's pages are kept: going back to an earlier version of an
        article renders its pages again.
        """
        self._store.put_latest(self._site_key, self._this_build)
        if self._legacy is not None:
            shutil.rmtree(self._legacy, ignore_errors=True)  # removes links, never follows them


def _render_from_cache(page, entry: site_cache.RenderedPage, config: MkDocsConfig, files: Files) -> None:
    """``Page.render`` for a page from the page cache: what rendering its Markdown would have set."""
    page.content = ""
    page.toc = entry.toc
    # MkDocs' own private attribute, which its render sets and its ``title`` reads: the
    # page's title comes from the stored one as it would from the Markdown's first heading.
    page._title_from_render = entry.title  # noqa: SLF001
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
