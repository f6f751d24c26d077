"""The typed forms a QTI mapping lists for a short answer: those the grading also accepts."""

from __future__ import annotations

import re

from ..normalise import words

_TRAILING = re.compile(r"[\s.,;:!?\u2026\"'\u201d\u2019]+$")
_ARTICLE = re.compile(r"^(the|a|an)\s+(?=\S)", re.IGNORECASE)


def mapped_forms(forms: list[str]) -> list[str]:
    """Each accepted form and the variants of it the platform's grading also accepts that a
    QTI mapping can list: without trailing punctuation ("Moscow." → "Moscow"), without a
    leading article, and as its bare normalised words ("The Kremlin, Moscow." → "kremlin
    moscow", "U.S.A." → "us"); one of each (mapEntries compare case-insensitively)."""
    variants: dict[str, str] = {}
    for form in forms:
        bare = _TRAILING.sub("", form.strip())
        bare_words = words(form)
        for variant in (form, bare, _ARTICLE.sub("", bare), " ".join(bare_words)):
            if variant.strip():
                variants.setdefault(variant.casefold(), variant)
    return list(variants.values())
