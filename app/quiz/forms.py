"""Forms that start quizzes (answers are read by the question types themselves)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectMultipleField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from .starting import MAX_QUESTIONS, MAX_TIME_LIMIT_MINUTES

MODES = [
    SelectChoice("practice", "Practice: feedback after each answer"),
    SelectChoice("test", "Test: feedback at the end"),
]


class CheckboxList(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class StartQuizForm(FlaskForm):
    """A quiz on one section, or a mixed quiz over several."""

    section_ids = CheckboxList("Sections", validators=[DataRequired("Choose a section.")])
    mode = RadioField("Mode", choices=MODES, default="practice")
    count = IntegerField(
        "Number of questions",
        default=10,
        validators=[DataRequired(), NumberRange(1, MAX_QUESTIONS)],
    )
    time_limit = IntegerField(
        "Time limit in minutes (tests only; leave empty for none)",
        validators=[Optional(), NumberRange(1, MAX_TIME_LIMIT_MINUTES)],
    )
    submit = SubmitField("Start")

    def validate_time_limit(self, field: IntegerField) -> None:
        if field.data and self.mode.data != "test":
            raise ValidationError("Only tests have a time limit.")


class ReviewQuizForm(FlaskForm):
    """A quiz of the questions due for review today.

    Its ids are its own: the start form beside it has fields of the same names."""

    mode = RadioField("Mode", choices=MODES, default="practice", id="review-mode")
    count = IntegerField(
        "Number of questions",
        id="review-count",
        default=10,
        validators=[DataRequired(), NumberRange(1, MAX_QUESTIONS)],
    )
    submit = SubmitField("Start the review")
