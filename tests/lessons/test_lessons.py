"""Lesson authoring: revisions, diff, restore, preview, XSS, and the sync/export loop."""

from __future__ import annotations

import re

import lxml.html
import pytest

from app.extensions import db
from app.lessons.editing import (
    StaleEdit,
    export_lessons,
    latest_revision_number,
    restore_revision,
    revision_diff,
    save_lesson,
)
from app.lessons.files import read_lessons
from app.models import Lesson, LessonRevision, Role, User
from tests.factories import make_user

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>x</details>",
    '<div onclick="alert(1)">click</div>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "![x](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<scr<script>ipt>alert(1)</script>",
    '"><script>alert(1)</script>',
    "> ¶1 <img src=x onerror=alert(1)>",
    '<blockquote id="x" class="source-paragraph" onmouseover="alert(1)">q</blockquote>',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<a href="https://example.org" onmouseover="alert(1)">ok</a>',
]
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")


def unsafe_parts(html: str) -> list[str]:
    """Scripts, event-handler attributes and script URLs left in a page."""
    found = []
    tree = lxml.html.fromstring(html)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        own_script = (element.get("src") or "").startswith("/static/js/") and not element.text
        if (
            element.tag.lower() in ("script", "iframe", "object", "embed", "base")
            and not own_script
        ):
            found.append(f"<{element.tag}>")
        if element.tag.lower() == "meta" and element.get("http-equiv"):
            found.append("<meta http-equiv>")
        for name, value in element.attrib.items():
            if name.lower().startswith("on") or name.lower() == "style":
                found.append(f"{element.tag} {name}")
            compact = "".join(value.split()).lower()
            if any(scheme in compact for scheme in UNSAFE_SCHEMES):
                found.append(f"{element.tag} {name}={value}")
    own = re.sub(r'<script src="/static/js/[\w.-]+"( defer)?></script>', "", html)
    if "<script" in own.lower():
        found.append("<script")
    return found


@pytest.fixture
def teacher(auth):
    auth.create("teacher", "instructor")
    auth.login("teacher")
    return "teacher"


def test_save_makes_a_revision_with_author_and_rendered_html(app, lessons_dir, curriculum):
    with app.app_context():
        author = make_user(role=Role.INSTRUCTOR)
        lesson = db.session.get(Lesson, "preamble")
        before = len(lesson.revisions)
        revision = save_lesson(
            db.session, lesson, title="Preamble", body="## New\n\nText *here*.", author=author
        )
        assert revision.number == before + 1 and revision.author_id == author.id
        assert lesson.edited_in_browser and lesson.updated_by_id == author.id
        assert "<em>here</em>" in lesson.html
        assert (
            save_lesson(
                db.session, lesson, title="Preamble", body="## New\n\nText *here*.\n", author=author
            )
            is None
        )
        with pytest.raises(StaleEdit):
            save_lesson(db.session, lesson, title="T", body="x", author=author, base_revision=1)
        restored = restore_revision(db.session, lesson, lesson.revisions[0], author)
        assert restored.number == before + 2
        assert lesson.body == lesson.revisions[0].body
        assert restored.note == "restored revision 1"


def test_a_save_that_lost_the_race_is_a_stale_edit_and_adds_no_revision(
    app, lessons_dir, curriculum
):
    """Two saves that both read revision N: the database lets one through, the other is a
    StaleEdit (not a second revision N+1, an IntegrityError). The other request's save is made
    on a session of its own between this one's read and its save."""
    import sqlalchemy as sa
    from sqlalchemy.orm import Session

    with app.app_context():
        author = make_user(role="instructor")
        db.session.commit()
        lesson = db.session.get(Lesson, "preamble")
        read = latest_revision_number(lesson)
        with Session(db.engine) as other:  # the other instructor, a moment earlier
            theirs = other.get(Lesson, "preamble")
            save_lesson(other, theirs, title="Preamble", body="Theirs.", author=author)
            other.commit()
        with pytest.raises(StaleEdit, match="while you were saving"):
            save_lesson(
                db.session, lesson, title="Preamble", body="Mine.", author=author,
                base_revision=read,
            )  # fmt: skip
        db.session.rollback()
        numbers = db.session.scalars(
            sa.select(LessonRevision.number).where(LessonRevision.lesson_id == "preamble")
        ).all()
        assert sorted(numbers) == list(range(1, read + 2))
        assert db.session.get(Lesson, "preamble").body == "Theirs.\n"


