"""Voting: polls on agenda items, ballots (named or secret), results and resolutions."""

from flask import Blueprint

from govhub.api import ApiBlueprint

bp = Blueprint("voting", __name__)
api_bp = ApiBlueprint("voting_api", __name__, url_prefix="/api/v1",
                      description="Polls, ballots and resolutions.")


from govhub.voting import api, events, timers, views  # noqa: E402,F401
