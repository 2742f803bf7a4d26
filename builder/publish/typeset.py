"""Typesetting the PDF briefing with WeasyPrint: in a worker process, cached, offline.

A :class:`TypesetJob` is everything WeasyPrint reads (the HTML, the stylesheet,
the charts), as plain data; :class:`PendingPdf` typesets it here or in a
worker process while the build goes on, and keeps the PDF in a cache keyed by
that job. Nothing is fetched from outside: the URL fetcher serves the charts
from memory and refuses every other URL. What the briefing says is
:mod:`builder.publish.briefing`'s business.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.metadata
import logging
import multiprocessing
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from builder.faults import exit_with_parent, remove_stale
from builder.store import PickleStore

log = logging.getLogger("dossier")

# The typeset PDF cache: entries in this subfolder of the caller's cache folder.
CACHE_SUBDIR = "briefing"
CACHE_ENTRIES = 3  # older entries are removed: a PDF per recent state of the corpus
CACHE_FORMAT = 1
_CACHE_MAGIC = b"dossier-briefing-pdf"
# The worker's PDF comes back in a temporary file named with this process's id: one left by a
# build that was killed is removed by the next (``faults.remove_stale``).
_OUTPUT_PREFIX = "dossier-briefing-"

# The base URL of the document: relative chart paths resolve under it.
_BASE_URL = "dossier:/"


@dataclass(frozen=True)
class TypesetJob:
    """Everything WeasyPrint reads to typeset the briefing, as plain data a worker process can take."""

    html: str
    stylesheet: bytes
    stylesheet_path: str
    charts: dict[str, bytes]

    @classmethod
    def of(cls, html: str, stylesheet_path: Path, files: Mapping[str, str | bytes]) -> TypesetJob:
        """The job of typesetting ``html`` with the stylesheet at ``stylesheet_path``.

        ``files`` are the site's files to take the charts from: only the charts the
        document names are kept, so the cache key covers all it can load.
        """
        charts = {path: _as_bytes(content) for path, content in files.items() if _is_chart(path, html)}
        return cls(html, stylesheet_path.read_bytes(), str(stylesheet_path), charts)

    def key(self) -> str:
        return _typeset_key(self.html, self.stylesheet, self.charts, _package_version("weasyprint"))


def typeset(job: TypesetJob) -> bytes:
    """WeasyPrint's work: the PDF of ``job`` (a module-level function, so a worker process can run it)."""
    import weasyprint  # heavy: import only when a PDF is wanted

    css = weasyprint.CSS(
        string=job.stylesheet.decode("utf-8"), base_url=job.stylesheet_path, url_fetcher=_refuse_fetch
    )
    document = weasyprint.HTML(string=job.html, base_url=_BASE_URL, url_fetcher=_memory_fetcher(job.charts))
    return document.write_pdf(stylesheets=[css])


class PendingPdf:
    """A briefing being typeset: from the cache, here, or in a worker process while the build goes on.

    Typesetting a large briefing takes WeasyPrint seconds of one core; a site build
    that hands it to a worker (``background=True``) renders its pages on the other
    core meanwhile and collects the PDF at the end with :meth:`result`. The worker
    is a fresh interpreter that receives only the job (the HTML and the charts),
    not the dossier, so it adds little memory.
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


def _typeset_key(
    html: str, stylesheet: bytes, charts_used: Mapping[str, bytes], weasyprint_version: str
) -> str:
    """A hash of everything WeasyPrint reads: the document, the stylesheet, the charts, its version."""
    digest = hashlib.sha256()
    parts = [str(CACHE_FORMAT).encode(), weasyprint_version.encode(), _package_version("pydyf").encode()]
    parts += [html.encode("utf-8", "surrogatepass"), stylesheet]
    for path in sorted(charts_used):
        parts += [path.encode("utf-8"), charts_used[path]]
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


# --- fetching: from memory only --------------------------------------------------


def _is_chart(path: str, html: str) -> bool:
    return path.endswith(".svg") and path in html


def _as_bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _memory_fetcher(files: Mapping[str, str | bytes]):
    def fetch(url: str, *args, **kwargs) -> dict:
        # WeasyPrint cannot join paths onto our private base, so chart paths arrive as written.
        path = url[len(_BASE_URL) :] if url.startswith(_BASE_URL) else url
        if urlsplit(path).scheme or path.startswith("/"):
            _refuse_fetch(url)
        content = files.get(path)
        if content is None or not path.endswith(".svg"):
            raise ValueError(f"briefing: no chart named {path!r}")
        return {"string": _as_bytes(content), "mime_type": "image/svg+xml", "redirected_url": url}

    return fetch


def _refuse_fetch(url: str, *args, **kwargs) -> dict:
    # The briefing is built offline: nothing from the corpus or a template may
    # make it load a file or a web resource.
    raise ValueError(f"briefing: refusing to fetch {url!r}")
