"""What a launch's claims decide, sentence by sentence of issue 18: the OIDC auth request, the
role an account is made with, a platform user per issuer, and what deep linking places."""

from __future__ import annotations

import jwt
import pytest
import sqlalchemy as sa

from app.extensions import db
from app.lti.keys import http_session
from app.lti.models import LtiNonce, LtiUser
from app.lti.platforms import register_platform
from app.models import Attempt, Cohort, Role, User, utcnow
from tests.lti.conftest import launch, oidc_login, platform_fields
from tests.lti.platform import DL, INSTRUCTOR, RunningLms

MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership"


def test_oidc_login_answers_with_the_auth_request_of_the_spec(app, client, registered):
    auth = oidc_login(client, registered, lti_message_hint="link-7")
    assert auth["scope"] == "openid" and auth["response_type"] == "id_token"
    assert auth["response_mode"] == "form_post" and auth["prompt"] == "none"
    assert auth["client_id"] == registered.client_id and auth["login_hint"] == "hint"
    assert auth["redirect_uri"] == "http://localhost/lti/launch"
    assert auth["lti_message_hint"] == "link-7"
    with app.app_context():  # the nonce is kept for the launch, which uses it once
        assert db.session.get(LtiNonce, auth["nonce"]) is not None
    assert client.get_cookie(f"lti1p3-{auth['state']}", path="/lti/") is not None


@pytest.mark.parametrize(
    ("roles", "role", "runs"),
    [
        ((f"{MEMBERSHIP}#Instructor",), Role.INSTRUCTOR, True),
        ((f"{MEMBERSHIP}#ContentDeveloper",), Role.INSTRUCTOR, True),
        ((f"{MEMBERSHIP}/Instructor#TeachingAssistant",), Role.INSTRUCTOR, True),
        ((f"{MEMBERSHIP}#Learner",), Role.STUDENT, False),
        ((f"{MEMBERSHIP}#Mentor",), Role.STUDENT, False),
        ((), Role.STUDENT, False),
    ],
)
def test_first_launch_makes_the_account_with_the_role_the_launch_gives(
    app, client, registered, roles, role, runs
):
    assert launch(client, registered, sub="person-1", roles=roles).status_code == 302
    with app.app_context():
        user = db.session.scalar(sa.select(User))
        assert user.role is role
        cohort = db.session.scalar(sa.select(Cohort))
        assert (cohort.instructor_id == user.id) is runs


def test_the_same_sub_on_another_platform_is_another_person(app, client, registered):
    other = RunningLms()
    try:
        with app.app_context():
            fields = platform_fields(other.lms, name="Other LMS")
            register_platform(db.session, fields, http_session(), utcnow())
            db.session.commit()
        assert launch(app.test_client(), registered, sub="same-sub").status_code == 302
        assert launch(app.test_client(), other.lms, sub="same-sub").status_code == 302
        assert launch(app.test_client(), registered, sub="same-sub").status_code == 302
    finally:
        other.stop()
    with app.app_context():
        links = db.session.execute(sa.select(LtiUser.issuer, LtiUser.user_id)).all()
        assert sorted(issuer for issuer, _ in links) == sorted([registered.issuer, other.lms.url])
        assert len({user_id for _, user_id in links}) == 2  # two accounts, one per issuer
        assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 2
        # each platform's course-1 is its own class
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Cohort)) == 2


def _placed(client, lms, choice: str) -> dict:
    """An instructor's deep-linking launch and choice; the content item sent back."""
    settings = {"deep_link_return_url": f"{lms.url}/deep_link_return",
                "accept_types": ["ltiResourceLink"],
                "accept_presentation_document_targets": ["iframe"]}  # fmt: skip
    picker = launch(client, lms, message_type="LtiDeepLinkingRequest", roles=(INSTRUCTOR,),
                    sub="teacher-1", **{DL + "deep_linking_settings": settings})  # fmt: skip
    assert picker.status_code == 200, picker.text
    token = picker.text.split('name="launch" type="hidden" value="')[1].split('"')[0]
    answer = client.post("/lti/deep-link", data={"launch": token, "resource": choice})
    assert answer.status_code == 200, answer.text
    signed = answer.text.split('name="JWT" value="')[1].split('"')[0]
    keys = {k["kid"]: k for k in client.get("/lti/jwks").get_json()["keys"]}
    key = jwt.PyJWK(keys[jwt.get_unverified_header(signed)["kid"]]).key
    message = jwt.decode(signed, key, algorithms=["RS256"], audience=lms.issuer)
    (item,) = message[DL + "content_items"]
    return item


def test_deep_linking_places_a_lesson_a_section_quiz_and_the_review_quiz(
    app, client, registered, bank
):
    lesson = _placed(client, registered, "lesson:preamble")
    assert lesson["custom"] == {"resource": "lesson:preamble"}
    assert "lineItem" not in lesson  # a lesson has no grade column
    quiz = _placed(client, registered, "quiz:preamble")
    assert quiz["custom"] == {"resource": "quiz:preamble"}
    assert quiz["lineItem"]["scoreMaximum"] == 100
    review = _placed(client, registered, "review")
    assert review["custom"] == {"resource": "review"} and "lineItem" in review
    # each placed link opens what it names
    learner = app.test_client()
    opened = launch(learner, registered, sub="learner-1", link_id="l", resource="lesson:preamble")
    assert opened.location == "/lessons/preamble"
    started = launch(learner, registered, sub="learner-1", link_id="q", resource="quiz:preamble")
    assert started.location.startswith("/quiz/attempts/")
    with app.app_context():
        attempt = db.session.scalar(sa.select(Attempt))
        assert attempt.mode.value == "practice" and attempt.deadline is None
