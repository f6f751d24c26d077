"""The generators of the ideas a teacher tests, on small texts of the declaration's form and on
the declaration itself: commitments and their force, purposes, roles, claims, the lesson."""

from __future__ import annotations

import re
from collections import Counter

from app.corpus import parse_document
from app.generation.bank import section_drafts
from app.generation.draft import Context, Draft
from app.generation.generators.bodies import action_lists, actors
from app.generation.generators.claims import claims
from app.generation.generators.commitment_statements import reversed_commitments
from app.generation.generators.commitments import commitments
from app.generation.generators.lesson_questions import lesson_questions
from app.generation.generators.lesson_terms import definition_key
from app.generation.generators.manners import manners
from app.generation.generators.purposes import purposes
from app.generation.generators.roles import roles
from app.generation.generators.stances import stances
from app.generation.generators.targets import deadlines, levels
from app.generation.ideas import stance_objects
from app.generation.near_misses import distractor_uses, pick_phrases
from app.generation.phrasing import as_gerund, gerund
from app.generation.quality import problems
from app.generation.reader import read
from app.lessons.structure import KeyTerm

HARBOURS = """The Republic of Norland and the Kingdom of Sudmark,
Determined to keep the northern sea open to the ships of both peoples;
Agree as follows:
Harbours
The era in which Norland and Sudmark saw each other as rivals at sea has ended.
The parties will continue an intensive dialogue on the fishing quotas of the northern sea.
The parties reject the old model of closed harbours that can only increase the risk of conflict.
As co-wardens of the Northern Lighthouse Service, the parties stand ready to assist ships in \
distress.
As co-founders of the Harbour Pilots' Guild, the parties will train new pilots every year.
Acting as good neighbours, the parties will keep their harbours open at night.
As joint keepers of the Skarpnes Light, the parties will share its costs.
Safety
The parties have agreed to implement a number of steps aimed at improving safety at sea, \
including the exchange of charts of the coast, joint patrols of the straits, and reciprocal \
visits to harbour offices.
The parties have also agreed to study possible areas for cooperation at sea, including the \
joint dredging of the channel, and the exploration of a common tide table.
The parties call on all shipowners to carry lifeboats, train their crews, and report wrecks.
The parties will establish a Joint Harbour Board to be chaired by the Harbour Masters with the \
participation of other port officials.
The Joint Harbour Board will publish the fees of every harbour each spring.
The Grain Exchange of Lindau will publish a price list for fish.
The Baltic Sea Commission will count the seals every winter.
The parties will also continue their dialogue with the Arctic Council and the Nordic Council.
Trade
The parties believe that prosperity in the north demands respect for the freedom of the seas.
Success in the fish trade requires a common market for fish.
The parties will lower tariffs on herring and cod before January 1, 1960.
The parties will share the salt works of Kaldvik by the end of 1962.
The parties will support exchanges of sailors between the two navies.
Treaties
The parties proceed on the basis that the Treaty of Valbrek of March 3, 1950, remains in force.
The parties declare their intention to cut harbour fees to the lowest possible levels.
A major step in this direction is the conclusion of the Harbour Treaty.
The Prime Minister of Norland:
Mary K. Tregarthen
Lindau
June 5, 1955.
"""


def _harbours():
    document = parse_document(HARBOURS, "Harbours")
    return document, Context.build(document)


def _drafts(generator, ctx, document):
    return [d for s in document.sections for d in generator(ctx, s)]


def test_the_parties_are_read_from_the_text_and_we_becomes_the_parties(declaration):
    reading = read(declaration)
    assert reading.parties == "the United States and Russia"
    assert read(parse_document(HARBOURS, "Harbours")).parties == "the parties"
    kinds = {r.kind for r in reading.relations}
    assert {"firm", "tentative", "call", "role", "condition", "ended", "reject"} <= kinds


def test_agreed_steps_are_keyed_and_steps_only_to_study_are_the_distractors():
    document, ctx = _harbours()
    force = [d for d in _drafts(commitments, ctx, document) if d.generator == "commitment-force"]
    assert len(force) == 1
    question = force[0]
    assert question.answer == [
        "joint patrols of the straits",
        "reciprocal visits to harbour offices",
        "the exchange of charts of the coast",
    ]
    assert set(question.choices) - set(question.answer) == {
        "the joint dredging of the channel",
        "the exploration of a common tide table",
    }
    assert "rather than only agreed to study" in question.stem
    statements = [
        d
        for d in _drafts(commitments, ctx, document)
        if d.generator == "commitment-force-statement"
    ]
    truth = {
        re.search(r"Under the text, (.+?) is among", d.stem).group(1): d.answer for d in statements
    }
    assert truth["the joint dredging of the channel"] is True
    assert truth["the exchange of charts of the coast"] is False


