"""Instructors' bank interchange pages: download the bank, import a GIFT or Moodle XML file."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ..accounts.decorators import instructor_required
from ..downloads import stream_download
from ..extensions import db
from ..models import Section
from . import bp
from .forms import BankImportForm
from .interchange.bank import bank_questions, import_bank_file, import_format
from .interchange.formats import BANK_FORMATS, bank_chunks, bank_file_name
from .interchange.gift_import import GiftError


def _sections() -> list[Section]:
    return list(db.session.scalars(sa.select(Section).order_by(Section.order)))


@bp.get("/exports/bank")
@instructor_required
def bank():
    """Download the bank (or one section of it) as GIFT, Moodle XML or a QTI package."""
    name = request.args.get("format", "")
    if name not in BANK_FORMATS:
        abort(400, f"Choose a format: {', '.join(BANK_FORMATS)}.")
    section_id = request.args.get("section") or None
    if section_id and db.session.get(Section, section_id) is None:
        abort(400, f"No section has the id {section_id!r}.")
    questions = bank_questions(db.session, section_id)
    chunks = bank_chunks(name, questions)
    return stream_download(chunks, bank_file_name(name, section_id), BANK_FORMATS[name].mimetype)


@bp.route("/exports/bank/import", methods=["GET", "POST"])
@instructor_required
def bank_import():
    """Upload a GIFT or Moodle XML file: every question is imported, or none when any is
    wrong; questions already in the bank (matched by id) are updated or left alone."""
    form = BankImportForm()
    form.section.choices = [SelectChoice("", "(use the file's categories)")] + [
        SelectChoice(s.id, f"{s.order}. {s.title}") for s in _sections()
    ]
    problems: list[str] = []
    if form.validate_on_submit():
        upload = form.file.data
        try:
            report = import_bank_file(
                db.session,
                upload.read(),
                import_format(upload.filename or ""),
                author=current_user,
                default_section=form.section.data or None,
            )
        except GiftError as exc:
            db.session.rollback()
            problems = exc.problems
        else:
            db.session.commit()
            flash(f"Imported {len(report)} questions: {report.summary()}.", "success")
            return redirect(url_for("exports.index"))
    status = 400 if problems or form.errors else 200
    return render_template("bank/bank_import.html", form=form, problems=problems), status
