"""Before a secret poll opens, the chair reads what it keeps secret and from whom,
and which ballots the members' weights would give away (rules.identifiable_weights)."""

from decimal import Decimal

import sqlalchemy as sa

from govhub.councils.models import CouncilMembership
from govhub.extensions import db
from govhub.voting import services
from tests.helpers.api import bearer

EN = {"Accept-Language": "en"}
ZH = {"Accept-Language": "zh-CN,zh;q=0.9"}
OPERATOR = "can see in which order the ballots arrived"
WEIGHT_WARNING = "can be identified by its weight"


def _chair(meeting):
    return meeting.council.test_members[0]


def _weigh(member, weight: str) -> None:
    db.session.scalar(sa.select(CouncilMembership).where(
        CouncilMembership.user_id == member.id)).vote_weight = Decimal(weight)
    db.session.commit()


def _draft(meeting, secret=True):
    poll = services.create_poll(_chair(meeting), meeting, meeting.current_item,
                                "是否同意更换物业公司？", "yes_no_abstain", secret=secret)
    db.session.commit()
    return poll


def test_the_form_says_what_an_operator_could_learn_while_the_poll_is_open(room, client, login):
    login(_chair(room))
    for page in (f"/meetings/{room.id}/polls/new", f"/meetings/{room.id}/chair"):
        html = client.get(page, headers=EN).get_data(as_text=True)
        assert OPERATOR in html
        assert WEIGHT_WARNING not in html  # equal weights give nobody away


def test_the_form_warns_when_a_weight_is_held_by_one_member_only(room, client, login):
    _weigh(room.council.test_members[2], "0.5")
    login(_chair(room))
    for page in (f"/meetings/{room.id}/polls/new", f"/meetings/{room.id}/chair"):
        html = client.get(page, headers=EN).get_data(as_text=True)
        assert "1 ballot can be identified by its weight: only one member holds 0.5" in html
        chinese = client.get(page, headers=ZH).get_data(as_text=True)
        assert "0.5" in chinese and "权重" in chinese and WEIGHT_WARNING not in chinese


def test_the_warning_counts_only_those_who_would_vote_now(make_meeting, make_council, client,
                                                           login):
    from govhub.meetings import attendance

    meeting = make_meeting("in_session", council=make_council(4))
    chair, heavy, first, second = meeting.council.test_members
    _weigh(heavy, "2")
    for member in (chair, first, second):  # the member of weight 2 is not here
        attendance.check_in(member, meeting)
    db.session.commit()
    login(chair)
    html = client.get(f"/meetings/{meeting.id}/polls/new", headers=EN).get_data(as_text=True)
    assert WEIGHT_WARNING not in html
    attendance.check_in(heavy, meeting)
    db.session.commit()
    html = client.get(f"/meetings/{meeting.id}/polls/new", headers=EN).get_data(as_text=True)
    assert "only one member holds 2," in html


def test_a_secret_draft_on_the_console_carries_the_warning(make_meeting, make_council, client,
                                                          login):
    from govhub.meetings import attendance

    room = make_meeting("in_session", council=make_council(5))
    for member in room.council.test_members:
        attendance.check_in(member, room)
    _weigh(room.council.test_members[3], "1.5")
    _weigh(room.council.test_members[4], "0.5")
    poll = _draft(room)
    login(_chair(room))
    html = client.get(f"/meetings/{room.id}/chair", headers=EN).get_data(as_text=True)
    card = html[html.index(f'id="poll-{poll.id}"'):]
    card = card[:card.index("</article>")]
    assert "2 ballots can be identified by their weight" in card
    assert "0.5, 1.5" in card
    assert OPERATOR in card


def test_the_api_names_the_identifying_weights_of_a_secret_draft(room, client, make_token):
    _weigh(room.council.test_members[2], "0.5")
    secret = _draft(room)
    auth = bearer(make_token(_chair(room)))
    body = client.get(f"/api/v1/polls/{secret.id}", headers=auth).get_json()
    assert body["identifiable_weights"] == ["0.5"]
    services.open_poll(_chair(room), secret)
    db.session.commit()
    body = client.get(f"/api/v1/polls/{secret.id}", headers=auth).get_json()
    assert "identifiable_weights" not in body  # once open, the chair has chosen


def test_a_named_draft_carries_no_warning(room, client, make_token):
    _weigh(room.council.test_members[2], "0.5")
    named = _draft(room, secret=False)
    auth = bearer(make_token(_chair(room)))
    body = client.get(f"/api/v1/polls/{named.id}", headers=auth).get_json()
    assert "identifiable_weights" not in body
