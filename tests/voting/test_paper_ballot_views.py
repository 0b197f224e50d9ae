"""The paper ballot page: the chair enters a member's paper ballot; not in a secret poll,
not by a member."""



from tests.voting.pages import _ballots, _chair, _html, _poll

# --- paper ballots -------------------------------------------------------------------------

def test_the_chair_enters_a_paper_ballot(room, client, login, post_form):
    poll = _poll(room)
    member = room.council.test_members[2]
    login(_chair(room))
    page = client.get(f"/polls/{poll.id}/paper")
    assert page.status_code == 200 and member.display_name in _html(page)
    post_form(f"/polls/{poll.id}/paper", {"user_id": member.id, "choice": "yes"})
    [ballot] = _ballots(poll)
    assert (ballot.voter_id, ballot.cast_by_id, ballot.via) == (member.id, _chair(room).id,
                                                                 "paper")


def test_a_secret_poll_takes_no_paper_ballots(room, client, login):
    poll = _poll(room, secret=True)
    login(_chair(room))
    assert client.get(f"/polls/{poll.id}/paper").status_code == 404


def test_a_member_may_not_enter_paper_ballots(room, client, login):
    poll = _poll(room)
    login(room.council.test_members[1])
    assert client.get(f"/polls/{poll.id}/paper").status_code == 403
