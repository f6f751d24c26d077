"""LTI 1.3 core launch against the test LMS: accounts, classes, landing, and refusals."""

from __future__ import annotations

import sqlalchemy as sa

from app.extensions import db
from app.lti.models import LtiContext, LtiNonce, LtiResourceLink, LtiUser
from app.models import Attempt, Cohort, CoInstructor, LoginSession, Membership, Role, User
from tests.factories import make_section
from tests.lti.conftest import launch, oidc_login
from tests.lti.platform import INSTRUCTOR, LEARNER, rsa_key


def _counts() -> dict[str, int]:
    tables = (User, LtiUser, Cohort, Membership, LoginSession, LtiContext, LtiResourceLink,
              CoInstructor, Attempt)  # fmt: skip
    return {t.__tablename__: db.session.scalar(sa.select(sa.func.count()).select_from(t))
            for t in tables}  # fmt: skip


def test_instructor_first_launch_makes_account_class_and_session(app, client, registered):
    response = launch(client, registered, sub="teacher-1", roles=(INSTRUCTOR,))
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        link = db.session.scalar(sa.select(LtiUser).where(LtiUser.sub == "teacher-1"))
        user = db.session.get(User, link.user_id)
        assert user.role is Role.INSTRUCTOR and user.username == "Person-teacher-1"
        cohort = db.session.scalar(sa.select(Cohort))
        assert cohort.instructor_id == user.id and cohort.name == "Course course-1"
        assert response.location == f"/instructor/classes/{cohort.id}"
        assert db.session.scalar(sa.select(sa.func.count()).select_from(LoginSession)) == 1
    # the session is a real log-in: the class page opens, and leads to its LMS page
    page = client.get(response.location)
    assert page.status_code == 200
    assert f'href="/lti/classes/{cohort.id}"' in page.get_data(as_text=True)


def test_learner_launch_joins_the_class_and_lands_on_the_lesson(app, client, registered):
    with app.app_context():
        make_section(id="preamble", title="Preamble")
        db.session.commit()
    launch(client, registered, sub="teacher-1", roles=(INSTRUCTOR,))
    learner = app.test_client()
    response = launch(learner, registered, sub="learner-7", roles=(LEARNER,),
                      resource="lesson:preamble")  # fmt: skip
    assert response.status_code == 302
    assert response.location == "/lessons/preamble"
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == "Person-learner-7"))
        assert user.role is Role.STUDENT
        members = db.session.scalars(sa.select(Membership.user_id)).all()
        assert members == [user.id]
    # the same person again: same account, no second one
    again = launch(app.test_client(), registered, sub="learner-7", resource="lesson:preamble")
    assert again.status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(LtiUser)) == 2


def test_archived_class_refuses_and_makes_no_new_class(app, client, registered):
    launch(client, registered, sub="teacher-1", roles=(INSTRUCTOR,))
    with app.app_context():
        cohort = db.session.scalar(sa.select(Cohort))
        cohort.archived = True
        cohort_id = cohort.id
        db.session.commit()
        before = _counts()
    # a learner, and an instructor of the course who does not run the class: told who can
    # bring it back, nothing made, joined or logged in
    told = {"learner-2": "Your instructor", "teacher-2": "Its instructor, Person-teacher-1"}
    for sub, roles in (("learner-2", (LEARNER,)), ("teacher-2", (INSTRUCTOR,))):
        who = told[sub]
        browser = app.test_client()
        response = launch(browser, registered, sub=sub, roles=roles)
        assert response.status_code == 403
        page = response.get_data(as_text=True)
        assert "is archived" in page and who in page
        assert browser.get("/next").status_code == 302  # not logged in
        with app.app_context():
            assert _counts() == before
    # the class's instructor: logged in and shown where to bring it back, still nothing made
    response = launch(app.test_client(), registered, sub="teacher-1", roles=(INSTRUCTOR,))
    assert response.status_code == 403
    page = response.get_data(as_text=True)
    assert f'href="/instructor/classes/{cohort_id}"' in page and "Unarchive the class" in page
    with app.app_context():
        after = _counts()
        assert after.pop("login_sessions") == before.pop("login_sessions") + 1
        assert after == before


