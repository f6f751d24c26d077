"""Roles on an invented declaration of new phrasings: bodies' tasks, the parties' division of
tasks, capacities ("in their capacity as"), and limits not read as purposes."""

from __future__ import annotations

import re

import pytest

from app.corpus import load_document
from app.generation.bank import section_drafts
from app.generation.draft import Context
from app.generation.generators.duties import body_tasks, party_tasks
from app.generation.quality import problems

from .conftest import DATA


@pytest.fixture(scope="module")
def kaldoria():
    return Context.build(load_document(DATA / "kaldoria-sereth.txt"))


@pytest.fixture(scope="module")
def drafts(kaldoria):
    return [d for s in kaldoria.document.sections for d in section_drafts(kaldoria, s)]


def test_bodies_tasks_resolve_short_names_to_the_body_last_named(kaldoria):
    tasks = {t.who: t.what for t in body_tasks(kaldoria)}
    # "The Council will publish …" after "set up a Joint Trade Council" (not the Basin Council)
    assert tasks["the Joint Trade Council"].startswith("publish a list of the remaining barriers")
    # "the Varna Peace Force, which monitors …": a relative clause gives a task too
    assert tasks["the Varna Peace Force"] == "monitor the ceasefire along the Ashen frontier"
    # a compound subject is no one body's task; a task with "its" cannot stand alone
    assert "the Serethi Institute of Marine Research" not in tasks
    assert not any(re.search(r"\bits?\b", what) for what in tasks.values())


def test_bodies_matching_pairs_three_or_more_bodies_without_problems(drafts):
    matchings = [d for d in drafts if d.generator == "role-bodies"]
    assert len(matchings) >= 2
    for made in matchings:
        assert 3 <= len(made.answer) <= 5 and not problems(made)
        assert len({body for body, _ in made.answer}) == len(made.answer)
    pairs = {body: task for made in matchings for body, task in made.answer}
    assert pairs["the Joint Energy Authority"] == "plan the route of the pipeline"


def test_division_keys_one_partys_tasks_among_the_others(kaldoria, drafts):
    theirs = {t.what for t in party_tasks(kaldoria) if t.who == "Sereth"}
    assert theirs == {"provide field hospitals"}
    made = [d for d in drafts if d.generator == "role-division"]
    assert len(made) == 1 and not problems(made[0])
    assert "Kaldoria" in made[0].stem
    assert set(made[0].answer) == {
        "supply the vaccines",
        "provide transport aircraft to the Varna Peace Force",
    }
    assert "provide field hospitals" in made[0].choices  # the other party's task: a near miss


def test_capacity_read_from_in_their_capacity_as_and_acting_as(drafts):
    keys = {d.answer for d in drafts if d.generator == "role-capacity" and not problems(d)}
    assert "as guarantors of the Harrow Accords" in keys
    assert "as members of the Friends of Montrel group" in keys


def test_a_limit_is_not_a_purpose(drafts):
    for made in drafts:
        if made.generator.startswith("purpose"):
            assert not re.match(r"to (?:no more than|\d)", str(made.answer)), made.stem


def test_theses_in_other_words_true_or_false_by_meaning(drafts):
    made = {d.stem: d.answer for d in drafts if d.generator == "claim-thesis" and not problems(d)}
    stems = " ".join(made)
    # "no longer regards the other as a threat", "is replaced by", "no longer applies to"
    assert "each other as a threat" in stems
    assert "the Border Protocol of 1979" in stems and "Open Delta" in stems
    assert "Kaldorian goods" in stems
    for stem, truth in made.items():
        # said in other words than the text's, and keyed by meaning
        assert "no longer" not in stem and "replaced" not in stem
        if re.search(r"\b(?:still|remain|stays in force)\b", stem):
            assert truth is False, stem
        if re.search(r"\b(?:stopped|ceased|takes the place)\b", stem):
            assert truth is True, stem
    assert len(set(made.values())) == 2  # some true, some false


def test_marked_purposes_among_other_purposes_of_the_text(drafts):
    made = [d for d in drafts if d.generator == "purpose-marked" and not problems(d)]
    keys = {d.answer for d in made}
    assert "with a view to creating a single market between the two countries" in keys
    assert "with a view to settling the disputes of the two sides' exporters quickly" in keys
    purpose = re.compile(r"^(?:to|so that|with a view to) [a-z]")
    for question in made:
        # every option a purpose the text gives (never a step, a limit or a cut phrase)
        assert all(purpose.match(choice) for choice in question.choices), question.choices
        assert not re.search(r"\b(?:the|a|of|than|two)\?$", question.stem), question.stem


def test_matchings_of_one_text_read_as_different_questions(drafts):
    stems = [d.stem for d in drafts if d.generator == "role-bodies"]
    assert len(stems) == len(set(stems)) >= 2
    assert any(s.startswith("On trade and investment, ") for s in stems)
    assert any("the Varna Basin" in s for s in stems)  # a name keeps its capitals


def _whom(drafts, task):
    return next(d for d in drafts if d.generator == "commitment-call" and task in d.stem)


def test_whom_they_ask_is_offered_among_bodies_of_alike_work(drafts):
    # a security task: bodies of the security section, never a health or a trade body
    mines = _whom(drafts, "supervise the removal of the mines")
    assert mines.answer == "the Basin Security Council" and not problems(mines)
    assert "the Varna Peace Force" in mines.choices
    assert not {"the Basin Health Organization", "the Varna Development Bank"} & set(mines.choices)
    # a health task: the health and research bodies
    water = _whom(drafts, "assess the quality of the water")
    assert "the National Health Agency of Sereth" in water.choices
    assert "the Basin Security Council" not in water.choices
    for made in drafts:  # no option cut inside a date ("by March 1" of "March 1, 2004")
        assert not any(re.search(r"[A-Z]\w+ \d+$", c) for c in made.choices), made.choices
        assert not any(c.startswith("Acting as") for c in made.choices), made.choices


def test_no_two_purpose_questions_offer_one_set_of_options(drafts):
    sets = [frozenset(d.choices) for d in drafts if d.generator == "purpose-marked"]
    assert len(sets) >= 3 and len(set(sets)) == len(sets)


def test_reject_the_view_is_no_thing_rejected(drafts):
    assert not any(str(d.answer) in {"the idea", "the view"} for d in drafts)
