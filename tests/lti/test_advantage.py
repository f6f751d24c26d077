"""LTI Advantage against the test LMS: deep linking, grades sent to line items (with retries,
the log and late passback), and the roster pulled into the class."""

from __future__ import annotations

from datetime import timedelta

import jwt
import sqlalchemy as sa

from app.extensions import db
from app.lti.models import GradeStatus, LtiGradeSend, LtiUser
from app.models import Attempt, Cohort, Membership, User, utcnow
from tests.lti.conftest import launch
from tests.lti.platform import AGS, DL, INSTRUCTOR, LEARNER, SCOPES

DL_SETTINGS = DL + "deep_linking_settings"
CONTENT_ITEMS = DL + "content_items"


def _deep_link_claims(lms) -> dict:
    settings = {
        "deep_link_return_url": f"{lms.url}/deep_link_return", "data": "opaque-42",
        "accept_types": ["ltiResourceLink"], "accept_presentation_document_targets": ["iframe"],
    }  # fmt: skip
    return {"message_type": "LtiDeepLinkingRequest", "roles": (INSTRUCTOR,),
            "sub": "teacher-1", DL_SETTINGS: settings}  # fmt: skip


def test_deep_linking_round_trip(app, client, registered, bank):
    picker = launch(client, registered, **_deep_link_claims(registered))
    assert picker.status_code == 200, picker.get_data(as_text=True)
    page = picker.get_data(as_text=True)
    assert 'value="lesson:preamble"' in page and 'value="test:preamble"' in page
    token = page.split('name="launch" type="hidden" value="')[1].split('"')[0]
    answer = client.post("/lti/deep-link", data={"launch": token, "resource": "test:preamble",
                                                 "minutes": "15"})  # fmt: skip
    assert answer.status_code == 200, answer.get_data(as_text=True)
    html = answer.get_data(as_text=True)
    assert f'action="{registered.url}/deep_link_return"' in html
    assert f"form-action 'self' {registered.url}" in answer.headers["Content-Security-Policy"]
    signed = html.split('name="JWT" value="')[1].split('"')[0]
    keys = {k["kid"]: k for k in client.get("/lti/jwks").get_json()["keys"]}
    key = jwt.PyJWK(keys[jwt.get_unverified_header(signed)["kid"]]).key
    message = jwt.decode(signed, key, algorithms=["RS256"], audience=registered.issuer)
    assert message["iss"] == registered.client_id
    assert message[DL + "data"] == "opaque-42"
    (item,) = message[CONTENT_ITEMS]
    assert item["type"] == "ltiResourceLink" and item["url"] == "http://localhost/lti/launch"
    assert item["custom"] == {"resource": "test:preamble:15"}
    assert item["lineItem"]["scoreMaximum"] == 100
    # the LMS places the link; a learner's launch of it starts the timed test
    learner = app.test_client()
    started = launch(learner, registered, sub="learner-1", link_id="placed-1",
                     resource=item["custom"]["resource"])  # fmt: skip
    assert started.status_code == 302 and started.location.startswith("/quiz/attempts/")
    with app.app_context():
        attempt = db.session.scalar(sa.select(Attempt))
        assert attempt.mode.value == "test" and attempt.deadline is not None


def test_deep_linking_is_for_instructors(client, registered):
    claims = _deep_link_claims(registered) | {"roles": (LEARNER,)}
    assert launch(client, registered, **claims).status_code == 403


def _finish(client, location: str):
    attempt_id = int(location.rsplit("/", 1)[1])
    response = client.post(f"/quiz/attempts/{attempt_id}/answers", data={"finish": "1"})
    assert response.status_code in (302, 303), response.get_data(as_text=True)
    response.close()  # the grade goes once the response is sent
    return attempt_id


def _ags(lms, *, item: bool) -> dict:
    """The AGS claim of a launch: with the link's line item, or only the course's list."""
    claim = {"scope": SCOPES, "lineitems": f"{lms.url}/courses/course-1/lineitems"}
    if item:
        claim["lineitem"] = f"{lms.url}/courses/course-1/lineitems/1"
    return {AGS: claim}


def test_finished_test_sends_its_score_to_the_line_item(app, client, registered, bank):
    registered.line_items.append({"id": f"{registered.url}/courses/course-1/lineitems/1",
                                  "scoreMaximum": 100, "label": "Test"})  # fmt: skip
    started = launch(client, registered, sub="learner-1", resource="test:preamble:10",
                     **_ags(registered, item=True))  # fmt: skip
    attempt_id = _finish(client, started.location)
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        grade = db.session.scalar(sa.select(LtiGradeSend))
        assert grade.status is GradeStatus.SENT and grade.tries == 1
    (score,) = registered.scores
    assert score["lineitem"] == 1 and score["userId"] == "learner-1"
    assert score["scoreGiven"] == attempt.score and score["scoreMaximum"] == attempt.max_score
    assert score["activityProgress"] == "Completed" and score["gradingProgress"] == "FullyGraded"


