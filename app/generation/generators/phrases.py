"""Questions on common-noun content: "what is X?" definitions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..distractors import stems_of, tiebreak
from ..draft import Context, Draft, explain
from ..rewrite import standalone, word_count
from ..terms import normalise
from ..wordlists import FUNCTION_WORDS

_COPULA = re.compile(
    r"^(?P<subject>(?:The|Our) [a-z][\w\s'’-]{3,60}?) (?P<verb>is|are) "
    r"(?P<complement>(?:the|a|an) [a-z][\w\s'’-]{3,60}?)\.$"
)


def definitions(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "What is the greatest strength of …?" from "The greatest strength of … is …"."""
    for paragraph in section.paragraphs:
        for sentence in paragraph.sentences:
            match = _COPULA.match(standalone(sentence.text, ctx.parties) or "")
            if not match or word_count(sentence.text) > 25:
                continue
            subject, complement = match.group("subject"), match.group("complement")
            subject = subject[0].lower() + subject[1:]
            complement = complement[0].lower() + complement[1:]
            short = re.sub(r"\s+of\s+.*$", "", complement)
            accepted = {
                short,
                re.sub(r"^(?:the|a|an)\s+", "", short),
                complement.replace("their ", "our "),
            }
            accepted.discard(complement)
            draft = Draft(
                type="short_answer",
                generator="claim-definition",
                stem=f"According to {ctx.name}, what {match.group('verb')} {subject}?",
                answer=complement,
                accepted=sorted(accepted),
                explanation=explain(ctx, section, paragraph.index, sentence.text),
                section_id=section.id,
                paragraph=paragraph.index,
                sentence=sentence.index,
                quote=sentence.text,
                keys=(normalise(short),),
                fact=f"def@{paragraph.index}.{sentence.index}",
                score=0.75,
                difficulty=0.6,
            )
            yield draft
            yield from definition_choices(ctx, draft, section)


_OF_PHRASE = re.compile(
    r"\bthe (?:[a-z-]+ ){0,2}[a-z-]+ of (?:the |their |our )?[a-z-]+(?: [a-z-]+){0,2}"
    r"(?=[,.;]|\s+(?:of|in|on|and|to|for|with|that|which|as|is|are)\b)"
)


def of_phrases(ctx: Context, exclude_section: str) -> list[str]:
    """ "the rule of law", "the freedom of economic choice": noun phrases from other sections."""

    def build() -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for section, _, sentence in ctx.document.sentences():
            for match in _OF_PHRASE.finditer(sentence.text):
                last = match.group().split()[-1]
                if last not in FUNCTION_WORDS and not last.endswith("ing"):
                    found.setdefault(match.group(), set()).add(section.id)
        return found

    phrases = ctx._cached("of_phrases", build)
    return sorted(p for p, sids in phrases.items() if sids != {exclude_section})


def _head_noun(phrase: str) -> str:
    """The noun before "of": "energy" in "the creative energy of their citizens"."""
    return phrase.split(" of ", 1)[0].split()[-1]


def definition_choices(ctx: Context, draft: Draft, section: Section) -> Iterator[Draft]:
    """The multiple-choice and false-statement forms of a definition question."""
    key_stems = stems_of(draft.answer) | stems_of(draft.stem)
    section_text = section.text.lower()
    pool = [
        p
        for p in of_phrases(ctx, section.id)
        if not stems_of(p) & key_stems
        and p.lower() not in section_text
        and not re.search(r"\b(?:this|these)\b", p)
    ]
    head_plural = _head_noun(draft.answer).endswith("s")
    pool = [p for p in pool if _head_noun(p).endswith("s") == head_plural]  # "is" or "are"
    possessive = [
        p.replace(" our ", " their ") for p in pool if re.search(r" of (?:our|their) ", p)
    ]
    if re.search(r" of (?:our|their) ", draft.answer):
        pool = possessive  # "the full potential of their economic interaction", nothing absurd
    width = len(draft.answer.split())
    pool.sort(key=lambda p: (abs(len(p.split()) - width), tiebreak(draft.fact, p)))
    if not pool:
        return
    common = dict(
        section_id=draft.section_id,
        paragraph=draft.paragraph,
        sentence=draft.sentence,
        quote=draft.quote,
        keys=draft.keys,
    )
    if len(pool) >= 3:
        choices = sorted([draft.answer, *pool[:3]], key=lambda c: c.lower().removeprefix("the "))
        yield Draft(
            type="multiple_choice",
            generator="claim-definition-choice",
            stem=draft.stem,
            answer=draft.answer,
            choices=choices,
            explanation=draft.explanation,
            fact=draft.fact,
            score=0.7,
            difficulty=0.4,
            **common,
        )
    subject = draft.stem.split(" what ", 1)[1].rstrip("?")
    verb, _, subject = subject.partition(" ")
    statement = f"{subject[0].upper()}{subject[1:]} {verb}"
    yield Draft(
        type="true_false",
        generator="definition-statement",
        stem=f"True or false: {statement} {draft.answer}.",
        answer=True,
        explanation=f"True. {draft.explanation}",
        fact=f"tf@{draft.paragraph}.{draft.sentence}",
        score=0.7,
        difficulty=0.3,
        **common,
    )
    yield Draft(
        type="true_false",
        generator="definition-swap",
        stem=f"True or false: {statement} {pool[0]}.",
        answer=False,
        explanation=f"False: the text says {draft.answer}. {draft.explanation}",
        fact=f"tf@{draft.paragraph}.{draft.sentence}#swap",
        score=0.7,
        difficulty=0.45,
        id_basis="swap",
        **common,
    )
