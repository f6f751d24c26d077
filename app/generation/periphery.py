"""Where a name stands in its sentence: the main clause's own words, or a detail set off in a
participial, appositive or subordinate clause (QUESTION-QUALITY.md, rules 7 and 10).

A recall question on a detail ("…, confirming their Joint Declaration of <date>"; "the Force,
established by the Council in 1997"; "so that exporters can meet in <town>") asks what the
sentence mentions in passing, as a cloze of it. Only English clause structure is read here:
nothing of any one document.
"""

from __future__ import annotations

import re

# words that open a clause which is not the sentence's main assertion
SUBORDINATORS = {
    "so",
    "while",
    "whereas",
    "although",
    "though",
    "because",
    "since",
    "which",
    "whose",
    "who",
    "whom",
    "where",
    "when",
    "if",
    "unless",
    "as",
    "but",
    "including",
    "notably",
    "namely",
    "especially",
    "alternately",
    "in view of",
    "with a view to",
    "in order to",
    "in their capacity as",
    "as evidenced by",
    "on the basis of",
    "building on",
    "acting as",
}
# a participle that opens a clause ("established by …", "confirming …", "recalling …")
_PARTICIPLE = re.compile(r"^(?:[a-z]+ing|[a-z]{3,}ed|set up|laid|held|made|built|founded)\b")
# an agent phrase after a participle names who made a thing, in passing
_AGENT = re.compile(
    r"\b(?:established|created|founded|set up|adopted|signed|concluded|launched|built|held|"
    r"organi[sz]ed|convened|chaired|hosted)\s+(?:by|in|at|on)\b"
)
_BREAK = re.compile(r"[,;:()—–]")


def _opening(segment: str) -> str:
    return " ".join(segment.strip().lower().split()[:5])


def peripheral(sentence: str, start: int) -> bool:
    """Whether the words at ``start`` of ``sentence`` stand in a clause set off from the main
    assertion: a participial or appositive clause, a subordinate or purpose clause, a list of
    places or dates after "alternately", or the agent and date of a thing made "by" someone."""
    # the comma of a date ("May 24, 2002") breaks no clause
    before = re.sub(r"(\d{1,2}),(?= \d{4})", r"\1 ", sentence[:start])
    breaks = [m.end() for m in _BREAK.finditer(before)]
    segment = before[breaks[-1] :] if breaks else before
    opening = _opening(segment)
    if breaks and _PARTICIPLE.match(opening):
        return True  # "…, established by the Council in 1996": an appositive participle
    if not breaks and _PARTICIPLE.match(opening) and not opening.startswith(("during", "bring")):
        return True  # "Recalling the Treaty of …;": a preamble's participial clause
    if any(opening == s or opening.startswith(s + " ") for s in SUBORDINATORS):
        return True
    if _AGENT.search(segment):
        return True  # "the Office, set up by the Council in 2001"
    # "… so that exporters can …", "with a view to …": a purpose or reason clause inside
    lowered = f" {segment.lower()} "
    return any(
        f" {s} " in lowered for s in SUBORDINATORS if " " in s or s in {"so", "whose", "which"}
    )
