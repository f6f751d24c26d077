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
