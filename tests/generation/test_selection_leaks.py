"""Selection on an invented declaration (kestria-varnholm.txt, issue 14): recall only of main
clauses and a minority, no two questions that leak into each other, the force of commitments
asked both ways, and no signer matching of two pairs."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest

from app.corpus import load_document
from app.generation.bank import build_bank, section_drafts
from app.generation.common import document_names
from app.generation.crossq import leaks
from app.generation.draft import Context
from app.generation.periphery import peripheral
from app.generation.quality import problems
from app.generation.select import MAX_RECALL, MAX_RECALL_TYPED, RECALL, select
from app.generation.steps import clause_steps

KESTRIA = Path(__file__).resolve().parent.parent / "data" / "kestria-varnholm.txt"


@pytest.fixture(scope="module")
def kestria():
    return load_document(KESTRIA)


@pytest.fixture(scope="module")
def kestria_ctx(kestria):
    return Context.build(kestria)


@pytest.fixture(scope="module")
def kestria_bank(kestria):
    return build_bank(kestria)


def _all(banks):
    return [q for b in banks for q in b["questions"]]


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        (
            "Recalling the Treaty of Ostwick of October 12, 1961 and the Communique of Lirren;",
            "Lirren",
            True,
        ),
        (
            "The Office, set up by the Council of the Northern Rivers in 2001, will act.",
            "Council",
            True,
        ),
        ("The Council will meet in Lirren so that exporters can meet in Tarvel.", "Tarvel", True),
        (
            "In view of the growth of trade across the Highlands, the board will act.",
            "Highlands",
            True,
        ),
        ("They will found a university, whose degrees shall count in Mossburg.", "Mossburg", True),
        (
            "The parties urge the Northern Investment Bank to finance the rail link.",
            "Northern",
            False,
        ),
        (
            "Acting as its secretariat, the Mixed Commission will prepare each meeting.",
            "Mixed",
            False,
        ),
    ],
)
def test_a_detail_in_a_participial_or_subordinate_clause_is_peripheral(sentence, word, expected):
    assert peripheral(sentence, sentence.index(word)) is expected


def test_recall_is_a_minority_and_never_of_a_detail_given_in_passing(kestria_bank):
    questions = _all(kestria_bank)
    for bank in kestria_bank:
        recall = [q for q in bank["questions"] if q["generator"] in RECALL]
        assert len(recall) <= MAX_RECALL
        assert sum(q["type"] == "short_answer" for q in recall) <= MAX_RECALL_TYPED
    recall = [q for q in questions if q["generator"] in RECALL]
    assert len(recall) <= len(questions) / 3
    keys = {str(q["answer"]) for q in recall}
    # "set up by the Council … in 2001", "noting … the Commission, established … in 1996", the
    # place of the council's meetings and the town of the cultural centres: all in passing
    for detail in ("the Council of the Northern Rivers", "1996", "Lirren", "Ostwick", "Mossburg"):
        assert not any(detail == k for k in keys if not k.startswith("September")), detail


def test_no_two_selected_questions_leak_into_each_other(kestria_bank, kestria_ctx):
    drafts = {}
    for section in kestria_ctx.document.sections:
        for d in section_drafts(kestria_ctx, section):
            drafts[d.id] = d
    chosen = [drafts[q["id"]] for q in _all(kestria_bank)]
    with document_names(kestria_ctx):
        for n, one in enumerate(chosen):
            for other in chosen[n + 1 :]:
                assert leaks(one, other) is None, (one.stem, other.stem, leaks(one, other))


def test_leaks_are_found_by_key_by_options_and_by_stem(kestria_ctx):
    drafts = [d for s in kestria_ctx.document.sections for d in section_drafts(kestria_ctx, s)]
    with document_names(kestria_ctx):
        same_key = [
            (a, b)
            for a in drafts
            for b in drafts
            if a.id < b.id
            and a.question_type.key_is_one_text
            and b.question_type.key_is_one_text
            and str(a.answer).lower() == str(b.answer).lower()
        ]
        assert same_key and all(leaks(a, b) == "the same key asked twice" for a, b in same_key)
        # two date questions offering one set of dates: each shows the other's key
        date = next(
            d for d in drafts if d.stem == "On what date was the text signed?" and d.choices
        )
        twin = dataclasses.replace(date, stem="When was the Treaty of Ostwick signed?")
        assert leaks(date, twin) in {"the same set of options", "the same key asked twice"}
        twin = dataclasses.replace(twin, answer=date.choices[0])
        assert leaks(date, twin) == "the same set of options"
        stated = [
            (a, b)
            for a in drafts
            for b in drafts
            if b.question_type.key_is_one_text
            and a is not b
            and str(b.answer).removeprefix("the ").lower() in a.stem.lower()
            and len(str(b.answer)) > 6
        ]
        assert stated and all(leaks(a, b) for a, b in stated)


def test_a_sentence_of_two_commitments_of_different_force_gives_two_steps(kestria_ctx):
    steps = [(r.kind, r.what) for r in clause_steps(kestria_ctx, "trade-and-finance")]
    assert ("firm", "remove all customs duties on industrial goods") in steps
    assert ("tentative", "a common regime for agricultural products") in steps
    energy = [(r.kind, r.what) for r in clause_steps(kestria_ctx, "energy-and-environment")]
    assert ("firm", "build treatment plants on both banks of the river") in energy
    assert (
        "tentative",
        "whether a common fund for the cleaning of the estuary can be established",
    ) in energy


def test_a_commitment_in_the_passive_is_the_parties_step(kestria_ctx):
    """ "Citizens … are to be allowed to work …", "Forests … are to be protected as …": firm
    steps with their object first; a permission ("may be") or a call ("shall be encouraged")
    is none."""
    health = [(r.kind, r.what) for r in clause_steps(kestria_ctx, "health-and-society")]
    assert (
        "firm",
        "allow citizens of both states to work in the other state without a permit",
    ) in (health)
    energy = [r.what for r in clause_steps(kestria_ctx, "energy-and-environment")]
    park = "protect forests, wetlands, and mountain pastures along the frontier as a single"
    assert f"{park} nature park" in energy
    (force,) = _drafts(kestria_ctx, "health-and-society", "commitment-force")
    assert "allowing citizens of both states to work in the other state without a permit" in (
        force.answer
    )
    assert "paying pensions earned in one state" in force.choices


def _drafts(ctx, section_id, generator):
    drafts = section_drafts(ctx, ctx.section(section_id))
    with document_names(ctx):  # as the selection reads them: the parties' names stop words
        return [d for d in drafts if d.generator == generator and not problems(d)]


def test_the_force_question_keys_firm_steps_among_steps_only_studied(kestria_ctx):
    (force,) = _drafts(kestria_ctx, "security-and-borders", "commitment-force")
    assert "rather than only to study or look into" in force.stem
    assert set(force.answer) == {
        "exchanging each year full information",
        "withdrawing the two sides' heavy artillery",
    }
    # the near-misses of the same section come first
    assert {"going ahead with joint patrols", "setting up a joint training centre"} <= set(
        force.choices
    )
    (trade,) = _drafts(kestria_ctx, "trade-and-finance", "commitment-force")
    assert "removing all customs duties" in trade.answer
    assert "going ahead with a common regime for agricultural products" in trade.choices
    assert "going ahead with a common regime for agricultural products" not in trade.answer
    (studied,) = _drafts(kestria_ctx, "energy-and-environment", "commitment-force-studied")
    assert set(studied.answer) >= {"constructing a gas pipeline", "establishing a common fund"}
    assert "building treatment plants" in studied.choices
    assert (
        studied.fact == _drafts(kestria_ctx, "energy-and-environment", "commitment-force")[0].fact
    )  # one gives the other away: one fact, one served


def test_a_firm_step_said_to_be_only_studied_is_keyed_false(kestria_ctx):
    statements = [
        d
        for d in _drafts(kestria_ctx, "culture-and-education", "commitment-force-restated")
        if "will only look into" in d.stem
    ]
    assert statements and all(d.answer is False for d in statements)
    assert any("opening cultural centres" in d.stem for d in statements)


def test_force_questions_are_served_in_most_sections_and_statements_both_ways(kestria_bank):
    questions = _all(kestria_bank)
    force = [q for q in questions if q["generator"].startswith("commitment-force")]
    assert len({q["source"]["section_id"] for q in force}) >= 4
    statements = Counter(q["answer"] for q in questions if q["type"] == "true_false")
    assert statements[True] and statements[False]


def test_two_signers_make_no_matching(kestria_bank):
    assert not [q for q in _all(kestria_bank) if q["generator"] == "signer-roles"]


def test_a_list_copied_from_its_sentence_is_never_served(kestria_ctx):
    drafts = _drafts(kestria_ctx, "culture-and-education", "list-members")
    assert not drafts  # "exchanges of which of the following shall be encouraged …" copies it
    with document_names(kestria_ctx):
        all_drafts = section_drafts(kestria_ctx, kestria_ctx.section("culture-and-education"))
        chosen = select(all_drafts)
    assert not [d for d in chosen if d.generator == "list-members"]


def test_a_deadline_is_asked_among_the_sections_own_steps(kestria):
    """ "What will they do by 2010?" offers the section's steps agreed without that date or
    only studied, so two deadline questions never offer one set of options."""
    kestria_ctx = Context.build(kestria)  # fresh: distractors already used count against reuse
    (grids,) = _drafts(kestria_ctx, "energy-and-environment", "commitment-deadline")
    assert grids.answer == "connect the two sides' electricity grids"
    assert "build treatment plants on both banks of the river" in grids.choices
    (artillery,) = _drafts(kestria_ctx, "security-and-borders", "commitment-deadline")
    assert sorted(grids.choices) != sorted(artillery.choices)
    assert {"set up a joint training centre", "go ahead with joint patrols on Lake Sarrow"} <= set(
        artillery.choices
    )


def test_a_judgment_is_no_study_and_a_preposition_no_verb(kestria_ctx):
    """ "they consider obsolete the Protocol": a judgment, no step only studied; "the
    feasibility of a bridge to the island": "to the" is no verb to make a gerund of."""
    from app.generation.steps import studied_step

    steps = clause_steps(kestria_ctx, "an-end-to-old-quarrels")
    assert not [r for r in steps if r.kind == "tentative"]
    assert studied_step("the feasibility of a bridge to the island of Orr") == (
        "go ahead with",
        "a bridge to the island of Orr",
    )


def test_a_matching_of_two_events_is_never_served(kestria_ctx):
    (dates,) = [
        d
        for d in section_drafts(kestria_ctx, kestria_ctx.section("preamble"))
        if d.generator == "event-dates"
    ]
    assert len(dates.answer) == 2 and problems(dates)
