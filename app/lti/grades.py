"""Assignment and Grade Services: a finished attempt launched from an LMS link queues its score,
sent to the link's line item with retries; every try is logged on the row (flush, never
commit: the sender commits each result itself, see send_due)."""

from __future__ import annotations

from datetime import datetime, timedelta

import requests
import sqlalchemy as sa
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.exception import LtiException, LtiServiceException
from pylti1p3.grade import Grade
from pylti1p3.lineitem import LineItem
from sqlalchemy.orm import Session

from ..models import Attempt
from .launches import SCORE_SCOPE
from .models import GradeStatus, LtiAttempt, LtiGradeSend, LtiResourceLink
from .tool import ServiceConnector, registration_of

LINEITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
# waits between tries: an LMS down for a night still gets the score in the morning
BACKOFF = [timedelta(minutes=m) for m in (1, 5, 30, 120, 720, 1440)]
MAX_TRIES = len(BACKOFF) + 1
LEASE = timedelta(minutes=2)  # a sender's claim on a row, so two never send it at once
SESSION_KEY = "lti_grades_queued"


def queue_grade(session: Session, attempt: Attempt) -> LtiGradeSend | None:
    """Queue the score of a finished attempt started from an LMS link that takes scores."""
    row = session.execute(
        sa.select(LtiAttempt, LtiResourceLink)
        .join(LtiResourceLink, LtiResourceLink.id == LtiAttempt.link_id)
        .where(LtiAttempt.attempt_id == attempt.id)
    ).first()
    if row is None or not row.LtiResourceLink.score_scope:
        return None
    grade = LtiGradeSend(
        attempt_id=attempt.id, link_id=row.LtiResourceLink.id, sub=row.LtiAttempt.sub,
        score_given=float(attempt.score or 0), score_maximum=float(attempt.max_score or 0),
        created_at=attempt.finished_at, next_try_at=attempt.finished_at,
    )  # fmt: skip
    session.add(grade)
    session.flush()
    session.info.setdefault(SESSION_KEY, []).append(grade.id)
    return grade


def _on_finished(session: Session, attempt: Attempt) -> None:
    if attempt.ungraded:  # an essay waits for its grade: the LMS gets the score once graded
        return
    queue_grade(session, attempt)


def _on_graded(session: Session, attempt: Attempt) -> None:
    """An attempt's essays are graded (or regraded): queue its score, or queue it again."""
    grade = session.scalar(sa.select(LtiGradeSend).where(LtiGradeSend.attempt_id == attempt.id))
    if grade is None:
        queue_grade(session, attempt)
        return
    grade.score_given = float(attempt.score or 0)
    grade.score_maximum = float(attempt.max_score or 0)
    grade.status, grade.tries, grade.last_error = GradeStatus.PENDING, 0, ""
    grade.next_try_at = grade.created_at
    session.flush()
    session.info.setdefault(SESSION_KEY, []).append(grade.id)


def _claim(session: Session, grade_id: int, now: datetime) -> bool:
    """Take a due row for this sender (one conditional UPDATE: a racing sender gets 0 rows)."""
    claimed = session.execute(
        sa.update(LtiGradeSend)
        .where(
            LtiGradeSend.id == grade_id,
            LtiGradeSend.status == GradeStatus.PENDING,
            LtiGradeSend.next_try_at <= now,
        )
        .values(next_try_at=now + LEASE)
        .returning(LtiGradeSend.id)
    ).first()
    return claimed is not None


def _line_item(ags: AssignmentsGradesService, link: LtiResourceLink) -> LineItem:
    if link.lineitem_url:
        return LineItem({"id": link.lineitem_url})
    # no line item from deep linking: made (or found) for the link on first passback
    wanted = LineItem().set_label(link.title or "Quiz").set_score_maximum(100)
    wanted.set_resource_link_id(link.resource_link_id).set_resource_id(link.resource or "quiz")
    item = ags.find_or_create_lineitem(wanted, find_by="resource_link_id")
    link.lineitem_url = item.get_id()
    return item


def send_one(session: Session, grade: LtiGradeSend, http: requests.Session, now: datetime) -> bool:
    """One try at sending ``grade``; its row records the outcome. True when sent."""
    link = grade.link
    context = link.context
    connector = ServiceConnector(registration_of(context.platform), http)
    scopes = [SCORE_SCOPE] + ([LINEITEM_SCOPE] if not link.lineitem_url else [])
    service = {"scope": scopes, "lineitem": link.lineitem_url or "",
               "lineitems": context.lineitems_url or ""}  # fmt: skip
    ags = AssignmentsGradesService(connector, service)  # type: ignore[arg-type]
    score = (
        Grade().set_score_given(grade.score_given).set_score_maximum(grade.score_maximum)
        .set_activity_progress("Completed").set_grading_progress("FullyGraded")
        .set_timestamp(grade.attempt.finished_at or now).set_user_id(grade.sub)
    )  # fmt: skip
    grade.tries += 1
    try:
        ags.put_grade(score, _line_item(ags, link))
    except (LtiException, requests.RequestException, KeyError, ValueError) as exc:
        _failed(grade, _describe(exc), now)
        return False
    grade.status, grade.sent_at, grade.last_error = GradeStatus.SENT, now, ""
    session.flush()
    return True


def _describe(exc: Exception) -> str:
    if isinstance(exc, LtiServiceException):
        return str(exc)[:500]
    return f"{type(exc).__name__}: {exc}"[:500]


def _failed(grade: LtiGradeSend, error: str, now: datetime) -> None:
    grade.last_error = error
    if grade.tries >= MAX_TRIES:
        grade.status = GradeStatus.FAILED
    else:
        grade.next_try_at = now + BACKOFF[grade.tries - 1]


def due_grades(session: Session, now: datetime, limit: int = 100) -> list[int]:
    """Ids of pending grades whose next try is due (the late passback's work)."""
    query = (
        sa.select(LtiGradeSend.id)
        .where(LtiGradeSend.status == GradeStatus.PENDING, LtiGradeSend.next_try_at <= now)
        .order_by(LtiGradeSend.next_try_at)
        .limit(limit)
    )
    return list(session.scalars(query))


def send_due(session: Session, ids: list[int], http: requests.Session, now: datetime) -> int:
    """Send each of these grades that is due, committing each claim and each result (a slow
    LMS must not hold a transaction open, nor a crash lose what was sent); how many went."""
    sent = 0
    for grade_id in ids:
        if not _claim(session, grade_id, now):
            session.rollback()
            continue
        session.commit()
        grade = session.get(LtiGradeSend, grade_id)
        sent += send_one(session, grade, http, now)
        session.commit()
    return sent


def retry_now(session: Session, grade: LtiGradeSend, now: datetime) -> None:
    """Make a failed or waiting grade due at once (an instructor's "Send again")."""
    if grade.status is GradeStatus.SENT:
        return
    grade.status, grade.next_try_at = GradeStatus.PENDING, now
    if grade.tries >= MAX_TRIES:
        grade.tries = MAX_TRIES - 1  # one more try; failing again marks it failed again
    session.flush()


def class_log(session: Session, cohort_id: int, limit: int = 200) -> list[LtiGradeSend]:
    """The latest grades sent (or not) for a class's LMS links."""
    from .models import LtiContext

    query = (
        sa.select(LtiGradeSend)
        .join(LtiResourceLink, LtiResourceLink.id == LtiGradeSend.link_id)
        .join(LtiContext, LtiContext.id == LtiResourceLink.context_pk)
        .where(LtiContext.cohort_id == cohort_id)
        .order_by(LtiGradeSend.created_at.desc(), LtiGradeSend.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))
