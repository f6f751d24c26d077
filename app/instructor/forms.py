"""Instructors' forms: classes, lessons, question review and authoring."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from ..questions import type_choices


class CohortForm(FlaskForm):
    name = StringField(
        "Class name", validators=[DataRequired(message="Give the class a name."), Length(max=120)]
    )
    submit = SubmitField("Create the class")


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


class RejectForm(FlaskForm):
    reason = TextAreaField(
        "Why reject it?",
        validators=[DataRequired(message="Say why, so that others can learn."), Length(max=500)],
    )
    submit = SubmitField("Reject")


class QuestionForm(FlaskForm):
    section = SelectField("Section", validators=[DataRequired()])
    type = SelectField(
        "Type",
        choices=[SelectChoice(value, label) for value, label in type_choices()],
        validators=[DataRequired()],
    )
    stem = TextAreaField("Question", validators=[DataRequired(), Length(max=2000)])
    choices = TextAreaField("Choices, one per line (choice types)", validators=[Length(max=5000)])
    answer = TextAreaField("Answer", validators=[DataRequired(), Length(max=5000)])
    accepted = TextAreaField(
        "Other accepted answers, one per line (short answer)", validators=[Length(max=2000)]
    )
    explanation = TextAreaField("Explanation shown after answering", validators=[Length(max=4000)])
    paragraph = IntegerField(
        "Source paragraph number (optional)", validators=[Optional(), NumberRange(min=1)]
    )
    submit = SubmitField("Save the question")


class AcceptAnswerForm(FlaskForm):
    answer = StringField(
        "Accept another answer",
        validators=[DataRequired(message="Type the answer to accept."), Length(max=300)],
    )
    submit = SubmitField("Accept and preview the regrade")


class RegradeForm(FlaskForm):
    token = HiddenField(validators=[DataRequired()])
    submit = SubmitField("Apply the regrade")
