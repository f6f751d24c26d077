"""Streaming sums for the item analysis: variances and covariances in one pass."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass
class Moments:
    """Streaming sums of one or two variables (count, sums, squares, cross products)."""

    n: int = 0
    sx: float = 0.0
    sxx: float = 0.0
    sy: float = 0.0
    syy: float = 0.0
    sxy: float = 0.0

    def add(self, x: float, y: float = 0.0) -> None:
        """Count one observation."""
        self.n += 1
        self.sx += x
        self.sxx += x * x
        self.sy += y
        self.syy += y * y
        self.sxy += x * y

    def mean_x(self) -> float:
        """Mean of x."""
        return self.sx / self.n

    def var_x(self) -> float | None:
        """Sample variance of x (over n - 1); None below two observations."""
        return _var(self.n, self.sx, self.sxx)

    def var_y(self) -> float | None:
        """Sample variance of y."""
        return _var(self.n, self.sy, self.syy)

    def cov(self) -> float | None:
        """Sample covariance of x and y."""
        if self.n < 2:
            return None
        return (self.sxy - self.sx * self.sy / self.n) / (self.n - 1)


def _var(n: int, s: float, ss: float) -> float | None:
    if n < 2:
        return None
    # max(0, …): rounding must not make a variance of equal values negative
    return max(0.0, (ss - s * s / n) / (n - 1))


def sorted_cross_sum(xs: Counter, ys: Counter) -> float:
    """Sum of x_(i) y_(i) with both multisets sorted ascending (same size), by their counts."""
    total, x_iter, y_iter = 0.0, iter(sorted(xs.items())), iter(sorted(ys.items()))
    x, nx = next(x_iter, (0.0, 0))
    y, ny = next(y_iter, (0.0, 0))
    while nx and ny:
        take = min(nx, ny)
        total += take * x * y
        nx, ny = nx - take, ny - take
        if not nx:
            x, nx = next(x_iter, (0.0, 0))
        if not ny:
            y, ny = next(y_iter, (0.0, 0))
    return total
