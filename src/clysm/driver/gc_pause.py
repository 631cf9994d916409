"""Compiling without Python's cyclic garbage collector.

A compile allocates hundreds of thousands of short-lived objects next to the
long-lived compile-time image (about 400,000 objects): with the collector on,
its collections scan that image again and again, a third or more of the
compile time.  The compiler's garbage is freed by reference counting as it
goes; cycles left over are collected after the compile, on the collector's
usual schedule.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Run the body with the cyclic collector off (left off if it was)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def without_cyclic_gc(function: Callable[P, R]) -> Callable[P, R]:
    """`function` run with the cyclic collector paused."""

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        with cyclic_gc_paused():
            return function(*args, **kwargs)

    return paused
