"""The LMS-facing pages: the tool's key set, the OIDC log-in, the launch and its new-window
ticket. The LMS's POSTs carry no CSRF token: the id_token and the state cookie prove them."""

from __future__ import annotations

from flask import (
    abort,
    current_app,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_user
from pylti1p3.exception import LtiException, OIDCException
from sqlalchemy.exc import IntegrityError

from ..accounts.decorators import instructor_required
from ..accounts.login_sessions import start_session
from ..classes.access import can_manage_cohort
from ..extensions import csrf, db
from ..models import Role, utcnow
from . import bp
from .course_classes import ArchivedClass
from .deep_linking import (
    choices,
    chosen_resource,
    content_item,
    origin,
    picker_token,
    read_picker_token,
    response_jwt,
)
from .forms import DeepLinkForm
from .framing import begin_framed_session, cross_site_cookies, framed, framing_policy
from .keys import http_session
from .landing import landing, new_ticket, use_ticket
from .launches import (
    LTI,
    LaunchProblem,
    link_context,
    link_resource,
    link_user,
    parse_resource,
    role_of,
    wanted_username,
)
from .platforms import registered_origins, tool_key_set
from .tool import (
    DatabaseSessionService,
    DatabaseToolConf,
    FlaskRequest,
    LaunchRefused,
    LtiCookieService,
    MessageLaunch,
    OidcLogin,
    refuse,
)

INCOMPLETE = "This is not a whole LTI request: open the link from the course in your LMS."
JWKS_MAX_AGE = 300
DEFAULT_MINUTES = 20  # seconds platforms may keep the tool's key set


def refusal(status: int, message: str, detail: str = ""):
    """The clear page of a refused log-in or launch."""
    page = render_template("lti/refused.html", status=status, message=message, detail=detail)
    return page, status


@bp.get("/jwks")
def jwks():
    """The tool's public keys: platforms check its service tokens and deep links with them."""
    response = jsonify(tool_key_set(db.session))
    response.headers["Cache-Control"] = f"public, max-age={JWKS_MAX_AGE}"
    return response


@bp.route("/login", methods=["GET", "POST"])
@csrf.exempt
def login():
    """OIDC third-party-initiated log-in: back to the platform's auth URL with state and nonce."""
    lti_request = FlaskRequest()
    if not lti_request.get_param("iss") or not lti_request.get_param("login_hint"):
        return refusal(400, INCOMPLETE)
    if (
        framed()
        and not lti_request.get_param("lti1p3_new_window")
        and not request.args.get("cookies")
    ):
        return _cookie_check(lti_request)
    oidc = OidcLogin(
        lti_request, DatabaseToolConf(db.session),
        session_service=DatabaseSessionService(lti_request, db.session, utcnow()),
        cookie_service=LtiCookieService(lti_request, current_app),
    )  # fmt: skip
    try:
        response = oidc.redirect(url_for("lti.launch", _external=True))
    except (LtiException, OIDCException, AssertionError) as exc:  # pylti1p3 also asserts
        db.session.rollback()
        return refusal(403, "This log-in names a platform that is not registered here.", str(exc))
    db.session.commit()
    return response


@bp.post("/launch")
@csrf.exempt
def launch():
    """The platform's launch: checked, carried out, then the resource (or its new window)."""
    for attempt in range(2):  # a first launch racing another for the same user: once more
        try:
            return _launch()
        except IntegrityError:
            db.session.rollback()
            if attempt:
                raise
    abort(500)  # pragma: no cover


def _launch():
    now = utcnow()
    if not request.form.get("id_token") or not request.form.get("state"):
        return refusal(400, INCOMPLETE)
    try:
        message = MessageLaunch(
            FlaskRequest(), DatabaseToolConf(db.session), session=db.session,
            http=http_session(), now=now,
        ).validate()  # fmt: skip
        claims = message.launch_data()
        in_frame = framed() or _framed_claim(claims)
        if message.is_deep_link_launch():
            return _deep_linking(message, claims, now, in_frame)
        if not message.is_resource_launch():
            raise refuse("message")
        user = link_user(
            db.session, message.platform.issuer, claims["sub"],
            role_of(claims.get(LTI + "roles") or []), wanted_username(claims), now,
        )  # fmt: skip
        context = link_context(db.session, message.platform, claims, user, now)
        link = link_resource(db.session, context, claims) if context else None
        resource = parse_resource(db.session, link.resource if link else "")
        endpoint, values = landing(db.session, user, context, link, resource, claims["sub"], now)
        start_session(db.session, user, now)
        # in a frame over HTTPS the frame keeps a session of its own; over plain HTTP it
        # cannot, and a one-time ticket opens the resource in a new window instead
        ticket = ""
        if in_frame and not cross_site_cookies(current_app):
            ticket = new_ticket(db.session, user, url_for(endpoint, **values), now)
        db.session.commit()
    except ArchivedClass as exc:
        runs, instructor = can_manage_cohort(user, exc.cohort), user.is_instructor
        db.session.rollback()  # the account too, if this launch made it
        return _archived(exc, user if runs else None, instructor, now, in_frame)
    except (LaunchRefused, LaunchProblem) as exc:
        db.session.rollback()
        return refusal(exc.status, exc.message, getattr(exc, "detail", ""))
    _log_in(user, in_frame)
    if ticket:
        return render_template("lti/framed.html", user=user, title=link.title if link else "",
                               ticket=ticket, resource=resource)  # fmt: skip
    return redirect(url_for(endpoint, **values))


def _log_in(user, in_frame: bool) -> None:
    """Log ``user`` in, in a session of the frame's own when the launch is framed."""
    if in_frame:
        begin_framed_session(current_app)
    login_user(user)


def _archived(exc: ArchivedClass, runner, instructor: bool, now, in_frame: bool):
    """A launch into an archived class: nothing made or joined. One of the class's own
    instructors (``runner``) is logged in and shown where to bring it back; anyone else is
    told who can."""
    if runner is not None:
        start_session(db.session, runner, now)
        db.session.commit()
        _log_in(runner, in_frame)
    page = render_template("lti/archived.html", course=exc.course, cohort=exc.cohort,
                           runs=runner is not None, instructor=instructor)  # fmt: skip
    return page, exc.status


def _deep_linking(message: MessageLaunch, claims: dict, now, in_frame: bool):
    """A deep-linking launch: the instructor, logged in, gets the picker."""
    if role_of(claims.get(LTI + "roles") or []) is not Role.INSTRUCTOR:
        raise LaunchProblem(403, "Only the course's instructors add content from this site.")
    user = link_user(
        db.session, message.platform.issuer, claims["sub"], Role.INSTRUCTOR,
        wanted_username(claims), now,
    )  # fmt: skip
    start_session(db.session, user, now)
    form = DeepLinkForm(launch=picker_token(message.platform, claims, user.id))
    form.resource.choices = choices(db.session)
    db.session.commit()
    _log_in(user, in_frame)
    return render_template("lti/deep_link.html", form=form)


@bp.post("/deep-link")
@instructor_required
def deep_link():
    """The instructor's choice, signed and posted back to the LMS."""
    form = DeepLinkForm()
    form.resource.choices = choices(db.session)
    state = read_picker_token(form.launch.data or "", current_user.id)
    if state is None:
        return refusal(
            400, "This choice is too old or not yours. Add the content from the LMS again."
        )
    if not form.validate_on_submit():
        return render_template("lti/deep_link.html", form=form), 400
    resource = chosen_resource(form.resource.data, form.minutes.data or DEFAULT_MINUTES)
    title = dict(form.resource.choices)[form.resource.data]
    if resource.minutes:
        title += f" ({resource.minutes} minutes)"
    item = content_item(resource, title, url_for("lti.launch", _external=True))
    try:
        token, return_url = response_jwt(db.session, state, item)
    except LookupError as exc:
        return refusal(403, str(exc))
    response = make_response(render_template("lti/deep_link_return.html", token=token,
                                             return_url=return_url, title=title))  # fmt: skip
    allowed = registered_origins(db.session)
    response.headers["Content-Security-Policy"] = framing_policy(allowed, [origin(return_url)])
    return response


def _framed_claim(claims: dict) -> bool:
    presentation = claims.get(LTI + "launch_presentation") or {}
    # the browser's own word (Sec-Fetch-Dest) wins over the platform's
    in_frame = presentation.get("document_target") in ("iframe", "frame")
    return in_frame and "Sec-Fetch-Dest" not in request.headers


@bp.get("/enter/<ticket>")
def enter(ticket: str):
    """A framed launch continued in a new window: log in at top level, open the resource."""
    now = utcnow()
    found = use_ticket(db.session, ticket, now)
    if found is None:
        db.session.rollback()
        # Gone: whoever asks, the ticket served once already (or never existed)
        return refusal(
            410, "This link was already used or is too old. Open it from the course again."
        )
    user, target = found
    start_session(db.session, user, now)
    db.session.commit()
    login_user(user)
    return redirect(target)


def _cookie_check(lti_request):
    """A framed log-in first checks that the frame may keep a cookie (the launch's state
    needs one); where it may not, the learner opens the launch in a new window."""
    params = {k: v for k, v in (request.values.items()) if k != "cookies"}
    here = url_for("lti.login", **params, cookies="1")
    new_window = url_for("lti.login", **params, lti1p3_new_window="1")
    return render_template("lti/cookie_check.html", here=here, new_window=new_window)
