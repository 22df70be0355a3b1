"""The bad-input catalogue: every input a user can get wrong, and what the command line does.

Each case runs one ``factcheck`` command on a bad (or awkward but valid) input and asserts:

* the exit code: 2 for bad input, 0/1 for a clean run (never 3, never a traceback);
* for a failure, that standard error is exactly one line, ``error: ...``, containing the expected
  words (which name the bad thing and the fix);
* that nothing was half-written: no output file, no temporary file beside it, an existing index
  byte for byte as it was, no leftover build folders.

Models are replaced by the fakes of ``conftest.py`` after the real name resolution ran, so bad
model paths fail exactly as they do for a user.  The catalogue is listed, case by case, in the
README ("Bad inputs").
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from factcheck import cli
from factcheck.index import build_index
from factcheck.index.lock import index_lock

from .conftest import TINY_DOCS, FakeEmbedder, KeywordNLI

#: A progress line of :mod:`factcheck.progress` (a stage done, started, or its count so far).
PROGRESS_LINE = re.compile(r"^factcheck: [a-z][a-z ]*(?:: (?:[\d,]+ )?done in |…$| [\d,]+/[\d,]+ \()")
ARTICLE = (
    "Putin visits Pyongyang\n\nVladimir Putin arrived in Pyongyang on 19 June 2024. "
    "It was his first visit in 24 years. North Korea shipped more than 10,000 containers of munitions to Russia.\n"
)


# ------------------------------------------------------------------------------------------------
# The world a case runs in: files it makes, models replaced by fakes
# ------------------------------------------------------------------------------------------------


@dataclass
class World:
    root: Path
    monkeypatch: pytest.MonkeyPatch
    watched: list[Path] = field(default_factory=list)  # must not exist after a failure
    kept: dict[Path, str] = field(default_factory=dict)  # must be byte for byte unchanged
    cleanup: list[Callable[[], None]] = field(default_factory=list)  # run once the command is done

    def folder(self, name: str) -> Path:
        path = self.root / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def file(self, name: str, content: str | bytes = ARTICLE) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    def corpus(self, name: str = "corpus") -> Path:
        folder = self.root / name
        for doc, text in TINY_DOCS.items():
            self.file(f"{name}/{doc}", text)
        return folder

    def jsonl(self, name: str, *lines: str) -> Path:
        return self.file(name, "\n".join(lines) + "\n")

    def index(self, name: str = "idx", **kwargs) -> Path:
        from factcheck.corpus import read_corpus
        from factcheck.index.cache import corpus_info

        folder = self.root / name
        corpus = self.corpus(f"{name}-corpus")
        read = read_corpus(corpus)
        build_index(read.documents, folder, embedder=FakeEmbedder(), corpus_info=corpus_info(corpus, read), **kwargs)
        return folder

    def keep(self, path: Path) -> Path:
        """``path`` (a file or a folder) must be unchanged by the command."""
        self.kept[path] = digest(path)
        return path

    def absent(self, path: Path) -> Path:
        """``path`` must not exist after the command."""
        self.watched.append(path)
        return path

    def fail_writes(self, code: int, *, match: str) -> None:
        """Every opening for writing of a file whose path contains ``match`` fails with OSError
        ``code`` (as a full disk, a permission or a read-only file system would make it)."""
        import builtins
        import io

        real_os_open, real_open = os.open, builtins.open

        def refused(path) -> bool:
            name = os.fspath(path) if isinstance(path, str | os.PathLike) else ""
            return match in name and not name.endswith(".lock")

        def os_open(path, flags, *args, **kwargs):
            if flags & (os.O_WRONLY | os.O_RDWR) and refused(path):
                raise OSError(code, os.strerror(code), os.fspath(path))
            return real_os_open(path, flags, *args, **kwargs)

        def open_(file, mode="r", *args, **kwargs):
            if any(m in mode for m in "wax+") and refused(file):
                raise OSError(code, os.strerror(code), os.fspath(file))
            return real_open(file, mode, *args, **kwargs)

        self.monkeypatch.setattr(os, "open", os_open)
        self.monkeypatch.setattr(builtins, "open", open_)
        self.monkeypatch.setattr(io, "open", open_)


def digest(path: Path) -> str:
    h = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for f in files:
        h.update(str(f.relative_to(path) if f != path else "").encode())
        h.update(f.read_bytes())
    return h.hexdigest()


@pytest.fixture
def world(tmp_path, monkeypatch) -> World:
    """Fake models behind the real name resolution; a short lock timeout."""
    from factcheck import config, embed, pipeline
    from factcheck.models import resolve_model

    def fake_embedder(name="minilm", **kwargs):
        if name != FakeEmbedder.name:  # the name an index built by the fake records
            resolve_model(name, kind="embedder")
        return FakeEmbedder()

    def fake_nli(name, precision):
        resolve_model(name, kind="nli")
        return KeywordNLI()

    monkeypatch.setattr(embed, "Embedder", fake_embedder)
    monkeypatch.setattr(pipeline, "Embedder", fake_embedder)
    monkeypatch.setattr(cli.shell, "nli", fake_nli)
    monkeypatch.setattr(config, "DEFAULT_INDEX_LOCK_TIMEOUT", 0.3)
    root = tmp_path / "w"
    root.mkdir()
    return World(root, monkeypatch)


# ------------------------------------------------------------------------------------------------
# The catalogue.  Each case: (id, setup(world) -> argv, expected exit code, words in the message)
# ------------------------------------------------------------------------------------------------

Setup = Callable[[World], list]


@dataclass(frozen=True)
class Case:
    id: str
    setup: Setup
    code: int
    words: tuple[str, ...] = ()


def _check(w: World, article: Path, *extra) -> list:
    return ["check", article, "--corpus", w.corpus(), *extra]


def _claims_file(w: World, *lines: str, name: str = "claims.jsonl") -> list:
    return ["evaluate", w.jsonl(name, *lines), "--mode", "gold"]


def _damaged_index(w: World, damage: Callable[[Path], None]) -> list:
    folder = w.index()
    damage(folder)
    w.keep(folder)
    return ["check", w.file("a.txt"), "--index", folder]


def _rewrite_manifest(folder: Path, change: Callable[[dict], None]) -> None:
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text())
    change(manifest)
    path.write_text(json.dumps(manifest))


def _flip_byte(path: Path, at: int = 10) -> None:
    data = bytearray(path.read_bytes())
    data[at] = (data[at] + 1) % 256 or 65
    path.write_bytes(bytes(data))


def _truncate(path: Path, by: int = 7) -> None:
    path.write_bytes(path.read_bytes()[:-by])


def _pickled_model(w: World) -> Path:
    w.file("pickled/config.json", "{}")
    w.file("pickled/pytorch_model.bin", b"\x80\x04fake pickle")
    return w.root / "pickled"


def _truncated_safetensors(w: World) -> Path:
    from factcheck.models import SHIPPED_NLI_DIR

    w.file("broken/config.json", (SHIPPED_NLI_DIR / "config.json").read_text())
    w.file("broken/model.safetensors", (SHIPPED_NLI_DIR / "model.safetensors").read_bytes()[:4096])
    return w.root / "broken"


def _output_fails(w: World, code: int) -> list:
    out = w.absent(w.root / "out" / "claims.jsonl")
    out.parent.mkdir()
    w.fail_writes(code, match=str(out.parent))
    return ["claims", w.file("a.txt"), "--rules", "--format", "jsonl", "--output", out]


def _old_output_kept(w: World) -> list:
    out = w.keep(w.file("out/report.json", '{"old": true}\n'))
    w.fail_writes(errno.ENOSPC, match=str(out.parent))
    return ["claims", w.file("a.txt"), "--rules", "--format", "json", "--output", out]


def _index_write_fails(w: World, code: int) -> list:
    folder = w.keep(w.index())
    w.fail_writes(code, match=".idx.tmp-")
    return ["index", w.root / "idx-corpus", "-o", folder, "--update"]


def _busy_index(w: World) -> list:
    folder = w.keep(w.index())
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with index_lock(folder):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    held.wait(5)
    w.cleanup.append(release.set)
    w.cleanup.append(lambda: thread.join(5))
    return ["index", w.root / "idx-corpus", "-o", folder, "--update"]


def _some_files_bad(w: World) -> list:
    w.file("c/good.txt", "Putin visited Pyongyang in 2000.")
    w.file("c/bad.txt", b"\x00\x01binary")
    return ["index", w.root / "c", "-o", w.root / "i"]


def _verify_damaged(w: World) -> list:
    folder = w.index()
    _flip_byte(folder / "documents.jsonl", 5)
    return ["index", "--verify", w.keep(folder)]


def _interrupted_swap(w: World) -> list:
    folder = w.index()
    folder.rename(w.root / ".idx.old-killed")  # killed between its two renames
    return ["check", w.file("a.txt"), "--index", folder, "--format", "json"]


def _killed_build_leftovers(w: World) -> list:
    folder = w.index()
    (w.root / ".idx.tmp-killed").mkdir()
    (w.root / ".idx.tmp-killed" / "vectors.npy").write_bytes(b"half")
    w.absent(w.root / ".idx.tmp-killed")
    return ["index", w.root / "idx-corpus", "-o", folder, "--update"]


def _garbled_line_in_large_index(w: World) -> list:
    from factcheck import config

    folder = w.index()
    data = (folder / "passages.jsonl").read_bytes()
    (folder / "passages.jsonl").write_bytes(data.replace(b'"doc_id"', b'"doc-id"', 1))  # same size
    w.monkeypatch.setattr(config, "DEFAULT_QUICK_VERIFY_BYTES", 0)  # as for an index too big to hash on open
    return ["check", w.file("a.txt"), "--index", folder]


CASES = [
    # -- articles ---------------------------------------------------------------------------
    Case("article-missing", lambda w: ["check", w.root / "nope.txt", "--corpus", w.corpus()], 2, ("does not exist",)),
    Case("article-is-folder", lambda w: ["claims", w.corpus()], 2, ("is a folder",)),
    Case("article-empty", lambda w: ["claims", w.file("a.txt", "")], 2, ("empty",)),
    Case("article-whitespace", lambda w: ["claims", w.file("a.txt", " \n\t\n")], 2, ("empty",)),
    Case("article-binary", lambda w: ["claims", w.file("a.txt", b"\x00\x01\x02PNG\x00")], 2, ("binary",)),
    Case(
        "article-latin1",
        lambda w: ["claims", w.file("a.txt", "Caf\xe9 visit".encode("latin-1"))],
        2,
        ("UTF-8", "iconv"),
    ),
    Case("article-only-emoji", lambda w: ["claims", w.file("a.txt", "😀🎉 🚀\n")], 2, ("no body text", "emoji")),
    Case(
        "article-only-headings",
        lambda w: _check(w, w.file("a.md", "# One\n\n## Two\n")),
        2,
        ("no body text", "heading"),
    ),
    Case(
        "article-html-only-scripts",
        lambda w: ["claims", w.file("a.html", "<html><script>x=1</script></html>")],
        2,
        ("no body text",),
    ),
    Case("article-path-with-markup", lambda w: ["claims", w.root / "[/]" / "a[bold].txt"], 2, ("[/]/a[bold].txt",)),
    Case("article-path-with-newline", lambda w: ["claims", w.root / "a\nb.txt"], 2, ("a\\nb.txt",)),
    Case(
        "article-too-long", lambda w: ["claims", w.file("a.txt", "word " * 1_000_001)], 2, ("characters long", "split")
    ),
    Case("article-stdin-empty", lambda w: ["claims", "-"], 2, ("standard input is empty",)),
    Case(
        "article-bad-published", lambda w: ["claims", w.file("a.txt"), "--published", "19/06/2024"], 2, ("--published",)
    ),
    Case(
        "article-bad-input-format",
        lambda w: ["claims", w.file("a.txt"), "--input-format", "pdf"],
        2,
        ("--input-format",),
    ),
    Case("check-top-k-zero", lambda w: _check(w, w.file("a.txt"), "--top-k", "0"), 2, ("--top-k",)),
    Case("check-no-corpus-nor-index", lambda w: ["check", w.file("a.txt")], 2, ("--corpus", "--index")),
    Case("unknown-command", lambda w: ["chek", "a.txt"], 2, ("No such command", "--help")),
    Case("article-in-markup-folder", lambda w: ["claims", w.file("[/]x/[sic].txt"), "--rules"], 0),
    Case(
        "article-5000-digit-number",
        lambda w: [
            "claims",
            w.file("a.txt", f"Russia received {'9' * 5000} containers in 2023.\n"),
            "--rules",
            "--format",
            "jsonl",
        ],
        0,
    ),
    Case(
        "article-overflowing-duration",
        lambda w: [
            "claims",
            w.file("a.txt", f"It was his first visit in {'9' * 310} years, said Kim.\n"),
            "--rules",
            "--format",
            "json",
            "--published",
            "2024-06-19",
        ],
        0,
    ),
    Case(
        "article-rare-letters",
        lambda w: [
            "claims",
            w.file("a.txt", "Putin viſited Pyongyang in Auguſt 2000 for the firſt time in hundredſ of years.\n"),
            "--rules",
            "--format",
            "jsonl",
            "--published",
            "2024-06-19",
        ],
        0,
    ),
    Case(
        "article-one-line-no-punctuation",
        lambda w: ["claims", w.file("a.txt", "and the 1 " * 2000), "--rules", "--format", "jsonl"],
        0,
    ),
    Case(
        "article-no-claims-warns",
        lambda w: ["claims", w.file("a.txt", "What a lovely morning it was for everyone there.\n"), "--rules"],
        0,
    ),
    # -- corpora ----------------------------------------------------------------------------
    Case(
        "corpus-missing",
        lambda w: ["check", w.file("a.txt"), "--corpus", w.root / "nope"],
        2,
        ("does not exist",),
    ),
    Case(
        "corpus-unknown-format",
        lambda w: ["check", w.file("a.txt"), "--corpus", w.file("refs.pdf", "x")],
        2,
        ("cannot tell the format",),
    ),
    Case(
        "corpus-empty-folder",
        lambda w: ["index", w.folder("c"), "-o", w.absent(w.root / "i")],
        2,
        ("no usable documents",),
    ),
    Case(
        "corpus-only-binary",
        lambda w: ["index", w.file("c/a.txt", b"\x00\x00\x01").parent, "-o", w.absent(w.root / "i")],
        2,
        ("no usable documents", "binary"),
    ),
    Case(
        "corpus-jsonl-bad-line",
        lambda w: [
            "index",
            w.jsonl("c.jsonl", '{"id": 1, "text": "ok"}', '{"id": 2, "text": '),
            "-o",
            w.absent(w.root / "i"),
        ],
        2,
        ("c.jsonl:2", "not valid JSON"),
    ),
    Case(
        "corpus-jsonl-nan",
        lambda w: ["index", w.jsonl("c.jsonl", '{"id": 1, "text": "ok", "score": NaN}'), "-o", w.absent(w.root / "i")],
        2,
        ("c.jsonl:1", "NaN"),
    ),
    Case(
        "corpus-jsonl-array-line",
        lambda w: ["index", w.jsonl("c.jsonl", "[1, 2]"), "-o", w.absent(w.root / "i")],
        2,
        ("c.jsonl:1", "JSON object"),
    ),
    Case(
        "corpus-jsonl-text-object",
        lambda w: ["index", w.jsonl("c.jsonl", '{"id": "a", "text": {"p": 1}}'), "-o", w.absent(w.root / "i")],
        2,
        ("c.jsonl:1", "'text'", "string"),
    ),
    Case(
        "corpus-jsonl-id-list",
        lambda w: ["index", w.jsonl("c.jsonl", '{"id": [1], "text": "ok"}'), "-o", w.absent(w.root / "i")],
        2,
        ("c.jsonl:1", "'id'"),
    ),
    Case(
        "corpus-jsonl-title-number",
        lambda w: ["index", w.jsonl("c.jsonl", '{"id": "a", "text": "ok", "title": 5}'), "-o", w.absent(w.root / "i")],
        2,
        ("'title'", "string"),
    ),
    Case(
        "corpus-jsonl-duplicate-ids",
        lambda w: [
            "index",
            w.jsonl("c.jsonl", '{"id": "a", "text": "x y"}', '{"id": "a", "text": "z w"}'),
            "-o",
            w.absent(w.root / "i"),
        ],
        2,
        ("duplicate",),
    ),
    Case(
        "corpus-jsonl-no-text",
        lambda w: ["index", w.jsonl("c.jsonl", '{"id": "a", "body_html": "x"}'), "-o", w.absent(w.root / "i")],
        2,
        ("has no text",),
    ),
    Case(
        "corpus-jsonl-not-utf8",
        lambda w: [
            "index",
            w.file("c.jsonl", '{"id": "a", "text": "caf\xe9"}'.encode("latin-1")),
            "-o",
            w.absent(w.root / "i"),
        ],
        2,
        ("UTF-8",),
    ),
    Case(
        "corpus-jsonl-too-deep",
        lambda w: [
            "index",
            w.jsonl("c.jsonl", '{"id": "a", "text": "x", "m": ' + "[" * 100_000 + "]" * 100_000 + "}"),
            "-o",
            w.absent(w.root / "i"),
        ],
        2,
        ("c.jsonl:1",),
    ),
    Case(
        "corpus-csv-extra-field",
        lambda w: ["index", w.file("c.csv", "id,text\na,hello there,extra\n"), "-o", w.absent(w.root / "i")],
        2,
        ("c.csv:2", "more fields"),
    ),
    Case(
        "corpus-csv-no-header", lambda w: ["index", w.file("c.csv", "\n"), "-o", w.absent(w.root / "i")], 2, ("empty",)
    ),
    Case(
        "corpus-csv-long-field",
        lambda w: [
            "index",
            w.file("c.csv", 'id,text\na,"' + "Putin visited Pyongyang. " * 8000 + '"\n'),
            "-o",
            w.root / "i",
        ],
        0,
    ),
    Case(
        "corpus-jsonl-line-separator",
        lambda w: [
            "index",
            w.jsonl("c.jsonl", '{"id": "a", "text": "Putin visited\u2028Pyongyang in 2000."}'),
            "-o",
            w.root / "i",
        ],
        0,
    ),
    Case("corpus-some-files-bad", _some_files_bad, 0),
    Case(
        "corpus-rare-letters",
        lambda w: [
            "check",
            w.file("a.txt"),
            "--corpus",
            w.file("c/a.txt", "Putin viſited Pyongyang in Auguſt 2000, the firſt of hundredſ of viſits.").parent,
            "--format",
            "json",
        ],
        1,
    ),
    # -- labelled claim sets -------------------------------------------------------------------
    Case("claims-missing", lambda w: ["evaluate", w.root / "nope.jsonl", "--mode", "gold"], 2, ("does not exist",)),
    Case("claims-empty", lambda w: ["evaluate", w.file("c.jsonl", "\n"), "--mode", "gold"], 2, ("empty",)),
    Case(
        "claims-bad-json",
        lambda w: _claims_file(w, '{"id": 1, "claim": "x", "label": "SUPPORTED"}', "{oops"),
        2,
        ("claims.jsonl:2", "not valid JSON"),
    ),
    Case(
        "claims-unknown-label",
        lambda w: _claims_file(w, '{"id": 1, "claim": "x", "label": "MAYBE"}'),
        2,
        ("unknown label", "accepted labels"),
    ),
    Case(
        "claims-claim-not-string",
        lambda w: _claims_file(w, '{"id": 1, "claim": ["x"], "label": "SUPPORTED"}'),
        2,
        ("claims.jsonl:1", "'claim'", "string"),
    ),
    Case(
        "claims-id-object",
        lambda w: _claims_file(w, '{"id": {"a": 1}, "claim": "x", "label": "SUPPORTED"}'),
        2,
        ("claims.jsonl:1", "'id'"),
    ),
    Case(
        "claims-missing-label",
        lambda w: _claims_file(w, '{"id": 1, "claim": "x", "label": ""}'),
        2,
        ("missing field", "label"),
    ),
    Case(
        "claims-label-number",
        lambda w: _claims_file(w, '{"id": 1, "claim": "x", "label": 1}'),
        2,
        ("'label'", "string"),
    ),
    Case(
        "claims-csv-extra-field",
        lambda w: ["evaluate", w.file("c.csv", "id,claim,label\n1,x,SUPPORTED,extra\n"), "--mode", "gold"],
        2,
        ("c.csv:2", "more fields"),
    ),
    Case(
        "claims-bad-format-option",
        lambda w: ["evaluate", w.file("c.jsonl", "{}\n"), "--format", "xml"],
        2,
        ("unknown claim set format",),
    ),
    Case(
        "retrieval-claims-missing",
        lambda w: ["evaluate-retrieval", w.root / "nope.jsonl", "--corpus", w.corpus()],
        2,
        ("nope.jsonl",),
    ),
    # -- indexes ----------------------------------------------------------------------------
    Case(
        "index-missing",
        lambda w: ["check", w.file("a.txt"), "--index", w.root / "nope"],
        2,
        ("does not exist", "factcheck index"),
    ),
    Case("index-is-file", lambda w: ["check", w.file("a.txt"), "--index", w.file("idx.txt", "x")], 2, ("is a file",)),
    Case(
        "index-not-an-index", lambda w: ["check", w.file("a.txt"), "--index", w.corpus()], 2, ("not a factcheck index",)
    ),
    Case(
        "index-manifest-not-json",
        lambda w: _damaged_index(w, lambda f: (f / "manifest.json").write_text("{garbage")),
        2,
        ("is damaged", "manifest.json", "rebuild"),
    ),
    Case(
        "index-manifest-edited",
        lambda w: _damaged_index(w, lambda f: _rewrite_manifest(f, lambda m: m["embedder"].update(dim=65))),
        2,
        ("is damaged", "manifest.json", "checksum"),
    ),
    Case(
        "index-manifest-array",
        lambda w: _damaged_index(w, lambda f: (f / "manifest.json").write_text("[]")),
        2,
        ("is damaged", "manifest.json"),
    ),
    Case(
        "index-old-format",
        lambda w: _damaged_index(w, lambda f: _rewrite_manifest(f, lambda m: m.update(format_version=2))),
        2,
        ("format version 2", "--update"),
    ),
    Case(
        "index-vectors-truncated",
        lambda w: _damaged_index(w, lambda f: _truncate(f / "vectors.npy")),
        2,
        ("is damaged", "vectors.npy"),
    ),
    Case(
        "index-vectors-flipped",
        lambda w: _damaged_index(w, lambda f: _flip_byte(f / "vectors.npy", 200)),
        2,
        ("is damaged", "vectors.npy", "checksum"),
    ),
    Case(
        "index-bm25-missing",
        lambda w: _damaged_index(w, lambda f: (f / "bm25" / "vocab.index.json").unlink()),
        2,
        ("is damaged", "bm25/vocab.index.json", "missing"),
    ),
    Case(
        "index-bm25-garbled",
        lambda w: _damaged_index(w, lambda f: _flip_byte(f / "bm25" / "params.index.json", 3)),
        2,
        ("is damaged", "bm25/params.index.json"),
    ),
    Case(
        "index-passage-garbled",
        lambda w: _damaged_index(w, lambda f: _flip_byte(f / "passages.jsonl", 2)),
        2,
        ("is damaged", "passages.jsonl"),
    ),
    Case(
        "index-offsets-missing",
        lambda w: _damaged_index(w, lambda f: (f / "passages.offsets.npy").unlink()),
        2,
        ("is damaged", "passages.offsets.npy"),
    ),
    Case("index-passage-line-at-query", _garbled_line_in_large_index, 2, ("is damaged", "passages.jsonl line")),
    Case("index-verify-damaged", _verify_damaged, 2, ("is damaged", "documents.jsonl")),
    Case("index-verify-with-corpus", lambda w: ["index", w.corpus(), "--verify", w.root / "idx"], 2, ("--verify DIR",)),
    Case(
        "index-output-is-file",
        lambda w: ["index", w.corpus(), "-o", w.keep(w.file("idx.txt", "keep me"))],
        2,
        ("is a file",),
    ),
    Case(
        "index-output-parent-is-file",
        lambda w: ["index", w.corpus(), "-o", w.file("f.txt", "x") / "idx"],
        2,
        ("f.txt",),
    ),
    Case(
        "index-output-not-empty",
        lambda w: ["index", w.corpus(), "-o", w.keep(w.corpus("other"))],
        2,
        ("not a factcheck index", "empty or new folder"),
    ),
    Case(
        "index-update-other-window",
        lambda w: ["index", w.root / "idx-corpus", "-o", w.keep(w.index()), "--update", "--window", "2"],
        2,
        ("chunking", "--window"),
    ),
    Case(
        "index-update-other-kind",
        lambda w: [
            "index",
            w.jsonl("c.jsonl", '{"id": "a", "text": "Putin visited."}'),
            "-o",
            w.keep(w.index()),
            "--update",
        ],
        2,
        ("folder corpus", "without --update"),
    ),
    Case("index-disk-full", lambda w: _index_write_fails(w, errno.ENOSPC), 2, ("no space left",)),
    Case("index-permission-denied", lambda w: _index_write_fails(w, errno.EACCES), 2, ("permission denied",)),
    Case("index-busy", _busy_index, 2, ("is being written by", "run this one again")),
    Case("index-interrupted-swap-recovered", _interrupted_swap, 0),
    Case("index-killed-build-leftovers-removed", _killed_build_leftovers, 0),
    # -- model paths --------------------------------------------------------------------------
    Case("nli-missing-path", lambda w: _check(w, w.file("a.txt"), "--nli", "./no-such-model"), 2, ("does not exist",)),
    Case(
        "nli-is-file", lambda w: _check(w, w.file("a.txt"), "--nli", w.file("m/config.json", "{}")), 2, ("is a file",)
    ),
    Case("nli-no-config", lambda w: _check(w, w.file("a.txt"), "--nli", w.corpus("m")), 2, ("no config.json",)),
    Case(
        "nli-pickled",
        lambda w: _check(w, w.file("a.txt"), "--nli", _pickled_model(w)),
        2,
        ("pickled weights are not loaded; convert to safetensors",),
    ),
    Case(
        "nli-truncated-safetensors",
        lambda w: _check(w, w.file("a.txt"), "--nli", _truncated_safetensors(w)),
        2,
        ("damaged or not safetensors",),
    ),
    Case("nli-unknown-name", lambda w: _check(w, w.file("a.txt"), "--nli", "no-such-model"), 2, ("unknown nli model",)),
    Case(
        "embedder-pickled",
        lambda w: ["index", w.corpus(), "-o", w.absent(w.root / "i"), "--embedder", _pickled_model(w)],
        2,
        ("pickled weights are not loaded",),
    ),
    # -- output paths ------------------------------------------------------------------------
    Case(
        "output-is-folder",
        lambda w: ["claims", w.file("a.txt"), "--rules", "--output", w.corpus()],
        2,
        ("is a folder", "file path"),
    ),
    Case(
        "output-parent-is-file",
        lambda w: ["claims", w.file("a.txt"), "--rules", "--output", w.file("f.txt", "x") / "out.json"],
        2,
        ("is a file",),
    ),
    Case("output-disk-full", lambda w: _output_fails(w, errno.ENOSPC), 2, ("no space left",)),
    Case("output-permission-denied", lambda w: _output_fails(w, errno.EACCES), 2, ("permission denied",)),
    Case("output-read-only", lambda w: _output_fails(w, errno.EROFS), 2, ("read-only",)),
    Case("output-old-file-kept", _old_output_kept, 2, ("no space left",)),
    Case(
        "evaluate-out-is-file",
        lambda w: [
            "evaluate",
            w.jsonl(
                "c.jsonl",
                '{"id": 1, "claim": "Putin visited Pyongyang in 2000.", "label": "SUPPORTED", "evidence_text": "Putin visited Pyongyang in 2000."}',
            ),
            "--mode",
            "gold",
            "--out",
            w.keep(w.file("out.txt", "x")),
        ],
        2,
        ("is a file",),
    ),
    Case(
        "check-output-new-folder",
        lambda w: _check(w, w.file("a.txt"), "--format", "json", "--output", w.root / "new" / "deep" / "r.json"),
        0,
    ),
]


def test_bad_input_catalogue_is_large_enough():
    failures = [c for c in CASES if c.code == 2]
    assert len(CASES) >= 60 and len(failures) >= 50
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, world: World, monkeypatch):
    monkeypatch.chdir(world.root)
    argv = [os.fspath(a) for a in case.setup(world)]
    result = CliRunner().invoke(cli.app, argv, input="" if "-" in argv else None)
    for step in world.cleanup:
        step()
    stderr_lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == case.code, (result.exit_code, result.stderr, result.stdout[-500:])
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    if case.code == 2:
        # The stages that finished before the failure keep their progress line (stderr is not a
        # terminal here); apart from those, the failure is one line, the last.
        other = [line for line in stderr_lines if not PROGRESS_LINE.match(line)]
        assert len(other) == 1 and other[0] == stderr_lines[-1], result.stderr
        assert other[0].startswith("error: "), result.stderr
        for word in case.words:
            assert word in other[0], (word, other[0])
    else:
        _assert_valid_outputs(argv, result.stdout)
    for path in world.watched:
        assert not path.exists(), f"{path} was left behind"
    for path, before in world.kept.items():
        assert digest(path) == before, f"{path} was changed"
    leftovers = [p.name for p in world.root.rglob(".*") if ".tmp" in p.name or ".old-" in p.name]
    assert not leftovers, leftovers


def _assert_valid_outputs(argv: list[str], stdout: str) -> None:
    """A clean run's JSON outputs parse strictly, and every quantity value is finite."""
    if "--format" not in argv:
        return
    fmt = argv[argv.index("--format") + 1]
    text = stdout
    if "--output" in argv:
        text = Path(argv[argv.index("--output") + 1]).read_text(encoding="utf-8")
    if fmt in ("json", "jsonl"):
        docs = [text] if fmt == "json" else [line for line in text.splitlines() if line.strip()]
        for doc in docs:
            value = json.loads(doc, parse_constant=lambda name: pytest.fail(f"{name} in JSON output"))
            _assert_finite(value)


