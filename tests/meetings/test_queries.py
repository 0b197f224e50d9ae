"""visible_meeting: the one loader every page, endpoint and live event of a meeting uses."""

import pytest
from flask_login import AnonymousUserMixin

from govhub.core.errors import DomainError, NotFound
from govhub.meetings.queries import visible_meeting


def test_a_member_loads_a_private_meeting(make_meeting):
    meeting = make_meeting(is_public=False)
    assert visible_meeting(meeting.council.test_members[1], meeting.id) is meeting


def test_a_public_meeting_loads_for_anyone(make_meeting):
    meeting = make_meeting()
    assert visible_meeting(AnonymousUserMixin(), meeting.id) is meeting


@pytest.mark.parametrize("meeting_id", ["nothing", None, 0, -1, 10**30, 999_999])
def test_no_such_meeting_is_404(app, make_user, meeting_id):
    with pytest.raises(NotFound) as refused:
        visible_meeting(make_user(), meeting_id)
    assert (refused.value.status, refused.value.code) == (404, "not_found")


def test_a_hidden_meeting_answers_as_a_missing_one(make_meeting, make_user):
    private, draft = make_meeting(is_public=False), make_meeting("draft")
    for meeting in (private, draft):
        with pytest.raises(NotFound) as refused:
            visible_meeting(make_user(), meeting.id)
        assert refused.value.message == "There is no such meeting."


def test_the_projector_s_key_opens_a_private_meeting(make_meeting):
    meeting = make_meeting(is_public=False)
    assert visible_meeting(AnonymousUserMixin(), meeting.id, meeting.projector_key) is meeting
    with pytest.raises(NotFound):
        visible_meeting(AnonymousUserMixin(), meeting.id, "not-the-key")


def test_a_live_event_s_refusal_names_the_payload_s_field(make_meeting, make_user):
    meeting = make_meeting(is_public=False)
    with pytest.raises(DomainError) as refused:
        visible_meeting(make_user(), meeting.id, field="meeting_id")
    assert refused.value.status == 404
    assert refused.value.to_dict() == {"code": "unknown_meeting", "field": "meeting_id",
                                       "message": "There is no such meeting."}
