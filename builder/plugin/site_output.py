"""The site written aside and swapped in: a build that fails or dies leaves the previous site whole.

MkDocs empties ``site_dir`` and then writes into it as it goes: a build killed half-way
leaves a folder without ``index.html`` until the next build. The plugin points
``site_dir`` at a fresh folder beside the target instead (on the same file system, so
that the swap is two renames) and swaps it in once every file is written, PDF and search
index included. A build that fails removes its folder; one that is killed outright leaves
it, named with its process id, for the next build to remove.
"""

from __future__ import annotations

import atexit
import errno
import os
import secrets
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from builder.faults import describe_error, remove_stale

# Errors that say the disk under the site cannot take it, whichever file hit them.
DISK_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})
# The previous site's removal, run by the interpreter that runs the build (isolated, no site
# packages: the standard library is all it needs), the folder as its one argument.
REMOVER = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


class SiteOutputError(OSError):
    """The site's folder cannot be written: the message names it and says why, in one line."""


def _prefix(target: Path) -> str:
    # Hidden, and named after the target, so that a stale one is recognisable (and removable).
    return f".{target.name}.dossier-"


class SiteSwap:
    """A site being built in ``building`` and swapped into ``target`` by :meth:`finish`."""

    def __init__(self, target: Path, building: Path) -> None:
        self.target = target
        self.building = building
        atexit.register(self.abandon)  # an interrupted build (Ctrl-C, SIGTERM) leaves nothing behind

    @classmethod
    def begin(cls, site_dir: Path | str) -> SiteSwap:
        """A fresh folder beside ``site_dir`` to build into; ``SiteOutputError`` if none can be made."""
        target = Path(site_dir).absolute()
        if target.is_symlink():
            # The folder the link leads to is what gets replaced; the link stays.
            target = target.resolve()
        blocker = next((p for p in (target, *target.parents) if p.exists() and not p.is_dir()), None)
        if blocker is not None:
            raise SiteOutputError(f"cannot write the site into {target}: {blocker} is a file, not a folder")
        parent = target.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            remove_stale(parent, _prefix(target))
            building = Path(tempfile.mkdtemp(dir=parent, prefix=f"{_prefix(target)}{os.getpid()}-"))
            # mkdtemp makes a private folder; a site is as readable as any folder made here.
            building.chmod(_folder_mode(target))
        except OSError as error:
            message = f"cannot write the site into {target}: {error.strerror or error}"
            raise SiteOutputError(message) from error
        return cls(target, building)

    def explain(self, error: OSError) -> str | None:
        """``error`` said as a problem of writing this site, if it is one (a full or read-only disk)."""
        paths = [Path(p) for p in (getattr(error, "filename2", None), error.filename) if p]
        if error.errno in DISK_ERRORS or any(path.is_relative_to(self.building) for path in paths):
            return f"cannot write the site into {self.target}: {error.strerror or error}"
        return None

    def names(self) -> tuple[str, str]:
        """(the folder being built, the site it replaces), for the log."""
        return str(self.building), str(self.target)

    def finish(self, meanwhile: Callable[[], None] | None = None) -> Removal | None:
        """Put the built site in place of the previous one, and start removing that one.

        ``meanwhile``: the build's last work (writing its caches), run while the previous site
        is removed. Not run if the swap fails. Returns the removal (None: there was no previous
        site): where it runs in a process of its own (see :func:`_start_removal`), the build
        does not wait for it; where a thread of this process removes it, this returns when it is done.

        Both renames stay in one folder: a folder moved to another parent must be writable
        itself, and a read-only previous site must not stop the new one.
        """
        old = self.target.with_name(f"{_prefix(self.target)}{os.getpid()}-old-{secrets.token_hex(4)}")
        moved = False
        try:
            if self.target.exists():
                os.rename(self.target, old)
                moved = True
            os.rename(self.building, self.target)
        except OSError as error:
            if moved and not self.target.exists():
                os.rename(old, self.target)  # the previous site back where it was
                moved = False
            if moved:
                shutil.rmtree(old, ignore_errors=True)
            self.abandon()
            raise SiteOutputError(
                f"cannot put the new site in place at {self.target}: {error.strerror or error}"
            ) from error
        atexit.unregister(self.abandon)
        removal = _start_removal(old) if moved else None
        try:
            if meanwhile is not None:
                meanwhile()
        finally:
            if removal is not None and not removal.apart:
                removal.wait()
        return removal

    def abandon(self) -> None:
        """Remove the folder being built: the build failed, the previous site stays."""
        shutil.rmtree(self.building, ignore_errors=True)
        atexit.unregister(self.abandon)


class Removal:
    """The previous site being removed: by a process of its own (``pid``), which the build need
    not wait for, or by a thread of this process (``thread``), which it waits for."""

    def __init__(self, pid: int | None = None, thread: threading.Thread | None = None) -> None:
        self.pid = pid
        self.thread = thread

    @property
    def apart(self) -> bool:
        return self.pid is not None

    def wait(self) -> None:
        """Return once the previous site is gone."""
        if self.pid is not None:
            _collect(self.pid, block=True)
        elif self.thread is not None:
            self.thread.join()


# The removers this process started whose exit is not collected yet (``_collect``).
_REMOVERS: set[int] = set()


def _start_removal(folder: Path) -> Removal:
    """Start removing ``folder`` (the previous site, renamed beside the new one).

    Unlinking a thousand articles' site (4,900 files and folders) is a second of waiting on
    the disk, the last of a rebuild after one changed article. Where the platform spawns a
    process (POSIX), a process of its own removes the folder, in a session of its own and with
    none of the build's streams (a caller reading the build's output is not kept waiting for
    it), and the build's process ends without waiting. No thread waits for it: a thread still
    running would make the next build in this process take forking for unsafe
    (``forked.fork_is_safe``); its exit is collected when the next removal starts. If it is
    killed half-way, the folder, named with the build's process id, is removed by the next
    build (``remove_stale``). Elsewhere, or if it cannot start, a thread removes it.
    """
    for pid in list(_REMOVERS):
        _collect(pid, block=False)
    if hasattr(os, "posix_spawn") and sys.executable:
        try:
            pid = os.posix_spawn(
                sys.executable,
                [sys.executable, "-I", "-S", "-c", REMOVER, str(folder)],
                os.environ,
                file_actions=[(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDWR, 0) for fd in (0, 1, 2)],
                setsid=True,
            )
        except OSError:
            pass
        else:
            _REMOVERS.add(pid)
            return Removal(pid=pid)
    thread = threading.Thread(target=shutil.rmtree, args=(folder, True), name="dossier-old-site")
    thread.start()
    return Removal(thread=thread)


def _collect(pid: int, block: bool) -> None:
    """Collect a remover's exit: once it has ended (``block``), or if it has."""
    try:
        done, _ = os.waitpid(pid, 0 if block else os.WNOHANG)
    except ChildProcessError:  # collected already
        done = pid
    if done == pid:
        _REMOVERS.discard(pid)


def _folder_mode(target: Path) -> int:
    """The permissions the site folder has, or a new folder would get here (umask applied)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o777 & ~umask


def output_error_line(error: OSError, swap: SiteSwap | None) -> str:
    """An ``OSError`` that stopped a build writing through ``swap``, as one line naming the folder or file."""
    if isinstance(error, SiteOutputError):
        return str(error)
    kept = f"; {swap.target} was left as it was" if swap is not None else ""
    explained = swap.explain(error) if swap is not None else None
    if explained is not None:
        return explained + kept
    if error.filename and error.strerror:
        return f"{error.filename}: {error.strerror}{kept}"
    return describe_error(error) + kept