def test_the_declarations_missile_defense_steps_implemented_versus_studied(context):
    section = context.document.sections[6]
    force = [d for d in commitments(context, section) if d.generator == "commitment-force"][0]
    assert "reciprocal visits to observe missile defense tests" in force.answer
    assert "the expansion of joint exercises related to missile defense" in force.choices
    assert "the expansion of joint exercises related to missile defense" not in force.answer
    assert not problems(force)


def test_whom_the_parties_call_on_and_what_they_call_on_them_to_do():
    document, ctx = _harbours()
    drafts = {d.generator: d for d in _drafts(commitments, ctx, document)}
    whom = drafts["commitment-call"]
    assert whom.answer == "all shipowners"
    assert whom.stem.startswith("According to the text, whom do the parties call on to carry")
    assert "train their crews" in whom.stem  # the shipowners' crews, not the parties'
    what = drafts["commitment-call-actions"]
    assert sorted(what.answer) == ["carry lifeboats", "report wrecks", "train their crews"]


def test_bodies_and_what_they_do(context):
    document, ctx = _harbours()
    drafts = _drafts(actors, ctx, document)
    keyed = {d.answer: d.stem for d in drafts}
    assert keyed["the Joint Harbour Board"].endswith(
        "which body will publish the fees of every harbour each spring?"
    )
    nrc = [d for d in action_lists(context, context.document.sections[2])]
    assert nrc and "take joint decisions" in nrc[0].answer
    assert "tighten border controls" in nrc[0].choices  # what others are called on to do


def test_purposes_conditions_and_aims():
    document, ctx = _harbours()
    drafts = _drafts(purposes, ctx, document)
    conditions = {d.answer: d.stem for d in drafts if d.generator == "purpose-condition"}
    assert (
        conditions["respect for the freedom of the seas"]
        == "According to the text, what does prosperity in the north demand?"
    )
    assert conditions["a common market for fish"].endswith(
        "what does success in the fish trade require?"
    )
    aims = [d for d in drafts if d.generator == "purpose-aim"]
    assert aims and aims[0].answer == "improving safety at sea"


def test_roles_capacities_and_chairs():
    document, ctx = _harbours()
    drafts = _drafts(roles, ctx, document)
    capacity = {d.answer: d for d in drafts if d.generator == "role-capacity"}
    wardens = capacity["as co-wardens of the Northern Lighthouse Service"]
    assert wardens.stem == (
        "According to the text, in what capacity do the parties stand ready to assist ships in "
        "distress?"
    )
    assert "as co-founders of the Harbour Pilots' Guild" in wardens.choices
    swaps = [d for d in drafts if d.generator == "role-swap"]
    assert swaps and all(d.answer is False for d in swaps)
    assert any("co-wardens of the Harbour Pilots' Guild" in d.stem for d in swaps)
    assert not [d for d in drafts if "share its costs" in d.stem]  # "its" went with the role


def test_the_chairs_of_a_body_against_other_officials(context):
    chair = [d for d in roles(context, context.document.sections[6]) if d.generator == "role-chair"]
    assert chair[0].answer == "Foreign Ministers and Defense Ministers"
    assert "other senior officials" not in chair[0].choices  # in the sentence: may be true


def test_claims_what_has_ended_what_is_rejected_and_what_remains_in_force():
    document, ctx = _harbours()
    drafts = {d.generator: d for d in _drafts(claims, ctx, document)}
    ended = drafts["claim-ended"]
    assert ended.stem == "According to the text, what has ended?"
    assert ended.answer.startswith("the era in which")
    assert "the intensive dialogue on the fishing quotas of the northern sea" in ended.choices
    rejected = drafts["claim-rejected"]
    assert rejected.answer == "the old model of closed harbours"
    reason = drafts["claim-reason-reversed"]
    assert "reduce the risk of conflict" in reason.stem and reason.answer is False
    in_force = drafts["claim-in-force-statement"]
    assert "the Harbour Treaty" in in_force.stem and "Treaty of Valbrek" in in_force.stem


