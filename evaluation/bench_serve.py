"""Latency of ``POST /api/check`` on a warm ``factcheck serve``, the seed article by default.

    python evaluation/bench_serve.py [--corpus data/sample/corpus] [--article PATH] [--repeat 5] [--precision fp32|int8]

Starts ``factcheck serve`` on a free loopback port (models load and warm up once), waits for
``/healthz``, sends one untimed request, then ``--repeat`` timed ones, and prints per request the
wall time and the CPU seconds the server process used (read from /proc: on a machine shared with
other jobs, wall time grows with the contention while the CPU time does not), then the median and
minimum.  ``--json FILE`` also writes the figures.  Nothing but the loopback address is contacted.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_67f97ffaf357c057.txt"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` and its threads, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_healthy(base: str, server: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"factcheck serve exited with status {server.returncode}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise SystemExit(f"factcheck serve did not answer /healthz within {timeout:.0f} s")


def post(base: str, payload: bytes) -> dict:
    request = urllib.request.Request(
        base + "/api/check", data=payload, headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=600) as response:
        return json.loads(response.read())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "data" / "sample" / "corpus"))
    parser.add_argument("--article", default=str(SEED))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--precision", default="fp32", help="the server's NLI precision (fp32 or int8)")
    parser.add_argument("--startup-timeout", type=float, default=600.0)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()

    payload = json.dumps({"text": Path(args.article).read_text(encoding="utf-8")}).encode("utf-8")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "factcheck", "--quiet", "serve", "--corpus", args.corpus, "--port", str(port)]
    command += ["--precision", args.precision]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        started = time.perf_counter()
        wait_healthy(base, server, args.startup_timeout)
        startup = time.perf_counter() - started
        report = post(base, payload)  # untimed: the first request of a process
        walls, cpus = [], []
        for i in range(args.repeat):
            cpu0, t0 = cpu_seconds(server.pid), time.perf_counter()
            report = post(base, payload)
            walls.append(time.perf_counter() - t0)
            cpus.append(cpu_seconds(server.pid) - cpu0)
            print(f"request {i + 1}: {walls[-1]:.2f} s wall, {cpus[-1]:.2f} s CPU", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    result = {
        "article": args.article,
        "corpus": args.corpus,
        "precision": args.precision,
        "claims": report["summary"]["claims"],
        "verdicts": {k: report["summary"][k] for k in ("SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO")},
        "startup_seconds": round(startup, 2),
        "wall_seconds": [round(w, 3) for w in walls],
        "cpu_seconds": [round(c, 3) for c in cpus],
        "wall_median": round(statistics.median(walls), 3),
        "wall_min": round(min(walls), 3),
        "cpu_median": round(statistics.median(cpus), 3),
        "cores": os.cpu_count(),
        "load_average": os.getloadavg(),
    }
    print(json.dumps(result, indent=2))
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
