"""Exceptions raised by factcheck.

Every error the toolkit raises on purpose derives from :class:`FactCheckError`, and its message
says what was wrong and what to do about it, so the CLI can print it as one line and exit 2::

    FactCheckError
    ├── InputError        an article or file that cannot be read (missing, empty, binary, not UTF-8)
    ├── DataError         a labelled set, NLI file or corpus record that is malformed
    │   └── CorpusError   a reference corpus that cannot be indexed (empty, duplicate ids, bad line)
    ├── InvalidIndexError an on-disk index that is missing, corrupt, or built with other settings
    │   ├── DamagedIndexError  a file of the index is missing or does not match its checksum
    │   └── IndexBusyError     another process is building or updating the same index folder
    ├── ModelError        a model name or path that cannot be resolved or loaded
    ├── OutputError       an output path that cannot be written (a folder, no permission, disk full)
    └── ConfigError       an invalid option value

:func:`os_error` turns an :class:`OSError` met while reading or writing a path into one of these,
with a message that names the path and what to do (disk full, permission denied, a folder where a
file was expected and the reverse).
"""

from __future__ import annotations

import errno


class FactCheckError(Exception):
    """Base class of every error factcheck raises on purpose."""


class InputError(FactCheckError):
    """An article or input file cannot be used."""


class DataError(FactCheckError):
    """A data file (labelled claims, NLI pairs, corpus records) is malformed."""


class CorpusError(DataError):
    """A reference corpus cannot be read or indexed."""


class InvalidIndexError(FactCheckError):
    """An on-disk index is missing, corrupt or incompatible with the current settings."""


class DamagedIndexError(InvalidIndexError):
    """A file of an on-disk index is missing, truncated or does not match the manifest's checksum."""


class IndexBusyError(InvalidIndexError):
    """Another process holds the lock of the index folder for longer than the caller waits."""


class OutputError(FactCheckError):
    """An output file or folder cannot be written."""


class ModelError(FactCheckError):
    """A model cannot be resolved or loaded."""


class ConfigError(FactCheckError):
    """An option has an invalid value."""


_FIXES = {
    errno.ENOSPC: "no space left on the device; free some space or write elsewhere",
    errno.EDQUOT: "disk quota exceeded; free some space or write elsewhere",
    errno.EACCES: "permission denied; check the permissions or choose another path",
    errno.EPERM: "operation not permitted; check the permissions or choose another path",
    errno.EROFS: "the file system is read-only; choose a writable path",
    errno.EISDIR: "it is a folder, not a file; give a file path",
    errno.ENOTDIR: "a part of the path is a file, not a folder; check the path",
    errno.ENOENT: "no such file or folder; check the path",
    errno.EEXIST: "it already exists and is in the way; remove it or choose another path",
    errno.ENOTEMPTY: "the folder is not empty; choose an empty or new folder",
    errno.ENAMETOOLONG: "the name is too long; choose a shorter path",
    errno.EMFILE: "too many open files; raise the limit (ulimit -n) and retry",
    errno.EIO: "an input/output error from the device; check the disk",
}


def os_error(exc: OSError, path: object = None, *, action: str = "reading", kind: type | None = None) -> FactCheckError:
    """A :class:`FactCheckError` (``kind``, default :class:`OutputError` when writing or creating,
    else :class:`InputError`) for ``exc``, met while ``action`` ("reading", "writing", ...) ``path``.

    >>> str(os_error(OSError(28, "No space left on device"), "out.json", action="writing"))
    'writing out.json failed: no space left on the device; free some space or write elsewhere'
    """
    where = path if path is not None else exc.filename
    fix = _FIXES.get(exc.errno or -1) or f"{exc.strerror or type(exc).__name__}"
    cls = kind or (OutputError if action.startswith(("writ", "creat", "sav", "mov", "replac")) else InputError)
    return cls(f"{action} {where} failed: {fix}" if where is not None else f"{action} failed: {fix}")


__all__ = [
    "ConfigError",
    "CorpusError",
    "DamagedIndexError",
    "DataError",
    "FactCheckError",
    "IndexBusyError",
    "InputError",
    "InvalidIndexError",
    "ModelError",
    "OutputError",
    "os_error",
]
