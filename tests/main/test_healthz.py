"""/healthz: a constant answer for load balancers, without touching the database."""

from __future__ import annotations

from app import create_app


def test_healthz_is_constant_plain_text(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok"
    assert response.mimetype == "text/plain"


def test_healthz_answers_even_without_a_database(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/no/db",
        }
    )
    assert app.test_client().get("/healthz").status_code == 200
