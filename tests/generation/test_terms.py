"""Key-term extraction: the declaration's dates, agreements, bodies, places and people."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.corpus import load_document, parse_document
from app.generation.term_extraction import extract_terms
from app.generation.terms import normalise


def _texts(context, kind):
    return {t.text for t in context.terms.key_terms() if t.kind == kind}


def test_every_date_of_the_declaration_is_found_and_read(context):
    dates = {t.value for t in context.terms.key_terms() if t.kind == "date"}
    assert dates == {
        "1991-07-31",
        "2001-07-22",
        "2001-09-11",
        "2001-10-21",
        "2001-11-13",
        "2002-01-31",
        "2002-05-24",
        "2002-05-28",
        "2002-06-14",
    }


@pytest.mark.parametrize(
    "kind, expected",
    [
        (
            "organisation",
            {
                "UN Security Council",
                "G-8",
                "OSCE",
                "NATO-Russia Council",
                "Quartet",
                "Six-Plus-Two",
                "OSCE's Minsk Group",
                "Taliban",
                "al-Qaida",
                "World Trade Organization",
                "Department of Commerce",
                "Russian-American Business Dialogue",
                "Consultative Group for Strategic Security",
                "NATO",
                "United Nations",
            },
        ),
        (
            "place",
            {
                "Afghanistan",
                "Central Asia",
                "South Caucasus",
                "Abkhazia",
                "Nagorno-Karabakh",
                "Moldova",
                "Azerbaijan",
                "Armenia",
                "Euro-Atlantic region",
                "Rome",
                "Middle East",
                "Balkans",
                "Iraq",
                "Caspian region",
                "Europe",
                "Genoa",
                "Washington",
                "Moscow",
                "Ljubljana",
                "Shanghai",
                "Washington/Crawford",
            },
        ),
        (
            "agreement",
            {
                "Treaty on Mutual Legal Assistance in Criminal Matters",
                "UN Charter",
                "Helsinki Final Act",
                "OSCE Charter for European Security",
                "Goods Review List",
                "U.S. Trade Act of 1974",
                "Jackson-Vanik Amendment",
                "Treaty on the Non-Proliferation of Nuclear Weapons",
            },
        ),
        ("person", {"George W. Bush", "Vladimir V. Putin"}),
    ],
)
def test_named_terms_of_each_kind_are_found(context, kind, expected):
    assert expected <= _texts(context, kind)


def test_parties_and_sentence_openers_are_not_key_terms(context):
    texts = {t.text for t in context.terms.key_terms()}
    assert not texts & {"Russia", "United States", "Recalling", "We", "In", "Battling"}
    assert "Great Power" not in texts  # a quoted modifier, not a body


def test_the_second_document_has_its_own_terms(second_context):
    texts = {t.text for t in second_context.terms.key_terms()}
    assert {
        "Joint Fisheries Board",
        "Arctic Council",
        "Convention on Grain Storage",
        "Tarnholm",
        "Mary K. Tregarthen",
        "Olaf B. Lindqvist",
        "Lindau",
    } <= texts


def test_normalise_compares_spellings():
    assert normalise("the G-8") == normalise("G 8")
    assert normalise("the UN Security Council") == normalise("United Nations Security Council")


def test_extraction_of_a_small_text():
    document = parse_document(
        "Fish and Ships\nThe parties met in Porto on March 2, 1990 and agreed the Porto Accord. "
        "The Fisheries Council will review it.\n"
    )
    index = extract_terms(document)
    kinds = {t.text: t.kind for t in index.key_terms()}
    assert kinds["March 2, 1990"] == "date"
    assert kinds["Porto Accord"] == "agreement"
    assert kinds["Fisheries Council"] == "organisation"
    assert kinds["Porto"] == "place"


def test_parties_short_names_states_and_natural_features_on_an_unseen_text():
    """castania-veldra.txt: "Castania" is the party "the Federal Republic of Castania", "the
    Union of Veldra" a state (not a body), "the Sarn Valley" a place and "the Council of the
    Inner Sea" a body (its head is "Council", not "Sea")."""
    path = Path(__file__).resolve().parent.parent / "data" / "castania-veldra.txt"
    terms = {t.display: t for t in extract_terms(load_document(path)).terms.values()}
    assert terms["Castania"].party and terms["Veldra"].party
    assert terms["the Union of Veldra"].kind == "place" and terms["the Union of Veldra"].party
    assert terms["the Sarn Valley"].kind == "place"
    assert terms["the Council of the Inner Sea"].kind == "organisation"
