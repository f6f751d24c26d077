"""Shapes a held-out document of the declaration's form produced and a teacher rejects: a list of
purposes restated in mixed forms, another conflict's parties read as the text's own, "to" of a
noun read as an infinitive, a body among principles, "which place" for a river, a step cut to
"their controls"."""

from __future__ import annotations

import re

import pytest

from app.corpus import parse_document
from app.generation.bank import section_drafts
from app.generation.draft import Context
from app.generation.kinds import kind_problems
from app.generation.phrasing import gerund
from app.generation.reader import read
from app.generation.steps import short

FERRIES = """The Republic of Osterlund and the Duchy of Vell,
Resolved to keep the ferries of the Grey Sound running;
Agree as follows:
Ferries
Osterlund and Vell will work together to strengthen peace, to promote economic growth, and \
protect the forests of the Grey Sound.
Osterlund and Vell will work together to reopen the old ferry between Lunde and Harrow.
Osterlund and Vell will cooperate in the Sound Council to keep the harbours free of ice.
As members of the Friends of Tamsin group, Osterlund and Vell will urge the parties to the \
conflict to return to the talks in Corby.
Osterlund and Vell will remove the obstacles to trade and investment between the two countries.
Osterlund and Vell will meet each year to review the ferry timetables.
Osterlund and Vell will finance a new bridge over the Tarne River between Lunde and Harrow.
Osterlund and Vell will open a school in Lunde.
The Prime Minister of Osterlund:
Ada P. Quist
Harrow
May 2, 1961.
"""


@pytest.fixture(scope="module")
def ferries():
    document = parse_document(FERRIES, "Ferries")
    ctx = Context.build(document)
    return document, [d for s in document.sections for d in section_drafts(ctx, s)]


def test_a_purpose_statement_restates_one_purpose_in_one_form(ferries):
    statements = [d.stem for d in ferries[1] if d.generator == "purpose-statement"]
    assert statements  # the ferry's purpose is one whole purpose: a statement is made
    for stem in statements:
        assert not re.search(r"\b[a-z]+ing\b[^,]*, (?:and )?to [a-z]+", stem), stem
        assert "protect the forests" not in stem and "economic growth" not in stem, stem


def test_the_parties_to_a_conflict_are_not_the_texts_parties(ferries):
    clauses = [c.text for c in read(ferries[0]).clauses]
    assert any("urge the parties to the conflict to return" in c for c in clauses)
    stems = [d.stem for d in ferries[1]]
    assert not [s for s in stems if re.search(r"Vell urge Osterlund", s)]


def test_to_before_a_noun_is_no_purpose(ferries):
    purposes = [r.what for r in read(ferries[0]).relations if r.kind == "purpose"]
    assert "to review the ferry timetables" in purposes
    assert not [p for p in purposes if p.startswith("to trade")]
    keys = [str(d.answer) for d in ferries[1] if d.generator == "purpose-why"]
    assert not [k for k in keys if k.startswith("to trade")]


def test_a_list_of_principles_is_not_offered_a_body():
    principles = ["an independent judiciary", "free elections", "the freedom of association"]
    assert kind_problems(principles, ["nature conservation societies"])
    assert kind_problems(principles, ["the Coastal Council"])
    assert not kind_problems(principles, ["the rule of law", "open borders"])
    assert not kind_problems(["the Arctic Council", "the Nordic Council"], ["the Sound Board"])


def test_a_river_is_asked_for_as_a_river(ferries):
    stems = {d.stem: d.answer for d in ferries[1] if d.answer == "the Tarne River"}
    assert stems
    assert not [s for s in stems if "which place" in s]
    assert [s for s in stems if "which river" in s]


def test_a_step_is_not_cut_to_a_possessive_and_a_bare_noun():
    assert short("their controls on exports of arms") == "their controls on exports of arms"
    assert short("the two sides' efforts in the region of the north and the south") != (
        "the two sides' efforts"
    )
    assert short("information each year on the size of the fleets") == "information each year"
    assert short("each year, alternately in Lunde and Harrow") == "each year"
    assert gerund("open") == "opening" and gerund("set") == "setting"
