"""What a question type tells the generator (``app/generation``) about its drafts.

The generator makes drafts of each type from the text; its checks (``quality``, ``grammar``,
``twins``) and its selection (``select``) ask the draft's type what kind of stem, key and
choices it has instead of comparing type names. A type the generator never drafts (an essay)
keeps the defaults.
"""

from __future__ import annotations

from typing import Any


class Drafting:
    """A question type's answers to the generator's questions about a draft of it."""

    # Its key is one text a student types or picks (a name, a date, a phrase): a stem, the
    # document's title or another question of the section can give it away.
    key_is_one_text = False
    # Its choices are its key or keys among distractors, which the generator must find.
    has_distractors = False
    # Its stem is a statement the student judges true or false, not a question.
    judges_a_statement = False
    # Its stem introduces items shown under it ("Put these events in order"): an instruction,
    # whose "these" points at what the student sees.
    lists_items = False
    # At most this share of a section's generated questions are of this type.
    section_share = 0.2
    # Among drafts of one fact, the lower is served first (a typed answer after choices, a
    # true/false statement last: it tests the fact least).
    variant_rank = 0

    def key_texts(self, answer: Any) -> list[str]:
        """The texts the key names, each one a student gives or picks ([] when the key is a
        truth value, pairs or an order)."""
        return []

    def listed_items(self, answer: Any) -> list[Any]:
        """The items the stem introduces (``lists_items``): what is matched or ordered."""
        return []

    def canonical_key(self, answer: Any, choices: list[str]) -> Any:
        """The key as a bank file stores it, given the draft's choices."""
        return answer
