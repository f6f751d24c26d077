"""Lists found in sentences, dated events, and accepted answer variants."""

from __future__ import annotations

from app.generation.events import dated_events
from app.generation.variants import answer_variants


def _lists(context):
    return {tl.items for tl in context.lists}


def test_lists_of_the_declaration(context):
    found = _lists(context)
    assert ("the UN Security Council", "the G-8", "the OSCE") in found
    assert ("education", "health", "the sciences", "environment") in found
    assert (
        "democracy",
        "human rights",
        "free speech and free media",
        "tolerance",
        "the rule of law",
        "economic opportunity",
    ) in found
    # adjectives are not a list of things
    assert not any("prosperous" in items for items in found)


def test_dated_events_name_what_happened(context):
    labels = {(e.iso, e.label) for e in dated_events(context)}
    assert ("2002-05-28", "the NATO-Russia summit in Rome") in labels
    assert ("2001-07-22", "the Joint Statement on Strategic Issues") in labels
    assert any(iso == "1991-07-31" and "Strategic Offensive Arms" in label for iso, label in labels)


def test_variants_of_dates_and_names():
    assert {"24 May 2002", "2002-05-24"} <= set(answer_variants("May 24, 2002"))
    assert "G8" in answer_variants("the G-8")
    assert "al-Qaeda" in answer_variants("al-Qaida")
    assert "United Nations Security Council" in answer_variants("the UN Security Council")
    assert "the Minsk Group" in answer_variants("the OSCE's Minsk Group")
