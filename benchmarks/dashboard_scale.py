"""Scale benchmark: a 1,000-learner class's dashboard and gradebook (< 0.5 s, <= 10 queries).

    .venv/bin/python benchmarks/dashboard_scale.py [--learners N] [--repeat N] [--database-url URL]

Seeds, in bulk, the shipped curriculum and a cohort whose every learner has progress in every
section and two finished 10-question attempts with their responses (20 responses a learner), and
six assignments, each learner with a finished attempt at four of them (some late) and one in
progress, in a fresh SQLite file (or an empty PostgreSQL database given by --database-url). Two
of the finished assignments hold an essay (one of the lessons' discussion questions): a quarter
of the learners' essays await their grade (the attempt shows "awaiting grading" and has no score
in the gradebook yet), the others are graded with a comment. Then an instructor requests the
dashboard (default order, sorted by a section, last page), the gradebook (default, sorted by an
assignment, last page, CSV) and the grading queue through the app; prints the median and worst
time per view and the number of SQL statements each ran.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from sqlalchemy import event  # noqa: E402

from app import create_app  # noqa: E402
from app.commands import run_sync  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import (  # noqa: E402
    Assignment,
    Attempt,
    AttemptKind,
    AttemptMode,
    AttemptState,
    GradingState,
    MasteryLevel,
    Membership,
    Question,
    Response,
    ResponseGrade,
    Role,
    SectionProgress,
    ServedQuestion,
    ShowAnswers,
    User,
)
from app.questions import self_graded_types  # noqa: E402
from tests.factories import make_cohort, make_user  # noqa: E402

TARGET_SECONDS, TARGET_QUERIES = 0.5, 10
T0 = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)


def seed(learners: int) -> tuple[int, str]:
    """Curriculum, one instructor, a cohort of ``learners`` with attempts and responses."""
    run_sync()
    teacher = make_user(username="teacher", role=Role.INSTRUCTOR)
    cohort = make_cohort(instructor=teacher, name="Big class")
    questions = db.session.execute(
        sa.select(Question.id, Question.section_id, Question.current_version_id).where(
            Question.type.in_(self_graded_types())  # a practice quiz serves no essay
        )
    ).all()
    by_section: dict[str, list] = {}
    for row in questions:
        by_section.setdefault(row.section_id, []).append(row)
    sections = sorted(by_section)
    first = (db.session.scalar(sa.select(sa.func.max(User.id))) or 0) + 1
    ids = list(range(first, first + learners))
    db.session.execute(sa.insert(User), [
        {"id": i, "username": f"learner{i:05d}", "password_hash": "-", "role": Role.STUDENT}
        for i in ids
    ])  # fmt: skip
    joined = T0 - timedelta(days=1)  # a class counts work from joining: all of it here
    db.session.execute(
        sa.insert(Membership),
        [{"cohort_id": cohort.id, "user_id": i, "joined_at": joined} for i in ids],
    )
    levels = list(MasteryLevel)
    db.session.execute(sa.insert(SectionProgress), [
        {"user_id": i, "section_id": s, "level": levels[(i + n) % len(levels)],
         "best_score": 0.1 * ((i + n) % 10), "attempts_count": 2, "last_activity": T0}
        for i in ids for n, s in enumerate(sections)
    ])  # fmt: skip
    attempt_rows, served_rows, response_rows = [], [], []
    attempt_id = (db.session.scalar(sa.select(sa.func.max(Attempt.id))) or 0) + 1
    served_id = (db.session.scalar(sa.select(sa.func.max(ServedQuestion.id))) or 0) + 1
    for i in ids:
        for k in range(2):
            section = sections[(i + k) % len(sections)]
            chosen = by_section[section][:10]
            score = 0.0
            for position, question in enumerate(chosen, start=1):
                correct = (i + k + position) % 3 != 0
                score += 1.0 if correct else 0.0
                served_rows.append({"id": served_id, "attempt_id": attempt_id,
                                    "position": position, "question_id": question.id,
                                    "version_id": question.current_version_id,
                                    "choice_order": []})  # fmt: skip
                response_rows.append({"attempt_id": attempt_id, "served_id": served_id,
                                      "answer": "x", "score": 1.0 if correct else 0.0,
                                      "correct": correct,
                                      "answered_at": T0 + timedelta(seconds=position)})  # fmt: skip
                served_id += 1
            attempt_rows.append({"id": attempt_id, "user_id": i, "mode": AttemptMode.PRACTICE,
                                 "kind": AttemptKind.SECTION, "state": AttemptState.FINISHED,
                                 "section_ids": [section], "seed": attempt_id, "started_at": T0,
                                 "finished_at": T0 + timedelta(seconds=60 * (k + 1)),
                                 "score": score, "max_score": len(chosen)})  # fmt: skip
            attempt_id += 1
    db.session.execute(sa.insert(Attempt), attempt_rows)
    db.session.execute(sa.insert(ServedQuestion), served_rows)
    db.session.execute(sa.insert(Response), response_rows)
    assignment_ids = seed_assignments(cohort.id, teacher.id, ids, sections, attempt_id)
    db.session.commit()
    return cohort.id, sections[2], assignment_ids[1]


def seed_assignments(
    cohort_id: int, teacher_id: int, ids: list[int], sections: list[str], attempt_id: int
):
    """Six assignments; each learner finished four (every fifth one late) and has one open.
    The second and the fourth hold an essay, graded or awaiting its grade (seed_essays)."""
    assignment_ids = list(
        db.session.scalars(
            sa.insert(Assignment).returning(Assignment.id, sort_by_parameter_order=True),
            [
                {"cohort_id": cohort_id, "title": f"Week {n + 1}", "section_ids": [sections[n]],
                 "count": 10, "mode": AttemptMode.TEST, "time_limit": 20,
                 "opens_at": T0 + timedelta(days=7 * n), "due_at": T0 + timedelta(days=7 * n + 5),
                 "attempts_allowed": 2, "show_answers": ShowAnswers.AFTER_DUE}
                for n in range(6)
            ],
        )
    )  # fmt: skip
    rows, essays = [], []
    for i in ids:
        for n, assignment_id in enumerate(assignment_ids[:5]):
            done = n < 4
            finished = T0 + timedelta(days=7 * n + (6 if i % 5 == 0 else 1))
            waiting = int(done and n in ESSAY_WEEKS and i % 4 == 0)
            rows.append({"id": attempt_id, "user_id": i, "mode": AttemptMode.TEST,
                         "kind": AttemptKind.SECTION,
                         "state": AttemptState.FINISHED if done else AttemptState.IN_PROGRESS,
                         "section_ids": [sections[n]], "seed": attempt_id,
                         "started_at": finished - timedelta(minutes=15),
                         "finished_at": finished if done else None,
                         "score": float((i + n) % 11) if done else None,
                         "max_score": 11 if n in ESSAY_WEEKS else 10,
                         "assignment_id": assignment_id, "attempt_number": 1,
                         "ungraded": waiting})  # fmt: skip
            if done and n in ESSAY_WEEKS:
                essays.append((attempt_id, n, bool(waiting), finished))
            attempt_id += 1
    db.session.execute(sa.insert(Attempt), rows)
    seed_essays(teacher_id, sections, essays)
    return assignment_ids


ESSAY_WEEKS = (1, 3)  # the assignments whose test holds an essay


def seed_essays(teacher_id: int, sections: list[str], essays: list[tuple]) -> None:
    """Each (attempt, week, waiting, finished): its essay served last, answered, and graded
    with a comment unless it waits for the instructor."""
    essay = {}
    for n in ESSAY_WEEKS:
        essay[n] = db.session.execute(
            sa.select(Question.id, Question.current_version_id)
            .where(Question.type == "essay", Question.section_id == sections[n])
            .order_by(Question.id)
        ).first()
        assert essay[n] is not None, f"no essay in {sections[n]}: the lessons make them"
    served_id = (db.session.scalar(sa.select(sa.func.max(ServedQuestion.id))) or 0) + 1
    response_id = (db.session.scalar(sa.select(sa.func.max(Response.id))) or 0) + 1
    served_rows, response_rows, grade_rows = [], [], []
    for attempt_id, n, waiting, finished in essays:
        question_id, version_id = essay[n]
        points = float(attempt_id % 4)  # of 4 criteria
        served_rows.append({"id": served_id, "attempt_id": attempt_id, "position": 11,
                            "question_id": question_id, "version_id": version_id,
                            "choice_order": []})  # fmt: skip
        response_rows.append({"id": response_id, "attempt_id": attempt_id,
                              "served_id": served_id, "answer": "An essay of a few lines.",
                              "score": 0.0 if waiting else points / 4, "correct": points == 4,
                              "answered_at": finished,
                              "grading": GradingState.AWAITING if waiting
                              else GradingState.GRADED})  # fmt: skip
        if not waiting:
            grade_rows.append({"response_id": response_id, "points": points, "max_points": 4,
                               "comment": "Cite the paragraph.", "grader_id": teacher_id,
                               "graded_at": finished + timedelta(days=1)})  # fmt: skip
        served_id += 1
        response_id += 1
    db.session.execute(sa.insert(ServedQuestion), served_rows)
    db.session.execute(sa.insert(Response), response_rows)
    db.session.execute(sa.insert(ResponseGrade), grade_rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", help="an empty PostgreSQL database (default: SQLite)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-dashboard-"))
    url = args.database_url or f"sqlite:///{workdir / 'dashboard.db'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench",
                      "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})  # fmt: skip
    with app.app_context():
        db.create_all()
        started = time.perf_counter()
        cohort_id, section, assignment_id = seed(args.learners)
        print(f"seeded {args.learners} learners in {time.perf_counter() - started:.1f}s ({url})")
        engine = db.engine
    client = app.test_client()
    login = {"username": "teacher", "password": "correct-horse-battery"}
    assert client.post("/auth/login", data=login).status_code == 302
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    failed = False
    print(f"{'view':<24}{'median s':>10}{'worst s':>10}{'queries':>9}")
    dashboard, gradebook = f"/instructor/classes/{cohort_id}", f"/classes/{cohort_id}/gradebook"
    last = -(-args.learners // 100)
    for label, url in (
        ("dashboard", dashboard),
        ("  sorted by a section", f"{dashboard}?sort={section}&dir=desc"),
        ("  last page", f"{dashboard}?sort=time&page={last}"),
        ("gradebook", gradebook),
        ("  sorted by assignment", f"{gradebook}?sort=a{assignment_id}&dir=desc"),
        ("  last page", f"{gradebook}?sort=average&page={last}"),
        ("  CSV", f"/classes/{cohort_id}/gradebook.csv"),
        ("grading queue", f"/classes/{cohort_id}/grading"),
    ):
        times, counts = [], []
        for _ in range(args.repeat):
            statements.clear()
            started = time.perf_counter()
            response = client.get(url)
            response.get_data()
            times.append(time.perf_counter() - started)
            counts.append(len(statements))
            assert response.status_code == 200, response.status_code
        median, worst, queries = statistics.median(times), max(times), max(counts)
        ok = median < TARGET_SECONDS and queries <= TARGET_QUERIES
        failed |= not ok
        print(f"{label:<24}{median:>10.3f}{worst:>10.3f}{queries:>9}  {'ok' if ok else 'BELOW'}")
    print(f"targets: median < {TARGET_SECONDS}s, at most {TARGET_QUERIES} queries")
    shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
