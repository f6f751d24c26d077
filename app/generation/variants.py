"""Other accepted ways of writing an answer: "G8" for "G-8", "24 May 2002" for "May 24, 2002"."""

from __future__ import annotations

import re
from datetime import date

from .dates import DATE_PATTERN, date_variants, parse_date
from .wordlists import ABBREVIATIONS, SPELLING_VARIANTS


def answer_variants(answer: str) -> list[str]:
    """Accepted variants of ``answer`` (without the answer itself), sorted."""
    forms = {answer}
    match = DATE_PATTERN.fullmatch(answer.strip().rstrip("."))
    day: date | None = parse_date(match) if match else None
    if day:
        forms.update(date_variants(day))
    bare = re.sub(r"^the\s+", "", answer, flags=re.I)
    forms.add(bare)
    for form in list(forms):
        forms.add(form.replace("-", ""))
        forms.add(form.replace("-", " "))
        forms.add(re.sub(r"[\"“”]", "", form))
        for one, other in SPELLING_VARIANTS:
            forms.add(form.replace(one, other))
        for short, full in ABBREVIATIONS:
            forms.add(re.sub(rf"(?<![\w.]){re.escape(short)}(?!\w)", full, form))
            forms.add(re.sub(rf"\b{re.escape(full)}\b", short, form))
    possessive = re.match(r"^(?:the\s+)?([\w-]+)['’]s\s+(.+)$", bare)
    if possessive:  # "the OSCE's Minsk Group" -> "the Minsk Group"
        forms.update({possessive.group(2), f"the {possessive.group(2)}"})
    forms.discard(answer)
    return sorted(f for f in forms if f.strip() and f != answer)
