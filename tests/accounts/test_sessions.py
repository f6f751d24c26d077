"""Login sessions: logging out, logging out everywhere and a new password end them (and their
"keep me logged in" cookies), copied or not."""

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


def _copy_of(app, client: FlaskClient, *names: str) -> FlaskClient:
    """Another browser holding copies of ``client``'s cookies ``names``."""
    thief = app.test_client()
    for name in names:
        thief.set_cookie(name, client.get_cookie(name).value)
    return thief


def test_logging_out_ends_a_copied_session_cookie(app, auth):
    auth.create("ada")
    here = _logged_in(app.test_client(), "ada")
    copied = _copy_of(app, here, "session")
    assert _is_logged_in(copied)
    here.post("/auth/logout")
    assert not _is_logged_in(here)
    assert not _is_logged_in(copied)


def test_logging_out_ends_a_copied_remember_cookie(app, auth):
    auth.create("ada")
    here = _logged_in(app.test_client(), "ada", remember=True)
    copied = _copy_of(app, here, "remember_token")
    assert _is_logged_in(copied)
    here.post("/auth/logout")
    copied.delete_cookie("session")  # the copy's own session, made from the remember cookie
    assert not _is_logged_in(copied)


def test_logging_out_in_one_browser_leaves_the_others_logged_in(app, auth):
    auth.create("ada")
    here, phone = _logged_in(app.test_client(), "ada"), _logged_in(app.test_client(), "ada")
    here.post("/auth/logout")
    assert _is_logged_in(phone)


def test_log_out_everywhere_ends_every_session_and_remember_cookie(app, auth):
    auth.create("ada")
    auth.create("bob")
    here = _logged_in(app.test_client(), "ada")
    phone = _logged_in(app.test_client(), "ada", remember=True)
    remembered = _copy_of(app, phone, "remember_token")
    bob = _logged_in(app.test_client(), "bob")
    page = here.get("/auth/password").get_data(as_text=True)
    assert 'action="/auth/logout-everywhere"' in page
    response = here.post("/auth/logout-everywhere", follow_redirects=True)
    assert "You are logged out here and in 1 other place." in response.get_data(as_text=True)
    for client in (here, phone, remembered):
        assert not _is_logged_in(client)
    assert _is_logged_in(bob)
    assert app.test_client().post("/auth/logout-everywhere").status_code == 302  # to log-in
