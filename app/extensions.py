"""Flask extensions, created unbound and initialised in create_app."""

from __future__ import annotations

import logging

from flask.logging import default_handler
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    """Declarative base for every model."""


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
# limits are declared per view (app/security.py); storage from RATELIMIT_STORAGE_URI
limiter = Limiter(key_func=get_remote_address)
# the limiter's own news (store unreachable and counting in memory, store recovered, a limit
# exceeded) goes where the app's log goes, gunicorn's error log in production; by itself it
# would go nowhere
limiter.logger.addHandler(default_handler)
limiter.logger.setLevel(logging.INFO)
