"""Who may do what with meetings: a matrix of role × action, per stage and visibility."""

from datetime import timedelta

import pytest

from govhub.auth.models import AnonymousUser
from govhub.core.models import utcnow
from govhub.councils.models import CouncilMembership, MemberRole
from govhub.extensions import db
from govhub.meetings import permissions, services
from govhub.meetings.models import MeetingStatus

ROLES = ["admin", "worker", "other_worker", "chair", "secretary", "member", "observer",
         "resident", "partner", "anonymous"]
STAFF = {"admin", "worker"}
SEATED = {"chair", "secretary", "member", "observer"}


@pytest.fixture
def council(make_council):
    return make_council(members=0)


@pytest.fixture
def people(council, make_user, make_community):
    seated = {role: make_user() for role in SEATED}
    for role, person in seated.items():
        db.session.add(CouncilMembership(council_id=council.id, user_id=person.id,
                                         role=MemberRole(role)))
    db.session.commit()
    return {
        **seated,
        "admin": make_user("admin"),
        "worker": make_user("worker"),
        "other_worker": make_user("worker", community=make_community()),
        "resident": make_user(),
        "partner": make_user("partner"),
        "anonymous": AnonymousUser(),
    }


@pytest.fixture
def meeting(council, people):
    """meeting(status="scheduled", is_public=True), organised by the community's worker."""

    def make(status: str = "scheduled", is_public: bool = True):
        made = services.create_meeting(people["worker"], council, "楼道堆物清理",
                                       utcnow() + timedelta(days=1), is_public=is_public,
                                       items=[("议题", "")])
        steps = {"draft": [], "scheduled": ["scheduled"],
                 "in_session": ["scheduled", "in_session"]}[status]
        for step in steps:
            services.move_meeting(people["worker"], made, step)
        db.session.commit()
        return made

    return make


def _matrix(allowed: set[str]):
    return [(role, role in allowed) for role in ROLES]


@pytest.mark.parametrize("actor, allowed", _matrix(STAFF | {"chair", "secretary"}))
def test_the_chair_secretary_and_staff_organise(people, meeting, actor, allowed):
    assert permissions.can_organise(people[actor], meeting()) is allowed


@pytest.mark.parametrize("actor, allowed", _matrix(STAFF | {"chair"}))
def test_the_chair_and_staff_chair(people, meeting, actor, allowed):
    assert permissions.can_chair(people[actor], meeting()) is allowed


@pytest.mark.parametrize("actor, allowed", _matrix(STAFF | {"chair", "secretary"}))
def test_the_chair_secretary_and_staff_write_minutes(people, meeting, actor, allowed):
    assert permissions.can_write_minutes(people[actor], meeting()) is allowed


@pytest.mark.parametrize("actor, allowed", _matrix(set(ROLES)))
def test_everyone_views_a_public_meeting(people, meeting, actor, allowed):
    assert permissions.can_view(people[actor], meeting(is_public=True)) is allowed


@pytest.mark.parametrize("actor, allowed", _matrix(STAFF | SEATED))
def test_only_members_and_staff_view_a_private_meeting(people, meeting, actor, allowed):
    assert permissions.can_view(people[actor], meeting(is_public=False)) is allowed


@pytest.mark.parametrize("actor, allowed", _matrix(STAFF | {"chair", "secretary"}))
def test_only_organisers_view_a_draft(people, meeting, actor, allowed):
    assert permissions.can_view(people[actor], meeting("draft")) is allowed


def test_the_projector_key_opens_a_private_meeting_to_anyone(people, meeting):
    private = meeting(is_public=False)
    assert permissions.can_view(people["anonymous"], private, projector_key=private.projector_key)


def test_a_wrong_projector_key_opens_nothing(people, meeting):
    private = meeting(is_public=False)
    assert not permissions.can_view(people["anonymous"], private, projector_key="guess")


def test_the_projector_key_does_not_open_a_draft(people, meeting):
    draft = meeting("draft", is_public=False)
    assert not permissions.can_view(people["anonymous"], draft, projector_key=draft.projector_key)


@pytest.mark.parametrize("actor, allowed", _matrix(SEATED))
def test_only_seated_members_attend(people, meeting, actor, allowed):
    assert permissions.can_attend(people[actor], meeting("in_session")) is allowed


@pytest.mark.parametrize("actor", sorted(SEATED))
def test_nobody_attends_a_draft(people, meeting, actor):
    assert permissions.can_attend(people[actor], meeting("draft")) is False


def test_an_unconfirmed_member_cannot_attend(council, make_user, meeting, people):
    pending = make_user(confirmed=False)
    db.session.add(CouncilMembership(council_id=council.id, user_id=pending.id))
    db.session.commit()
    assert permissions.can_attend(pending, meeting("in_session")) is False


def test_an_unseated_member_can_no_longer_attend(people, meeting):
    session = meeting("in_session")
    seat = db.session.query(CouncilMembership).filter_by(user_id=people["member"].id).one()
    seat.active = False
    db.session.commit()
    assert permissions.can_attend(people["member"], session) is False


@pytest.mark.parametrize("actor, allowed", _matrix(STAFF | {"chair"}))
def test_the_chair_and_staff_record_attendance(people, meeting, actor, allowed):
    assert permissions.can_record_attendance(people[actor], meeting("in_session")) is allowed


@pytest.mark.parametrize("target, allowed_roles", [
    (MeetingStatus.SCHEDULED, STAFF | {"chair", "secretary"}),
    (MeetingStatus.DRAFT, STAFF | {"chair", "secretary"}),
    (MeetingStatus.IN_SESSION, STAFF | {"chair"}),
    (MeetingStatus.ADJOURNED, STAFF | {"chair"}),
    (MeetingStatus.MINUTES_PUBLISHED, STAFF | {"chair", "secretary"}),
])
def test_who_takes_a_meeting_to_each_stage(people, meeting, target, allowed_roles):
    scheduled = meeting()
    allowed = {role for role in ROLES if permissions.can_move_meeting(people[role], scheduled,
                                                                      target)}
    assert allowed == allowed_roles
