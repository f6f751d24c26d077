"""A test-only reading of GIFT the way Moodle reads it: a line-by-line port of the parts of
qformat_gift::readquestion (question/format/gift/format.php) that this platform's types use:
comment lines, the escapes and their placeholders, $CATEGORY, ::name::, the first { and the
first }, general feedback after the last ####, the type decision (~ → multichoice, = with -> →
match, T/F, else shortanswer), answer weights, per-answer feedback after #, and
parse_text_with_format's [format] markers. An independent check on what gift.py writes:
it shares no code with the platform's own reader.
"""

from __future__ import annotations

import re

_ESCAPED = ["\\:", "\\#", "\\=", "\\{", "\\}", "\\~", "\\n"]
_HOLDERS = ["&&058;", "&&035;", "&&061;", "&&123;", "&&125;", "&&126;", "&&010"]
_CHARS = [":", "#", "=", "{", "}", "~", "\n"]
_WEIGHT = re.compile(r"^%\-*([0-9]{1,2})\.?([0-9]*)%")


def _pre(text: str) -> str:
    text = text.replace("\\\\", "&&092;")
    for escaped, holder in zip(_ESCAPED, _HOLDERS, strict=True):
        text = text.replace(escaped, holder)
    return text.replace("&&092;", "\\")


def _post(text: str) -> str:
    for holder, char in zip(_HOLDERS, _CHARS, strict=True):
        text = text.replace(holder, char)
    return text


def _with_format(text: str) -> str:
    if text.startswith("["):
        end = text.find("]")
        if text[1:end] in ("moodle", "html", "plain", "markdown"):
            text = text[end + 1 :]
    return _post(text).strip()


def _weight(answer: str) -> tuple[float, str]:
    answer = answer[1:]
    end = answer.find("%")
    return float(answer[:end]) / 100, answer[end + 1 :]


def _comment(answer: str) -> str:
    return _with_format(answer.split("#", 1)[0].strip())


def read_question(lines: list[str]) -> dict | None:
    """One question (its lines) as Moodle reads it: qtype, name, texts, answers."""
    lines = [" " if line.strip().startswith("//") else line for line in lines]
    text = _pre("\n".join(lines).strip())
    if not text or text.startswith("$CATEGORY:"):
        return None
    question: dict = {"name": None}
    if text.startswith("::"):
        text = text[2:]
        end = text.find("::")
        question["name"] = _post(text[:end])
        text = text[end + 2 :].strip()
    start, finish = text.find("{"), text.find("}")
    answertext = text[start + 1 : finish].strip()
    questiontext = text[:start] + text[finish + 1 :]
    split = answertext.rfind("####")
    feedback = ""
    if split >= 0:
        feedback, answertext = answertext[split + 4 :], answertext[:split].strip()
    question["questiontext"] = _with_format(questiontext.strip())
    question["generalfeedback"] = _with_format(feedback.strip())
    if "~" in answertext:
        question["qtype"] = "multichoice"
        question["single"] = "=" in answertext
        answers = [a for a in answertext.replace("=", "~=").split("~")]
        if not answers[0].strip():
            answers = answers[1:]
        question["answers"] = []
        for answer in answers:
            answer = answer.strip()
            if answer.startswith("="):
                fraction, answer = 1.0, answer[1:]
            elif _WEIGHT.match(answer):
                fraction, answer = _weight(answer)
            else:
                fraction = 0.0
            question["answers"].append((fraction, _comment(answer)))
    elif "=" in answertext and "->" in answertext:
        question["qtype"] = "match"
        answers = answertext.split("=")
        if not answers[0].strip():
            answers = answers[1:]
        question["pairs"] = []
        for answer in answers:
            answer = answer.strip()
            marker = answer.find("->")
            left = _with_format(answer[:marker].strip())
            question["pairs"].append((left, _post(answer[marker + 2 :]).strip()))
    elif answertext.split("#", 1)[0].strip() in ("T", "TRUE", "F", "FALSE"):
        question["qtype"] = "truefalse"
        question["answer"] = answertext.split("#", 1)[0].strip() in ("T", "TRUE")
    else:
        question["qtype"] = "shortanswer"
        answers = answertext.split("=")
        if not answers[0].strip():
            answers = answers[1:]
        question["answers"] = []
        for answer in answers:
            answer = answer.strip()
            fraction, answer = _weight(answer) if _WEIGHT.match(answer) else (1.0, answer)
            question["answers"].append((fraction, _comment(answer)))
    return question


def read_file(text: str) -> list[dict]:
    """Every question of a GIFT file, split at blank lines as Moodle's import does."""
    blocks, current = [], []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return [q for q in (read_question(block) for block in blocks) if q is not None]
