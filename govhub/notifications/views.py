"""The user's notifications: the list, and marking them read."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from govhub.extensions import db
from govhub.notifications import bp
from govhub.notifications.queries import notifications_of, unread_count, unread_of
from govhub.notifications.services import mark_read, text_of
from govhub.web.view_helpers import page_number, safe_next_url


class ButtonForm(FlaskForm):
    """Only the CSRF token."""


@bp.app_context_processor
def _unread():
    """The header's unread count, asked for only when a page shows it."""
    def count() -> int:
        if not getattr(current_user, "is_authenticated", False):
            return 0
        return unread_count(current_user)
    return {"unread_notifications": count}


def _link(notification) -> str | None:
    """Notifications link only to pages of this site."""
    return safe_next_url(notification.link, "") or None


@bp.get("/notifications")
@login_required
def index():
    page = notifications_of(current_user, page=page_number())
    return render_template("notifications/index.html", page=page, text_of=text_of,
                           link_of=_link, form=ButtonForm(),
                           unread=unread_count(current_user))


@bp.post("/notifications/read")
@login_required
def mark_all_read():
    if ButtonForm().validate_on_submit():
        count = mark_read(current_user, unread_of(current_user))
        db.session.commit()
        if count:
            flash(_("All notifications are marked as read."), "success")
    else:
        flash(_("This form has expired. Reload the page and try again."), "error")
    return redirect(url_for("notifications.index"))
