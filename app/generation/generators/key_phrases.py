"""Questions on a sentence's closing noun phrase: "… expand efforts to reduce what?"."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ...corpus import Section
from ..distractors import negative, related, stems_of, tiebreak
from ..draft import Context, Draft, explain
from ..rewrite import as_question, refers_back, standalone, word_count
from ..terms import normalise
from ..wordlists import COMMON_VERBS, FUNCTION_WORDS, NUMBER_WORDS

_CLAUSE_END = re.compile(r"[^,;:.]+(?=[,;:.]|$)")
MAX_WORDS = 45
_GENERIC = set(
    """century centuries year years countries country sides side way ways part time times world
    people peoples area areas terms basis level levels""".split()
)


def _phrase_at_end(clause: str) -> str:
    """The last two to four content words of ``clause`` ("weapons-usable fissile material")."""
    words = clause.split()
    taken: list[str] = []
    for word in reversed(words):
        lower = word.lower()
        if (
            lower in FUNCTION_WORDS
            or lower in COMMON_VERBS
            or lower.endswith(("ly", "ing", "ed"))
            or not re.fullmatch(r"[a-z][a-z-]*", word)
            or len(taken) == 4
        ):
            break
        taken.insert(0, word)
    if len(taken) < 2 or taken[-1].lower() in _GENERIC or taken[0].lower() in NUMBER_WORDS:
        return ""  # "the twenty-first century", "two countries": nothing worth asking
    return " ".join(taken)


def _candidates(ctx: Context) -> dict[tuple, list[tuple[str, int]]]:
    """Sentence -> (phrase, offset) for technical phrases closing a clause, counted once."""

    def build():
        found: dict[tuple, list[tuple[str, int]]] = {}
        counts: Counter = Counter()
        for section, paragraph, sentence in ctx.document.sentences():
            where = (section.id, paragraph.index, sentence.index)
            for match in _CLAUSE_END.finditer(sentence.text):
                phrase = _phrase_at_end(match.group())
                if phrase:
                    offset = match.end() - len(phrase)
                    found.setdefault(where, []).append((phrase, offset))
                    counts[phrase] += 1
        for where, phrases in found.items():
            found[where] = [
                (p, o) for p, o in phrases if "-" in p or counts[p] > 1 or len(p.split()) >= 3
            ]
        return found

    return ctx._cached("key_phrases", build)


def _phrase_sections(ctx: Context) -> dict[str, set[str]]:
    """Each distinct phrase and the sections it closes a clause in (sorted by phrase)."""

    def build():
        found: dict[str, set[str]] = {}
        for where, phrases in _candidates(ctx).items():
            for phrase, _ in phrases:
                found.setdefault(phrase, set()).add(where[0])
        return dict(sorted(found.items()))

    return ctx._cached("phrase_sections", build)


def key_phrases(ctx: Context, section: Section) -> Iterator[Draft]:
    """A short answer (and a choice when distractors exist) for each technical phrase."""
    candidates = _candidates(ctx)
    pool = [p for p, sids in _phrase_sections(ctx).items() if sids != {section.id}]
    for paragraph in section.paragraphs:
        for sentence in paragraph.sentences:
            where = (section.id, paragraph.index, sentence.index)
            if ctx.lists_at(where) or section.kind == "closing":
                continue
            for phrase, offset in candidates.get(where, []):
                yield from _questions(ctx, section, where, sentence.text, phrase, offset, pool)


def _questions(ctx, section, where, text, phrase, offset, pool) -> Iterator[Draft]:
    if re.search(r"\b(?:and|or|nor)\s*$", text[:offset]):
        return  # "nuclear reactor and what?": half of a pair
    before = re.sub(r"\b(?:the|a|an|their|our)\s*$", "", text[:offset])
    rest = text[offset + len(phrase) :]
    rest = "" if re.match(r"^\s*[,;]", rest) else rest
    question = standalone(before + "\x00" + rest, ctx.parties)
    if not question or refers_back(question) or normalise(phrase) in normalise(question):
        return
    first, _, others = question.partition(" ")
    if first not in ctx.proper_words and not first.isupper():
        first = first.lower()
    stem = as_question(f"According to {ctx.name}, {first} {others}".replace("\x00", "what"))
    stem = re.sub(r"\s+what\?$", " what?", stem)
    context = word_count(stem) - word_count(f"According to {ctx.name},")
    if word_count(stem) > MAX_WORDS or "what " in stem.replace(" what?", "") or context < 9:
        return  # "the two sides are achieving what?" has too many answers
    base = dict(
        section_id=section.id,
        paragraph=where[1],
        sentence=where[2],
        quote=text,
        keys=(normalise(phrase),),
        fact=f"phrase@{where}#{normalise(phrase)}",
    )
    explanation = explain(ctx, section, where[1], text, f"The answer is {phrase}.")
    short = " ".join(phrase.split()[-2:])
    yield Draft(
        type="short_answer",
        generator="key-phrase",
        stem=stem,
        answer=phrase,
        accepted=sorted({short, phrase.replace("-", " ")} - {phrase}),
        explanation=explanation,
        score=0.65,
        difficulty=0.65,
        **base,
    )
    width = len(phrase.split())
    options = [
        p
        for p in pool
        if abs(len(p.split()) - width) <= 1
        and not stems_of(p) & stems_of(phrase)
        and not related(p, phrase)
        and negative(p) == negative(phrase)
        and p.lower() not in section.text.lower()
    ]
    options.sort(key=lambda p: tiebreak(phrase, p))
    chosen: list[str] = []
    for option in options:
        if not any(stems_of(option) & stems_of(c) for c in chosen):
            chosen.append(option)
        if len(chosen) == 3:
            break
    if len(chosen) == 3:
        choices = sorted([phrase, *chosen])
        yield Draft(
            type="multiple_choice",
            generator="key-phrase-choice",
            stem=stem,
            answer=phrase,
            choices=choices,
            explanation=explanation,
            score=0.6,
            difficulty=0.45,
            **base,
        )
