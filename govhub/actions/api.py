"""JSON routes for action items: the same permissions and services as the pages.

Each handler loads, authorises, calls a service, commits once and answers. An item the
token's user may not read answers 404, like one that does not exist. People are shown by
role; their id and name only to the community's own people and staff.
"""

from __future__ import annotations

import functools

from flask import current_app, g, request, url_for
from flask_babel import gettext as _

from govhub.actions import api_bp, permissions, rules, services
from govhub.actions.models import ActionItem, ActionUpdate
from govhub.actions.queries import (
    Filters,
    find_item,
    find_resolution,
    find_update,
    items_page,
    timeline,
)
from govhub.actions.schemas import (
    ActionCheckInFormSchema,
    ActionCheckInSchema,
    ActionFilesSchema,
    ActionHelperSchema,
    ActionItemCreateSchema,
    ActionItemDetailSchema,
    ActionItemPageSchema,
    ActionItemSchema,
    ActionItemsQuerySchema,
    ActionItemUpdateSchema,
    ActionOwnerSchema,
    ActionStatusSchema,
    ActionUpdateSchema,
)
from govhub.api import BEARER, OPTIONAL_BEARER, error_responses
from govhub.api.auth import optional_token, token_required
from govhub.auth.queries import find_user
from govhub.communities.models import Community
from govhub.core import uploads
from govhub.core.errors import DomainError, NotFound
from govhub.core.guards import require
from govhub.core.models import is_id, utcnow
from govhub.extensions import db

errors = functools.partial(error_responses, api_bp)


# --- payloads ---------------------------------------------------------------------------------

def _person(user, item: ActionItem, names: bool) -> dict | None:
    if user is None:
        return None
    return {"role": str(user.role), "id": user.id if names else None,
            "name": user.display_name if names else None}


def _partner(item: ActionItem, offerings: dict | None) -> dict:
    """The partner organization that helps carry the item out, and the offering it was
    asked for (id and name; null when none)."""
    if item.organization is None:
        return {"organization": None, "offering": None}
    if offerings is None:
        from govhub.partners.help.services import offerings_helping

        offerings = offerings_helping([item])
    offering = offerings.get(item.id)
    return {"organization": {"id": item.organization.id, "name": item.organization.name},
            "offering": {"id": offering.id, "name": offering.title} if offering else None}


def item_payload(item: ActionItem, actor, updates: list[ActionUpdate] | None = None,
                 offerings: dict | None = None) -> dict:
    """The item as the API shows it; `offerings` (item id -> offering) saves a query per
    item on a list."""
    names = permissions.can_see_names(actor, item.community_id)
    state = rules.deadline(item.due_on, item.status, item.done_at, utcnow(),
                           item.community.timezone)
    payload = {
        "id": item.id, "community_id": item.community_id, "council_id": item.council_id,
        "resolution_id": item.resolution_id, "title": item.title,
        "description": item.description, "status": item.status.value,
        "progress": item.progress, "category": item.category.value, "due_on": item.due_on,
        "deadline": {"state": state.state, "days": state.days, "on": state.on},
        "estimated_hours": (str(item.estimated_hours) if item.estimated_hours is not None
                            and permissions.can_see_workload(actor, item.community_id)
                            else None),
        "is_public": item.is_public, "owner": _person(item.owner, item, names),
        "helpers": [_person(helper, item, names) for helper in item.helpers],
        "created_at": item.created_at, "updated_at": item.updated_at, "done_at": item.done_at,
        "verified_at": item.verified_at,
        "url": url_for("actions.show", item_id=item.id, _external=True),
        **_partner(item, offerings),
    }
    if updates is not None:
        payload["updates"] = [update_payload(update, item, names) for update in updates]
    return payload


def update_payload(update: ActionUpdate, item: ActionItem, names: bool) -> dict:
    return {
        "id": update.id, "item_id": update.item_id, "created_at": update.created_at,
        "author": _person(update.author, item, names), "note": update.note,
        "status_from": update.status_from.value if update.status_from else None,
        "status_to": update.status_to.value if update.status_to else None,
        "reason": update.reason, "progress": update.progress,
        "corrects_id": update.corrects_id,
        "evidence": [{"id": e.id, "filename": e.filename, "content_type": e.content_type,
                      "size": e.size, "sha256": e.sha256,
                      "url": url_for("actions.evidence", evidence_id=e.id, _external=True)}
                     for e in update.evidence],
    }


