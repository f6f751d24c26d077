"""Geometry of the accuracy chart: a viewBox with margins that hold every axis label."""

from __future__ import annotations

import math
from dataclasses import dataclass

LEVELS = (0, 50, 70, 100)  # the gridlines, in per cent
GOAL = 70  # the dashed gridline: the "familiar" threshold
# Text is not measured on the server, so a label's box is bounded generously: each character
# at most 0.8 em wide (Chromium's DejaVu Sans draws "100 %" 0.64 em a character), one em
# above the baseline and 0.35 em below it (it draws 0.97 and 0.28).
CHAR_EM = 0.8
ASCENT_EM = 1.0
DESCENT_EM = 0.35
BASELINE_EM = 0.35  # the baseline sits this far below its gridline, centring the digits on it
LABEL_GAP = 6  # between a label's end and the plot
DOT_RADIUS = 4
EDGE = 2  # blank space kept inside the viewBox's edges


@dataclass(frozen=True)
class AxisLabel:
    """One gridline and its label, right-aligned (text-anchor end) at ``x``."""

    level: int
    text: str
    y: float
    x: float
    baseline: float
    goal: bool


@dataclass(frozen=True)
class ChartFrame:
    """A width × height viewBox: the plot inside margins wide enough for the labels."""

    width: int = 600
    height: int = 220
    # the labels' font-size in viewBox units, set by the SVG (not the CSS): 16 px on a chart
    # drawn 600 px wide, about 10 px on a phone
    font: int = 16

    @staticmethod
    def label_text(level: int) -> str:
        """The axis label of a gridline."""
        return f"{level} %"

    def label_width(self, text: str) -> float:
        """An upper bound of a label's width in viewBox units."""
        return len(text) * CHAR_EM * self.font

    @property
    def left(self) -> float:
        """Room for the widest label, its gap to the plot and the edge."""
        widest = max(self.label_width(self.label_text(level)) for level in LEVELS)
        return math.ceil(EDGE + widest + LABEL_GAP)

    @property
    def top(self) -> float:
        """Room above the top gridline for the upper half of its label (and a dot on it)."""
        above = (ASCENT_EM - BASELINE_EM) * self.font
        return math.ceil(EDGE + max(above, DOT_RADIUS + 1))

    @property
    def bottom(self) -> float:
        """Room below the bottom gridline for the lower half of its label (and a dot on it)."""
        below = (BASELINE_EM + DESCENT_EM) * self.font
        return math.ceil(EDGE + max(below, DOT_RADIUS + 1))

    @property
    def right(self) -> float:
        """Room right of the plot for the last dot."""
        return EDGE + DOT_RADIUS + 1 + LABEL_GAP

    @property
    def view_box(self) -> str:
        """The SVG viewBox attribute."""
        return f"0 0 {self.width} {self.height}"

    def x(self, index: int, count: int) -> float:
        """The x of the index-th of count points, oldest on the left (a single one centred)."""
        if count < 2:
            return round((self.left + self.width - self.right) / 2, 1)
        step = (self.width - self.left - self.right) / (count - 1)
        return round(self.left + index * step, 1)

    def y(self, accuracy: float) -> float:
        """The y of an accuracy between 0 and 1 (0 at the bottom gridline)."""
        span = self.height - self.top - self.bottom
        return round(self.height - self.bottom - accuracy * span, 1)

    def axis(self) -> list[AxisLabel]:
        """The gridlines with their labels, bottom to top."""
        return [
            AxisLabel(
                level=level,
                text=self.label_text(level),
                y=self.y(level / 100),
                x=self.left - LABEL_GAP,
                baseline=round(self.y(level / 100) + BASELINE_EM * self.font, 1),
                goal=level == GOAL,
            )
            for level in LEVELS
        ]


ACCURACY_CHART = ChartFrame()
