"""Who hears what about action items: the listeners on actions.services and the kinds of
notification they send.

Everything hangs off the one place where items change (actions.services' listeners), so
a page, the API and the demo notify alike, inside the change's transaction:

- created: the owner ("you own ..."), the helpers ("you help with ...");
- assigned (handed over): the new owner, and the one who no longer owns it;
- helpers_changed: helpers who were added;
- status_changed: the owner and helpers, the resolution's followers and the council's
  members (public items only; for other items the council's chairs), except whoever
  made the change; when the item becomes done, those who may verify it (the council's
  chair, the community's workers, not those who did the work) are told it waits for them,
  instead of hearing of the status change.

Notifications are grouped (notifications.services.notify): status changes by
resolution, verification requests by community, assignments by person, so that a busy
day gives each reader one notification that counts, not twenty.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from govhub.accountability.queries import followers_of
from govhub.actions import services as actions
from govhub.actions.labels import day_text, status_label
from govhub.actions.models import ActionItem
from govhub.actions.rules import ActionStatus
from govhub.auth.models import User
from govhub.core.roles import Role
from govhub.councils.models import CouncilMembership, MemberRole
from govhub.extensions import db
from govhub.notifications.services import notify, register

TEXT_KEPT = 120  # characters of a resolution's text or a reason kept in a notification


def _fields(data: dict) -> dict:
    """The parts worded in the reader's language: the status and the due day."""
    found = {}
    if data.get("status"):
        found["status"] = status_label(data["status"])
    if data.get("due_on"):
        found["due"] = day_text(date.fromisoformat(data["due_on"]))
    return found


register("actions.assigned", _l("You now own the action item “%(title)s”, due on %(due)s."),
         lambda n, f: ngettext("You now own %(num)d new action item.",
                               "You now own %(num)d new action items.", n, **f), _fields)
register("actions.unassigned", _l("“%(title)s” was handed over to another worker."),
         lambda n, f: ngettext("%(num)d of your action items were handed over to others.",
                               "%(num)d of your action items were handed over to others.",
                               n, **f), _fields)
register("actions.helping", _l("You were added as a helper to the action item “%(title)s”."),
         lambda n, f: ngettext("You were added as a helper to %(num)d action item.",
                               "You were added as a helper to %(num)d action items.", n, **f),
         _fields)
register("actions.status_changed", _l("“%(title)s” is now: %(status)s."),
         lambda n, f: ngettext("%(num)d action item of “%(resolution)s” changed status.",
                               "%(num)d action items of “%(resolution)s” changed status.",
                               n, **f), _fields)
register("actions.awaiting_verification",
         _l("“%(title)s” is done and waits for verification."),
         lambda n, f: ngettext("%(num)d action item is done and waits for verification.",
                               "%(num)d action items are done and wait for verification.",
                               n, **f), _fields)
register("actions.due_soon", _l("Your action item “%(title)s” is due on %(due)s."),
         lambda n, f: ngettext("%(num)d of your action items is due soon.",
                               "%(num)d of your action items are due soon.", n, **f), _fields)
register("actions.overdue", _l("Your action item “%(title)s” is overdue: it was due on %(due)s."),
         lambda n, f: ngettext("%(num)d of your action items is overdue.",
                               "%(num)d of your action items are overdue.", n, **f), _fields)


# --- links and data ---------------------------------------------------------------------

def path(endpoint: str, **values) -> str:
    """A path on this site, built without a request (listeners also run in `govhub remind`
    and while the demo loads)."""
    return current_app.url_map.bind("").build(endpoint, values)