def _item(item_id: int) -> ActionItem:
    """The item, if the token's user may read it; 404 alike for unknown and hidden."""
    item = find_item(item_id)
    if item is None or not permissions.can_view_item(g.api_user, item):
        raise NotFound(_("There is no such action item."))
    return item


def _detail(item: ActionItem) -> dict:
    return item_payload(item, g.api_user, timeline(item))


# --- reading ----------------------------------------------------------------------------------

@api_bp.get("/actions")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.arguments(ActionItemsQuerySchema, location="query")
@api_bp.response(200, ActionItemPageSchema)
@errors(401, 422)
def list_items(query):
    """The action items you may read, filtered and sorted, a page at a time.

    Without a token: the public items. Dates (overdue, this week) are the
    community's; without community_id, the deployment's default time zone.
    """
    args = {"council": query.get("council_id", ""), "status": query.get("status"),
            "category": query.get("category"), "owner": str(query.get("owner_id") or ""),
            "due": query.get("due"), "open": "1" if query["open"] else "",
            "sort": query["sort"]}
    community = db.session.get(Community, query["community_id"]) if "community_id" in query \
        else None
    timezone = community.timezone if community else current_app.config["GOVHUB"][
        "default_timezone"]
    today = rules.local_today(utcnow(), timezone)
    page = items_page(g.api_user, query.get("community_id"), Filters.from_args(args), today,
                      page=query["page"], per_page=query["per_page"])
    from govhub.partners.help.services import offerings_helping

    offerings = offerings_helping(page.items)
    answer = {"items": [item_payload(item, g.api_user, offerings=offerings)
                        for item in page.items],
              "page": page.page, "per_page": page.per_page, "total": page.total}
    db.session.commit()
    return answer


@api_bp.get("/actions/<int:item_id>")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, ActionItemDetailSchema)
@errors(401, 404)
def get_item(item_id):
    """An action item with its timeline of check-ins and their evidence files."""
    item = _item(item_id)
    answer = _detail(item)
    db.session.commit()
    return answer


# --- creating and editing ------------------------------------------------------------------------

@api_bp.post("/actions")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(ActionItemCreateSchema)
@api_bp.response(201, ActionItemDetailSchema)
@errors(400, 401, 403, 404, 422)
def create_item(body):
    """Create an item from a resolution (staff, the council's chair), or without one
    (staff; community_id required)."""
    resolution = None
    if body["resolution_id"] is not None:
        resolution = find_resolution(body["resolution_id"])
        if resolution is None:
            raise NotFound(_("There is no such resolution."))
        community = resolution.poll.meeting.council.community
    else:
        if body["community_id"] is None:
            raise DomainError("community_required",
                              _("Name the community, or the resolution the item carries out."),
                              "community_id", status=422)
        community = db.session.get(Community, body["community_id"]) if is_id(
            body["community_id"]) else None
        if community is None:
            raise NotFound(_("There is no such community."))
    item = services.create_item(
        g.api_user, community, title=body["title"], owner=find_user(body["owner_id"]),
        due_on=body["due_on"], category=body["category"], description=body["description"],
        estimated_hours=body["estimated_hours"], resolution=resolution,
        helpers=[find_user(user_id) for user_id in body["helper_ids"]],
        is_public=body["is_public"])
    db.session.commit()
    return _detail(item)


@api_bp.patch("/actions/<int:item_id>")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(ActionItemUpdateSchema)
@api_bp.response(200, ActionItemDetailSchema)
@errors(400, 401, 403, 404, 409, 422)
def update_item(body, item_id):
    """Change the title, description, due date, category, effort or openness."""
    item = _item(item_id)
    current = {"title": item.title, "description": item.description, "due_on": item.due_on,
               "category": item.category, "estimated_hours": item.estimated_hours,
               "is_public": item.is_public}
    services.update_item(g.api_user, item, **{**current, **body})
    db.session.commit()
    return _detail(item)


