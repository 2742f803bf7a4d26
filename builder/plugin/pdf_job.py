"""The PDF briefing typeset in a worker while MkDocs builds the pages, written when the build ends."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import TemplateError
from mkdocs.exceptions import PluginError

from builder.plugin.site_cache import GeneratedSite, GeneratedStore
from builder.publish.links import BRIEFING_FILE
from builder.publish.typeset import PendingPdf

if TYPE_CHECKING:
    from builder.model import Dossier

__all__ = ["BRIEFING_FILE", "PdfJob", "start_typesetting"]


def start_typesetting(
    dossier: Dossier, charts: dict[str, str], templates: Path, title: str, cache_root: Path | None
) -> PendingPdf:
    """Hand the PDF briefing to a worker (or take it from the PDF cache in ``cache_root``)."""
    # The briefing's view renders templates: imported when a PDF is wanted, not with the plugin.
    from builder.publish.briefing import typeset_job

    try:
        job = typeset_job(dossier, templates, title=title, assets=charts)
        return PendingPdf(job, cache_root, background=True)
    except (TemplateError, OSError) as error:
        raise PluginError(f"dossier: PDF briefing: {error}") from error


@dataclass(frozen=True)
class PdfJob:
    """The PDF being typeset, and the build's files to store once it is in (the PDF is one of them)."""

    typesetting: PendingPdf
    site: GeneratedSite
    # Where and under which key the build's files go; None: the build has no cache.
    store: GeneratedStore | None = None
    key: str | None = None

    def finish(self, site_dir: Path | str) -> None:
        """Wait for the PDF, write it into ``site_dir`` and store the build's files with it."""
        try:
            data = self.typesetting.result()
        except OSError as error:
            raise PluginError(f"dossier: PDF briefing: {error}") from error
        (Path(site_dir) / BRIEFING_FILE).write_bytes(data)
        self.site.files[BRIEFING_FILE] = data
        if self.store is not None and self.key is not None:
            self.store.put_latest(self.key, self.site)

    def cancel(self) -> None:
        """Stop the worker: the build failed and does not wait for its PDF."""
        self.typesetting.cancel()
