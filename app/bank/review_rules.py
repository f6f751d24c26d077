"""The quality guide's reasons to reject a question, offered when many are rejected at once."""

from __future__ import annotations

# Numbered as in the project's question-quality guide, so a reason reads "rule 7: …" in the
# bank files and in reviewers' notes alike.
REJECT_RULES: tuple[tuple[int, str], ...] = (
    (1, "Not answerable from the lesson"),
    (2, "More than one defensible key"),
    (3, "The answer is in the stem"),
    (4, "Makes no sense alone"),
    (5, "Not grammatical or not natural"),
    (6, "Distractors of the wrong kind or absurd"),
    (7, "Trivial or pure recognition"),
    (8, "Duplicate"),
    (9, "Wrong or misleading"),
    (10, "Not worth a student's time"),
    (11, "Unfair grading"),
)


def rule_reason(number: int, note: str = "") -> str:
    """The stored reason for rule ``number``: "rule 7: Trivial or pure recognition (note)"."""
    title = dict(REJECT_RULES)[number]
    note = note.strip()
    return f"rule {number}: {title}" + (f" ({note})" if note else "")
