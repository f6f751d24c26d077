"""A lesson's malformed structured parts: a warning when it is saved, `lessons check`, sync."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.lessons.files import read_lessons
from app.models import Lesson

BROKEN = (
    "## Key terms\n\n"
    "- **Treaty** — a written agreement\n"
    "- **Ratification**\n\n"
    "## Timeline\n\n"
    "- 2002-05-24 — Declaration signed (¶1)\n"
    "- START II signed\n"
)


@pytest.fixture
def teacher(auth):
    auth.create("teacher", "instructor")
    auth.login("teacher")
    return "teacher"


def test_saving_a_malformed_lesson_saves_it_and_warns_naming_the_lines(
    client, teacher, app, lessons_dir, curriculum
):
    form = {"title": "Preamble", "body": BROKEN, "base_revision": "1", "save": "Save"}
    response = client.post("/instructor/lessons/preamble/edit", data=form, follow_redirects=True)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Saved as revision 2." in page
    assert "2 structured parts are malformed" in page
    assert "line 4: key term “Ratification” has no definition" in page
    assert "line 9: a timeline row starts with its date" in page
    assert 'class="flash flash-warning"' in page
    with app.app_context():
        lesson = db.session.get(Lesson, "preamble")
        assert lesson.body == BROKEN  # saved as written
        assert "START II signed" in lesson.html and "<figure" in lesson.html
    editor = client.get("/instructor/lessons/preamble/edit").get_data(as_text=True)
    assert "2 malformed structured parts" in editor and "line 4: key term" in editor


def test_a_well_formed_save_and_a_preview_warn_only_when_there_is_something_to_say(
    client, teacher, lessons_dir, curriculum
):
    good = {"title": "Preamble", "body": "## Key terms\n\n- **A** — b\n", "base_revision": "1"}
    saved = client.post(
        "/instructor/lessons/preamble/edit", data={**good, "save": "Save"}, follow_redirects=True
    )
    assert "malformed" not in saved.get_data(as_text=True)
    bad = {**good, "body": BROKEN, "base_revision": "2", "preview": "Preview"}
    preview = client.post("/instructor/lessons/preamble/edit", data=bad)
    assert preview.status_code == 200
    assert "2 malformed structured parts" in preview.get_data(as_text=True)


def test_lessons_check_passes_the_shipped_lessons_and_exits_2_naming_file_and_line(
    runner, lessons_dir
):
    result = runner.invoke(args=["lessons", "check"])
    assert result.exit_code == 0, result.output
    assert "8 lessons checked: no problems" in result.output
    path = next(lesson.path for lesson in read_lessons(lessons_dir) if lesson.id == "preamble")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("## Key terms\n", "## Key terms\n\n- **Orphan**\n", 1))
    line = path.read_text(encoding="utf-8").splitlines().index("- **Orphan**") + 1
    result = runner.invoke(args=["lessons", "check"])
    assert result.exit_code == 2
    assert f"{path}: line {line}: key term “Orphan” has no definition" in result.output
    assert "1 problems in 8 lessons" in result.output


def test_lessons_check_of_a_missing_folder_or_a_bad_file_exits_2(runner, tmp_path):
    result = runner.invoke(args=["lessons", "check", "--dir", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "is not a folder" in result.output
    (tmp_path / "bad.md").write_text("no front matter")
    result = runner.invoke(args=["lessons", "check", "--dir", str(tmp_path)])
    assert result.exit_code == 2 and "missing front matter" in result.output


def test_lessons_check_live_reads_the_browser_edits(
    client, teacher, runner, lessons_dir, curriculum
):
    assert runner.invoke(args=["lessons", "check", "--live"]).exit_code == 0
    form = {"title": "Preamble", "body": BROKEN, "base_revision": "1", "save": "Save"}
    client.post("/instructor/lessons/preamble/edit", data=form)
    result = runner.invoke(args=["lessons", "check", "--live"])
    assert result.exit_code == 2
    assert "lesson preamble (live): line 4: key term “Ratification” has no definition" in (
        result.output
    )


def test_sync_loads_a_malformed_lesson_and_warns(runner, app, lessons_dir):
    path = next(lesson.path for lesson in read_lessons(lessons_dir) if lesson.id == "preamble")
    path.write_text(path.read_text(encoding="utf-8") + "\n## Timeline\n\n- 2002-02-30 — X (¶1)\n")
    result = runner.invoke(args=["sync"])
    assert result.exit_code == 0, result.output
    assert f"warning: {path}, line " in result.output
    assert "February 2002 has 28 days" in result.output
    with app.app_context():
        assert "2002-02-30" in db.session.get(Lesson, "preamble").body


def test_sync_rerenders_the_html_of_unchanged_and_kept_lessons(runner, app, lessons_dir):
    assert runner.invoke(args=["sync"]).exit_code == 0
    with app.app_context():
        for lesson in db.session.query(Lesson):
            lesson.html = "<p>rendered by an older version</p>"
        db.session.get(Lesson, "preamble").edited_in_browser = True
        db.session.commit()
    result = runner.invoke(args=["sync"])
    assert "lessons re-rendered: 8" in result.output
    with app.app_context():
        assert all("older version" not in lesson.html for lesson in db.session.query(Lesson))
    assert "re-rendered" not in runner.invoke(args=["sync"]).output


NO_RUBRIC = (
    "## Discussion questions\n\n"
    "1. Why sign a declaration that binds no one in law?\n"
    "    Rubric:\n"
    "    - Says what a signature adds.\n"
    "2. Should the next president respect it?\n"
)


def test_a_discussion_question_without_a_rubric_is_named_on_saving_and_by_lessons_check(
    client, teacher, runner, app, lessons_dir, curriculum
):
    form = {"title": "Preamble", "body": NO_RUBRIC, "base_revision": "1", "save": "Save"}
    page = client.post(
        "/instructor/lessons/preamble/edit", data=form, follow_redirects=True
    ).get_data(as_text=True)
    assert "Saved as revision 2." in page and "1 structured part is malformed" in page
    assert "line 6: discussion question 2: no rubric: under it, indented by four spaces" in page
    (lessons_dir / "01-preamble.md").write_text(
        "---\nid: preamble\ntitle: Preamble\norder: 1\n---\n\n" + NO_RUBRIC, encoding="utf-8"
    )
    result = runner.invoke(args=["lessons", "check"])
    assert result.exit_code == 2
    assert "01-preamble.md: line 12: discussion question 2: no rubric" in result.output
