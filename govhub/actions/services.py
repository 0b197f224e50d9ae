"""Action items: create, edit, reassign, helpers, and check-ins (with status changes,
verification, reopening and evidence). The only code that changes items.

Each service authorises, checks its input (a DomainError changes nothing),
changes, records an audit event and tells the listeners. A status change
happens in one place, `_change_status`, inside `check_in`: other features
(notifications, feeds) hook in with `listen(...)` rather than editing here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _

from govhub.actions import permissions, rules
from govhub.actions.models import ActionItem, ActionUpdate, Evidence
from govhub.actions.rules import ActionCategory, ActionStatus
from govhub.audit.services import record
from govhub.core import uploads
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.models import utcnow
from govhub.core.roles import belongs_to, is_worker_of
from govhub.extensions import db
from govhub.meetings.models import Meeting

TITLE_MAX = 200
TEXT_MAX = 20_000
NOTE_MAX = 10_000
REASON_MAX = 2_000
HELPERS_MAX = 20
EVIDENCE = "evidence"  # the uploads folder of check-ins' files

# --- listeners: how other features learn what happened ------------------------------------
#
# created(actor, item); assigned(actor, item, previous_owner); helpers_changed(actor, item,
# added, removed); checked_in(actor, item, update); status_changed(actor, item, update,
# old, new). They run inside the service's transaction, before the adapter commits, so
# what they write (notifications) commits or rolls back with the change.

LISTENERS: dict[str, list[Callable]] = {
    "created": [], "assigned": [], "helpers_changed": [], "checked_in": [],
    "status_changed": [],
}


def listen(event: str, listener: Callable) -> None:
    """Call `listener(**details)` whenever `event` happens (registering twice calls it once)."""
    if listener not in LISTENERS[event]:
        LISTENERS[event].append(listener)


def _emit(event: str, **details) -> None:
    for listener in LISTENERS[event]:
        listener(**details)


# --- checks --------------------------------------------------------------------------------

def _text(value, field: str, maximum: int, required: bool = False) -> str:
    if value is not None and not isinstance(value, str):
        raise DomainError("invalid_text", _("Type some text."), field)
    text = " ".join((value or "").split()) if maximum <= TITLE_MAX else (value or "").strip()
    if required and not text:
        raise DomainError("required", _("This field is required."), field)
    if len(text) > maximum:
        raise DomainError("too_long", _("At most %(max)d characters.", max=maximum), field)
    return text


def today_in(community) -> date:
    """Today, in the community's time zone."""
    return rules.local_today(utcnow(), community.timezone)


def _due_on(value, community, previous: date | None = None) -> date:
    problem = rules.due_date_problem(value, today_in(community), previous)
    if problem == "due_date_past":
        raise DomainError(problem, _("The due date cannot be in the past."), "due_on")
    if problem == "due_date_far":
        raise DomainError(problem, _("Choose a due date within the next ten years."), "due_on")
    if problem:
        raise DomainError(problem, _("Choose a due date."), "due_on")
    return value


def _category(value) -> ActionCategory:
    try:
        return ActionCategory(value)
    except ValueError:
        raise DomainError("invalid_category", _("Choose one of the categories."),
                          "category") from None


def _hours(value) -> Decimal | None:
    if isinstance(value, int) and not isinstance(value, bool):
        value = Decimal(value)
    if rules.hours_problem(value):
        raise DomainError("invalid_hours",
                          _("Estimated effort is a number of hours from 0 to 10,000."),
                          "estimated_hours")
    return value


def _owner(owner, community_id: int):
    """The owner must be an active community worker of the item's community."""
    if owner is None or not is_worker_of(owner, community_id):
        raise DomainError("invalid_owner",
                          _("The owner must be an active community worker of this community."),
                          "owner_id")
    return owner


def _helper(user, item: ActionItem):
    if user is None or not belongs_to(user, item.community_id):
        raise DomainError("invalid_helper",
                          _("Helpers are active accounts of this community."), "helper_id")
    if user.id == item.owner_id:
        raise DomainError("helper_is_owner", _("The owner is not also a helper."), "helper_id")
    return user


def _not_final(item: ActionItem) -> None:
    if item.status == ActionStatus.VERIFIED:
        raise DomainError("item_verified",
                          _("A verified item is on the record as it is; start a new item "
                            "for further work."), status=409)


def _meeting_of(resolution) -> Meeting:
    return db.session.get(Meeting, resolution.meeting_id)


# --- creating and editing -------------------------------------------------------------------

