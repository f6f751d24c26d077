"""A seventh question type is one module (here, this file's class) and its partial: registered
in a fixture, it shows up in the authoring form, the learner's pages, the instructor's
question page, the item analysis, every export format and the generator's checks and selection,
with no other edit (issue 13)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from typing import Any

import pytest
from jinja2 import ChoiceLoader, DictLoader

from app.bank.interchange.gift import to_gift
from app.bank.interchange.gift_import import parse_gift
from app.bank.interchange.moodle_xml import to_moodle_xml
from app.bank.interchange.moodle_xml_import import parse_moodle_xml
from app.bank.interchange.qti import qti_package
from app.exports.xapi import interaction
from app.extensions import db
from app.generation.draft import Draft
from app.generation.quality import problems
from app.generation.select import select
from app.models import Question
from app.questions import QUESTION_TYPES, ContentError, QuestionType, ResponseError, register
from app.questions.base import Content
from tests.factories import make_section

PARTIAL = """\
{% macro inputs(q, answer, name, off) %}<input type="number" class="numeral" name="{{ name }}"
 value="{{ answer if answer is not none else '' }}"{{ off }}>{% endmacro %}
{% macro feedback(q) %}<p class="numeral-key">The number: {{ q.key_text }}</p>{% endmacro %}
{% macro key(answer) %}<span class="numeral-key">= {{ answer }}</span>{% endmacro %}
"""


class Numeral(QuestionType):
    """A whole number, right or wrong: the throwaway seventh type."""

    name = "numeral"
    label = "A whole number (throwaway)"
    json_answer = "an integer"
    answer_hint = "The number, in digits."
    xapi_interaction = "numeric"
    moodle_qtype = "numerical"
    gift_read_rank = 5  # "{#42}", before the other readers call it a numerical question
    section_share = 0.1  # the generator serves at most two in a section of twenty

    def answer_from_text(self, text: str) -> int:
        if not text.strip().lstrip("-").isdigit():
            raise ContentError(["The answer must be a whole number."])
        return int(text)

    def content_problems(self, data: Mapping[str, Any]) -> list[str]:
        return [] if isinstance(data.get("answer"), int) else ["The answer must be a number."]

    def validate_response(self, version: Content, choice_order: list[Any], raw: Any) -> int:
        if isinstance(raw, int) or (isinstance(raw, str) and raw.strip().isdigit()):
            return int(raw)
        raise ResponseError("Type a whole number.")

    def grade(self, version: Content, response: Any) -> float:
        return 1.0 if response == version.answer else 0.0

    def random_guess_score(self, version: Content) -> float | None:
        return None

    def xapi_parts(self, key, choices, answer, tools):
        return {}, None if answer is None else str(answer)

    def gift_lines(self, question, tools):
        return [f"#{question['answer']}"]

    def read_gift(self, block):
        body = block.body.strip()
        return {"type": self.name, "answer": int(body[1:])} if body.startswith("#") else None

    def moodle_element(self, question, tools, distractors):
        element = tools.head("numerical", question)
        tools.answer(element, 1.0, str(question["answer"]), tools.AUTO)
        return element, []

    def read_moodle(self, element, tools, meta):
        return {"type": self.name, "answer": int(element.findtext("answer/text"))}

    def qti_item(self, body, question, tools):
        tools.el(body, "p", question["stem"])
        tools.el(tools.el(body, "p"), "textEntryInteraction", responseIdentifier="RESPONSE")
        return tools.declaration("single", "integer", [str(question["answer"])]), "match_correct"


@pytest.fixture
def numeral(app):
    """The type registered, and its partial where the registry says it is."""
    qtype = register(Numeral())
    app.jinja_env.loader = ChoiceLoader([DictLoader({qtype.template: PARTIAL}), app.jinja_loader])
    yield qtype
    del QUESTION_TYPES[qtype.name]


def test_a_name_is_registered_once():
    with pytest.raises(ValueError, match="name of its own"):
        register(QUESTION_TYPES["ordering"])


def test_the_authoring_form_the_question_page_and_the_learner_take_it(app, client, auth, numeral):
    with app.app_context():
        make_section(id="preamble", title="Preamble")
        db.session.commit()
    auth.create("teacher", "instructor")
    auth.login("teacher")
    assert "A whole number (throwaway)" in client.get("/instructor/questions/new").text
    form = {"section": "preamble", "type": "numeral", "stem": "How many presidents signed?"}
    refused = client.post("/instructor/questions/new", data={**form, "answer": "two"})
    assert refused.status_code == 400 and "The answer must be a whole number." in refused.text
    preview = client.post("/instructor/questions/new", data={**form, "answer": "2", "preview": "y"})
    assert preview.status_code == 200 and 'class="numeral"' in preview.text
    saved = client.post(
        "/instructor/questions/new", data={**form, "answer": "2", "approve_now": "y"}
    )
    assert saved.status_code == 302, saved.text
    page = client.get(saved.location).text
    assert '<span class="numeral-key">= 2</span>' in page

    auth.logout()
    auth.create("learner")
    auth.login("learner")
    start = {"section_ids": ["preamble"], "mode": "practice", "count": 1}
    attempt = client.post("/quiz/start", data=start).location
    assert 'type="number" class="numeral" name="q1"' in client.get(attempt).text
    answered = client.post(f"{attempt}/questions/1", data={"q1": "3"})
    feedback = client.get(answered.location).text
    assert "Wrong." in feedback and '<p class="numeral-key">The number: 2</p>' in feedback
    with app.app_context():
        assert db.session.query(Question).filter_by(type="numeral").count() == 1


def test_every_export_format_writes_and_reads_it(numeral):
    question = {
        "id": "n-1",
        "type": "numeral",
        "section_id": "preamble",
        "section_title": "Preamble",
        "stem": "How many presidents signed?",
        "choices": [],
        "answer": 2,
        "accepted": [],
        "explanation": "Bush and Putin.",
        "source": {"section_id": "preamble"},
    }
    gift = to_gift([question])
    assert "::n-1::[plain]How many presidents signed? {\n#2\n####Bush and Putin.\n}" in gift
    (read,) = parse_gift(gift)
    assert read.data["type"] == "numeral" and read.data["answer"] == 2
    xml = to_moodle_xml([question])
    assert '<question type="numerical">' in xml
    (read,) = parse_moodle_xml(xml.encode())
    assert read.data["type"] == "numeral" and read.data["answer"] == 2
    package = zipfile.ZipFile(io.BytesIO(qti_package([question])))
    item = package.read("items/n-1.xml").decode()
    assert re.search(r'baseType="integer".*<value>2</value>', item, re.S)
    row = {"question_type": "numeral", "key": 2, "response": 3, "stem": "S", "choices": []}
    definition, response = interaction(row)
    assert definition["interactionType"] == "numeric" and response == "3"


def test_without_it_the_formats_report_it_as_before():
    """Unregistered, ``{#2}`` is Moodle's numerical question, which nothing here reads."""
    with pytest.raises(ValueError, match="numerical questions"):
        parse_gift("::n::How many? {#2}\n")


def _numeral_draft(n: int, stem: str) -> Draft:
    return Draft(
        type="numeral",
        generator="count",
        stem=stem,
        answer=n,
        section_id="preamble",
        paragraph=n,
        sentence=0,
        quote=f"There are {n} of them.",
        explanation="",
        keys=(f"count {n}",),
    )


def test_the_generator_checks_and_selects_drafts_of_it(numeral):
    """The generator's checks and its selection ask the type, never its name."""
    assert "stem is not a question" in problems(_numeral_draft(1, "There are two presidents."))
    asking = [_numeral_draft(n, f"How many presidents signed treaty {n}?") for n in range(1, 9)]
    assert [problems(d) for d in asking] == [[]] * 8
    assert len(select(asking, limit=20)) == 2  # its share of a section: 0.1 of 20
