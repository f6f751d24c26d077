"""Forms of the LTI pages: registering a platform, adding a deployment, the deep-linking
picker, the roster pull and a grade's retry."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from .launches import TEST_MINUTES


class PlatformForm(FlaskForm):
    """An LMS as its administrators' pages show it (README: Moodle, Canvas)."""

    name = StringField("Name (for this site's pages)", validators=[DataRequired(), Length(max=120)])
    issuer = StringField("Issuer (platform ID)", validators=[DataRequired(), Length(max=255)])
    client_id = StringField("Client ID", validators=[DataRequired(), Length(max=255)])
    deployment_ids = TextAreaField(
        "Deployment ID(s), one a line", validators=[DataRequired(), Length(max=5000)]
    )
    key_set_url = StringField("Public keyset URL", validators=[DataRequired(), Length(max=2000)])
    auth_login_url = StringField(
        "Authentication request URL (OIDC auth)", validators=[DataRequired(), Length(max=2000)]
    )
    auth_token_url = StringField("Access token URL", validators=[DataRequired(), Length(max=2000)])
    auth_audience = StringField(
        "Token audience (only if the platform names one)",
        validators=[Optional(), Length(max=2000)],
    )
    submit = SubmitField("Register the platform")


class DeploymentForm(FlaskForm):
    deployment_id = StringField("Deployment ID", validators=[DataRequired(), Length(max=255)])
    submit = SubmitField("Add the deployment")


class DeepLinkForm(FlaskForm):
    """What the instructor places in the course."""

    launch = HiddenField(validators=[DataRequired()])
    resource = RadioField("What to add", validators=[InputRequired("Choose what to add.")])
    minutes = IntegerField(
        "Time limit of a timed test, in minutes",
        default=20,
        validators=[Optional(), NumberRange(*TEST_MINUTES)],
    )
    submit = SubmitField("Add to the course")


class ActionForm(FlaskForm):
    """A button that posts (pull the roster, send a grade again): its CSRF token only."""

    submit = SubmitField("Go")
