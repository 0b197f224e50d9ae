"""Who may do what with an action item, for every role."""

import pytest

from govhub.actions import permissions
from govhub.actions.models import ActionItem
from govhub.actions.queries import visible_clause
from govhub.auth.models import AnonymousUser
from govhub.core.models import utcnow
from govhub.extensions import db

ROLES = ["anonymous", "resident", "member", "chair", "owner", "helper", "colleague",
         "outside_worker", "admin", "partner", "disabled_worker"]

# role -> the actions it may take: view a public item, view a private one, change, verify a
# done item, reopen it, create items from the council's resolution, create standalone items,
# see the office's workload.
MAY = {
    "anonymous": {"view_public"},
    "resident": {"view_public"},
    "member": {"view_public"},
    "partner": {"view_public"},
    "outside_worker": {"view_public"},
    "disabled_worker": {"view_public"},
    "chair": {"view_public", "view_private", "verify", "reopen", "create_from_resolution"},
    "owner": {"view_public", "view_private", "change", "reopen", "create_from_resolution",
              "create_standalone", "workload"},
    "helper": {"view_public", "view_private", "change", "reopen"},
    "colleague": {"view_public", "view_private", "change", "verify", "reopen",
                  "create_from_resolution", "create_standalone", "workload"},
    "admin": {"view_public", "view_private", "change", "verify", "reopen",
              "create_from_resolution", "create_standalone", "workload"},
}


@pytest.fixture
def setting(make_user, make_resolution, make_item, make_community, worker, move):
    resolution = make_resolution()
    council = resolution.poll.meeting.council
    chair, member = council.test_members[0], council.test_members[1]
    helper = make_user("resident")
    item = make_item(resolution=resolution, owner=worker, helpers=[helper], is_public=False)
    public = make_item(resolution=resolution, owner=worker, is_public=True)
    move(item, "in_progress", "done")
    disabled = make_user("worker")
    disabled.disabled_at = utcnow()
    db.session.commit()
    people = {
        "anonymous": AnonymousUser(), "resident": make_user("resident"), "member": member,
        "chair": chair, "owner": worker, "helper": helper, "colleague": make_user("worker"),
        "outside_worker": make_user("worker", community=make_community()),
        "admin": make_user("admin"), "partner": make_user("partner"),
        "disabled_worker": disabled,
    }
    return {"item": item, "public": public, "council": council, "people": people}


def _may(setting, role: str) -> set[str]:
    actor, item, council = setting["people"][role], setting["item"], setting["council"]
    checks = {
        "view_public": permissions.can_view_item(actor, setting["public"]),
        "view_private": permissions.can_view_item(actor, item),
        "change": permissions.can_change_item(actor, item),
        "verify": permissions.can_verify(actor, item),
        "reopen": permissions.can_reopen(actor, item),
        "create_from_resolution": permissions.can_create_items(actor, item.community_id, council),
        "create_standalone": permissions.can_create_items(actor, item.community_id),
        "workload": permissions.can_see_workload(actor, item.community_id),
    }
    return {name for name, allowed in checks.items() if allowed}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_do_exactly_what_the_policy_says(setting, role):
    assert _may(setting, role) == MAY[role]


@pytest.mark.parametrize("role", ROLES)
def test_the_list_query_shows_exactly_the_items_a_role_may_view(setting, role):
    actor = setting["people"][role]
    listed = set(db.session.scalars(
        db.select(ActionItem.id).where(visible_clause(actor))))
    expected = {item.id for item in (setting["item"], setting["public"])
                if permissions.can_view_item(actor, item)}
    assert listed == expected


def test_names_are_for_the_communitys_people_and_admins(setting, make_community, make_user):
    community_id = setting["item"].community_id
    people = setting["people"]
    assert permissions.can_see_names(people["resident"], community_id)
    assert permissions.can_see_names(people["admin"], community_id)
    assert not permissions.can_see_names(people["anonymous"], community_id)
    assert not permissions.can_see_names(people["outside_worker"], community_id)
