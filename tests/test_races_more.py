"""More races of real requests against a real gunicorn server, on SQLite and on PostgreSQL
(in the style of tests/test_races.py, whose helpers they use; 40 rounds each):

- a regrade applied while the learner finishes the attempt it changes: the attempt's score is
  the sum of its responses' scores whichever comes first, and nothing answers 5xx;
- one question edited in the browser twice at once: one edit is saved, the other is refused
  with a clear message (409), never a 500 and never two versions of one number;
- expired tests finished (a learner's quiz page) while the learner saves into one of them (an
  autosave that finds the time up finishes it too): no deadlock on PostgreSQL, no 5xx, every
  attempt finished and counted once.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa

from tests import pgtools
from tests.factories import DEFAULT_PASSWORD
from tests.servers import SERVER_SECRET, http
from tests.test_races import (
    ROUNDS,
    Racing,
    _racing,
    form_post,
    logged_in,
    report,
    together,
)

pytestmark = pytest.mark.slow
EDITOR = "race-editor"
FINISHED = "finished"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def racing(request, tmp_path_factory) -> Iterator[Racing]:
    """One server per database (PostgreSQL when TEST_DATABASE_URL names a server), with an
    instructor besides tests/test_races.py's three learners."""
    folder = tmp_path_factory.mktemp(f"races-more-{request.param}")
    if request.param == "sqlite":
        for racing in _racing(f"sqlite:///{folder / 'races.db'}", folder):
            _make_instructor(racing)
            yield racing
        return
    server = pgtools.postgres_url()
    if not server:
        pytest.skip(pgtools.SKIP_REASON)
    with pgtools.scratch_database(server, "races_more") as url:
        for racing in _racing(url, folder):
            _make_instructor(racing)
            yield racing


def _app(racing: Racing):
    from app import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": racing.url, "SECRET_KEY": SERVER_SECRET})


def _make_instructor(racing: Racing) -> None:
    from app.extensions import db
    from app.models import Role, User

    app = _app(racing)
    with app.app_context():
        teacher = User(username=EDITOR, role=Role.INSTRUCTOR)
        teacher.set_password(DEFAULT_PASSWORD)
        db.session.add(teacher)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


