"""The test page's bar and the feedback that teaches (issue 16), as the server renders them:
without JavaScript the bar counts the saved answers and links each question, and feedback
marks every option, pair or place with a tick or a cross."""

from __future__ import annotations

import re
from html import unescape

from tests.quiz.helpers import right_form, wrong_form
from tests.quiz.test_pages import served_list, start


def test_the_test_page_counts_the_saved_answers_and_links_each_question(app, client, learner, bank):
    attempt_id = start(client, [bank], mode="test", time_limit=20)
    served = served_list(app, attempt_id)
    saved = {k: v for s in (served[0], served[2]) for k, v in right_form(s).items()}
    assert client.post(f"/quiz/attempts/{attempt_id}/answers", data=saved).status_code == 302
    page = client.get(f"/quiz/attempts/{attempt_id}").get_data(as_text=True)
    assert re.search(r'<strong id="answered-count">2</strong> of 6 answered', page)
    start_of_bar = page.index('<div class="test-bar"')
    bar = page[start_of_bar : page.index('<form method="post"', start_of_bar)]
    links = re.findall(r'<a href="#q-(\d)" data-position="\d"( class="is-answered")?>', bar)
    assert [(int(n), bool(done)) for n, done in links] == [
        (1, True), (2, False), (3, True), (4, False), (5, False), (6, False)
    ]  # fmt: skip
    assert bar.count(", not answered") == 4 and bar.count(", answered") == 2
    # the way to the first question still open, and every question its target
    assert re.search(r'<a class="next-unanswered" id="next-unanswered" href="#q-2">', bar)
    assert all(f'<li id="q-{n}">' in page for n in range(1, 7))
    # the stem is the legend's text, after the question's number (no border through it)
    stem = unescape(re.search(r"<legend>(.*?)</legend>", page, re.S).group(1))
    assert stem.startswith('<span class="q-number">Question 1</span>')


def test_all_answered_hides_the_link_to_the_next_unanswered(app, client, learner, bank):
    attempt_id = start(client, [bank], mode="test", time_limit=20)
    every = {k: v for s in served_list(app, attempt_id) for k, v in right_form(s).items()}
    client.post(f"/quiz/attempts/{attempt_id}/answers", data=every)
    page = client.get(f"/quiz/attempts/{attempt_id}").get_data(as_text=True)
    assert '<strong id="answered-count">6</strong> of 6 answered' in page
    assert re.search(r'<a class="next-unanswered"[^>]* hidden>', page)


def feedback_page(client, attempt_id, item, form):
    url = f"/quiz/attempts/{attempt_id}/questions/{item.position}"
    answered = client.post(url, data=form)
    assert answered.status_code == 302
    return unescape(client.get(answered.location).get_data(as_text=True))


def marks_of(page: str) -> list[tuple[str, str]]:
    """(class, text) of each marked line of the feedback."""
    line = (
        r'<li(?: class="([^"]*)")?>\s*<span class="mark[^>]*>.*?</span>\s*'
        r'<span class="mark-text">(.*?)<span class="mark-note">'
    )
    items = re.findall(line, page, re.S)
    return [(kind, re.sub(r"<[^>]+>", "", text).strip()) for kind, text in items]


def test_feedback_ticks_and_crosses_every_option_quotes_the_text_and_opens_the_lesson_beside(
    app, client, learner, bank
):
    attempt_id = start(client, [bank])
    served = {s.version.question.type: s for s in served_list(app, attempt_id)}
    choice = served["multiple_choice"]
    wrong = wrong_form(choice)[f"q{choice.position}"]
    page = feedback_page(client, attempt_id, choice, wrong_form(choice))
    marks = dict((text, kind) for kind, text in marks_of(page))
    assert list(marks) == list(choice.choice_order)  # every option, in the order shown
    assert marks[wrong] == "mark-wrong" and marks["NATO-Russia Council"] == "mark-missed"
    assert "Wrong." in page and choice.version.explanation in page
    assert (
        '<blockquote><p>Quote.</p></blockquote><figcaption class="hint">From the declaration'
        in (page)
    )
    assert re.search(r'<a href="/lessons/[^"]*\?p=2#p-2" target="_blank" rel="noopener">', page)

    pairs = served["matching"]
    form = right_form(pairs)
    form[f"q{pairs.position}-1"], form[f"q{pairs.position}-2"] = "Shanghai", "Genoa"
    page = feedback_page(client, attempt_id, pairs, form)
    assert "Partly right (33 %)" in page and "1 of the 3 pairs right." in page
    assert marks_of(page) == [
        ("mark-right", "first → Ljubljana"),
        ("mark-wrong", "second → Genoa"),
        ("mark-wrong", "third → Shanghai"),
    ]
    assert "you answered Shanghai" in page  # the learner's own pick beside the right one


def test_short_answer_feedback_gives_the_key_only(app, client, learner, bank):
    attempt_id = start(client, [bank])
    item = next(
        s for s in served_list(app, attempt_id) if s.version.question.type == "short_answer"
    )
    page = feedback_page(client, attempt_id, item, wrong_form(item))
    assert "The answer: <strong>Kremlin</strong>" in page
    assert "Grand Kremlin Palace" not in page  # never the accepted variants


def test_long_matching_answers_are_lettered_and_listed_in_full(app, client, learner):
    """A list cuts a long option off on a phone: without JavaScript each option gets a letter,
    and the lettered list above the question gives every one in full."""
    from app.extensions import db
    from tests.factories import make_question, make_section

    long = ["the first answer, which runs on well past what a phone's list shows", "Genoa"]
    with app.app_context():
        section = make_section(id="long", title="Long")
        make_question(type="matching", section=section, answer=[["one", long[0]], ["two", long[1]]])
        db.session.commit()
    page = unescape(client.get(f"/quiz/attempts/{start(client, ['long'], count=1)}").get_data(
        as_text=True
    ))  # fmt: skip
    listed = re.search(r'<div class="match-choices">.*?</ol>', page, re.S).group(0)
    assert all(f"<li>{text}</li>" in listed for text in long)
    first_list = re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)</option>', page)[:2]
    assert sorted(value for value, _label in first_list) == sorted(long)
    assert [label for _value, label in first_list] == [
        f"{letter}. {value}" for letter, (value, _label) in zip("AB", first_list, strict=True)
    ]
