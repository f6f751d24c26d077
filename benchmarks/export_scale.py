"""Time the CSV progress export against `sqlite3 -csv` dumping the same rows, and its memory.

Run: .venv/bin/python benchmarks/export_scale.py [--learners N] [--responses M] [--db FILE]
(defaults small; by hand: --learners 10000 --responses 1000000).

Seeds N learners in one cohort with M responses in all (finished attempts of up to 10 questions
of the shipped bank) into a SQLite file with executemany, then runs
`flask progress export --format csv` in a child process (its wall time and peak RSS), the same
export in this process (export_chunks, as the route streams it, without start-up), and
`sqlite3 -csv` on the export's own SELECT (compiled from app.exports.csv_rows.csv_query), and
prints the ratios. Targets: export ≤ 3× the sqlite3 time, peak RSS ≤ 150 MB.

The seeded answers are "ok" or "=1+1", as a bank's choices repeat; --distinct-answers gives
every response a typed text of its own instead, the worst case for the export's answer cache.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy.dialects import sqlite as sqlite_dialect  # noqa: E402

from app import create_app  # noqa: E402
from app.commands import run_sync  # noqa: E402
from app.exports.csv_rows import csv_query  # noqa: E402
from app.exports.progress import ExportScope  # noqa: E402
from app.extensions import db  # noqa: E402

PER_ATTEMPT = 10
STAMP = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores datetimes in SQLite


def make_database(path: Path) -> list[tuple[str, int, list]]:
    """Create the schema, sync the shipped curriculum; return (question id, version id, choices)."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "SECRET_KEY": "bench"})
    with app.app_context():
        db.create_all()
        run_sync()
        db.session.commit()
        rows = db.session.execute(
            db.text(
                "SELECT q.id, v.id, v.choices FROM questions q "
                "JOIN question_versions v ON v.id = q.current_version_id ORDER BY q.id"
            )
        ).all()
        db.session.remove()
        db.engine.dispose()
    return [(qid, vid, json.loads(choices)) for qid, vid, choices in rows]


def seed(path: Path, learners: int, responses: int, questions: list, distinct: bool) -> None:
    """Bulk-insert the learners, a cohort, attempts, served questions and responses."""
    start = datetime(2026, 1, 5, 8, 0, tzinfo=UTC).replace(tzinfo=None)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute("PRAGMA journal_mode=MEMORY")
    created = start.strftime(STAMP)
    connection.execute(
        "INSERT INTO users (id, username, password_hash, role, created_at) "
        "VALUES (1, 'teacher', '!', 'instructor', ?)",
        (created,),
    )
    connection.execute(
        "INSERT INTO cohorts (id, name, join_code, instructor_id, archived, created_at) "
        "VALUES (1, 'Benchmark class', 'BENCH001', 1, 0, ?)",
        (created,),
    )
    connection.executemany(
        "INSERT INTO users (id, username, password_hash, role, created_at) "
        "VALUES (?, ?, '!', 'student', ?)",
        ((i + 2, f"learner{i:06d}", created) for i in range(learners)),
    )
    connection.executemany(
        "INSERT INTO memberships (cohort_id, user_id, joined_at) VALUES (1, ?, ?)",
        ((i + 2, created) for i in range(learners)),
    )
    per_learner = [
        responses // learners + (1 if i < responses % learners else 0) for i in range(learners)
    ]
    attempts, served, answers = [], [], []
    attempt_id = served_id = 0
    for learner, count in enumerate(per_learner):
        for first in range(0, count, PER_ATTEMPT):
            attempt_id += 1
            size = min(PER_ATTEMPT, count - first)
            began = start + timedelta(minutes=attempt_id)
            picked = [questions[(attempt_id * 7 + k) % len(questions)] for k in range(size)]
            score = sum(k % 3 != 0 for k in range(size))
            ended = (began + timedelta(minutes=5)).strftime(STAMP)
            attempts.append(
                (attempt_id, learner + 2, began.strftime(STAMP), ended, float(score), size)
            )
            for position, (qid, vid, choices) in enumerate(picked, 1):
                served_id += 1
                right = (position - 1) % 3 != 0
                served.append((served_id, attempt_id, position, qid, vid, json.dumps(choices)))
                answered = (began + timedelta(seconds=20 * position)).strftime(STAMP)
                if distinct:  # typed text of its own, a third of it formula-like
                    answer = json.dumps(f"{'' if served_id % 3 else '='}typed answer {served_id}")
                else:
                    answer = json.dumps("ok" if right else "=1+1")
                answers.append((attempt_id, served_id, answer, float(right), int(right), answered))
        if len(answers) >= 100_000:
            _flush(connection, attempts, served, answers)
    _flush(connection, attempts, served, answers)
    connection.commit()
    connection.close()


def _flush(connection, attempts, served, answers) -> None:
    connection.executemany(
        "INSERT INTO attempts (id, user_id, mode, kind, state, section_ids, seed, started_at, "
        "finished_at, score, max_score) VALUES (?, ?, 'practice', 'section', 'finished', '[]', 0, "
        "?, ?, ?, ?)",
        attempts,
    )
    connection.executemany(
        "INSERT INTO served_questions (id, attempt_id, position, question_id, version_id, "
        "choice_order) VALUES (?, ?, ?, ?, ?, ?)",
        served,
    )
    connection.executemany(
        "INSERT INTO responses (attempt_id, served_id, answer, score, correct, answered_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        answers,
    )
    attempts.clear(), served.clear(), answers.clear()


