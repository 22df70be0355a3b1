"""Exceptions raised by factcheck.

Every error the toolkit raises on purpose derives from :class:`FactCheckError`, and its message
says what was wrong and what to do about it, so the CLI can print it as one line and exit 2::

    FactCheckError
    ├── InputError        an article or file that cannot be read (missing, empty, binary, not UTF-8)
    ├── DataError         a labelled set, NLI file or corpus record that is malformed
    │   └── CorpusError   a reference corpus that cannot be indexed (empty, duplicate ids, bad line)
    ├── InvalidIndexError an on-disk index that is missing, corrupt, or built with other settings
    ├── ModelError        a model name or path that cannot be resolved or loaded
    └── ConfigError       an invalid option value
"""

from __future__ import annotations


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


class ModelError(FactCheckError):
    """A model cannot be resolved or loaded."""


class ConfigError(FactCheckError):
    """An option has an invalid value."""


__all__ = [
    "ConfigError",
    "CorpusError",
    "DataError",
    "FactCheckError",
    "InputError",
    "InvalidIndexError",
    "ModelError",
]
