"""Administrators' forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo

from ..models import Role
from .forms import password_rule


class RoleForm(FlaskForm):
    role = SelectField(
        "Role",
        choices=[SelectChoice(role.value, role.value.capitalize()) for role in Role],
        validators=[DataRequired()],
    )
    submit = SubmitField("Change role")


class ResetPasswordForm(FlaskForm):
    password = PasswordField("New password", validators=[DataRequired(), password_rule])
    confirm = PasswordField(
        "Repeat new password",
        validators=[DataRequired(), EqualTo("password", message="The passwords differ.")],
    )
    submit = SubmitField("Set password")


class DeletePersonForm(FlaskForm):
    username = StringField("Type the username to confirm", validators=[DataRequired()])
    submit = SubmitField("Delete this account")


class HandOverForm(FlaskForm):
    # choices: the instructors and administrators other than the person (set by the view)
    successor = SelectField("Hand their classes over to", coerce=int, validators=[DataRequired()])
    submit = SubmitField("Hand over classes")
