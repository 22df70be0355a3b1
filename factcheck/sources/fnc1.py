"""FNC-1 (Fake News Challenge stage 1): a news headline against an article body.

Stances map onto NLI labels as the issue tracker's recipe says: agree → entailment, disagree →
contradiction, discuss and unrelated → neutral.  Bodies are whole articles, far longer than the
model reads, so each headline is paired with the window of two consecutive body sentences that
shares most content words with it (:func:`factcheck.lexical.best_windows`).  The train set
(UKP's two split files, together the official train set) and the labelled competition test set
are both read; the ``key`` is the headline, so one headline's pairs stay in one split.  402
duplicated (headline, body) rows are read once.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from factcheck.lexical import best_windows, split_sentences
from factcheck.sources.base import NLIPair, need

STANCE_LABELS = {"agree": "entailment", "disagree": "contradiction", "discuss": "neutral", "unrelated": "neutral"}

_FILES = (
    ("train_bodies.csv", ("train_train_stances.csv", "train_test_stances.csv")),
    ("competition_test_bodies.csv", ("competition_test_stances.csv",)),
)


def _csv(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # article bodies are long fields
    with need(path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def body_sentences(body: str) -> list[str]:
    """The sentences of an article body, paragraph by paragraph."""
    return [s for para in body.split("\n") if para.strip() for s in split_sentences(para.strip())]


def fnc1(data: Path, *, stances: tuple[str, ...] = tuple(STANCE_LABELS)) -> list[NLIPair]:
    """Headline-window pairs of FNC-1 train and competition test (``stances`` to keep)."""
    root = data / "fnc1"
    out: list[NLIPair] = []
    seen: set[tuple[str, str, str]] = set()
    for bodies_file, stance_files in _FILES:
        bodies = {row["Body ID"]: row["articleBody"] for row in _csv(root / bodies_file)}
        sentences: dict[str, list[str]] = {}
        for stance_file in stance_files:
            for row in _csv(root / stance_file):
                stance = row.get("Stance", "").strip().lower()
                headline, body_id = row.get("Headline", "").strip(), row.get("Body ID", "")
                if stance not in stances or not headline or body_id not in bodies:
                    continue
                ident = (bodies_file, headline, body_id)
                if ident in seen:
                    continue
                seen.add(ident)
                sents = sentences.setdefault(body_id, body_sentences(bodies[body_id]))
                if not sents:
                    continue
                window = best_windows(headline, sents, size=2)[0]
                premise = " ".join(sents[i] for i in window)
                out.append(NLIPair(premise[:1500], headline, STANCE_LABELS[stance], f"fnc1-{stance}", headline))
    return out
