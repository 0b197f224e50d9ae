"""Helpers the meeting page tests share: English pages, a meeting read afresh, a member
given a role, and the events the publisher sent."""

import sqlalchemy as sa

from govhub.councils.models import CouncilMembership, MemberRole
from govhub.extensions import db
from govhub.meetings.models import Meeting

EN = {"Accept-Language": "en"}


def _reloaded(meeting) -> Meeting:
    db.session.expire_all()
    return db.session.get(Meeting, meeting.id)


def _page(client, meeting) -> str:
    response = client.get(f"/meetings/{meeting.id}", headers=EN)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _with_role(council, index: int, role: MemberRole):
    member = council.test_members[index]
    db.session.scalar(sa.select(CouncilMembership).where(
        CouncilMembership.council_id == council.id,
        CouncilMembership.user_id == member.id)).role = role
    db.session.commit()
    return member


def _events(broadcasts, name):
    return [payload for room, event, payload in broadcasts if event == name]
