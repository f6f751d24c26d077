"""Production fixtures: one migrated database with two accounts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests import pgtools
from tests.servers import init_database, make_learners


@pytest.fixture(scope="module")
def shared_database(tmp_path_factory) -> Iterator[str]:
    """The servers' one database, with learner0 and learner1: PostgreSQL in CI's second pass."""
    server = pgtools.postgres_url()
    if server:
        with pgtools.scratch_database(server, "limits") as url:
            init_database(url)
            make_learners(url, 2)
            yield url
        return
    url = f"sqlite:///{tmp_path_factory.mktemp('limits') / 'shared.db'}"
    init_database(url)
    make_learners(url, 2)
    yield url
