"""`mkdocs build` run from the command line for any corpus folder, with the plugin's options set."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, NamedTuple

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from builder.faults import left_out_message
from builder.plugin.generated_site import repeat_warnings
from builder.plugin.up_to_date import last_build
from builder.settings import RunSettings

log = logging.getLogger("mkdocs.plugins.dossier")


class SiteBuildError(RuntimeError):
    """`mkdocs build` stopped: the message says what the user must fix."""


class SiteBuilt(NamedTuple):
    """How a build went: the corpus files left out, and whether the site was already up to date."""

    failed: tuple[str, ...]  # the files the builder raised on (the site is built without them)
    up_to_date: bool  # nothing changed since the last build: nothing was written


def build_site(
    config_file: Path, site_dir: Path, corpus_dir: Path, settings: RunSettings, strict: bool
) -> SiteBuilt:
    """Build the site of ``config_file`` into ``site_dir`` from ``corpus_dir``, run as ``settings`` say.

    A site already built by the same command from the same inputs, and untouched since,
    is left as it is (``builder.plugin.up_to_date``).
    """
    config = None
    try:
        config = load_config(str(config_file), site_dir=str(site_dir.absolute()), strict=strict)
        plugin = config.plugins["dossier"]
        for name, value in plugin_options(corpus_dir, settings).items():
            setattr(plugin.config, name, value)
        last = last_build(config)
        unchanged = last.holds() if last is not None else None
        if unchanged is not None:
            repeat_warnings(unchanged.warnings, unchanged.failed)
            log.info("dossier: nothing changed since the last build of %s; it is up to date", site_dir)
            return SiteBuilt(unchanged.failed, up_to_date=True)
        if last is not None:
            plugin.corpus_read = last.corpus
        mkdocs_build(config)
        if last is not None:
            last.record(plugin.warnings, plugin.failed)
    except MkDocsException as error:
        failed = getattr(config.plugins.get("dossier"), "failed", ()) if config is not None else ()
        if failed and strict:
            raise SiteBuildError(left_out_message(failed)) from error
        raise SiteBuildError(str(error)) from error
    except OSError as error:  # one the plugin did not see (MkDocs reading its own files)
        raise SiteBuildError(f"{error.filename or site_dir}: {error.strerror or error}") from error
    return SiteBuilt(plugin.failed, up_to_date=False)


def plugin_options(corpus_dir: Path, settings: RunSettings) -> dict[str, Any]:
    """The dossier plugin's options (as mkdocs.yml spells them) for ``corpus_dir`` and ``settings``.

    Paths are absolute: mkdocs.yml's folder, which the plugin resolves them against,
    is not where the command runs.
    """
    options: dict[str, Any] = {
        "corpus": str(corpus_dir.resolve()),
        "model": settings.model,
        "use_curation": settings.use_curation,
        # As for `export`: the corpus folder's own curation file unless told otherwise,
        # never the one mkdocs.yml names for the seeds.
        "curation": str((settings.curation_path or corpus_dir / "curation.yaml").resolve()),
        "executor": settings.executor,
        "scheduler": settings.scheduler or "",
        "jobs": settings.jobs or 0,
        "cache": settings.use_cache,
    }
    if settings.cache_dir:
        options["cache_dir"] = str(settings.cache_dir.resolve())
    return options
