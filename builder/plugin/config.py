"""Options of the `dossier` MkDocs plugin (set under `plugins:` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from builder.settings import DEFAULT_MODEL


class DossierConfig(Config):
    """Where the corpus is and how to turn it into pages."""

    enabled = opt.Type(bool, default=True)

    # Corpus and extraction; paths are relative to mkdocs.yml.
    corpus = opt.Type(str, default="seeds")
    model = opt.Type(str, default=DEFAULT_MODEL)

    # Analyst corrections applied after extraction.
    curation = opt.Type(str, default="seeds/curation.yaml")
    use_curation = opt.Type(bool, default=True)

    # Rebuild speed: per-article results are cached ("" = the corpus's folder in the user's
    # cache, ~/.cache/briefing-dossier); the per-article stage runs on local cores or a Dask cluster.
    cache = opt.Type(bool, default=True)
    cache_dir = opt.Type(str, default="")
    executor = opt.Choice(("local", "dask"), default="local")
    scheduler = opt.Type(str, default="")
    jobs = opt.Type(int, default=0)

    # Presentation.
    templates = opt.Type(str, default="templates")

    # Also write the PDF briefing.
    pdf = opt.Type(bool, default=False)