def create_item(actor, community, *, title: str, owner, due_on: date,
                category: ActionCategory | str = ActionCategory.OTHER, description: str = "",
                estimated_hours: Decimal | None = None, resolution=None,
                helpers: Iterable = (), is_public: bool | None = None) -> ActionItem:
    """An item carrying out a resolution, or (without one) work of the community office.

    Items from a public meeting's resolution are public unless asked otherwise;
    other items are not.
    """
    council = None
    if resolution is not None:
        meeting = _meeting_of(resolution)
        council = meeting.council
        if council.community_id != community.id:
            raise DomainError("invalid_resolution",
                              _("That resolution belongs to another community."),
                              "resolution_id")
        if is_public is None:
            is_public = meeting.is_public
    require(permissions.can_create_items(actor, community.id, council))
    item = ActionItem(
        community_id=community.id, council_id=council.id if council else None,
        resolution_id=resolution.id if resolution is not None else None,
        title=_text(title, "title", TITLE_MAX, required=True),
        description=_text(description, "description", TEXT_MAX),
        owner_id=_owner(owner, community.id).id, due_on=_due_on(due_on, community),
        category=_category(category), estimated_hours=_hours(estimated_hours),
        status=ActionStatus.PLANNED, progress=0, is_public=bool(is_public),
        created_by_id=getattr(actor, "id", None))
    db.session.add(item)
    db.session.flush()
    for helper in helpers:
        _add_helper(item, helper)
    db.session.flush()
    record(actor, "action.created", item, title=item.title, owner_id=item.owner_id,
           resolution_id=item.resolution_id, council_id=item.council_id,
           due_on=item.due_on.isoformat(), public=item.is_public)
    _emit("created", actor=actor, item=item)
    return item


def update_item(actor, item: ActionItem, *, title: str, description: str, due_on: date,
                category: ActionCategory | str, estimated_hours: Decimal | None,
                is_public: bool) -> None:
    """Change what the item is about, when it is due, how public it is."""
    require(permissions.can_change_item(actor, item))
    _not_final(item)
    new = {
        "title": _text(title, "title", TITLE_MAX, required=True),
        "description": _text(description, "description", TEXT_MAX),
        "due_on": _due_on(due_on, item.community, previous=item.due_on),
        "category": _category(category), "estimated_hours": _hours(estimated_hours),
        "is_public": bool(is_public),
    }
    changed = {}
    for name, value in new.items():
        old = getattr(item, name)
        if old != value:
            changed[name] = [_plain(old), _plain(value)]
            setattr(item, name, value)
    if changed:
        record(actor, "action.updated", item, changes=changed)


