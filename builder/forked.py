"""Work handed to a forked copy of this process while it goes on; the results come back as files.

Once the dossier is resolved, the charts, the PDF briefing and the exports need nothing
but the dossier, and the pages need nothing of them. A forked child has the dossier as it
is, neither copied nor pickled (the memory is shared until written to), so on a machine
with a core to spare they are made there while this process renders the pages.

* :func:`fork_is_safe`: whether this process may fork (the extraction's workers ask too);
* :class:`ForkedWork`: a function run in a forked child; it hands over each of its
  results by name (:meth:`Outbox.deliver`) as soon as it has it, and the parent takes a
  result (:meth:`ForkedWork.result`) when it needs it, waiting only if it is not in yet;
* :class:`ForkedCall`: one function's value computed in a forked child, for a part of the
  build's own computation (the figures, resolved while this process resolves the actors).

A result is a bundle of files, ``{name: text or bytes}``, written by the child into an
unnamed temporary file made before the fork: it has no name on disk, so nothing else can
read or replace it, and it goes away with the last process that holds it. The bundle is
plain data (lengths and bytes), never pickled: the parent executes nothing it reads back.
Only the pipe that says a result is in (or why the work failed) carries Python objects,
as the standard library's process pools do. A :class:`ForkedCall`'s value comes back the
same way, through its pipe, as the extraction's workers send their articles back: what the
parent unpickles is what its own fork made, never something read from disk.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import IO, Generic, TypeVar

from builder.faults import exit_with_parent

T = TypeVar("T")

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
        try:
            write_bundle(stream, files)
            stream.flush()
        except OSError as error:  # a full temporary folder is not the site's disk: say which it is
            raise WorkFailed(f"a temporary file in {tempfile.gettempdir()}: {error}") from error
        self.sender.send(("delivered", name))


class ForkedWork:
    """``work(outbox)`` running in a forked child, its results taken by name.

    ``names``: the results the work delivers. The child is a daemon that ends with this
    process, and ends this process's work with it if this process is killed outright.
    """

    def __init__(self, work: Callable[[Outbox], None], names: Iterable[str]) -> None:
        self._files: dict[str, IO[bytes]] = {name: tempfile.TemporaryFile() for name in names}
        self._delivered: set[str] = set()
        self._stopped = False
        receiver, sender = multiprocessing.get_context("fork").Pipe(duplex=False)
        self._receiver: Connection | None = receiver
        try:
            self._child = _started(_run, (work, Outbox(self._files, sender), os.getpid()), sender)
        except BaseException:
            receiver.close()
            for stream in self._files.values():
                stream.close()
            raise

    def result(self, name: str) -> dict[str, str | bytes]:
        """The result ``name``; waits for the child to deliver it. Raises what the work raised.

        Each result is taken once. However the wait ends other than with the result (the work
        failed, the child died, Ctrl-C here), the child is stopped.
        """
        try:
            self._wait_for(name)
        except BaseException:
            self.cancel()
            raise
        stream = self._files.pop(name)
        try:
            stream.seek(0)
            return read_bundle(stream)
        finally:
            stream.close()
            if not self._files:  # every result taken: the child is ending
                self._child.join(timeout=_ENDING_SECONDS)
                self.cancel()

    def _wait_for(self, name: str) -> None:
        while name not in self._delivered:
            if self._receiver is None:
                raise WorkFailed(f"the forked work was stopped before it delivered '{name}'")
            try:
                message = self._receiver.recv()
            except EOFError as error:  # the child died without a word
                self._child.join()
                raise WorkFailed(
                    f"the forked work {_ended(self._child.exitcode)} before it delivered '{name}'"
                ) from error
            except Exception as error:  # an error that pickled but does not unpickle here
                raise WorkFailed(
                    f"the forked work failed, and its error could not be read: {error}"
                ) from error
            if message[0] == "failed":
                raise message[1]
            self._delivered.add(message[1])

    def ended(self) -> bool:
        """Whether the child process has ended, without waiting (its results may not be taken yet)."""
        return self._stopped or not self._child.is_alive()

    def cancel(self) -> None:
        """Stop the child if it still runs; let go of what it has not delivered. Once: again, nothing."""
        if self._stopped:
            return
        self._stopped = True
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
        if self._child.exitcode is not None:
            self._child.close()  # its pipe to this process: not inherited by the next fork


class ForkedCall(Generic[T]):
    """``function()`` computed in a forked child while this process goes on; :meth:`result` waits for it.

    The child reads this process's data as it was at the fork, without copying it; its value
    comes back pickled through a pipe. The caller decides whether the work is worth a fork
    (a fork and the value's way back cost tens of milliseconds) and checks ``fork_is_safe``.
    """

    def __init__(self, function: Callable[[], T]) -> None:
        receiver, sender = multiprocessing.get_context("fork").Pipe(duplex=False)
        self._receiver: Connection | None = receiver
        try:
            self._child = _started(_call, (function, sender, os.getpid()), sender)
        except BaseException:
            receiver.close()
            raise

    def result(self) -> T:
        """The function's value; raises what it raised, or ``WorkFailed`` if the child died. Once."""
        if self._receiver is None:
            raise WorkFailed("the forked call was stopped, or its value already taken")
        try:
            outcome, value = self._receiver.recv()
        except EOFError as error:  # the child died without a word
            self._child.join()
            raise WorkFailed(f"the forked call {_ended(self._child.exitcode)} before it answered") from error
        finally:
            self.cancel()  # answered, dead or interrupted here: nothing more is wanted of it
        if outcome == "failed":
            raise value
        return value

    def cancel(self) -> None:
        """Stop the child if it still runs (its value is not wanted). Again: nothing."""
        if self._receiver is None:
            return
        self._receiver.close()
        self._receiver = None
        if self._child.is_alive():
            # Killed outright: it holds nothing to clean up, and a SIGTERM that came before the child
            # had set its handler (``_child_starts``) would meet the build's own, or none.
            self._child.kill()
        self._child.join()
        self._child.close()


def _started(target: Callable[..., None], args: tuple, sender: Connection) -> BaseProcess:
    """``target(*args)`` started in a forked daemon child; ``sender`` (its end of the pipe) closed here."""
    child = multiprocessing.get_context("fork").Process(target=target, args=args, daemon=True)
    try:
        child.start()
    finally:
        sender.close()  # the child holds its own end: end of file here means it is gone
    return child


def _child_starts(parent: int) -> None:
    """In a forked child, first: stopped (``cancel``) means stopped, and the child ends with ``parent``.

    The build's own SIGTERM handler, inherited, would let the work run on where it catches
    the exception. Nothing of the child's needs cleaning up.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    exit_with_parent(parent=parent)


def _send_failure(sender: Connection, error: BaseException) -> None:
    """Tell the parent what the child's work raised (as text, if it does not pickle)."""
    try:
        sender.send(("failed", error))
    except Exception:  # noqa: BLE001 - an error that does not pickle goes as text
        sender.send(("failed", WorkFailed(f"{type(error).__name__}: {error}")))


def _call(function: Callable[[], object], sender: Connection, parent: int) -> None:
    """A :class:`ForkedCall`'s child: send back the function's value, or what it raised."""
    _child_starts(parent)
    try:
        sender.send(("done", function()))
    except BaseException as error:  # noqa: BLE001 - the parent raises it
        _send_failure(sender, error)
    finally:
        sender.close()


def _ended(code: int | None) -> str:
    """How a child that said nothing ended, in words (a negative exit code is the signal that killed it)."""
    if code is not None and code < 0:
        name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
        return f"was killed by {name}" + (" (out of memory?)" if name == "SIGKILL" else "")
    return f"stopped (exit code {code})"


def _run(work: Callable[[Outbox], None], outbox: Outbox, parent: int) -> None:
    """A :class:`ForkedWork`'s child: do the work; say why it failed, if it did."""
    _child_starts(parent)
    try:
        work(outbox)
    except BaseException as error:  # noqa: BLE001 - the parent raises it
        _send_failure(outbox.sender, error)
    finally:
        outbox.sender.close()


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
    """The files :func:`write_bundle` wrote to ``stream`` (from where it stands), in the same order.

    Read entry by entry: the bundle's bytes are never all held beside the files made from them.
    A length beyond the stream's end is refused before anything is read for it.
    """
    start = stream.tell()
    end = stream.seek(0, io.SEEK_END)
    stream.seek(start)
    header_size = 1 + _NAME_BYTES + _CONTENT_BYTES
    files: dict[str, str | bytes] = {}
    while header := stream.read(header_size):
        if len(header) < header_size:
            raise WorkFailed("a forked result ends in the middle of an entry")
        kind = header[:1]
        name_length = int.from_bytes(header[1 : 1 + _NAME_BYTES], "big")
        content_length = int.from_bytes(header[1 + _NAME_BYTES :], "big")
        if kind not in (_TEXT, _BYTES) or stream.tell() + name_length + content_length > end:
            raise WorkFailed("a forked result is not a bundle of files")
        name = stream.read(name_length).decode(_ENCODING, _ERRORS)
        content = stream.read(content_length)
        files[name] = content.decode(_ENCODING, _ERRORS) if kind == _TEXT else content
    return files
