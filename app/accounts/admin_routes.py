"""Administrators' pages: find an account, change its role or password, hand over its classes,
delete it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, logout_user

from ..extensions import db
from ..models import Role, User
from . import admin_bp as bp
from .accounts import AccountError, remove_account
from .admin_forms import DeletePersonForm, HandOverForm, ResetPasswordForm, RoleForm
from .decorators import admin_required
from .people import (
    PeopleError,
    PeopleFilter,
    change_role,
    hand_over_classes,
    people_page,
    person_summary,
    reset_password,
    successors,
)


def _person_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404, "There is no such account.")
    return user


def _person_page(
    user: User,
    role_form: RoleForm | None = None,
    password_form: ResetPasswordForm | None = None,
    delete_form: DeletePersonForm | None = None,
    handover_form: HandOverForm | None = None,
):
    """The account's page with its forms: the one just posted, the others fresh."""
    forms = {
        "role_form": role_form or RoleForm(formdata=None, role=user.role.value),
        "password_form": password_form or ResetPasswordForm(formdata=None),
        "delete_form": delete_form or DeletePersonForm(formdata=None),
        "handover_form": handover_form or _handover_form(user, formdata=None),
    }
    summary = person_summary(db.session, user)
    page = render_template("accounts/person.html", person=user, summary=summary, **forms)
    return page, 400 if any(form.errors for form in forms.values()) else 200


def _handover_form(user: User, **kwargs) -> HandOverForm:
    form = HandOverForm(**kwargs)
    form.successor.choices = [(other.id, other.username) for other in successors(db.session, user)]
    return form


@bp.get("/people")
@admin_required
def people():
    """Every account, searchable by username and role, a page at a time."""
    try:
        wanted = PeopleFilter.from_args(request.args)
    except PeopleError as exc:
        abort(400, str(exc))
    page = people_page(db.session, wanted)
    return render_template("accounts/people.html", page=page, wanted=wanted, roles=Role)


@bp.get("/people/<int:user_id>")
@admin_required
def person(user_id: int):
    """One account: role and classes, with forms to change the role or password, or delete it."""
    return _person_page(_person_or_404(user_id))


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
    return _person_page(user, role_form=form)


@bp.post("/people/<int:user_id>/password")
@admin_required
def set_password(user_id: int):
    """Give the account a new password (for someone who forgot theirs) and revoke its tokens."""
    user = _person_or_404(user_id)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            revoked = reset_password(db.session, user, form.password.data)
        except AccountError as exc:
            form.password.errors.append(str(exc))
            return _person_page(user, password_form=form)
        db.session.commit()
        tokens = f" and {revoked} API token{'s' if revoked != 1 else ''} revoked" if revoked else ""
        flash(
            f"New password set for {user.username}{tokens}. Give it to them privately: "
            "they can change it on their account page.",
            "success",
        )
        return redirect(url_for("admin.person", user_id=user_id))
    return _person_page(user, password_form=form)


@bp.post("/people/<int:user_id>/delete")
@admin_required
def delete_person(user_id: int):
    """Delete the account with all it recorded and the classes it teaches."""
    user = _person_or_404(user_id)
    form = DeletePersonForm()
    if form.validate_on_submit():
        deleting_self, username = user.id == current_user.id, user.username
        try:
            if form.username.data != username:
                raise AccountError(f"Type {username} exactly to delete this account.")
            remove_account(db.session, user, with_classes=True)
        except AccountError as exc:
            form.username.errors.append(str(exc))
        else:
            db.session.commit()
            if deleting_self:
                logout_user()
            flash(f"The account {username} is deleted.", "info")
            return redirect(url_for("main.index" if deleting_self else "admin.people"))
    return _person_page(user, delete_form=form)


@bp.post("/people/<int:user_id>/classes")
@admin_required
def hand_over(user_id: int):
    """Give the classes this account teaches to another instructor (before demoting it, say)."""
    user = _person_or_404(user_id)
    form = _handover_form(user)
    if form.validate_on_submit():
        successor = db.session.get(User, form.successor.data)
        try:
            moved = hand_over_classes(db.session, user, successor)
        except PeopleError as exc:
            form.successor.errors.append(str(exc))
        else:
            db.session.commit()
            classes = "class" if moved == 1 else "classes"
            flash(f"{successor.username} now runs {moved} {classes} of {user.username}.", "success")
            return redirect(url_for("admin.person", user_id=user_id))
    return _person_page(user, handover_form=form)
