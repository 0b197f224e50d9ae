"""Action item pages: an item with its timeline, creating and editing items, owner and
helpers, check-ins with files, verification, and serving the evidence files.

Lists (the office's dashboard, all items, the public record) are in lists.py.
Every form works without JavaScript: load, authorise, call the service, commit once,
go back with a flash.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.accountability.permissions import can_follow
from govhub.accountability.queries import followed_among
from govhub.actions import bp, permissions, rules, services
from govhub.actions.forms import (
    ButtonForm,
    CheckInForm,
    EditItemForm,
    HelperForm,
    NewItemForm,
    ReassignForm,
    ReviewForm,
)
from govhub.actions.labels import status_label, step_label
from govhub.actions.models import ActionItem
from govhub.actions.queries import (
    chair_ids,
    find_evidence,
    find_resolution,
    find_update,
    get_item_or_404,
    timeline,
    workers_of,
)
from govhub.actions.rules import ActionStatus
from govhub.auth.queries import find_user, user_by_username
from govhub.communities.queries import get_community_or_404
from govhub.core import uploads
from govhub.core.errors import DomainError, Forbidden
from govhub.core.guards import require
from govhub.extensions import db
from govhub.meetings.models import Meeting
from govhub.partners.help.views import item_help
from govhub.web.view_helpers import show_domain_error, whole_number


def _viewable(item_id: int) -> ActionItem:
    item = get_item_or_404(item_id)
    require(permissions.can_view_item(current_user, item),
            _("This item is shown to those who carry it out and the community office only."))
    return item


def _back(item: ActionItem, anchor: str | None = None):
    return redirect(url_for("actions.show", item_id=item.id, _anchor=anchor))


# --- the item's page ------------------------------------------------------------------------

def status_choices(item: ActionItem, actor) -> list[tuple[str, str]]:
    """The statuses the actor may move the item to, worded as what happened."""
    targets = [target for target in ActionStatus
               if (step := rules.step_of(item.status, target)) is not None
               and permissions.can_take_step(actor, item, step)]
    return [("", _("No change (%(status)s)", status=status_label(item.status)))] + [
        (target.value, step_label(item.status, target)) for target in targets]


def _check_in_form(item: ActionItem, form: CheckInForm | None = None) -> CheckInForm | None:
    if not permissions.can_comment(current_user, item):
        return None
    form = form or CheckInForm(formdata=None)
    if not permissions.can_change_item(current_user, item):
        del form.progress  # a partner organization's members comment only
    form.status.choices = status_choices(item, current_user)
    corrects = find_update(item, request.args.get("corrects", type=int))
    if corrects is not None and not form.corrects_id.data:
        form.corrects_id.data = str(corrects.id)
    return form


def _page(item: ActionItem, check_in_form: CheckInForm | None = None,
          review_form: ReviewForm | None = None, status: int = 200):
    user = current_user
    resolution = item.resolution
    meeting = db.session.get(Meeting, resolution.meeting_id) if resolution else None
    reviewing = item.status == ActionStatus.DONE and (
        permissions.can_verify(user, item) or permissions.can_reopen(user, item))
    updates = timeline(item)
    return render_template(
        "actions/show.html", item=item, community=item.community, meeting=meeting,
        resolution=resolution, updates=updates, chairs=chair_ids(item.council_id),
        following=meeting is not None and resolution.id in followed_among(user, [resolution.id]),
        can_follow=meeting is not None and can_follow(user, meeting),
        corrected={u.corrects_id for u in updates if u.corrects_id},
        check_in_form=_check_in_form(item, check_in_form),
        review_form=(review_form or ReviewForm(formdata=None)) if reviewing else None,
        can_verify=permissions.can_verify(user, item),
        can_reopen=permissions.can_reopen(user, item),
        can_edit=permissions.can_change_item(user, item) and item.status != ActionStatus.VERIFIED,
        names=permissions.can_see_names(user, item.community_id),
        staff=permissions.can_see_workload(user, item.community_id),
        item_help=item_help(item, user)), status


@bp.get("/actions/<int:item_id>")
def show(item_id: int):
    return _page(_viewable(item_id))


# --- creating and editing ------------------------------------------------------------------

def _new_item_form(community, **defaults) -> NewItemForm:
    form = NewItemForm(**defaults)
    workers = workers_of(community.id)
    form.owner_id.choices = [(worker.id, worker.display_name) for worker in workers]
    form.helper_ids.choices = [(worker.id, worker.display_name) for worker in workers]
    if request.method == "GET" and current_user.id in dict(form.owner_id.choices):
        form.owner_id.data = current_user.id
    return form


def _create(community, form: NewItemForm, resolution=None):
    helpers = [find_user(user_id) for user_id in form.helper_ids.data or []
               if user_id != form.owner_id.data]
    try:
        item = services.create_item(
            current_user, community, title=form.title.data, owner=find_user(form.owner_id.data),
            due_on=form.due_on.data, category=form.category.data,
            description=form.description.data, estimated_hours=form.estimated_hours.data,
            resolution=resolution, helpers=helpers, is_public=form.is_public.data)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        if isinstance(exc, Forbidden):
            raise
        show_domain_error(form, exc)
        return None
    flash(_("The action item is created. Its owner follows it up with check-ins."), "success")
    return _back(item)


@bp.route("/resolutions/<int:resolution_id>/actions/new", methods=["GET", "POST"])
@login_required
def create_from_resolution(resolution_id: int):
    resolution = find_resolution(resolution_id) or abort(404)
    meeting = db.session.get(Meeting, resolution.meeting_id)
    community = meeting.council.community
    require(permissions.can_create_items(current_user, community.id, meeting.council))
    form = _new_item_form(community, is_public=meeting.is_public)
    if form.validate_on_submit():
        done = _create(community, form, resolution)
        if done is not None:
            return done
    return render_template("actions/edit.html", form=form, community=community,
                           resolution=resolution, meeting=meeting, item=None,
                           today=services.today_in(community))


@bp.route("/c/<slug>/actions/new", methods=["GET", "POST"])
@login_required
def create(slug: str):
    community = get_community_or_404(slug)
    require(permissions.can_create_items(current_user, community.id))
    form = _new_item_form(community)
    if form.validate_on_submit():
        done = _create(community, form)
        if done is not None:
            return done
    return render_template("actions/edit.html", form=form, community=community,
                           resolution=None, meeting=None, item=None,
                           today=services.today_in(community))


def _management(item: ActionItem, form: EditItemForm, status: int = 200,
                reassign_form: ReassignForm | None = None,
                helper_form: HelperForm | None = None):
    reassign_form = reassign_form or ReassignForm(formdata=None, owner_id=item.owner_id)
    reassign_form.owner_id.choices = [(w.id, w.display_name)
                                      for w in workers_of(item.community_id)]
    return render_template(
        "actions/edit.html", form=form, community=item.community, item=item,
        resolution=item.resolution, meeting=None, reassign_form=reassign_form,
        helper_form=helper_form or HelperForm(formdata=None), button_form=ButtonForm(),
        today=services.today_in(item.community)), status


def _changeable(item_id: int) -> ActionItem:
    item = _viewable(item_id)
    require(permissions.can_change_item(current_user, item))
    if item.status == ActionStatus.VERIFIED:
        flash(_("A verified item is on the record as it is; start a new item for further "
                "work."), "error")
        abort(redirect(url_for("actions.show", item_id=item.id)))
    return item


@bp.route("/actions/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
def edit(item_id: int):
    item = _changeable(item_id)
    form = EditItemForm(obj=item)
    if form.validate_on_submit():
        try:
            services.update_item(
                current_user, item, title=form.title.data, description=form.description.data,
                due_on=form.due_on.data, category=form.category.data,
                estimated_hours=form.estimated_hours.data, is_public=form.is_public.data)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("The item is saved."), "success")
            return _back(item)
    return _management(item, form)


@bp.post("/actions/<int:item_id>/owner")
@login_required
def reassign(item_id: int):
    item = _changeable(item_id)
    form = ReassignForm()
    form.owner_id.choices = [(w.id, w.display_name) for w in workers_of(item.community_id)]
    if form.validate_on_submit():
        try:
            services.reassign_owner(current_user, item, find_user(form.owner_id.data))
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("The item has a new owner."), "success")
            return redirect(url_for("actions.edit", item_id=item.id))
    return _management(item, EditItemForm(obj=item), 400, reassign_form=form)


@bp.post("/actions/<int:item_id>/helpers")
@login_required
def add_helper(item_id: int):
    item = _changeable(item_id)
    form = HelperForm()
    if form.validate_on_submit():
        try:
            services.add_helper(current_user, item, user_by_username(form.username.data))
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            form.username.errors = [*form.username.errors, exc.message]
        else:
            flash(_("They now help with this item."), "success")
            return redirect(url_for("actions.edit", item_id=item.id, _anchor="helpers"))
    return _management(item, EditItemForm(obj=item), 400, helper_form=form)


@bp.post("/actions/<int:item_id>/helpers/<int:user_id>/remove")
@login_required
def remove_helper(item_id: int, user_id: int):
    item = _changeable(item_id)
    if not ButtonForm().validate_on_submit():
        flash(_("This form has expired. Reload the page and try again."), "error")
    else:
        try:
            services.remove_helper(current_user, item, find_user(user_id))
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            flash(_("They no longer help with this item."), "success")
    return redirect(url_for("actions.edit", item_id=item.id, _anchor="helpers"))


# --- check-ins and verification ---------------------------------------------------------------

@bp.post("/actions/<int:item_id>/check-ins")
@uploads.accepts_uploads
@login_required
def check_in(item_id: int):
    item = _viewable(item_id)
    require(permissions.can_comment(current_user, item))
    form = _check_in_form(item, CheckInForm())
    if not form.validate_on_submit():
        return _page(item, check_in_form=form, status=400)
    corrects = None
    if form.corrects_id.data:
        corrects = find_update(item, whole_number(form.corrects_id.data))
        if corrects is None:
            form.note.errors = [_("Only an earlier check-in of this item can be corrected.")]
            return _page(item, check_in_form=form, status=400)
    try:
        files = [uploads.read_upload(storage) for storage in form.files.data or []
                 if storage and storage.filename]
        progress = form.progress.data if "progress" in form else None
        services.check_in(current_user, item, note=form.note.data, status=form.status.data,
                          reason=form.reason.data, progress=progress, files=files,
                          corrects=corrects)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        if isinstance(exc, Forbidden):
            raise
        show_domain_error(form, exc)
        return _page(item, check_in_form=form, status=exc.status)
    flash(_("Your check-in is on the item's timeline."), "success")
    return _back(item, "timeline")


@bp.post("/actions/<int:item_id>/review")
@login_required
def review(item_id: int):
    """Verify a done item, or reopen it."""
    item = _viewable(item_id)
    form = ReviewForm()
    decision = {"verify": ActionStatus.VERIFIED, "reopen": ActionStatus.IN_PROGRESS}.get(
        form.decision.data)
    require(permissions.can_verify(current_user, item) if decision == ActionStatus.VERIFIED
            else permissions.can_reopen(current_user, item))
    if not form.validate_on_submit() or decision is None:
        return _page(item, review_form=form, status=400)
    try:
        services.check_in(current_user, item, status=decision, reason=form.reason.data)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        if isinstance(exc, Forbidden):
            raise
        show_domain_error(form, exc)
        return _page(item, review_form=form, status=exc.status)
    flash(_("The item is verified.") if decision == ActionStatus.VERIFIED
          else _("The item is back in progress."), "success")
    return _back(item, "timeline")


# --- evidence files ----------------------------------------------------------------------------

@bp.get("/evidence/<int:evidence_id>")
def evidence(evidence_id: int):
    """A check-in's photo or PDF, read like its item; images inline, PDFs as downloads."""
    found = find_evidence(evidence_id)
    if found is None:
        abort(404)
    item = found.update.item
    if not permissions.can_view_item(current_user, item):
        if not current_user.is_authenticated:
            require(False)
        abort(404)
    path = uploads.path_of(services.EVIDENCE, found.stored_name)
    if path is None:
        abort(404)
    db.session.commit()
    return uploads.file_response(path, found.content_type, found.filename, found.sha256)

