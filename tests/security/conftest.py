"""Security tests share the seeded world and the teardown helper for committed questions."""

from __future__ import annotations

import pytest

from tests.factories import _unlink_current_versions  # noqa: F401  (autouse fixture)

from .world import World, seed_world


@pytest.fixture
def world(app) -> World:
    """Two instructors with a cohort each, their students, an admin and S1's attempt."""
    return seed_world(app)
