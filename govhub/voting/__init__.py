"""Voting: polls on agenda items, ballots (named or secret), results and resolutions."""

from flask import Blueprint

from govhub.api import ApiBlueprint

bp = Blueprint("voting", __name__)
api_bp = ApiBlueprint("voting_api", __name__, url_prefix="/api/v1",
                      description="Polls, ballots and resolutions.")


def _register_room_parts() -> None:
    """The meeting room shows polls and the viewer's ballots; voting tells it how."""
    from govhub.meetings import queries
    from govhub.voting.queries import ballots_of_viewer, polls_payload

    if not queries.POLLS_READER:
        queries.POLLS_READER.append(polls_payload)
        queries.VIEWER_EXTRAS.append(ballots_of_viewer)


_register_room_parts()

from govhub.voting import api, events, timers, views  # noqa: E402,F401
