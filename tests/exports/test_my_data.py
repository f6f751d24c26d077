"""A learner downloads their own answers, and nobody else's."""

from __future__ import annotations

import csv
import io
import json


def test_the_dashboard_offers_the_download(client, auth, class_data):
    auth.login("ada")
    page = client.get("/progress/").text
    assert 'action="/progress/my-data"' in page and '<option value="xapi">' in page


def test_csv_holds_only_my_answers(client, auth, class_data):
    auth.login("ada")
    response = client.get("/progress/my-data?format=csv")
    assert response.status_code == 200
    assert 'filename="progress-responses-mine-' in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert len(rows) == 3 and {row["learner"] for row in rows} == {"ada"}
    assert {row["cohort"] for row in rows} == {"Period 3"}


def test_json_and_xapi_hold_only_my_answers(client, auth, class_data):
    auth.login("ada")
    body = client.get("/progress/my-data?format=json").get_json()
    assert [r["learner"] for r in body["responses"]] == ["ada"] * 3
    statements = json.loads(client.get("/progress/my-data?format=xapi").text)
    names = {s["actor"]["account"]["name"] for s in statements}
    verbs = sorted(s["verb"]["display"]["en-US"] for s in statements)
    assert names == {"ada"}
    assert verbs == ["answered"] * 3 + ["completed", "failed"]  # 2 of 3 is below the 70 % mark


def test_a_learner_with_no_answers_gets_an_empty_file(client, auth, class_data):
    auth.create("newcomer")
    auth.login("newcomer")
    assert client.get("/progress/my-data?format=csv").text.strip().count("\n") == 0
    assert client.get("/progress/my-data?format=summary").text.strip().count("\n") == 0


def test_bad_format_is_a_400_and_anonymous_must_log_in(client, auth, class_data):
    assert client.get("/progress/my-data?format=csv").status_code == 302
    auth.login("ada")
    response = client.get("/progress/my-data?format=pdf")
    assert response.status_code == 400 and "format" in response.text
