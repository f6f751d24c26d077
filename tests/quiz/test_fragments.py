"""The test page's cached question fragments: saved answers filled in, same as a fresh rendering."""

from __future__ import annotations

import re
from html import escape

from app.quiz.fragments import FRAGMENT_CACHE_SIZE, _question_html
from tests.quiz.helpers import right_form, wrong_form
from tests.quiz.test_pages import of_type, served_list, start


def page(client, attempt_id: int) -> str:
    """The test page without what changes from one request to the next by design."""
    html = client.get(f"/quiz/attempts/{attempt_id}").get_data(as_text=True)
    html = re.sub(r'<div class="flashes".*?</div>', "", html, flags=re.S)  # shown once
    html = re.sub(r'name="csrf_token" value="[^"]*"', "", html)  # signed anew each request
    return re.sub(r"\s+", " ", html)


def filled_in(html: str, fields: dict) -> bool:
    """True when every form field shows its value as chosen (checked, selected or typed)."""
    for name, values in fields.items():
        for value in values if isinstance(values, list) else [values]:
            value = escape(str(value), quote=True)
            checked = f'name="{name}" value="{value}" checked'
            select = re.search(rf'<select id="{name}" name="{name}">(.*?)</select>', html, re.S)
            selected = select and f'<option value="{value}" selected>' in select.group(1)
            text = rf'type="text"[^>]*name="{name}"[^>]*value="{re.escape(value)}"'
            typed = re.search(text, html)
            if checked not in html and not selected and not typed:
                return False
    return True


def test_saved_answers_fill_in_and_a_changed_one_shows_at_once(app, client, learner, bank):
    attempt_id = start(client, [bank], mode="test")
    served = served_list(app, attempt_id)
    cold = page(client, attempt_id)
    assert page(client, attempt_id) == cold  # cached fragments: the same page
    answers = {k: v for item in served for k, v in right_form(item).items()}
    assert not any(filled_in(cold, right_form(item)) for item in served)
    client.post(f"/quiz/attempts/{attempt_id}/answers", data=answers)
    saved = page(client, attempt_id)
    for item in served:
        assert filled_in(saved, right_form(item)), item.version.question.type
    assert saved.count("Saved.") == len(served)

    mc = of_type(served, "multiple_choice")
    client.post(f"/quiz/attempts/{attempt_id}/answers", data=wrong_form(mc))
    changed = page(client, attempt_id)
    assert filled_in(changed, wrong_form(mc)) and not filled_in(changed, right_form(mc))

    _question_html.cache_clear()  # a fresh rendering of every fragment is the same page
    assert page(client, attempt_id) == changed
    assert _question_html.cache_info().maxsize == FRAGMENT_CACHE_SIZE


def test_an_error_shows_on_its_question_only(app, client, learner, bank):
    attempt_id = start(client, [bank], mode="test")
    mc = of_type(served_list(app, attempt_id), "multiple_choice")
    url = f"/quiz/attempts/{attempt_id}/answers"
    refused = client.post(url, data={f"q{mc.position}": "Not offered"})
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert html.count('class="question has-error"') == 1
    assert f'class="question has-error" data-position="{mc.position}"' in html
    assert 'class="question has-error"' not in page(client, attempt_id)  # the cache keeps none
