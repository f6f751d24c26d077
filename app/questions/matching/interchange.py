"""Matching in the export formats: xAPI's ``matching``, GIFT's ``=left -> right``, Moodle's
``matching`` (which asks for three right-hand options: fewer are topped up with borrowed
distractors) and QTI's matchInteraction, 1/n a pair."""

from __future__ import annotations

from typing import Any

MATCHING_MINIMUM_ANSWERS = 3  # Moodle's matching editor: "at least 2 questions and 3 answers"


def gift_pairs(block: Any) -> tuple[list[list[str]], list[str]] | None:
    """A GIFT block's ``=left -> right`` pairs and its extra right-hand options (``= -> x``),
    or None when it is no matching block (Moodle: a "~" makes a choice question, whatever its
    texts hold); ValueError when an answer of one is not a pair."""
    if "~" in block.markers or not any("->" in raw for _, raw in block.answers):
        return None
    pairs, extras = [], []
    for marker, raw in block.answers:
        if marker != "=" or "->" not in raw:
            raise ValueError("every matching answer must be written =left -> right")
        # the left side is formatted text in Moodle, the right side plain
        raw_left, raw_right = raw.split("->", 1)
        left, right = block.formatted(raw_left), block.text(raw_right)
        if left:
            pairs.append([left, right])
        else:
            extras.append(right)
    return pairs, extras


def _borrowed_note(count: int) -> str:
    return (
        f" Moodle's matching editor asks for at least {MATCHING_MINIMUM_ANSWERS} answers: "
        f"{count} right-hand option(s) from other questions of the bank were added as "
        "distractors (answers with no question), which the platform's own question lacks. "
    )


def _short_note(count: int) -> str:
    return (
        f" This matching question has {count} right-hand options; Moodle's editor asks for "
        f"{MATCHING_MINIMUM_ANSWERS}, and the export held no other option to add as a "
        "distractor. Moodle imports it, but add an answer before editing it there. "
    )


def _match_set(tools: Any, interaction: Any, texts: list[str], prefix: str, uses: dict) -> dict:
    match_set = tools.el(interaction, "simpleMatchSet")
    ids = {}
    for number, text in enumerate(texts, 1):
        ids[text] = f"{prefix}{number}"
        tools.el(match_set, "simpleAssociableChoice", text, identifier=ids[text],
                 matchMax=str(max(1, uses.get(text, 1))))  # fmt: skip
    return ids


class MatchingInterchange:
    """The format hooks of ``Matching``."""

    xapi_interaction = "matching"
    moodle_qtype = "matching"
    gift_read_rank = 30  # after ordering, which GIFT writes as matching from 1, 2, …

    def xapi_parts(self, key: Any, choices: list[Any], answer: Any, tools: Any) -> tuple:
        lefts = [pair[0] for pair in key]
        rights = list(dict.fromkeys([pair[1] for pair in key] + list(choices or [])))
        sources, targets = tools.ids(lefts, "source-"), tools.ids(rights, "target-")
        definition = {
            "source": tools.components("source-", lefts),
            "target": tools.components("target-", rights),
        }
        pairs = [p for p in answer or [] if isinstance(p, list) and len(p) == 2]
        response = None
        if pairs and all(p[0] in sources and p[1] in targets for p in pairs):
            response = "[,]".join(f"{sources[p[0]]}[.]{targets[p[1]]}" for p in pairs)
        return definition, response

    def gift_lines(self, question: dict[str, Any], tools: Any) -> list[str]:
        answer = question["answer"]
        rights = {pair[1] for pair in answer}
        lines = [
            f"={tools.guard_format(tools.escape(left, arrow=True))} -> {tools.escape(right)}"
            for left, right in answer
        ]
        choices = question.get("choices") or []
        return lines + [f"= -> {tools.escape(c)}" for c in choices if c not in rights]

    def read_gift(self, block: Any) -> dict[str, Any] | None:
        read = gift_pairs(block)
        if read is None:
            return None
        pairs, extras = read
        rights = list(dict.fromkeys(p[1] for p in pairs))
        return {"type": self.name, "answer": pairs, "choices": rights + extras if extras else []}

    def offered_options(self, question: dict[str, Any]) -> list[str]:
        return [pair[1] for pair in question["answer"]] + list(question.get("choices") or [])

    def wants_distractors(self, question: dict[str, Any]) -> bool:
        return len(set(self.offered_options(question))) < MATCHING_MINIMUM_ANSWERS

    def moodle_element(self, question: dict[str, Any], tools: Any, distractors: list[str]):
        answer, choices = question["answer"], list(question.get("choices") or [])
        element = tools.head("matching", question)
        tools.sub(element, "shuffleanswers", "true")
        rights = {pair[1] for pair in answer}
        pairs = [*answer, *[["", c] for c in choices if c not in rights]]
        options = set(rights) | set(choices)
        borrowed: list[str] = []
        for extra in distractors:
            if len(options) >= MATCHING_MINIMUM_ANSWERS:
                break
            if extra not in options:
                options.add(extra)
                borrowed.append(extra)
                pairs.append(["", extra])
        if borrowed:
            element.insert(0, tools.comment(_borrowed_note(len(borrowed))))
        elif len(options) < MATCHING_MINIMUM_ANSWERS:
            element.insert(0, tools.comment(_short_note(len(options))))
        for left, right in pairs:
            sub = tools.sub(element, "subquestion", format=tools.HTML)
            tools.sub(sub, "text", tools.paragraph(left) if left else "")
            tools.sub(tools.sub(sub, "answer"), "text", right)
        return element, borrowed

    def read_moodle(self, element: Any, tools: Any, meta: dict[str, Any]) -> dict | None:
        borrowed = set(meta.get("borrowed") or [])  # the export's, left out again
        pairs, extras = [], []
        for sub in element.findall("subquestion"):
            left = tools.plain(sub)
            right = (sub.findtext("answer/text") or "").strip()
            if left:
                pairs.append([left, right])
            elif right not in borrowed:
                extras.append(right)
        rights = list(dict.fromkeys(pair[1] for pair in pairs))
        return {"type": self.name, "answer": pairs, "choices": rights + extras if extras else []}

    def qti_item(self, body: Any, question: dict[str, Any], tools: Any) -> tuple:
        answer = question["answer"]
        lefts = [pair[0] for pair in answer]
        choices = list(question.get("choices") or [])
        rights = list(dict.fromkeys([pair[1] for pair in answer] + choices))
        interaction = tools.el(body, "matchInteraction", responseIdentifier="RESPONSE",
                               shuffle="true", maxAssociations=str(len(lefts)))  # fmt: skip
        tools.el(interaction, "prompt", question["stem"])
        left_ids = _match_set(tools, interaction, lefts, "L", {})
        # a right-hand option may serve several left-hand items
        uses = {text: sum(1 for pair in answer if pair[1] == text) for text in rights}
        right_ids = _match_set(tools, interaction, rights, "R", uses)
        pairs = [f"{left_ids[left]} {right_ids[right]}" for left, right in answer]
        declaration = tools.declaration("multiple", "directedPair", pairs)
        entries = [(p, tools.share(len(pairs))) for p in pairs]
        tools.mapping(declaration, entries, lowerBound="0", upperBound="1")
        return declaration, "map_response"
