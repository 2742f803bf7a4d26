"""Records kept on disk between builds: one signed file per key, written aside and renamed.

Every cache of the builder (per-article extractions, generated sites, pages, the
typeset PDF, the gazetteer) is a :class:`PickleStore` with its own ``magic``.

A pickle runs code when it is read, so a cache entry anyone could write would
run their code in the analyst's build. Every entry therefore carries an
HMAC-SHA256 of its header and payload, keyed by a secret that lives in the user's
own configuration folder (``$XDG_CONFIG_HOME/briefing-dossier/cache.key``, created
readable by the user alone), never beside the corpus or in the cache folder; no
byte of an entry is unpickled before its HMAC checks out. A planted or forged entry
is refused with a warning that names it. HMAC-SHA256 costs about what the plain
checksum it replaces did, so the caches stay as fast as they were.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
import os
import pickle
import re
import stat
import tempfile
import time
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

log = logging.getLogger("dossier")

# 2: entries signed with the user's key (1 was a plain checksum anyone could compute).
CACHE_FORMAT = 2
ENTRY_SUFFIX = ".pickle"
# Entries no build has used for this long are removed by ``prune``.
PRUNE_AFTER_SECONDS = 7 * 24 * 3600
# The signing key: a file of the user's (``KEY_FILE_ENV`` names another, for tests and CI).
KEY_FILE_ENV = "DOSSIER_CACHE_KEY_FILE"
KEY_BYTES = 32
# How many of the newest entries ``latest`` tries before it gives up (planted files fail).
LATEST_CANDIDATES = 8
NOT_SIGNED = "not signed by this user's key"


def user_folder(variable: str, fallback: str) -> Path:
    """An XDG base folder (``$XDG_CACHE_HOME``, ``$XDG_CONFIG_HOME``): absolute, else ``~/fallback``."""
    value = os.environ.get(variable, "")
    # The XDG spec: a relative value is invalid and must be ignored.
    return Path(value) if value and os.path.isabs(value) else Path.home() / fallback


def default_cache_dir(corpus_dir: Path | str) -> Path:
    """Where a corpus folder's caches live unless told otherwise: in the user's own cache folder.

    ``$XDG_CACHE_HOME/briefing-dossier/corpora/<folder name>-<hash of its path>``. Not beside
    the corpus: a corpus in a shared or temporary folder would put the caches where others
    can write them (and read what they hold), and a corpus folder is the analyst's, not ours.
    """
    corpus = Path(corpus_dir).resolve()
    digest = hashlib.sha256(os.fsencode(corpus)).hexdigest()[:16]
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", corpus.name).strip(".-")[:40] or "corpus"
    return user_folder("XDG_CACHE_HOME", ".cache") / "briefing-dossier" / "corpora" / f"{name}-{digest}"


def key_file() -> Path:
    """The file that holds the user's cache-signing key."""
    explicit = os.environ.get(KEY_FILE_ENV)
    if explicit:
        return Path(explicit)
    return user_folder("XDG_CONFIG_HOME", ".config") / "briefing-dossier" / "cache.key"


# Keys by file, read once per process; None: no usable key there (the caches are off).
_KEYS: dict[Path, bytes | None] = {}


def signing_key() -> bytes | None:
    """The user's cache-signing key, created on first use; None (with one warning) if it cannot be had."""
    path = key_file()
    if path not in _KEYS:
        try:
            _KEYS[path] = read_or_create_key(path)
        except KeyFileError as error:
            log.warning("%s; building without the caches", error)
            _KEYS[path] = None
    return _KEYS[path]


class KeyFileError(OSError):
    """The signing key cannot be read or created: the message names the file and the fix."""


def read_or_create_key(path: Path) -> bytes:
    """The key in ``path``; a new random one written there (mode 0600) when there is none."""
    try:
        return _read_private_key(path)
    except FileNotFoundError:
        pass
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Written aside and linked into place: two builds that start at once agree on one key.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".cache.key-")
        try:
            os.write(handle, os.urandom(KEY_BYTES).hex().encode() + b"\n")
            os.close(handle)
            try:
                os.link(temporary, path)
            except FileExistsError:
                pass  # another build made it first: use theirs
        finally:
            os.unlink(temporary)
        return _read_private_key(path)
    except KeyFileError:
        raise
    except OSError as error:
        raise KeyFileError(
            f"cannot create the cache key {path} ({error.strerror or error}); "
            f"set {KEY_FILE_ENV} to a file in a folder of yours"
        ) from error


