"""Short-answer and multiple-choice questions whose answer is a key term of a sentence."""

from __future__ import annotations

from collections.abc import Iterator

from ...corpus import Section
from ..distractors import pick, subtype
from ..draft import Context, Draft, explain
from ..ideas import key_fact
from ..kinds import copied_run
from ..lists import TextList
from ..periphery import peripheral
from ..stems import feature_noun, term_stem
from ..terms import Mention, Term
from ..variants import answer_variants

# words of its sentence in a row a recall stem may carry: more is a cloze of the sentence
MAX_RECALL_COPY = 7
KIND_WEIGHT = {"date": 1.0, "person": 1.0, "agreement": 0.95, "organisation": 0.9, "place": 0.85}


def in_list(ctx: Context, mention: Mention) -> TextList | None:
    """The list of three or more items that holds ``mention``, if any."""
    by_where = ctx.__dict__.setdefault("_lists_by_where", {})
    if not by_where:
        for text_list in ctx.lists:
            by_where.setdefault(text_list.where, []).append(text_list)
        by_where[None] = []
    for text_list in by_where.get(mention.where, []):
        if text_list.start <= mention.start < text_list.end:
            return text_list
    return None


def _mentions(ctx: Context, section: Section) -> Iterator[tuple[Term, Mention]]:
    for term, mention in sorted(ctx.mentions_in(section.id), key=lambda tm: tm[0].kind):
        if not in_list(ctx, mention):
            yield term, mention


def _passing(ctx: Context, section: Section, term: Term, mention: Mention) -> bool:
    """A name or date the text gives in passing: in a clause set off from the main one, or a
    place in a body section (where talks or meetings are held: a detail, rule 10); the
    closing's place of signing stays."""
    if term.kind == "place" and section.kind == "body":
        return True
    return peripheral(ctx.sentence_text(*mention.where), mention.start)


def term_questions(ctx: Context, section: Section) -> Iterator[Draft]:
    """A short-answer and a multiple-choice question for each key-term mention."""
    for term, mention in _mentions(ctx, section):
        first = term_stem(ctx, section, term, mention)
        if not first:
            continue
        distractors = pick(ctx, term, first, mention.where)
        # "which river" only over rivers: a sea among the options asks "which place"
        specific = all(
            subtype(d) == subtype(term) and feature_noun(d.text) == feature_noun(term.text)
            for d in distractors
        )
        stem = first if specific else term_stem(ctx, section, term, mention, specific=False)
        if not stem:
            continue
        quote = ctx.sentence_text(*mention.where)
        # still candidates (an instructor's edit is kept by id), never chosen as they are
        flaws = ()
        if _passing(ctx, section, term, mention):
            flaws = ("a detail the sentence gives in passing (rule 10)",)
        elif copied_run(first, quote) > MAX_RECALL_COPY:
            flaws = ("the sentence with a blank: any reader fills it (rule 7)",)
        base = dict(
            section_id=section.id,
            paragraph=mention.paragraph,
            sentence=mention.sentence,
            quote=quote,
            keys=(term.norm,),
            fact=key_fact(mention.where, term.norm),
            flaws=flaws,
        )
        weight = KIND_WEIGHT[term.kind] - (0.1 if stem.startswith("According") else 0)
        answer = term.display
        yield Draft(
            type="short_answer",
            generator="term-recall",
            stem=first,  # no options to match: "which river" whatever the near-misses are
            answer=answer,
            accepted=answer_variants(answer),
            explanation=explain(ctx, section, mention.paragraph, quote, f"The answer is {answer}."),
            score=weight,
            difficulty=0.55 + 0.05 * min(len(answer.split()), 4),
            **base,
        )
        same_kind = sum(subtype(d) == subtype(term) for d in distractors)
        if len(distractors) < 3 or term.kind in {"organisation", "agreement"} and same_kind < 2:
            continue  # "accession to the Department of Commerce" would be absurd
        choices = [answer] + [d.display for d in distractors]
        choices.sort(key=lambda c: (c.lower().removeprefix("the "), c))
        if term.kind == "date":
            choices.sort(
                key=lambda c: next(t.value for t in [term, *distractors] if t.display == c)
            )
        yield Draft(
            type="multiple_choice",
            generator="term-choice",
            stem=stem,
            answer=answer,
            choices=choices,
            explanation=explain(ctx, section, mention.paragraph, quote, f"The answer is {answer}."),
            score=weight + 0.05,
            difficulty=0.35 + (0.1 if term.kind == "date" else 0.0),
            **base,
        )
