"""Learners' lesson pages."""

from __future__ import annotations

from app.corpus import load_declaration


def test_lesson_list_shows_every_section_in_order(client, curriculum):
    html = client.get("/lessons/").get_data(as_text=True)
    titles = [section.title for section in load_declaration().sections]
    positions = [html.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "Section 8: </span>Signatures, Place and Date" in html


def test_every_lesson_page_renders_its_numbered_text(client, curriculum):
    for section in load_declaration().sections:
        response = client.get(f"/lessons/{section.id}")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert f'<h1 id="lesson-title">{section.title}</h1>' in html
        last = section.paragraphs[-1]
        assert f'id="p-{last.index}"' in html


def test_highlighted_paragraph(client, curriculum):
    html = client.get("/lessons/political-cooperation?p=4").get_data(as_text=True)
    assert html.count('aria-current="true"') == 1
    assert 'class="source-paragraph highlight" id="p-4"' in html
    assert "¶4, is the one your question came from" in html


def test_unknown_lesson_gives_friendly_404(client, curriculum):
    response = client.get("/lessons/no-such-section")
    assert response.status_code == 404
    assert "There is no page at this address" in response.get_data(as_text=True)


def test_pages_use_no_external_resources(client, curriculum):
    for url in ("/", "/lessons/", "/lessons/preamble", "/auth/login"):
        html = client.get(url).get_data(as_text=True)
        assert "http://" not in html.replace("http://www.w3.org", "")
        assert 'src="https://' not in html and 'href="https://' not in html


def _save_lesson_html(app, section_id: str, html: str) -> None:
    import sqlalchemy as sa

    from app.extensions import db
    from app.models import Lesson

    with app.app_context():
        lesson = db.session.scalar(sa.select(Lesson).where(Lesson.section_id == section_id))
        lesson.html = html
        db.session.commit()


def test_anonymous_page_shows_an_edit_saved_after_it_was_first_served(app, client, curriculum):
    first = client.get("/lessons/preamble").get_data(as_text=True)
    assert "Fresh paragraph" not in first
    _save_lesson_html(app, "preamble", "<p>Fresh paragraph</p>")
    again = client.get("/lessons/preamble").get_data(as_text=True)
    assert "Fresh paragraph" in again
    assert first.split("<main")[0] == again.split("<main")[0]


def test_logged_in_learner_gets_their_own_page_not_the_anonymous_one(client, auth, curriculum):
    assert "to practise this section" in client.get("/lessons/preamble").get_data(as_text=True)
    auth.create()
    auth.login()
    html = client.get("/lessons/preamble").get_data(as_text=True)
    assert "Practise this section" in html and "Log out" in html
    assert "to practise this section" not in html


def test_anonymous_visitor_with_a_message_waiting_sees_it(client, curriculum):
    client.get("/lessons/preamble")
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "A message for this visitor")]
    html = client.get("/lessons/preamble").get_data(as_text=True)
    assert "A message for this visitor" in html
    later = client.get("/lessons/preamble").get_data(as_text=True)
    assert "A message for this visitor" not in later


def test_paragraph_numbers_below_one_highlight_nothing(client, curriculum):
    for value in ("0", "-3"):
        html = client.get(f"/lessons/preamble?p={value}").get_data(as_text=True)
        assert "is the one your question came from" not in html
        assert 'aria-current="true"' not in html


def test_a_paragraph_the_lesson_does_not_have_is_not_announced(client, auth, curriculum):
    for logged_in in (False, True):  # the kept public page and the learner's own
        if logged_in:
            auth.create("reader")
            auth.login("reader")
        html = client.get("/lessons/preamble?p=999").get_data(as_text=True)
        assert "¶999" not in html and "is the one your question came from" not in html
        assert 'aria-current="true"' not in html


def test_lesson_page_reads_the_database_once(app, client, curriculum):
    import sqlalchemy as sa

    from app.extensions import db

    with app.app_context():
        engine = db.engine
    statements = []

    def count(*_args) -> None:
        statements.append(1)

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get("/lessons/political-cooperation").status_code == 200
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    assert len(statements) == 1