def _assert_finite(value) -> None:
    if isinstance(value, float):
        assert np.isfinite(value)
    elif isinstance(value, dict):
        for v in value.values():
            _assert_finite(v)
    elif isinstance(value, list):
        for v in value:
            _assert_finite(v)


def test_bad_input_console_script_prints_one_line(tmp_path):
    """The installed entry point, in its own process (logging and rich set up for real): a path
    read as markup and a damaged index each give one `error:` line and exit 2."""
    import subprocess
    import sys

    folder = tmp_path / "[" / "]"  # the path reads ".../[/]/a.txt"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_bytes(b"\x00\x01\x02")
    index = tmp_path / "idx"
    index.mkdir()
    (index / "manifest.json").write_text("{not json")
    for argv, words in (
        (["claims", str(folder / "a.txt")], "[/]/a.txt looks like a binary file"),
        (["check", str(tmp_path / "b.txt"), "--index", str(index)], "does not exist"),
        (["index", "--verify", str(index)], "manifest.json is not valid JSON"),
    ):
        run = subprocess.run(
            [sys.executable, "-m", "factcheck.cli", *argv], capture_output=True, text=True, timeout=120, check=False
        )
        assert run.returncode == 2, run.stderr
        assert run.stderr.count("\n") == 1 and run.stderr.startswith("error: ") and words in run.stderr, run.stderr
