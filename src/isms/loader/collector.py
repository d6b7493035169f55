"""Fewer garbage collections while a repository is read: the data built then lives on anyway.

Loading 1,000 controls allocates millions of small containers (the YAML node trees, the plain
data, the pydantic models) and frees few of them in cycles. With Python's default thresholds the
cyclic collector ran every 700 allocations and traversed that growing heap again and again: a
third of the CPU time of a cold `isms check` at 1,000 controls (issue 19). Inside
:func:`rare_collections` the youngest generation is collected every 50,000 allocations instead
(as mypy does while it builds its graph); reference counting still frees everything at once
that is not in a cycle, and collections still run, so memory stays bounded.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: Allocations between collections of the youngest generation, and collections between older ones.
THRESHOLDS = (50_000, 20, 100)


@contextmanager
def rare_collections() -> Iterator[None]:
    """Within the block, collect garbage rarely; the thresholds set before are restored after it."""
    before = gc.get_threshold()
    if before[0] == 0 or before[0] >= THRESHOLDS[0]:  # collection disabled, or already rarer: leave it
        yield
        return
    gc.set_threshold(*THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
