"""Medians and geometric means."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable


def median(values: Iterable[float]) -> float:
    return float(statistics.median(list(values)))


def geometric_mean(values: Iterable[float]) -> float | None:
    """The geometric mean of positive values; None when there are none."""
    items = [v for v in values if v > 0]
    if not items:
        return None
    return math.exp(sum(math.log(v) for v in items) / len(items))
