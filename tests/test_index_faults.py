"""The index under faults and concurrency: `factcheck index --update` killed with SIGKILL at random
points, and two writers of one folder at once.

Each writer is a child process running the real command line (``factcheck index CORPUS -o DIR
--update``) with the fake embedder of ``conftest.py``:

* forked children kill themselves (SIGKILL, as ``kill -9``) right before their k-th file-system
  operation (opening a file for writing, a rename, an fsync, a removal, the folder exchange), k
  drawn at random among all the operations an update performs: every step of writing, sealing and
  swapping the index is a possible kill point;
* console-script children are killed from outside with ``kill -9`` after a random delay.

After every kill the folder must open, pass a full checksum verification and answer a fixed set of
BM25 and dense queries exactly as the old index did (or, when the kill came after the swap, as the
finished new one does); the next update must then succeed and leave no temporary folders.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from factcheck import cli
from factcheck.corpus import read_corpus
from factcheck.index import Index, build_index
from factcheck.index.cache import corpus_info
from factcheck.index.integrity import verify_index
from factcheck.index.lock import is_locked
from factcheck.index.store import read_manifest

from .conftest import ROOT, TINY_DOCS, FakeEmbedder

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the kill tests fork child processes (POSIX only)")

QUERIES = ["Putin visited Pyongyang", "containers of munitions shipped", "Kim Jong Un greeted him", "summers"]
#: Trials of the fast run and of the slow run (`-m slow`).
FAST_TRIALS, SLOW_TRIALS = 10, 100


def answers(folder: Path) -> list:
    """What the index at ``folder`` answers: BM25 and dense top-5 ids, scores and passage texts."""
    index = Index.open(folder, embedder_fingerprint=FakeEmbedder.fingerprint)
    ids, scores = index.bm25_search(QUERIES, 5)
    dense_ids, dense_scores = index.dense_search(FakeEmbedder().encode(QUERIES), 5)
    texts = [index.passage(int(i)).text for i in np.concatenate([ids, dense_ids]).ravel() if i >= 0]
    return [ids.tolist(), np.round(scores, 5).tolist(), dense_ids.tolist(), np.round(dense_scores, 4).tolist(), texts]


def write_corpus(folder: Path, version: int) -> Path:
    """Version 1: the tiny corpus; version 2: one document changed, one removed, two added."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    docs = dict(TINY_DOCS)
    if version >= 2:
        docs["containers.txt"] = "US officials said North Korea shipped 11,000 containers of munitions to Russia.\n"
        del docs["weather.txt"]
        docs["summit.txt"] = "Kim Jong Un and Vladimir Putin signed a mutual defence treaty in June 2024.\n"
        docs["trade.txt"] = "Trade between Russia and North Korea rose sharply in 2023, officials said.\n"
    if version >= 3:
        docs["late.txt"] = "A late addition: the treaty was ratified by the Russian parliament in November 2024.\n"
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def build(corpus: Path, folder: Path) -> None:
    read = read_corpus(corpus)
    build_index(read.documents, folder, embedder=FakeEmbedder(), corpus_info=corpus_info(corpus, read), update=True)


# ------------------------------------------------------------------------------------------------
# Children: the real CLI, with the fake embedder, killed at the k-th file-system operation
# ------------------------------------------------------------------------------------------------


def _count_operations(kill_at: int | None, counter: list[int]) -> None:
    """Wrap the file-system calls an update makes; SIGKILL this process before call ``kill_at``."""
    import builtins
    import io

    from factcheck.index import swap

    def tick() -> None:
        counter[0] += 1
        if kill_at is not None and counter[0] >= kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    def wrap(module, name, is_write=lambda *a, **k: True) -> None:
        real = getattr(module, name)

        def wrapped(*args, **kwargs):
            if is_write(*args, **kwargs):
                tick()
            return real(*args, **kwargs)

        setattr(module, name, wrapped)

    def writes_mode(file, mode="r", *args, **kwargs) -> bool:
        return any(m in mode for m in "wax+")

    def writes_flags(path, flags, *args, **kwargs) -> bool:
        return bool(flags & (os.O_WRONLY | os.O_RDWR))

    for name in ("rename", "replace", "unlink", "rmdir", "mkdir", "fsync", "ftruncate"):
        wrap(os, name)
    wrap(os, "open", writes_flags)
    wrap(builtins, "open", writes_mode)
    wrap(io, "open", writes_mode)
    wrap(shutil, "rmtree")
    wrap(swap, "_exchange")


