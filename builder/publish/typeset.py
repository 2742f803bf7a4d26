"""Typesetting the PDF briefing with Typst: here or in a worker process, cached, offline.

A :class:`TypesetJob` is everything the typesetter reads (the Typst source and the
charts it draws), as plain data; :class:`PendingPdf` typesets it here or in a worker
process while the build goes on, and keeps the PDF in a cache keyed by that job.
Nothing is read from disk or from the web: the charts are handed to Typst with the
source (``sys.inputs``), and its project folder is an empty temporary one, so even a
template cannot read a file. What the briefing says is :mod:`builder.publish.briefing`'s
business.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.metadata
import json
import logging
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from builder.faults import exit_with_parent, remove_stale
from builder.store import PickleStore

log = logging.getLogger("dossier")

# The typeset PDF cache: entries in this subfolder of the caller's cache folder.
CACHE_SUBDIR = "briefing"
CACHE_ENTRIES = 3  # older entries are removed: a PDF per recent state of the corpus
CACHE_FORMAT = 2  # 2: typeset by Typst (1: WeasyPrint)
_CACHE_MAGIC = b"dossier-briefing-pdf"
# The worker's PDF comes back in a temporary file named with this process's id: one left by a
# build that was killed is removed by the next (``faults.remove_stale``).
_OUTPUT_PREFIX = "dossier-briefing-"


@dataclass(frozen=True)
class TypesetJob:
    """Everything Typst reads to typeset the briefing, as plain data a worker process can take."""

    source: str
    charts: dict[str, str]  # {site path: SVG}: the charts the source draws

    @classmethod
    def of(cls, source: str, files: Mapping[str, str | bytes]) -> TypesetJob:
        """The job of typesetting ``source``.

        ``files`` are the site's files to take the charts from: only the charts the
        source names are kept, so the cache key covers all it can draw.
        """
        charts = {path: _as_text(content) for path, content in files.items() if _is_chart(path, source)}
        return cls(source, charts)

    def key(self) -> str:
        return _typeset_key(self.source, self.charts, _package_version("typst"))


class TypesetError(RuntimeError):
    """Typst could not typeset the briefing: its diagnostic (an error of the print template)."""


# Typst starts a pool of threads on its first compile. A process forked after that has the
# pool's state but none of its threads, and its first compile would wait for them forever:
# such a process typesets in a fresh interpreter instead.
_compiled_in: int | None = None  # the id of the process whose Typst has compiled


def typeset(job: TypesetJob) -> bytes:
    """Typst's work: the PDF of ``job`` (a module-level function, so a worker process can run it)."""
    global _compiled_in
    if _compiled_in is not None and _compiled_in != os.getpid():
        return _typeset_in_fresh_interpreter(job)
    import typst  # import only when a PDF is wanted

    _compiled_in = os.getpid()
    with tempfile.TemporaryDirectory(prefix="dossier-typst-") as empty:
        # Typst reads files only under its root: an empty folder, so nothing at all.
        try:
            return typst.compile(job.source.encode("utf-8"), root=empty, sys_inputs=job.charts)
        except typst.TypstError as error:
            raise TypesetError(_diagnostic(error)) from None


def _diagnostic(error: Exception) -> str:
    """What Typst said, with its line of the source; the source is named as the template's output."""
    said = (getattr(error, "diagnostic", "") or "").strip() or str(error)
    return "Typst: " + re.sub(r"\S*__typst_py_bytes__\.typ", "the rendered print template", said)


