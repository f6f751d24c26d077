"""Administrators' pages: find an account, change its role, set a new password."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..auth.decorators import admin_required
from ..extensions import db
from ..models import Role, User
from . import bp
from .forms import ResetPasswordForm, RoleForm
from .people import (
    PeopleError,
    PeopleFilter,
    change_role,
    people_page,
    person_summary,
    reset_password,
)


def _person_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404, "There is no such account.")
    return user


def _person_page(user: User, role_form: RoleForm, password_form: ResetPasswordForm):
    page = render_template(
        "admin/person.html", person=user, summary=person_summary(db.session, user),
        role_form=role_form, password_form=password_form,
    )  # fmt: skip
    return page, 400 if role_form.errors or password_form.errors else 200


@bp.get("/people")
@admin_required
def people():
    """Every account, searchable by username and role, a page at a time."""
    try:
        wanted = PeopleFilter.from_args(request.args)
    except PeopleError as exc:
        abort(400, str(exc))
    page = people_page(db.session, wanted)
    return render_template("admin/people.html", page=page, wanted=wanted, roles=Role)


@bp.get("/people/<int:user_id>")
@admin_required
def person(user_id: int):
    """One account: its role, its classes, and a form to set a new password."""
    user = _person_or_404(user_id)
    role_form = RoleForm(formdata=None, role=user.role.value)
    return _person_page(user, role_form, ResetPasswordForm(formdata=None))


@bp.post("/people/<int:user_id>/role")
@admin_required
def set_role(user_id: int):
    """Make the account a student, an instructor or an administrator."""
    user = _person_or_404(user_id)
    form = RoleForm()
    if form.validate_on_submit():
        try:
            changed = change_role(db.session, user, Role(form.role.data))
        except PeopleError as exc:
            form.role.errors.append(str(exc))
        else:
            db.session.commit()
            if changed:
                article = "an" if user.role.value[0] in "aeiou" else "a"
                flash(f"{user.username} is now {article} {user.role.value}.", "success")
            if not current_user.is_admin:  # an administrator who stepped down
                return redirect(url_for("main.index"))
            return redirect(url_for("admin.person", user_id=user_id))
    return _person_page(user, form, ResetPasswordForm(formdata=None))


@bp.post("/people/<int:user_id>/password")
@admin_required
def set_password(user_id: int):
    """Give the account a new password (for someone who forgot theirs) and revoke its tokens."""
    user = _person_or_404(user_id)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        revoked = reset_password(db.session, user, form.password.data)
        db.session.commit()
        tokens = f" and {revoked} API token{'s' if revoked != 1 else ''} revoked" if revoked else ""
        flash(
            f"New password set for {user.username}{tokens}. Give it to them privately: "
            "they can change it on their account page.",
            "success",
        )
        return redirect(url_for("admin.person", user_id=user_id))
    return _person_page(user, RoleForm(formdata=None, role=user.role.value), form)