def test_a_major_step_toward_the_goal_before_it(context):
    section = context.document.sections[6]
    step = [d for d in claims(context, section) if d.generator == "claim-major-step"][0]
    assert step.answer == "the conclusion of the Treaty on Strategic Offensive Reductions"
    assert step.stem.endswith(
        "toward carrying out strategic offensive reductions to the lowest possible levels?"
    )


def test_commitments_reversed_dated_and_measured(context):
    document, ctx = _harbours()
    reversed_ = {d.stem: d.answer for d in _drafts(reversed_commitments, ctx, document)}
    assert (
        "True or false: According to the text, the parties commit themselves to raising "
        "tariffs on herring and cod." in reversed_
    )
    dated = {d.stem: d.answer for d in _drafts(deadlines, ctx, document)}
    assert dated["According to the text, what will the parties do by the end of 1962?"] == (
        "share the salt works of Kaldvik"
    )
    level = [d for s in context.document.sections for d in levels(context, s)]
    assert level[0].answer == "the lowest possible levels"
    assert "lowest possible levels" in level[0].accepted


def test_manner_against_the_texts_other_manners(context):
    found = [d for d in manners(context, context.document.sections[1])]
    assert found[0].answer == "in a spirit of mutual respect"
    assert found[0].stem == (
        "According to the declaration, where the United States and Russia have differences, "
        "how will they work to resolve them?"
    )


def test_no_true_false_statement_copies_a_sentence_or_swaps_one_word(declaration, lessons):
    ctx = Context.build(declaration, lessons)
    sentences = [s.text.rstrip(".").split() for _, _, s in declaration.sentences()]
    for section in declaration.sections:
        for draft in section_drafts(ctx, section):
            if draft.type != "true_false":
                continue
            words = re.sub(r"^True or false: (?:According to [^,]+, )?", "", draft.stem)
            words = words.rstrip(".").split()
            for sentence in sentences:
                if len(sentence) == len(words):
                    differ = sum(a != b for a, b in zip(sentence, words, strict=True))
                    assert differ > 2, draft.stem


def test_no_layout_questions_and_no_drafts_without_a_fact(declaration, lessons):
    ctx = Context.build(declaration, lessons)
    for section in declaration.sections:
        for draft in section_drafts(ctx, section):
            assert "section" not in draft.stem.lower().replace("in the lesson on", "")
            assert draft.fact


def test_lesson_terms_definitions_as_keys_and_other_definitions_as_distractors(context):
    lesson = """## Learning objectives

- Explain what a harbour board does (paragraph 2).

## Key terms

- **Harbour board** — A body that sets the fees and rules of a port.
- **Pilot** — A sailor who steers ships into a harbour (paragraph 3).
- **Tariff** — A tax on goods brought into a country.
- **Quota** — A limit on how much may be caught or traded.
- **Dredging** — Digging out the bottom of a channel so that ships can pass.
- **Lighthouse** — A lighthouse is a tower with a light.

## Timeline

- 1950-03-03 — The Treaty of Valbrek signed (¶1)
- 1951-04-01 — The Joint Fisheries Board created *(beyond the text)*
- 1955-06-05 — The declaration signed (¶2)
- 1960 — Tariffs on grain lowered *(beyond the text)*
- 1962-05 — Salt works shared (¶3)
- 1965 — The lighthouse at Skarpnes restored *(beyond the text)*
"""
    document, _ = _harbours()
    ctx = Context.build(document, {"harbours": lesson})
    drafts = list(lesson_questions(ctx, document.sections[1]))
    terms = {d.stem: d for d in drafts if d.generator == "lesson-term"}
    pilot = terms["In the lesson on “Harbours”, what does “Pilot” mean?"]
    assert pilot.answer == "A sailor who steers ships into a harbour"  # no "(paragraph 3)"
    assert len(pilot.choices) == 4 and pilot.source_kind == "lesson"
    assert pilot.paragraph == 8  # the line of the lesson that defines it
    assert not [s for s in terms if "Lighthouse" in s]  # its definition names the term
    before = [d for d in drafts if d.generator == "lesson-before"]
    signed = next(d for d in before if "The declaration signed" in d.stem)
    assert signed.answer == "The Treaty of Valbrek signed"  # an event the text names, first
    assert "The Joint Fisheries Board created" not in signed.choices  # also before
    order = [d for d in drafts if d.generator == "lesson-order"][0]
    assert order.answer[0] == "The Treaty of Valbrek signed"
    assert definition_key(KeyTerm("Tariff", "Here, a tax on imports.", 1)) == "A tax on imports"


