"""Fixed splits of labelled data, shared by training and evaluation.

Every item of a third-party set falls in one of four *quarters* by a hash of a stable key (a
claim id, a claim, a Wikipedia page, a premise: whatever keeps related items together)::

    quarter(key) = int(sha256(str(key)).hexdigest(), 16) % 4

======== ============ ===================================================================
quarter  name         use
======== ============ ===================================================================
0        ``heldout``  never trained on, never tuned on: the numbers the project reports
1        ``dev``      never trained on: calibration, thresholds, the decision model, ablations
2, 3     ``train``    the NLI training mix
======== ============ ===================================================================

Sets that are evaluation sets as a whole (Climate-FEVER, FEVER-Symmetric in every version) are
not split: no part of them is ever trained or tuned on.
"""

from __future__ import annotations

import hashlib
from typing import Literal

Split = Literal["heldout", "dev", "train"]
SPLITS: tuple[Split, ...] = ("heldout", "dev", "train")

HELDOUT_QUARTER = 0
DEV_QUARTER = 1
TRAIN_QUARTERS = (2, 3)


def quarter(key: object) -> int:
    """The fixed quarter (0-3) of ``key``; quarter 0 is held out everywhere."""
    return int(hashlib.sha256(str(key).encode()).hexdigest(), 16) % 4


def split_of(key: object) -> Split:
    """``"heldout"`` (quarter 0), ``"dev"`` (quarter 1) or ``"train"`` (quarters 2 and 3)."""
    q = quarter(key)
    return "heldout" if q == HELDOUT_QUARTER else "dev" if q == DEV_QUARTER else "train"
