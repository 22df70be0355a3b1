"""Pausing Python's cyclic garbage collector around allocation-heavy work.

Extracting claims from a long article allocates millions of short-lived objects (spaCy tokens and
spans, candidate parts, mentions) while the parsed documents stay alive. Each full collection walks
every live object, and their number grows with the article, so on a 1 MB article the collector's
passes cost seconds without finding garbage worth the walk (evaluation/RESULTS.md, "long
articles"). Reference counting still frees everything that is not in a cycle; the cycles left are
collected once the pause ends.

The pause nests and is shared across threads: the collector is switched back on only when the
outermost pause ends, and only if it was on when the first one began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Run the body with the cyclic collector off (see the module docstring)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()


__all__ = ["cyclic_gc_paused"]
