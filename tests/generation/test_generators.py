"""Each generator on the declaration: its questions are well formed and traceable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.corpus import load_document, parse_document
from app.generation.bank import GENERATORS, section_drafts
from app.generation.dates import DATE_PATTERN
from app.generation.draft import Context
from app.generation.generators.chronology import chronology
from app.generation.generators.list_questions import list_questions
from app.generation.generators.signatures import signatures
from app.generation.generators.term_questions import term_questions


def _fourth():
    path = Path(__file__).resolve().parent.parent / "data" / "meridia-tavessa.txt"
    return Context.build(load_document(path))


def _fifth():
    path = Path(__file__).resolve().parent.parent / "data" / "kaldoria-sereth.txt"
    return Context.build(load_document(path))


THREE_SIGNERS = """The Republic of Arlen, the Kingdom of Bressa and the Duchy of Corve,
Declare as follows:
Rivers
Arlen, Bressa and Corve will clean the River Dell by 2010.
The President of the Republic of Arlen:
Tomas K. Weller
The King of Bressa:
Henrik L. Osk
The Duke of Corve:
Paul M. Strand
Dellmouth
June 1, 2005.
"""


def _three_signers():
    return Context.build(parse_document(THREE_SIGNERS))


def _all(context, generator):
    return [d for s in context.document.sections for d in generator(context, s)]


@pytest.mark.parametrize("generator", GENERATORS, ids=lambda g: g.__name__)
def test_every_draft_quotes_its_source_sentence(declaration, lessons, second_context, generator):
    context = Context.build(declaration, lessons)
    drafts = _all(context, generator)
    # some only fit another document: the second, the fourth ("Because …, we will …") or the
    # fifth (bodies given tasks: "The Council will publish …")
    assert (
        drafts
        or _all(second_context, generator)
        or _all(_fourth(), generator)
        or _all(_fifth(), generator)
        or _all(_three_signers(), generator)  # a matching of signers needs three
    )
    for draft in drafts:
        if draft.source_kind == "lesson":
            assert draft.quote.split(" — ")[0].split(" | ")[0] in lessons[draft.section_id]
            assert draft.paragraph > 0  # the line of the lesson
            continue
        section = context.document.section(draft.section_id)
        sentence = section.paragraph(draft.paragraph).sentences[draft.sentence - 1].text
        assert draft.quote == sentence or draft.type in {"matching", "true_false"}
        assert draft.quote in section.text
        assert re.match(r"^q-[0-9a-f]{16}$", draft.id)


def test_term_questions_ask_natural_questions_with_keys_of_the_right_kind(context):
    drafts = _all(context, term_questions)
    assert {d.type for d in drafts} == {"short_answer", "multiple_choice"}
    for draft in drafts:
        assert draft.stem.endswith("?")
        if "what date" in draft.stem.lower():
            assert DATE_PATTERN.fullmatch(draft.answer)
    stems = {d.stem for d in drafts}
    assert "What date does the declaration give for the NATO-Russia summit in Rome?" in stems
    assert "Where was the declaration signed?" in stems


def test_choices_hold_one_key_and_same_kind_distractors(context):
    for draft in _all(context, term_questions):
        if draft.type == "multiple_choice":
            assert draft.choices.count(draft.answer) == 1 and len(draft.choices) >= 4
            dates = [bool(DATE_PATTERN.fullmatch(c)) for c in draft.choices]
            assert all(dates) or not any(dates)


def test_list_questions_key_every_listed_item(context):
    drafts = {tuple(d.answer): d for d in _all(context, list_questions)}
    fora = drafts[("the G-8", "the OSCE", "the UN Security Council")]
    assert set(fora.answer) < set(fora.choices)
    assert not {"the United Nations", "UN Security Council"} & (
        set(fora.choices) - set(fora.answer)
    )


def test_chronology_orders_the_dated_events(context):
    ordering = [d for d in _all(context, chronology) if d.type == "ordering"]
    missile = next(d for d in ordering if d.section_id.startswith("missile-defense"))
    assert "1991" in missile.explanation
    assert missile.answer[0].startswith(
        "The Treaty Between the United States of America and the Union"
    )
    assert missile.answer[-1] == (
        "The Joint Statement on a New Relationship Between the United States and Russia"
    )


def test_signatures_match_people_to_offices(context):
    (matching,) = [d for d in _all(_three_signers(), signatures) if d.type == "matching"]
    assert ["Henrik L. Osk", "The King of Bressa"] in matching.answer
    assert len(matching.answer) == 3
    # two pairs: matching one gives the other (rule 3)
    assert not [d for d in _all(context, signatures) if d.type == "matching"]


def test_drafts_have_unique_ids_per_section(context):
    for section in context.document.sections:
        ids = [d.id for d in section_drafts(context, section)]
        assert len(ids) == len(set(ids))
