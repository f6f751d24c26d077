"""The account page: time zone, password, API tokens, and deleting the account."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required, logout_user

from ..extensions import db
from ..models import utcnow
from . import bp
from .accounts import (
    AccountError,
    PasswordRuleError,
    WrongPassword,
    change_password,
    choose_time_zone,
    delete_account,
)
from .forms import ChangePasswordForm, DeleteAccountForm, DeleteLinkedAccountForm, TimeZoneForm
from .limits import count_failure, limit_password_checks
from .login_sessions import end_all_sessions
from .tokens import live_tokens, revoke_token


def _delete_form(**kwargs) -> DeleteAccountForm | DeleteLinkedAccountForm:
    """The delete form the account has: its password, or (no password: an LMS made it) its
    username typed out."""
    if current_user.has_password:
        return DeleteAccountForm(**kwargs)
    return DeleteLinkedAccountForm(**kwargs)


def _account_page(
    form: ChangePasswordForm | None = None,
    zone_form: TimeZoneForm | None = None,
    delete_form: DeleteAccountForm | DeleteLinkedAccountForm | None = None,
):
    """The page with its three forms: the one just posted (with its errors), the others empty."""
    forms = {
        "form": form or ChangePasswordForm(formdata=None),
        "zone_form": zone_form or TimeZoneForm(current_user.time_zone, formdata=None),
        "delete_form": delete_form or _delete_form(formdata=None),
    }
    now = utcnow()
    tokens = live_tokens(db.session, current_user, now)
    page = render_template("accounts/password.html", now=now, tokens=tokens, **forms)
    return page, 400 if any(f.errors for f in forms.values()) else 200


@bp.route("/password", methods=["GET", "POST"])
@login_required
@limit_password_checks
def password():
    """The account page: change the password (and, below, the time zone)."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            revoked = change_password(
                db.session, current_user, form.current.data, form.password.data
            )
        except PasswordRuleError as exc:
            form.password.errors.append(str(exc))
        except AccountError as exc:
            if isinstance(exc, WrongPassword):
                count_failure()
            form.current.errors.append(str(exc))
        else:
            db.session.commit()  # every other login session has ended; this one goes on
            tokens = (
                f" and {revoked} API token{'s' if revoked != 1 else ''} revoked" if revoked else ""
            )
            flash(f"Your password is changed{tokens}.", "success")
            return redirect(url_for("main.index"))
    return _account_page(form=form)


@bp.post("/time-zone")
@login_required
def time_zone():
    """Pick the time zone by hand (the log-in page otherwise takes the browser's)."""
    zone_form = TimeZoneForm(current_user.time_zone)
    if zone_form.validate_on_submit():
        try:
            choose_time_zone(current_user, zone_form.time_zone.data)
        except AccountError as exc:
            zone_form.time_zone.errors.append(str(exc))
        else:
            db.session.commit()
            flash(f"Times are now shown in {current_user.time_zone}.", "success")
            return redirect(url_for("auth.password"))
    return _account_page(zone_form=zone_form)


@bp.post("/tokens/<int:token_id>/revoke")
@login_required
def revoke_api_token(token_id: int):
    """Revoke one of one's own API tokens (someone else's, or a revoked one: 404)."""
    if not revoke_token(db.session, current_user, token_id):
        abort(404, "You have no such API token (any more).")
    db.session.commit()
    flash("The API token is revoked: programs that use it must ask for a new one.", "success")
    return redirect(url_for("auth.password", _anchor="tokens-heading"))


@bp.post("/logout-everywhere")
@login_required
def logout_everywhere():
    """End every login session of the account: this browser's, other browsers' and every
    "keep me logged in" cookie (API tokens are revoked on their own, above)."""
    ended = end_all_sessions(db.session, current_user)
    db.session.commit()
    logout_user()
    others = ended - 1
    elsewhere = f" and in {others} other place{'s' if others != 1 else ''}" if others > 0 else ""
    flash(f"You are logged out here{elsewhere}.", "info")
    return redirect(url_for("main.index"))


@bp.post("/delete")
@login_required
@limit_password_checks
def delete():
    """Delete one's own account and everything it recorded, after the password is given (or,
    for an account without one, its username typed out)."""
    delete_form = _delete_form()
    if delete_form.validate_on_submit():
        # the form's one field: the password, or the username typed out
        confirm = getattr(delete_form, "confirm_password", None) or delete_form.confirm_username
        try:
            if current_user.has_password:
                delete_account(db.session, current_user, password=confirm.data)
            else:
                delete_account(db.session, current_user, typed_name=confirm.data)
        except AccountError as exc:
            if isinstance(exc, WrongPassword):
                count_failure()
            confirm.errors.append(str(exc))
        else:
            db.session.commit()
            logout_user()
            flash("Your account, your answers and your progress are deleted.", "info")
            return redirect(url_for("main.index"))
    return _account_page(delete_form=delete_form)