def _typeset_in_fresh_interpreter(job: TypesetJob) -> bytes:
    """:func:`typeset` in a new Python process: the job goes in as JSON, the PDF comes out."""
    package_root = str(Path(__file__).resolve().parents[2])  # where ``builder`` is imported from
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")])),
    }
    done = subprocess.run(
        # -P: the working folder is not on the new interpreter's path (a typst.py there is not run).
        [sys.executable, "-P", "-m", "builder.publish.typeset"],
        input=json.dumps({"source": job.source, "charts": job.charts}).encode("utf-8"),
        capture_output=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip()
        raise TypesetError(said or f"the typesetting process stopped (exit code {done.returncode})")
    if not done.stdout.startswith(b"%PDF-"):
        raise TypesetError("the typesetting process gave no PDF")
    return done.stdout


class PendingPdf:
    """A briefing being typeset: from the cache, here, or in a worker process while the build goes on.

    A site build that hands it to a worker (``background=True``) renders its pages
    meanwhile and collects the PDF at the end with :meth:`result`. The worker is a
    fresh interpreter that receives only the job (the source and the charts), not
    the dossier, so it adds little memory.
    """

    def __init__(self, job: TypesetJob, cache_dir: Path | str | None = None, background: bool = False):
        self._store = PdfStore(Path(cache_dir) / CACHE_SUBDIR) if cache_dir is not None else None
        self._key = job.key() if self._store is not None else ""
        self._data = self._store.get(self._key) if self._store is not None else None
        self._worker = self._receiver = self._output = None
        if self._data is not None:
            return
        if background:
            # spawn: a clean worker whatever threads this process runs (a live-reload server);
            # daemon: it dies with this process, so a failed build never waits for it.
            # The PDF comes back in a file: through the pipe, the worker would wait, holding its
            # memory, until this process reads it at the end of the build.
            spawn = multiprocessing.get_context("spawn")
            remove_stale(Path(tempfile.gettempdir()), _OUTPUT_PREFIX)
            handle, self._output = tempfile.mkstemp(prefix=f"{_OUTPUT_PREFIX}{os.getpid()}-", suffix=".pdf")
            os.close(handle)
            atexit.register(self._discard_output)  # an interrupted build leaves no PDF behind
            self._receiver, sender = spawn.Pipe(duplex=False)
            self._worker = spawn.Process(target=_typeset_into, args=(job, self._output, sender), daemon=True)
            try:
                self._worker.start()
            except OSError as error:  # no process can be started here: typeset in this one
                log.info("briefing: typesetting in this process (%s)", error)
                self.cancel()
            sender.close()
        if self._worker is None:
            self._keep(typeset(job))

    def result(self) -> bytes:
        """The PDF; waits for the worker if it is still typesetting."""
        if self._data is None:
            try:
                try:
                    done, payload = self._receiver.recv()
                except EOFError:  # the worker died without a word (killed, out of memory)
                    self._worker.join()
                    code = self._worker.exitcode
                    raise OSError(f"the typesetting process stopped (exit code {code})") from None
                finally:
                    self._stop_worker()
                if not done:
                    raise payload
                data = Path(self._output).read_bytes()
            finally:
                self._discard_output()
            self._keep(data)
        return self._data

    def cancel(self) -> None:
        """Stop the worker, if any (a build that failed does not wait for its PDF)."""
        self._stop_worker()
        self._discard_output()

    def _stop_worker(self) -> None:
        if self._worker is not None:
            if self._worker.is_alive():
                self._worker.terminate()
            self._worker.join()
            self._receiver.close()
        self._worker = self._receiver = None

    def _discard_output(self) -> None:
        if self._output is not None:
            Path(self._output).unlink(missing_ok=True)
            atexit.unregister(self._discard_output)
        self._output = None

    def _keep(self, data: bytes) -> None:
        self._data = data
        if self._store is not None:
            self._store.put(self._key, data)
            self._store.keep_newest(CACHE_ENTRIES)


def _typeset_into(job: TypesetJob, output: str, sender) -> None:
    """The worker's side: typeset into ``output``, then say it is done, or send the error."""
    # A build killed outright cannot stop its worker: the worker stops, and removes its file.
    exit_with_parent(cleanup=lambda: Path(output).unlink(missing_ok=True))
    try:
        Path(output).write_bytes(typeset(job))
        sender.send((True, None))
    except Exception as error:  # noqa: BLE001 - the build reports it
        try:
            sender.send((False, error))
        except Exception:  # noqa: BLE001 - an error that does not pickle goes as text
            sender.send((False, OSError(f"{type(error).__name__}: {error}")))
    finally:
        sender.close()


# --- the typeset PDF cache ---------------------------------------------------------


def _typeset_key(source: str, charts_used: Mapping[str, str], typst_version: str) -> str:
    """A hash of everything Typst reads: the source, the charts, its version."""
    digest = hashlib.sha256()
    parts = [str(CACHE_FORMAT).encode(), typst_version.encode(), source.encode("utf-8", "surrogatepass")]
    for path in sorted(charts_used):
        parts += [path.encode("utf-8"), charts_used[path].encode("utf-8", "surrogatepass")]
    for part in parts:
        # Length-prefixed, so that no two different inputs run together into one.
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def _package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


class PdfStore(PickleStore):
    """Typeset PDFs, checked like every cache entry, and only whole PDFs accepted."""

    magic = _CACHE_MAGIC

    def accept(self, value: object, check: object = None) -> bool:
        return isinstance(value, bytes) and value.startswith(b"%PDF-") and value.rstrip().endswith(b"%%EOF")


# --- the charts ------------------------------------------------------------------------


def _is_chart(path: str, source: str) -> bool:
    return path.endswith(".svg") and path in source


def _as_text(content: str | bytes) -> str:
    # Typst takes its inputs as strings; a chart is SVG text.
    return content if isinstance(content, str) else content.decode("utf-8")


if __name__ == "__main__":  # the fresh interpreter of ``_typeset_in_fresh_interpreter``
    _given = json.load(sys.stdin)
    try:
        sys.stdout.buffer.write(typeset(TypesetJob(_given["source"], _given["charts"])))
    except TypesetError as _error:
        sys.exit(str(_error))  # said on stderr, for the parent to raise
