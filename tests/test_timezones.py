"""Time zone names and the local_time / local_date filters."""

from __future__ import annotations

from datetime import UTC, datetime

from app.timezones import is_known_time_zone, local_date, local_time, zone_named

MOMENT = datetime(2026, 5, 24, 22, 30, tzinfo=UTC)


def test_known_time_zones():
    assert is_known_time_zone("Europe/Moscow") and is_known_time_zone("UTC")
    assert not is_known_time_zone("Mars/Olympus_Mons")
    assert not is_known_time_zone("") and not is_known_time_zone(None)
    assert zone_named("Mars/Olympus_Mons").key == "UTC"
    assert zone_named("../../etc/passwd").key == "UTC"


def test_an_anonymous_reader_sees_utc(app):
    with app.test_request_context("/"):
        assert local_time(MOMENT) == "24 May 2026, 22:30 UTC"
        assert local_time(MOMENT.replace(tzinfo=None)) == "24 May 2026, 22:30 UTC"
        assert local_time(None) == "—"
        assert local_date(MOMENT) == "24 May 2026"


def test_a_logged_in_reader_sees_their_own_zone(app):
    from flask_login import login_user

    from app.extensions import db
    from tests.factories import make_user

    with app.app_context():
        user = make_user(username="olga")
        user.time_zone = "Europe/Moscow"
        db.session.commit()
        with app.test_request_context("/"):
            login_user(user)
            # 22:30 UTC on 24 May is already 25 May in Moscow (UTC+3, no summer time)
            assert local_time(MOMENT) == "25 May 2026, 01:30 MSK"
            assert local_date(MOMENT) == "25 May 2026"
