"""Records kept on disk between builds: one checked file per key, written aside and renamed.

Every cache of the builder (per-article extractions, generated sites, pages, the
typeset PDF) is a :class:`PickleStore` with its own ``magic``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
import time
from pathlib import Path

log = logging.getLogger("dossier")

CACHE_FORMAT = 1
ENTRY_SUFFIX = ".pickle"
# Entries no build has used for this long are removed by ``prune``.
PRUNE_AFTER_SECONDS = 7 * 24 * 3600


def default_cache_dir(corpus_dir: Path | str) -> Path:
    """``.cache/dossier`` in the folder that holds the corpus folder (the project)."""
    return Path(corpus_dir).resolve().parent / ".cache" / "dossier"


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
