"""Accepted answers that need the document: a phrase's head, a name's distinctive part.

Grading derives what it can from the key alone (app.questions.answers). What only the whole
document can tell is decided here, at generation time, and written into the question's
``accepted`` list:

- the head of a phrase when no other term of the document has another kind of it:
  "terrorism" for "international terrorism", but not "weapons" for "chemical weapons" when the
  text also speaks of "nuclear weapons";
- the proper part of a place phrase when nothing else is named after it: "Caspian" for "the
  Caspian region", not when the text also names "the Caspian Sea";
- the short name of an eponymous law or body that the texts use without its head:
  "Jackson-Vanik" for "the Jackson-Vanik Amendment" (when a text says "Jackson-Vanik
  provisions"), never a name made of countries or organisations ("NATO-Russia").

General rules over word lists and capitalisation; nothing here knows any one document.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from ..questions import QuestionContent, grade_short_answer
from .draft import Context, Draft
from .wordlists import (
    AGREEMENT_HEADS,
    COMMON_VERBS,
    COUNTRIES,
    COUNTRY_ABBREVIATIONS,
    FUNCTION_WORDS,
    ORGANISATION_HEADS,
    PLACE_NOUNS,
    REGIONS,
)

NAME_HEADS = AGREEMENT_HEADS | ORGANISATION_HEADS | {"Plan", "Doctrine", "Process", "Program"}
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
_BREAKS = re.compile(r"[,;:.!?()\[\]“”\"—–]")
MIN_HEAD_LETTERS = 5  # "arms" or "aid" alone says too little to stand for a phrase
_PLACES = {w for name in COUNTRIES | REGIONS for w in name.split()}
# Heads too vague to stand for their phrase: "material" does not answer "fissile material".
VAGUE_HEADS = set(
    """material materials issue issues matter matters question questions area areas field fields
    step steps measure measures effort efforts way ways level levels part parts kind kinds
    problem problems aspect aspects activity activities means basis terms thing things process
    sphere spheres""".split()
)


def text_terms(texts: Iterable[str]) -> list[str]:
    """The runs of content words of ``texts``: between punctuation, function words and verbs.

    "the global struggle against international terrorism" → "global struggle", "international
    terrorism". These are the terms a student could mean; derive_accepted compares with them.
    """
    terms: list[str] = []
    for text in texts:
        for clause in _BREAKS.split(text):
            run: list[str] = []
            for word in [*_TOKEN.findall(clause), ""]:
                lower = word.lower()
                if not word or lower in FUNCTION_WORDS or lower in COMMON_VERBS:
                    if run:
                        terms.append(" ".join(run))
                    run = []
                else:
                    run.append(word)
    return terms


Words = tuple[str, ...]


def _words(text: str) -> Words:
    words = tuple(_TOKEN.findall(text))
    return words[1:] if words and words[0].lower() == "the" and len(words) > 1 else words


class TermSet:
    """Terms split into words once and indexed by every word they hold (lower case), so that
    each answer is compared with the few terms that share a word with it, not with all."""

    def __init__(self, terms: Iterable[str]):
        self._by_word: dict[str, list[Words]] = defaultdict(list)
        for words in {_words(t) for t in terms}:
            for word in {w.lower() for w in words}:
                self._by_word[word].append(words)

    def having(self, word: str, other_than: Words) -> list[Words]:
        """The terms holding ``word``, except ``other_than`` itself."""
        return [t for t in self._by_word.get(word.lower(), []) if t != other_than]


def _is_place_word(word: str) -> bool:
    """A country or region, its abbreviation, or its adjective ("Russian", "American")."""
    if word in _PLACES or word in COUNTRY_ABBREVIATIONS or word.isupper():
        return True  # an acronym names an organisation: "NATO-Russia" is no eponym
    return any(word.startswith(place) and len(place) >= 4 for place in _PLACES)


def _head(answer: Words, terms: TermSet) -> str | None:
    """The head noun of a lower-case phrase, when no other term has another kind of it."""
    if not 2 <= len(answer) <= 4 or not all(w.islower() and w.isalpha() for w in answer[-1:]):
        return None
    if not all(re.fullmatch(r"[a-z][a-z-]*", w) for w in answer):
        return None
    head = answer[-1]
    if len(head) < MIN_HEAD_LETTERS or head in VAGUE_HEADS:
        return None
    for other in terms.having(head, answer):
        lowered = tuple(w.lower() for w in other)
        if len(other) > 1 and lowered[-1] == head and lowered != answer:
            return None  # "nuclear weapons" beside "chemical weapons"
        if head in lowered[:-1] and " ".join(answer) not in " ".join(lowered):
            return None  # the head also modifies another term: "terrorism prevention"
    return head


def _proper_part(answer: Words, terms: TermSet) -> str | None:
    """ "Caspian" for "Caspian region": a proper name before a place noun, named once."""
    if len(answer) < 2 or answer[-1] not in PLACE_NOUNS:
        return None
    proper = answer[:-1]
    if not all(w[:1].isupper() for w in proper):
        return None
    size = len(proper)
    for other in terms.having(proper[0], answer):
        if other[:size] == proper and len(other) > size and other[size].lower() != answer[-1]:
            return None  # "the Caspian Sea" beside "the Caspian region"
    return " ".join(proper)


def _short_name(answer: Words, *term_sets: TermSet) -> str | None:
    """ "Jackson-Vanik" for "Jackson-Vanik Amendment": an eponym the texts use without its head."""
    if len(answer) < 2 or answer[-1] not in NAME_HEADS:
        return None
    short = answer[:-1]
    parts = [p for w in short for p in w.split("-")]
    if not all(p[:1].isupper() for p in parts) or any(_is_place_word(p) for p in parts):
        return None
    size, used_alone = len(short), False
    for other in [t for terms in term_sets for t in terms.having(short[0], answer)]:
        if other[:size] != short:
            continue
        rest = other[size:]
        if not rest or rest[0][:1].islower():
            used_alone = True  # "Jackson-Vanik provisions": the name without its head
        elif rest[0] != answer[-1]:
            return None  # another body or law of that name: "Jackson-Vanik Act"
    return " ".join(short) if used_alone else None


_NAME_RUN = re.compile(r"[A-Z][\w'’-]*(?: (?:(?:of|for|on|and|the|in)(?= ))*(?: ?[A-Z][\w'’-]*))*")


def document_names(texts: Iterable[str]) -> list[tuple[str, ...]]:
    """The capitalised names of ``texts`` as lower-case word tuples, without a leading "the"
    ("the Joint Electricity Board" -> ("joint", "electricity", "board"))."""
    found = set()
    for text in texts:
        for match in _NAME_RUN.finditer(text):
            words = tuple(w.lower() for w in match.group().split())
            found.add(words[1:] if words[:1] == ("the",) else words)
    return sorted(found)


def _contains(name: tuple[str, ...], part: tuple[str, ...]) -> bool:
    size = len(part)
    return any(name[n : n + size] == part for n in range(len(name) - size + 1))


def _shortened(answer: Words, names: Iterable[tuple[str, ...]]) -> list[str]:
    """ "Payments Union" for "the Western Payments Union", "Marren Institute" for "the Marren
    Institute of Public Health": a name without its leading modifier or its trailing "of …",
    when no other name of the document holds the short form (never "Council" alone)."""
    if not answer or not all(
        w[:1].isupper() or w in {"of", "for", "on", "and", "the"} for w in answer
    ):
        return []
    core = answer[: answer.index("of")] if "of" in answer else answer
    if not core or core[-1] not in NAME_HEADS:
        return []
    forms = []
    if len(core) < len(answer) and len(core) >= 2:
        forms.append(core)  # the trailing "of …" dropped
    if len(core) >= 3:
        forms.append(core[-2:])  # the leading modifiers dropped: a qualifier and the head
    whole = tuple(w.lower() for w in answer)
    kept = []
    for form in forms:
        lowered = tuple(w.lower() for w in form)
        if not any(
            _contains(name, lowered) and name != lowered and not _contains(whole, name)
            for name in names
        ):
            kept.append(" ".join(form))
    return kept


def derive_accepted(
    answer: str,
    terms: Iterable[str] | TermSet,
    lesson_terms: Iterable[str] | TermSet = (),
    names: Iterable[tuple[str, ...]] = (),
) -> list[str]:
    """Short forms of ``answer`` that ``terms`` (the document's other terms) leave unambiguous.

    ``lesson_terms`` (the lessons' terms) count only for short names the lessons use: a lesson
    that mentions "nuclear terrorism" in its timeline does not make the document's "terrorism"
    ambiguous.
    """
    words = _words(answer)
    document = terms if isinstance(terms, TermSet) else TermSet(terms)
    taught = lesson_terms if isinstance(lesson_terms, TermSet) else TermSet(lesson_terms)
    found = [_head(words, document), _proper_part(words, document)]
    found.append(_short_name(words, document, taught))
    found += _shortened(words, names)
    return [form for form in found if form]


def accepted_answers(
    stem: str,
    answer: str,
    accepted: list[str],
    choices: list[str],
    terms: Iterable[str] | TermSet,
    lesson_terms: Iterable[str] | TermSet = (),
    names: Iterable[tuple[str, ...]] = (),
) -> list[str]:
    """The accepted list to store: the derived short forms plus the given ones, minus any that
    grading already derives from the key (machine variants a learner would never need listed).
    """
    derived = derive_accepted(answer, terms, lesson_terms, names)
    kept: list[str] = []
    for form in sorted({*accepted, *derived}, key=lambda f: (len(f), f)):
        version = QuestionContent(stem=stem, answer=answer, choices=choices, accepted=kept)
        if grade_short_answer(version, form) < 1.0:
            kept.append(form)
    return sorted(kept)


def lesson_parts(ctx: Context) -> list[str]:
    """The texts of the lessons' structured parts (objectives, key terms, timelines, tables)."""
    texts: list[str] = []
    for lesson in ctx.lessons.values():
        texts += [o.text for o in lesson.objectives]
        texts += [f"{k.term}. {k.definition}" for k in lesson.key_terms]
        texts += [e.label for e in lesson.timeline]
        texts += [cell for table in lesson.comparisons for row in table.rows for cell in row]
    return texts


def add_accepted(drafts: Iterable[Draft], ctx: Context) -> None:
    """Set the accepted answers of every short-answer draft from the texts of ``ctx``."""
    drafts = [d for d in drafts if d.question_type.takes_accepted and isinstance(d.answer, str)]
    if not drafts:
        return
    sentences = (sentence.text for _, _, sentence in ctx.document.sentences())
    terms = ctx._cached("accepted-terms", lambda: TermSet(text_terms(sentences)))
    taught = ctx._cached("accepted-lesson-terms", lambda: TermSet(text_terms(lesson_parts(ctx))))
    names = ctx._cached(
        "accepted-names",
        lambda: document_names(sentence.text for _, _, sentence in ctx.document.sentences()),
    )
    for draft in drafts:
        draft.accepted = accepted_answers(
            draft.stem,
            draft.answer,
            list(draft.accepted),
            list(draft.choices),
            terms,
            taught,
            names,
        )
