"""A poll's results after the close: the result and roll-call CSV exports and the
resolution page."""

import csv
import io

import sqlalchemy as sa

from govhub.extensions import db
from govhub.meetings import attendance
from govhub.voting import ballots, services
from tests.voting.pages import _chair, _poll

# --- exports -------------------------------------------------------------------------------

def _rows(response) -> list[list[str]]:
    body = response.get_data()
    assert body.startswith("\ufeff".encode())  # Excel reads UTF-8 with a BOM
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_result_exports_as_csv(room, client):
    poll = _poll(room, rule_set="two_thirds")
    chair, first, second = room.council.test_members
    ballots.cast_ballot(chair, poll, {"choice": "yes"})
    ballots.cast_ballot(first, poll, {"choice": "yes"})
    ballots.cast_ballot(second, poll, {"choice": "no"})
    services.close_poll(chair, poll)
    db.session.commit()
    response = client.get(f"/polls/{poll.id}/result.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"  # one charset
    rows = _rows(response)
    assert ["Poll", "同意加装电梯方案？"] in rows
    assert ["Passing rule", "Two-thirds of votes cast"] in rows
    assert ["Yes", "2", "2"] in rows and ["No", "1", "1"] in rows
    assert ["Result", "Passed: 2 of 3 yes and no votes were yes; at least two-thirds "
                      "required."] in rows


def test_the_resolution_page_shows_how_it_was_decided(room, client):
    from govhub.voting.models import Resolution

    poll = _poll(room, rule_set="two_thirds")
    chair, first, second = room.council.test_members
    ballots.cast_ballot(chair, poll, {"choice": "yes"})
    ballots.cast_ballot(first, poll, {"choice": "yes"})
    ballots.cast_ballot(second, poll, {"choice": "no"})
    services.close_poll(chair, poll)
    db.session.commit()
    resolution = db.session.scalar(sa.select(Resolution).where(Resolution.poll_id == poll.id))
    page = client.get(f"/resolutions/{resolution.id}",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Two-thirds of votes cast" in page  # the rule, in words
    assert ("Passed: 2 of 3 yes and no votes were yes; at least two-thirds required."
            in page)
    assert "Voted: 3 of 3" in page  # the turnout
    tally = page[page.index('<table class="tally">'):page.index("</table>")]
    assert ">Yes</th><td>2</td><td>2</td>" in tally and ">No</th><td>1</td><td>1</td>" in tally


def test_no_result_before_the_close(room, client):
    poll = _poll(room)
    assert client.get(f"/polls/{poll.id}/result.csv").status_code == 404


def test_a_private_meeting_s_result_is_for_those_who_may_see_it(make_meeting, client, login):
    meeting = make_meeting(is_public=False)
    attendance.check_in(_chair(meeting), meeting)
    db.session.commit()
    poll = _poll(meeting)
    services.close_poll(_chair(meeting), poll)
    db.session.commit()
    assert client.get(f"/polls/{poll.id}/result.csv").status_code == 404  # as a missing one
    assert client.get("/polls/999999/result.csv").status_code == 404
    login(meeting.council.test_members[1])
    assert client.get(f"/polls/{poll.id}/result.csv").status_code == 200


def test_the_roll_call_names_each_vote(room, client, login):
    poll = _poll(room)
    chair, first, _second = room.council.test_members
    ballots.cast_ballot(first, poll, {"choice": "no"})
    ballots.record_paper_ballot(chair, poll, chair, {"choice": "yes"})
    services.close_poll(chair, poll)
    db.session.commit()
    login(first)
    response = client.get(f"/polls/{poll.id}/roll-call.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = _rows(response)
    assert rows[0] == ["Member", "Vote", "Weight", "How", "Cast by"]
    assert [first.display_name, "No", "1", "in person", first.display_name] in rows
    assert [chair.display_name, "Yes", "1", "on paper", chair.display_name] in rows


def test_a_secret_poll_has_no_roll_call(room, client, login):
    poll = _poll(room, secret=True)
    ballots.cast_ballot(room.council.test_members[1], poll, {"choice": "no"})
    services.close_poll(_chair(room), poll)
    db.session.commit()
    login(_chair(room))
    assert client.get(f"/polls/{poll.id}/roll-call.csv").status_code == 404


def test_a_cell_never_becomes_a_formula(room, client, login):
    poll = services.create_poll(_chair(room), room, room.current_item, "=HYPERLINK(1)",
                                "yes_no_abstain")
    services.open_poll(_chair(room), poll)
    services.close_poll(_chair(room), poll)
    db.session.commit()
    assert ["Poll", "'=HYPERLINK(1)"] in _rows(client.get(f"/polls/{poll.id}/result.csv"))
