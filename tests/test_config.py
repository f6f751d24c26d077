"""The instance secret key: created once, the same for every process that starts together."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

from app.config import load_secret_key


def test_processes_starting_together_share_one_complete_key(tmp_path):
    with ProcessPoolExecutor(max_workers=4) as pool:
        keys = list(pool.map(load_secret_key, [str(tmp_path)] * 16))
    assert len(set(keys)) == 1 and len(keys[0]) == 64
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret_key"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
