"""The join form."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length


class JoinForm(FlaskForm):
    code = StringField(
        "Class code",
        validators=[
            DataRequired(message="Enter the code your instructor gave you."),
            Length(max=32),
        ],
    )
    submit = SubmitField("Join the class")
