"""LTI 1.3 tool: LMS platforms launch lessons and quizzes, deep-link them into courses, get
scores back (AGS) and give their rosters (NRPS). pylti1p3next does the JWT and OIDC work."""

from flask import Blueprint

bp = Blueprint("lti", __name__)
admin_bp = Blueprint("lti_admin", __name__)

from . import admin_routes, class_routes, registration_routes, routes  # noqa: E402, F401