def test_revision_diff_lists_removed_and_added_lines_with_numbers():
    old = "a\nb\nc\nd\ne\nf\ng\nh\ni\n"
    new = "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\n"
    diff = revision_diff(old, new, context=1)
    changed = [(d.kind, d.old_number, d.new_number, d.text) for d in diff if d and d.kind != "same"]
    assert changed == [("removed", 2, None, "b"), ("added", None, 2, "B"), ("added", None, 10, "j")]
    assert None in diff  # unchanged lines between the two hunks are elided
    assert revision_diff("same\n", "same\n") == []


def test_edit_preview_save_history_diff_and_restore_through_the_pages(
    client, teacher, app, lessons_dir, curriculum
):
    page = client.get("/instructor/lessons/preamble/edit")
    assert page.status_code == 200 and "Preamble" in page.get_data(as_text=True)
    form = {"title": "Preamble", "body": "## Intro\n\nFirst **draft**.", "base_revision": "1"}
    preview = client.post("/instructor/lessons/preamble/edit", data={**form, "preview": "Preview"})
    assert preview.status_code == 200
    assert "<strong>draft</strong>" in preview.get_data(as_text=True)
    with app.app_context():
        assert "First" not in db.session.get(Lesson, "preamble").body  # preview saves nothing
    saved = client.post("/instructor/lessons/preamble/edit", data={**form, "save": "Save"})
    assert saved.status_code == 302
    assert "<strong>draft</strong>" in client.get("/lessons/preamble").get_data(as_text=True)
    again = {**form, "body": "## Intro\n\nSecond draft.", "base_revision": "2", "note": "tone"}
    assert client.post("/instructor/lessons/preamble/edit", data=again).status_code == 302
    history = client.get("/instructor/lessons/preamble/history").get_data(as_text=True)
    assert "teacher" in history and "tone" in history and "lesson file" in history
    diff = client.get("/instructor/lessons/preamble/revisions/3").get_data(as_text=True)
    assert "Removed" in diff and "First **draft**." in diff and "Second draft." in diff
    restore = client.post("/instructor/lessons/preamble/revisions/2/restore")
    assert restore.status_code == 302
    with app.app_context():
        lesson = db.session.get(Lesson, "preamble")
        assert lesson.body == "## Intro\n\nFirst **draft**.\n"
        assert [r.number for r in lesson.revisions] == [1, 2, 3, 4]


def test_a_stale_edit_is_refused_and_keeps_the_text(client, teacher, lessons_dir, curriculum):
    first = {"title": "Preamble", "body": "Mine.", "base_revision": "1", "save": "Save"}
    assert client.post("/instructor/lessons/preamble/edit", data=first).status_code == 302
    late = {"title": "Preamble", "body": "Theirs, written meanwhile.", "base_revision": "1"}
    response = client.post("/instructor/lessons/preamble/edit", data={**late, "save": "Save"})
    assert response.status_code == 409
    text = response.get_data(as_text=True)
    assert "Theirs, written meanwhile." in text and "while you were editing" in text
    # both versions' differences, line by line: the saved one's removed, the late one's added
    assert "What differs between the saved lesson and your text" in text
    assert '<span class="diff-del">-Mine.</span>' in text
    assert '<span class="diff-add">+Theirs, written meanwhile.</span>' in text
    assert '<span class="diff-head">--- saved revision 2</span>' in text


