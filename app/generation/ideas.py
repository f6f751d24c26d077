"""Shared parts of the idea generators: the reading, facts, drafts and the text's own pools."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .clauses import POOL_LIMIT, Clause, Reading
from .distractors import tiebreak
from .draft import Context, Draft, explain
from .near_misses import options
from .phrasing import third_person
from .reader import read
from .terms import normalise

MAX_STEM_WORDS = 55


def key_fact(where: tuple[str, int, int], key: str) -> str:
    """The fact of a question whose answer is ``key`` in the sentence at ``where``: every
    generator that asks for that key there tests the same fact."""
    sid, paragraph, sentence = where
    return f"{sid}@{paragraph}.{sentence}:{normalise(key)}"


_STANCE = re.compile(
    r"(?:\x00|will|to) (?:also )?(?:support|promote|respect|welcome|recognize|encourage|continue) "
    r"(?P<np>(?!to |for )(?:the |a |an |their )?[a-z][^,.;]+?)"
    r"(?=,| and (?:respect|welcome|support|expand|broaden|intensify)\b|\.|;| while | based |$)"
)


_CUT_IN_A_LIST = re.compile(r"\b(?:a|an|the|into|to|of|and|or)\s+[a-z]+$")


def stance_objects(ctx: Context) -> list[str]:
    """What the parties support, promote, respect or continue: near-misses for what they
    reject, for what has ended, and for conditions when the text names few."""

    def build():
        found = []
        for clause in reading(ctx).clauses:
            if len(found) >= POOL_LIMIT:
                break
            for match in _STANCE.finditer(clause.text):
                if _CUT_IN_A_LIST.search(match.group("np")) and clause.text[
                    match.end("np") :
                ].startswith(","):
                    continue  # "… into a stable" cut from "into a stable, viable nation"
                phrase = render(ctx, match.group("np"))
                if 2 <= len(phrase.split()) <= 12 and not re.search(
                    r"\b(?:this|these|those)\b", phrase
                ):
                    found.append(phrase)
        return found

    return cached(ctx, "stances", build)


def truth_for(fact: str) -> bool:
    """Whether a statement on ``fact`` is asked in its true or its false form: fixed by the
    fact (deterministic), about half of each over a bank."""
    return int(tiebreak("truth", fact)[:2], 16) % 2 == 0


def reading(ctx: Context) -> Reading:
    """The document's clauses and relations, read once per context."""
    return ctx._cached("reading", lambda: read(ctx.document))


def render(ctx: Context, text: str) -> str:
    """A normalised phrase for a stem or an option: the parties and "their" written out."""
    return third_person(text, reading(ctx).parties).strip()


def draft(
    ctx: Context,
    clause: Clause,
    kind: str,
    generator: str,
    stem: str,
    answer,
    fact: str,
    lead: str,
    **extra,
) -> Draft | None:
    """A draft from ``clause``; None when the stem is too long to read as one question."""
    stem = re.sub(r"\s+", " ", stem).strip()
    stem = re.sub(r"\s+([,?.])", r"\1", stem)
    if len(stem.split()) > MAX_STEM_WORDS:
        return None
    section = ctx.section(clause.section_id)
    return Draft(
        type=kind,
        generator=generator,
        stem=stem,
        answer=answer,
        section_id=clause.section_id,
        paragraph=clause.paragraph,
        sentence=clause.sentence,
        quote=clause.quote,
        explanation=explain(ctx, section, clause.paragraph, clause.quote, lead),
        fact=fact,
        **extra,
    )


def choice_question(
    ctx: Context,
    clause: Clause,
    generator: str,
    stem: str,
    key: str,
    distractors: list[str],
    fact: str,
    lead: str,
    *,
    keys: tuple[str, ...] | None = None,
    **extra,
) -> Iterator[Draft]:
    """A multiple-choice draft, ``key`` among ``distractors``; none when the stem is too long."""
    made = draft(
        ctx,
        clause,
        "multiple_choice",
        generator,
        stem,
        key,
        fact,
        lead,
        choices=options(key, distractors, fact),
        keys=(key,) if keys is None else keys,
        **extra,
    )
    if made:
        yield made


def select_all_question(
    ctx: Context,
    clause: Clause,
    generator: str,
    stem: str,
    keys: list[str],
    distractors: list[str],
    fact: str,
    lead: str,
    *,
    seed: str | None = None,
    **extra,
) -> Iterator[Draft]:
    """A multiple-response draft: every one of ``keys`` among ``distractors`` (their order fixed by
    ``seed``, the fact by default); nothing when the stem is too long."""
    made = draft(
        ctx,
        clause,
        "multiple_response",
        generator,
        stem,
        sorted(keys),
        fact,
        lead,
        choices=options(keys, distractors, fact if seed is None else seed),
        keys=tuple(keys),
        **extra,
    )
    if made:
        yield made


def previous_clause(ctx: Context, clause: Clause) -> Clause | None:
    """The sentence before ``clause`` in its section."""
    return reading(ctx).before(clause)


def cached(ctx: Context, name: str, build) -> list:
    """A pool of distractor candidates built once per document and bounded in size."""
    return ctx._cached(name, lambda: list(dict.fromkeys(build()))[:POOL_LIMIT])


def organisations(ctx: Context) -> list:
    """The text's named bodies (terms), a bounded number."""
    return ctx._cached(
        "organisations",
        lambda: [t for t in ctx.terms.key_terms() if t.kind == "organisation"][:POOL_LIMIT],
    )


_BACK = re.compile(r"\b(?:this|these|those) (threat|threats|efforts|regions?|weapons)\b")


def resolve_back(ctx: Context, clause: Clause, text: str) -> str | None:
    """``text`` with "this threat", "these efforts", "those regions" replaced by what the
    sentence before names; None when that sentence does not say."""
    match = _BACK.search(text)
    if not match:
        return text
    before = previous_clause(ctx, clause)
    if before is None:
        return None
    noun = match.group(1)
    earlier = before.text
    found = None
    if noun.startswith("threat"):
        hit = re.search(
            r"(?:that |^)([a-z][a-z -]+?) (?:poses?|represents?) an? (?:[a-z-]+ )?threat", earlier
        )
        found = hit.group(1) if hit else None
    elif noun.startswith("region"):
        hit = re.match(r"^In ([A-Z][\w ]+?(?: and (?:the )?[A-Z][\w ]+?)?),", earlier)
        found = hit.group(1) if hit else None
    elif noun == "efforts":
        hit = re.findall(r"\bto ((?:resolving|[a-z]+ing) [^,.;]+)", earlier)
        found = f"efforts toward {hit[-1]}" if hit else None
    if not found:
        return None
    replacement = found if noun != "efforts" else found
    return text[: match.start()] + replacement + text[match.end() :]
