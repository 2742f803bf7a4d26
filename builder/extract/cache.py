"""A disk cache of per-article extractions, so that rebuilds redo only what changed.

An entry is one article's ``ArticleExtraction``, keyed by everything it
depends on: the article itself (text, id, date), the spaCy model's name and
version and the components that run, the builder's version, and a fingerprint of the source code of the
per-article stage, so that editing an extractor invalidates every entry.
The cross-article stages are always recomputed from these entries.

Entries are pickles behind a header that carries the format version, the
entry's key, a checksum and an HMAC under the user's own key
(``builder.store``); an entry that fails any check is deleted and rebuilt,
never trusted, and nothing is unpickled before its HMAC checks out.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import importlib.util
import logging
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

from builder.model import ArticleExtraction, Document
from builder.store import CACHE_FORMAT, PickleStore

log = logging.getLogger("dossier")

MAGIC = b"dossier-extraction"
# Document fields that do not reach the per-article stage.
UNKEYED_FIELDS = frozenset({"path"})
BUILDER_DIR = Path(__file__).resolve().parent.parent  # the builder package


@lru_cache(maxsize=1)
def builder_version() -> str:
    try:
        return importlib.metadata.version("briefing-dossier")
    except importlib.metadata.PackageNotFoundError:
        return "0+unknown"


# The per-article stage: the parse and what is read from it.
STAGE_ROOTS = ("builder.extract.nlp", "builder.extract.article")
PACKAGE_ROOT = BUILDER_DIR.parent


def module_path(name: str) -> Path | None:
    """The source file of the builder module ``name`` (dotted), or None if it is not one."""
    base = PACKAGE_ROOT.joinpath(*name.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def stage_modules(roots: tuple[str, ...] = STAGE_ROOTS) -> list[Path]:
    """Source files of the ``roots`` builder modules and every builder module they import.

    Packages count with their ``__init__``: importing ``builder.extract.figures.counts``
    runs ``builder/extract/__init__.py`` and ``builder/extract/figures/__init__.py`` first.
    """
    seen: set[str] = set()
    pending = list(roots)
    while pending:
        name = pending.pop()
        path = module_path(name)
        if name in seen or path is None:
            continue
        seen.add(name)
        parent = name.rpartition(".")[0]
        if parent:
            pending.append(parent)
        package = name if path.name == "__init__.py" else parent
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = (
                    importlib.util.resolve_name("." * node.level + (node.module or ""), package)
                    if node.level
                    else node.module or ""
                )
                if base == "builder" or base.startswith("builder."):
                    pending.append(base)
                    # ``from builder.extract import times``: the names may be modules too.
                    pending.extend(f"{base}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                pending.extend(alias.name for alias in node.names if alias.name.startswith("builder."))
    return sorted(path for name in seen if (path := module_path(name)) is not None)


@lru_cache(maxsize=1)
def stage_fingerprint() -> str:
    """A hash of the per-article stage's source code: a code change invalidates the cache."""
    digest = hashlib.sha256()
    for path in stage_modules():
        digest.update(path.relative_to(PACKAGE_ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=8)
def model_identity(name: str) -> str:
    """``<meta name>-<version>`` of a spaCy pipeline, read from its meta.json without loading it.

    The same string as ``builder.extract.nlp.model_version(load_pipeline(name))``.
    """
    from builder.extract.nlp import load_pipeline, model_meta, model_version

    meta = model_meta(name)
    if meta is not None:
        return f"{meta.get('name', '?')}-{meta.get('version', '?')}"
    return model_version(load_pipeline(name))


@lru_cache(maxsize=8)
def pipeline_identity(name: str) -> str:
    """The model's identity and the components that run: what an extraction's cache key names.

    A pipeline loaded with another set of components annotates differently, so an entry
    made with one set is not taken for another.
    """
    from builder.extract.nlp import running_components

    return f"{model_identity(name)}[{','.join(running_components(name))}]"


def article_key(document: Document, model_id: str) -> str:
    """The cache key of one article's extraction with the pipeline ``model_id`` (``pipeline_identity``)."""
    digest = hashlib.sha256()
    parts = [str(CACHE_FORMAT), builder_version(), stage_fingerprint(), model_id]
    # Every field of the document that the stage can read, so that a field
    # added to Document later is keyed too.
    parts += [
        f"{f.name}={getattr(document, f.name)!r}" for f in fields(document) if f.name not in UNKEYED_FIELDS
    ]
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


class ExtractionCache(PickleStore):
    """Per-article extractions, one file each under ``folder``."""

    magic = MAGIC

    def accept(self, value: object, check: object = None) -> bool:
        # ``check`` is the article's id: an entry must be this article's extraction.
        return isinstance(value, ArticleExtraction) and (check is None or value.doc_id == check)
