"""`factcheck check` on the seed article, whole process, this tree against an earlier commit.

Both versions build their own index of the same corpus (index formats differ between versions),
then ``check --index`` runs alternately, ``--runs`` times each, so both see the same machine load;
the median wall times and their ratio are printed.  Then, in this process, the library's warm
verification time per claim (a second ``check`` of the same article, ``Report.timings``).

    python evaluation/bench_check.py                        # against 15480e1 (before issue 12)
    python evaluation/bench_check.py --baseline HEAD~3 --runs 5 --json out.json

The baseline is checked out with ``git worktree`` into a temporary folder and imported from there
(``PYTHONPATH``), with this environment's packages.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_67f97ffaf357c057.txt"
CORPUS = ROOT / "data" / "sample" / "corpus"
BASELINE = "15480e1"  # the last commit before the verify package (issue 12)


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "factcheck", *args]


def _env(tree: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(tree)}


def _run(tree: Path, *args: str, ok: tuple[int, ...] = (0,)) -> float:
    started = time.perf_counter()
    proc = subprocess.run(_cli(*args), cwd=tree, env=_env(tree), capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode not in ok:
        raise SystemExit(f"{tree}: factcheck {' '.join(args)} exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    return seconds


def _refuted(report: Path) -> int:
    data = json.loads(report.read_text(encoding="utf-8"))
    return sum(v.get("label") == "REFUTED" for v in data.get("verdicts", []))


def warm_verification(article: str, index: Path) -> dict:
    """Seconds of verification per claim on a second check in one process (models loaded, warm)."""
    sys.path.insert(0, str(ROOT))
    from factcheck import FactChecker

    checker = FactChecker.from_index(str(index))
    checker.check(article)
    report = checker.check(article)
    n = max(len(report.verdicts), 1)
    return {"claims": len(report.verdicts), "verify_s": report.timings.get("verify"),
            "verify_per_claim_s": report.timings.get("verify", 0.0) / n, "total_s": report.timings.get("total")}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", default=BASELINE, help="commit to compare with")
    parser.add_argument("--article", type=Path, default=SEED)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args(argv)
    if not args.article.is_file():
        raise SystemExit(f"{args.article} not found (the seed article lives in ../shared/seeds)")
    with tempfile.TemporaryDirectory(prefix="fc-bench-check-") as tmp:
        tmp = Path(tmp)
        base = tmp / "baseline"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(base), args.baseline],
                       check=True, capture_output=True)  # fmt: skip
        try:
            trees = {"baseline": base, "current": ROOT}
            for name, tree in trees.items():
                _run(tree, "index", str(args.corpus.resolve()), "-o", str(tmp / f"index-{name}"))
            times: dict[str, list[float]] = {name: [] for name in trees}
            refuted = {}
            for _ in range(args.runs):
                for name, tree in trees.items():
                    out = tmp / f"report-{name}.json"
                    times[name].append(_run(tree, "check", str(args.article.resolve()), "--index",
                                            str(tmp / f"index-{name}"), "--format", "json", "--output", str(out),
                                            ok=(0, 1)))  # fmt: skip
                    refuted[name] = _refuted(out)
            warm = warm_verification(args.article.read_text(encoding="utf-8"), tmp / "index-current")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], capture_output=True)
    median = {name: statistics.median(t) for name, t in times.items()}
    result = {"baseline": args.baseline, "runs": args.runs, "seconds": times, "median_s": median,
              "speedup": median["baseline"] / median["current"], "refuted": refuted, "warm_current": warm}  # fmt: skip
    print(f"factcheck check {args.article.name} --index (whole process, median of {args.runs}, alternating):")
    for name in times:
        print(f"  {name:8s} {median[name]:6.2f} s  runs {', '.join(f'{t:.2f}' for t in times[name])}  "
              f"REFUTED {refuted[name]}")  # fmt: skip
    print(f"  speed-up current vs {args.baseline}: {result['speedup']:.2f}x")
    print(f"warm library check, current: {warm['claims']} claims, verification {warm['verify_s']:.2f} s "
          f"= {warm['verify_per_claim_s']:.3f} s per claim")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
