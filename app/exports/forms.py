"""Forms of the exports pages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Optional

from .formats import FORMATS


class ProgressExportForm(FlaskForm):
    """Which progress export to download (a GET form: downloading changes nothing)."""

    class Meta:
        csrf = False

    format = SelectField(
        "Format",
        choices=[SelectChoice(f.name, f.label) for f in FORMATS.values()],
        validators=[InputRequired()],
    )
    since = DateField("Only responses from (optional)", validators=[Optional()])
