"""Who may use which endpoint: the explicit table the url_map tests check every route against.

Every endpoint in ``app.url_map`` must be listed here, or the tests fail: a new route is
classified on purpose, not by accident. Outcomes per role:
- "ok": reaches the view (2xx, a redirect that is not to the log-in page, or a 4xx of the
  view's own such as 400 for an empty form or 409 for a wrong state);
- "denied": 403, or 404 where another user's object is hidden as if missing;
- "login": anonymous is sent to the log-in page (or 401 for the token API).
"""

from __future__ import annotations

from .world import ROLES


def _policy(**outcomes: str) -> dict[str, str]:
    assert set(outcomes) == set(ROLES), outcomes
    return outcomes


PUBLIC = _policy(
    anonymous="ok", student="ok", other_student="ok",
    cohort_instructor="ok", other_instructor="ok", admin="ok",
)  # fmt: skip
USER = _policy(
    anonymous="login", student="ok", other_student="ok",
    cohort_instructor="ok", other_instructor="ok", admin="ok",
)  # fmt: skip
# an attempt belongs to its learner alone (instructors read results on their own pages)
OWNER = _policy(
    anonymous="login", student="ok", other_student="denied",
    cohort_instructor="denied", other_instructor="denied", admin="denied",
)  # fmt: skip
# an assignment is for the members of its class (and each sees only their own standing)
MEMBER = _policy(
    anonymous="login", student="ok", other_student="denied",
    cohort_instructor="denied", other_instructor="denied", admin="denied",
)  # fmt: skip
INSTRUCTOR = _policy(
    anonymous="login", student="denied", other_student="denied",
    cohort_instructor="ok", other_instructor="ok", admin="ok",
)  # fmt: skip
# the cohort (and its learners) of instructor A: A and admins only
COHORT = _policy(
    anonymous="login", student="denied", other_student="denied",
    cohort_instructor="ok", other_instructor="denied", admin="ok",
)  # fmt: skip
ADMIN = _policy(
    anonymous="login", student="denied", other_student="denied",
    cohort_instructor="denied", other_instructor="denied", admin="ok",
)  # fmt: skip

# a class's answer graded by hand: the seeded answer is graded automatically, so its grading
# page is hidden from everyone as if missing (404); the queue itself is the class's
HAND_GRADED_ONLY = _policy(
    anonymous="login", student="denied", other_student="denied",
    cohort_instructor="denied", other_instructor="denied", admin="denied",
)  # fmt: skip

ACCESS = {
    "static": PUBLIC,
    "main.index": PUBLIC,
    "main.healthz": PUBLIC,
    "main.favicon": PUBLIC,
    "main.whats_next": USER,
    # account pages: open to all (logged-in users are redirected home), log-out for anyone
    "auth.login": PUBLIC,
    "auth.register": PUBLIC,
    "auth.logout": PUBLIC,
    "auth.password": USER,
    "auth.time_zone": USER,
    "auth.delete": USER,
    "auth.logout_everywhere": USER,
    # the student's own API token: another account's is hidden as if missing
    "auth.revoke_api_token": OWNER,
    "lessons.index": PUBLIC,
    "lessons.show": PUBLIC,
    "classes.mine": USER,
    "classes.join": USER,
    "classes.assignment": MEMBER,
    "classes.start": MEMBER,
    "classes.assignments": COHORT,
    "classes.create": COHORT,
    "classes.time_zone": COHORT,
    "classes.gradebook": COHORT,
    "classes.gradebook_csv": COHORT,
    "classes.learner_grades": COHORT,
    "classes.accommodations": COHORT,
    "classes.accommodate": COHORT,
    "classes.remove_accommodation": COHORT,
    "classes.reopen": COHORT,
    "classes.grading": COHORT,
    "classes.grade_next": COHORT,
    "classes.grade": HAND_GRADED_ONLY,
    "classes.save_grade": HAND_GRADED_ONLY,
    "progress.dashboard": USER,
    "progress.my_data": USER,
    "quiz.index": USER,
    "quiz.start": USER,
    "quiz.review_due": USER,
    "quiz.take": OWNER,
    "quiz.answer": OWNER,
    "quiz.feedback": OWNER,
    "quiz.save": OWNER,
    "quiz.finish": OWNER,
    "quiz.confirm_finish": OWNER,
    "quiz.review": OWNER,
    "instructor.index": INSTRUCTOR,
    "instructor.create_class": INSTRUCTOR,
    "instructor.dashboard": COHORT,
    "bank.item_statistics": COHORT,
    "bank.item_analysis": COHORT,
    "bank.item_analysis_csv": COHORT,
    "instructor.learner": COHORT,
    "instructor.archive_class": COHORT,
    "lesson_editing.lessons": INSTRUCTOR,
    "lesson_editing.edit_lesson": INSTRUCTOR,
    "lesson_editing.lesson_history": INSTRUCTOR,
    "lesson_editing.lesson_revision": INSTRUCTOR,
    "lesson_editing.restore_lesson_revision": INSTRUCTOR,
    "bank.propose_lesson_questions": INSTRUCTOR,
    "bank.questions": INSTRUCTOR,
    "bank.question": INSTRUCTOR,
    "bank.new_question": INSTRUCTOR,
    "bank.edit_question_page": INSTRUCTOR,
    "bank.approve_question": INSTRUCTOR,
    "bank.reject_question": INSTRUCTOR,
    "bank.review_questions": INSTRUCTOR,
    "bank.regrade_preview": INSTRUCTOR,
    "bank.regrade_apply": INSTRUCTOR,
    "bank.accept_answer_page": INSTRUCTOR,
    "exports.index": INSTRUCTOR,
    "exports.progress": COHORT,
    "bank.bank": INSTRUCTOR,
    "bank.bank_import": INSTRUCTOR,
    # JSON API (bearer tokens; "login" means 401 without a token)
    "api.openapi": PUBLIC,
    "api.token": PUBLIC,
    "api.sections": PUBLIC,
    "api.section": PUBLIC,
    "api.start_attempt": USER,
    "api.my_progress": USER,
    "api.get_attempt": OWNER,
    "api.put_response": OWNER,
    "api.finish": OWNER,
    "admin.people": ADMIN,
    "admin.person": ADMIN,
    "admin.set_role": ADMIN,
    "admin.set_password": ADMIN,
    "admin.delete_person": ADMIN,
    "admin.hand_over": ADMIN,
    # LTI: the LMS's requests prove themselves (id_token, state), not by a log-in
    "lti.jwks": PUBLIC,
    "lti.login": PUBLIC,
    "lti.launch": PUBLIC,
    "lti.enter": PUBLIC,  # a used or unknown ticket: 410 for everyone
    "lti.register": PUBLIC,  # opened by an LMS; without its configuration, 400 for everyone
    "lti.deep_link": INSTRUCTOR,
    "lti.class_page": COHORT,
    "lti.pull": COHORT,
    "lti.retry": COHORT,
    "lti_admin.platforms": ADMIN,
    "lti_admin.registration_url": ADMIN,
    "lti_admin.new_platform": ADMIN,
    "lti_admin.add_platform_deployment": ADMIN,
}

# Roles tried first: those refused, so that an allowed POST cannot change what they see.
ROLE_ORDER = (
    "anonymous",
    "other_student",
    "other_instructor",
    "student",
    "cohort_instructor",
    "admin",
)
