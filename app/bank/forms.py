"""The bank's forms: review, authoring, regrades, importing a file."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

from ..questions import type_choices
from .review_rules import REJECT_RULES


class RejectForm(FlaskForm):
    reason = TextAreaField(
        "Why reject it?",
        validators=[DataRequired(message="Say why, so that others can learn."), Length(max=500)],
    )
    submit = SubmitField("Reject")


class QuestionForm(FlaskForm):
    section = SelectField("Section", validators=[DataRequired()])
    type = SelectField("Type", validators=[DataRequired()])
    stem = TextAreaField("Question", validators=[DataRequired(), Length(max=2000)])
    choices = TextAreaField("Choices, one per line (choice types)", validators=[Length(max=5000)])
    answer = TextAreaField("Answer", validators=[DataRequired(), Length(max=5000)])
    accepted = TextAreaField(
        "Other accepted answers, one per line (short answer)", validators=[Length(max=2000)]
    )
    explanation = TextAreaField("Explanation shown after answering", validators=[Length(max=4000)])
    # the version the edit started from: a save refuses if another was saved since
    base_version = HiddenField(validators=[Optional(), Regexp(r"^\d{1,9}$")])
    paragraph = IntegerField(
        "Source paragraph number (optional)", validators=[Optional(), NumberRange(min=1)]
    )
    approve_now = BooleanField(
        "Approve it now (otherwise it waits as pending until a reviewer approves it)"
    )
    preview = SubmitField("Preview")
    submit = SubmitField("Save the question")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the registry's types as they are now, not when this module was imported
        self.type.choices = [SelectChoice(value, label) for value, label in type_choices()]


MAX_BULK = 100  # a page of the list is 25; a hand-made request cannot touch the whole bank


class BulkReviewForm(FlaskForm):
    """One verdict for the questions ticked on a page of the bank list."""

    ids = SelectMultipleField(
        "Questions",
        validate_choice=False,  # any id: unknown ones are simply not changed, and reported
        validators=[
            DataRequired(message="Tick at least one question."),
            Length(max=MAX_BULK, message=f"Review at most {MAX_BULK} questions at once."),
        ],
    )
    action = SelectField(
        "Verdict",
        choices=[SelectChoice("approve", "Approve"), SelectChoice("reject", "Reject")],
        validators=[DataRequired()],
    )
    rule = SelectField(
        "Reason (for a rejection)",
        choices=[SelectChoice("", "—")]
        + [SelectChoice(str(n), f"Rule {n}: {title}") for n, title in REJECT_RULES],
    )
    note = StringField("Note (optional)", validators=[Optional(), Length(max=300)])
    submit = SubmitField("Apply to the ticked questions")

    def validate_rule(self, field) -> None:
        """A rejection names the guide's rule it breaks."""
        if self.action.data == "reject" and not field.data:
            raise ValidationError("Choose the rule the questions break.")


class AcceptAnswerForm(FlaskForm):
    answer = StringField(
        "Accept another answer",
        validators=[DataRequired(message="Type the answer to accept."), Length(max=300)],
    )
    submit = SubmitField("Accept and preview the regrade")


class RegradeForm(FlaskForm):
    token = HiddenField(validators=[DataRequired()])
    submit = SubmitField("Apply the regrade")


class BankImportForm(FlaskForm):
    """Upload a GIFT or Moodle XML file of questions to import into the bank."""

    file = FileField(
        "GIFT or Moodle XML file",
        validators=[
            FileRequired("Choose a GIFT or Moodle XML file."),
            FileAllowed(
                ["txt", "gift", "xml"], "A .gift or .txt (GIFT) or .xml (Moodle XML) file."
            ),
        ],
    )
    section = SelectField("Section for questions without a category", validate_choice=True)
    submit = SubmitField("Import")
