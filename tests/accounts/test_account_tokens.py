"""The account page lists one's API tokens with revoke; one's own password change revokes all."""

from __future__ import annotations

import re

from tests.conftest import PASSWORD

NEW = "another-long-secret"


def _token(app, username: str) -> str:
    response = app.test_client().post(
        "/api/v1/token", json={"username": username, "password": PASSWORD}
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()["token"]


def _works(app, token: str) -> bool:
    response = app.test_client().get(
        "/api/v1/me/progress", headers={"Authorization": f"Bearer {token}"}
    )
    return response.status_code == 200


def _revoke_paths(page: str) -> list[str]:
    return re.findall(r'action="(/auth/tokens/\d+/revoke)"', page)


def test_changing_ones_password_revokes_ones_api_tokens(app, auth, client):
    auth.create("ada")
    auth.create("bob")
    ada_token, bob_token = _token(app, "ada"), _token(app, "bob")
    auth.login("ada")
    response = client.post(
        "/auth/password",
        data={"current": PASSWORD, "password": NEW, "confirm": NEW},
        follow_redirects=True,
    )
    assert "Your password is changed and 1 API token revoked." in response.get_data(as_text=True)
    assert not _works(app, ada_token)
    assert _works(app, bob_token)  # someone else's stays


def test_the_account_page_lists_ones_tokens_and_revokes_one(app, auth, client):
    auth.create("ada")
    auth.create("bob")
    first, second, bobs = _token(app, "ada"), _token(app, "ada"), _token(app, "bob")
    auth.login("ada")
    page = client.get("/auth/password").get_data(as_text=True)
    paths = _revoke_paths(page)
    assert len(paths) == 2 and "API tokens" in page
    response = client.post(paths[0])  # newest first: the second token
    assert response.status_code == 302
    assert not _works(app, second) and _works(app, first) and _works(app, bobs)
    assert client.post(paths[0]).status_code == 404  # already revoked
    assert len(_revoke_paths(client.get("/auth/password").get_data(as_text=True))) == 1


def test_nobody_revokes_someone_elses_token(app, auth, client):
    auth.create("ada")
    auth.create("bob")
    bobs = _token(app, "bob")
    auth.login("bob")
    [path] = _revoke_paths(client.get("/auth/password").get_data(as_text=True))
    auth.logout()
    auth.login("ada")
    assert client.post(path).status_code == 404
    assert _works(app, bobs)
    auth.logout()
    assert client.post(path).status_code == 302  # anonymous: to the log-in page
    assert _works(app, bobs)