def test_edit_differences_mark_each_line(app):
    from app.lessons.editing import edit_differences

    lines = edit_differences("a\nb\nc\n", "a\nB\nc\n", "saved revision 3")
    kinds = [kind for kind, _ in lines]
    assert kinds == ["head", "head", "hunk", "same", "del", "add", "same"]
    assert ("del", "-b") in lines and ("add", "+B") in lines
    assert edit_differences("same\n", "same\r\n", "saved") == []


def test_empty_lesson_is_refused(client, teacher, lessons_dir, curriculum):
    response = client.post(
        "/instructor/lessons/preamble/edit", data={"title": "P", "body": "", "save": "Save"}
    )
    assert response.status_code == 400
    assert "A lesson cannot be empty." in response.get_data(as_text=True)


def test_unknown_lessons_and_revisions_are_404(client, teacher, lessons_dir, curriculum):
    assert client.get("/instructor/lessons/nope/edit").status_code == 404
    assert client.get("/instructor/lessons/preamble/revisions/99").status_code == 404
    assert client.post("/instructor/lessons/preamble/revisions/99/restore").status_code == 404


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_instructor_markdown_cannot_run_script_in_a_students_browser(
    client, auth, app, lessons_dir, curriculum, payload
):
    auth.create("teacher", "instructor")
    auth.create("pupil")
    auth.login("teacher")
    body = f"## Heading\n\n{payload}\n\nInline: {payload}\n\n- item {payload}\n"
    response = client.post(
        "/instructor/lessons/preamble/edit",
        data={"title": "Preamble", "body": body, "save": "Save"},
    )
    assert response.status_code == 302
    preview = client.post(
        "/instructor/lessons/preamble/edit",
        data={"title": "Preamble", "body": body, "preview": "Preview"},
    )
    assert unsafe_parts(preview.get_data(as_text=True)) == []
    auth.logout()
    auth.login("pupil")
    page = client.get("/lessons/preamble")
    assert page.status_code == 200
    assert "Heading" in page.get_data(as_text=True)
    assert unsafe_parts(page.get_data(as_text=True)) == []


def test_the_xss_check_itself_catches_unsafe_html():
    assert unsafe_parts('<p><a href="javascript:alert(1)">x</a></p>')
    assert unsafe_parts('<p><img src="x" onerror="alert(1)"></p>')
    assert unsafe_parts("<div><script>alert(1)</script></div>")
    assert unsafe_parts('<p><a href="https://example.org">ok</a></p>') == []


def test_sync_keeps_a_browser_edit_force_replaces_it_export_writes_it_back(
    app, runner, lessons_dir, curriculum
):
    with app.app_context():
        author = make_user(role=Role.INSTRUCTOR)
        lesson = db.session.get(Lesson, "preamble")
        save_lesson(db.session, lesson, title="Preamble", body="Edited online.", author=author)
        db.session.commit()
        author_id = author.id
    assert runner.invoke(args=["sync"]).exit_code == 0  # file unchanged: edit kept
    with app.app_context():
        assert db.session.get(Lesson, "preamble").body == "Edited online.\n"
    path = next(lesson.path for lesson in read_lessons(lessons_dir) if lesson.id == "preamble")
    path.write_text(path.read_text() + "\nA change made in git.\n")
    result = runner.invoke(args=["sync"])
    assert result.exit_code == 0, result.output
    assert (
        "skipped lesson preamble: edited in the browser (use --force to replace)" in result.output
    )
    with app.app_context():
        assert db.session.get(Lesson, "preamble").body == "Edited online.\n"

    # export writes the live lesson back to its own file; the next sync has nothing to do
    result = runner.invoke(args=["lessons", "export"])
    assert result.exit_code == 0, result.output
    files = {lesson.id: lesson for lesson in read_lessons(lessons_dir)}
    assert files["preamble"].body == "Edited online.\n"
    assert len(files) == len(list(lessons_dir.glob("*.md")))  # replaced in place, no duplicate
    result = runner.invoke(args=["sync"])
    assert "skipped" not in result.output and "lessons updated" not in result.output
    with app.app_context():
        assert db.session.get(Lesson, "preamble").edited_in_browser is False

    # a change to the file now loads; a new browser edit is kept until --force
    path = files["preamble"].path
    path.write_text(path.read_text().replace("Edited online.", "Edited in git."))
    assert "lessons updated: 1" in runner.invoke(args=["sync"]).output
    with app.app_context():
        lesson = db.session.get(Lesson, "preamble")
        assert lesson.body == "Edited in git.\n"
        author = db.session.get(User, author_id)
        save_lesson(db.session, lesson, title="Preamble", body="Online again.", author=author)
        db.session.commit()
    path.write_text(path.read_text().replace("Edited in git.", "Changed in git too."))
    assert "skipped lesson preamble" in runner.invoke(args=["sync"]).output
    result = runner.invoke(args=["sync", "--force"])
    assert "lessons updated: 1" in result.output
    with app.app_context():
        lesson = db.session.get(Lesson, "preamble")
        assert lesson.body == "Changed in git too.\n" and not lesson.edited_in_browser
        notes = [r.note for r in lesson.revisions]
        assert notes[-1] == "loaded from lesson file" and "" in notes


