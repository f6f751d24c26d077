"""A false statement swaps in a list item that is false here, not one true of a kindred list."""

from __future__ import annotations

from app.corpus import parse_document
from app.generation.draft import Context
from app.generation.generators.list_statements import list_statements

GOALS = """The Republic of Norland and the Kingdom of Sudmark,
Recalling the long friendship of the two peoples;
Agree as follows:
The North
We are partners and we will cooperate to advance stability, security, and economic prosperity in \
the north.
The South
In the south, we will promote democracy, ethnic tolerance, and lasting stability.
The People
We will support contacts in education, health, the arts, and tourism.
The Market
We will reward thrift, diligence, economic freedom, and honesty in the market.
"""


def test_items_of_a_list_sharing_an_item_with_the_keys_are_not_swapped_in():
    document = parse_document(GOALS, "Joint Declaration on Goals")
    ctx = Context.build(document)
    north = document.sections[1]
    swaps = [d for d in list_statements(ctx, north) if d.generator == "list-swap"]
    assert swaps
    for draft in swaps:  # "advance ... ethnic tolerance" is what they do in the south
        items = set(draft.stem.removesuffix(" in the north.").split(", "))
        assert not {"democracy", "ethnic tolerance", "lasting stability"} & items, draft.stem
        # "the arts" are of another kind: that list shares no item with this one's family
        assert not {"education", "health", "the arts", "tourism"} & items, draft.stem