def short(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= TEXT_KEPT else text[:TEXT_KEPT - 1] + "…"


def item_data(item: ActionItem) -> dict:
    resolution = item.resolution
    return {"item_id": item.id, "title": item.title, "due_on": item.due_on.isoformat(),
            "status": item.status.value, "resolution_id": item.resolution_id,
            "resolution": short(resolution.text) if resolution is not None else ""}


def _item_link(item: ActionItem) -> str:
    return path("actions.show", item_id=item.id)


def _others(users, actor) -> list[User]:
    """Active accounts, without the one who acted."""
    actor_id = getattr(actor, "id", None)
    return [user for user in users if user is not None and user.is_active
            and user.id != actor_id]


# --- who -------------------------------------------------------------------------------------

def _council_members(council_id: int | None, chairs_only: bool = False) -> list[User]:
    if council_id is None:
        return []
    query = (sa.select(User).join(CouncilMembership, CouncilMembership.user_id == User.id)
             .where(CouncilMembership.council_id == council_id,
                    CouncilMembership.active.is_(True), User.disabled_at.is_(None)))
    if chairs_only:
        query = query.where(CouncilMembership.role == MemberRole.CHAIR)
    return list(db.session.scalars(query.order_by(User.id)))


def _workers(community_id: int) -> list[User]:
    return list(db.session.scalars(sa.select(User).where(
        User.community_id == community_id, User.role == Role.WORKER,
        User.disabled_at.is_(None)).order_by(User.id)))


def verifiers(item: ActionItem) -> list[User]:
    """Who is asked to verify a done item: the council's chairs and the community's
    workers, without the owner and helpers (permissions.can_verify decides in the end)."""
    doing = {item.owner_id, *(helper.id for helper in item.helpers)}
    people = {u.id: u for u in _council_members(item.council_id, chairs_only=True)
              + _workers(item.community_id)}
    return [user for user_id, user in people.items() if user_id not in doing]


def status_audience(item: ActionItem) -> list[User]:
    """Who hears of a status change: those doing the work; for a public item also the
    resolution's followers and the council's members; for another, the council's chairs."""
    people = [item.owner, *item.helpers]
    if item.is_public:
        people += _council_members(item.council_id)
        if item.resolution_id is not None:
            people += followers_of(item.resolution_id)
    else:
        people += _council_members(item.council_id, chairs_only=True)
    return list({user.id: user for user in people}.values())


# --- the listeners ---------------------------------------------------------------------------

def _assigned(actor, item: ActionItem) -> None:
    owner = _others([item.owner], actor)
    notify(owner, "actions.assigned", item_data(item), _item_link(item), group="owner",
           subject=item.id,
           digest_link=path("actions.index", slug=item.community.slug, owner=item.owner_id,
                            open=1))


def _helping(actor, item: ActionItem, helpers) -> None:
    notify(_others(helpers, actor), "actions.helping", item_data(item), _item_link(item),
           group="helping", subject=item.id,
           digest_link=path("actions.index", slug=item.community.slug, open=1))


def on_created(actor, item: ActionItem) -> None:
    _assigned(actor, item)
    _helping(actor, item, item.helpers)


def on_assigned(actor, item: ActionItem, previous_owner) -> None:
    _assigned(actor, item)
    notify(_others([previous_owner], actor), "actions.unassigned", item_data(item),
           _item_link(item), group="unassigned", subject=item.id)


def on_helpers_changed(actor, item: ActionItem, added, removed) -> None:
    _helping(actor, item, added)


def on_status_changed(actor, item: ActionItem, update, old, new) -> None:
    data = {**item_data(item), "reason": short(update.reason)}
    asked = []
    if new == ActionStatus.DONE:
        asked = _others(verifiers(item), actor)
        notify(asked, "actions.awaiting_verification", data, _item_link(item),
               group=f"community:{item.community_id}", subject=item.id,
               digest_link=path("actions.index", slug=item.community.slug, status="done"))
    told = {user.id for user in asked}
    audience = [user for user in _others(status_audience(item), actor) if user.id not in told]
    if item.resolution_id is not None:
        group = f"resolution:{item.resolution_id}"
        digest = path("accountability.resolution", resolution_id=item.resolution_id)
    else:
        group, digest = f"item:{item.id}", None
    notify(audience, "actions.status_changed", data, _item_link(item), group=group,
           subject=item.id, digest_link=digest)


actions.listen("created", on_created)
actions.listen("assigned", on_assigned)
actions.listen("helpers_changed", on_helpers_changed)
actions.listen("status_changed", on_status_changed)
