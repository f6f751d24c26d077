"""Register, log in, log out (the account page is in account_routes.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from ..extensions import db, login_manager
from ..models import User, utcnow
from . import bp
from .accounts import (
    AccountError,
    PasswordRuleError,
    UsernameTaken,
    authenticate,
    create_user,
    record_time_zone,
)
from .forms import LoginForm, RegisterForm
from .limits import count_failure, limit_logins, limit_taken_names, remember_browser
from .login_sessions import end_session, start_session, user_of_session


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The user of a session made by ``User.get_id``; None once that login session has ended
    (logged out, logged out everywhere, or the password changed)."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    return user_of_session(db.session, int(user_id), token)


def _safe_next(default: str) -> str:
    target = request.args.get("next", "")
    parts = urlsplit(target)
    if (
        target.startswith("/")
        and not target.startswith("//")
        and not parts.netloc
        and not parts.scheme
    ):
        return target
    return default


@bp.route("/register", methods=["GET", "POST"])
@limit_taken_names
def register():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = create_user(db.session, form.username.data, form.password.data)
        except PasswordRuleError as exc:
            form.password.errors.append(str(exc))
        except AccountError as exc:
            if isinstance(exc, UsernameTaken):
                count_failure()
            form.username.errors.append(str(exc))
        else:
            record_time_zone(user, form.time_zone.data)
            start_session(db.session, user, utcnow())
            db.session.commit()
            login_user(user)
            flash("Welcome! Your account is ready.", "success")
            return redirect(url_for("main.whats_next"))
    return render_template("accounts/register.html", form=form), 400 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
@limit_logins
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(db.session, form.username.data, form.password.data)
        if user is not None:
            record_time_zone(user, form.time_zone.data)
            start_session(db.session, user, utcnow())
            db.session.commit()
            login_user(user, remember=form.remember.data)
            flash(f"Logged in as {user.username}.", "success")
            response = redirect(_safe_next(url_for("main.whats_next")))
            remember_browser(response, user.username)
            return response
        count_failure()
        form.password.errors.append("Unknown username or wrong password.")
    return render_template("accounts/login.html", form=form), 400 if form.errors else 200


@bp.post("/logout")
def logout():
    """End this login session: its cookies, copied or not, no longer log anyone in."""
    if current_user.is_authenticated:
        end_session(db.session, current_user)
        db.session.commit()
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("main.index"))
