"""PNG plots of an evaluation: confusion matrix, reliability diagram, coverage–accuracy curve.

Needs matplotlib (the ``eval`` extra); :func:`write_plots` returns no paths and says why in a
warning when it is missing, so an evaluation never fails for want of a plot.
"""

from __future__ import annotations

import logging
from pathlib import Path

logger = logging.getLogger(__name__)


def write_plots(metrics: dict, out_dir: Path) -> list[Path]:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        logger.warning("matplotlib is not installed; no plots written (pip install matplotlib)")
        return []
    paths = []
    title = f"{metrics.get('dataset', '')} ({metrics.get('mode', '')})"

    cm = metrics["confusion_matrix"]
    fig, ax = plt.subplots(figsize=(4.8, 4.2))
    matrix = cm["matrix"]
    ax.imshow(matrix, cmap="Blues")
    short = [label.replace("NOT_ENOUGH_INFO", "NEI") for label in cm["labels"]]
    ax.set_xticks(range(len(short)), short)
    ax.set_yticks(range(len(short)), short)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    peak = max(max(row) for row in matrix) or 1
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            ax.text(j, i, str(value), ha="center", va="center", color="white" if value > peak / 2 else "black")
    ax.set_title(f"Confusion matrix\n{title}", fontsize=9)
    fig.tight_layout()
    paths.append(out_dir / "confusion_matrix.png")
    fig.savefig(paths[-1], dpi=120)
    plt.close(fig)

    cal = metrics.get("calibration")
    if cal:
        fig, ax = plt.subplots(figsize=(4.8, 4.2))
        bins = [b for b in cal["bins"] if b["count"]]
        ax.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1)
        ax.bar(
            [b["low"] for b in bins],
            [b["accuracy"] for b in bins],
            width=1 / len(cal["bins"]),
            align="edge",
            alpha=0.7,
            edgecolor="black",
            label="accuracy",
        )
        ax.plot(
            [b["confidence"] for b in bins],
            [b["accuracy"] for b in bins],
            "o",
            color="darkred",
            label="mean confidence",
        )
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xlabel("confidence of the predicted label")
        ax.set_ylabel("accuracy")
        ax.set_title(f"Reliability (ECE {cal['ece']:.3f})\n{title}", fontsize=9)
        ax.legend(loc="upper left", fontsize=8)
        fig.tight_layout()
        paths.append(out_dir / "reliability.png")
        fig.savefig(paths[-1], dpi=120)
        plt.close(fig)

        curve = [p for p in cal["coverage_accuracy"] if p["accuracy"] is not None]
        fig, ax = plt.subplots(figsize=(4.8, 3.6))
        ax.plot([p["coverage"] for p in curve], [p["accuracy"] for p in curve], marker="o")
        ax.set_xlim(0, 1.02)
        ax.set_ylim(0, 1.02)
        ax.set_xlabel("coverage (most confident fraction kept)")
        ax.set_ylabel("accuracy")
        ax.set_title(f"Coverage vs accuracy\n{title}", fontsize=9)
        ax.grid(alpha=0.3)
        fig.tight_layout()
        paths.append(out_dir / "coverage_accuracy.png")
        fig.savefig(paths[-1], dpi=120)
        plt.close(fig)
    return paths
