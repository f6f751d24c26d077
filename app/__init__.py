"""Declaration Tutor: lessons, a generated question bank and quizzes on one founding text."""

from __future__ import annotations

from typing import Any

from flask import Flask

from .config import configure
from .database import init_database
from .extensions import csrf, db, login_manager, migrate
from .inputs import init_inputs
from .questions import get_type
from .security import init_security
from .timezones import init_time_zones
from .urls import DatabaseIntegerConverter


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the application: configuration, extensions, blueprints, commands."""
    app = Flask(__name__, instance_relative_config=True)
    app.url_map.converters["int"] = DatabaseIntegerConverter  # before any route is added
    configure(app, test_config)
    init_database(app)
    migrate.init_app(app, db, directory=_migrations_dir(), render_as_batch=True)
    csrf.init_app(app)
    init_security(app)
    init_inputs(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    init_time_zones(app)
    app.add_template_global(get_type, "question_type")  # a type names its partial

    from . import models  # noqa: F401  (register the tables with the metadata)
    from .accounts import admin_bp
    from .accounts import bp as auth_bp
    from .api import bp as api_bp
    from .bank import bp as bank_bp
    from .classes import bp as classes_bp
    from .classes import instructor_bp
    from .errors import register_error_handlers
    from .exports import bp as exports_bp
    from .lessons import bp as lessons_bp
    from .lessons import manage_bp as lesson_editing_bp
    from .lti import admin_bp as lti_admin_bp
    from .lti import bp as lti_bp
    from .lti.setup import init_lti
    from .main import bp as main_bp
    from .progress import bp as progress_bp
    from .quiz import bp as quiz_bp

    _load_views()  # before the blueprints are registered: the views add their routes to them
    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(lessons_bp, url_prefix="/lessons")
    app.register_blueprint(classes_bp, url_prefix="/classes")
    app.register_blueprint(instructor_bp, url_prefix="/instructor")
    app.register_blueprint(lesson_editing_bp, url_prefix="/instructor")
    app.register_blueprint(bank_bp, url_prefix="/instructor")
    app.register_blueprint(exports_bp, url_prefix="/instructor/exports")
    app.register_blueprint(quiz_bp, url_prefix="/quiz")
    app.register_blueprint(progress_bp, url_prefix="/progress")
    app.register_blueprint(api_bp, url_prefix="/api/v1")
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(lti_bp, url_prefix="/lti")
    app.register_blueprint(lti_admin_bp, url_prefix="/admin/lti")
    init_lti(app)  # LMS frames, grade passback, `flask lti`
    from .bank.lesson_essays import follow_lesson_saves

    follow_lesson_saves()  # a lesson saved in the browser brings its essays along
    csrf.exempt(api_bp)  # bearer tokens, no cookies: nothing for a forged request to ride on
    register_error_handlers(app)

    from .commands import register_commands

    register_commands(app)
    return app


def _load_views() -> None:
    """Import the features' views and commands, which add themselves to their blueprints.

    Here rather than in each package's __init__: a package that imports its own views, which
    import its blueprint back, is an import cycle.
    """
    from .accounts import account_routes, admin_routes, commands, routes  # noqa: F401
    from .bank import (  # noqa: F401
        authoring_routes,
        interchange_routes,
        propose_routes,
        question_routes,
        regrade_routes,
    )
    from .bank.statistics import routes as statistics_routes  # noqa: F401
    from .classes import (  # noqa: F401
        accommodation_routes,
        dashboard_routes,
        gradebook_routes,
        grading_routes,
        home_routes,
        manage_routes,
    )
    from .classes import routes as class_routes  # noqa: F401
    from .exports import my_data as my_data_routes  # noqa: F401  (on the progress blueprint)
    from .exports import routes as export_routes  # noqa: F401
    from .lessons import commands as lesson_commands  # noqa: F401
    from .lessons import manage_routes as lesson_manage_routes  # noqa: F401
    from .lessons import routes as lesson_routes  # noqa: F401


def _migrations_dir() -> str:
    from pathlib import Path

    return str(Path(__file__).resolve().parent / "migrations")
