"""Notifications: what happened that concerns you."""

from flask import Blueprint

bp = Blueprint("notifications", __name__)

from govhub.notifications import views  # noqa: E402,F401