def test_line_item_is_made_on_first_passback_when_the_link_has_none(app, client, registered, bank):
    started = launch(client, registered, sub="learner-1", link_id="plain-link",
                     resource="test:preamble:10", **_ags(registered, item=False))  # fmt: skip
    _finish(client, started.location)
    (item,) = registered.line_items
    assert item["resourceLinkId"] == "plain-link" and item["scoreMaximum"] == 100
    assert [s["lineitem"] for s in registered.scores] == [1]


def test_failed_passback_is_logged_retried_and_sent_late(app, client, runner, registered, bank):
    registered.line_items.append({"id": f"{registered.url}/courses/course-1/lineitems/1"})
    launch(client, registered, sub="teacher-1", roles=(INSTRUCTOR,))  # the class
    learner = app.test_client()
    started = launch(learner, registered, sub="learner-1", resource="test:preamble:10",
                     **_ags(registered, item=True))  # fmt: skip
    registered.fail_scores = 1  # the LMS is down when the learner finishes
    _finish(learner, started.location)
    assert registered.scores == []
    with app.app_context():
        grade = db.session.scalar(sa.select(LtiGradeSend))
        assert grade.status is GradeStatus.PENDING and grade.tries == 1
        assert "503" in grade.last_error and grade.next_try_at > utcnow()
        cohort_id = db.session.scalar(sa.select(Cohort.id))
    log = client.get(f"/lti/classes/{cohort_id}").get_data(as_text=True)
    assert "pending" in log and "503" in log and "Send again" in log
    # not due yet: the command leaves it; once due (time passes), it goes
    assert "0 of 0 due grades sent" in runner.invoke(args=["lti", "send-grades"]).output
    with app.app_context():
        db.session.get(LtiGradeSend, grade.id).next_try_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert "1 of 1 due grades sent" in runner.invoke(args=["lti", "send-grades"]).output
    assert len(registered.scores) == 1
    with app.app_context():
        grade = db.session.get(LtiGradeSend, grade.id)
        assert grade.status is GradeStatus.SENT and grade.tries == 2 and grade.last_error == ""


def test_send_again_button_and_giving_up(app, client, registered, bank):
    registered.line_items.append({"id": f"{registered.url}/courses/course-1/lineitems/1"})
    launch(client, registered, sub="teacher-1", roles=(INSTRUCTOR,))
    learner = app.test_client()
    started = launch(learner, registered, sub="learner-1", resource="test:preamble:10",
                     **_ags(registered, item=True))  # fmt: skip
    registered.fail_scores = 100
    _finish(learner, started.location)
    with app.app_context():
        grade = db.session.scalar(sa.select(LtiGradeSend))
        grade.tries = 6  # five tries already failed: the next failure is the last
        grade_id = grade.id
        db.session.commit()
        cohort_id = db.session.scalar(sa.select(Cohort.id))
    again = client.post(f"/lti/classes/{cohort_id}/grades/retry", data={"grade": grade_id})
    assert again.status_code == 302
    with app.app_context():
        assert db.session.get(LtiGradeSend, grade_id).status is GradeStatus.FAILED
    registered.fail_scores = 0
    client.post(f"/lti/classes/{cohort_id}/grades/retry", data={"grade": grade_id})
    with app.app_context():
        assert db.session.get(LtiGradeSend, grade_id).status is GradeStatus.SENT
    assert len(registered.scores) == 1


def test_roster_pull_adds_the_course_learners_to_the_class(app, client, registered):
    launch(client, registered, sub="teacher-1", roles=(INSTRUCTOR,))
    registered.members = [
        {"user_id": "s-1", "name": "Ana Petrova", "roles": [LEARNER], "status": "Active"},
        {"user_id": "s-2", "given_name": "Bo", "family_name": "Li", "roles": [LEARNER]},
        {"user_id": "t-2", "name": "Co Teacher", "roles": [INSTRUCTOR]},
        {"user_id": "s-3", "name": "Gone", "roles": [LEARNER], "status": "Inactive"},
    ]
    with app.app_context():
        cohort_id = db.session.scalar(sa.select(Cohort.id))
    response = client.post(f"/lti/classes/{cohort_id}/roster")
    assert response.status_code == 302
    assert "2 learners, 2 newly added" in client.get(response.location).get_data(as_text=True)
    client.post(f"/lti/classes/{cohort_id}/roster")  # again: nobody twice
    with app.app_context():
        names = db.session.scalars(
            sa.select(User.username).join(Membership, Membership.user_id == User.id)
            .order_by(User.username)
        ).all()  # fmt: skip
        assert names == ["Ana-Petrova", "Bo-Li"]
        assert db.session.scalar(sa.select(sa.func.count()).select_from(LtiUser)) == 4
    # a learner from the roster who launches later is the same account
    launch(app.test_client(), registered, sub="s-1")
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(LtiUser)) == 4


def test_roster_page_is_the_class_instructors(app, client, auth, registered):
    launch(client, registered, sub="teacher-1", roles=(INSTRUCTOR,))
    with app.app_context():
        cohort_id = db.session.scalar(sa.select(Cohort.id))
    other = app.test_client()
    auth.create("other", role="instructor")
    other.post("/auth/login", data={"username": "other", "password": "correct-horse-battery"})
    assert other.get(f"/lti/classes/{cohort_id}").status_code == 404
    assert other.post(f"/lti/classes/{cohort_id}/roster").status_code == 404
