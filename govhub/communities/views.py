"""The home page, a community's page, and the admin's community list."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.auth.permissions import can_list_users
from govhub.auth.queries import pending_count
from govhub.communities import bp, services
from govhub.communities.forms import CommunityForm
from govhub.communities.permissions import can_create_community
from govhub.communities.queries import all_communities, get_community_or_404
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.roles import Role
from govhub.extensions import db
from govhub.web.view_helpers import show_domain_error


@bp.app_context_processor
def menu_context() -> dict:
    """The header's menu links to a community's pages: the reader's, or the only one."""

    def menu_community():
        if current_user.is_authenticated and current_user.community is not None:
            return current_user.community
        communities = all_communities()
        return communities[0] if len(communities) == 1 else None

    return {"menu_community": menu_community}


@bp.get("/")
def home():
    """One community: its page. Several: the signed-in user's, or a list to choose from."""
    communities = all_communities()
    if current_user.is_authenticated and current_user.community is not None:
        return community_page(current_user.community.slug)
    if len(communities) == 1:
        return community_page(communities[0].slug)
    return render_template("communities/index.html", communities=communities)


@bp.get("/c/<slug>")
def community_page(slug: str):
    community = get_community_or_404(slug)
    pending = pending_count(current_user) if can_list_users(current_user) else 0
    return render_template("communities/home.html", community=community, pending=pending,
                           unseated=_unseated(community), **_councils_section(community))


def _councils_section(community) -> dict:
    """What councils/_community.html shows: meetings coming up the reader may see, councils."""
    from govhub.councils.queries import coming_meetings, councils_of

    return {"community_meetings": coming_meetings(current_user, community.id),
            "community_councils": councils_of(community.id)}


def _unseated(community) -> bool:
    """A confirmed resident of this community who sits on none of its councils."""
    from govhub.councils.queries import seats_of  # councils' pages import this package

    return (current_user.is_authenticated and current_user.role == Role.RESIDENT
            and current_user.is_confirmed and current_user.community_id == community.id
            and not seats_of(current_user.id))


@bp.route("/admin/communities", methods=["GET", "POST"])
@login_required
def manage():
    require(can_create_community(current_user))
    form = CommunityForm()
    if form.validate_on_submit():
        try:
            community = services.create_community(
                current_user, form.slug.data, form.name.data, form.name_en.data,
                form.description.data, form.timezone.data, form.locale.data,
            )
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("Community %(name)s is created.", name=community.name), "success")
            return redirect(url_for("communities.manage"))
    return render_template("communities/manage.html", form=form, communities=all_communities())
