"""Classes' forms: creating a class, joining one with a code, assignments, accommodations,
grades."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..models import ShowAnswers

LOCAL_TIME = "%Y-%m-%dT%H:%M"


class JoinForm(FlaskForm):
    code = StringField(
        "Class code",
        validators=[
            DataRequired(message="Enter the code your instructor gave you."),
            Length(max=32),
        ],
    )
    submit = SubmitField("Join the class")


class CheckboxList(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class AssignmentForm(FlaskForm):
    """A quiz given to a class; the write layer checks what the fields mean together."""

    title = StringField(
        "Title", validators=[DataRequired("Give the assignment a title."), Length(max=120)]
    )
    section_ids = CheckboxList("Sections to draw questions from", validate_choice=False)
    question_ids = SelectMultipleField(
        "Or hand-pick questions (approved ones)", validate_choice=False
    )
    count = IntegerField(
        "Number of questions", default=10, validators=[InputRequired("Give a number of questions.")]
    )
    mode = RadioField(
        "Kind",
        choices=[
            SelectChoice("test", "Test: answers and feedback at the end"),
            SelectChoice("practice", "Practice: feedback after each answer"),
        ],
        default="test",
        validate_choice=False,
    )
    time_limit = IntegerField(
        "Time limit in minutes (tests; empty for none)", validators=[Optional()]
    )
    opens_local = DateTimeLocalField(
        "Opens at", format=LOCAL_TIME, validators=[InputRequired("Give the opening time.")]
    )
    due_local = DateTimeLocalField(
        "Due at", format=LOCAL_TIME, validators=[InputRequired("Give the due time.")]
    )
    attempts_allowed = IntegerField(
        "Attempts allowed", default=1, validators=[InputRequired("Give a number of attempts.")]
    )
    show_answers = RadioField(
        "Learners see the answers and feedback",
        choices=[SelectChoice(s.value, s.label) for s in ShowAnswers],
        default=ShowAnswers.AFTER_DUE.value,
        validate_choice=False,
    )
    submit = SubmitField("Give the class this assignment")


class AccommodationForm(FlaskForm):
    """Extra time, extra attempts or a later due date for one learner."""

    learner = SelectField(
        "Learner", validate_choice=False, validators=[InputRequired("Choose a learner.")]
    )
    assignment = SelectField("For", validate_choice=False)
    extra_percent = IntegerField(
        "Extra time in % of the time limit (50 = half as much again)", validators=[Optional()]
    )
    extra_minutes = IntegerField("Or extra minutes", validators=[Optional()])
    extra_attempts = IntegerField("Extra attempts", validators=[Optional()])
    due_local = DateTimeLocalField(
        "New due date (one assignment only)", format=LOCAL_TIME, validators=[Optional()]
    )
    submit = SubmitField("Save the accommodation")


class CohortForm(FlaskForm):
    name = StringField(
        "Class name", validators=[DataRequired(message="Give the class a name."), Length(max=120)]
    )
    submit = SubmitField("Create the class")


class GradeForm(FlaskForm):
    """An instructor's grade of one essay; the write layer checks the points against the
    question's maximum and the comment's length."""

    points = StringField("Points", validators=[DataRequired("Give the points.")])
    comment = TextAreaField("Comment for the learner")
    revision = HiddenField()
    submit = SubmitField("Save the grade")
