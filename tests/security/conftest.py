"""Security tests share a world seeded once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app import create_app
from app.extensions import db

from .world import World, seed_world


@pytest.fixture(scope="session")
def world_template(tmp_path_factory, postgres_test_url) -> tuple[Path, World] | None:
    """On SQLite, the world seeded once into a file that each test copies (much faster)."""
    if postgres_test_url:
        return None
    path = tmp_path_factory.mktemp("world") / "world.db"
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "world-template",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        db.create_all()
    world = seed_world(app)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    return path, world


@pytest.fixture
def world(app, world_template) -> World:
    """Two instructors with a cohort each, their students, an admin and S1's attempt."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if world_template is None or not url.startswith("sqlite:///"):
        return seed_world(app)
    template, seeded = world_template
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    shutil.copyfile(template, url.removeprefix("sqlite:///"))
    return seeded