@api_bp.post("/actions/<int:item_id>/owner")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(ActionOwnerSchema)
@api_bp.response(200, ActionItemSchema)
@errors(400, 401, 403, 404, 409, 422)
def reassign_owner(body, item_id):
    """Hand the item to another active worker of the community."""
    item = _item(item_id)
    services.reassign_owner(g.api_user, item, find_user(body["owner_id"]))
    db.session.commit()
    return item_payload(item, g.api_user)


@api_bp.post("/actions/<int:item_id>/helpers")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(ActionHelperSchema)
@api_bp.response(200, ActionItemSchema)
@errors(400, 401, 403, 404, 409, 422)
def add_helper(body, item_id):
    item = _item(item_id)
    services.add_helper(g.api_user, item, find_user(body["user_id"]))
    db.session.commit()
    return item_payload(item, g.api_user)


@api_bp.delete("/actions/<int:item_id>/helpers/<int:user_id>")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, ActionItemSchema)
@errors(400, 401, 403, 404, 409)
def remove_helper(item_id, user_id):
    item = _item(item_id)
    services.remove_helper(g.api_user, item, find_user(user_id))
    db.session.commit()
    return item_payload(item, g.api_user)


# --- check-ins ---------------------------------------------------------------------------------

def _correction(item: ActionItem, corrects_id) -> ActionUpdate | None:
    if corrects_id is None:
        return None
    update = find_update(item, corrects_id)
    if update is None:
        raise DomainError("invalid_correction",
                          _("Only an earlier check-in of this item can be corrected."),
                          "corrects_id")
    return update


@api_bp.post("/actions/<int:item_id>/check-ins")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(ActionCheckInSchema)
@api_bp.response(201, ActionUpdateSchema)
@errors(400, 401, 403, 404, 409, 422)
def check_in(body, item_id):
    """Post a check-in: a note, a status change with its reason, a progress figure, or a
    correction of an earlier check-in. Files go to .../check-ins/files."""
    item = _item(item_id)
    update = services.check_in(g.api_user, item, note=body["note"], status=body["status"],
                               reason=body["reason"], progress=body["progress"],
                               corrects=_correction(item, body["corrects_id"]))
    db.session.commit()
    return update_payload(update, item, permissions.can_see_names(g.api_user,
                                                                  item.community_id))


@api_bp.post("/actions/<int:item_id>/check-ins/files")
@uploads.accepts_uploads
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(ActionCheckInFormSchema, location="form")
@api_bp.arguments(ActionFilesSchema, location="files")
@api_bp.response(201, ActionUpdateSchema)
@errors(400, 401, 403, 404, 409, 422)
def check_in_with_files(body, files, item_id):
    """The same check-in as multipart/form-data, with photos or PDFs in `files`.

    Refusals: file_too_large (413), file_type_not_allowed and file_name_mismatch
    (415), too_many_files (400); a refused request stores nothing.
    """
    item = _item(item_id)
    require(permissions.can_comment(g.api_user, item))
    read = [uploads.read_upload(storage) for storage in request.files.getlist("files")]
    update = services.check_in(g.api_user, item, note=body["note"], status=body["status"],
                               reason=body["reason"], progress=body["progress"], files=read,
                               corrects=_correction(item, body["corrects_id"]))
    db.session.commit()
    return update_payload(update, item, permissions.can_see_names(g.api_user,
                                                                  item.community_id))


@api_bp.post("/actions/<int:item_id>/status")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(ActionStatusSchema)
@api_bp.response(200, ActionItemDetailSchema)
@errors(400, 401, 403, 404, 409, 422)
def change_status(body, item_id):
    """Move the item on: in_progress, blocked, done; verified or back to in_progress
    (reopened) once done. Always with a reason; the change is a check-in on the timeline.

    Refusals: transition_not_allowed (409), reason_required (400), forbidden (403:
    e.g. the owner verifying their own item while a colleague or the chair could).
    """
    item = _item(item_id)
    services.check_in(g.api_user, item, status=body["status"], reason=body["reason"],
                      note=body["note"])
    db.session.commit()
    return _detail(item)
