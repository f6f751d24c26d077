"""Shared fixtures: the declaration and a second document, parsed and generated once."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.corpus import load_declaration, load_document
from app.generation.bank import build_bank
from app.generation.draft import Context

DATA = Path(__file__).resolve().parent.parent / "data"
SECOND_DOCUMENT = DATA / "norland-sudmark.txt"


@pytest.fixture(scope="session")
def declaration():
    return load_declaration()


@pytest.fixture(scope="session")
def context(declaration):
    return Context.build(declaration)


@pytest.fixture(scope="session")
def declaration_bank(declaration):
    return build_bank(declaration)


@pytest.fixture(scope="session")
def second_document():
    return load_document(SECOND_DOCUMENT)


@pytest.fixture(scope="session")
def second_context(second_document):
    return Context.build(second_document)
