"""Pause Python's cyclic garbage collector while building large immutable structures.

Loading a 100,000-point catalog allocates millions of objects; with the collector running,
most of the time goes into collections that find nothing to free. The objects built here live
as long as the app, so afterwards they are frozen (``gc.freeze``) out of future collections.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc(freeze: bool = True) -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()