class _FormFields(HTMLParser):
    """The named fields of a page's forms as a browser would send them (text, hidden, textarea,
    the selected option; no buttons)."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "checkbox"):
            self.fields.setdefault(name, attrs.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea, self.fields[name] = name, ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def _edit_form(racing: Racing, question_id: str, cookie: str) -> dict[str, str]:
    status, page, _ = http(
        racing.server.url, "GET", f"/instructor/questions/{question_id}/edit", None,
        {"Cookie": cookie},
    )  # fmt: skip
    assert status == 200, page[:300]
    parser = _FormFields()
    parser.feed(page)
    # a browser drops the line break that opens a textarea's content
    return {
        name: value.removeprefix("\r\n").removeprefix("\n") for name, value in parser.fields.items()
    }


def _session(racing: Racing, username: str) -> str:
    return logged_in(racing, username)[1]


def test_one_question_edited_twice_at_once_saves_one_version(racing):
    editors = [_session(racing, EDITOR), _session(racing, EDITOR)]
    questions = sorted(racing.keys)[:ROUNDS]
    failures = {"server errors": 0, "rounds not one save": 0, "unclear refusals": 0}
    for round_, question_id in enumerate(questions):
        forms = [_edit_form(racing, question_id, cookie) for cookie in editors]
        versions = "SELECT COUNT(*) FROM question_versions WHERE question_id = :id"
        before = racing.scalar(versions, id=question_id)
        calls = []
        for who, (form, cookie) in enumerate(zip(forms, editors, strict=True)):
            fields = {**form, "stem": f"{form['stem']} (round {round_}, editor {who})"}
            path = f"/instructor/questions/{question_id}/edit"
            calls.append(partial(form_post, racing.server.url, path, fields, cookie))
        answers = together(*calls)
        statuses = sorted(status for status, *_ in answers)
        failures["server errors"] += sum(status >= 500 for status in statuses)
        saved = racing.scalar(versions, id=question_id) - before
        failures["rounds not one save"] += saved != 1 or statuses != [302, 409]
        failures["unclear refusals"] += sum(
            "while you were editing" not in body for status, body, _ in answers if status == 409
        )
    report("one question edited twice", racing, failures)


def _short_answer_question(racing: Racing) -> str:
    return racing.scalar(
        "SELECT id FROM questions WHERE type = 'short_answer' AND status = 'approved' "
        "ORDER BY id LIMIT 1"
    ) or racing.scalar("SELECT id FROM questions WHERE type = 'short_answer' ORDER BY id LIMIT 1")


def _attempt_with(racing: Racing, learner: str, question_id: str) -> int:
    """A test attempt of ``learner`` serving ``question_id`` and one other question."""
    from app.extensions import db
    from app.models import Question, User, utcnow
    from app.quiz.starting import build_attempt

    app = _app(racing)
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == learner))
        question = db.session.get(Question, question_id)
        other = db.session.scalar(
            sa.select(Question.id).where(
                Question.section_id == question.section_id, Question.id != question_id
            )
        )
        attempt = build_attempt(
            db.session, user, [question.section_id], "test", 2,
            question_ids=[question_id, other], now=utcnow(),
        )  # fmt: skip
        attempt_id = attempt.id
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return attempt_id


def _accept_and_plan(racing: Racing, question_id: str, answer: str) -> str:
    """Accept ``answer`` (a new version, as the instructor's button does); the preview's token."""
    from app.bank.regrade import accept_answer, plan_regrade
    from app.extensions import db
    from app.models import Question, User

    app = _app(racing)
    with app.app_context():
        teacher = db.session.scalar(sa.select(User).where(User.username == EDITOR))
        question = db.session.get(Question, question_id)
        assert accept_answer(db.session, question, answer, instructor=teacher)
        db.session.commit()
        token = plan_regrade(db.session, db.session.get(Question, question_id)).token
        db.session.remove()
        db.engine.dispose()
    return token


def test_a_regrade_racing_a_finish_leaves_the_score_the_sum_of_responses(racing):
    question_id = _short_answer_question(racing)
    csrf, cookie = logged_in(racing, EDITOR)
    failures = {"scores that differ from their responses": 0, "server errors": 0, "unregraded": 0}
    for round_ in range(ROUNDS):
        attempt_id = _attempt_with(racing, "racer0", question_id)
        wrong = f"qzx{round_}vw"  # graded wrong until the instructor accepts it
        path = f"/attempts/{attempt_id}/responses/{question_id}"
        status, body = racing.api(0, "PUT", path, {"answer": wrong})[:2]
        assert status == 200, body
        token = _accept_and_plan(racing, question_id, wrong)
        regrade = partial(
            form_post, racing.server.url, f"/instructor/questions/{question_id}/regrade",
            {"csrf_token": csrf, "token": token}, cookie,
        )  # fmt: skip
        finish = partial(racing.api, 0, "POST", f"/attempts/{attempt_id}/finish")
        (regraded, *_), (finished, *_) = together(regrade, finish)
        failures["server errors"] += (regraded >= 500) + (finished >= 500)
        score = racing.scalar("SELECT score FROM attempts WHERE id = :id", id=attempt_id)
        total = racing.scalar(
            "SELECT COALESCE(SUM(score), 0) FROM responses WHERE attempt_id = :id", id=attempt_id
        )
        failures["scores that differ from their responses"] += score != pytest.approx(total)
        failures["unregraded"] += regraded == 302 and total != pytest.approx(1.0)
    report("regrade racing finish", racing, failures)


def _expired_tests(racing: Racing, learner: int, count: int) -> list[int]:
    """``count`` test attempts of one section, one answer each, whose time ran out."""
    ids = []
    for _ in range(count):
        body = {"section_ids": ["preamble"], "mode": "test", "count": 2, "time_limit": 1}
        status, attempt = racing.api(learner, "POST", "/attempts", body)[:2]
        assert status == 201, attempt
        first = attempt["questions"][0]
        path = f"/attempts/{attempt['id']}/responses/{first['question_id']}"
        assert racing.api(learner, "PUT", path, {"answer": racing.keys[first["question_id"]]})[0]
        ids.append(attempt["id"])
    with racing.engine.begin() as connection:  # time up a moment after they started
        connection.execute(
            sa.text("UPDATE attempts SET deadline = started_at WHERE id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True)
            ),
            {"ids": ids},
        )
    return ids


def test_expired_tests_finished_while_the_learner_saves_into_one(racing):
    csrf, cookie = logged_in(racing, "racer2")
    failures = {"server errors": 0, "attempts left unfinished": 0, "finishes not counted once": 0}
    counted = (
        "SELECT COALESCE(SUM(p.attempts_count), 0) FROM section_progress p "
        "JOIN users u ON u.id = p.user_id WHERE u.username = 'racer2'"
    )
    for _ in range(ROUNDS):
        expired = _expired_tests(racing, 2, 3)
        before = racing.scalar(counted)
        save = partial(
            form_post, racing.server.url, f"/quiz/attempts/{expired[-1]}/answers",
            {"csrf_token": csrf, "q2": "an answer after the deadline"}, cookie,
        )  # fmt: skip
        quiz_page = partial(http, racing.server.url, "GET", "/quiz/", None, {"Cookie": cookie})
        answers = together(save, quiz_page)
        failures["server errors"] += sum(answer[0] >= 500 for answer in answers)
        states = [racing.scalar("SELECT state FROM attempts WHERE id = :id", id=i) for i in expired]
        failures["attempts left unfinished"] += sum(s != FINISHED for s in states)
        failures["finishes not counted once"] += racing.scalar(counted) - before != len(expired)
    report("expired tests finished while saving", racing, failures)
