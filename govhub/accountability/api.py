"""JSON routes for following resolutions: the same permissions and services as the pages.

An unknown resolution, and one the token's user may not read, both answer 404.
"""

from __future__ import annotations

import functools

from flask import g, url_for
from flask_babel import gettext as _

from govhub.accountability import api_bp, permissions, queries, services
from govhub.accountability.schemas import FollowedSchema, FollowSchema
from govhub.api import BEARER, error_responses
from govhub.api.auth import token_required
from govhub.core.errors import NotFound
from govhub.extensions import db

errors = functools.partial(error_responses, api_bp)


def _resolution(resolution_id: int):
    found = queries.resolution_with_meeting(resolution_id)
    if found is None or not permissions.can_read_resolution(g.api_user, found[1]):
        raise NotFound(_("There is no such resolution."))
    return found


def _answer(resolution_id: int, changed: bool | None = None) -> dict:
    answer = {"resolution_id": resolution_id,
              "following": queries.is_following(g.api_user, resolution_id),
              "followers": queries.follower_count(resolution_id)}
    if changed is not None:
        answer["changed"] = changed
    return answer


@api_bp.get("/resolutions/<int:resolution_id>/follow")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, FollowSchema)
@errors(401, 404)
def get_follow(resolution_id):
    """Whether you follow the resolution, and how many do."""
    resolution, _meeting = _resolution(resolution_id)
    answer = _answer(resolution.id)
    db.session.commit()
    return answer


@api_bp.put("/resolutions/<int:resolution_id>/follow")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, FollowSchema)
@errors(401, 403, 404)
def follow(resolution_id):
    """Follow the resolution: you are notified when its items change status. Idempotent."""
    resolution, meeting = _resolution(resolution_id)
    changed = services.follow_resolution(g.api_user, resolution, meeting)
    db.session.commit()
    return _answer(resolution.id, changed)


@api_bp.delete("/resolutions/<int:resolution_id>/follow")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, FollowSchema)
@errors(401, 404)
def unfollow(resolution_id):
    """Stop following the resolution. Idempotent."""
    found = queries.resolution_with_meeting(resolution_id)
    if found is None or not (permissions.can_read_resolution(g.api_user, found[1])
                             or queries.is_following(g.api_user, found[0].id)):
        raise NotFound(_("There is no such resolution."))
    changed = services.unfollow_resolution(g.api_user, found[0])
    db.session.commit()
    return _answer(found[0].id, changed)


@api_bp.get("/me/following")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, FollowedSchema(many=True))
@errors(401)
def following():
    """The resolutions you follow, latest first."""
    answer = [{"resolution_id": resolution.id, "text": resolution.text,
               "meeting_id": meeting.id, "council_id": meeting.council_id,
               "decided_at": resolution.decided_at, "followed_at": follow.created_at,
               "url": url_for("accountability.resolution", resolution_id=resolution.id,
                              _external=True)}
              for follow, resolution, meeting in queries.follows_of(g.api_user)]
    db.session.commit()
    return answer