def test_learner_first_makes_the_class_the_first_instructor_takes_it(app, registered):
    learner = app.test_client()
    assert launch(learner, registered, sub="learner-1", roles=(LEARNER,)).status_code == 302
    with app.app_context():
        cohort = db.session.scalar(sa.select(Cohort))
        assert cohort.instructor_id is None and cohort.name == "Course course-1"
        assert db.session.scalars(sa.select(Membership.cohort_id)).all() == [cohort.id]
    assert "no instructor yet" in learner.get("/classes/").get_data(as_text=True)
    teacher = app.test_client()
    response = launch(teacher, registered, sub="teacher-1", roles=(INSTRUCTOR,))
    assert response.location == f"/instructor/classes/{cohort.id}"  # its instructor now
    with app.app_context():
        owner = db.session.scalar(sa.select(User).where(User.username == "Person-teacher-1"))
        assert db.session.get(Cohort, cohort.id).instructor_id == owner.id
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Cohort)) == 1
    assert "Person-learner-1" in teacher.get(response.location).get_data(as_text=True)


def test_second_instructor_of_the_course_co_runs_its_class(app, registered):
    launch(app.test_client(), registered, sub="teacher-1", roles=(INSTRUCTOR,))
    launch(app.test_client(), registered, sub="learner-1", roles=(LEARNER,))
    second = app.test_client()
    for _ in range(2):  # again: no second co-instructor row
        response = launch(second, registered, sub="teacher-2", roles=(INSTRUCTOR,))
    with app.app_context():
        cohort = db.session.scalar(sa.select(Cohort))
        first = db.session.scalar(sa.select(User).where(User.username == "Person-teacher-1"))
        assert cohort.instructor_id == first.id  # still the first one's class
        co = db.session.scalars(sa.select(CoInstructor.user_id)).all()
        assert co == [
            db.session.scalar(sa.select(User.id).where(User.username == "Person-teacher-2"))
        ]
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Cohort)) == 1
    assert response.location == f"/instructor/classes/{cohort.id}"
    assert "Person-learner-1" in second.get(response.location).get_data(as_text=True)
    assert second.get(f"/lti/classes/{cohort.id}").status_code == 200
    assert f"/instructor/classes/{cohort.id}" in second.get("/instructor/").get_data(as_text=True)


def _refused(app, client, registered, status, text, **kwargs):
    with app.app_context():
        before = _counts()
    response = launch(client, registered, **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)
    assert text in response.get_data(as_text=True)
    with app.app_context():
        assert _counts() == before
    return response


def test_bad_signature_is_refused_and_keeps_the_nonce(app, client, registered):
    forger_pem, _ = rsa_key()
    nonces = []

    def forged(auth):
        nonces.append(auth["nonce"])
        return registered.sign(registered.claims(auth["nonce"]), pem=forger_pem)

    _refused(app, client, registered, 401, "signature does not match", token=forged)
    with app.app_context():  # nothing consumed: a forgery cannot burn a real launch's nonce
        assert db.session.get(LtiNonce, nonces[0]) is not None


def test_reused_nonce_is_refused(app, client, registered):
    auth = oidc_login(client, registered)
    token = registered.sign(registered.claims(auth["nonce"]))
    first = client.post("/lti/launch", data={"id_token": token, "state": auth["state"]})
    assert first.status_code == 302
    with app.app_context():
        before = _counts()
    again = client.post("/lti/launch", data={"id_token": token, "state": auth["state"]})
    assert again.status_code == 401
    assert "already used" in again.get_data(as_text=True)
    with app.app_context():
        assert _counts() == before


def test_expired_token_is_refused(app, client, registered):
    _refused(app, client, registered, 401, "expired", expires_in=-600)


def test_unknown_deployment_is_refused(app, client, registered):
    deployment = "https://purl.imsglobal.org/spec/lti/claim/deployment_id"
    _refused(app, client, registered, 403, "deployment", **{deployment: "dep-unknown"})


def test_unknown_issuer_is_refused(app, client, registered):
    _refused(app, client, registered, 403, "not registered", iss="https://other.example.edu")
    response = client.post("/lti/login", data={"iss": "https://other.example.edu",
                                               "login_hint": "x", "client_id": "c"})  # fmt: skip
    assert response.status_code == 403


def test_wrong_audience_is_refused(app, client, registered):
    _refused(app, client, registered, 403, "not registered", aud="another-client")


def test_missing_state_cookie_is_refused(app, client, registered):
    auth = oidc_login(client, registered)
    token = registered.sign(registered.claims(auth["nonce"]))
    other = app.test_client()  # another browser: no state cookie
    response = other.post("/lti/launch", data={"id_token": token, "state": auth["state"]})
    assert response.status_code == 401


