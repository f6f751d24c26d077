"""Outside the registry (app/questions) no code branches on a question type's name (issue 13)."""

from __future__ import annotations

import re
from pathlib import Path

from app.questions import QUESTION_TYPES

APP = Path(__file__).resolve().parents[2] / "app"
NAMES = "|".join(QUESTION_TYPES)
# `x == "matching"`, `x != "true_false"`, `x in ("ordering", …)`, `{"short_answer": …}[x]`;
# `kind == "matching"` is left out: there the writers compare a format's own kind names
# (xAPI's and Moodle's "matching"), which the types declare.
BRANCH = re.compile(
    rf'(?<!kind )(?:==|!=)\s*"(?:{NAMES})"'
    rf'|\bin\s*[\(\[\{{]\s*"(?:{NAMES})"'
    rf'|^\s*"(?:{NAMES})"\s*:'
)
# The question generator writes drafts of given types and tunes its choice per type: it
# produces questions of a type rather than serving one, and is outside this rule for now.
EXEMPT = ("questions", "generation")


def branches(root: Path) -> list[str]:
    """Lines under ``root`` that compare a value with a question type's name."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.relative_to(root).parts[0] in EXEMPT:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if BRANCH.search(line):
                found.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    return found


def test_no_code_outside_the_registry_branches_on_a_type_name():
    assert branches(APP) == []


def test_the_check_finds_a_branch(tmp_path):
    module = tmp_path / "quiz" / "views.py"
    module.parent.mkdir()
    module.write_text(
        'if name == "true_false":\n    pass\nif t in ("ordering", "matching"):\n    pass\n'
        'KINDS = {\n    "short_answer": "fill-in",\n}\nif kind == "matching":\n    pass\n'
    )
    assert [line.split(":")[1] for line in branches(tmp_path)] == ["1", "3", "6"]
