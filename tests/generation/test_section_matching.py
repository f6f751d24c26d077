"""Terms matched to the one section that names them: one defensible key per pair."""

from __future__ import annotations

from pathlib import Path

from app.corpus import load_declaration, load_document, parse_document
from app.generation.draft import Context
from app.generation.generators.inventory import inventory, section_matching
from app.generation.terms import normalise


def _drafts(document):
    ctx = Context.build(document)
    return [d for s in document.sections for d in section_matching(ctx, s)]


def test_each_term_is_named_in_its_section_only():
    document = load_declaration()
    titles = {s.title: s for s in document.sections}
    drafts = _drafts(document)
    assert len(drafts) == 7  # every section but the closing one
    for draft in drafts:
        assert len(draft.answer) >= 3
        assert len({right for _, right in draft.answer}) == len(draft.answer)
        assert any(titles[right].id == draft.section_id for _, right in draft.answer)
        for term, right in draft.answer:
            named = [s.title for s in document.sections if normalise(term) in normalise(s.text)]
            assert named == [right], (term, named)


def test_works_on_another_document():
    other = Path(__file__).parent.parent / "data" / "norland-sudmark.txt"
    drafts = _drafts(load_document(other))
    assert drafts and all(d.type == "matching" for d in drafts)


PLACES = """The Republic of Norland and the Kingdom of Sudmark,
Recalling the long friendship of the two peoples;
Agree as follows:
Towns
The parties will open offices in Tarnholm, Eskby, Kaldvik, Orrefors, Skarpnes, Lindau, and Valbrek.
Ports
The parties will build new ports in Brekka, Holmsund, and Vardby by the end of the decade.
"""


def test_inventory_questions_of_one_kind_each_read_alone():
    document = parse_document(PLACES, "Joint Declaration on Towns")
    drafts = list(inventory(Context.build(document), document.sections[1]))
    assert len(drafts) >= 2
    stems = [d.stem for d in drafts]
    assert len(set(stems)) == len(stems)
    assert not [s for s in stems if " also " in s]  # a quiz may serve one part alone
