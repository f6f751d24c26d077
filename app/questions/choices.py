"""What the choice types (multiple choice, multiple response, true/false) share."""

from __future__ import annotations

from typing import Any

from .base import ResponseError


def offered_choice(value: Any, choice_order: list[Any]) -> str:
    """``value`` when it is one of the options shown; ResponseError otherwise."""
    if not isinstance(value, str):
        raise ResponseError("Pick one of the options shown.")
    if value not in choice_order:
        raise ResponseError("That option was not offered for this question.")
    return value


def gift_choices(block: Any) -> tuple[list[str], list[tuple[str, str]]]:
    """A GIFT choice block's option texts, and (marker, text) of the right ones."""
    choices, right = [], []
    for marker, raw in block.answers:
        # Moodle reads a weight after "~" only ("=" is full marks, its text taken as written)
        weight, raw = block.weighted(raw) if marker == "~" else (None, raw)
        text = block.formatted(raw)
        choices.append(text)
        if marker == "=" or (weight or 0) > 0:
            right.append((marker, text))
    return choices, right


def is_single(element: Any) -> bool:
    """True for a Moodle ``multichoice`` that takes one answer (its ``single``, true if absent)."""
    return (element.findtext("single") or "true").strip().lower() in ("true", "1")


def moodle_answers(element: Any, tools: Any) -> list[tuple[float, str]]:
    """(fraction, text) of each answer of a Moodle ``multichoice``."""
    return [(tools.fraction(a), tools.plain(a)) for a in element.findall("answer")]


def write_multichoice(
    question: dict[str, Any], tools: Any, single: bool, fractions: list[float]
) -> Any:
    """Moodle's ``multichoice`` element, an answer per choice with its fraction."""
    element = tools.head("multichoice", question)
    tools.sub(element, "single", "true" if single else "false")
    tools.sub(element, "shuffleanswers", "true")
    tools.sub(element, "answernumbering", "abc")
    for choice, fraction in zip(question.get("choices") or [], fractions, strict=True):
        tools.answer(element, fraction, choice)
    return element


def qti_choice_item(
    body: Any, question: dict[str, Any], tools: Any, key: tuple[list[str], list[str]], **how: bool
) -> tuple[Any, str]:
    """A choiceInteraction over ``key`` (the option texts, the right ones): ``single`` scored
    by match_correct, else a mapping (right +1/n, wrong -1/n, bounded 0…1); ``shuffle``."""
    texts, right = key
    single = how["single"]
    interaction = tools.el(
        body,
        "choiceInteraction",
        responseIdentifier="RESPONSE",
        shuffle="true" if how["shuffle"] else "false",
        maxChoices="1" if single else str(len(texts)),
    )
    tools.el(interaction, "prompt", question["stem"])
    ids = tools.choices(interaction, texts)
    declaration = tools.declaration(
        "single" if single else "multiple", "identifier", [ids[t] for t in right]
    )
    if single:
        return declaration, "match_correct"
    entries = [(ids[t], tools.share(len(right), 1 if t in right else -1)) for t in texts]
    tools.mapping(declaration, entries, lowerBound="0", upperBound="1")
    return declaration, "map_response"


def xapi_choice_parts(
    choices: list[Any], answer: Any, tools: Any
) -> tuple[dict[str, Any], str | None]:
    """xAPI's ``choice`` interaction: the options, and the picks as ``choice-N[,]choice-M``."""
    ids = tools.ids(choices, "choice-")
    picks = [answer] if isinstance(answer, str) else list(answer or [])
    response = "[,]".join(ids[p] for p in picks) if all(p in ids for p in picks) else None
    return {"choices": tools.components("choice-", choices)}, response
