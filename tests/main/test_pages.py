"""Home page, error pages, layout."""

from __future__ import annotations


def test_home_lists_sections(client, curriculum):
    html = client.get("/").get_data(as_text=True)
    assert "Learn the 2002 US–Russia Joint Declaration" in html
    assert "/lessons/preamble" in html


def test_home_before_any_sync_says_how_to_load(client):
    assert "flask --app app init" in client.get("/").get_data(as_text=True)


def test_layout_has_landmarks_and_skip_link(client):
    html = client.get("/").get_data(as_text=True)
    for part in (
        "<header",
        '<nav aria-label="Main">',
        '<main id="content"',
        "<footer",
        'class="skip-link" href="#content"',
        'lang="en"',
        'name="viewport"',
    ):
        assert part in html


def test_bad_url_gives_friendly_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Not Found" in html and "home page" in html


def test_the_favicon_is_served_where_browsers_look_for_it(client):
    with client.get("/favicon.ico") as response:
        assert response.status_code == 200
        assert response.data[:4] == b"\0\0\1\0"  # an ICO file
    assert "favicon.svg" in client.get("/").get_data(as_text=True)
    with client.get("/static/favicon.svg") as response:
        assert response.status_code == 200


def test_api_errors_are_json(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.is_json and "error" in response.get_json()


def test_unreachable_database_gives_clear_message(tmp_path):
    from app import create_app

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/missing/dir/db.sqlite",
        }
    )
    response = app.test_client().get("/")
    assert response.status_code == 503
    assert "The database cannot be opened" in response.get_data(as_text=True)
