"""Fixtures the voting tests share: a room in session and polls on its current item."""

import pytest

from govhub.extensions import db
from govhub.meetings import attendance
from govhub.voting import services


@pytest.fixture
def room(make_meeting):
    """A public meeting in session with its three members checked in; the first is the chair."""
    meeting = make_meeting("in_session")
    for member in meeting.council.test_members:
        attendance.check_in(member, meeting)
    db.session.commit()
    return meeting


@pytest.fixture
def make_poll(room):
    """make_poll(open=True, kind="yes_no_abstain", **options) -> a poll on the current item."""

    def make(open: bool = True, kind: str = "yes_no_abstain", **options):
        chair = room.council.test_members[0]
        if kind != "yes_no_abstain":
            options.setdefault("options", ["方案一", "方案二", "方案三"])
        poll = services.create_poll(chair, room, room.current_item, "同意加装电梯方案？", kind,
                                    **options)
        if open:
            services.open_poll(chair, poll)
        db.session.commit()
        return poll

    return make


@pytest.fixture
def proxy_room(make_meeting):
    """A meeting in session whose members are [chair, holder, absent]: the chair and the
    holder are checked in, and the absent member's proxy is with the holder."""
    meeting = make_meeting("in_session")
    chair, holder, absent = meeting.council.test_members
    for member in (chair, holder):
        attendance.check_in(member, meeting)
    attendance.name_proxy(absent, meeting, holder)
    db.session.commit()
    return meeting


@pytest.fixture
def hall(make_meeting, make_council):
    """hall(members=5) -> a meeting in session with every member checked in (chair first)."""

    def make(members: int = 5, **council_options):
        meeting = make_meeting("in_session", council=make_council(members, **council_options))
        for member in meeting.council.test_members:
            attendance.check_in(member, meeting)
        db.session.commit()
        return meeting

    return make
