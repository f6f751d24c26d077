"""Recognition: which of these documents, bodies or places does a section name?"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from ...corpus import Section
from ..distractors import related, stems_of
from ..draft import Context, Draft
from ..terms import Term

NOUNS = {"agreement": "documents", "organisation": "organizations", "place": "places"}
MAX_KEYS = 5


def _order(seed: str, terms: list[Term]) -> list[Term]:
    return sorted(terms, key=lambda t: hashlib.sha256(f"{seed}|{t.norm}".encode()).hexdigest())


def inventory(ctx: Context, section: Section) -> Iterator[Draft]:
    """A select-all question per kind: the section's terms among terms named elsewhere."""
    if section.kind == "closing":
        return
    for kind, noun in NOUNS.items():
        terms = [t for t in ctx.terms.key_terms() if t.kind == kind]
        sections = ctx.term_sections()
        here = [t for t in terms if section.id in sections[t.norm]]
        section_words = stems_of(section.text)
        elsewhere = [
            t
            for t in terms
            if t not in here
            and not any(related(t.text, h.text) for h in here)
            # "the Joint Statement on a New Relationship ..." may be named in other words
            and len(stems_of(t.text) & section_words) * 10 < 7 * len(stems_of(t.text))
        ]
        if len(here) < 2 or len(elsewhere) < 2:
            continue
        ordered = _order(section.id, here)
        for n in range(0, min(len(ordered), 3 * MAX_KEYS), MAX_KEYS):
            keys = ordered[n : n + MAX_KEYS]
            if len(keys) < 2:
                break
            yield _inventory_draft(ctx, section, kind, noun, keys, elsewhere, n // MAX_KEYS)


def _inventory_draft(ctx, section, kind, noun, keys, elsewhere, part) -> Draft:
    """One select-all question: these ``keys`` among terms named elsewhere."""
    distractors: list[Term] = []
    for term in _order(f"{section.id}|{part}", elsewhere):
        if len(distractors) < max(2, 7 - len(keys)) and not any(
            related(term.text, d.text) for d in distractors
        ):
            distractors.append(term)
    also = "also " if part else ""
    stem = (
        f"Which of these {noun} are named in the section “{section.title}”? "
        if part == 2
        else f"Which of these {noun} does the section “{section.title}” {also}name? "
    )
    first = next(m for t, m in ctx.mentions_in(section.id) if any(t is k for k in keys))
    quote = ctx.sentence_text(*first.where)
    answer = sorted((t.display for t in keys), key=lambda c: c.lower().removeprefix("the "))
    choices = sorted(
        answer + [t.display for t in distractors], key=lambda c: c.lower().removeprefix("the ")
    )
    return Draft(
        type="multiple_response",
        generator="section-inventory",
        stem=stem + "(Choose all that apply.)",
        answer=answer,
        choices=choices,
        explanation=f"Section {section.order}, “{section.title}”, names {', '.join(answer)}; "
        f"the others are named elsewhere in {ctx.name} or not at all.",
        section_id=section.id,
        paragraph=first.paragraph,
        sentence=first.sentence,
        quote=quote,
        keys=tuple(t.norm for t in keys),
        fact=f"inventory@{kind}#{part}",
        score=0.85,
        difficulty=0.45,
    )
