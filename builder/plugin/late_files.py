"""Files made while MkDocs builds the pages (charts, PDF briefing, exports), written when the build ends."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import TemplateError
from mkdocs.exceptions import PluginError

from builder.plugin.site_cache import GeneratedSite, GeneratedStore
from builder.publish.site_files import LateFileError

if TYPE_CHECKING:
    from builder.publish.site_files import LateFiles

__all__ = ["LateFilesJob", "template_error"]


def template_error(error: TemplateError, templates: Path | str) -> PluginError:
    """A template error as a one-line build error naming the template and the line to fix."""
    name = getattr(error, "filename", None) or getattr(error, "name", None) or templates
    lineno = getattr(error, "lineno", None)
    where = f"{name}:{lineno}" if lineno else str(name)
    return PluginError(f"dossier: {where}: {error}")


@dataclass(frozen=True)
class LateFilesJob:
    """The files still being made, and the build's files to store once they are in (they are among them)."""

    late: LateFiles
    site: GeneratedSite
    # Where and under which key the build's files go; None: the build has no cache.
    store: GeneratedStore | None = None
    key: str | None = None

    def write(self, site_dir: Path | str) -> None:
        """Wait for the files and write them over their stand-ins in ``site_dir``."""
        try:
            files = self.late.result()
        except LateFileError as error:
            raise PluginError(f"dossier: {error}") from error
        except TemplateError as error:  # the briefing's templates, read where the PDF is typeset
            raise template_error(error, "templates") from error
        for name, content in files.items():
            (Path(site_dir) / name).write_bytes(content if isinstance(content, bytes) else content.encode())
        self.site.files.update(files)

    def save(self) -> None:
        """Store the build's files, the late ones among them (``write``), for a build with nothing changed."""
        if self.store is not None and self.key is not None:
            self.store.put_latest(self.key, self.site)

    def cancel(self) -> None:
        """Stop the work: the build failed and does not wait for these files."""
        self.late.cancel()
