"""Who may do what with a request: a matrix of role × action."""

import pytest
from flask_login import AnonymousUserMixin

from govhub.admission.requests import permissions


@pytest.fixture
def people(officer, reviewer, worker, make_user, make_officer, make_department,
           make_reviewer, make_street, make_community, other_community):
    return {
        "officer": officer,
        "other_officer": make_officer(make_department(name="卫健委")),
        "reviewer": reviewer,
        "other_reviewer": make_reviewer(make_street(
            name="平安街道", name_en="Ping'an", communities=(make_community(name="平安社区"),))),
        "worker": worker,
        "other_worker": make_user("worker", community=make_community(name="别处社区")),
        "admin": make_user("admin"),
        "resident": make_user("resident"),
        "anonymous": AnonymousUserMixin(),
    }


MATRIX = {  # who: (sees the draft, edits it, reviews it, gives the view of the community)
    "officer": (True, True, False, False),
    "other_officer": (False, False, False, False),
    "reviewer": (False, False, True, False),
    "other_reviewer": (False, False, False, False),
    "worker": (False, False, False, True),
    "other_worker": (False, False, False, False),
    "admin": (True, False, False, False),
    "resident": (False, False, False, False),
    "anonymous": (False, False, False, False),
}


def test_each_role_on_a_draft_and_on_a_submitted_request(people, make_request, community):
    draft, submitted = make_request(), make_request("submitted")
    for who, expected in MATRIX.items():
        user = people[who]
        assert (permissions.can_view_request(user, draft),
                permissions.can_edit_request(user, draft),
                permissions.can_review(user, draft),
                permissions.can_give_view(user, draft, community.id)) == expected, who
        assert permissions.can_view_request(user, submitted), who