def export_sql() -> str:
    """The CSV export's own SELECT, for everyone, with its bound values written in."""
    query = csv_query(ExportScope())
    return str(
        query.compile(dialect=sqlite_dialect.dialect(), compile_kwargs={"literal_binds": True})
    )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_child(command: list[str], **kwargs) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of a child process."""
    cpu, started = _children_cpu(), time.perf_counter()
    subprocess.run(command, check=True, **kwargs)
    return time.perf_counter() - started, _children_cpu() - cpu


# Runs the flask command line and then writes the process's own peak RSS (kB) to a file. It is
# started through a small launcher: ru_maxrss survives fork and exec, so a child forked from
# this (large, seeded) process would report this process's size, not its own.
LAUNCHER = "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:]))"
CHILD = """
import resource, sys
from flask.cli import main
sys.argv = ["flask", *sys.argv[1:]]
try:
    main()
finally:
    with open(RSS_FILE, "w") as handle:
        handle.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
"""


def run_export(path: Path, out: Path) -> tuple[float, float, float]:
    """Wall s, CPU s and peak RSS (MB) of `flask progress export --format csv` in a child."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "SECRET_KEY": "bench"}
    rss_file = out.with_suffix(".rss")
    code = CHILD.replace("RSS_FILE", repr(str(rss_file)))
    command = [
        sys.executable,
        "-c",
        LAUNCHER,
        sys.executable,
        "-c",
        code,
        "--app",
        "app",
        "progress",
        "export",
    ]
    command += ["--format", "csv", "-o", str(out)]
    wall, cpu = timed_child(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return wall, cpu, int(rss_file.read_text()) / 1024


def run_sqlite3(path: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the sqlite3 shell writing the same rows as CSV."""
    with out.open("wb") as handle:
        return timed_child(["sqlite3", "-csv", "-header", str(path), export_sql()], stdout=handle)


def in_process(path: Path, out: Path, trace: bool) -> tuple[float, float, float | None]:
    """Wall s, CPU s and (with ``trace``) tracemalloc peak MB of the export alone, no start-up."""
    from app.exports.formats import SiteIdentity, export_chunks
    from app.filemodes import write_atomically

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "SECRET_KEY": "bench"})
    with app.app_context():
        platform = SiteIdentity("http://localhost", "bench")
        if trace:
            tracemalloc.start()
        cpu, started = time.process_time(), time.perf_counter()
        write_atomically(out, export_chunks(db.session, ExportScope(), "csv", platform))
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
        tracemalloc.stop()
        db.session.remove()
        db.engine.dispose()
    return wall, cpu, peak


def _csv_rows(path: Path) -> int:
    """Rows of a CSV file with a header row."""
    with path.open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=500)
    parser.add_argument("--responses", type=int, default=50_000)
    parser.add_argument("--db", type=Path, default=None, help="SQLite file (default: temporary)")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python memory")
    parser.add_argument(
        "--distinct-answers", action="store_true", help="no two responses with the same answer"
    )
    args = parser.parse_args()
    if shutil.which("sqlite3") is None:
        sys.exit("the sqlite3 shell is missing: apt-get install -y sqlite3")
    folder = Path(tempfile.mkdtemp(prefix="export-scale-"))
    path = args.db or folder / "bench.db"
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    seed(path, args.learners, args.responses, make_database(path), args.distinct_answers)
    seeded = time.perf_counter() - started
    print(f"seeded {args.learners} learners, {args.responses} responses in {seeded:.1f} s ({path})")
    run_sqlite3(path, folder / "sqlite3.csv")  # warm the OS file cache: every run reads it warm
    sq_wall, sq_cpu = run_sqlite3(path, folder / "sqlite3.csv")
    ex_wall, ex_cpu, peak_mb = run_export(path, folder / "export.csv")
    ip_wall, ip_cpu, traced = in_process(path, folder / "in-process.csv", args.tracemalloc)
    rows, sq_rows = (_csv_rows(folder / name) for name in ("export.csv", "sqlite3.csv"))
    if not rows == sq_rows == _csv_rows(folder / "in-process.csv"):
        sys.exit(f"row counts differ: CLI {rows}, sqlite3 {sq_rows}")
    print(f"{'':34}{'wall s':>9}{'CPU s':>9}")
    print(f"{'sqlite3 -csv (same SELECT)':34}{sq_wall:9.2f}{sq_cpu:9.2f}   {sq_rows} rows")
    print(f"{'flask progress export (CLI)':34}{ex_wall:9.2f}{ex_cpu:9.2f}   {rows} rows")
    print(f"{'export in-process (no start-up)':34}{ip_wall:9.2f}{ip_cpu:9.2f}")
    print(
        f"ratio CLI / sqlite3:        wall {ex_wall / sq_wall:6.2f}x   CPU {ex_cpu / sq_cpu:6.2f}x"
    )
    print(
        f"ratio in-process / sqlite3: wall {ip_wall / sq_wall:6.2f}x   CPU {ip_cpu / sq_cpu:6.2f}x"
    )
    print("  (target <= 3x)")
    print(f"export peak RSS (CLI child): {peak_mb:.1f} MB (target <= 150 MB)")
    if traced is not None:
        print(f"export tracemalloc peak:     {traced:.1f} MB")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
