"""Ideas held and rejected, and reasons given for a step: "which of these ideas do the parties
reject?" against the ideas the text affirms, and "why will they …?" for "Because …, we will …"
and "…, since …" (meridia-tavessa.txt asked neither)."""

from __future__ import annotations

import pytest

from app.corpus import parse_document
from app.generation.bank import section_drafts
from app.generation.draft import Context
from app.generation.quality import problems

HARBOURS = """The Republic of Osterby and the Kingdom of Vall,
Convinced that the storms of the northern coast cannot be met by either country alone;
Declare as follows:
Harbours
Our two nations reject the idea that one harbour can prosper by closing its neighbour's port.
Because our fleets depend on the northern lights, we will keep the Lanterns of Skarn lit through \
the winter months for every ship.
We believe that fair tolls demand open books, honest pilots, and public courts.
We acknowledge that the welfare of our fishing towns rests on clean water and safe quays.
We will support Vall's application to the Coastal Bank, since its membership will bring new \
credit to the small ports.
Trade
We recognize that the trade in timber has doubled in ten years.
We will lower the duties on salt and timber by one half.
The President of the Republic of Osterby:
Ida K. Moen
The King of Vall:
Olav P. Rud
Skarn
March 3, 1999.
"""


@pytest.fixture(scope="module")
def drafts():
    document = parse_document(HARBOURS, "Harbours")
    ctx = Context.build(document)
    return [d for s in document.sections for d in section_drafts(ctx, s)]


def test_a_rejected_idea_among_the_ideas_the_text_affirms(drafts):
    asked = [d for d in drafts if d.generator == "claim-rejected-idea"]
    assert len(asked) == 1
    made = asked[0]
    assert made.stem == ("According to the text, which of these ideas do the parties reject?")
    assert made.answer == ("the idea that one harbour can prosper by closing its neighbour's port")
    others = [c for c in made.choices if c != made.answer]
    assert len(others) == 3 and all(c.startswith("the idea that ") for c in others)
    assert "the idea that the trade in timber has doubled in ten years" in others
    assert not problems(made)


def test_the_reason_the_text_gives_for_a_step(drafts):
    asked = {d.stem: d for d in drafts if d.generator == "purpose-reason"}
    stem = "According to the text, why will the parties keep the Lanterns of Skarn lit?"
    assert stem in asked, list(asked)
    assert asked[stem].answer.endswith("fleets depend on the northern lights")
    since = [d for s, d in asked.items() if "application to the Coastal Bank" in s]
    assert since and since[0].answer.startswith("because its membership will bring new credit")
    for made in asked.values():
        assert all(c.startswith("because ") for c in made.choices)
        assert not problems(made)
