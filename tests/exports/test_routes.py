"""The exports pages: who may download what, and downloads that stream."""

from __future__ import annotations

import csv
import io

from app.models import Role


def test_students_get_403_everywhere(client, auth, class_data):
    auth.create("student1")
    auth.login("student1")
    assert client.get("/instructor/exports/").status_code == 403
    url = f"/instructor/exports/progress/{class_data.cohort_id}?format=csv"
    assert client.get(url).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, class_data):
    response = client.get(f"/instructor/exports/progress/{class_data.cohort_id}?format=csv")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_another_instructors_cohort_is_403_and_a_missing_one_404(client, auth, class_data):
    auth.create("teacher2", role=Role.INSTRUCTOR)
    auth.login("teacher2")
    for name in ("csv", "summary", "json", "xapi"):
        url = f"/instructor/exports/progress/{class_data.cohort_id}?format={name}"
        assert client.get(url).status_code == 403
    assert client.get("/instructor/exports/progress/9999?format=csv").status_code == 404


def test_the_page_lists_the_instructors_cohorts_with_forms(client, auth, class_data):
    auth.login("teacher")
    page = client.get("/instructor/exports/").get_data(as_text=True)
    assert "Period 3" in page and "Elsewhere" not in page
    assert f"/instructor/exports/progress/{class_data.cohort_id}" in page
    assert 'href="/instructor/exports/"' in client.get("/").get_data(as_text=True)


def test_download_streams_an_attachment(client, auth, class_data):
    auth.login("teacher")
    response = client.get(f"/instructor/exports/progress/{class_data.cohort_id}?format=csv")
    assert response.status_code == 200
    assert response.is_streamed
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    body = response.get_data()
    assert body.startswith("\ufeff".encode())  # spreadsheets then read it as UTF-8
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert len(rows) == class_data.responses


def test_the_plain_csv_for_programs_has_no_bom(client, auth, class_data):
    auth.login("teacher")
    base = f"/instructor/exports/progress/{class_data.cohort_id}"
    for name in ("csv", "summary"):
        with_bom = client.get(f"{base}?format={name}").get_data()
        plain = client.get(f"{base}?format={name}&bom=0").get_data()
        assert with_bom == "\ufeff".encode() + plain and plain.startswith(b"learner,")
    # the JSON formats never carry one
    assert client.get(f"{base}?format=json&bom=1").get_data().startswith(b"{")
    response = client.get(f"{base}?format=csv&bom=maybe")
    assert response.status_code == 400 and "bom" in response.get_data(as_text=True)


def test_every_format_downloads(client, auth, class_data):
    auth.login("teacher")
    for name, mimetype in (
        ("summary", "text/csv"),
        ("json", "application/json"),
        ("xapi", "application/json"),
    ):
        url = f"/instructor/exports/progress/{class_data.cohort_id}?format={name}&since=2026-01-01"
        response = client.get(url)
        assert response.status_code == 200 and response.mimetype == mimetype
        assert response.get_data()


def test_bad_format_or_date_is_400(client, auth, class_data):
    auth.login("teacher")
    base = f"/instructor/exports/progress/{class_data.cohort_id}"
    assert client.get(base + "?format=xlsx").status_code == 400
    assert client.get(base + "?format=csv&since=yesterday").status_code == 400
