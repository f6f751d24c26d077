"""Statements in other words than the text's (issue 14): the force of a commitment, a thesis
reversed, tasks exchanged, an agreement kept in force; and "committed to, not only studied"."""

from __future__ import annotations

from app.corpus import parse_document
from app.generation.draft import Context
from app.generation.generators.paraphrases import paraphrases
from app.generation.generators.targets import completions
from app.generation.kinds import copy_problems
from app.generation.quality import problems
from app.generation.steps import short

MARCHES = """The Duchy of Orvala and the Free City of Brenn,
Recalling the Charter of the Marches of May 2, 1960;
Declare as follows:
A New Neighbourhood
The period in which Orvala and Brenn treated each other as enemies on the river has ended. \
We will keep the bridges open.
Orvala will send its engineers, and Brenn will send its boats.
Shared Defence
We will hold joint drills each spring on the river banks, and we will train our pilots \
together at the Naval School in Brenn. We will exchange maps of the river every year.
We will study the possibility of a joint watch center to warn of floods along the river, and \
we will consider sharing the records of our weather stations.
The Treaty on River Forces, signed in Brenn today, sets new limits. \
The Convention on River Pilots of 1977 remains in force.
The Duke of Orvala:
Anselm K. Varro
The Mayor of the Free City of Brenn:
Ilse M. Kord
Brenn
March 3, 2004.
"""


def _drafts():
    document = parse_document(MARCHES)
    ctx = Context.build(document)
    return [d for section in document.sections for d in paraphrases(ctx, section)]


def test_steps_committed_to_are_keyed_and_steps_only_studied_are_distractors():
    (force,) = [d for d in _drafts() if d.generator == "commitment-force"]
    assert force.type == "multiple_response"
    assert "rather than only to study or consider" in force.stem
    assert "holding joint drills each spring" in force.answer
    assert "setting up a joint watch center warning of floods" in force.choices
    assert "sharing the records of the two sides' weather stations" in force.choices
    assert not set(force.answer) & {
        "setting up a joint watch center warning of floods",
        "sharing the records of the two sides' weather stations",
    }
    assert not problems(force)


def test_statements_restate_a_claim_in_other_words_true_or_false_by_meaning():
    drafts = {d.generator: d for d in _drafts() if d.type == "true_false"}
    ended = drafts["claim-ended-restated"]
    assert ended.stem in {
        "True or false: The text presents Orvala and Brenn as no longer treating each other "
        "as enemies.",
        "True or false: The text presents Orvala and Brenn as still treating each other as "
        "enemies.",
    }
    assert ended.answer is ("no longer" in ended.stem)
    tasks = drafts["role-tasks"]
    assert ("to Orvala to send the engineers" in tasks.stem) is tasks.answer
    kept = drafts["claim-in-force"]
    assert "the Treaty on River Forces" in kept.stem
    assert ("replaced" in kept.stem) is (not kept.answer)
    for d in drafts.values():
        assert not copy_problems(d.stem, d.quote), d.stem
        assert not problems(d), (d.stem, problems(d))


def test_a_step_is_cut_where_it_names_its_thing_and_never_inside_a_phrase():
    assert short("exchange information each year on the size of their forces") == (
        "exchange information each year"
    )
    assert short("the tanks and artillery that each keeps within the zone") == (
        "the tanks and artillery"
    )
    assert short("one two three four five six seven eight nine ten eleven twelve") == ""


def test_a_projects_year_is_asked_with_the_project_named_as_the_sentence_before_names_it():
    text = (
        "The Republic of Norland and the Kingdom of Sudmark,\nAgree as follows:\nBridges\n"
        "The parties welcome the plan of the Harbour Bank to lend for a new bridge over the "
        "Kald River. The bridge will be completed by 2011 and will join the two coasts.\n"
    )
    document = parse_document(text)
    ctx = Context.build(document)
    (made,) = [d for s in document.sections for d in completions(ctx, s)]
    assert made.stem == (
        "According to the text, by what year will the new bridge over the Kald River be completed?"
    )
    assert made.answer == "2011" and not problems(made)
