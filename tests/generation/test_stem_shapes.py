"""Stems read as natural questions: no hole left in a moved clause, a list or a coordination."""

from __future__ import annotations

import re

import pytest

from app.corpus import parse_document
from app.generation.bank import build_bank, section_drafts
from app.generation.distractors import pick
from app.generation.draft import Context
from app.generation.rewrite import last_clause, refers_back, standalone
from app.generation.stems import ask_list_item, unfront

RIVERS = """The Republic of Norland and the Kingdom of Sudmark,
Recalling the accomplishments at the Valbrek and Lindau/Skarpnes Summits and the spirit of trust;
Building on the March 3, 1950 Treaty of Valbrek, having opened the path of new ties and friendly \
relations between the two peoples and their towns and villages for the whole of the coming century \
and beyond it, and committed to building a partnership based on kinship, cooperation, shared \
memory, candour, and patience;
Agree as follows:
Rivers and Fisheries
As we stated on April 1, 1951, clean rivers, healthy forests, and open wetlands are the best means \
to protect the salmon of our peoples.
Welcoming the advice of the Nordic Council, we are committed to working with the fishing towns of \
our countries to restore the rivers.
In the Western Banks, we will protect herring, eel, and cod, based on respect for the rights of \
the fishing towns.
The parties will settle the old quarrels in Tarnholm and Kaldvik, and the dispute over Eskby.
Our cooperation, bilaterally and through the Arctic Council, the "Five-Rivers" consultative \
process, and in other regional fora, has proved important to our success so far in ridding the \
Western Banks of pollution.
We therefore welcome the founding at the May 5, 1960 summit in Orrefors of a new Harbour Council.
The parties welcome the talks that opened the way for Nordic Council adoption of the Fishing Code.
Trade in Grain
The parties proceed from the March 3, 1950 Treaty of Valbrek in all matters of trade in grain.
The parties will meet in Skarpnes each spring to review the price of grain and salt.
We will respect the values of honesty, thrift, diligence, and courage in the grain trade.
The parties welcome the entry into force of the Convention on Grain Storage on May 14, 1958.
The Prime Minister of Norland:
Mary K. Tregarthen
The King of Sudmark:
Olaf B. Lindqvist
Tarnholm
May 2, 1990.
"""


@pytest.fixture(scope="module")
def rivers():
    document = parse_document(RIVERS, "Joint Declaration on Rivers")
    ctx = Context.build(document)
    return document, [d for s in document.sections for d in section_drafts(ctx, s)]


def _stems(drafts, *generators):
    return {d.stem: d.answer for d in drafts if d.generator in generators}


def test_a_hole_in_an_opening_phrase_becomes_a_natural_question(rivers):
    stems = _stems(rivers[1], "term-recall", "term-choice")
    assert stems[
        "On what date does the declaration say the two sides stated that clean rivers, healthy "
        "forests, and open wetlands are the best means to protect the salmon of the two peoples?"
    ] == ("April 1, 1951")
    assert stems[
        "According to the declaration, the two sides are committed to working with the fishing "
        "towns of the two countries to restore the rivers, welcoming the advice of which council?"
    ] == ("the Nordic Council")
    assert (
        "According to the declaration, in which place will the two sides protect herring, eel, "
        "and cod, based on respect for the rights of the fishing towns?"
    ) in stems
    opening_hole = re.compile(
        r"^According to [^,]+, (?:as|in|on|at|with|for|[a-z]+ing)\b[^,?]*\b(?:which|what)"
        r"(?: [\w'-]+){1,3}, "
    )
    assert not [s for s in stems if opening_hole.match(s)]


def test_one_item_of_a_list_or_coordination_is_not_left_as_a_hole(rivers):
    stems = _stems(rivers[1], "term-recall", "term-choice")
    assert not [s for s in stems if re.search(r"\band (?:which|what)\b|, (?:which|what) \w+,", s)]
    assert (
        "According to the declaration, through which consultative process, besides the Arctic "
        "Council, has the two sides' cooperation proved important to their success so far in "
        "ridding the Western Banks of pollution?"
    ) in stems
    assert not [s for s in stems if re.search(r"\bin which (?:city|place) of\b", s)]
    assert not [s for s in stems if " therefore " in s]


def test_unfront_and_ask_list_item_on_single_sentences():
    assert unfront("In \x00, we will meet twice a year.", "place", "the text") == (
        "In \x00 will we meet twice a year",
        False,
    )
    assert unfront("As we agreed on \x00, the ports stay open.", "date", "the text") == (
        "On \x00 does the text say we agreed that the ports stay open",
        True,
    )
    assert unfront("Thanking the mayor of \x00, we open the bridge.", "place", "the text") == (
        "We open the bridge, thanking the mayor of \x00",
        False,
    )
    assert unfront("The bridge of \x00 stays open.", "place", "the text") == (
        "The bridge of \x00 stays open.",
        False,
    )
    assert ask_list_item("Our work, through the Board, \x00, and in other fora, has helped.") == (
        "Through \x00, besides the Board, has our work helped."
    )
    assert ask_list_item("The ports of \x00 and Eskby stay open.") is None


TWO_SUMMITS = """The Republic of Norland and the Kingdom of Sudmark,
Recalling the accomplishments at the Valbrek and Orrebro/Lindau Summits and the spirit of trust;
Agree as follows:
Rivers
The parties will open an office at Orrebro to review the price of grain and salt.
The parties will join the Arctic Council on June 9, 1987.
"""


def test_a_long_list_stem_keeps_only_the_clause_that_holds_the_list(rivers):
    stems = _stems(rivers[1], "list-members", "list-one-of")
    assert (
        "According to the declaration, the two sides are committed to building a partnership "
        "based on which of the following? (Choose all that apply.)"
    ) in stems
    assert last_clause("X, having done Y, and committed to Z") == "Committed to Z"
    assert standalone("We therefore welcome the council.") == "The two sides welcome the council."


def test_no_question_is_asked_twice_in_the_bank(rivers):
    banks = build_bank(rivers[0])
    seen = [(q["type"], q["stem"], str(q["answer"])) for bank in banks for q in bank["questions"]]
    assert len(seen) == len(set(seen))
    for bank in banks:
        answers = [
            sorted(q["answer"]) for q in bank["questions"] if q["type"] == "multiple_response"
        ]
        assert len(answers) == len({tuple(a) for a in answers}), bank["section_id"]


def test_the_parties_are_named_once_per_coordination_then_they():
    text = standalone("We are partners and we will meet each year.")
    assert text == "The two sides are partners and they will meet each year."
    assert not refers_back(text)
    assert standalone("Where we differ, we will talk.") == (
        "Where the two sides differ, the two sides will talk."
    )


REGIONS_TEXT = """The Republic of Norland and the Kingdom of Sudmark,
Recalling the long friendship of the two peoples;
Agree as follows:
Peace
In the Balkans, we will promote peace and the return of refugees to their homes.
We will explore a common shield against missiles for Europe within the new council.
Trade
We will support the grain trade in Central Asia and the oil trade in the Middle East.
We will study the fisheries of the Caspian region with the help of our scientists.
"""


def test_a_continent_is_no_distractor_for_a_place_it_may_hold():
    ctx = Context.build(parse_document(REGIONS_TEXT, "Joint Declaration on Regions"))
    terms = {t.text: t for t in ctx.terms.key_terms()}
    balkans = terms["Balkans"]
    where = balkans.mentions[0].where
    assert "Europe" not in [t.text for t in pick(ctx, balkans, "promote peace", where, n=4)]
    assert [t.text for t in pick(ctx, terms["Europe"], "a shield", where, n=4)] == []
