"""Property-based (Hypothesis) over the whole url_map: no request, as any role, answers 5xx.

Each role (anonymous, student, instructor, administrator) gets one test over a seeded world.
Hypothesis draws a rule and a method (now and then one the rule does not take), values for the
rule's path parameters (ids that exist and do not, negative, beyond the database's integer,
non-numeric, unicode, slashes, NUL), a query string, and a body (none, a form with the
application's own field names, a file, JSON of any shape, or bytes under a random content type).
A 5xx, or an exception the view lets escape, fails with the exact request that caused it.

Bounded and reproducible for CI: a fixed number of examples per role, derandomized, no example
database. ``FUZZ_URL_MAP_EXAMPLES`` raises the number for a longer hunt by hand.
"""

from __future__ import annotations

import io
import json
import os
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, urlencode

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from app.accounts.tokens import issue_token, user_for_token
from app.extensions import db
from app.models import ApiToken, Attempt, Cohort, Question, Section, User
from app.urls import MAX_DATABASE_INT

from .access_table import ACCESS
from .routes import RULES, STATE_CHANGING, is_token_api
from .test_fuzz import FIELD_NAMES
from .world import _FAST_HASH, PASSWORD, WORLD_USERS, World, client_as

EXAMPLES = int(os.environ.get("FUZZ_URL_MAP_EXAMPLES", "250"))
FUZZ = settings(
    max_examples=EXAMPLES,
    # per request: generous for a loaded 2-core machine, yet a hang (a regular expression that
    # backtracks on hostile text, say) fails instead of stalling CI
    deadline=timedelta(seconds=10),
    derandomize=True,
    database=None,
    # the seeded world is built once per test, outside Hypothesis; explain re-runs cost time
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
ROLES = {
    "anonymous": "anonymous",
    "student": "student",
    "instructor": "cohort_instructor",
    "administrator": "admin",
}
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
CASES = [
    (rule.endpoint, rule.rule, method)
    for rule in RULES
    for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
]


def _cases_for(role: str) -> tuple[list, list]:
    """(the cases the access table lets the role in, the ones it refuses the role)."""
    let_in = [case for case in CASES if ACCESS[case[0]][role] == "ok"]
    return let_in, [case for case in CASES if case not in let_in]


QUERY_NAMES = sorted(
    {"page", "against", "p", "next", "q", "role", "status", "section", "type", "text", "bom"}
    | {"dir", "format", "questions", "sort", "generator", "mode", "count"}
)
ARGUMENT = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")

text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)
HOSTILE = [
    "", " ", "0", "-1", "1.5", "1e309", "NaN", "inf", "true", "null", "[]", "{}",
    "\x00", "a\x00b", "\u202e\ufeff", "../../etc/passwd", "..", ".", "//", "a/b", "%2F", "%00",
    "<script>alert(1)</script>", "' OR 1=1 --", "%s%n", "{{ 7*7 }}", "${7*7}", "\r\nX-A: b",
    "２", "١٢", "²", "Ⅻ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢" * 30, "x" * 100_000,
    str(MAX_DATABASE_INT), str(MAX_DATABASE_INT + 1), str(2**63), str(10**30),
]  # fmt: skip
hostile = st.sampled_from(HOSTILE)
BEYOND = [MAX_DATABASE_INT, MAX_DATABASE_INT + 1, 2**32, 2**63 - 1, 2**63, 10**30]
number = st.one_of(st.integers(min_value=-3, max_value=40), st.sampled_from(BEYOND), st.integers())
value = st.one_of(text, hostile, number.map(str))
json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), number, st.floats(allow_nan=False), text, hostile),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.one_of(text, hostile), inner, max_size=4)
    ),
    max_leaves=10,
)
field_name = st.one_of(st.sampled_from(FIELD_NAMES), text.filter(bool))
form = st.dictionaries(field_name, st.one_of(value, st.lists(value, max_size=3)), max_size=8)
query = st.dictionaries(st.one_of(st.sampled_from(QUERY_NAMES), field_name), value, max_size=4).map(
    lambda pairs: urlencode(pairs)
)  # a dict's own order: what the request sends
body = st.one_of(
    st.just(("none", None)),
    st.tuples(st.just("form"), form),
    st.tuples(st.just("file"), st.tuples(form, st.binary(max_size=300), st.one_of(text, hostile))),
    st.tuples(st.just("json"), json_value),
    st.tuples(
        st.just("json"), st.dictionaries(st.sampled_from(FIELD_NAMES), json_value, max_size=6)
    ),
    st.tuples(
        st.just("bytes"),
        st.tuples(
            st.sampled_from(
                [
                    "application/json",
                    "text/plain",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x",
                    "multipart/form-data",
                    "application/xml",
                ]
            ),
            st.binary(max_size=300),
        ),
    ),  # fmt: skip
)


def _known_values(app) -> dict[str, list]:
    """Ids that exist in the world, by the path parameter that names them."""
    with app.app_context():
        ids = lambda column: list(db.session.scalars(sa.select(column)))  # noqa: E731
        values = {
            "user_id": ids(User.id),
            "cohort_id": ids(Cohort.id),
            "attempt_id": ids(Attempt.id),
            "token_id": ids(ApiToken.id),
            "section_id": ids(Section.id)[:6],
            "question_id": ids(Question.id)[:6],
            "position": [1, 2, 3],
            "number": [1, 2],
            "filename": ["css/site.css", "js/menu.js", "favicon.svg"],
        }
        db.session.remove()
    return values


