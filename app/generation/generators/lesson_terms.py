"""What a lesson's key terms mean: the definition as the key, other terms' definitions of the
same kind as the distractors."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ...lessons.structure import KeyTerm
from ..distractors import stems_of, tiebreak
from ..draft import Context, Draft, normalise_fact

MAX_DEFINITION_WORDS = 40


PARAGRAPH_NOTE = re.compile(r"\s*\((?:see )?(?:¶|paragraphs?\s)[^)]*\)", re.I)


_KINDS = (  # what a definition says its term is, from the words it opens with
    (
        "document",
        r"treaty|amendment|convention|document|agreement|statement|declaration|"
        r"resolution|charter|list|section",
    ),
    (
        "body",
        r"group|organization|organisation|body|bodies|council|alliance|union|commission|"
        r"department|agency|ministry|forum|process|programs?",
    ),
    ("place", r"region|country|city|sea|area|territory"),
    ("person", r"person|president|minister|leader|official"),
)


def definition_key(term: KeyTerm) -> str | None:
    """The definition as an option: its first sentence, without remarks on the text's
    paragraphs; None when it names the term itself (the term would give it away)."""
    first = re.split(r"(?<=[a-z)”\"])\.\s+(?=[A-Z])", term.definition.strip())[0].rstrip(".")
    first = PARAGRAPH_NOTE.sub("", first)  # "(paragraph 4)": where, not what
    first = re.sub(r"^Here,\s+(\w)", lambda m: m.group(1).upper(), first)
    if len(first.split()) > MAX_DEFINITION_WORDS or len(first.split()) < 3:
        return None
    term_text = re.sub(r"\s*\(.*?\)", "", term.term)
    if stems_of(term_text) & stems_of(first) or term_text.lower() in first.lower():
        return None
    if _roots(term_text) & _roots(first):
        return None  # "Verification": "checking that a party does what it …" explains itself
    return first


def _roots(text: str) -> set[str]:
    """Four-letter roots of the longer words: "verification" ~ "verify", "warning" ~ "warned"."""
    return {w.lower()[:4] for w in re.findall(r"[A-Za-z]{5,}", text)} - _COMMON_ROOTS


_COMMON_ROOTS = {"with", "that", "whic", "thei", "from", "othe", "agre", "stat", "unit", "part"}


def kind_of(definition: str) -> str:
    """ "document", "body", "place", "person" or "idea": what a definition defines."""
    words = definition.lower().split()
    opening = " ".join(words[1:4] if words[0] in {"a", "an", "the"} else words[:3])
    for kind, words in _KINDS:
        if re.search(rf"\b(?:{words})\b", opening):
            return kind
    return "idea"


def _proper(term: str) -> bool:
    """A name (an organisation, a treaty, a place) rather than a concept."""
    return any(w[:1].isupper() for w in term.split()[1:]) or bool(re.search(r"[A-Z]{2}|\d", term))


def _all_terms(ctx: Context) -> list[tuple[str, KeyTerm]]:
    return [(sid, t) for sid, lesson in ctx.lessons.items() for t in lesson.key_terms]


def term_meanings(ctx: Context, section: Section) -> Iterator[Draft]:
    """ "What does X mean?": a key term's definition among other terms' definitions."""
    lesson = ctx.lessons[section.id]
    everything = _all_terms(ctx)
    for term in lesson.key_terms:
        key = definition_key(term)
        if key is None:
            continue
        proper = _proper(term.term)
        pool = []
        for sid, other in everything:
            if other.term.lower() == term.term.lower():
                continue
            text = definition_key(other)
            if text is None or text == key:
                continue
            same_kind = _proper(other.term) == proper and kind_of(text) == kind_of(key)
            here = sid == section.id
            gap = abs(len(text) - len(key)) / max(len(key), 1)
            pool.append(
                (not same_kind, not here, round(min(gap, 2), 1), tiebreak(term.term, text), text)
            )
        pool.sort()
        distractors = []
        for *_, text in pool:
            if text not in distractors:
                distractors.append(text)
            if len(distractors) == 3:
                break
        if len(distractors) < 3:
            continue
        # rated: other terms' definitions of another kind ("plural of forum" as a meaning of
        # cooperative threat reduction) are absurd; such a draft stays a candidate (its review
        # and edits are kept by id) but is never chosen
        kinds = {kind_of(d) for d in distractors} | {kind_of(key)}
        flaws = (
            ()
            if len(kinds) == 1
            and all(
                _proper(o.term) == proper for _, o in everything if definition_key(o) in distractors
            )
            else ("distractors of another kind than the key (other terms' definitions)",)
        )
        choices = sorted([key, *distractors], key=lambda c: tiebreak(term.term, c))
        yield Draft(
            type="multiple_choice",
            generator="lesson-term",
            stem=f"In the lesson on “{section.title}”, what does “{term.term}” mean?",
            answer=key,
            choices=choices,
            section_id=section.id,
            paragraph=term.line,
            sentence=0,
            quote=f"{term.term} — {term.definition}",
            explanation=f"The lesson's key terms define {term.term}: “{term.definition}”",
            keys=(term.term.lower(),),
            fact=f"term:{term.term}",
            id_basis=f"term:{normalise_fact(term.term)}",
            flaws=flaws,
            score=0.8,
            difficulty=0.4,
            source_kind="lesson",
        )
