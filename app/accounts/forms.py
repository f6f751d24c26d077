"""Account forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Field,
    HiddenField,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from ..timezones import offered_time_zones, time_zone_choices
from .accounts import password_problem, username_problem


def username_rule(form: FlaskForm, field: Field) -> None:
    """The username rules of accounts.username_problem, as a form validator."""
    problem = username_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


def password_rule(form: FlaskForm, field: Field) -> None:
    """The password rules of accounts.password_problem, as a form validator."""
    username = form.username.data if "username" in form else None
    problem = password_problem(field.data or "", username if isinstance(username, str) else None)
    if problem:
        raise ValidationError(problem)


class LoginForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired(), Length(max=64)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=128)])
    remember = BooleanField("Keep me logged in")
    time_zone = HiddenField()  # filled in by js/time-zone.js
    submit = SubmitField("Log in")


class RegisterForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired(), username_rule])
    password = PasswordField("Password", validators=[DataRequired(), password_rule])
    confirm = PasswordField(
        "Repeat password",
        validators=[DataRequired(), EqualTo("password", message="The passwords differ.")],
    )
    time_zone = HiddenField()  # filled in by js/time-zone.js
    submit = SubmitField("Create account")


class ChangePasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[DataRequired(), Length(max=128)])
    password = PasswordField("New password", validators=[DataRequired(), password_rule])
    confirm = PasswordField(
        "Repeat new password",
        validators=[DataRequired(), EqualTo("password", message="The passwords differ.")],
    )
    submit = SubmitField("Change password")


class TimeZoneForm(FlaskForm):
    time_zone = SelectField("Time zone", validators=[DataRequired()])
    submit = SubmitField("Save time zone")

    def __init__(self, current: str, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        groups = time_zone_choices()
        if current not in offered_time_zones():  # an alias a browser reported stays selectable
            groups = {"Yours": [(current, current)], **groups}
        self.time_zone.choices = [
            SelectChoice(value, label, optgroup=region)
            for region, zones in groups.items()
            for value, label in zones
        ]
        if not self.is_submitted():
            self.time_zone.data = current


class DeleteAccountForm(FlaskForm):
    confirm_password = PasswordField(
        "Your password, to confirm", validators=[DataRequired(), Length(max=128)]
    )
    submit = SubmitField("Delete my account")


class DeleteLinkedAccountForm(FlaskForm):
    """Deleting an account that has no password (it logs in through its LMS)."""

    confirm_username = StringField(
        "Your username, to confirm", validators=[DataRequired(), Length(max=64)]
    )
    submit = SubmitField("Delete my account")
