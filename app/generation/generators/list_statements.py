"""True/false and single-answer questions on the items of the text's lists."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from ...corpus import Section
from ..distractors import (
    affinity,
    content_words,
    head_of,
    kindred,
    negative,
    pick,
    related,
    same_kind,
    stems_of,
)
from ..draft import Context, Draft, explain
from ..elsewhere import said_alike, venue_elsewhere, verb_elsewhere
from ..lists import TextList, gerund_phrases, item_form
from ..rewrite import as_question, capitalise, last_clause, refers_back, standalone, word_count
from ..terms import normalise
from .list_questions import keyed_items

MAX_WORDS = 45


def _foreign_items(ctx: Context, text_list: TextList, keys: list[str]) -> list[str]:
    """Items of other sections' lists, of the same form, sharing no content word with ``keys``."""
    section_text = ctx.section(text_list.section_id).text.lower()
    key_words = set().union(*(stems_of(k) for k in keys))
    key_heads = {head_of(k) for k in keys}
    form = text_list.form
    # bad things go with bad things; a neutral list in a sentence about weapons gets none
    context_negative = any(map(negative, keys))
    clause = ctx.sentence_text(*text_list.where)[: text_list.end]  # up to the list's end
    if not context_negative and negative(clause):
        return []
    found = set()
    items = dict(ctx.list_items().get(form, {}))
    if form == "gerund":  # few texts have two lists of actions: take action phrases too
        for phrase in gerund_phrases(ctx.document, text_list.section_id):
            items.setdefault(phrase, {("", 0, 0)})
    for item in keyed_items(tuple(items)):
        if {w[0] for w in items[item]} == {text_list.section_id}:
            continue
        words = stems_of(item)
        if not words or words & key_words or item.lower() in section_text:
            continue
        if negative(item) != context_negative:
            continue  # "regional instability" is no candidate for a list of values
        if item_form([item]) != form or any(related(item, k) for k in keys):
            continue
        listed = {w for w in items[item] if w[0]}  # ("", 0, 0): an action phrase, in no list
        if listed and not same_kind(ctx, text_list, item, listed):
            continue  # a list of another kind: "future hopes" among "education, health"
        if kindred(ctx, items[item], key_heads):
            continue  # its list shares an item with this one: it may be true here too
        if said_alike(ctx, text_list, items[item]) or verb_elsewhere(ctx, text_list, item):
            continue  # the text says of it what this sentence says of its items
        found.add(item)
    width = max(len(k.split()) for k in keys)
    plural = sum(k.endswith("s") for k in keys) * 2 > len(keys)
    return sorted(
        found,
        key=lambda i: (
            -affinity(ctx, items[i], text_list.where),
            abs(len(i.split()) - width),
            i.endswith("s") != plural,
            i,
        ),
    )


def _foreign_terms(ctx: Context, text_list: TextList, keys: list[str], context: str) -> list[str]:
    """Named terms of the same kind as the list's, named elsewhere, not true here."""
    listed = {normalise(k) for k in keys}
    terms = [t for t in ctx.terms.key_terms() if t.norm in listed]
    if not terms:
        return []
    here = [m for m in terms[0].mentions if m.where == text_list.where]
    found = pick(  # an open list ("fora, including in …") holds any venue of the parties
        ctx,
        terms[0],
        context,
        text_list.where,
        n=6,
        refuse=lambda c: bool(here) and venue_elsewhere(ctx, here[0], c),
    )
    return [t.display for t in found if not any(related(t.text, k) for k in keys)]


def _pick(seed: str, options: list[str], n: int) -> list[str]:
    """``n`` of the closest options, the tie broken by a hash (deterministic)."""
    head = options[: max(n * 2, n)]
    head.sort(key=lambda o: hashlib.sha256(f"{seed}|{o}".encode()).hexdigest())
    return head[:n]


