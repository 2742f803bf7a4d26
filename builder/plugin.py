"""The `dossier` MkDocs plugin: a thin adapter from MkDocs events to the builder.

It reads the corpus, renders the pages in memory and hands them to MkDocs
as generated files; nothing is written to `docs/`.
"""

from __future__ import annotations

import html
import logging
import posixpath
import re
from pathlib import Path

from jinja2 import TemplateError
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from builder.config import DossierConfig

log = logging.getLogger("mkdocs.plugins.dossier")

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
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        dossier = self._build_dossier()
        log.info(
            "dossier: %d articles, %d actors, %d events; rendering the pages",
            len(dossier.documents),
            len(dossier.actors),
            len(dossier.events),
        )
        generated = self._generate_files(dossier)
        if self._wants_pdf:
            # Typeset from the pages' own view models and charts: paper and site agree.
            generated["briefing.pdf"] = self._render_pdf(dossier, generated, config.site_name)
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

    def on_page_markdown(self, markdown: str, *, page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or not page.file.generated_by:
            return None
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
        if page.file.generated_by:
            return self._resolve_links(content, page.file, files)
        return None

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

    def _build_dossier(self):
        # Heavy (spaCy): import only when building.
        from builder.executors import ExecutorError
        from builder.nlp import ModelNotFound
        from builder.pipeline import build_dossier

        if not self._corpus.is_dir():
            raise PluginError(
                f"dossier: corpus folder '{self._corpus}' does not exist; "
                "set `corpus:` under the dossier plugin in mkdocs.yml"
            )
        try:
            return build_dossier(
                self._corpus,
                model_name=self.config.model,
                curation_path=self._curation,
                use_curation=self.config.use_curation,
                use_cache=self.config.cache,
                cache_dir=self._resolve(self.config.cache_dir) if self.config.cache_dir else None,
                executor=self.config.executor,
                scheduler=self.config.scheduler or None,
                jobs=self.config.jobs or None,
                logger=log,
            )
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

    def _generate_files(self, dossier) -> dict[str, str | bytes]:
        from builder.export import dossier_json, events_csv, figures_csv
        from builder.render import render_site

        if not self._templates.is_dir():
            raise PluginError(f"dossier: templates folder '{self._templates}' does not exist")
        try:
            site = render_site(dossier, self._templates, briefing=self._wants_pdf)
        except TemplateError as error:  # name the template and line to fix
            name = getattr(error, "filename", None) or getattr(error, "name", None) or self._templates
            lineno = getattr(error, "lineno", None)
            where = f"{name}:{lineno}" if lineno else str(name)
            raise PluginError(f"dossier: {where}: {error}") from error
        site["dossier.json"] = dossier_json(dossier)
        site["figures.csv"] = figures_csv(dossier)
        site["events.csv"] = events_csv(dossier)
        return site

    def _render_pdf(self, dossier, site: dict[str, str | bytes], title: str) -> bytes:
        from builder.pdf import briefing_pdf

        try:
            return briefing_pdf(dossier, self._templates, title=title, assets=site)
        except (TemplateError, OSError) as error:
            raise PluginError(f"dossier: PDF briefing: {error}") from error