def test_phrase_helpers():
    assert gerund("ensure") == "ensuring"
    assert gerund("set") == "setting"
    assert gerund("tie") == "tying"
    assert gerund("strengthen") == "strengthening"
    assert as_gerund("to ensure the security of X") == "ensuring the security of X"
    assert pick_phrases("all countries", ["other nations", "the private sectors"], heads=True) == [
        "the private sectors"
    ]


def test_a_step_only_studied_is_asked_among_the_steps_the_parties_undertook():
    document, ctx = _harbours()
    drafts = _drafts(stances, ctx, document)
    studied = {d.answer: d for d in drafts if d.generator == "commitment-studied"}
    assert set(studied) == {
        "the joint dredging of the channel",
        "the exploration of a common tide table",
    }
    dredging = studied["the joint dredging of the channel"]
    # the near-misses are the steps of the same section the parties agreed to implement
    assert set(dredging.choices) - {dredging.answer} == {
        "the exchange of charts of the coast",
        "joint patrols of the straits",
        "reciprocal visits to harbour offices",
    }
    assert "study" in dredging.stem and not problems(dredging)
    # the "agreed to implement, rather than only study" question offers it as a distractor:
    # one fact, so that a quiz never serves the two together (nor the true/false on it)
    [agreed] = [d for d in _drafts(commitments, ctx, document) if d.generator == "commitment-force"]
    statements = [
        d
        for d in _drafts(commitments, ctx, document)
        if d.generator == "commitment-force-statement" and d.answer is True
    ]
    assert statements and {d.fact for d in statements} == {dredging.fact} == {agreed.fact}


def test_the_body_the_text_makes_the_principal_mechanism_is_asked_among_its_other_bodies():
    text = HARBOURS.replace(
        "The Joint Harbour Board will publish the fees of every harbour each spring.",
        "This board will be the principal mechanism through which the parties share charts, "
        "set fees, and discuss wrecks.",
    )
    document = parse_document(text, "Harbours")
    ctx = Context.build(document)
    [made] = [d for d in _drafts(stances, ctx, document) if d.generator == "role-mechanism"]
    assert made.answer == "the Joint Harbour Board"
    assert made.stem.endswith("principal mechanism through which the parties share charts?")
    assert len(made.choices) == 4 and not problems(made)


def test_no_phrase_is_offered_as_a_distractor_more_than_twice_while_fresh_ones_fit():
    document, ctx = _harbours()
    pool = ["the salt works", "the tide table", "the fish trade", "the seal count", "the charts"]
    with distractor_uses(ctx):
        offered = [pick_phrases(f"the key {n}", pool, 2, seed="same") for n in range(4)]
    counts = Counter(p for chosen in offered for p in chosen)
    assert max(counts.values()) <= 2 and len(counts) >= 4
    # outside a document's generation nothing is counted: the same pick every time
    assert pick_phrases("the key", pool, 2, seed="same") == pick_phrases(
        "the key", pool, 2, seed="same"
    )


def test_a_multiple_choice_stem_that_copies_its_sentence_is_a_cloze_and_refused():
    tail = "by the end of 1962 with the help of the fishermen and salt merchants of both kingdoms"
    cloze = Draft(
        type="multiple_choice",
        generator="term-choice",
        stem=f"According to the text, the parties will share the salt works of which place {tail}?",
        answer="Kaldvik",
        choices=["Kaldvik", "Lindau", "Eskby", "Tarnholm"],
        section_id="trade",
        paragraph=4,
        sentence=1,
        quote=f"The parties will share the salt works of Kaldvik {tail}.",
        explanation="",
    )
    assert any("cloze" in p for p in problems(cloze))
    cloze.stem = "Which place's salt works will the two parties share with their fishermen?"
    assert not any("cloze" in p for p in problems(cloze))


def test_a_phrase_cut_inside_a_list_of_adjectives_is_no_near_miss():
    text = HARBOURS.replace(
        "The parties will support exchanges of sailors between the two navies.",
        "The parties will support the islanders' efforts to turn Orrefors into a stable, "
        "prosperous harbour. The parties will support exchanges of sailors between the two navies.",
    )
    document = parse_document(text, "Harbours")
    phrases = stance_objects(Context.build(document))
    assert "exchanges of sailors between the two navies" in phrases
    assert not [p for p in phrases if p.endswith("into a stable")]
