"""Accepted answers that need the document: a phrase's head, a place, an eponym's short name."""

from __future__ import annotations

import dataclasses

import pytest

from app.generation.accepted import (
    accepted_answers,
    add_accepted,
    derive_accepted,
    text_terms,
)
from app.generation.draft import Context, Draft
from app.lessons.structure import parse_lesson
from app.questions import QuestionContent, grade_short_answer
from tests.conftest import PROJECT_ROOT

TEXT = [
    "The sides will combat international terrorism and drug trafficking.",
    "They will destroy chemical weapons and reduce nuclear weapons.",
    "They welcome cooperation in the Caspian region and on weapons of mass destruction.",
    "They stress graduating Russia from the Jackson-Vanik Amendment.",
    "The Jackson-Vanik provisions date from 1974.",
    "They welcome the NATO-Russia Council and the NATO-Russia summit in Rome.",
]


@pytest.fixture(scope="module")
def terms():
    return text_terms(TEXT)


def test_text_terms_are_runs_of_content_words():
    assert text_terms(["the global struggle against international terrorism, and crime."]) == [
        "global struggle",
        "international terrorism",
        "crime",
    ]


@pytest.mark.parametrize(
    ("answer", "short"),
    [
        ("international terrorism", ["terrorism"]),  # nothing else is a kind of terrorism
        ("drug trafficking", ["trafficking"]),
        ("the Caspian region", ["Caspian"]),
        ("the Jackson-Vanik Amendment", ["Jackson-Vanik"]),  # "Jackson-Vanik provisions"
        ("chemical weapons", []),  # "nuclear weapons" is another kind of weapons
        ("the NATO-Russia Council", []),  # made of organisations and countries, and a summit too
        ("regional instability", ["instability"]),
    ],
)
def test_derived_short_forms(terms, answer, short):
    assert derive_accepted(answer, terms) == short


def test_lesson_terms_count_for_short_names_only():
    lesson = text_terms(["Graduation. Removing a country from the Jackson-Vanik provisions."])
    lesson += ["nuclear terrorism"]
    assert derive_accepted("the Jackson-Vanik Amendment", [], lesson) == ["Jackson-Vanik"]
    assert derive_accepted("international terrorism", [], lesson) == ["terrorism"]
    assert derive_accepted("international terrorism", ["nuclear terrorism"]) == []


def test_the_short_forms_need_the_text_to_leave_them_unambiguous():
    assert derive_accepted("the Caspian region", ["Caspian Sea", "Caspian region"]) == []
    assert derive_accepted("the Jackson-Vanik Amendment", ["Jackson-Vanik Amendment"]) == []
    assert (
        derive_accepted(
            "the Jackson-Vanik Amendment", ["Jackson-Vanik provisions", "Jackson-Vanik Act"]
        )
        == []
    )
    assert derive_accepted("international terrorism", ["state terrorism"]) == []
    assert derive_accepted("weapons-usable fissile material", []) == []  # "material": too vague


def test_the_stored_list_leaves_out_what_grading_derives_from_the_key():
    stored = accepted_answers(
        "On what date?",
        "May 28, 2002",
        ["28 May 2002", "2002-05-28", "5/28/2002"],
        [],
        [],
    )
    assert stored == []
    key = "the creative energy of their citizens"
    stored = accepted_answers("What?", key, ["creative energy", "the creative energy"], [], [])
    assert stored == ["creative energy"]


def _draft(answer, **extra):
    fields = dict(
        type="short_answer", generator="t", stem="Which?", answer=answer, section_id="s",
        paragraph=1, sentence=1, quote="", explanation="",
    )  # fmt: skip
    return Draft(**{**fields, **extra})


def test_the_hook_reads_the_document_and_its_lessons(declaration):
    ctx = Context.build(declaration)
    drafts = [
        _draft("international terrorism"),
        _draft("the Caspian region"),
        _draft("the Jackson-Vanik Amendment"),
        _draft("chemical weapons"),
        _draft("May 24, 2002", accepted=["24 May 2002"]),
        dataclasses.replace(_draft("x"), type="multiple_choice", accepted=["kept"]),
    ]
    add_accepted(drafts, ctx)
    assert [d.accepted for d in drafts] == [["terrorism"], ["Caspian"], [], [], [], ["kept"]]
    # the lesson uses the short name ("the Jackson-Vanik provisions"): then it is accepted
    lessons = {
        path.stem: parse_lesson(path.read_text(encoding="utf-8"))
        for path in sorted((PROJECT_ROOT / "lessons").glob("*.md"))
    }
    with_lessons = Context.build(declaration)
    with_lessons.lessons = lessons
    jackson, terrorism = _draft("the Jackson-Vanik Amendment"), _draft("international terrorism")
    add_accepted([jackson, terrorism], with_lessons)
    assert jackson.accepted == ["Jackson-Vanik"]
    # a lesson's "Nuclear Terrorism" does not make the document's "terrorism" ambiguous
    assert terrorism.accepted == ["terrorism"]
    version = QuestionContent(stem="Which?", answer=jackson.answer, accepted=jackson.accepted)
    assert grade_short_answer(version, "Jackson Vanik") == 1.0
    assert grade_short_answer(version, "Jackson") == 0.0