def _plain(value):
    """A value as the audit trail's JSON keeps it."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def reassign_owner(actor, item: ActionItem, owner) -> None:
    """Hand the item to another worker of the community (a helper who takes over stops
    being a helper)."""
    require(permissions.can_change_item(actor, item))
    _not_final(item)
    owner = _owner(owner, item.community_id)
    if owner.id == item.owner_id:
        raise DomainError("same_owner", _("That worker already owns the item."), "owner_id")
    previous = item.owner
    if owner in item.helpers:
        item.helpers.remove(owner)
    item.owner_id = owner.id
    db.session.flush()
    db.session.expire(item, ["owner"])
    record(actor, "action.reassigned", item, old=previous.id, new=owner.id)
    _emit("assigned", actor=actor, item=item, previous_owner=previous)


def _add_helper(item: ActionItem, user) -> None:
    _helper(user, item)
    if user in item.helpers:
        raise DomainError("already_helping", _("They already help with this item."),
                          "helper_id")
    if len(item.helpers) >= HELPERS_MAX:
        raise DomainError("too_many_helpers", _("At most %(max)d helpers.", max=HELPERS_MAX),
                          "helper_id")
    item.helpers.append(user)


def add_helper(actor, item: ActionItem, user) -> None:
    require(permissions.can_change_item(actor, item))
    _not_final(item)
    _add_helper(item, user)
    db.session.flush()
    record(actor, "action.helper_added", item, user_id=user.id)
    _emit("helpers_changed", actor=actor, item=item, added=[user], removed=[])


def remove_helper(actor, item: ActionItem, user) -> None:
    require(permissions.can_change_item(actor, item))
    _not_final(item)
    if user is None or user not in item.helpers:
        raise DomainError("not_helping", _("They do not help with this item."), "helper_id")
    item.helpers.remove(user)
    db.session.flush()
    record(actor, "action.helper_removed", item, user_id=user.id)
    _emit("helpers_changed", actor=actor, item=item, added=[], removed=[user])


# --- check-ins ------------------------------------------------------------------------------

def _target(status) -> ActionStatus | None:
    if status in (None, ""):
        return None
    try:
        return ActionStatus(status)
    except ValueError:
        raise DomainError("invalid_status", _("There is no such status."), "status") from None


def _transition(actor, item: ActionItem, target: ActionStatus, reason: str) -> None:
    # Who may take no step on the item at all hears 403 before any 409 about the step.
    require(permissions.can_reopen(actor, item))
    problem = rules.transition_problem(item.status, target, reason)
    if problem in ("same_status", "transition_not_allowed"):
        raise DomainError("transition_not_allowed", _(
            "An item that is “%(current)s” cannot become “%(target)s”.",
            current=_status_word(item.status), target=_status_word(target)), "status",
            status=409)
    require(permissions.can_take_step(actor, item, rules.step_of(item.status, target)),
            _("Those who did the work do not verify it themselves: the council's chair or "
              "another community worker does.") if target == ActionStatus.VERIFIED else None)
    if problem == "reason_required":
        raise DomainError("reason_required", _("Say why the status changes."), "reason")


def _status_word(status) -> str:
    from govhub.actions.labels import status_label

    return status_label(status)


def _corrected(item: ActionItem, corrects) -> ActionUpdate | None:
    if corrects is None:
        return None
    if not isinstance(corrects, ActionUpdate) or corrects.item_id != item.id:
        raise DomainError("invalid_correction",
                          _("Only an earlier check-in of this item can be corrected."),
                          "corrects_id")
    return corrects


def check_in(actor, item: ActionItem, *, note: str = "", status: ActionStatus | str | None = None,
             reason: str = "", progress: int | None = None,
             files: Iterable[uploads.Upload] = (), corrects: ActionUpdate | None = None
             ) -> ActionUpdate:
    """Report on the item: a note, perhaps a status change (with its reason), a progress
    figure, photos or PDFs, or a correction of an earlier check-in. Appends; never edits."""
    target = _target(status)
    if target is None:
        # A partner organization's members comment; a progress figure changes the item.
        require(permissions.can_change_item(actor, item) if progress is not None
                else permissions.can_comment(actor, item))
    else:
        _transition(actor, item, target, reason)
    note = _text(note, "note", NOTE_MAX)
    reason = _text(reason, "reason", REASON_MAX)
    if rules.progress_problem(progress):
        raise DomainError("invalid_progress", _("Progress is a whole number from 0 to 100."),
                          "progress")
    corrects = _corrected(item, corrects)
    checked = uploads.check_uploads(list(files))
    if not (note or target or progress is not None or checked):
        raise DomainError("empty_check_in",
                          _("Write a note, change the status, report progress or add a file."),
                          "note")
    old = item.status
    update = ActionUpdate(item_id=item.id, author_id=getattr(actor, "id", None), note=note,
                          reason=reason if target else "", progress=progress,
                          status_from=old if target else None, status_to=target,
                          corrects_id=corrects.id if corrects else None)
    db.session.add(update)
    if target is not None:
        _change_status(item, target)
    item.progress = rules.progress_after(item.status, progress, item.progress)
    item.updated_at = utcnow()
    db.session.flush()
    for file in checked:
        db.session.add(Evidence(update_id=update.id, stored_name=uploads.store(file, EVIDENCE),
                                filename=file.display_name, content_type=file.content_type,
                                size=file.size, sha256=file.sha256))
    db.session.flush()
    record(actor, "action.checked_in", item, update_id=update.id,
           status=[old.value, target.value] if target else None, progress=progress,
           files=len(checked), corrects=update.corrects_id)
    _emit("checked_in", actor=actor, item=item, update=update)
    if target is not None:
        _emit("status_changed", actor=actor, item=item, update=update, old=old, new=target)
    return update


def _change_status(item: ActionItem, target: ActionStatus) -> None:
    """The one place an item's status changes (rules and permissions already checked)."""
    now = utcnow()
    if target == ActionStatus.DONE:
        item.done_at = now
    elif target == ActionStatus.VERIFIED:
        item.verified_at = now
    elif item.status == ActionStatus.DONE:  # reopened: no longer done
        item.done_at = None
    item.status = target


def verify(actor, item: ActionItem, reason: str, note: str = "") -> ActionUpdate:
    """Confirm that a done item is done (someone other than those who did it)."""
    return check_in(actor, item, status=ActionStatus.VERIFIED, reason=reason, note=note)


def reopen(actor, item: ActionItem, reason: str, note: str = "") -> ActionUpdate:
    """Send a done item back to in progress: it is not done yet."""
    return check_in(actor, item, status=ActionStatus.IN_PROGRESS, reason=reason, note=note)
