"""Replacing an index folder atomically, recovering from a swap cut short, removing leftovers.

A build writes the new index into a hidden temporary folder beside ``DIR``
(``.DIR.tmp-XXXX``) and then swaps it into place:

* where the system can exchange two folders in one step (Linux ``renameat2(RENAME_EXCHANGE)``),
  ``DIR`` and the temporary folder trade places atomically: a reader sees the old index or the
  new one, never no index; the temporary folder, now holding the old index, is then removed;
* elsewhere the old ``DIR`` is first renamed aside (``.DIR.old-XXXX``) and the new one renamed in.
  A process killed between the two renames leaves no ``DIR`` but a complete index aside:
  :func:`recover_interrupted_swap`, called on every path that opens an index, puts it back.

Either way a killed build leaves at most a temporary folder or an aside copy, which
:func:`remove_leftovers` deletes at the start of the next build of the same folder (under the
folder's lock, so the folders of a live build are never touched).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import logging
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path

from factcheck.index.lock import index_lock, is_locked

logger = logging.getLogger(__name__)

MANIFEST = "manifest.json"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def temporary_folder(out: Path) -> Path:
    """A new, empty hidden folder beside ``out`` to build into, with the permissions of a folder
    made by ``mkdir`` (``mkdtemp`` would make it private to its owner)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    umask = os.umask(0o022)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)
    return folder


def leftovers(out: Path) -> list[Path]:
    """Temporary and aside folders of earlier builds of ``out`` (killed, or mid-swap)."""
    if not out.parent.is_dir():
        return []
    found = [*out.parent.glob(f".{out.name}.tmp-*"), *out.parent.glob(f".{out.name}.old-*")]
    return sorted(p for p in found if p.is_dir())


def remove_leftovers(out: Path) -> int:
    """Delete the leftovers of killed builds of ``out``; the caller holds ``out``'s lock."""
    recover_interrupted_swap(out, locked=True)
    removed = 0
    for folder in leftovers(out):
        shutil.rmtree(folder, ignore_errors=True)
        removed += not folder.exists()
    if removed:
        logger.info("removed %d folder(s) left by interrupted builds of %s", removed, out)
    return removed


def recover_interrupted_swap(out: Path, *, locked: bool = False, timeout: float | None = None) -> None:
    """If a swap was cut short after the old index was moved aside, put the old index back.

    A live writer may be between its two renames: unless the caller holds the lock (``locked``),
    recovery waits for the folder's lock, then looks again.
    """
    if out.exists() or not out.parent.is_dir() or not _complete_aside(out):
        return
    if not locked and is_locked(out):
        with index_lock(out, timeout=timeout):
            recover_interrupted_swap(out, locked=True)
        return
    aside = _complete_aside(out)
    if aside and not out.exists():
        try:
            aside[-1].rename(out)
            logger.warning("restored index %s after an interrupted update", out)
        except OSError as exc:
            if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY, errno.ENOENT):  # another reader restored it
                raise


def _complete_aside(out: Path) -> list[Path]:
    aside = sorted(out.parent.glob(f".{out.name}.old-*"), key=lambda p: p.stat().st_mtime_ns)
    return [p for p in aside if (p / MANIFEST).is_file()]


@cache
def _renameat2():
    """libc's ``renameat2``, or None where it does not exist (not Linux, an old C library)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap folders ``a`` and ``b``; False when the system or file system cannot."""
    function = _renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV, errno.EPERM):
        return False  # exchange not supported here: fall back to two renames
    raise OSError(code, os.strerror(code), str(a))


def swap_into_place(tmp: Path, out: Path) -> None:
    """Put the finished index ``tmp`` at ``out``; an existing ``out`` is replaced and removed."""
    if not out.exists():
        tmp.rename(out)
        return
    if _exchange(tmp, out):
        shutil.rmtree(tmp, ignore_errors=True)  # tmp now holds the old index
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    old.rmdir()
    out.rename(old)
    try:
        tmp.rename(out)
    except BaseException:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)
