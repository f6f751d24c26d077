"""Is a false statement true elsewhere? What the text says of a swapped-in term or list item.

A false true/false statement must be false by the whole text, not only by its own sentence:
"the two sides cooperate to advance education" is defensible when another sentence has the
two sides' "joint efforts to resolve common problems in education".
"""

from __future__ import annotations

import re
from functools import lru_cache

from .distractors import list_words, stems_of
from .draft import Context
from .lists import TextList
from .terms import Mention, Term
from .wordlists import VERB_GROUPS

# "in the OSCE", "within the framework of the NATO-Russia Council", "through the United Nations"
_VENUE = re.compile(
    r"\b(?:in|within|through|at|via)\s+(?:the\s+(?:framework|context|format)\s+of\s+)?"
    r"(?:the\s+|a\s+|an\s+)?[\"“‘]?$",
    re.I,
)
_AND = re.compile(r"^[\"”’]?,?\s+(?:and|or)\s+(?:the\s+)?[\"“‘]?$")
# "we", or the parties named as a group ("the parties", "both sides", "the two countries")
_FIRST_PERSON = re.compile(
    r"\b(?:we|our|us|(?:the|both|the two) (?:parties|sides|countries|governments))\b", re.I
)
MIN_SHARED_FRAME = 2  # two words of the predicate in common: the two sentences say alike
_VERB_ENDINGS = set("e s es ed d ing y ies ied ying ion ions tion ement ment".split()) | {""}
VERB_WINDOW = 5  # "respect for the sovereignty and territorial integrity"
MAX_MENTIONS_CHECKED = 8  # a bounded check keeps generation linear in the text's length


def named_as_venue(ctx: Context, mention: Mention) -> bool:
    """True when ``mention`` names where something is done, itself or as an item of a list."""
    text = ctx.sentence_text(*mention.where)
    others = [m for _, m in ctx.terms.in_sentence(mention.where)]
    start = mention.start
    for _ in range(len(others) + 1):
        held = [tl for tl in ctx.lists_at(mention.where) if tl.start <= start < tl.end]
        start = held[0].start if held else start  # the list's first item holds the role
        if _VENUE.search(text[:start]):
            return True
        before = [m for m in others if m.end <= start and _AND.match(text[m.end : start])]
        if not before:
            return False
        start = max(before, key=lambda m: m.end).start  # "in Central Asia and the South Caucasus"
    return False


def _parties_act(ctx: Context, where: tuple) -> bool:
    """True when the parties are the ones acting in the sentence ("we", "the United States")."""
    if _FIRST_PERSON.search(ctx.sentence_text(*where)):
        return True
    return any(t.party for t, _ in ctx.terms.in_sentence(where))


def venue_elsewhere(ctx: Context, key: Mention, candidate: Term) -> bool:
    """True when ``key`` is a venue and the text has the parties act in ``candidate`` elsewhere.

    "dialogue … in international fora, including in the OSCE" is no false statement with "the
    NATO-Russia Council" for "the OSCE" when the parties work "within the framework of the
    NATO-Russia Council" in another sentence: the list is open and the swap is defensible.
    """
    if not named_as_venue(ctx, key):
        return False
    for mention in candidate.mentions[:MAX_MENTIONS_CHECKED]:
        if mention.where == key.where:
            continue
        if named_as_venue(ctx, mention) and _parties_act(ctx, mention.where):
            return True
    return False


_NAME = re.compile(r"(?<=[\w,;:] )[A-Z][\w'’./-]*")
_LIST_MARKERS = {"inclu", "among", "other"}  # "including" opens lists in every kind of sentence


def frame(ctx: Context, where: tuple) -> set[str]:
    """Stems of a sentence's own words: without its names and the items of its lists."""
    cache = ctx.__dict__.setdefault("_frames", {})
    if where not in cache:
        text = ctx.sentence_text(*where)
        for text_list in sorted(ctx.lists_at(where), key=lambda tl: -tl.start):
            text = text[: text_list.start] + " " + text[text_list.end :]
        cache[where] = stems_of(_NAME.sub(" ", text)) - _LIST_MARKERS
    return cache[where]


def said_alike(ctx: Context, text_list: TextList, wheres: set[tuple]) -> bool:
    """True when an item of the lists at ``wheres`` may be true of ``text_list`` too.

    Its list shares a word with this list's lead or items ("common values" beside "the essential
    values of"), or its sentence shares two words with this one outside the lists ("joint efforts to
    resolve … education" beside "cooperate to advance …, to jointly counter …, to help resolve").
    """
    lead, items, _ = list_words(ctx, text_list)
    here = frame(ctx, text_list.where)
    others = sorted(w for w in wheres if w[0] and w != text_list.where)
    for where in others[:MAX_MENTIONS_CHECKED]:
        for other in ctx.lists_at(where):
            their_lead, theirs, _ = list_words(ctx, other)
            if (lead | items) & their_lead or lead & theirs:
                return True  # "essential values of democracy" beside "based on common values"
        if len(frame(ctx, where) & here) >= MIN_SHARED_FRAME:
            return True
    return False


@lru_cache(maxsize=65536)
def _group_of(word: str) -> frozenset[str] | None:
    """The verb group of ``word`` in any form ("increasing" -> the group of "increase")."""
    word = word.lower()
    for group in VERB_GROUPS:
        for verb in group:
            base = verb.removesuffix("e").removesuffix("y")  # "increasing", "intensified"
            if word.startswith(base) and word[len(base) :] in _VERB_ENDINGS:
                return group
    return None


def _sentences_with(ctx: Context, word: str) -> list[tuple]:
    """The sentences holding ``word`` (an index built once)."""

    def build():
        index: dict[str, list[tuple]] = {}
        for section, paragraph, sentence in ctx.document.sentences():
            where = (section.id, paragraph.index, sentence.index)
            for found in set(re.findall(r"[a-z][\w-]*", sentence.text.lower())):
                index.setdefault(found, []).append(where)
        return index

    return ctx._cached("word_sentences", build).get(word.lower(), [])


def verb_elsewhere(ctx: Context, text_list: TextList, item: str) -> bool:
    """True when the text has a verb of the list's kind take ``item`` elsewhere.

    "cooperate to advance stability, security, and transparency" is defensible when another
    sentence has the parties "increasing transparency"; "the essential values of sovereignty"
    when another has "respect for the sovereignty".
    """
    lead = ctx.sentence_text(*text_list.where)[: text_list.start].lower()
    groups = {g for w in re.findall(r"[a-z]+", lead)[-VERB_WINDOW:] if (g := _group_of(w))}
    words = re.findall(r"[a-z][\w-]*", item.lower())
    if not groups or not words:
        return False
    pattern = re.compile(rf"(?<![\w-]){re.escape(item)}(?![\w-])", re.I)
    for where in _sentences_with(ctx, words[-1])[:MAX_MENTIONS_CHECKED]:
        if where == text_list.where:
            continue
        text = ctx.sentence_text(*where)
        for match in pattern.finditer(text):
            before = re.findall(r"[a-z]+", text[: match.start()].lower())[-VERB_WINDOW:]
            if any(_group_of(w) in groups for w in before):
                return True
    return False
