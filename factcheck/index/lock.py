"""An exclusive, per-folder lock around every write of an index folder.

A build or an update of ``DIR`` holds ``.DIR.lock`` (a file next to the folder, since the folder
itself is replaced) for its whole run, from reading the old index to cleaning up after the swap.
A second writer of the same folder waits for it (up to
:data:`~factcheck.config.DEFAULT_INDEX_LOCK_TIMEOUT` seconds, saying so in the log) and then reads
the index the first one wrote, so no update is lost; past the timeout it fails with
:class:`~factcheck.errors.IndexBusyError` naming the process that holds the lock.

The lock is an operating-system lock on an open file (``flock`` on POSIX, ``msvcrt.locking`` on
Windows): the system releases it when its process ends, however it ends, so a killed build never
leaves a stale lock behind.  The lock file records who holds the lock; its holder removes it
before letting go (a process that locked a file just removed checks that the file it holds is
still the one at the path, and starts again when not), so a killed build leaves at most an
unlocked lock file, which the next writer reuses.

Within one thread the lock is re-entrant: ``factcheck index`` takes it before reading the corpus
and :func:`~factcheck.index.build.build_index` takes it again inside.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from factcheck import config
from factcheck.errors import IndexBusyError, os_error

logger = logging.getLogger(__name__)

_POLL_SECONDS = 0.05
#: (lock path, thread) -> (file descriptor, depth): re-entrant per thread; two threads of one
#: process exclude each other like two processes (each holds its own open file).
_held: dict[tuple[str, int], tuple[int, int]] = {}
_guard = threading.Lock()


def lock_path(folder: Path) -> Path:
    """The lock file of index folder ``folder``: ``.NAME.lock`` beside it."""
    return folder.parent / f".{folder.name}.lock"


def _try_lock(fd: int) -> bool:
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return "another process"
    return f"process {info.get('pid', '?')} (since {info.get('since', '?')})"


def _open(path: Path) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise os_error(exc, path, action="creating the lock file") from None


def _is_current(fd: int, path: Path) -> bool:
    """Whether the locked file ``fd`` is still the file at ``path`` (its holder may have removed it)."""
    try:
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        return False


def _acquire(path: Path, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    warned = False
    fd = _open(path)
    while True:
        if _try_lock(fd):
            if os.name == "nt" or _is_current(fd, path):
                break
            os.close(fd)  # locked a file its holder removed on release: lock the new one
            fd = _open(path)
            continue
        if time.monotonic() >= deadline:
            os.close(fd)
            folder = path.parent / path.name[1 : -len(".lock")]
            raise IndexBusyError(
                f"index {folder} is being written by {_holder(path)}; waited {timeout:.0f} s. Let that build "
                "finish, then run this one again"
            )
        if not warned:
            logger.warning("waiting for %s, which is writing the index next to %s", _holder(path), path)
            warned = True
        time.sleep(_POLL_SECONDS)
    record = json.dumps({"pid": os.getpid(), "since": time.strftime("%Y-%m-%dT%H:%M:%S")}).encode()
    with contextlib.suppress(OSError):  # only informative
        os.ftruncate(fd, 0)
        os.pwrite(fd, record, 0)
    return fd


def _release(fd: int, path: Path) -> None:
    if os.name != "nt":
        with contextlib.suppress(OSError):
            os.unlink(path)  # while still holding the lock: see the module docstring
    os.close(fd)  # closing the descriptor releases the lock


@contextlib.contextmanager
def index_lock(folder: str | os.PathLike[str], *, timeout: float | None = None) -> Iterator[None]:
    """Hold the exclusive write lock of index folder ``folder`` (re-entrant within a thread),
    waiting up to ``timeout`` seconds (default :data:`~factcheck.config.DEFAULT_INDEX_LOCK_TIMEOUT`)."""
    if timeout is None:
        timeout = config.DEFAULT_INDEX_LOCK_TIMEOUT
    path = lock_path(Path(folder).expanduser().absolute())
    key = (str(path), threading.get_ident())
    with _guard:
        held = _held.get(key)
        if held is not None:
            _held[key] = (held[0], held[1] + 1)
    if held is None:
        fd = _acquire(path, timeout)
        with _guard:
            _held[key] = (fd, 1)
    try:
        yield
    finally:
        with _guard:
            fd, depth = _held[key]
            if depth > 1:
                _held[key] = (fd, depth - 1)
            else:
                del _held[key]
                _release(fd, path)


def is_locked(folder: str | os.PathLike[str]) -> bool:
    """Whether some process (this one included) holds the write lock of ``folder`` now."""
    path = lock_path(Path(folder).expanduser().absolute())
    if (str(path), threading.get_ident()) in _held:
        return True
    if not path.exists():
        return False
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        return not _try_lock(fd)
    finally:
        os.close(fd)  # releases the lock if this probe took it
