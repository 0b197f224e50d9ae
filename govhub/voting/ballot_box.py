"""Group commit for ballots from the live room.

Two thousand phones voting within a second would mean two thousand
transactions. Instead each `poll:vote` handler hands its ballot to the
process's ballot box and waits; one writer takes every ballot that arrives
within `ballot_batch_ms`, casts each through the same service as the pages
and the API (each in a savepoint, so one bad ballot spoils nothing else),
commits once, and only then answers every voter. A ballot is acknowledged
only after it is committed; a failed commit answers every ballot in the
batch with an error, and none of them counts.

With `ballot_batch_ms = 0` ballots are cast inline, one transaction each.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from govhub.core.errors import DomainError
from govhub.extensions import db, socketio

log = logging.getLogger(__name__)

BATCH_MAX = 500
ANSWER_TIMEOUT = 30  # seconds a voter's handler waits for the writer


@dataclass
class Submission:
    user_id: int
    payload: dict
    locale: str
    answer: Future = field(default_factory=Future)


_boxes: dict[int, queue.Queue] = {}
_lock = threading.Lock()


def submit(user, payload: dict, locale: str) -> dict:
    """Cast a ballot from the live room; returns the acknowledgement to send."""
    app = current_app._get_current_object()
    batch_ms = app.config["GOVHUB"]["ballot_batch_ms"]
    if batch_ms <= 0:
        return _cast_inline(user, payload)
    submission = Submission(user.id, payload, locale)
    # The handler read its user through the session; give the connection back
    # before waiting, or a burst of voters holds the whole pool while the
    # writer, which needs one connection, waits for it.
    db.session.close()
    _box(app).put(submission)
    try:
        return submission.answer.result(timeout=ANSWER_TIMEOUT)
    except TimeoutError:
        return _error("busy", _("The server is busy; send your ballot again."))


def _cast_inline(user, payload: dict) -> dict:
    try:
        result = _cast(user, payload)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        return {"ok": False, "error": exc.to_dict()}
    return {"ok": True, **result}


def _cast(user, payload: dict) -> dict:
    from govhub.meetings.permissions import can_view
    from govhub.voting.queries import find_poll

    poll = find_poll(payload.get("poll_id"))
    if poll is None:
        raise _unknown_poll()
    try:
        return _cast_in(user, poll, payload)
    except DomainError:
        # Only a refusal asks who may see the poll: one that is hidden from
        # this user answers exactly like one that does not exist.
        if not can_view(user, poll.meeting):
            raise _unknown_poll() from None
        raise


def _unknown_poll() -> DomainError:
    return DomainError("unknown_poll", _("There is no such poll."), "poll_id", status=404)


def _cast_in(user, poll, payload: dict) -> dict:
    from govhub.voting import services

    key = payload.get("key")  # the service refuses anything but a short text
    if payload.get("for_all") is True:
        results = services.cast_all(user, poll, payload, key=key)
        return {"poll_id": poll.id, "members": [r["member_id"] for r in results]}
    member = None
    if payload.get("member_id") is not None:
        member = services.represented_member(user, poll, payload.get("member_id"))
    return services.cast_ballot(user, poll, payload, member=member, key=key)


def _error(code: str, message: str) -> dict:
    return {"ok": False, "error": {"code": code, "message": message}}


def _box(app) -> queue.Queue:
    with _lock:
        box = _boxes.get(id(app))
        if box is None:
            box = _boxes[id(app)] = queue.Queue()
            socketio.start_background_task(_writer, app, box)
    return box


def _writer(app, box: queue.Queue) -> None:
    window = app.config["GOVHUB"]["ballot_batch_ms"] / 1000
    while True:
        batch = [box.get()]
        deadline = time.monotonic() + window
        while len(batch) < BATCH_MAX:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                batch.append(box.get(timeout=remaining))
            except queue.Empty:
                break
        try:
            with app.app_context():
                _commit_batch(batch)
        except Exception:
            log.exception("ballot batch of %d failed", len(batch))
            with app.app_context():
                for submission in batch:
                    if not submission.answer.done():
                        with force_locale(submission.locale):
                            submission.answer.set_result(_error(
                                "not_recorded", _("Your ballot was not recorded; send it again.")))


def _commit_batch(batch: list[Submission]) -> None:
    from govhub.auth.models import User

    answers = []
    for submission in batch:
        with force_locale(submission.locale):
            user = db.session.get(User, submission.user_id)
            try:
                with db.session.begin_nested():
                    answers.append({"ok": True, **_cast(user, submission.payload)})
            except DomainError as exc:
                answers.append({"ok": False, "error": exc.to_dict()})
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    finally:
        db.session.remove()
    for submission, answer in zip(batch, answers, strict=True):
        submission.answer.set_result(answer)
