"""Progress tests share the teardown helper for committed questions."""

from tests.factories import _unlink_current_versions  # noqa: F401  (autouse fixture)
