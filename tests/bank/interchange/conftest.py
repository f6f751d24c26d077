"""Interchange tests: questions of every type as plain dicts, from factories and the real bank."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.generation.files import read_bank
from tests.conftest import PROJECT_ROOT
from tests.factories import QUESTION_DEFAULTS

TRICKY = "Tricky {braces}, a = sign, ~tilde, #hash, colon: back\\slash and\nnew line"


def factory_dicts() -> list[dict]:
    """One question of each type with the factories' content, plus special characters."""
    questions = []
    for number, (qtype, content) in enumerate(QUESTION_DEFAULTS.items(), 1):
        questions.append(
            {
                "id": f"q-{qtype.replace('_', '-')}",
                "type": qtype,
                "section_id": "foundation",
                "section_title": "A Foundation for Cooperation",
                "choices": [],
                "accepted": [],
                "explanation": f"Explanation {number}: {TRICKY}",
                "source": {"section_id": "foundation", "paragraph": 1, "quote": "Quote."},
                "generator": "factory",
                **content,
            }
        )
    questions.append(
        {
            **questions[0],
            "id": "q-tricky",
            "stem": TRICKY,
            "choices": ["a = b", "{x}", "~y", "#z: w"],
            "answer": "{x}",
        }
    )
    questions.append(
        {
            **questions[4],
            "id": "q-matching-extra",
            "choices": ["Ljubljana", "Genoa", "Shanghai", "Rome"],
        }
    )
    return questions


def real_bank_dicts() -> list[dict]:
    """Every question of the shipped bank, as bank-file dicts with their section."""
    return [
        {**question, "section_id": bank["section_id"], "section_title": bank["section_title"]}
        for bank in read_bank(PROJECT_ROOT / "question_bank")
        for question in bank["questions"]
    ]


@pytest.fixture
def shipped_bank() -> list[dict]:
    questions = real_bank_dicts()
    if not questions:
        pytest.skip("question_bank/ holds no questions yet")
    return questions


QTI_SCHEMA = PROJECT_ROOT.parent / "shared" / "schemas" / "qti21" / "qtiv2p1" / "imsqti_v2p1.xsd"


@pytest.fixture(scope="session")
def qti_schema():
    """The QTI 2.1 schema (from ../shared/schemas), loaded once."""
    from lxml import etree

    if not Path(QTI_SCHEMA).exists():
        pytest.skip(f"QTI schema folder absent: {QTI_SCHEMA.parent}")
    return etree.XMLSchema(etree.parse(str(QTI_SCHEMA)))
