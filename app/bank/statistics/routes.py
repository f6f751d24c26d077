"""Instructors' item analysis of a class: its section tests, one test's figures, their CSV."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, render_template, request

from ...accounts.decorators import instructor_required
from ...classes.guards import managed_cohort
from ...extensions import db
from ...models import Section
from .. import bp
from .analysis import DEFAULT_SORT, BadSort, sort_items
from .data import SectionTest, analysis_for, section_tests
from .export import analysis_csv


def _chosen_test(cohort_id: int, section_id: str) -> tuple[Section, SectionTest, list]:
    """The section and the test asked for (?questions=N, else the one most learners took).

    A test no learner has finished is an empty one (the page says so), not a missing page.
    """
    section = db.session.get(Section, section_id) or abort(404)
    tests = [t for t in section_tests(db.session, cohort_id) if t.section_id == section.id]
    length = request.args.get("questions", type=int)
    chosen = [t for t in tests if t.length == length] if length is not None else tests
    if not chosen:
        return section, SectionTest(section.id, section.title, length or 0, 0), tests
    return section, max(chosen, key=lambda t: (t.learners, t.length)), tests


def _sorted_analysis(cohort_id: int, section_id: str) -> dict[str, Any]:
    """Everything the page and the CSV show, in the order asked for (?sort=&dir=)."""
    sort, direction = request.args.get("sort", DEFAULT_SORT), request.args.get("dir", "asc")
    if direction not in ("asc", "desc"):
        abort(400, "Use dir=asc or dir=desc.")
    section, test, tests = _chosen_test(cohort_id, section_id)
    analysis, versions = analysis_for(db.session, cohort_id, section.id, test.length)
    try:
        items = sort_items(analysis.items, sort, direction == "desc")
    except BadSort as exc:
        abort(400, str(exc))
    return dict(section=section, test=test, tests=tests, analysis=analysis, items=items,
                versions=versions, sort=sort, direction=direction)  # fmt: skip


@bp.get("/classes/<int:cohort_id>/items")
@instructor_required
def item_statistics(cohort_id: int):
    """The class's section tests, each with the learners who finished one."""
    cohort = managed_cohort(cohort_id)
    tests = section_tests(db.session, cohort.id)
    return render_template("bank/items.html", cohort=cohort, tests=tests)


@bp.get("/classes/<int:cohort_id>/items/<section_id>")
@instructor_required
def item_analysis(cohort_id: int, section_id: str):
    """Moodle's item analysis of one section test: ?questions=&sort=&dir=."""
    cohort = managed_cohort(cohort_id)
    context = _sorted_analysis(cohort.id, section_id)
    return render_template("bank/item_analysis.html", cohort=cohort, **context)


@bp.get("/classes/<int:cohort_id>/items/<section_id>/export.csv")
@instructor_required
def item_analysis_csv(cohort_id: int, section_id: str):
    """The same figures as CSV, in the page's order (?bom=0 leaves out the UTF-8 BOM)."""
    cohort = managed_cohort(cohort_id)
    c = _sorted_analysis(cohort.id, section_id)
    text = analysis_csv(c["section"].title, c["analysis"], c["items"], c["versions"],
                        bom=request.args.get("bom", "1") != "0")  # fmt: skip
    name = f"item-analysis-section-{c['section'].order}-{c['test'].length}-questions.csv"
    response = Response(text, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
