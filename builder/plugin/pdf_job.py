"""The PDF briefing typeset in a worker while MkDocs builds the pages, written when the build ends."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import TemplateError
from mkdocs.exceptions import PluginError

from builder.plugin.site_cache import GeneratedSite, GeneratedStore
from builder.publish.links import BRIEFING_FILE
from builder.publish.typeset import TypesetError

if TYPE_CHECKING:
    from builder.publish.site_files import Typesetting

__all__ = ["BRIEFING_FILE", "PdfJob", "template_error"]


def template_error(error: TemplateError, templates: Path | str) -> PluginError:
    """A template error as a one-line build error naming the template and the line to fix."""
    name = getattr(error, "filename", None) or getattr(error, "name", None) or templates
    lineno = getattr(error, "lineno", None)
    where = f"{name}:{lineno}" if lineno else str(name)
    return PluginError(f"dossier: {where}: {error}")


@dataclass(frozen=True)
class PdfJob:
    """The PDF being typeset, and the build's files to store once it is in (the PDF is one of them)."""

    typesetting: Typesetting
    site: GeneratedSite
    # Where and under which key the build's files go; None: the build has no cache.
    store: GeneratedStore | None = None
    key: str | None = None

    def finish(self, site_dir: Path | str) -> None:
        """Wait for the PDF, write it into ``site_dir`` and store the build's files with it."""
        try:
            data = self.typesetting.result()
        except (OSError, TypesetError) as error:
            raise PluginError(f"dossier: PDF briefing: {error}") from error
        except TemplateError as error:  # the briefing's templates, read where the PDF is typeset
            raise template_error(error, "templates") from error
        (Path(site_dir) / BRIEFING_FILE).write_bytes(data)
        self.site.files[BRIEFING_FILE] = data
        if self.store is not None and self.key is not None:
            self.store.put_latest(self.key, self.site)

    def cancel(self) -> None:
        """Stop the worker: the build failed and does not wait for its PDF."""
        self.typesetting.cancel()
