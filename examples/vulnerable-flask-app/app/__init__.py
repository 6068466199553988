"""Uploads service: a small Flask app with deliberate security mistakes (do not deploy)."""

# Re-exported for maintenance plugins, which call `app.run_cmd(...)`.
from subprocess import call as run_cmd

from flask import Flask

from .config import Config, load_settings

__all__ = ["create_app", "run_cmd"]


def create_app(config_object=Config, settings_file=None, **overrides):
    """Application factory."""
    app = Flask(__name__)
    app.config.from_object(config_object)
    if settings_file:
        app.config.update(load_settings(settings_file))
    app.config.update(overrides)

    from . import admin, auth, views

    app.register_blueprint(views.bp)
    app.register_blueprint(auth.bp)
    admin.register_commands(app)
    return app
