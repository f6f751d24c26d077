"""The signature block: who signed in which capacity (matching and true/false)."""

from __future__ import annotations

from collections.abc import Iterator

from ...corpus import Section
from ..draft import Context, Draft, explain


def _signers(ctx: Context, section: Section) -> list[tuple[str, str, int]]:
    """(role, person, paragraph) for each "Role:" line followed by a name."""
    pairs = []
    for term in ctx.terms.of_kind("person"):
        for mention in term.mentions:
            if mention.section_id != section.id or mention.paragraph < 2:
                continue
            role = section.paragraph(mention.paragraph - 1).text
            if role.endswith(":"):
                pairs.append((role.rstrip(":").strip(), term.text, mention.paragraph))
    return sorted(pairs, key=lambda p: p[2])


# two pairs to match: one match gives the other (rule 3)
MIN_SIGNERS = 3


def signatures(ctx: Context, section: Section) -> Iterator[Draft]:
    """Match signers to roles; true and false statements of who signed as what."""
    if section.kind != "closing":
        return
    pairs = _signers(ctx, section)
    if len(pairs) < MIN_SIGNERS:
        return
    quote = section.paragraph(pairs[0][2]).text
    lines = "; ".join(f"{role}: {person}" for role, person, _ in pairs)
    yield Draft(
        type="matching",
        generator="signer-roles",
        stem=f"Match each person who signed {ctx.name} with the office named above the signature.",
        answer=[[person, role] for role, person, _ in pairs],
        explanation=f"{ctx.where(section, pairs[0][2])} onwards: {lines}.",
        section_id=section.id,
        paragraph=pairs[0][2],
        sentence=1,
        quote=quote,
        keys=tuple(p for _, p, _ in pairs),
        fact="signers",
        score=0.9,
        difficulty=0.35,
    )
    for n, (role, person, paragraph) in enumerate(pairs):
        other_role = pairs[(n + 1) % len(pairs)][0]
        for shown, truth in ((role, True), (other_role, False)):
            article = shown[0].lower() + shown[1:] if shown.startswith("The ") else shown
            yield Draft(
                type="true_false",
                generator="signer-statement",
                stem=f"True or false: {person} signed {ctx.name} as {article}.",
                answer=truth,
                section_id=section.id,
                paragraph=paragraph,
                sentence=1,
                quote=section.paragraph(paragraph).text,
                explanation=explain(
                    ctx,
                    section,
                    paragraph - 1,
                    f"{role}: {person}",
                    "True." if truth else f"False: {person} signed as {role[0].lower()}{role[1:]}.",
                ),
                keys=(person,),
                fact=f"signer@{person}@{truth}",
                id_basis=f"{person}|{truth}",
                score=0.7,
                difficulty=0.25,
            )
