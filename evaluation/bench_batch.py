"""Batch checking and index embedding: one process per article vs ``check-batch`` local vs Ray.

    python evaluation/bench_batch.py [--articles 50] [--passages 3000] [--actors N] [--out DIR]

Generates ``--articles`` news articles from the sample corpus (seeded: sentences of its
documents, a third of them with a figure changed, under a headline, byline and dateline), indexes
the sample corpus once, then checks the articles three ways, side by side in one run, each as
its own command:

1. ``factcheck check ARTICLE --index DIR --format jsonl`` once per article (today's CLI in a loop);
2. ``factcheck check-batch FOLDER --index DIR --out OUT`` (the local engine);
3. the same with ``--engine ray`` (a local Ray started by the command).

and reports articles/s, the peak memory of each command's whole process tree (sampled; for the
loop, the largest single process), and the share of verdicts identical between the three.  Then
it indexes a generated corpus of about ``--passages`` passages with ``factcheck index`` locally
and with ``--engine ray`` and reports passages/s and whether the two indexes hold the same
passages, vectors (within float16 rounding) and manifest fingerprint.  Results are printed as
Markdown and written to ``OUT/bench_batch.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
FACTCHECK = [sys.executable, "-m", "factcheck"]
DATES = ("19 June 2024", "20 June 2024", "21 June 2024")  # a few days of a newsroom's articles
_NUMBER = re.compile(r"\b\d[\d,]*\b")


# ------------------------------------------------------------------------------------------------
# Generated inputs
# ------------------------------------------------------------------------------------------------


def _sentences() -> list[tuple[str, str]]:
    """(document title, sentence) of every body sentence of the sample corpus."""
    from factcheck.corpus import read_corpus
    from factcheck.text import split_sentences_fast

    out = []
    for doc in read_corpus(SAMPLE / "corpus").documents:
        body = "\n".join(line for line in doc.text.splitlines() if line.strip() and not line.startswith("#"))
        for span in split_sentences_fast(body):
            sentence = body[span.start : span.end].strip()
            if len(sentence.split()) >= 6:
                out.append((doc.title or doc.id, sentence))
    return out


def _perturb(sentence: str, rng: random.Random) -> str:
    """The sentence with one figure changed (a planted error), or as it is when it has none."""
    numbers = list(_NUMBER.finditer(sentence))
    if not numbers:
        return sentence
    m = rng.choice(numbers)
    value = int(m.group().replace(",", ""))
    changed = value + rng.choice((1, 2, 3)) if value >= 1900 else value * rng.choice((2, 3)) + 1
    return sentence[: m.start()] + f"{changed:,}".replace(",", "" if value >= 1900 else ",") + sentence[m.end() :]


def generate_articles(n: int, seed: int = 0) -> list[dict[str, str]]:
    """``n`` articles of 8-10 sentences in 4-6 paragraphs; about a third of the sentences are altered."""
    rng = random.Random(seed)
    pool = _sentences()
    articles = []
    for i in range(n):
        picks = rng.sample(pool, rng.randint(8, 10))
        body = [_perturb(s, rng) if rng.random() < 0.35 else s for _, s in picks]
        paragraphs, k = [], 0
        while k < len(body):
            step = rng.choice((1, 2, 2))
            paragraphs.append(" ".join(body[k : k + step]))
            k += step
        header = [picks[0][0], "By Staff Reporter, Bench Wire", f"Published {DATES[i % len(DATES)]}"]
        articles.append({"id": f"article-{i:03d}", "text": "\n\n".join(header + paragraphs) + "\n"})
    return articles


def generate_corpus(passages: int, path: Path, seed: int = 1) -> int:
    """A JSONL corpus of documents of 3 sentence windows each (about ``passages`` passages); documents written."""
    rng = random.Random(seed)
    pool = [s for _, s in _sentences()]
    n_docs = max(1, passages // 3)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n_docs):
            text = " ".join(_perturb(s, rng) for s in rng.sample(pool, 9))
            handle.write(json.dumps({"id": f"doc-{i:06d}", "title": f"Generated {i}", "text": text}) + "\n")
    return n_docs


# ------------------------------------------------------------------------------------------------
# Measuring a command
# ------------------------------------------------------------------------------------------------


class _PeakTree(threading.Thread):
    """Samples the summed resident memory of a process and all its descendants."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.peak, self._done = pid, every, 0, threading.Event()

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._done.is_set():
            total = 0
            try:
                for proc in [root, *root.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):
                        total += proc.memory_info().rss
            except psutil.Error:
                break
            self.peak = max(self.peak, total)
            self._done.wait(self.every)

    def stop(self) -> int:
        self._done.set()
        self.join()
        return self.peak


