"""Administrators' LTI pages: the registered platforms, the tool's URLs to give them, a new
registration and more deployments; the log of grades sent back."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from sqlalchemy.exc import IntegrityError

from ..accounts.decorators import admin_required
from ..extensions import db
from ..models import utcnow
from . import admin_bp
from .dynamic_registration import INVITATION_LIFETIME, new_invitation
from .forms import ActionForm, DeploymentForm, PlatformForm
from .keys import http_session
from .models import LtiPlatform
from .platforms import (
    PlatformFields,
    RegistrationError,
    add_deployment,
    deployment_list,
    register_platform,
)

DUPLICATE = "This client id is already registered for this issuer."


def tool_urls() -> dict[str, str]:
    """The URLs an LMS asks for when the tool is registered there."""
    return {
        "Tool URL / target link URI / redirect URI": url_for("lti.launch", _external=True),
        "Initiate login URL (OIDC login)": url_for("lti.login", _external=True),
        "Public keyset URL (JWKS)": url_for("lti.jwks", _external=True),
        "Deep linking (content selection) URL": url_for("lti.launch", _external=True),
    }


@admin_bp.get("/")
@admin_required
def platforms(registration_url: str = ""):
    """The registered platforms and the tool's own URLs."""
    rows = db.session.scalars(db.select(LtiPlatform).order_by(LtiPlatform.name)).all()
    hours = int(INVITATION_LIFETIME.total_seconds() // 3600)
    return render_template("lti/platforms.html", platforms=rows, urls=tool_urls(),
                           deployment_form=DeploymentForm(), action_form=ActionForm(),
                           registration_url=registration_url, hours=hours)  # fmt: skip


@admin_bp.post("/registration-url")
@admin_required
def registration_url():
    """A one-time URL for an LMS's dynamic registration (shown once, on the page)."""
    if not ActionForm().validate_on_submit():
        abort(400, "The form expired: make the registration URL again.")
    token = new_invitation(current_app.secret_key)
    return platforms(url_for("lti.register", token=token, _external=True))


@admin_bp.route("/new", methods=["GET", "POST"])
@admin_required
def new_platform():
    """Register a platform: its key set is fetched at once, so a wrong URL is said now."""
    form = PlatformForm()
    if form.validate_on_submit():
        fields = PlatformFields(
            name=form.name.data, issuer=form.issuer.data, client_id=form.client_id.data,
            deployment_ids=deployment_list(form.deployment_ids.data),
            key_set_url=form.key_set_url.data.strip(),
            auth_login_url=form.auth_login_url.data.strip(),
            auth_token_url=form.auth_token_url.data.strip(),
            auth_audience=(form.auth_audience.data or "").strip(),
        )  # fmt: skip
        try:
            platform = register_platform(db.session, fields, http_session(), utcnow())
            db.session.commit()
        except RegistrationError as exc:
            db.session.rollback()
            getattr(form, exc.field).errors.append(str(exc))
        except IntegrityError:  # registered by another request meanwhile
            db.session.rollback()
            form.client_id.errors.append(DUPLICATE)
        else:
            flash(f"{platform.name} is registered. Give it the tool's URLs below.", "success")
            return redirect(url_for("lti_admin.platforms"))
    page = render_template("lti/platform_form.html", form=form, urls=tool_urls())
    return page, 400 if form.errors else 200


@admin_bp.post("/<int:platform_id>/deployments")
@admin_required
def add_platform_deployment(platform_id: int):
    """Add a deployment id (the LMS deployed the tool once more)."""
    platform = db.session.get(LtiPlatform, platform_id) or abort(404)
    form = DeploymentForm()
    if not form.validate_on_submit():
        abort(400, "Give a deployment id of 1 to 255 characters.")
    try:
        add_deployment(db.session, platform, form.deployment_id.data)
        db.session.commit()
    except (RegistrationError, IntegrityError) as exc:
        db.session.rollback()
        message = str(exc) if isinstance(exc, RegistrationError) else "Already registered."
        flash(message, "error")
        return redirect(url_for("lti_admin.platforms")), 303
    flash("The deployment is added.", "success")
    return redirect(url_for("lti_admin.platforms"))
