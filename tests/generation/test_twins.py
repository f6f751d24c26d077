"""Served questions that give one another away: twins by fact or stem (an error, exit status 2)
and a key found in another question's stem or options (a warning), on a tiny bank and through
`flask bank check`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from app.generation.files import dump_bank
from app.generation.reviews import bank_problems
from app.generation.twins import giveaways, normalised_stem, twins

BANK_DIR = Path(__file__).resolve().parents[2] / "question_bank"


def _question(qid, stem, answer, fact, kind="multiple_choice", status="approved", **extra):
    return {
        "id": qid,
        "type": kind,
        "stem": stem,
        "answer": answer,
        "fact": fact,
        "review": {"status": status},
        **extra,
    }


def _bank(section_id, *questions):
    return {"section_id": section_id, "questions": list(questions)}


TREATY = _question(
    "q-treaty",
    "What did the two presidents sign in Moscow besides the declaration?",
    "the Treaty on Strategic Offensive Reductions",
    "moscow:signed",
    choices=["the Treaty on Strategic Offensive Reductions", "the ABM Treaty", "START II", "NPT"],
)
COUNCIL = _question(
    "q-council",
    "Which body did the NATO-Russia summit inaugurate?",
    "the NATO-Russia Council",
    "rome:council",
    kind="short_answer",
    accepted=["NRC", "NATO Russia Council"],
)


def tiny_bank(*extra):
    return [("01-moscow.json", _bank("moscow", TREATY, COUNCIL, *extra))]


def test_a_tiny_bank_without_twins_or_giveaways():
    assert twins(tiny_bank()) == []
    assert giveaways(tiny_bank()) == []


def test_two_served_questions_with_one_fact_are_twins():
    twin = _question(
        "q-again", "Name the treaty signed with the declaration.", "x", "moscow:signed"
    )
    [(name, qid, message)] = twins(tiny_bank(twin))
    assert (name, qid) == ("01-moscow.json", "q-again")
    assert "'moscow:signed'" in message and "q-treaty" in message


def test_two_served_stems_alike_once_normalised_are_twins_across_files():
    twin = _question(
        "q-twin",
        "what did the two Presidents sign in Moscow, besides the declaration? "
        "(Choose all that apply.)",
        ["the Treaty on Strategic Offensive Reductions"],
        "another:fact",
        kind="multiple_response",
    )
    files = [*tiny_bank(), ("02-other.json", _bank("other", twin))]
    [(name, qid, message)] = twins(files)
    assert (name, qid) == ("02-other.json", "q-twin")
    assert "q-treaty in 01-moscow.json" in message
    assert normalised_stem(twin["stem"]) == normalised_stem(TREATY["stem"])


def test_a_twin_that_waits_as_an_alternate_is_no_twin():
    for status in ("pending", "rejected"):
        alternate = _question("q-alt", TREATY["stem"], "x", "moscow:signed", status=status)
        assert twins(tiny_bank(alternate)) == []


def test_bank_problems_name_a_stem_twin():
    twin = _question("q-twin", TREATY["stem"].upper(), "x", "another:fact")
    [problem] = bank_problems(tiny_bank(twin))
    assert (problem.file, problem.question) == ("01-moscow.json", "q-twin")
    assert "also approved for q-treaty" in str(problem)


def test_a_key_in_another_served_stem_is_a_warning():
    giving = _question(
        "q-ratify",
        "Which chamber had to approve the treaty on strategic offensive-reductions in Russia?",
        "the Duma",
        "ratify",
    )
    [warning] = giveaways(tiny_bank(giving))
    assert (warning.file, warning.question, warning.other) == (
        "01-moscow.json",
        "q-ratify",
        "q-treaty",
    )
    assert warning.where == "stem"
    assert warning.words == "the Treaty on Strategic Offensive Reductions"
    assert "q-ratify" in str(warning) and "q-treaty" in str(warning)


def test_a_key_among_another_served_questions_options_is_a_warning():
    giving = _question(
        "q-bodies",
        "Which body meets at the level of foreign and defense ministers?",
        "the Consultative Group for Strategic Security",
        "cgss",
        choices=["the Consultative Group for Strategic Security", "the NATO Russia Council"],
    )
    [warning] = giveaways(tiny_bank(giving))
    assert (warning.question, warning.other, warning.where) == ("q-bodies", "q-council", "options")


def test_a_key_in_another_served_questions_feedback_is_a_warning():
    """Practice shows feedback before the next question: a key stated there is given away."""
    giving = _question(
        "q-summit",
        "Where did the two presidents sign the declaration?",
        "in Moscow",
        "moscow:place",
        explanation="In Moscow, where they also signed the Treaty on Strategic Offensive "
        "Reductions.",
    )
    [warning] = giveaways(tiny_bank(giving))
    assert (warning.question, warning.other, warning.where) == ("q-summit", "q-treaty", "feedback")


def test_no_warning_across_sections_for_short_keys_or_unserved_questions():
    in_another_section = (
        "02-rome.json",
        _bank("rome", _question("q-rome", TREATY["answer"], "a", "r")),
    )
    assert giveaways([*tiny_bank(), in_another_section]) == []
    one_word = _question("q-city", "Where was the declaration signed?", "Moscow", "city")
    mentions_moscow = _question("q-when", "When did the presidents meet in Moscow?", "May", "w")
    assert giveaways(tiny_bank(one_word, mentions_moscow)) == []
    common = _question("q-who", "Which two countries signed?", "the two countries", "who")
    says_it = _question("q-says", "What do the two countries reject?", "rivalry", "rej")
    assert giveaways(tiny_bank(common, says_it)) == []
    pending = _question("q-pending", f"Was {TREATY['answer']} signed?", True, "p", status="pending")
    assert giveaways(tiny_bank(pending)) == []


def _approved(bank):
    return [q for q in bank["questions"] if q.get("review", {}).get("status") == "approved"]


def test_check_exits_2_naming_the_file_and_both_ids_of_a_stem_twin(runner, tmp_path):
    copy = tmp_path / "bank"
    shutil.copytree(BANK_DIR, copy)
    path = sorted(copy.glob("*.json"))[3]
    bank = json.loads(path.read_text())
    first, second = _approved(bank)[:2]
    second["stem"] = first["stem"].replace("?", " ?").lower()
    path.write_text(dump_bank(bank))
    result = runner.invoke(args=["bank", "check", "--dir", str(copy)])
    assert result.exit_code == 2, result.output
    assert f"{path.name}: question {second['id']}: stem" in result.output
    assert first["id"] in result.output and "Traceback" not in result.output


def test_check_warns_of_a_key_given_away_and_does_not_fail_for_it(runner, tmp_path):
    copy = tmp_path / "bank"
    shutil.copytree(BANK_DIR, copy)
    shipped = runner.invoke(args=["bank", "check", "--dir", str(copy)])
    assert shipped.exit_code == 0, shipped.output
    path = sorted(copy.glob("*.json"))[3]
    bank = json.loads(path.read_text())
    served = _approved(bank)
    key = next(q for q in served if q["type"] == "multiple_choice" and len(q["answer"].split()) > 2)
    giving = next(q for q in served if q is not key and q["type"] == "true_false")
    giving["stem"] = f"True or false: {key['answer']} is named in this section."
    path.write_text(dump_bank(bank))
    result = runner.invoke(args=["bank", "check", "--dir", str(copy)])
    # a warning is no error: at most stale (a generated question's stem changed by hand)
    assert result.exit_code in (0, 1), result.output
    assert "Invalid bank" not in result.output
    warning = f"Warning: {path.name}: question {giving['id']} gives away the key of {key['id']}"
    assert warning in result.output
    assert shipped.output.count("Warning:") + 1 == result.output.count("Warning:")