def test_the_generators_short_answers_accept_the_short_forms(declaration, lessons):
    """Every short answer the generators draft (the bank ships some of them) gets the forms."""
    from app.generation.bank import section_drafts

    ctx = Context.build(declaration, lessons)
    accepted = {
        d.answer: d.accepted
        for section in declaration.sections
        for d in section_drafts(ctx, section)
        if d.type == "short_answer"
    }
    assert "Jackson-Vanik" in accepted["the Jackson-Vanik Amendment"]
    # the place rule asks the document alone (issue 14 lists "Caspian" as a right answer); a
    # lesson that also names the Caspian Sea does not take it away
    assert "Caspian" in accepted["the Caspian region"]


NAMES_TEXT = [
    "The parties welcome the Western Payments Union and the Aurelian-Brenmark Civic Council.",
    "The Joint Electricity Board will meet each year.",
    "The Marren Institute of Public Health will train doctors.",
    "The Northern Council and the Southern Council will consult.",
    "The Eastern Payments Union objected to the plan.",
]


@pytest.mark.parametrize(
    ("answer", "right", "wrong"),
    [
        (
            "the Aurelian-Brenmark Civic Council",
            ["Civic Council", "the civic council"],
            ["Council"],
        ),
        ("the Joint Electricity Board", ["Electricity Board", "electricity board"], ["Board"]),
        (
            "the Marren Institute of Public Health",
            ["Marren Institute", "the Marren Institute"],
            ["Institute", "Public Health", "Marren Health Institute"],
        ),
        # another Payments Union: the short form would be a different body
        ("the Western Payments Union", [], ["Payments Union", "Eastern Payments Union"]),
        # "Council" alone, or a council another name shares: never
        ("the Northern Council", [], ["Council", "Southern Council"]),
    ],
)
def test_a_name_without_its_leading_modifier_or_its_of_phrase_is_accepted_when_unique(
    answer, right, wrong
):
    """Rule 11: the distinctive short form of a body's name a student writes is marked right;
    a form another name of the document shares, or another body, is marked wrong."""
    from app.generation.accepted import document_names

    stem = "Which body will do it?"
    accepted = accepted_answers(
        stem, answer, [], [], text_terms(NAMES_TEXT), (), document_names(NAMES_TEXT)
    )
    question = QuestionContent(stem=stem, answer=answer, choices=[], accepted=accepted)
    for response in right:
        assert grade_short_answer(question, response) == 1.0, response
    for response in wrong:
        assert grade_short_answer(question, response) < 1.0, response


def test_a_generated_short_answer_accepts_the_distinctive_short_name(second_context):
    """Through generation: the document's own names decide (kestria-varnholm.txt has one
    Institute of Tropical Medicine and several councils)."""
    from app.corpus import load_document
    from tests.generation.conftest import DATA

    document = load_document(DATA / "kestria-varnholm.txt")
    ctx = Context.build(document)
    section = document.section("health-and-society")
    made = Draft(
        type="short_answer",
        generator="term-recall",
        stem="Which institute will train Kestrian doctors?",
        answer="the Varnholm Institute of Tropical Medicine",
        section_id=section.id,
        paragraph=2,
        sentence=1,
        quote="",
        explanation="",
    )
    add_accepted([made], ctx)
    question = QuestionContent(
        stem=made.stem, answer=made.answer, choices=[], accepted=made.accepted
    )
    assert grade_short_answer(question, "Varnholm Institute") == 1.0
    assert grade_short_answer(question, "Kestrian Institute") < 1.0
    council = dataclasses.replace(made, answer="the Kestrian-Varnholm Trade Council", accepted=[])
    add_accepted([council], ctx)
    question = QuestionContent(
        stem=made.stem, answer=council.answer, choices=[], accepted=council.accepted
    )
    assert grade_short_answer(question, "Trade Council") == 1.0
    assert grade_short_answer(question, "Council") < 1.0
    assert grade_short_answer(question, "Youth Foundation") < 1.0
