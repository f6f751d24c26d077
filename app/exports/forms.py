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
    # CSV only: "1" starts the file with a UTF-8 byte-order mark, for spreadsheets (the default);
    # "0" leaves it out, for programs that read CSV as plain UTF-8.
    bom = SelectField(
        "Byte-order mark",
        choices=[SelectChoice("1", "for spreadsheets"), SelectChoice("0", "plain, for programs")],
        default="1",
    )
