"""Multiple-response questions on the text's lists ("education, health, the sciences, and …")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..distractors import (
    affinity,
    content_words,
    head_of,
    kindred,
    negative,
    related,
    same_kind,
    same_tone,
    stems_of,
    subtype,
    tiebreak,
)
from ..draft import Context, Draft, explain
from ..elsewhere import said_alike, venue_elsewhere, verb_elsewhere
from ..kinds import copied_run
from ..lists import TextList, gerund_phrases, item_form
from ..phrasing import capital
from ..rewrite import as_question, last_clause, refers_back, standalone, word_count
from ..terms import normalise

MAX_WORDS = 50
_CUT = re.compile(r"(?:,\s+(?:whose|which|who|while|where|as well as)\b|;)")


def keyed_items(items: tuple[str, ...]) -> list[str]:
    """The items worth keying: not "other …" catch-alls."""
    return [i for i in items if not i.lower().startswith(("other ", "and other"))]


def _shared_head(items: list[str]) -> tuple[list[str], str]:
    """ "Washington/Crawford Summits" -> the items without the head noun they share."""
    last = items[-1].split()
    if len(last) > 1 and last[-1][0].isupper() and all(len(i.split()) == 1 for i in items[:-1]):
        return items[:-1] + [" ".join(last[:-1])], last[-1].lower()
    return items, ""


def _mention_at(ctx: Context, term, where: tuple[str, int, int]):
    """The mention of ``term`` in the sentence at ``where`` (an index, not a scan: a term of a
    long text has many mentions, and every list would scan them all)."""
    index = ctx._cached("mention-at", dict)
    if term.norm not in index:
        index[term.norm] = {}
        for mention in term.mentions:
            index[term.norm].setdefault(mention.where, mention)
    return index[term.norm].get(where)


def _distractors(ctx: Context, text_list: TextList, keys: list[str], n: int) -> list[str]:
    section_text = ctx.section(text_list.section_id).text.lower()
    named = {normalise(t.text) for t in ctx.terms.key_terms()}
    proper = all(normalise(k) in named for k in keys)
    pool: list[tuple[int, str]] = []
    key_words = set().union(*(stems_of(k) for k in keys))
    if proper:
        keyed = [t for t in ctx.terms.key_terms() if normalise(t.text) in map(normalise, keys)]
        kinds = {t.kind for t in keyed}
        subtypes = {subtype(t) for t in keyed}
        bodies = [t for t in keyed if t.kind == "organisation"]  # a place is "in" too often
        here = [m for t in bodies if (m := _mention_at(ctx, t, text_list.where))][:1]
        pool = [
            (subtype(t) not in subtypes, t.display)
            for t in ctx.terms.key_terms()
            if t.kind in kinds
            # an open list of venues ("fora, including in …") holds any venue of the parties
            and not (here and venue_elsewhere(ctx, here[0], t))
        ]
    else:
        heads = {head_of(k) for k in keys}
        items = ctx.list_items().get(text_list.form, {})
        for item in keyed_items(tuple(items)):
            if {w[0] for w in items[item]} == {text_list.section_id}:
                continue  # only in this section's lists
            if normalise(item) in named or item_form([item]) != text_list.form:
                continue  # names go with names, actions with actions
            if negative(item) != any(negative(k) for k in keys):
                continue
            if said_alike(ctx, text_list, items[item]) or verb_elsewhere(ctx, text_list, item):
                continue  # the text says of it what this sentence says of the keys
            if kindred(ctx, items[item], heads):
                continue  # its list shares an item with this one: it may be true here too
            if not same_tone(ctx, text_list, item, items[item]):
                continue
            # a list of the same kind first: "education, health" takes no "future hopes" if
            # another list of fields exists
            other_kind = not same_kind(ctx, text_list, item, items[item])
            pool.append((other_kind * 100 - affinity(ctx, items[item], text_list.where), item))
        if text_list.form == "gerund":
            pool.extend((1, p) for p in gerund_phrases(ctx.document, text_list.section_id))
    chosen: list[str] = []
    width = max(len(k.split()) for k in keys)
    seed = str(text_list.where)
    for _, item in sorted(
        set(pool), key=lambda i: (i[0], abs(len(i[1].split()) - width), tiebreak(seed, i[1]))
    ):
        if any(related(item, k) for k in keys + chosen) or item.lower() in section_text:
            continue
        if not proper and (not content_words(item) or stems_of(item) & key_words):
            continue
        if not proper and " " not in item and min(len(k.split()) for k in keys) >= 3:
            continue  # "timber" beside "the independence of courts": a thing of another kind
        chosen.append(item)
        if len(chosen) == n:
            break
    return chosen


def _stem(ctx: Context, before: str, after: str, phrase: str) -> str | None:
    """The question asking for the list between ``before`` and ``after``."""
    body = standalone(before + "\x00" + after, ctx.parties)
    if not body or refers_back(body.replace("\x00", "")):
        return None
    body = re.sub(r"\b(?:the|a|an)\s+\x00", "\x00", body)
    if body.startswith("\x00"):
        stem = capital(body.replace("\x00", phrase))
    else:
        stem = f"According to {ctx.name}, {body[0].lower()}{body[1:]}".replace("\x00", phrase)
    return as_question(stem) + " (Choose all that apply.)"


# rated: a list asked in its sentence's own words is recognised, not known (rule 7)
MAX_LIST_COPY = 6


def _recognition(section: Section, stem: str, sentence: str) -> bool:
    """A list question a student answers by recognising the sentence: a preamble's recital
    copied, or a stem carrying more than a few words of its sentence in a row."""
    return section.kind == "preamble" or copied_run(stem, sentence) > MAX_LIST_COPY


def list_questions(ctx: Context, section: Section) -> Iterator[Draft]:
    """One select-all-that-apply question for each list of three or more keyable items."""
    for text_list in ctx.lists_in(section.id):
        keys, head = _shared_head(keyed_items(text_list.items))
        named = {normalise(t.text): t.display for t in ctx.terms.key_terms()}
        keys = [named.get(normalise(k), k) for k in keys]
        if len(keys) < 3:
            continue
        text = ctx.sentence_text(*text_list.where)
        rest = text[text_list.end :]
        cut = _CUT.search(rest)
        rest = rest[: cut.start()] if cut else rest
        if head:
            rest = re.sub(rf"^\s*{head}\b", "", rest, flags=re.I)
        phrase = f"which of these {head}" if head else "which of the following"
        stem = _stem(ctx, text[: text_list.start], rest, phrase)
        if stem and word_count(stem) > MAX_WORDS and last_clause(text[: text_list.start]):
            # only the clause that holds the list: "... and committed to a relationship based on"
            stem = _stem(ctx, last_clause(text[: text_list.start]), rest, phrase)
        if not stem:
            continue
        distractors = _distractors(ctx, text_list, keys, n=max(2, 6 - len(keys)))
        if len(distractors) < 2 or word_count(stem) > MAX_WORDS:
            continue
        choices = sorted(keys + distractors, key=lambda c: (c.lower().removeprefix("the "), c))
        yield Draft(
            type="multiple_response",
            generator="list-members",
            stem=stem,
            answer=sorted(keys, key=lambda c: (c.lower().removeprefix("the "), c)),
            choices=choices,
            section_id=section.id,
            paragraph=text_list.paragraph,
            sentence=text_list.sentence,
            quote=text,
            explanation=explain(
                ctx, section, text_list.paragraph, text, f"The text lists {', '.join(keys)}."
            ),
            keys=tuple(normalise(k) for k in keys),
            fact=f"list@{text_list.where}",
            score=0.9,
            difficulty=0.5 + 0.03 * len(keys),
            # still a candidate (an instructor's edit of it is kept), never chosen as it is
            flaws=("the list asked in its sentence's own words: recognition",)
            if _recognition(section, stem, text)
            else (),
        )
