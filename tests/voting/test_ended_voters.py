"""A voter whose sign-in ended cannot vote from a socket it opened before (in-process)."""

from datetime import timedelta

import sqlalchemy as sa

from govhub.auth.credentials import Credential, of_token
from govhub.auth.models import ApiToken
from govhub.core.models import utcnow
from govhub.extensions import db, socketio
from govhub.realtime.rooms import NAMESPACE
from govhub.voting import ballot_box
from govhub.voting.models import Ballot


def _connected(app, token):
    with app.app_context():  # its own `g`, as a real connection has
        live = socketio.test_client(app, namespace=NAMESPACE, auth={"token": token})
    assert live.is_connected(NAMESPACE)
    return live


def _vote(live, poll) -> dict:
    return live.emit("poll:vote", {"poll_id": poll.id, "choice": "yes"}, namespace=NAMESPACE,
                     callback=True)


def _ballots(poll) -> int:
    return db.session.scalar(sa.select(sa.func.count(Ballot.id)).where(Ballot.poll_id == poll.id))


def _token_of(member) -> ApiToken:
    return db.session.scalar(sa.select(ApiToken).where(ApiToken.user_id == member.id))


def test_an_expired_tokens_socket_can_no_longer_vote(app, room, make_poll, make_token):
    poll, member = make_poll(), room.council.test_members[1]
    live = _connected(app, make_token(member))
    _token_of(member).expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    ack = _vote(live, poll)
    assert ack["ok"] is False and ack["error"]["code"] == "unauthorized"
    assert _ballots(poll) == 0
    live.disconnect(NAMESPACE)


def test_a_revoked_tokens_socket_can_no_longer_vote(app, room, make_poll, make_token):
    from govhub.auth.services import revoke_token

    poll, member = make_poll(), room.council.test_members[1]
    live = _connected(app, make_token(member))
    revoke_token(member, _token_of(member))
    db.session.commit()
    assert _vote(live, poll)["error"]["code"] == "unauthorized"
    assert _ballots(poll) == 0
    live.disconnect(NAMESPACE)


def test_a_batch_checks_each_ballots_own_connection(room, make_token):
    """One account, two phones: the ballot from the phone whose token was revoked is refused,
    though the same account's other phone still stands."""
    from govhub.auth.services import revoke_token

    member = room.council.test_members[1]
    make_token(member), make_token(member)
    revoked, kept = db.session.scalars(sa.select(ApiToken).where(ApiToken.user_id == member.id)
                                       .order_by(ApiToken.id)).all()
    revoke_token(member, revoked)
    db.session.commit()
    batch = [ballot_box.Submission(member.id, of_token(token), {}, "en")
             for token in (revoked, kept)]
    batch.append(ballot_box.Submission(member.id, Credential("session", kept.id), {}, "en"))
    assert list(ballot_box._accounts(batch)) == [(member.id, of_token(kept))]