def _read_private_key(path: Path) -> bytes:
    """The key in ``path`` if the file is the user's own and private; raises KeyFileError otherwise."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise KeyFileError(f"cannot read the cache key {path} ({error.strerror or error})") from error
    try:
        info = os.fstat(handle)
        data = os.read(handle, 4 * KEY_BYTES)
    finally:
        os.close(handle)
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
        raise KeyFileError(f"the cache key {path} is not a file of this user's")
    if info.st_mode & 0o077:
        # Anyone else who can read the key can sign an entry, and so run code in this user's build.
        raise KeyFileError(
            f"the cache key {path} can be read or written by others (mode {stat.S_IMODE(info.st_mode):04o}); "
            f"run 'chmod 600 {path}' or delete it"
        )
    try:
        key = bytes.fromhex(data.decode("ascii").strip())
    except ValueError:
        key = b""
    if len(key) < 16:
        raise KeyFileError(f"the cache key {path} is not a key this builder wrote; delete it")
    return key


class PickleStore:
    """Signed pickles stored as one file per key under ``folder``.

    Each file is the pickle behind a header that carries ``magic``, the format
    version, the key and an HMAC of all of it under the user's key. A file that
    fails a check, or whose object ``accept`` refuses, is deleted and counted as a
    miss, never trusted; one that is not signed by this user's key is named in a warning.
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

    def holds(self, key: str) -> bool:
        """Whether an entry is stored under ``key`` (not read: ``get`` may still refuse it)."""
        return signing_key() is not None and self.path_for(key).is_file()

    def get(self, key: str, check: object = None):
        """The stored object, or None when absent, unsigned, damaged or refused by ``accept``."""
        secret = signing_key()
        path = self.path_for(key)
        raw = read_entry(path) if secret is not None else None
        if raw is None or secret is None:
            self.misses += 1
            return None
        value, problem = decode_entry(self.magic, raw, key, secret)
        if problem is None and not self.accept(value, check):
            problem = "not what this cache holds"
        if problem is not None:
            self._refuse(path, problem)
            return None
        self.hits += 1
        try:
            os.utime(path)  # recently used: pruning keeps it
        except OSError:
            pass
        return value

    def _refuse(self, path: Path, problem: str) -> None:
        if problem == NOT_SIGNED:
            # Forged, planted, or written under another key file: never read, and said so.
            log.warning("cache entry %s is %s; refused and removed", path, NOT_SIGNED)
        else:
            log.warning("cache entry %s is %s; rebuilding it", path, problem)
        self.rejected += 1
        self.misses += 1
        path.unlink(missing_ok=True)

    def put(self, key: str, value: object) -> None:
        """Store an object; a cache that cannot be written is skipped with one warning."""
        secret = signing_key()
        if not self._writable or secret is None:
            return
        path = self.path_for(key)
        try:
            # Folders the user alone can read: entries hold the corpus's text.
            make_private_folder(path.parent)
            # Write aside and rename, so that a reader or a crash never sees half an entry.
            with tempfile.NamedTemporaryFile("w+b", dir=path.parent, suffix=".tmp", delete=False) as handle:
                write_entry(handle, self.magic, key, value, secret)
            os.replace(handle.name, path)
        except OSError as error:
            self._writable = False
            log.warning("cannot write the cache in %s (%s); building without it", self.folder, error)

    def latest(self):
        """The most recently stored or used entry that checks out, whatever its key; None if none does.

        Being newest earns a file nothing: each candidate is verified like any entry,
        and one that fails is refused and the next newest tried.
        """
        for path in self._newest_first()[:LATEST_CANDIDATES]:
            value = self.get(path.stem)
            if value is not None:
                return value
        return None

    def keep_newest(self, count: int) -> None:
        """Delete all but the ``count`` most recently stored or used entries (for large entries)."""
        for path in self._newest_first()[count:]:
            path.unlink(missing_ok=True)

    def _newest_first(self) -> list[Path]:
        entries = []
        for path in self._entries():
            try:
                entries.append((path.lstat().st_mtime, path.name, path))
            except OSError:  # removed by a parallel build
                continue
        return [path for _, _, path in sorted(entries, reverse=True)]

    def _entries(self) -> Iterator[Path]:
        """The entry files, by name: ``<2 hex>/<hex key>.pickle`` (nothing else in the folder counts)."""
        for path in self.folder.glob(f"??/*{ENTRY_SUFFIX}"):
            if ENTRY_NAME.fullmatch(path.name) and path.name.startswith(path.parent.name):
                yield path

    def prune(self, keep: set[str], older_than: float = PRUNE_AFTER_SECONDS) -> int:
        """Delete entries not in ``keep`` that are older than ``older_than`` seconds; returns how many."""
        if not self.folder.is_dir():
            return 0
        cutoff = time.time() - older_than
        removed = 0
        for path in self._entries():
            try:
                if path.stem not in keep and path.lstat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except OSError:
                continue
        for path in self.folder.glob("??/*.tmp"):  # left by a crash mid-write
            try:
                if path.lstat().st_mtime < cutoff:
                    path.unlink()
            except OSError:
                continue
        return removed


