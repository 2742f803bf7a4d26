"""The analyst's corrections (``curation.yaml``), applied after extraction.

First version: the file is read and validated as YAML; issue 3 adds the
operations. Until then an existing file is reported, not silently dropped.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .model import Dossier


class CurationError(ValueError):
    """The curation file cannot be used; the message names file, line and problem."""


def load_curation(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        raise CurationError(f"{path}{line}: not valid YAML: {getattr(error, 'problem', error)}") from error
    if not isinstance(data, dict):
        raise CurationError(f"{path}: the top level must be a mapping of operations")
    return data


def apply_curation(dossier: Dossier, curation: dict) -> Dossier:
    return dossier
