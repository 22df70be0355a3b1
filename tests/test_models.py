"""Model references and weight fingerprints (factcheck.models)."""

from __future__ import annotations

import json
import os

from factcheck import models


def _folder(tmp_path, payload: bytes = b"weights"):
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "model.safetensors").write_bytes(payload)
    return folder


def test_fingerprint_is_remembered_across_processes_and_follows_the_file(tmp_path):
    folder = _folder(tmp_path)
    first = models.weights_fingerprint(folder)
    memo_path = models.cache_home() / models.FINGERPRINT_MEMO
    memo = json.loads(memo_path.read_text())
    key = next(k for k in memo if str(folder.resolve()) in k)
    assert memo[key] == first
    # A new process (empty in-process cache) reads the memo instead of hashing again.
    memo[key] = "sha256:0000000000000000"
    memo_path.write_text(json.dumps(memo))
    models._fingerprint_cached.cache_clear()
    assert models.weights_fingerprint(folder) == "sha256:0000000000000000"
    # Changed weights (another size or mtime) are hashed again.
    (folder / "model.safetensors").write_bytes(b"other weights")
    os.utime(folder / "model.safetensors", ns=(1, 1))
    models._fingerprint_cached.cache_clear()
    changed = models.weights_fingerprint(folder)
    assert changed not in (first, "sha256:0000000000000000") and changed.startswith("sha256:")


def test_fingerprint_without_a_writable_home_still_works(tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    monkeypatch.setenv("FACTCHECK_HOME", str(blocked / "home"))  # cannot be created
    models._fingerprint_cached.cache_clear()
    folder = _folder(tmp_path, b"abc")
    assert models.weights_fingerprint(folder) == models.weights_fingerprint(folder)
    monkeypatch.setenv("FACTCHECK_HOME", str(tmp_path))
    (tmp_path / models.FINGERPRINT_MEMO).write_text("[not an object")
    models._fingerprint_cached.cache_clear()
    assert models.weights_fingerprint(folder).startswith("sha256:")