def test_tool_key_set_is_served(client, registered):
    keys = client.get("/lti/jwks")
    assert keys.headers["Cache-Control"] == "public, max-age=300"
    assert [k["alg"] for k in keys.get_json()["keys"]] == ["RS256"]
    assert "d" not in keys.get_json()["keys"][0]  # the public half only


def test_framed_launch_opens_a_new_window_once(app, client, registered):
    framed = {"Sec-Fetch-Dest": "iframe"}
    response = launch(client, registered, sub="learner-3", headers=framed)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'target="_blank"' in page
    policy = response.headers["Content-Security-Policy"]
    assert f"frame-ancestors {registered.url}" in policy
    assert "X-Frame-Options" not in response.headers
    ticket_url = page.split('href="/lti/enter/')[1].split('"')[0]
    window = app.test_client()  # the new window: top level, the site's own cookies
    opened = window.get(f"/lti/enter/{ticket_url}")
    assert opened.status_code == 302 and opened.location == "/next"
    assert window.get("/next").status_code == 200
    assert app.test_client().get(f"/lti/enter/{ticket_url}").status_code == 410


def test_pages_off_the_lti_paths_keep_frame_denial(client, registered):
    for path in ("/lessons/", "/auth/login", "/", "/admin/lti/"):
        response = client.get(path, headers={"Sec-Fetch-Dest": "iframe"})
        assert response.headers["X-Frame-Options"] == "DENY", path
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], path
    # an LTI page: the registered platform may frame it, and nothing else may
    lti_page = client.get("/lti/login", headers={"Sec-Fetch-Dest": "iframe"})
    assert lti_page.status_code == 400 and "X-Frame-Options" not in lti_page.headers
    assert lti_page.headers["Content-Security-Policy"].endswith(f"frame-ancestors {registered.url}")


def test_framed_log_in_checks_cookies_first(client, registered):
    data = {"iss": registered.issuer, "login_hint": "h", "client_id": registered.client_id}
    page = client.post("/lti/login", data=data, headers={"Sec-Fetch-Dest": "iframe"})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "lti1p3_new_window=1" in text and "js/lti-cookie-check.js" in text
    assert "<script>" not in text  # the site's CSP: no inline script


def test_key_set_is_cached_by_its_headers_and_refetched_for_a_new_key(app, client, registered):
    from tests.lti.platform import rsa_key

    for n in range(3):  # registration fetched it with max-age=300: launches use the copy
        assert launch(app.test_client(), registered, sub=f"s-{n}").status_code == 302
    assert registered.key_set_fetches == 0
    registered.pem, registered.jwk = rsa_key()  # the LMS rotates its key
    assert launch(app.test_client(), registered, sub="s-9").status_code == 302
    assert registered.key_set_fetches == 1  # the unknown kid: fetched once, then kept
    assert launch(app.test_client(), registered, sub="s-10").status_code == 302
    assert registered.key_set_fetches == 1


def test_key_set_sent_with_no_store_is_fetched_each_launch(app, client, registered):
    from app.lti.models import LtiPlatform

    registered.key_set_cache_control = "no-store"
    with app.app_context():  # the stored copy has expired
        db.session.scalar(sa.select(LtiPlatform)).key_set_expires_at = None
        db.session.commit()
    for n in range(2):
        assert launch(app.test_client(), registered, sub=f"s-{n}").status_code == 302
    assert registered.key_set_fetches == 2


def test_review_link_with_nothing_due_lands_on_whats_next(app, client, registered):
    response = launch(client, registered, sub="learner-5", resource="review")
    assert response.status_code == 302 and response.location == "/next"
    assert client.get("/next").status_code == 200


def test_link_to_a_missing_lesson_is_a_clear_404(app, client, registered):
    with app.app_context():
        before = _counts()
    response = launch(client, registered, sub="learner-6", resource="lesson:no-such-section")
    assert response.status_code == 404
    assert "no longer on the site" in response.get_data(as_text=True)
    with app.app_context():
        assert _counts() == before


def test_instructor_launched_as_a_learner_joins_that_course_class(app, registered):
    browser = app.test_client()
    launch(browser, registered, sub="teacher-1", roles=(INSTRUCTOR,))
    launch(browser, registered, sub="teacher-1", roles=(LEARNER,), context_id="course-2")
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == "Person-teacher-1"))
        other = db.session.scalar(sa.select(Cohort).where(Cohort.name == "Course course-2"))
        assert user.role is Role.INSTRUCTOR  # the account keeps its role
        assert other.instructor_id is None and not other.co_instructors
        assert db.session.scalars(sa.select(Membership.cohort_id)).all() == [other.id]
