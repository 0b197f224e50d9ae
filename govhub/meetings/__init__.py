"""Meetings: scheduling, the agenda, the live room, the projector, the record."""

from flask import Blueprint

from govhub.api import ApiBlueprint

bp = Blueprint("meetings", __name__)
api_bp = ApiBlueprint("meetings_api", __name__, url_prefix="/api/v1",
                      description="Meetings, their agenda, attendance and speakers.")

from govhub.meetings import api, events, live_views, views  # noqa: E402,F401
