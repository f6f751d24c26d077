"""The lesson editor's form."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp


class LessonForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=300)])
    body = TextAreaField(
        "Lesson (Markdown)",
        validators=[DataRequired(message="A lesson cannot be empty."), Length(max=200_000)],
    )
    note = StringField("What changed (optional)", validators=[Optional(), Length(max=300)])
    base_revision = HiddenField(validators=[Optional(), Regexp(r"^\d{1,9}$")])
    preview = SubmitField("Preview")
    save = SubmitField("Save")
