"""A disk cache of per-article extractions, so that rebuilds redo only what changed.

An entry is one article's ``ArticleExtraction``, keyed by everything it
depends on: the article itself (text, id, date), the spaCy model's name and
version, the builder's version, and a fingerprint of the source code of the
per-article stage, so that editing an extractor invalidates every entry.
The cross-article stages are always recomputed from these entries.

Entries are pickles behind a header that carries the format version, the
entry's key and a checksum of the payload; an entry that fails any check is
deleted and rebuilt, never trusted. The cache folder is the user's own (like
``__pycache__``): pickles are only read from there.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import importlib.util
import json
import logging
import os
import pickle
import tempfile
import time
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

from builder.model import ArticleExtraction, Document

log = logging.getLogger("dossier")

CACHE_FORMAT = 1
MAGIC = b"dossier-extraction"
ENTRY_SUFFIX = ".pickle"
# Entries no build has used for this long are removed by ``prune``.
PRUNE_AFTER_SECONDS = 7 * 24 * 3600
# Document fields that do not reach the per-article stage.
UNKEYED_FIELDS = frozenset({"path"})
BUILDER_DIR = Path(__file__).resolve().parent.parent  # the builder package


def default_cache_dir(corpus_dir: Path | str) -> Path:
    """``.cache/dossier`` in the folder that holds the corpus folder (the project)."""
    return Path(corpus_dir).resolve().parent / ".cache" / "dossier"


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
    folder: Path | None = None
    if Path(name).is_dir():
        folder = Path(name)
    else:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is not None and spec.submodule_search_locations:
            folder = Path(next(iter(spec.submodule_search_locations)))
    if folder is not None and (folder / "meta.json").is_file():
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        return f"{meta.get('name', '?')}-{meta.get('version', '?')}"
    from builder.extract.nlp import load_pipeline, model_version

    return model_version(load_pipeline(name))


def article_key(document: Document, model_id: str) -> str:
    """The cache key of one article's extraction with the model ``model_id``."""
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


class PickleStore:
    """Checked pickles stored as one file per key under ``folder``.

    Each file is the pickle behind a header that carries ``magic``, the format
    version, the key and a checksum; a file that fails a check, or whose object
    ``accept`` refuses, is deleted and counted as a miss, never trusted.
    """

    magic = b"dossier-entry"

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)
        self.hits = 0
        self.misses = 0
        self.rejected = 0
        self._writable = True

    def path_for(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{ENTRY_SUFFIX}"

    def accept(self, value: object, check: object = None) -> bool:
        """Whether a decoded value is what the caller expects (subclasses narrow it)."""
        return True

    def get(self, key: str, check: object = None):
        """The stored object, or None when absent, damaged or refused by ``accept``."""
        path = self.path_for(key)
        try:
            raw = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        value = decode_pickle(self.magic, raw, key)
        if value is None or not self.accept(value, check):
            log.warning("cache entry %s is damaged or stale; rebuilding it", path)
            self.rejected += 1
            self.misses += 1
            path.unlink(missing_ok=True)
            return None
        self.hits += 1
        try:
            os.utime(path)  # recently used: pruning keeps it
        except OSError:
            pass
        return value

    def put(self, key: str, value: object) -> None:
        """Store an object; a cache that cannot be written is skipped with one warning."""
        if not self._writable:
            return
        path = self.path_for(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Write aside and rename, so that a reader or a crash never sees half an entry.
            with tempfile.NamedTemporaryFile("wb", dir=path.parent, suffix=".tmp", delete=False) as handle:
                handle.write(encode_pickle(self.magic, key, value))
            os.replace(handle.name, path)
        except OSError as error:
            self._writable = False
            log.warning("cannot write the cache in %s (%s); building without it", self.folder, error)

    def keep_newest(self, count: int) -> None:
        """Delete all but the ``count`` most recently stored or used entries (for large entries)."""
        for path in self._newest_first()[count:]:
            path.unlink(missing_ok=True)

    def newest_key(self) -> str | None:
        """The key of the most recently stored or used entry."""
        newest = self._newest_first()[:1]
        return newest[0].stem if newest else None

    def _newest_first(self) -> list[Path]:
        entries = []
        for path in self.folder.glob(f"??/*{ENTRY_SUFFIX}"):
            try:
                entries.append((path.stat().st_mtime, path.name, path))
            except OSError:  # removed by a parallel build
                continue
        return [path for _, _, path in sorted(entries, reverse=True)]

    def prune(self, keep: set[str], older_than: float = PRUNE_AFTER_SECONDS) -> int:
        """Delete entries not in ``keep`` that are older than ``older_than`` seconds; returns how many."""
        if not self.folder.is_dir():
            return 0
        cutoff = time.time() - older_than
        removed = 0
        for path in self.folder.glob(f"??/*{ENTRY_SUFFIX}"):
            try:
                if path.stem not in keep and path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except OSError:
                continue
        for path in self.folder.glob("??/*.tmp"):  # left by a crash mid-write
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
            except OSError:
                continue
        return removed


class ExtractionCache(PickleStore):
    """Per-article extractions, one file each under ``folder``."""

    magic = MAGIC

    def accept(self, value: object, check: object = None) -> bool:
        # ``check`` is the article's id: an entry must be this article's extraction.
        return isinstance(value, ArticleExtraction) and (check is None or value.doc_id == check)


def encode_pickle(magic: bytes, key: str, value: object) -> bytes:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    checksum = hashlib.sha256(payload).hexdigest()
    header = b" ".join((magic, str(CACHE_FORMAT).encode(), key.encode(), checksum.encode()))
    return header + b"\n" + payload


def decode_pickle(magic: bytes, raw: bytes, key: str) -> object | None:
    """The object in an entry, or None unless header, key and checksum all check out."""
    header, newline, payload = raw.partition(b"\n")
    parts = header.split(b" ")
    if not newline or len(parts) != 4:
        return None
    stored_magic, version, stored_key, checksum = parts
    if stored_magic != magic or version != str(CACHE_FORMAT).encode() or stored_key != key.encode():
        return None
    if hashlib.sha256(payload).hexdigest().encode() != checksum:
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # a payload that passed the checksum but no longer unpickles (code moved)
        return None


def encode_entry(key: str, extraction: ArticleExtraction) -> bytes:
    return encode_pickle(MAGIC, key, extraction)


def decode_entry(raw: bytes, key: str) -> ArticleExtraction | None:
    """The extraction in an entry, or None unless header, key, checksum and type all check out."""
    value = decode_pickle(MAGIC, raw, key)
    return value if isinstance(value, ArticleExtraction) else None
