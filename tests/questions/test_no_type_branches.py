"""Outside the registry (app/questions) no code or template branches on a question type's name
(issue 13): the type is asked instead."""

from __future__ import annotations

import re
from pathlib import Path

from app.questions import QUESTION_TYPES

APP = Path(__file__).resolve().parents[2] / "app"
NAMES = "|".join(QUESTION_TYPES)
QUOTED = rf"""["'](?:{NAMES})["']"""
# `x == "matching"`, `x != 'true_false'`, `x in ("ordering", …)`, `{"short_answer": …}[x]`
BRANCH = re.compile(
    rf"(?:==|!=)\s*{QUOTED}|{QUOTED}\s*(?:==|!=)|\bin\s*[\(\[\{{]\s*{QUOTED}|^\s*{QUOTED}\s*:"
)
# The question generator writes drafts of given types and tunes its choice per type: it
# produces questions of a type rather than serving one, and is outside this rule for now.
EXEMPT = ("questions", "generation")


def branches(root: Path) -> list[str]:
    """Lines of modules and templates under ``root`` that compare with a type's name."""
    found = []
    for path in sorted([*root.rglob("*.py"), *root.rglob("*.html")]):
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
        "label = 'matching'\n"
    )
    template = tmp_path / "templates" / "quiz" / "_inputs.html"
    template.parent.mkdir(parents=True)
    template.write_text(
        "{% if q.type == 'ordering' %}\n{% elif q.type in ('multiple_choice', 'x') %}\n"
        "{{ q.type | replace('_', ' ') }}\n"
    )
    found = [line.split(":")[:2] for line in branches(tmp_path)]
    views, inputs = "quiz/views.py", "templates/quiz/_inputs.html"
    assert found == [
        [views, "1"],
        [views, "3"],
        [views, "6"],
        [views, "8"],
        [inputs, "1"],
        [inputs, "2"],
    ]
