"""Bodies whose work is alike: near-miss distractors for "whom will they ask to …?" (a security
body for a security task, a bank for a loan), read from where the text names each body."""

from __future__ import annotations

from .clauses import POOL_LIMIT
from .common import common_names
from .distractors import stems_of
from .draft import Context
from .ideas import reading
from .terms import normalise

MIN_SHARED = 2  # content words a body's sentences share with the task: a near miss
_GENERIC = {"will", "shall", "their", "other", "sides", "commi", "suppo", "coope", "jointl"}


def _profiles(ctx: Context, pool: list[str]) -> dict[str, tuple[set[str], set[str]]]:
    """Body -> (the sections that name it, the content words of its sentences)."""
    cache = ctx._cached("alike-profiles", dict)
    missing = [b for b in pool if b not in cache]
    if missing:
        clauses = reading(ctx).clauses[: POOL_LIMIT * 4]
        for body in missing:
            name = normalise(body).removeprefix("the ")
            sections, words = set(), set()
            for clause in clauses:
                if name in normalise(clause.quote):
                    sections.add(clause.section_id)
                    words |= stems_of(clause.quote)
            cache[body] = (sections, words - stems_of(body))
    return {b: cache[b] for b in pool}


def near_bodies(ctx: Context, key: str, task: str, section_id: str, pool: list[str]) -> list[str]:
    """The bodies of ``pool`` a student who skimmed might take for ``key`` as the one given
    ``task`` in ``section_id``: named in the same section or in a section that names the key,
    or in sentences sharing the task's words; the closest first. A body of unrelated work is
    left out (rule 6)."""
    wanted = stems_of(task) - _GENERIC - stems_of(key) - {n[:5] for n in common_names(ctx.document)}
    # the sections where the key itself is named: a body named beside it works in its field
    fields = _profiles(ctx, [key])[key][0] - {"preamble"}
    ranked = []
    for order, (body, (sections, words)) in enumerate(_profiles(ctx, pool).items()):
        if normalise(body) == normalise(key) or not sections:
            continue
        same = section_id in sections
        beside = len(sections & fields)
        shared = len(wanted & words)
        if same or beside or shared >= MIN_SHARED:
            ranked.append((-(2 * same + beside + shared), order, body))
    return [body for *_, body in sorted(ranked)]
