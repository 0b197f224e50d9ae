"""Residents' proposals: written, supported to a threshold, queued onto a council's agenda,
answered, and traced to the resolution and action items they led to."""

from flask import Blueprint

from govhub.api import ApiBlueprint

bp = Blueprint("proposals", __name__)
api_bp = ApiBlueprint("proposals_api", __name__, url_prefix="/api/v1",
                      description="Residents' proposals and their supports.")

from govhub.proposals import (  # noqa: E402,F401
                      answer_api,
                      answer_views,
                      api,
                      coauthor_api,
                      coauthor_views,
                      following,
                      merge_api,
                      merge_views,
                      open_data,
                      paper_api,
                      paper_views,
                      photo_api,
                      photo_views,
                      thread_api,
                      thread_views,
                      timers,
                      views,
)
