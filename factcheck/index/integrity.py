"""Checksums of an index folder: written into the manifest, verified on every open.

The manifest lists every other file of the index with its size in bytes and its SHA-256
(``"files": {"vectors.npy": {"bytes": ..., "sha256": ...}, ...}``) and carries a checksum of its
own content (``"checksum"``: the SHA-256 of the manifest's canonical JSON without that field).

* On open (:func:`verify_index` with ``full=False``) the manifest's checksum is checked, every
  listed file must exist with its size, and files up to
  :data:`~factcheck.config.DEFAULT_QUICK_VERIFY_BYTES` are hashed: a few milliseconds for a
  small index, and for a large one a check of sizes plus its small files (BM25 parameters and
  vocabulary, the ANN index's metadata) that catches truncation and lost files.
* ``factcheck index --verify DIR`` (``full=True``) hashes every file.

Any mismatch raises :class:`~factcheck.errors.DamagedIndexError` naming the file and the command
that rebuilds the index.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from factcheck import config
from factcheck.errors import DamagedIndexError

MANIFEST = "manifest.json"
_CHUNK = 1 << 20


def damaged(folder: Path, what: str) -> DamagedIndexError:
    """The error for a damaged index: ``index DIR is damaged (WHAT); rebuild with ...``."""
    return DamagedIndexError(
        f"index {folder} is damaged ({what}); rebuild it with `factcheck index CORPUS -o {folder}`"
    )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_table(folder: Path) -> dict[str, dict[str, Any]]:
    """Size and SHA-256 of every file of ``folder`` but the manifest, by relative POSIX path."""
    table: dict[str, dict[str, Any]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if rel != MANIFEST:
            table[rel] = {"bytes": path.stat().st_size, "sha256": file_sha256(path)}
    return table


def manifest_checksum(manifest: dict[str, Any]) -> str:
    """SHA-256 of the manifest's canonical JSON, without its ``checksum`` field."""
    body = {k: v for k, v in manifest.items() if k != "checksum"}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def seal(manifest: dict[str, Any], folder: Path) -> dict[str, Any]:
    """``manifest`` with the file table of ``folder`` and its own checksum added."""
    sealed = {**manifest, "files": file_table(folder)}
    sealed["checksum"] = manifest_checksum(sealed)
    return sealed


def verify_index(
    folder: Path, manifest: dict[str, Any], *, full: bool = False, quick_bytes: int | None = None
) -> dict[str, int]:
    """Check ``folder`` against its ``manifest``; raises :func:`damaged` on the first mismatch.

    Without ``full``, only files up to ``quick_bytes`` (default
    :data:`~factcheck.config.DEFAULT_QUICK_VERIFY_BYTES`) are hashed.  Returns what was checked:
    ``{"files": n, "hashed": n, "hashed_bytes": n, "bytes": n}``.
    """
    if quick_bytes is None:
        quick_bytes = config.DEFAULT_QUICK_VERIFY_BYTES
    if manifest.get("checksum") != manifest_checksum(manifest):
        raise damaged(folder, f"{MANIFEST} does not match its checksum")
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        raise damaged(folder, f"{MANIFEST} lists no files")
    stats = {"files": 0, "hashed": 0, "hashed_bytes": 0, "bytes": 0}
    for rel, entry in files.items():
        if not isinstance(entry, dict):
            raise damaged(folder, f"{MANIFEST} has no size and checksum for {rel}")
        path = folder / rel
        if not path.is_file():
            raise damaged(folder, f"{rel} is missing")
        size = path.stat().st_size
        if size != entry.get("bytes"):
            raise damaged(folder, f"{rel} has {size:,} bytes, not {entry.get('bytes')}")
        stats["files"] += 1
        stats["bytes"] += size
        if full or size <= quick_bytes:
            if file_sha256(path) != entry.get("sha256"):
                raise damaged(folder, f"{rel} does not match its checksum")
            stats["hashed"] += 1
            stats["hashed_bytes"] += size
    return stats