def list_statements(ctx: Context, section: Section) -> Iterator[Draft]:
    """A false statement with one list item swapped, and a one-key question per list."""
    for text_list in ctx.lists_in(section.id):
        keys = keyed_items(text_list.items)
        if len(keys) < 3:
            continue
        text = ctx.sentence_text(*text_list.where)
        statement = standalone(text, ctx.parties)
        if text_list.form == "name":
            foreign = _foreign_terms(ctx, text_list, keys, statement or "")
            base = dict(
                section_id=section.id,
                paragraph=text_list.paragraph,
                sentence=text_list.sentence,
                quote=text,
            )
            if len(foreign) >= 3:
                yield from _one_of(ctx, section, text_list, keys, foreign, text, base)
            continue
        foreign = _foreign_items(ctx, text_list, keys)
        if text[text_list.end :].lstrip().startswith(","):
            statement = standalone(text[: text_list.end] + ".", ctx.parties)  # up to the list
        if not statement or refers_back(statement):
            continue  # the true statement stands without false ones: it restates the list
        statement = statement.rstrip(" ;:,")
        statement = statement if statement.endswith(".") else statement + "."
        where = text_list.where
        base = dict(section_id=section.id, paragraph=where[1], sentence=where[2], quote=text)
        yield Draft(
            type="true_false",
            generator="list-statement",
            stem=f"True or false: {statement}",
            answer=True,
            keys=tuple(normalise(k) for k in keys),
            fact=f"tf@{where}",
            explanation=explain(ctx, section, where[1], text, "True."),
            score=0.68,
            difficulty=0.35,
            **base,
        )
        swaps = _pick(f"{where}|swap", foreign, 2)
        for n, swapped_item in enumerate(_pick(str(where), keys, 2)):
            if n >= len(swaps):
                break
            swap = swaps[n]
            if statement.startswith(capitalise(swapped_item)):  # "Battling …" opens the sentence
                swapped_item, swap = capitalise(swapped_item), capitalise(swap)
            false = statement.replace(swapped_item, swap, 1)
            if word_count(false) > MAX_WORDS or statement.count(swapped_item) != 1:
                continue
            yield Draft(
                type="true_false",
                generator="list-swap",
                stem=f"True or false: {false}",
                answer=False,
                keys=(normalise(swapped_item),),
                fact=f"tf@{where}#{normalise(swapped_item)}",
                id_basis=f"{normalise(swapped_item)}>{normalise(swap)}",
                explanation=explain(
                    ctx,
                    section,
                    where[1],
                    text,
                    f"False: the text names {swapped_item}, not {swap}.",
                ),
                score=0.72 - 0.1 * n,
                difficulty=0.5,
                **base,
            )
        yield from _one_of(ctx, section, text_list, keys, foreign, text, base)


def _one_of(ctx, section, text_list, keys, foreign, text, base) -> Iterator[Draft]:
    """ "… including in which of these?" with one listed item and three foreign ones."""
    if len(foreign) < 3:
        return
    after = text[text_list.end :].lstrip()
    if after and after[0] not in ".,;:":
        return  # the list is not at the end of its clause: "… of which of these" would not read
    prefix = text[: text_list.start]
    stem = _one_of_stem(ctx, prefix, text[text_list.end :])
    if stem and word_count(stem) > MAX_WORDS and last_clause(prefix):
        stem = _one_of_stem(ctx, last_clause(prefix), text[text_list.end :])  # the list's clause
    if not stem or word_count(stem) > MAX_WORDS or refers_back(stem):
        return
    named = {normalise(t.text): t.display for t in ctx.terms.key_terms()}
    keys = [named.get(normalise(k), k) for k in keys]
    worth = [k for k in keys if content_words(k)]  # not "cooperation": too common to test
    for n, key in enumerate(_pick(f"{text_list.where}|one", worth, 2)):
        distractors = _pick(f"{text_list.where}|others{n}", foreign, 3)
        yield _one_of_draft(ctx, section, text_list, keys, key, distractors, stem, text, n, base)


def _one_of_stem(ctx: Context, before: str, after: str) -> str | None:
    """ "According to the text, X … which of these, among others …?" for a list between."""
    body = standalone(before + "\x00" + after, ctx.parties)
    if not body:
        return None
    body = re.split(r";|,\s+(?:and\s+)?(?:to|which|as well as)\b", body.split("\x00", 1)[1])[0]
    lead = standalone(before + "\x00", ctx.parties)
    if not lead:
        return None
    lead = re.sub(r"\b(?:the|a|an)\s*$", "", lead.split("\x00")[0]).rstrip()
    return as_question(
        f"According to {ctx.name}, {lead[0].lower()}{lead[1:]} which of these, among others{body}"
    )


def _one_of_draft(ctx, section, text_list, keys, key, distractors, stem, text, n, base) -> Draft:
    """One listed item as the key, three foreign items as distractors."""
    choices = sorted([key, *distractors], key=lambda c: (c.lower().removeprefix("the "), c))
    return Draft(
        type="multiple_choice",
        generator="list-one-of",
        stem=stem,
        answer=key,
        choices=choices,
        keys=(normalise(key),),
        fact=f"oneof@{text_list.where}#{n}",
        explanation=explain(
            ctx, section, text_list.paragraph, text, f"The text lists {', '.join(keys)}."
        ),
        score=0.6 - 0.15 * n,
        difficulty=0.4,
        **base,
    )