ENTRY_NAME = re.compile(rf"[0-9a-f]{{8,128}}{re.escape(ENTRY_SUFFIX)}")


def read_entry(path: Path) -> bytes | None:
    """The bytes of the entry file at ``path``; None if there is none, or it is not a regular file.

    A link is not followed and a device or pipe is not read: a file planted in the
    cache folder must not make a build read ``/dev/zero`` or wait on a pipe.
    """
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return None
        with os.fdopen(handle, "rb", closefd=False) as stream:
            return stream.read()
    except OSError:
        return None
    finally:
        os.close(handle)


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` and its missing parents readable and writable by the user alone."""
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir(mode=0o700, exist_ok=True)


def _signature(secret: bytes, header: bytes, payload: bytes | memoryview | Iterable[bytes]) -> bytes:
    """The HMAC of ``header`` and ``payload`` (whole, or in pieces), in hex."""
    mac = hmac.new(secret, header, hashlib.sha256)
    mac.update(b"\n")
    for piece in [payload] if isinstance(payload, bytes | memoryview) else payload:
        mac.update(piece)
    return mac.hexdigest().encode()


def _crc(payload: bytes | memoryview) -> bytes:
    return b"%08x" % zlib.crc32(payload)


def _entry_header(magic: bytes, key: str, crc: int) -> bytes:
    """An entry's first line but its signature: what it is, the format, its key and the payload's CRC-32."""
    return b" ".join((magic, str(CACHE_FORMAT).encode(), key.encode(), b"%08x" % crc))


def write_entry(stream: IO[bytes], magic: bytes, key: str, value: object, secret: bytes) -> None:
    """``value`` pickled into ``stream`` (read-write, empty) behind a header, checksummed and signed.

    The pickle goes to the file as it is made, never whole in memory (a site's entry is
    hundreds of megabytes: as one ``bytes``, and again with its header, it was the build's
    peak). The header comes first but holds the payload's checksum and signature: a
    placeholder of its length is written, then the payload, then the header over it.
    """
    # The header's length does not depend on the checksum's value: " <hex HMAC>\n" follows it.
    signed_line_length = len(_entry_header(magic, key, 0)) + 1 + hashlib.sha256().digest_size * 2 + 1
    stream.write(b"\0" * signed_line_length)
    payload = _ChecksummedWriter(stream)
    pickle.dump(value, payload, protocol=pickle.HIGHEST_PROTOCOL)
    header = _entry_header(magic, key, payload.crc)
    # The signature covers the header, then the payload: read back from the file in pieces.
    stream.seek(signed_line_length)
    signature = _signature(secret, header, iter(functools.partial(stream.read, 1 << 20), b""))
    stream.seek(0)
    stream.write(header + b" " + signature + b"\n")


class _ChecksummedWriter:
    """A file's ``write`` that keeps the CRC-32 of what went through it."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream, self.crc = stream, 0

    def write(self, data: bytes) -> int:
        self.crc = zlib.crc32(data, self.crc)
        return self.stream.write(data)


def decode_entry(magic: bytes, raw: bytes, key: str, secret: bytes) -> tuple[object, str | None]:
    """(the object in an entry, None), or (None, why it is refused); nothing unsigned is unpickled.

    The checksum tells a damaged entry (a disk error, a crash) from a forged one: anyone
    can compute it, so it only names the problem; the signature is what is trusted.
    """
    end = raw.find(b"\n")
    parts = raw[:end].split(b" ")
    if end < 0 or len(parts) != 5:
        return None, "damaged"
    payload = memoryview(raw)[end + 1 :]  # not a copy: a site's entry can be tens of megabytes
    stored_magic, version, stored_key, checksum, signature = parts
    if stored_magic != magic or stored_key != key.encode():
        return None, "damaged"
    if version != str(CACHE_FORMAT).encode():
        return None, "from another version of the builder"
    # The signature covers magic, version, key, checksum and payload: a signed entry copied
    # under another key's name fails, and so does any byte changed by someone without the key.
    if not hmac.compare_digest(_signature(secret, b" ".join(parts[:4]), payload), signature):
        # Only now the checksum, to say which: valid entries pay for one pass over the bytes.
        return None, NOT_SIGNED if checksum == _crc(payload) else "damaged"
    try:
        return pickle.loads(payload), None
    except Exception:  # noqa: BLE001 - signed by us but no longer unpickles (the code moved)
        return None, "stale"