def _segment(rule_text: str, known: dict[str, list]):
    """A strategy for one rule's path: each parameter existing, missing or hostile."""
    arguments = [name for _, name in ARGUMENT.findall(rule_text)]
    choices = {
        name: st.one_of(
            st.sampled_from(known.get(name) or ["1"]).map(str),
            st.sampled_from(BEYOND).map(str),
            number.map(str),
            text,
            hostile,
        ).flatmap(
            # a slash kept as it is tries other routes; escaped, it stays in its parameter
            lambda raw: st.sampled_from([quote(raw, safe=""), quote(raw, safe="/")])
        )
        for name in arguments
    }

    def build(values: dict[str, str]) -> str:
        return ARGUMENT.sub(lambda m: values[m.group(2)], rule_text)

    return st.fixed_dictionaries(choices).map(build)


@st.composite
def requests(draw, known: dict[str, list], role: str):
    """(method, path with query string, body kind, body, the rule it aims at): mostly routes
    the role may use (where the view reads its input), now and then one it is refused."""
    let_in, refused = _cases_for(role)
    cases = let_in if draw(st.integers(0, 9)) or not refused else refused
    endpoint, rule_text, method = draw(st.sampled_from(cases))
    if draw(st.integers(0, 9)) == 0:  # now and then a method the rule does not take
        method = draw(st.sampled_from(METHODS))
    path = draw(_segment(rule_text, known))
    query_string = draw(query)
    kind, payload = draw(body)
    target = f"{path}?{query_string}" if query_string else path
    return method, target, kind, payload, rule_text


def _shown(value) -> str:
    """repr(), with a long run of one repeated piece written as 'piece' * n (still exact)."""
    if isinstance(value, str) and len(value) > 200:
        for size in range(1, 9):
            piece = value[:size]
            if piece * (len(value) // size) == value:
                return f"{piece!r} * {len(value) // size}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_shown(k)}: {_shown(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    return repr(value)


def _send(client, method: str, target: str, kind: str, payload, headers: dict):
    """Send the request; returns (status, the request as text to replay it)."""
    described = f"{method} {target}"
    options: dict = {"method": method, "headers": headers}
    if kind == "form":
        options["data"] = payload
        described += f"\n  form: {_shown(payload)}"
    elif kind == "file":
        fields, content, filename = payload
        options["data"] = {**fields, "file": (io.BytesIO(content), filename)}
        described += f"\n  multipart: {_shown(fields)} + file {filename!r}: {content!r}"
    elif kind == "json":
        options["data"] = json.dumps(payload)
        options["content_type"] = "application/json"
        described += f"\n  JSON: {_shown(payload)}"
    elif kind == "bytes":
        content_type, content = payload
        options["data"], options["content_type"] = content, content_type
        described += f"\n  {content_type}: {content!r}"
    if "Authorization" in headers:
        described += "\n  Authorization: Bearer <the role's token>"
    note(described)
    try:
        response = client.open(target, **options)
    except Exception as error:  # TESTING propagates a view's exception: that is a 500
        raise AssertionError(f"500 (uncaught {error!r}) for:\n{described}") from error
    status = response.status_code
    response.get_data()
    response.close()
    assert status < 500, f"{status} for:\n{described}"
    return status


class Actor:
    """A role's test client and API token, kept logged in as that role between examples."""

    def __init__(self, app, world: World, role: str):
        self.app, self.world, self.role = app, world, role
        self.client = client_as(app, role)
        self.token = world.tokens.get(role)

    def headers(self, rule_text: str) -> dict:
        if self.token and is_token_api(rule_text):
            return {"Authorization": f"Bearer {self.token}"}
        return {}

    def restore(self) -> None:
        """After a request that changed state: the same account, role, password, session and
        token (an administrator's fuzzed request may reset their own password, say)."""
        if self.role == "anonymous":
            self.client = self.app.test_client()  # a registration or log-in may have signed in
            return
        username, role = WORLD_USERS[self.role]
        with self.app.app_context():
            user = db.session.scalar(sa.select(User).where(User.username == username))
            if user is None:
                user = User(username=username, role=role, password_hash=_FAST_HASH)
                db.session.add(user)
            user.role, user.password_hash = role, _FAST_HASH
            db.session.flush()
            now = datetime.now(UTC)
            if user_for_token(db.session, self.token, now) is None:
                self.token, _ = issue_token(db.session, user, now)
            db.session.commit()
            db.session.remove()
        response = self.client.get("/auth/password")
        if response.status_code != 200:  # logged out (or the account was changed)
            self.client = self.app.test_client()
            login = self.client.post(
                "/auth/login", data={"username": username, "password": PASSWORD}
            )
            assert login.status_code == 302, f"log-in as {self.role} failed again"


@pytest.mark.parametrize("role", sorted(ROLES))
def test_no_request_to_any_route_answers_5xx(app, world, role):
    actor = Actor(app, world, ROLES[role])
    known = _known_values(app)
    statuses: dict[int, int] = {}

    @FUZZ
    @given(request=requests(known, ROLES[role]))
    def check(request):
        method, target, kind, payload, rule_text = request
        status = _send(actor.client, method, target, kind, payload, actor.headers(rule_text))
        statuses[status] = statuses.get(status, 0) + 1
        if method in STATE_CHANGING:
            actor.restore()

    check()
    # the fuzzer reached past the door: some requests were let in, some refused as bad input
    assert sum(count for status, count in statuses.items() if status < 300) > 0, statuses
    assert sum(count for status, count in statuses.items() if 400 <= status < 500) > 0, statuses
