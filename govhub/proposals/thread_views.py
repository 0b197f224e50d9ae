"""The deliberation (商议) on a proposal's page: comment with a stance, reply, edit your
own (its history kept), report another's, and for staff hide or restore with a reason.

The thread itself is a partial of the proposal's page (templates/proposals/_thread.html,
read by threads.thread_of). Every form works without JavaScript and returns to the
comment it touched.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.core.errors import DomainError, Forbidden, NotFound
from govhub.core.guards import require
from govhub.extensions import db
from govhub.proposals import bp, comments, queries, threads
from govhub.proposals.forms import ButtonForm
from govhub.proposals.models import Proposal, ProposalComment
from govhub.proposals.thread_forms import STANCE_LABELS, CommentForm, ReasonForm
from govhub.proposals.views import _page
from govhub.web.view_helpers import attempt, show_domain_error


@bp.app_template_global()
def stance_label(stance) -> str:
    return str(STANCE_LABELS.get(stance, "")) if stance else ""


def _to_comment(comment: ProposalComment):
    return redirect(url_for("proposals.show", proposal_id=comment.proposal_id,
                            _anchor=f"comment-{comment.id}"))


@bp.post("/proposals/<int:proposal_id>/comments")
@login_required
def comment(proposal_id: int):
    proposal = queries.visible_proposal(current_user, proposal_id)
    form = CommentForm()
    if not form.validate_on_submit():  # an expired CSRF token
        return _page(proposal, comment_form=form, status=400)
    try:
        posted = comments.post_comment(current_user, proposal, form.body.data,
                                       form.stance.data or None,
                                       threads.parent_of(proposal, form.parent_id.data))
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        if isinstance(exc, Forbidden):
            raise
        show_domain_error(form, exc)
        if exc.field == "parent_id":
            flash(exc.message, "error")
        return _page(proposal, comment_form=form, status=409 if exc.status == 409 else 400)
    flash(_("Your reply is posted.") if posted.parent_id else _("Your comment is posted."),
          "success")
    return _to_comment(posted)


def _history_page(comment: ProposalComment, form: CommentForm | None = None,
                  status: int = 200):
    entry = threads.entry_of(current_user, comment)
    if entry.body is None and entry.original is None and not entry.mine:
        raise NotFound(_("There is no such comment."))
    proposal = db.session.get(Proposal, comment.proposal_id)
    return render_template("proposals/comment_history.html", entry=entry, form=form,
                           proposal=proposal, community=proposal.council.community,
                           revisions=threads.revisions_of(comment)), status


@bp.get("/proposals/comments/<int:comment_id>/history")
def comment_history(comment_id: int):
    return _history_page(threads.visible_comment(current_user, comment_id))


@bp.route("/proposals/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@login_required
def edit_comment(comment_id: int):
    comment = threads.visible_comment(current_user, comment_id)
    require(current_user.id == comment.author_id, _("Only its author can edit a comment."))
    form = CommentForm(data={"body": comment.body, "stance": comment.stance})
    if not form.validate_on_submit():
        return _history_page(comment, form, 400 if form.is_submitted() else 200)
    try:
        comments.edit_comment(current_user, comment, form.body.data, form.stance.data or None)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        show_domain_error(form, exc)
        if exc.status == 409:
            flash(exc.message, "error")
        return _history_page(comment, form, 409 if exc.status == 409 else 400)
    flash(_("Your comment is changed. What it said before stays in its history."), "success")
    return _to_comment(comment)


@bp.post("/proposals/comments/<int:comment_id>/report")
@login_required
def report_comment(comment_id: int):
    comment = threads.visible_comment(current_user, comment_id)
    if ButtonForm().validate_on_submit():
        hid = []
        done = attempt(lambda: hid.append(comments.report_comment(current_user, comment)),
                       raise_forbidden=True)
        if done:
            flash(_("Thank you. Three residents reported it: it is hidden until a moderator "
                    "reviews it.") if hid[0] else _("Thank you. A moderator will look at it."),
                  "success")
    return _to_comment(comment)


def _moderate(comment_id: int, service, done: str):
    comment = threads.visible_comment(current_user, comment_id)
    form = ReasonForm()
    if form.validate_on_submit():
        attempt(service, current_user, comment, form.reason.data, raise_forbidden=True,
                done=done)
    return _to_comment(comment)


@bp.post("/proposals/comments/<int:comment_id>/hide")
@login_required
def hide_comment(comment_id: int):
    return _moderate(comment_id, comments.hide_comment,
                     _("The comment is hidden. Residents see your reason in its place."))


@bp.post("/proposals/comments/<int:comment_id>/restore")
@login_required
def restore_comment(comment_id: int):
    return _moderate(comment_id, comments.restore_comment,
                     _("The comment is shown again."))
