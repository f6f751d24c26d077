"""Bank files: one JSON file per section, validated against the project's schema."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA_PATH = Path(__file__).with_name("question-bank.schema.json")


class BankFileError(ValueError):
    """A bank file is unreadable or does not match the schema."""


@cache
def bank_validator() -> jsonschema.protocols.Validator:
    """A validator for the question-bank schema (Draft 2020-12)."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def validate_bank(data: Any, where: str = "bank") -> None:
    """Raise BankFileError listing the first schema errors of ``data``."""
    errors = sorted(bank_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        details = "; ".join(
            f"{'/'.join(str(p) for p in e.absolute_path) or '(top)'}: {e.message}"
            for e in errors[:5]
        )
        raise BankFileError(f"{where}: {details}")


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
