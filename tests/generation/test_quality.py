"""Each automatic check of QUESTION-QUALITY.md rejects what it should, and passes a good item."""

from __future__ import annotations

import pytest

from app.generation.draft import Draft
from app.generation.quality import problems

QUOTE = "The parties will cooperate in the Arctic Council to protect salmon."


def _draft(**fields) -> Draft:
    data = dict(
        type="multiple_choice",
        generator="test",
        stem="According to the text, the parties will cooperate in which council?",
        answer="the Arctic Council",
        choices=[
            "the Arctic Council",
            "the Nordic Council",
            "the Joint Fisheries Board",
            "the Baltic Sea Commission",
        ],
        section_id="s",
        paragraph=1,
        sentence=1,
        quote=QUOTE,
        explanation="",
    )
    data.update(fields)
    return Draft(**data)


def test_a_good_question_passes():
    assert problems(_draft()) == []


@pytest.mark.parametrize(
    "fields, reason",
    [
        ({"stem": "It will cooperate in which council?"}, "reference to text"),
        ({"stem": "In this connection, which council will they join?"}, "reference to text"),
        ({"stem": "The Arctic Council is which council?"}, "answer is in the stem"),
        ({"stem": "The parties will cooperate in an ___ council."}, '"an" before the blank'),
        ({"stem": "The parties will cooperate in the council"}, "not a question"),
        (
            {
                "choices": [
                    "the Arctic Council",
                    "Arctic Council",
                    "the Nordic Council",
                    "the Board",
                ]
            },
            "same thing",
        ),
        (
            {"choices": ["the Arctic Council", "the Nordic Council", "June 1, 1950", "the Board"]},
            "dates mixed",
        ),
        ({"choices": ["the Arctic Council", "the Nordic Council", "the Board"]}, "too few"),
        ({"choices": ["salmon", "the Nordic Council", "the Board", "the Fund"]}, "not among"),
        (
            {"choices": ["the Arctic Council", "salmon", "the Nordic Council", "the Board"]},
            "also in the source",
        ),
        (
            {
                "answer": "the Arctic Council for the Protection of Northern Salmon Fisheries",
                "choices": [
                    "the Arctic Council for the Protection of Northern Salmon Fisheries",
                    "the Fund",
                    "the Board",
                    "the Club",
                ],
            },
            "only long option",
        ),
        ({"stem": "On what date will the parties cooperate?"}, "date question"),
        ({"stem": "Who will the parties cooperate with?"}, '"Who" question'),
        (
            {
                "stem": "Where will the parties cooperate?",
                "answer": "June 1, 1950",
                "choices": ["June 1, 1950", "May 2, 1951", "July 3, 1952", "August 4, 1953"],
            },
            '"Where" question',
        ),
        ({"type": "short_answer", "answer": "the", "choices": []}, "function word"),
        (
            {
                "type": "true_false",
                "answer": False,
                "choices": [],
                "stem": "True or false: The parties will not cooperate in the Arctic Council.",
            },
            "negation",
        ),
        (
            {
                "type": "ordering",
                "answer": ["a", "a"],
                "choices": [],
                "stem": "Put these in order.",
            },
            "items repeat",
        ),
        (
            {"stem": 'According to the text, "the parties will cooperate in which council?'},
            "quotation marks",
        ),
        ({"stem": "Which council? " + "word " * 70}, "too long"),
        (
            {
                "stem": "According to the text, the Sudmarkian parties will pursue salmon "
                "conservation by bolstering which treaty?",
                "answer": "the Treaty on Salmon Conservation of Sudmark",
                "choices": [
                    "the Treaty on Salmon Conservation of Sudmark",
                    "the Convention of Sudmark on Grain",
                    "the Treaty of Sudmark on Roads",
                    "the Accord of Sudmark on Bridges",
                ],
            },
            "shared only with the key",  # "Sudmarkian" hints at every choice, "salmon" at one
        ),
        (
            {
                "type": "short_answer",
                "choices": [],
                "stem": "According to the text, the parties will study river cleaning and the "
                "funding of what?",
                "answer": "river cleaning technologies",
            },
            "all but the last word",
        ),
    ],
)
def test_each_rejection_reason_is_detected(fields, reason):
    assert any(reason in p for p in problems(_draft(**fields))), problems(_draft(**fields))
