"""Shared fixtures: the declaration and a second document, parsed and generated once."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.corpus import load_declaration, load_document
from app.generation.bank import build_bank, lesson_texts
from app.generation.draft import Context

DATA = Path(__file__).resolve().parent.parent / "data"
LESSONS = Path(__file__).resolve().parents[2] / "lessons"
SECOND_DOCUMENT = DATA / "norland-sudmark.txt"


@pytest.fixture(scope="session")
def declaration():
    return load_declaration()


@pytest.fixture(scope="session")
def context(declaration):
    return Context.build(declaration)


@pytest.fixture(scope="session")
def lessons():
    return lesson_texts(LESSONS)


@pytest.fixture(scope="session")
def declaration_bank(declaration, lessons):
    return build_bank(declaration, lessons)


@pytest.fixture(scope="session")
def second_document():
    return load_document(SECOND_DOCUMENT)


@pytest.fixture(scope="session")
def second_context(second_document):
    return Context.build(second_document)
