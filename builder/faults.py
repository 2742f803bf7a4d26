"""When a build goes wrong: errors told in one line, and nothing left behind when it dies.

* :func:`describe_error`: an exception as one line for the build report and the log,
  with the place in the builder that raised it (so a report is enough to find the bug);
* :func:`exit_with_parent`: a worker process (extraction pool, PDF typesetting) ends
  when the build that started it is gone, even one killed outright;
* :func:`exit_cleanly_on_sigterm`: SIGTERM ends the build as Ctrl-C does, so that
  ``finally`` blocks and ``atexit`` handlers remove its workers and temporary files;
* :func:`remove_stale`: temporary files and folders of builds that were killed before
  they could clean up, found by the process id in their names.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

BUILDER_DIR = Path(__file__).resolve().parent
# How often a worker looks whether its build is still there.
PARENT_POLL_SECONDS = 1.0
MESSAGE_CHARS = 200


def describe_error(error: BaseException) -> str:
    """``OverflowError: date value out of range (builder/extract/times.py:226)``: one line."""
    message = " ".join(str(error).split())[:MESSAGE_CHARS]
    text = f"{type(error).__name__}: {message}" if message else type(error).__name__
    where = None
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        path = Path(frame.filename)
        if path.is_relative_to(BUILDER_DIR):
            where = f"builder/{path.relative_to(BUILDER_DIR).as_posix()}:{frame.lineno}"
            break
    return f"{text} ({where})" if where else text


def left_out_message(paths: list[str] | tuple[str, ...]) -> str:
    """The one line ``--strict`` fails with when the builder left articles out."""
    many = len(paths) > 1
    return (
        f"{len(paths)} article{'s' if many else ''} could not be processed and {'were' if many else 'was'} "
        f"left out (--strict): {', '.join(paths)}"
    )


def exit_with_parent(cleanup: Callable[[], None] | None = None, parent: int | None = None) -> None:
    """In a worker process: end it (after ``cleanup``) as soon as the process that started it is gone.

    A worker whose build was killed would otherwise run on, an orphan holding a core and
    memory; the kernel gives it a new parent, which is what the watch sees. ``parent``: the
    starting process's id, as it knew it before starting the worker (else read here: a parent
    gone before this line would go unseen).
    """
    parent = parent if parent is not None else os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        try:
            if cleanup is not None:
                cleanup()
        finally:
            os._exit(1)

    threading.Thread(target=watch, name="dossier-parent-watch", daemon=True).start()


def exit_cleanly_on_sigterm() -> None:
    """Make SIGTERM end this process as Ctrl-C does: ``finally`` blocks and ``atexit`` handlers run.

    Python's default for SIGTERM ends the process on the spot, leaving worker processes and
    temporary files behind. Only the main thread can set a handler, and a handler someone
    else set (a server, a test runner) is left alone.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        return
    signal.signal(signal.SIGTERM, _terminate)


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs (one of another user's counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(folder: Path, prefix: str) -> int:
    """Remove files and folders in ``folder`` named ``<prefix><pid>-...`` whose process is gone.

    Returns how many were removed. Only this user's own are touched.
    """
    pattern = re.compile(rf"{re.escape(prefix)}(\d+)-")
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        match = pattern.match(entry.name)
        if not match or int(match.group(1)) == os.getpid() or process_alive(int(match.group(1))):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_uid != os.getuid():
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed += 1
        except OSError:
            continue
    return removed
