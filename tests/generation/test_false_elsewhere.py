"""A false statement is false by the whole text: no swap the text makes true in another place."""

from __future__ import annotations

import pytest

from app.corpus import parse_document
from app.generation.distractors import list_family, negative
from app.generation.draft import Context
from app.generation.elsewhere import named_as_venue, said_alike, verb_elsewhere
from app.generation.generators.list_questions import list_questions

FORA = """The Republic of Norland and the Kingdom of Sudmark,
Recalling the long friendship of the two peoples;
Agree as follows:
Dialogue
The parties will continue an intensive dialogue on pressing problems in international fora, \
including in the Arctic Council, the Nordic Forum, and the Baltic Sea Commission.
Fisheries
The parties will, within the framework of the Fisheries Council, explore new quotas for salmon.
The members of the Harbour Council and Sudmark are increasingly allied against smuggling.
The Herring Board will publish the catch of each season.
"""


def test_an_open_list_of_venues_takes_no_venue_where_the_parties_act_elsewhere():
    document = parse_document(FORA, "Joint Declaration on Fora")
    ctx = Context.build(document)
    dialogue = document.sections[1]
    fora = [d for d in list_questions(ctx, dialogue) if d.generator == "list-members"]
    assert fora and all("the Fisheries Council" not in d.choices for d in fora)
    assert all("Sudmark" not in d.choices for d in fora)  # a party is no forum


def test_a_venue_is_found_through_the_first_item_of_its_list_and_not_after_a_bare_comma():
    document = parse_document(FORA, "Joint Declaration on Fora")
    ctx = Context.build(document)
    mentions = {m.text: m for t in ctx.terms.key_terms() for m in t.mentions}
    assert named_as_venue(ctx, mentions["Nordic Forum"])  # "including in the Arctic Council, …"
    assert named_as_venue(ctx, mentions["Fisheries Council"])
    assert not named_as_venue(ctx, mentions["Harbour Council"])  # "the members of …"


GOALS = """The Republic of Norland and the Kingdom of Sudmark,
Building on the old treaty, and committed to a partnership based on friendship, common values, \
trust, and candour;
Agree as follows:
Goals
We are partners and we will cooperate to advance stability, security, and economic growth, and \
to jointly help resolve disputes.
We will respect the essential values of liberty, justice, and tolerance.
People
We welcome joint efforts to resolve common problems in education, health, the arts, and sport.
Trade
We will reward thrift, diligence, economic freedom, and honesty in the grain trade.
Treaties
The treaty will provide confidence, transparency, and predictability in the grain trade.
The parties will work toward increasing transparency at the ports.
"""


@pytest.fixture(scope="module")
def goals():
    document = parse_document(GOALS, "Joint Declaration on Goals")
    return document, Context.build(document)


def _list_at(ctx, section, first_item):
    return next(tl for tl in ctx.lists_in(section.id) if tl.items[0] == first_item)


def test_an_item_said_with_the_same_words_elsewhere_is_no_false_item(goals):
    document, ctx = goals
    advance = _list_at(ctx, document.sections[1], "stability")
    values = _list_at(ctx, document.sections[1], "liberty")
    items = ctx.list_items()["thing"]
    # "joint efforts to resolve … education" beside "to jointly help resolve disputes"
    assert said_alike(ctx, advance, items["education"])
    # "common values" beside "the essential values of"
    assert said_alike(ctx, values, items["trust"])
    assert not said_alike(ctx, advance, items["thrift"])
    # "increasing transparency" says what "advance" says of its objects
    assert verb_elsewhere(ctx, advance, "transparency")
    assert not verb_elsewhere(ctx, advance, "thrift")
    assert not verb_elsewhere(ctx, values, "transparency")  # "respect" is another kind of verb


def test_lists_linked_by_shared_items_make_one_family(goals):
    document, ctx = goals
    advance = _list_at(ctx, document.sections[1], "stability")
    people = _list_at(ctx, document.sections[2], "education")
    assert people.where not in list_family(ctx, advance)
    assert list_family(ctx, people) == {people.where}
    partnership = _list_at(ctx, document.sections[0], "friendship")
    treaty = _list_at(ctx, document.sections[4], "confidence")
    assert partnership.where not in list_family(ctx, treaty)
    # a select-all question on the fields takes no goal while it can find something else
    fields = [d for d in list_questions(ctx, document.sections[2])]
    assert all("stability" not in d.choices for d in fields)


def test_negative_reads_the_parts_of_a_hyphenated_word():
    assert negative("weapons-usable fissile material")
    assert not negative("proactive non-proliferation")
    assert negative("regional conflicts.")