def test_export_to_another_folder_leaves_the_sync_state_alone(
    app, runner, lessons_dir, curriculum, tmp_path
):
    with app.app_context():
        lesson = db.session.get(Lesson, "preamble")
        save_lesson(db.session, lesson, title="Preamble", body="Draft.", author=make_user())
        db.session.commit()
    out = tmp_path / "exported"
    result = runner.invoke(args=["lessons", "export", "--out", str(out)])
    assert result.exit_code == 0, result.output
    exported = {lesson.id: lesson for lesson in read_lessons(out)}
    assert set(exported) == {lesson.id for lesson in read_lessons(lessons_dir)}
    assert exported["preamble"].body == "Draft.\n"
    assert exported["preamble"].path.name == "01-preamble.md"
    with app.app_context():
        assert db.session.get(Lesson, "preamble").edited_in_browser is True


def test_export_to_a_bad_folder_exits_2_with_a_message(runner, lessons_dir, curriculum, tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    result = runner.invoke(args=["lessons", "export", "--out", str(a_file)])
    assert result.exit_code == 2
    assert "is a file" in result.output or "Error" in result.output
    assert a_file.read_text() == "not a folder"
    blocked = a_file / "inside"
    result = runner.invoke(args=["lessons", "export", "--out", str(blocked)])
    assert result.exit_code == 2
    assert "cannot export" in result.output


def test_export_lessons_returns_the_paths_in_lesson_order(app, lessons_dir, curriculum, tmp_path):
    with app.app_context():
        paths = export_lessons(db.session, tmp_path / "x", mark_synced=False)
        assert [p.name[:2] for p in paths] == sorted(p.name[:2] for p in paths)
        assert db.session.query(LessonRevision).count() == len(paths)


def test_lesson_page_offers_edit_and_history_to_instructors_only(client, auth, curriculum):
    auth.create("pupil")
    auth.create("teacher", "instructor")
    auth.login("pupil")
    assert "Edit lesson" not in client.get("/lessons/preamble").get_data(as_text=True)
    auth.logout()
    auth.login("teacher")
    html = client.get("/lessons/preamble").get_data(as_text=True)
    assert 'href="/instructor/lessons/preamble/edit">Edit lesson</a>' in html
    assert 'href="/instructor/lessons/preamble/history"' in html


def test_a_forged_base_revision_is_a_400_not_a_crash(client, teacher, lessons_dir, curriculum):
    data = {"title": "Preamble", "body": "Text.", "base_revision": "abc", "save": "Save"}
    response = client.post("/instructor/lessons/preamble/edit", data=data)
    assert response.status_code == 400
    assert "did not say which revision" in response.get_data(as_text=True)
