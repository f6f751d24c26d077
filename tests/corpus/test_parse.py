"""The parser: sections, paragraphs, sentences and offsets, on the declaration and another text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.corpus import CorpusError, load_declaration, parse_document, read_source

EXPECTED_SECTIONS = [
    ("preamble", "Preamble", 6),
    ("a-foundation-for-cooperation", "A Foundation for Cooperation", 5),
    ("political-cooperation", "Political Cooperation", 8),
    ("economic-cooperation", "Economic Cooperation", 5),
    ("strengthening-people-to-people-contacts", "Strengthening People-to-People Contacts", 2),
    (
        "preventing-the-spread-of-weapons-of-mass-destruction-non-proliferation-and-international-terrorism",
        "Preventing the Spread of Weapons of Mass Destruction: Non-Proliferation and "
        "International Terrorism",
        4,
    ),
    (
        "missile-defense-further-strategic-offensive-reductions-new-consultative-mechanism-on-strategic-security",
        "Missile Defense, Further Strategic Offensive Reductions, New Consultative Mechanism on "
        "Strategic Security",
        11,
    ),
    ("closing", "Signatures, Place and Date", 6),
]


@pytest.fixture(scope="module")
def declaration():
    return load_declaration()


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_eight_sections_with_titles_and_paragraph_counts(declaration):
    found = [(s.id, s.title, len(s.paragraphs)) for s in declaration.sections]
    assert found == EXPECTED_SECTIONS
    assert [s.order for s in declaration.sections] == list(range(1, 9))


def test_no_word_is_lost_or_duplicated(declaration):
    rebuilt = []
    for section in declaration.sections:
        if section.kind == "body":
            rebuilt.append(section.title)
        rebuilt.extend(p.text for p in section.paragraphs)
    assert _words(" ".join(rebuilt)) == _words(declaration.source)


def test_sentences_rejoin_to_their_paragraphs(declaration):
    for section in declaration.sections:
        for paragraph in section.paragraphs:
            joined = "".join(s.text for s in paragraph.sentences)
            assert joined.replace(" ", "") == paragraph.text.replace(" ", "")


def test_offsets_point_into_the_source(declaration):
    source = declaration.source
    for section, paragraph, sentence in declaration.sentences():
        assert source[paragraph.start : paragraph.end] == paragraph.text
        assert source[sentence.start : sentence.end] == sentence.text
        assert section.start <= paragraph.start < paragraph.end <= section.end


def test_preamble_runs_through_declare_as_follows(declaration):
    preamble = declaration.section("preamble")
    assert preamble.paragraphs[0].text.startswith("The United States of America and the Russian")
    assert preamble.paragraphs[-1].text == "Declare as follows:"


def test_bullets_belong_to_the_last_section(declaration):
    last_body = declaration.sections[-2]
    bullets = [p for p in last_body.paragraphs if p.bullet]
    assert [p.text.split()[0] for p in bullets] == ["establish", "seek"]
    assert all("•" not in p.text for p in last_body.paragraphs)


def test_closing_holds_signatures_place_and_date(declaration):
    closing = declaration.section("closing")
    assert [p.text for p in closing.paragraphs] == [
        "The President of the United States of America:",
        "George W. Bush",
        "The President of the Russian Federation:",
        "Vladimir V. Putin",
        "Moscow",
        "May 24, 2002.",
    ]


@pytest.mark.parametrize(
    ("section_id", "paragraph", "expected_first_words"),
    [
        # "them.The": a missing space between two sentences
        (
            "missile-defense-further-strategic-offensive-reductions-new-consultative-mechanism-on-strategic-security",
            2,
            ["The United States and Russia are taking", "The United States and Russia acknowledge"],
        ),
        # "U.S." inside a sentence does not end it
        ("economic-cooperation", 3, ["Success in", "We stress", "We note", "The sides"]),
    ],
)
def test_sentence_splitting_quirks(declaration, section_id, paragraph, expected_first_words):
    sentences = declaration.section(section_id).paragraph(paragraph).sentences
    assert len(sentences) == len(expected_first_words)
    for sentence, start in zip(sentences, expected_first_words, strict=True):
        assert sentence.text.startswith(start)


def test_initials_do_not_split_names(declaration):
    assert declaration.section("closing").paragraph(4).sentences[0].text == "Vladimir V. Putin"


OTHER_DOCUMENT = (Path(__file__).parent.parent / "data" / "avalon-lyonesse.txt").read_text()


def test_parses_another_document_of_the_same_form():
    document = parse_document(OTHER_DOCUMENT, "Avalon-Lyonesse Accord")
    assert [s.id for s in document.sections] == [
        "preamble",
        "fisheries-and-the-sea",
        "trade-in-grain",
        "closing",
    ]
    fisheries = document.section("fisheries-and-the-sea")
    assert [len(p.sentences) for p in fisheries.paragraphs] == [2, 2]
    assert fisheries.paragraph(2).sentences[0].text.endswith("coastal waters.")
    assert (
        fisheries.paragraph(2).sentences[1].text
        == "The board will meet in St. Michael each spring."
    )
    assert [p.bullet for p in document.section("trade-in-grain").paragraphs] == [False, True, True]
    assert len(document.section("closing").paragraphs) == 4
    assert document.section("preamble").paragraphs[-1].text == "Agree as follows:"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\n  ", "empty"),
        (
            "just one long line of prose without any heading at all, going on and on.\n",
            "no headings",
        ),
    ],
)
def test_unparseable_text_raises_a_clear_error(text, message):
    with pytest.raises(CorpusError, match=message):
        parse_document(text)


def test_binary_and_foreign_encodings_are_refused(tmp_path):
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\x89PNG\x00\x01\x02")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Coopération économique\n".encode("latin-1"))
    with pytest.raises(CorpusError, match="binary"):
        read_source(binary)
    with pytest.raises(CorpusError, match="not UTF-8"):
        read_source(latin)
    with pytest.raises(CorpusError, match="cannot read"):
        read_source(tmp_path / "missing.txt")
