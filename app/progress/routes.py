"""The learner's progress dashboard."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_login import current_user, login_required

from ..exports.formats import FORMATS, export_chunks, file_name
from ..exports.forms import ProgressExportForm
from ..exports.progress import ExportScope
from ..exports.routes import request_platform, stream_download
from ..extensions import db
from ..models import utcnow
from . import bp
from .chart import ACCURACY_CHART
from .dashboard import accuracy_points, attempt_history, section_levels
from .schedule import due_count, review_horizon


@bp.get("/")
@login_required
def dashboard():
    """Levels per section, accuracy over time, reviews due and the attempt history."""
    due = due_count(db.session, current_user.id, review_horizon(utcnow(), current_user.time_zone))
    return render_template(
        "progress/dashboard.html",
        sections=section_levels(db.session, current_user.id),
        points=accuracy_points(db.session, current_user.id, ACCURACY_CHART),
        chart=ACCURACY_CHART,
        due_count=due,
        history=attempt_history(db.session, current_user.id),
        export_form=ProgressExportForm(formdata=None),
    )


@bp.get("/my-data")
@login_required
def my_data():
    """Download one's own answers in the instructors' export formats (CSV, JSON, xAPI)."""
    form = ProgressExportForm(request.args)
    if not form.validate():
        abort(400, "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
    scope = ExportScope(learner=current_user._get_current_object())
    name = form.format.data
    chunks = export_chunks(db.session, scope, name, request_platform(), bom=form.bom.data == "1")
    return stream_download(chunks, file_name(name, scope), FORMATS[name].mimetype)
