"""A new password ends the sessions (and "keep me logged in" cookies) made with the old one."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.conftest import PASSWORD

NEW = "another-long-secret"


def _logged_in(client: FlaskClient, username: str, remember: bool = False) -> FlaskClient:
    data = {"username": username, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    assert client.post("/auth/login", data=data).status_code == 302
    return client


def _is_logged_in(client: FlaskClient) -> bool:
    return client.get("/progress/").status_code == 200


def test_changing_ones_password_ends_other_sessions_but_not_this_one(app, auth):
    auth.create("ada")
    here, elsewhere = app.test_client(), app.test_client()
    _logged_in(here, "ada")
    _logged_in(elsewhere, "ada")
    response = here.post(
        "/auth/password", data={"current": PASSWORD, "password": NEW, "confirm": NEW}
    )
    assert response.status_code == 302
    assert _is_logged_in(here)
    assert not _is_logged_in(elsewhere)
    assert elsewhere.get("/progress/").headers["Location"].startswith("/auth/login")


def test_a_remember_cookie_made_before_a_reset_no_longer_logs_in(app, auth):
    auth.create("boss", role="admin")
    ada = auth.create("ada")
    stolen = _logged_in(app.test_client(), "ada", remember=True)
    assert stolen.get_cookie("remember_token") is not None
    # only the remember cookie is left, as after the browser session has ended
    stolen.delete_cookie("session")
    assert _is_logged_in(stolen)
    stolen.delete_cookie("session")
    admin = _logged_in(app.test_client(), "boss")
    admin.post(f"/admin/people/{ada}/password", data={"password": NEW, "confirm": NEW})
    assert not _is_logged_in(stolen)


def test_keeping_me_logged_in_survives_my_own_password_change(app, auth):
    auth.create("ada")
    client = _logged_in(app.test_client(), "ada", remember=True)
    client.post("/auth/password", data={"current": PASSWORD, "password": NEW, "confirm": NEW})
    client.delete_cookie("session")
    assert _is_logged_in(client)


def test_session_ids_without_a_stamp_are_refused(app, auth):
    ada = auth.create("ada")
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(ada)  # the form sessions had before stamps
        session["_fresh"] = True
    assert not _is_logged_in(client)
