"""visible_poll: the one loader every page, endpoint and live event of a poll uses."""

import pytest
from flask_login import AnonymousUserMixin

from govhub.core.errors import DomainError
from govhub.voting.queries import visible_poll

UNKNOWN = {"code": "unknown_poll", "field": "poll_id", "message": "There is no such poll."}


def _refusal(*args, **kwargs) -> dict:
    with pytest.raises(DomainError) as refused:
        visible_poll(*args, **kwargs)
    assert refused.value.status == 404
    return refused.value.to_dict()


def test_a_member_loads_a_poll_of_their_meeting(room, make_poll):
    poll = make_poll()
    assert visible_poll(room.council.test_members[1], poll.id) is poll


@pytest.mark.parametrize("poll_id", ["nothing", None, 0, 10**30, 999_999])
def test_no_such_poll_is_404(room, poll_id):
    assert _refusal(room.council.test_members[1], poll_id) == UNKNOWN


def test_a_poll_of_a_hidden_meeting_answers_as_a_missing_one(make_meeting, make_user):
    from govhub.voting import services

    meeting = make_meeting(is_public=False)
    chair = meeting.council.test_members[0]
    poll = services.create_poll(chair, meeting, meeting.current_item, "同意？", "yes_no_abstain")
    assert visible_poll(chair, poll.id) is poll
    assert _refusal(make_user(), poll.id) == UNKNOWN
    assert _refusal(AnonymousUserMixin(), poll.id) == UNKNOWN
    assert visible_poll(AnonymousUserMixin(), poll.id, meeting.projector_key) is poll


def test_a_draft_is_hidden_only_where_asked_and_never_from_the_chair(room, make_poll):
    draft = make_poll(open=False)
    member, chair = room.council.test_members[1], room.council.test_members[0]
    assert visible_poll(member, draft.id) is draft  # the page's button then says why not
    assert _refusal(member, draft.id, drafts_hidden=True) == UNKNOWN
    assert visible_poll(chair, draft.id, drafts_hidden=True) is draft
