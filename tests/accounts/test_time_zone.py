"""Choosing a time zone by hand on the account page."""

from __future__ import annotations

import re

import sqlalchemy as sa

from app.extensions import db
from app.models import User
from app.timezones import time_zone_choices


def _zone(app, username: str) -> str:
    with app.app_context():
        return db.session.scalar(sa.select(User.time_zone).where(User.username == username))


def test_account_page_offers_zones_with_the_current_one_selected(client, auth):
    auth.create("ada")
    auth.login("ada")
    page = client.get("/auth/password").get_data(as_text=True)
    assert '<option selected value="UTC">UTC</option>' in page
    assert '<optgroup label="Asia">' in page and 'value="Asia/Tokyo"' in page
    assert "US/Eastern" not in page and "Etc/GMT+5" not in page  # aliases, backwards signs


def test_choosing_a_zone_stores_it_and_times_follow(client, auth, app):
    auth.create("ada")
    auth.login("ada")
    response = client.post("/auth/time-zone", data={"time_zone": "America/Los_Angeles"})
    assert response.status_code == 302 and response.headers["Location"] == "/auth/password"
    assert _zone(app, "ada") == "America/Los_Angeles"
    page = client.get("/auth/password").get_data(as_text=True)
    assert "Times are now shown in America/Los_Angeles." in page
    assert '<option selected value="America/Los_Angeles">Los Angeles</option>' in page
    assert " in your zone." in page and ("PST" in page or "PDT" in page)


def test_unknown_or_missing_zone_changes_nothing(client, auth, app):
    auth.create("ada")
    auth.login("ada")
    for data in ({"time_zone": "Mars/Olympus_Mons"}, {"time_zone": "../../etc/passwd"}, {}):
        response = client.post("/auth/time-zone", data=data)
        assert response.status_code == 400
        assert "Please correct the error below." in response.get_data(as_text=True)
    assert _zone(app, "ada") == "UTC"


def test_an_alias_the_browser_reported_stays_selectable(client, auth, app):
    auth.create("ada")
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == "ada"))
        user.time_zone = "US/Eastern"
        db.session.commit()
    auth.login("ada")
    page = client.get("/auth/password").get_data(as_text=True)
    assert '<option selected value="US/Eastern">US/Eastern</option>' in page
    assert client.post("/auth/time-zone", data={"time_zone": "US/Eastern"}).status_code == 302
    assert client.post("/auth/time-zone", data={"time_zone": "Europe/Paris"}).status_code == 302
    assert _zone(app, "ada") == "Europe/Paris"


def test_anonymous_is_sent_to_log_in(client):
    response = client.post("/auth/time-zone", data={"time_zone": "Europe/Paris"})
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_choices_are_canonical_region_names():
    choices = time_zone_choices()
    assert choices["UTC"] == [("UTC", "UTC")]
    names = [value for group in choices.values() for value, _ in group]
    assert "Europe/Moscow" in names and "America/Argentina/Buenos_Aires" in names
    assert all(name == "UTC" or name.split("/")[0] in choices for name in names)


def test_account_page_ids_are_unique_and_hints_described(client, auth):
    auth.create("ada")
    auth.login("ada")
    page = client.get("/auth/password").get_data(as_text=True)
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert 'aria-describedby="time_zone-hint"' in page
    assert 'aria-describedby="password-hint"' in page


def test_a_chosen_zone_outlasts_log_ins_from_elsewhere(client, auth, app):
    auth.create("ada")
    auth.login("ada")
    client.post("/auth/time-zone", data={"time_zone": "Europe/Moscow"})
    auth.logout()
    client.post(
        "/auth/login",
        data={"username": "ada", "password": "correct-horse-battery", "time_zone": "Asia/Tokyo"},
    )
    assert _zone(app, "ada") == "Europe/Moscow"
    assert "logging in from elsewhere does not change it" in client.get("/auth/password").text
