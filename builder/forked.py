"""Work handed to a forked copy of this process while it goes on; the results come back as files.

Once the dossier is resolved, the charts, the PDF briefing and the exports need nothing
but the dossier, and the pages need nothing of them. A forked child has the dossier as it
is, neither copied nor pickled (the memory is shared until written to), so on a machine
with a core to spare they are made there while this process renders the pages.

* :func:`fork_is_safe`: whether this process may fork (the extraction's workers ask too);
* :class:`ForkedWork`: a function run in a forked child; it hands over each of its
  results by name (:meth:`Outbox.deliver`) as soon as it has it, and the parent takes a
  result (:meth:`ForkedWork.result`) when it needs it, waiting only if it is not in yet.

A result is a bundle of files, ``{name: text or bytes}``, written by the child into an
unnamed temporary file made before the fork: it has no name on disk, so nothing else can
read or replace it, and it goes away with the last process that holds it. The bundle is
plain data (lengths and bytes), never pickled: the parent executes nothing it reads back.
Only the pipe that says a result is in (or why the work failed) carries Python objects,
as the standard library's process pools do.
"""

from __future__ import annotations

import multiprocessing
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping
from multiprocessing.connection import Connection
from typing import IO

from builder.faults import exit_with_parent

# A bundle's entry: kind (text or bytes), the name's length, the content's length, the name, the content.
_TEXT, _BYTES = b"t", b"b"
_NAME_BYTES, _CONTENT_BYTES = 4, 8
# Text goes through as UTF-8 without loss, lone surrogates (a corpus file's undecodable bytes) included.
_ENCODING, _ERRORS = "utf-8", "surrogatepass"
# How long a child that has delivered all its results is given to end before it is stopped.
_ENDING_SECONDS = 5.0

Files = Mapping[str, str | bytes]


def fork_is_safe() -> bool:
    """Whether a child forked from this process now starts in a sound state.

    A fork copies only the thread that forks: with another Python thread running
    (``mkdocs serve``'s web server, a Dask client), a lock it held would stay held in the
    child. Where fork is not offered (Windows, macOS's default), it is never safe.
    """
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


class WorkFailed(ChildProcessError):
    """The forked work stopped without delivering a result: it died (killed, out of memory)."""


class Outbox:
    """The child's side: where it delivers each result, under the name the parent asks for."""

    def __init__(self, files: dict[str, IO[bytes]], sender) -> None:
        self._files = files
        self.sender = sender  # the pipe to the parent

    def deliver(self, name: str, files: Files) -> None:
        """Hand ``files`` to the parent as the result ``name`` (one of those the work was started with)."""
        stream = self._files[name]
        write_bundle(stream, files)
        stream.flush()
        self.sender.send(("delivered", name))


class ForkedWork:
    """``work(outbox)`` running in a forked child, its results taken by name.

    ``names``: the results the work delivers. The child is a daemon that ends with this
    process, and ends this process's work with it if this process is killed outright.
    """

    def __init__(self, work: Callable[[Outbox], None], names: Iterable[str]) -> None:
        context = multiprocessing.get_context("fork")
        self._files: dict[str, IO[bytes]] = {name: tempfile.TemporaryFile() for name in names}
        self._delivered: set[str] = set()
        receiver, sender = context.Pipe(duplex=False)
        self._receiver: Connection | None = receiver
        self._child = context.Process(target=_run, args=(work, Outbox(self._files, sender)), daemon=True)
        try:
            self._child.start()
        except BaseException:
            self.cancel()
            raise
        finally:
            sender.close()  # the child holds its own end: end of file here means it is gone

    def result(self, name: str) -> dict[str, str | bytes]:
        """The result ``name``; waits for the child to deliver it. Raises what the work raised."""
        while name not in self._delivered:
            if self._receiver is None:
                raise WorkFailed(f"the forked work was stopped before it delivered '{name}'")
            try:
                message = self._receiver.recv()
            except EOFError as error:  # the child died without a word
                self._child.join()
                code = self._child.exitcode
                self.cancel()
                reason = f"the forked work stopped (exit code {code}) before it delivered '{name}'"
                raise WorkFailed(reason) from error
            if message[0] == "failed":
                self.cancel()
                raise message[1]
            self._delivered.add(message[1])
        stream = self._files.pop(name)
        try:
            stream.seek(0)
            return read_bundle(stream)
        finally:
            stream.close()
            if not self._files:  # every result taken: the child is ending
                self._child.join(timeout=_ENDING_SECONDS)
                self.cancel()

    def cancel(self) -> None:
        """Stop the child, if it still runs, and let go of what it has not delivered."""
        if self._child.is_alive():
            self._child.terminate()
            self._child.join(timeout=_ENDING_SECONDS)
            if self._child.is_alive():  # SIGTERM held off: a child does not get to refuse
                self._child.kill()
        if self._child.pid is not None:
            self._child.join()
        if self._receiver is not None:
            self._receiver.close()
            self._receiver = None
        for stream in self._files.values():
            stream.close()
        self._files.clear()


def _run(work: Callable[[Outbox], None], outbox: Outbox) -> None:
    """The child: do the work; say why it failed, if it did."""
    # Stopped (``cancel``) means stopped: the build's own SIGTERM handler, inherited, would let
    # the work run on where it catches the exception. Nothing of the child's needs cleaning up.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    exit_with_parent()
    sender = outbox.sender
    try:
        work(outbox)
    except BaseException as error:  # noqa: BLE001 - the parent raises it
        try:
            sender.send(("failed", error))
        except Exception:  # noqa: BLE001 - an error that does not pickle goes as text
            sender.send(("failed", WorkFailed(f"{type(error).__name__}: {error}")))
    finally:
        sender.close()


def write_bundle(stream: IO[bytes], files: Files) -> None:
    """Write ``files`` to ``stream`` as plain data (see the module's docstring)."""
    for name, content in files.items():
        if isinstance(content, str):
            kind, data = _TEXT, content.encode(_ENCODING, _ERRORS)
        else:
            kind, data = _BYTES, content
        raw_name = name.encode(_ENCODING, _ERRORS)
        lengths = len(raw_name).to_bytes(_NAME_BYTES, "big") + len(data).to_bytes(_CONTENT_BYTES, "big")
        stream.write(kind + lengths)
        stream.write(raw_name)
        stream.write(data)


def read_bundle(stream: IO[bytes]) -> dict[str, str | bytes]:
    """The files :func:`write_bundle` wrote to ``stream``, in the same order."""
    raw = memoryview(stream.read())
    files: dict[str, str | bytes] = {}
    at, header = 0, 1 + _NAME_BYTES + _CONTENT_BYTES
    while at < len(raw):
        if at + header > len(raw):
            raise WorkFailed("a forked result ends in the middle of an entry")
        kind = bytes(raw[at : at + 1])
        name_length = int.from_bytes(raw[at + 1 : at + 1 + _NAME_BYTES], "big")
        content_length = int.from_bytes(raw[at + 1 + _NAME_BYTES : at + header], "big")
        name_end = at + header + name_length
        end = name_end + content_length
        if kind not in (_TEXT, _BYTES) or end > len(raw):
            raise WorkFailed("a forked result is not a bundle of files")
        name = str(raw[at + header : name_end], _ENCODING, _ERRORS)
        content = raw[name_end:end]
        files[name] = str(content, _ENCODING, _ERRORS) if kind == _TEXT else bytes(content)
        at = end
    return files