def _log(label: str, row: dict) -> None:
    print(f"{label}: {json.dumps(row)}", file=sys.stderr, flush=True)


def run(cmd: list[str], *, ok=(0,), env=None) -> tuple[float, int, str]:
    """Run ``cmd``; its wall seconds, the peak memory of its process tree (bytes) and its stderr."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    sampler = _PeakTree(proc.pid)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    peak = sampler.stop()
    if proc.returncode not in ok:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{err}")
    return seconds, peak, err


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def _verdict_keys(lines: list[str], article: str | None = None) -> dict[tuple[str, str], str]:
    """(article, claim id) -> the verdict line without its article id.

    ``check`` names an article by its content, ``check-batch`` by its file: the loop's lines are
    keyed by the file they were written for (``article``), and the id itself is not compared.
    """
    out = {}
    for line in lines:
        row = json.loads(line)
        key = (article or row.pop("article_id"), row["claim"]["id"])
        row.pop("article_id", None)
        row.get("claim", {}).pop("article_id", None)
        out[key] = json.dumps(row, sort_keys=True)
    return out


def _identical(a: dict, b: dict, articles: set[str] | None = None) -> float:
    keys = {k for k in set(a) | set(b) if articles is None or k[0] in articles}
    return 100.0 * sum(1 for k in keys if a.get(k) == b.get(k)) / max(len(keys), 1)


# ------------------------------------------------------------------------------------------------
# The benchmark
# ------------------------------------------------------------------------------------------------


def bench_checking(work: Path, n_articles: int, actors: list[str], loop_articles: int | None = None) -> dict:
    folder = work / "articles"
    folder.mkdir()
    for article in generate_articles(n_articles):
        (folder / f"{article['id']}.txt").write_text(article["text"], encoding="utf-8")
    index = work / "index"
    run([*FACTCHECK, "index", str(SAMPLE / "corpus"), "-o", str(index)])
    results: dict = {"articles": n_articles}

    load = _load()
    seconds, peak, _ = run(
        [*FACTCHECK, "check-batch", str(folder), "--index", str(index), "--out", str(work / "local")]
    )
    results["check-batch local"] = {"seconds": seconds, "peak_mb": peak / 2**20, "load_before": load}
    _log("check-batch local", results["check-batch local"])
    load = _load()
    ray_cmd = [*FACTCHECK, "check-batch", str(folder), "--index", str(index), "--out", str(work / "ray")]
    seconds, peak, _ = run([*ray_cmd, "--engine", "ray", *actors])
    results["check-batch --engine ray"] = {"seconds": seconds, "peak_mb": peak / 2**20, "load_before": load}
    _log("check-batch --engine ray", results["check-batch --engine ray"])
    load = _load()
    loop_out = work / "loop"
    loop_out.mkdir()
    total, peak_max = 0.0, 0
    looped = sorted(folder.glob("*.txt"))[:loop_articles]
    for path in looped:
        out = loop_out / f"{path.stem}.jsonl"
        cmd = [*FACTCHECK, "check", str(path), "--index", str(index), "--format", "jsonl", "--output", str(out)]
        seconds, peak, _ = run(cmd, ok=(0, 1))
        total += seconds
        peak_max = max(peak_max, peak)
        _log(f"CLI {path.stem}", {"seconds": seconds})
    results["CLI loop"] = {"seconds": total, "peak_mb": peak_max / 2**20, "load_before": load, "n": len(looped)}
    for row in results.values():
        if isinstance(row, dict):
            row["articles_per_second"] = row.get("n", n_articles) / row["seconds"]

    loop = {}
    for f in sorted(loop_out.glob("*.jsonl")):
        loop.update(_verdict_keys([line for line in f.read_text().splitlines() if line], article=f.stem))
    local = _verdict_keys([x for x in (work / "local" / "verdicts.jsonl").read_text().splitlines() if x])
    on_ray = _verdict_keys([x for x in (work / "ray" / "verdicts.jsonl").read_text().splitlines() if x])
    summary = json.loads((work / "local" / "summary.json").read_text())
    results["claims"] = summary["claims"]
    results["labels"] = summary["labels"]
    results["identical_verdicts_pct"] = {
        "local vs ray": _identical(local, on_ray),
        "local vs CLI loop": _identical(local, loop, {p.stem for p in looped}),
    }
    ray_summary = json.loads((work / "ray" / "summary.json").read_text())
    results["ray"] = ray_summary.get("ray")
    return results


def bench_indexing(work: Path, passages: int, actors: list[str]) -> dict:
    import numpy as np

    corpus = work / "corpus.jsonl"
    docs = generate_corpus(passages, corpus)
    results: dict = {"documents": docs}
    for name, extra in (("local", []), ("ray", ["--engine", "ray", *actors])):
        load = _load()
        seconds, peak, _ = run([*FACTCHECK, "index", str(corpus), "-o", str(work / f"idx-{name}"), *extra])
        manifest = json.loads((work / f"idx-{name}" / "manifest.json").read_text())
        n = manifest["corpus"]["passages"]
        results[name] = row = {
            "seconds": seconds,
            "build_seconds": manifest["build_seconds"],
            "passages": n,
            "passages_per_second": n / seconds,
            "peak_mb": peak / 2**20,
            "load_before": load,
        }
        _log(f"index {name}", row)
    a, b = work / "idx-local", work / "idx-ray"
    va = np.load(a / "vectors.npy").astype(np.float32)
    vb = np.load(b / "vectors.npy").astype(np.float32)
    ma, mb = (json.loads((p / "manifest.json").read_text()) for p in (a, b))
    results["same_passages"] = (a / "passages.jsonl").read_bytes() == (b / "passages.jsonl").read_bytes()
    results["max_vector_difference"] = float(np.abs(va - vb).max())
    results["same_fingerprint"] = ma["corpus"]["fingerprint"] == mb["corpus"]["fingerprint"] and (
        ma["embedder"] == mb["embedder"]
    )
    return results


def report(results: dict) -> str:
    c, x = results["checking"], results["indexing"]
    loop = c["CLI loop"]["articles_per_second"]
    local = c["check-batch local"]["articles_per_second"]
    lines = [
        f"checking {c['articles']} generated articles ({c['claims']} claims), 2 CPU cores",
        "",
        "| command | articles/s | vs CLI loop | peak memory (MB) | load avg before |",
        "|---|---|---|---|---|",
    ]
    for name in ("CLI loop", "check-batch local", "check-batch --engine ray"):
        row = c[name]
        label = f"{name} ({row['n']} articles)" if "n" in row else name
        lines.append(
            f"| {label} | {row['articles_per_second']:.3f} | {row['articles_per_second'] / loop:.2f}x | "
            f"{row['peak_mb']:.0f} | {row['load_before']} |"
        )
    ray_rate = c["check-batch --engine ray"]["articles_per_second"]
    lines += [
        "",
        f"Ray vs local: {ray_rate / local:.2f}x; identical verdicts: "
        + ", ".join(f"{k} {v:.1f} %" for k, v in c["identical_verdicts_pct"].items()),
        "",
        f"indexing {x['local']['passages']} passages ({x['documents']} documents)",
        "",
        "| engine | seconds | passages/s | peak memory (MB) | load avg before |",
        "|---|---|---|---|---|",
    ]
    for name in ("local", "ray"):
        row = x[name]
        lines.append(
            f"| {name} | {row['seconds']:.1f} | {row['passages_per_second']:.1f} | {row['peak_mb']:.0f} | "
            f"{row['load_before']} |"
        )
    lines += [
        "",
        f"Ray vs local: {x['ray']['passages_per_second'] / x['local']['passages_per_second']:.2f}x; same passages: "
        f"{x['same_passages']}, same fingerprint: {x['same_fingerprint']}, max |vector difference| "
        f"{x['max_vector_difference']:.2e}",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--passages", type=int, default=3000)
    parser.add_argument("--actors", type=int, default=None, help="Ray actors (default: what the local Ray holds)")
    parser.add_argument("--out", type=Path, default=ROOT / "evaluation" / "results")
    parser.add_argument("--skip-indexing", action="store_true")
    parser.add_argument("--loop-articles", type=int, default=None, help="CLI loop over the first N articles only")
    parser.add_argument("--work", type=Path, default=Path.home() / ".cache", help="where the scratch folder goes")
    args = parser.parse_args()
    actors = ["--actors", str(args.actors)] if args.actors else []
    args.work.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="factcheck-bench-batch-", dir=args.work))
    os.environ.setdefault("FACTCHECK_HOME", str(work / "home"))
    try:
        results = {"machine": {"cpus": os.cpu_count(), "load_at_start": _load()}}
        results["checking"] = bench_checking(work, args.articles, actors, args.loop_articles)
        results["indexing"] = {} if args.skip_indexing else bench_indexing(work, args.passages, actors)
        results["machine"]["load_at_end"] = _load()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench_batch.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if results["indexing"]:
        print(report(results))
    else:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
