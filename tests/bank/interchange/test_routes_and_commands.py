"""Bank downloads and GIFT upload on the web, and `flask bank export|import`."""

from __future__ import annotations

import io
import zipfile

import sqlalchemy as sa

from app.extensions import db
from app.models import Question, QuestionOrigin, Role
from tests.factories import make_bank, make_section


def _bank(app):
    with app.app_context():
        make_bank(make_section(id="foundation"))
        make_section(id="political")
        db.session.commit()


def _instructor_questions(app) -> int:
    with app.app_context():
        query = sa.select(sa.func.count()).where(Question.origin == QuestionOrigin.INSTRUCTOR)
        return db.session.scalar(query)


def test_students_may_not_export_or_import(app, client, auth):
    _bank(app)
    auth.create("student1")
    auth.login("student1")
    assert client.get("/instructor/exports/bank?format=gift").status_code == 403
    assert client.get("/instructor/exports/bank/import").status_code == 403
    data = {"file": (io.BytesIO(b"Q {=a ~b}"), "q.gift")}
    assert client.post("/instructor/exports/bank/import", data=data).status_code == 403
    assert _instructor_questions(app) == 0


def test_instructors_download_each_format(app, client, auth):
    _bank(app)
    auth.create("teacher", role=Role.INSTRUCTOR)
    auth.login("teacher")
    gift = client.get("/instructor/exports/bank?format=gift")
    assert gift.status_code == 200 and gift.mimetype == "text/plain"
    assert "attachment" in gift.headers["Content-Disposition"]
    assert "$CATEGORY: $course$/top/foundation" in gift.get_data(as_text=True)
    moodle = client.get("/instructor/exports/bank?format=moodle&section=foundation")
    assert moodle.get_data(as_text=True).count('<question type="') == 7
    qti = client.get("/instructor/exports/bank?format=qti")
    assert "imsmanifest.xml" in zipfile.ZipFile(io.BytesIO(qti.get_data())).namelist()
    assert client.get("/instructor/exports/bank?format=pdf").status_code == 400
    assert client.get("/instructor/exports/bank?format=gift&section=nope").status_code == 400


def test_upload_imports_all_or_nothing(app, client, auth):
    _bank(app)
    auth.create("teacher", role=Role.INSTRUCTOR)
    auth.login("teacher")
    page = client.get("/instructor/exports/bank/import").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page and 'name="csrf_token"' in page
    bad = {"file": (io.BytesIO(b"Good {=a ~b}\n\nBad {#3}\n"), "bad.gift"), "section": "foundation"}
    response = client.post("/instructor/exports/bank/import", data=bad)
    assert response.status_code == 400
    assert "line 3" in response.get_data(as_text=True)
    assert _instructor_questions(app) == 0
    good = {"file": (io.BytesIO(b"Good {=a ~b}\n"), "good.gift"), "section": "political"}
    response = client.post("/instructor/exports/bank/import", data=good)
    assert response.status_code == 302
    assert _instructor_questions(app) == 1
    good = {"file": (io.BytesIO(b"Good {=a ~b}\n"), "good.gift"), "section": "political"}
    response = client.post("/instructor/exports/bank/import", data=good, follow_redirects=True)
    assert "0 added, 0 updated, 1 unchanged" in response.get_data(as_text=True)
    assert _instructor_questions(app) == 1  # the same file again adds nothing
    assert client.post("/instructor/exports/bank/import", data={}).status_code == 400
    xml = client.get("/instructor/exports/bank?format=moodle&section=foundation").get_data()
    for _ in range(2):
        upload = {"file": (io.BytesIO(xml), "bank.xml"), "section": ""}
        response = client.post("/instructor/exports/bank/import", data=upload)
        assert response.status_code == 302
    assert _instructor_questions(app) == 1  # the bank's own questions matched, not copied
    bad = {"file": (io.BytesIO(b"<quiz><question type='essay'/></quiz>"), "x.xml"), "section": ""}
    response = client.post("/instructor/exports/bank/import", data=bad)
    assert response.status_code == 400 and "essay" in response.get_data(as_text=True)
    latin = {"file": (io.BytesIO("Caf\u00e9 {=a ~b}".encode("latin-1")), "q.gift"), "section": ""}
    response = client.post("/instructor/exports/bank/import", data=latin)
    assert response.status_code == 400 and "not UTF-8" in response.get_data(as_text=True)


def test_cli_export_then_import_round_trips(app, runner, tmp_path):
    _bank(app)
    out = tmp_path / "bank.gift"
    result = runner.invoke(args=["bank", "export", "--format", "gift", "-o", str(out)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["bank", "import", "--format", "gift", str(out)])
    assert result.exit_code == 0, result.output
    # the bank's own questions, matched by id: nothing is copied
    assert (
        "Imported 6 questions" in result.output
        and "0 added, 0 updated, 6 unchanged" in result.output
    )
    assert _instructor_questions(app) == 0
    moodle = tmp_path / "bank.xml"
    result = runner.invoke(args=["bank", "export", "--format", "moodle", "-o", str(moodle)])
    assert result.exit_code == 0, result.output
    for _ in range(2):  # a Moodle XML file (told by its name) goes back in, twice, unchanged
        result = runner.invoke(args=["bank", "import", str(moodle)])
        assert result.exit_code == 0, result.output
        assert "0 added, 0 updated, 6 unchanged" in result.output
    for name in ("moodle", "qti"):
        target = tmp_path / f"bank.{name}"
        result = runner.invoke(args=["bank", "export", "--format", name, "-o", str(target)])
        assert result.exit_code == 0 and target.stat().st_size > 0


def test_cli_rejects_bad_input_with_exit_2(app, runner, tmp_path):
    _bank(app)
    bad = tmp_path / "bad.gift"
    bad.write_text("Fine {=a ~b}\n\nBroken {=a\n", encoding="utf-8")
    result = runner.invoke(args=["bank", "import", "--section", "foundation", str(bad)])
    assert result.exit_code == 2
    assert "line 3" in result.output and "nothing was added" in result.output
    assert _instructor_questions(app) == 0
    result = runner.invoke(args=["bank", "export", "--format", "docx", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2
    result = runner.invoke(
        args=["bank", "export", "--format", "gift", "--section", "nope", "-o", str(tmp_path / "x")]
    )
    assert result.exit_code == 2 and "nope" in result.output
