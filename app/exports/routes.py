"""Instructors' export pages: they check access, then stream what the export functions yield."""

from __future__ import annotations

from datetime import UTC, datetime, time

import sqlalchemy as sa
from flask import abort, current_app, render_template, request
from flask_login import current_user

from ..accounts.decorators import instructor_required
from ..bank.interchange.formats import BANK_FORMATS
from ..classes.access import owned_cohort, visible_cohorts
from ..downloads import stream_download
from ..extensions import db
from ..models import Cohort, Section
from . import bp
from .formats import FORMATS, SiteIdentity, export_chunks, file_name
from .forms import ProgressExportForm
from .progress import ExportScope


def request_platform() -> SiteIdentity:
    """The platform as xAPI statements name it: PLATFORM_URL, or the URL this request came to."""
    return SiteIdentity(
        url=current_app.config.get("PLATFORM_URL") or request.url_root,
        name=current_app.config["PLATFORM_NAME"],
    )


def _managed_cohort(cohort_id: int) -> Cohort:
    """The cohort if the current user runs it; 404 when missing, 403 when someone else's."""
    cohort = owned_cohort(db.session, current_user, cohort_id)
    if cohort is None:
        abort(404 if db.session.get(Cohort, cohort_id) is None else 403)
    return cohort


@bp.get("/")
@instructor_required
def index():
    """The export formats, with a download form per cohort."""
    cohorts = visible_cohorts(db.session, current_user, include_archived=True)
    sections = list(db.session.scalars(sa.select(Section).order_by(Section.order)))
    return render_template(
        "exports/index.html",
        cohorts=cohorts,
        form=ProgressExportForm(),
        bank_formats=BANK_FORMATS,
        sections=sections,
    )


@bp.get("/progress/<int:cohort_id>")
@instructor_required
def progress(cohort_id: int):
    """Download one cohort's progress in the chosen format."""
    cohort = _managed_cohort(cohort_id)
    form = ProgressExportForm(request.args)
    if not form.validate():
        abort(400, "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
    since = datetime.combine(form.since.data, time(), UTC) if form.since.data else None
    scope = ExportScope(cohort=cohort, since=since)
    name = form.format.data
    chunks = export_chunks(db.session, scope, name, request_platform(), bom=form.bom.data == "1")
    return stream_download(chunks, file_name(name, scope), FORMATS[name].mimetype)
