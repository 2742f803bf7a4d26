"""`mkdocs build` run from the command line for any corpus folder, with the plugin's options set."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException


class SiteBuildError(RuntimeError):
    """`mkdocs build` stopped: the message says what the user must fix."""


def build_site(config_file: Path, site_dir: Path, plugin_options: Mapping[str, Any], strict: bool) -> None:
    """Build the site of ``config_file`` into ``site_dir``, the dossier plugin's options overridden."""
    try:
        config = load_config(str(config_file), site_dir=str(site_dir.resolve()), strict=strict)
        plugin = config.plugins["dossier"]
        for name, value in plugin_options.items():
            setattr(plugin.config, name, value)
        mkdocs_build(config)
    except MkDocsException as error:
        raise SiteBuildError(str(error)) from error
