"""Bank files: one JSON file per section, validated against the project's schemas.

Two formats are read: v1 (generated questions only, all served) and v2 (every question has a
``fact`` and a ``review``; only approved questions are served). A file is v2 when any of its
questions carries ``review``; the generator writes v2.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA_PATH = Path(__file__).with_name("question-bank.schema.json")  # v1
SCHEMA_V2_PATH = Path(__file__).with_name("question-bank.v2.schema.json")
SCHEMAS = {1: SCHEMA_PATH, 2: SCHEMA_V2_PATH}
V2_ONLY_FIELDS = ("fact", "review", "origin", "generated", "objective")


class BankFileError(ValueError):
    """A bank file is unreadable or does not match the schema."""


@cache
def bank_validator(version: int = 2) -> jsonschema.protocols.Validator:
    """A validator for the question-bank schema of ``version`` (Draft 2020-12)."""
    schema = json.loads(SCHEMAS[version].read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def bank_version(data: Any) -> int:
    """2 when any question carries a review (the v2 format), else 1."""
    questions = data.get("questions") if isinstance(data, dict) else None
    if isinstance(questions, list) and any(
        isinstance(q, dict) and "review" in q for q in questions
    ):
        return 2
    return 1


def validate_bank(data: Any, where: str = "bank") -> None:
    """Raise BankFileError listing the first schema errors of ``data``, naming the questions."""
    validator = bank_validator(bank_version(data))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        details = "; ".join(_describe(data, e) for e in errors[:5])
        raise BankFileError(f"{where}: {details}")


def _describe(data: Any, error: jsonschema.ValidationError) -> str:
    """Where an error is: the question's id when it has one, then the field's path."""
    path = list(error.absolute_path)
    where = "/".join(str(p) for p in path) or "(top)"
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        question = data["questions"][path[1]]
        qid = question.get("id") if isinstance(question, dict) else None
        if isinstance(qid, str):
            rest = "/".join(str(p) for p in path[2:]) or "(question)"
            where = f"question {qid} ({rest})"
    return f"{where}: {error.message}"


def read_bank_file(path: Path) -> dict[str, Any]:
    """Read and validate one bank file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BankFileError(f"{path}: not a readable JSON file ({exc})") from exc
    validate_bank(data, str(path))
    return data


def read_bank(directory: str | Path) -> list[dict[str, Any]]:
    """Every bank file in ``directory`` (none when it does not exist), by file name."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    return [read_bank_file(path) for path in sorted(directory.glob("*.json"))]


def bank_filename(order: int, section_id: str) -> str:
    """A stable file name: the section's order and its id cut to 40 characters."""
    return f"{order:02d}-{section_id[:40].rstrip('-')}.json"


def dump_bank(bank: dict[str, Any]) -> str:
    """Deterministic JSON text for one bank file (indent 2, UTF-8 as is, final newline)."""
    return json.dumps(bank, ensure_ascii=False, indent=2) + "\n"


def render_banks(banks: list[dict[str, Any]]) -> dict[str, str]:
    """File name -> file text for each section's bank, validated."""
    files = {}
    for order, bank in enumerate(banks, 1):
        validate_bank(bank, bank["section_id"])
        files[bank_filename(order, bank["section_id"])] = dump_bank(bank)
    return files


def write_bank(files: dict[str, str], directory: str | Path) -> None:
    """Replace ``directory`` with exactly ``files``, all at once (temp folder, then rename)."""
    target = Path(directory).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private; the folder is shared content
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
            os.replace(target, old / target.name)
        os.replace(staging, target)
        if old is not None:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def v1_view(bank: dict[str, Any]) -> dict[str, Any]:
    """``bank`` without the v2 fields: what a v1 file of the same questions holds."""
    questions = []
    for question in bank["questions"]:
        plain = {k: v for k, v in question.items() if k not in V2_ONLY_FIELDS}
        if "source" in plain:
            plain["source"] = {k: v for k, v in plain["source"].items() if k != "kind"}
        questions.append(plain)
    return {**bank, "questions": questions}


def _umask() -> int:
    """The process's umask (read by setting it, then putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def stale_files(files: dict[str, str], directory: str | Path) -> list[str]:
    """What differs between ``files`` and the folder: missing, changed or extra files."""
    directory = Path(directory)
    present = {p.name for p in directory.glob("*.json")} if directory.is_dir() else set()
    problems = [f"{name}: missing" for name in sorted(set(files) - present)]
    problems += [f"{name}: not produced by the generator" for name in sorted(present - set(files))]
    for name in sorted(set(files) & present):
        if (directory / name).read_text(encoding="utf-8") != files[name]:
            problems.append(f"{name}: out of date")
    return problems
