"""Instructor tests: fixtures for a lesson folder of their own and committed questions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask

from tests.conftest import PROJECT_ROOT


@pytest.fixture
def lessons_dir(app: Flask, tmp_path: Path) -> Path:
    """A copy of the shipped lessons that this test's app syncs from and exports to."""
    folder = tmp_path / "lessons"
    shutil.copytree(PROJECT_ROOT / "lessons", folder)
    app.config["LESSONS_DIR"] = str(folder)
    app.config["QUESTION_BANK_DIR"] = str(tmp_path / "no-bank")
    return folder
