"""True/false statements: a sentence as the text says it, or with one key term swapped."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...corpus import Section
from ..distractors import pick, related
from ..draft import Context, Draft, explain
from ..elsewhere import venue_elsewhere
from ..quality import gives_away
from ..rewrite import refers_back, standalone, word_count
from ..wordlists import FUNCTION_WORDS

MAX_WORDS = 42


def _statement(ctx: Context, where: tuple, text: str) -> str | None:
    lead = ctx.lead_in(where)
    statement = standalone(f"{lead} {text}" if lead else text, ctx.parties)
    if statement is None or word_count(statement) > MAX_WORDS:
        return None
    places = [m.start for t, m in ctx.terms.in_sentence(where) if t.kind == "place"]
    if refers_back(statement, min(places, default=-1)):
        return None
    statement = statement.rstrip(" ;:,")
    return statement if statement.endswith((".", "!", "?")) else statement + "."


def true_false(ctx: Context, section: Section) -> Iterator[Draft]:
    """For each sentence with key terms: the true statement and false ones (one term swapped)."""
    for paragraph in section.paragraphs:
        for sentence in paragraph.sentences:
            where = (section.id, paragraph.index, sentence.index)
            found = [
                (t, m)
                for t, m in ctx.terms.in_sentence(where)
                if not getattr(t, "party", False) and t.kind != "person"
            ]
            statement = _statement(ctx, where, sentence.text)
            if not statement or section.kind == "closing" or word_count(statement) < 10:
                continue
            base = dict(
                section_id=section.id,
                paragraph=paragraph.index,
                sentence=sentence.index,
                quote=sentence.text,
            )
            yield Draft(
                type="true_false",
                generator="statement-true",
                stem=f"True or false: {statement}",
                answer=True,
                explanation=explain(ctx, section, paragraph.index, sentence.text, "True."),
                keys=tuple(t.norm for t, _ in found),
                fact=f"tf@{where}",
                score=0.7 if found or ctx.lists_at(where) else 0.5,
                difficulty=0.3,
                **base,
            )
            for term, mention in found:
                swaps = pick(
                    ctx,
                    term,
                    statement,
                    where,
                    n=1,
                    strict=True,
                    refuse=lambda c, m=mention: venue_elsewhere(ctx, m, c),
                )
                if not swaps or statement.count(mention.text) != 1:
                    continue
                modifier = re.match(r"[\"”’]?\s+([a-z]+)", sentence.text[mention.end :])
                if modifier and modifier.group(1) not in FUNCTION_WORDS:
                    continue  # "UN Security Council adoption": a name used as a modifier
                swap = swaps[0]
                if any(related(swap.text, t.text) for t, _ in found if t is not term):
                    continue  # "Washington" beside "Washington/Crawford": a near-duplicate item
                quoted = statement[: statement.find(mention.text)].endswith(('"', "“"))
                shown = swap.display if swap.definite and not quoted else swap.text
                false = re.sub(
                    rf"(?:\b(?:[Tt]he|[Aa]n?)\s+)?{re.escape(mention.text)}",
                    shown,
                    statement,
                    count=1,
                )

                false = false[0].upper() + false[1:]
                if gives_away(false, term.text):
                    continue  # "the Afghan people's efforts to transform Azerbaijan"
                yield Draft(
                    type="true_false",
                    generator="statement-swap",
                    stem=f"True or false: {false}",
                    answer=False,
                    explanation=explain(
                        ctx,
                        section,
                        paragraph.index,
                        sentence.text,
                        f"False: the text names {term.display}, not {swap.display}.",
                    ),
                    keys=(term.norm,),
                    fact=f"tf@{where}#{term.norm}",
                    id_basis=f"{term.norm}>{swap.norm}",
                    score=0.75,
                    difficulty=0.45,
                    **base,
                )
