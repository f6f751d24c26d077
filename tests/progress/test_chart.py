"""The accuracy chart: every axis label, gridline and dot inside the SVG's viewBox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from lxml import etree

from app.extensions import db
from app.models import User
from app.progress.chart import ACCURACY_CHART, LEVELS, ChartFrame
from app.progress.dashboard import ChartPoint
from app.quiz.answers import save_answer
from app.quiz.finishing import finish_attempt
from app.quiz.starting import build_attempt
from tests.factories import make_bank, make_section

SVG = "{http://www.w3.org/2000/svg}"
# Advance widths and extents (in em) of DejaVu Sans, the sans-serif Debian's Chromium draws with,
# rounded up: digits 0.636, space 0.318, "%" 0.950; ascender 0.928, descender 0.236. Measured
# here independently of the chart's own (more generous) bound.
ADVANCE_EM = {**dict.fromkeys("0123456789", 0.65), " ": 0.35, "%": 0.96}
ASCENDER_EM, DESCENDER_EM = 0.93, 0.24
FRAMES = [
    ACCURACY_CHART,
    ChartFrame(width=320, height=120, font=12),
    ChartFrame(width=600, height=220, font=24),
]


def _text_box(text: str, x: float, baseline: float, font: float) -> tuple[float, ...]:
    """(left, top, right, bottom) of right-aligned text (text-anchor end) at x."""
    width = sum(ADVANCE_EM.get(char, 1.0) for char in text) * font
    return x - width, baseline - ASCENDER_EM * font, x, baseline + DESCENDER_EM * font


def _points(frame: ChartFrame, accuracies: list[float]) -> list[ChartPoint]:
    start = datetime(2026, 11, 1, tzinfo=UTC)
    return [
        ChartPoint(
            attempt_id=index,
            when=start + timedelta(days=index),
            accuracy=accuracy,
            label="section quiz",
            x=frame.x(index, len(accuracies)),
            y=frame.y(accuracy),
        )
        for index, accuracy in enumerate(accuracies)
    ]


def _render(app, frame: ChartFrame, points: list[ChartPoint]) -> etree._Element:
    """The chart macro's real output, parsed as SVG."""
    with app.test_request_context():
        module = app.jinja_env.get_template("progress/_chart.html").module
        html = str(module.accuracy_chart(points, frame))
    start, end = html.index("<svg"), html.index("</svg>") + len("</svg>")
    return etree.fromstring(html[start:end].encode())


@pytest.mark.parametrize("frame", FRAMES, ids=["default", "small", "big-font"])
def test_every_label_gridline_and_dot_is_inside_the_view_box(app, frame):
    svg = _render(app, frame, _points(frame, [1.0, 0.0, 0.5, 0.7, 1.0]))
    x0, y0, width, height = (float(n) for n in svg.get("viewBox").split())
    assert (x0, y0, width, height) == (0, 0, frame.width, frame.height)
    labels = svg.findall(f"{SVG}text")
    assert [label.text for label in labels] == [f"{level} %" for level in LEVELS]
    for label in labels:
        assert label.get("text-anchor") == "end"
        left, top, right, bottom = _text_box(
            label.text, float(label.get("x")), float(label.get("y")), float(label.get("font-size"))
        )
        assert 0 <= left and right <= width, f"{label.text!r} spans x {left:.1f}..{right:.1f}"
        assert 0 <= top and bottom <= height, f"{label.text!r} spans y {top:.1f}..{bottom:.1f}"
        assert right < frame.left, "the label ends before the plot starts"
    for line in svg.findall(f"{SVG}line"):
        assert frame.left <= float(line.get("x1")) < float(line.get("x2")) <= width
        assert 0 <= float(line.get("y1")) <= height
    for dot in svg.findall(f"{SVG}circle"):
        radius = float(dot.get("r"))
        assert radius <= float(dot.get("cx")) <= width - radius
        assert radius <= float(dot.get("cy")) <= height - radius


def test_points_span_the_plot_oldest_on_the_left():
    frame = ACCURACY_CHART
    points = _points(frame, [0.0, 0.5, 1.0])
    assert [p.x for p in points] == sorted(p.x for p in points)
    assert points[0].x == frame.left and points[-1].x == frame.width - frame.right
    gridlines = {label.level: label.y for label in frame.axis()}
    assert [p.y for p in points] == [gridlines[0], gridlines[50], gridlines[100]]
    single = _points(frame, [0.7])[0]
    assert single.x == round((frame.left + frame.width - frame.right) / 2, 1)
    assert single.y == gridlines[70]


def test_the_dashboard_draws_the_chart_in_the_frame(client, auth, app):
    """The page's chart uses the frame's labels (the route passes it to the template)."""
    auth.create("learner")
    with app.app_context():
        section = make_bank(make_section(id="preamble", title="Preamble"))
        learner = db.session.scalar(sa.select(User).where(User.username == "learner"))
        now = datetime.now(UTC)
        attempt = build_attempt(db.session, learner, [section.id], "test", 2, now=now)
        for served in attempt.served_questions:
            save_answer(db.session, attempt, served, served.version.answer, now)
        finish_attempt(db.session, attempt, now)
        db.session.commit()
    auth.login("learner")
    page = client.get("/progress/").get_data(as_text=True)
    start = page.index("<svg", page.index('class="chart"'))  # the rings come before it
    svg = etree.fromstring(page[start : page.index("</svg>", start) + 6].encode())
    top = next(t for t in svg.findall(f"{SVG}text") if t.text == "100 %")
    label = next(a for a in ACCURACY_CHART.axis() if a.level == 100)
    assert float(top.get("x")) == label.x and float(top.get("y")) == label.baseline
    dot = svg.find(f"{SVG}circle")
    assert float(dot.get("cy")) == label.y  # a quiz with every answer right sits on 100 %
