"""Recognition: which of these documents, bodies or places does a section name?"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator

from ...corpus import Section
from ..distractors import related, stems_of
from ..draft import Context, Draft
from ..terms import Term, normalise

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
    # each part reads alone (a quiz may serve one without the other): no "also"
    verb = ("does the section “{}” name", "does the section “{}” mention")[part] if part < 2 else ""
    stem = (
        f"Which of these {noun} {verb.format(section.title)}? "
        if verb
        else f"Which of these {noun} are named in the section “{section.title}”? "
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


MATCH_PAIRS = 4


def _named_in(ctx: Context, text: str) -> set[str]:
    """Ids of the sections whose words hold most of ``text``'s words (named in other words too)."""

    def build():
        index: dict[str, set[str]] = {}
        for section in ctx.document.sections:
            for stem in stems_of(section.text):
                index.setdefault(stem, set()).add(section.id)
        return index

    index = ctx._cached("stem_sections", build)
    stems = stems_of(text)
    if not stems:  # "the G-8": no content word long enough to stem
        needle = normalise(text)
        return {s.id for s in ctx.document.sections if needle in normalise(s.text)}
    counts = Counter(sid for stem in stems for sid in index.get(stem, ()))
    return {sid for sid, n in counts.items() if n * 10 >= 7 * len(stems)}


def _candidates(ctx: Context, section: Section) -> list[tuple[str, tuple[str, int, int]]]:
    """(text, where) of this section's key terms, then list items, named in no other section."""
    cache = ctx._cached("match_candidates", dict)
    if section.id in cache:
        return cache[section.id]
    terms = [(t.display, m.where) for t, m in ctx.mentions_in(section.id)]
    items = [(i, tl.where) for tl in ctx.lists_in(section.id) for i in tl.items]
    seen: set[str] = set()
    ranked = []
    for rank, group in enumerate((terms, items)):  # names first; list items only where needed
        for text, where in group:
            if text not in seen and _named_in(ctx, text) == {section.id}:
                seen.add(text)
                digest = hashlib.sha256(f"{section.id}|{text}".encode()).hexdigest()
                ranked.append((rank, digest, text, where))
    cache[section.id] = [(text, where) for _, _, text, where in sorted(ranked)]
    return cache[section.id]


def section_matching(ctx: Context, section: Section) -> Iterator[Draft]:
    """Match terms with the one section that names each: one of this section's and others'."""
    if section.kind == "closing":
        return
    own = _candidates(ctx, section)
    if not own:
        return
    others = sorted(
        (s for s in ctx.document.sections if s.kind != "closing" and s.id != section.id),
        key=lambda s: hashlib.sha256(f"{section.id}|{s.id}".encode()).hexdigest(),
    )
    chosen: list[tuple[str, Section]] = [(own[0][0], section)]
    sections = [s for s in ctx.document.sections if s.kind != "closing"]
    used = ctx._cached("matched_pairs", Counter)  # pairs asked by earlier sections' questions
    used[(own[0][0], section.id)] += 1
    for other in others:
        theirs = [text for text, _ in _candidates(ctx, other)]
        names = {t.display for t, _ in ctx.mentions_in(other.id)}
        # each section asks for another term of ``other``: no pair in every matching question;
        # the least used first, names before list items
        turn = [s for s in sections if s.id != other.id].index(section) % max(1, len(theirs))
        rotated = theirs[turn:] + theirs[:turn]
        for text in sorted(rotated, key=lambda t: (used[(t, other.id)], t not in names)):
            if not any(related(text, t) for t, _ in chosen):
                chosen.append((text, other))
                used[(text, other.id)] += 1
                break
        if len(chosen) == MATCH_PAIRS:
            break
    if len(chosen) < 3:
        return
    where = own[0][1]
    pairs = sorted(([t, s.title] for t, s in chosen), key=lambda p: p[0].lower())
    lines = "; ".join(f"{t}: section {s.order}, “{s.title}”" for t, s in chosen)
    yield Draft(
        type="matching",
        generator="section-match",
        stem=f"Match each term with the section of {ctx.name} that names it.",
        answer=pairs,
        explanation=f"Each term is named in one section only. {lines}.",
        section_id=section.id,
        paragraph=where[1],
        sentence=where[2],
        quote=ctx.sentence_text(*where),
        keys=tuple(normalise(t) for t, _ in chosen),
        fact=f"section-match@{section.id}",
        score=0.8,
        difficulty=0.6,
    )
