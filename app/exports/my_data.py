"""A learner's download of their own answers, in the instructors' export formats.

The view is the progress pages' (``/progress/my-data``, beside the dashboard that offers it)
but lives with the exports it serves: the exports come last in the flow and depend on the
progress pages, never the reverse. Loaded by create_app (app/__init__.py) with the other views.
"""

from __future__ import annotations

from typing import Any

from flask import abort, request
from flask_login import current_user, login_required

from ..downloads import stream_download
from ..extensions import db
from ..progress import bp
from .formats import FORMATS, export_chunks, file_name
from .forms import ProgressExportForm
from .progress import ExportScope
from .routes import request_platform


@bp.context_processor
def download_formats() -> dict[str, Any]:
    """The formats the dashboard's "Your data" form offers, for the progress pages' templates."""
    return {"my_data_formats": FORMATS.values()}


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