def run_child(corpus: Path, folder: Path, *, kill_at: int | None = None, embed_delay: float = 0.0) -> tuple[int, int]:
    """Fork a child running `factcheck index CORPUS -o FOLDER --update`; returns (pid, read fd of its op count)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        code = 3
        try:
            os.close(read_end)
            from factcheck import embed

            class SlowFake(FakeEmbedder):
                def encode(self, texts, **kwargs):
                    time.sleep(embed_delay)
                    return super().encode(texts, **kwargs)

            embed.Embedder = lambda *a, **k: SlowFake()  # type: ignore[assignment, misc]
            cli.shell.quiet_libraries = lambda: None  # it imports transformers, for nothing here
            counter = [0]
            _count_operations(kill_at, counter)
            with contextlib.redirect_stderr(open(os.devnull, "w")):
                try:
                    cli.app(["index", str(corpus), "-o", str(folder), "--update"], standalone_mode=False)
                    code = 0
                except BaseException:
                    code = 2
            os.write(write_end, str(counter[0]).encode())
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end


def wait_child(pid: int, read_end: int) -> tuple[int, int]:
    """(exit status: the exit code, or -signal; operations counted) of a child."""
    _, status = os.waitpid(pid, 0)
    with os.fdopen(read_end) as handle:
        counted = handle.read()
    code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    return code, int(counted or 0)


# ------------------------------------------------------------------------------------------------
# Kill at random points
# ------------------------------------------------------------------------------------------------


@pytest.fixture
def scene(tmp_path):
    """An index of corpus version 1, what it answers, and what the finished update answers."""
    corpus = write_corpus(tmp_path / "corpus", 1)
    pristine = tmp_path / "pristine" / "idx"
    build(corpus, pristine)
    old = answers(pristine)
    write_corpus(corpus, 2)
    reference = tmp_path / "reference" / "idx"
    shutil.copytree(pristine, reference)
    build(corpus, reference)
    new = answers(reference)
    assert new != old
    return corpus, pristine, old, new


def _kill_trials(scene, tmp_path, trials: int, seed: int) -> dict[str, int]:
    corpus, pristine, old, new = scene
    dry = tmp_path / "dry" / "idx"
    shutil.copytree(pristine, dry)
    code, total = wait_child(*run_child(corpus, dry))
    assert code == 0 and answers(dry) == new and total > 10
    rng = random.Random(seed)
    outcome = {"old": 0, "new": 0, "killed": 0}
    for trial in range(trials):
        folder = tmp_path / f"trial-{trial}" / "idx"
        shutil.copytree(pristine, folder)
        kill_at = rng.randint(1, total)
        code, _ = wait_child(*run_child(corpus, folder, kill_at=kill_at))
        assert code == -signal.SIGKILL, (kill_at, code)
        outcome["killed"] += 1
        now = answers(folder)  # opens (putting back an index a cut-short swap left aside)
        verify_index(folder, read_manifest(folder), full=True)
        assert now in (old, new), (
            f"kill at operation {kill_at} of {total}: the index answers neither as before nor after"
        )
        outcome["old" if now == old else "new"] += 1
        code, _ = wait_child(*run_child(corpus, folder))  # the next update finishes the job
        assert code == 0 and answers(folder) == new
        leftovers = [p.name for p in folder.parent.iterdir() if p.name != "idx"]
        assert not leftovers, (kill_at, leftovers)
    return outcome


def test_index_update_killed_at_random_points_keeps_a_whole_index(scene, tmp_path):
    outcome = _kill_trials(scene, tmp_path, FAST_TRIALS, seed=14)
    assert outcome["killed"] == FAST_TRIALS and outcome["old"] > 0


@pytest.mark.long
@pytest.mark.slow
def test_index_update_killed_at_100_random_points_keeps_a_whole_index(scene, tmp_path):
    outcome = _kill_trials(scene, tmp_path, SLOW_TRIALS, seed=1414)
    print(f"kill trials: {outcome}")
    assert outcome["killed"] == SLOW_TRIALS and outcome["old"] > 0 and outcome["new"] > 0


_CONSOLE = """
import sys
sys.path.insert(0, {root!r})
from tests.conftest import FakeEmbedder
import factcheck.embed
factcheck.embed.Embedder = lambda *a, **k: FakeEmbedder()
from factcheck.cli import main
sys.argv = ["factcheck", *sys.argv[1:]]
main()
"""


@pytest.mark.long
@pytest.mark.slow
def test_index_update_kill_9_from_outside_keeps_a_whole_index(scene, tmp_path):
    """The console script, killed with `kill -9` by another process after a random delay."""
    corpus, pristine, old, new = scene
    script = tmp_path / "factcheck_fake.py"
    script.write_text(_CONSOLE.format(root=str(ROOT)))
    argv = [sys.executable, str(script), "index", str(corpus), "--update", "-o"]
    timing = tmp_path / "timing" / "idx"
    shutil.copytree(pristine, timing)
    started = time.perf_counter()
    subprocess.run([*argv, str(timing)], check=True, capture_output=True, timeout=300)
    duration = time.perf_counter() - started
    rng = random.Random(99)
    for trial in range(20):
        folder = tmp_path / f"outside-{trial}" / "idx"
        shutil.copytree(pristine, folder)
        child = subprocess.Popen([*argv, str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.0) * duration)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        assert answers(folder) in (old, new)
        verify_index(folder, read_manifest(folder), full=True)
        subprocess.run([*argv, str(folder)], check=True, capture_output=True, timeout=300)
        assert answers(folder) == new
        assert [p.name for p in folder.parent.iterdir()] == ["idx"]


# ------------------------------------------------------------------------------------------------
# Two writers
# ------------------------------------------------------------------------------------------------


def test_index_two_writers_take_turns_and_lose_no_update(scene, tmp_path):
    """Writer A reads corpus version 2 and embeds slowly; meanwhile the corpus gains a document and
    writer B starts.  B must wait for A, then index what it reads: the document is in the index.
    (Without the lock B would finish first and A's older corpus would overwrite it.)"""
    corpus, pristine, _, _ = scene
    folder = tmp_path / "shared" / "idx"
    shutil.copytree(pristine, folder)
    a = run_child(corpus, folder, embed_delay=1.5)
    deadline = time.monotonic() + 60
    while not is_locked(folder):
        assert time.monotonic() < deadline, "writer A never took the lock"
        time.sleep(0.01)
    time.sleep(0.3)  # A has read the corpus (under the lock) and is embedding
    write_corpus(corpus, 3)
    b = run_child(corpus, folder)
    code_a, _ = wait_child(*a)
    a_done = time.monotonic()
    code_b, _ = wait_child(*b)
    assert code_a == 0 and code_b == 0
    assert time.monotonic() >= a_done
    index = Index.open(folder)
    doc_ids = {index.passage(i).doc_id for i in range(len(index))}
    assert "late" in doc_ids, "the second writer's update was lost"
    assert index.manifest["update"]["reused_documents"] >= 4  # B started from A's index
    verify_index(folder, index.manifest, full=True)
    assert [p.name for p in folder.parent.iterdir()] == ["idx"]
