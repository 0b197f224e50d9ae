"""cast_many, the live room's bulk path, answers and stores exactly what cast_ballot would.

The ballot box casts a burst's plain ballots with `ballots.cast_many`; the
pages, the API and proxies use `cast_ballot`. The property test below sends
the same random batch both ways, to two polls opened in the same room, and
compares every answer and every stored row.
"""

from collections import Counter

import pytest
import sqlalchemy as sa
from flask_babel import force_locale
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govhub.core.errors import DomainError
from govhub.extensions import db
from govhub.meetings import attendance
from govhub.voting import ballots, services
from govhub.voting.models import Ballot, Receipt, SecretBallot

MEMBERS = 6
PRESENT = 4  # the last two are members who did not come: not entitled
CHOICES = ("yes", "no", "abstain", "maybe", 7)
KEYS = ("", "k1", "k2", None, 12, "x" * 65)


def _hall(make_council, make_meeting):
    council = make_council(members=MEMBERS)
    meeting = make_meeting("in_session", council=council)
    for member in council.test_members[:PRESENT]:
        attendance.check_in(member, meeting)
    db.session.commit()
    return meeting


@pytest.fixture
def hall(make_council, make_meeting):
    """A meeting in session: six members, the first four present (one poll open at a time)."""
    return _hall(make_council, make_meeting)


@pytest.fixture
def twin(make_council, make_meeting):
    """A second hall like the first, for the same batch sent the other way."""
    return _hall(make_council, make_meeting)


def _poll(hall, **options):
    chair = hall.council.test_members[0]
    poll = services.create_poll(chair, hall, hall.current_item, "同意加装电梯方案？",
                                "yes_no_abstain", **options)
    services.open_poll(chair, poll)
    db.session.flush()
    return poll


def _payload(choice, key):
    payload = {"choice": choice}
    if key is not None:
        payload["key"] = key
    return payload


def _one_by_one(poll, votes):
    """What the pages and the API answer, ballot after ballot."""
    answers = []
    for vote in votes:
        with force_locale(vote.locale):
            try:
                with db.session.begin_nested():
                    answers.append({"ok": True, **ballots.cast_ballot(
                        vote.user, poll, vote.payload, key=vote.payload.get("key"))})
            except DomainError as exc:
                answers.append({"ok": False, "error": exc.to_dict()})
    return answers


def _stored(poll):
    if poll.secret:
        receipts = db.session.execute(sa.select(Receipt.voter_id, Receipt.key).where(
            Receipt.poll_id == poll.id)).all()
        contents = db.session.scalars(sa.select(SecretBallot.content).where(
            SecretBallot.poll_id == poll.id)).all()
        return sorted(receipts), Counter(str(c) for c in contents)
    return sorted(db.session.execute(sa.select(Ballot.voter_id, Ballot.content, Ballot.key,
                                               Ballot.via).where(Ballot.poll_id == poll.id)))


def _by_place(meeting, found):
    """Answers or stored rows with member ids replaced by the member's place in the council."""
    place = {member.id: index for index, member in enumerate(meeting.council.test_members)}
    if isinstance(found, tuple):  # a secret poll's receipts and contents
        receipts, contents = found
        return sorted((place[voter], key) for voter, key in receipts), contents
    if found and isinstance(found[0], dict):
        return [{k: place.get(v, v) if k == "member_id" else v for k, v in answer.items()
                 if k != "poll_id"} for answer in found]
    return sorted((place[voter], *rest) for voter, *rest in found)


def _option_free(rows, poll):
    """Stored contents name option ids, which differ between the two polls: use positions."""
    if poll.secret:
        return rows
    position = {option.id: option.position for option in poll.options}
    return [(voter, [position.get(c, c) for c in content], key, via)
            for voter, content, key, via in rows]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=st.lists(st.tuples(st.integers(0, MEMBERS - 1), st.sampled_from(CHOICES),
                                st.sampled_from(KEYS)), min_size=1, max_size=12),
       secret=st.booleans(), allow_change=st.booleans())
# Found by this test in CI: a change between a ballot and a retry of its key; the retry is
# no longer one once the change replaced the key.
@example(batch=[(1, "yes", "k1"), (1, "yes", ""), (1, "yes", "k1")], secret=False,
         allow_change=True)
def test_the_bulk_path_answers_and_stores_what_one_by_one_would(hall, twin, batch, secret,
                                                                allow_change):
    def votes_in(meeting):
        members = meeting.council.test_members
        return [ballots.Vote(members[m], _payload(choice, key), "zh_CN")
                for m, choice, key in batch]

    bulk = _poll(hall, secret=secret, allow_change=allow_change)
    careful = _poll(twin, secret=secret, allow_change=allow_change)
    try:
        bulk_answers = ballots.cast_many(bulk, votes_in(hall))
        careful_answers = _one_by_one(careful, votes_in(twin))
        # Members differ between the halls; compare them by their place in the council.
        assert _by_place(hall, bulk_answers) == _by_place(twin, careful_answers)
        assert _by_place(hall, _option_free(_stored(bulk), bulk)) == _by_place(
            twin, _option_free(_stored(careful), careful))
    finally:
        services.close_poll(hall.council.test_members[0], bulk)
        services.close_poll(twin.council.test_members[0], careful)


def test_a_batch_counts_each_member_once_and_a_retry_not_again(hall):
    members = hall.council.test_members
    poll = _poll(hall)
    first = [ballots.Vote(m, {"choice": "yes", "key": f"k{m.id}"}, "en")
             for m in members[:PRESENT]]
    assert [a["new"] for a in ballots.cast_many(poll, first)] == [True] * PRESENT
    again = ballots.cast_many(poll, first)
    assert [(a["ok"], a["new"], a["changed"]) for a in again] == [(True, False, False)] * PRESENT
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Ballot).where(
        Ballot.poll_id == poll.id)) == PRESENT


def test_refusals_speak_each_voters_language(hall):
    members = hall.council.test_members
    poll = _poll(hall)
    answers = ballots.cast_many(poll, [
        ballots.Vote(members[PRESENT], {"choice": "yes"}, "zh_CN"),
        ballots.Vote(members[PRESENT + 1], {"choice": "yes"}, "en"),
        ballots.Vote(members[0], {"choice": "maybe"}, "en"),
    ])
    assert [a["error"]["code"] for a in answers] == ["not_entitled", "not_entitled",
                                                      "bad_choice"]
    assert answers[0]["error"]["message"] != answers[1]["error"]["message"]
    assert "entitled" in answers[1]["error"]["message"]


@pytest.mark.parametrize("secret", [False, True])
def test_a_closed_poll_refuses_the_whole_batch(hall, secret):
    members = hall.council.test_members
    poll = _poll(hall, secret=secret)
    services.close_poll(members[0], poll)
    answers = ballots.cast_many(poll, [ballots.Vote(m, {"choice": "yes"}, "en")
                                        for m in members[:PRESENT]])
    assert {a["error"]["code"] for a in answers} == {"poll_closed"}
    assert _stored(poll) in ([], ([], Counter()))


def test_a_conflict_with_a_ballot_cast_elsewhere_writes_nothing_in_bulk(hall):
    """Another path stored a ballot between the batch's read and its INSERT."""
    member = hall.council.test_members[0]
    poll = _poll(hall)
    ballots.cast_ballot(member, poll, {"choice": "no"})
    fresh = {member.id: (0, ["whatever"], "")}
    assert ballots._insert_fresh(poll, fresh, {member.id: 1}) is False
    assert len(_stored(poll)) == 1
