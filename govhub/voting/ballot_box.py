"""Group commit for ballots from the live room.

Two thousand phones voting within a second would mean two thousand
transactions. Instead each `poll:vote` handler hands its ballot to the
process's ballot box and waits; one writer takes every ballot that arrives
within `ballot_batch_ms`, checks in one query (per kind of credential) that
each voter's account and the session or token their connection signed in
with still stand, has the batch cast (by the socket adapter's `Casting`,
voting/events.py: the plain ballots of each poll together with
`ballots.cast_many`, a few statements for the whole batch, and the rest
(proxies) one by one through the same service as the pages and the API,
each in a savepoint so that one bad ballot spoils nothing else); it commits
once, and only then answers every voter. A ballot is acknowledged only
after it is committed; a failed commit answers every ballot in the batch
with an error, and none counts. A voter who waited too long is told `busy`
only if the writer has not taken their ballot yet, and then it is never
cast: a watchdog looks once a second for such ballots (one timer for the box
rather than one per waiting voter, which in a burst cost more than the wait
itself).

The writer and the watchdog start with the server (`start`); they read the
app's clock (govhub/core/clock.py), so a test takes and writes batches by
hand (`Box.take`, `write`). With `ballot_batch_ms = 0` ballots are cast
inline (`Casting.one`), one transaction each.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from govhub.core.clock import REAL, Clock, clock_of
from govhub.core.errors import DomainError
from govhub.core.languages import SUPPORTED_LOCALES
from govhub.extensions import db, socketio
from govhub.voting.ballots import Vote

if TYPE_CHECKING:
    from govhub.auth.credentials import Credential

log = logging.getLogger(__name__)

BATCH_MAX = 500
# Seconds a voter's handler waits for the writer to take the ballot (give or take
# the watchdog's second): well under Engine.IO's ping timeout (20 s), since the
# connection reads nothing else while its handler waits.
ANSWER_TIMEOUT = 15
WATCH_EVERY = 1.0


@dataclass
class Submission:
    user_id: int
    credential: Credential  # the browser session or API token the connection signed in with
    payload: dict
    locale: str  # the browser's; the account's own choice wins when the writer reads it
    answer: Future = field(default_factory=Future)

    @property
    def signed_in(self) -> tuple:
        """Who, with what: one account may vote from a phone that stands and one that does not."""
        return self.user_id, self.credential


@dataclass(frozen=True)
class Voter:
    """A voter as casting needs them: who, and in which language they chose to read."""

    id: int
    locale: str | None


@dataclass(frozen=True)
class Casting:
    """What a ballot's payload means, from the socket adapter (voting/events.py), called
    inside the box's transaction: `one(voter, payload)` casts a ballot alone and returns the
    ack's fields or raises DomainError; `batch(votes)` casts standing voters' ballots
    together and returns one ack each, refusals included, raising nothing."""

    one: Callable[[Voter, dict], dict]
    batch: Callable[[list[Vote]], list[dict]]


class Box:
    """The process's ballots on their way to the writer, and how long each may wait."""

    def __init__(self, clock: Clock = REAL):
        self.clock = clock
        self.queue: queue.Queue[Submission] = queue.Queue()
        self.waiting: deque[tuple[float, Submission]] = deque()  # (deadline, ·), oldest first

    def put(self, submission: Submission) -> None:
        self.waiting.append((self.clock.monotonic() + ANSWER_TIMEOUT, submission))
        self.queue.put(submission)

    def take(self, window: float) -> list[Submission]:
        """The next batch: the first ballot to arrive, then all that arrive within `window`
        seconds of it (at most BATCH_MAX), less those already withdrawn. Waits for the first."""
        batch = [self.queue.get()]
        deadline = self.clock.monotonic() + window
        while len(batch) < BATCH_MAX:
            remaining = deadline - self.clock.monotonic()
            if remaining <= 0:
                break
            try:
                batch.append(self.clock.get(self.queue, remaining))
            except queue.Empty:
                break
        # From here a voter can no longer withdraw; one who already did is skipped.
        return [s for s in batch if s.answer.set_running_or_notify_cancel()]

    def expire(self, now: float) -> int:
        """Withdraw the ballots that waited past their deadline untaken; how many."""
        withdrawn = 0
        while self.waiting:
            deadline, submission = self.waiting[0]
            answer = submission.answer
            if not (answer.done() or answer.running() or deadline <= now):
                break  # the rest arrived later still
            self.waiting.popleft()
            withdrawn += answer.cancel()  # refused once the writer has taken it
        return withdrawn


_boxes: dict[int, Box] = {}
_lock = threading.Lock()


def submit(identity, payload: dict, locale: str, casting: Casting) -> dict:
    """Cast a ballot from the live room for a SocketIdentity; returns the acknowledgement."""
    app = current_app._get_current_object()
    batch_ms = app.config["GOVHUB"]["ballot_batch_ms"]
    submission = Submission(identity.id, identity.credential, payload, locale)
    if batch_ms <= 0:
        return _cast_inline(submission, casting)
    # Hold no database connection while waiting, or a burst of voters holds
    # the whole pool while the writer, which needs one, waits for it. (Most
    # voters have no session at all: asking for one to close would make one.)
    if db.session.registry.has():
        db.session.close()
    _box(app, casting).put(submission)
    try:
        return submission.answer.result()
    except CancelledError:  # withdrawn by the watchdog, untaken: it will never count
        return _error("busy", _("The server is busy; send your ballot again."))


def _cast_inline(submission: Submission, casting: Casting) -> dict:
    accounts = _accounts([submission])
    if submission.signed_in not in accounts:
        return _signed_out()
    with force_locale(_locale(accounts, submission)):
        try:
            result = casting.one(accounts[submission.signed_in], submission.payload)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            return {"ok": False, "error": exc.to_dict()}
    return {"ok": True, **result}


def _signed_out() -> dict:
    return _error("unauthorized", _("Your session has ended; sign in again."))


def _error(code: str, message: str) -> dict:
    return {"ok": False, "error": {"code": code, "message": message}}


def start(app, casting: Casting) -> None:
    """Start this process's writer for `app` and its watchdog (once); `govhub run` does it
    when the server starts, and the first ballot would otherwise."""
    _box(app, casting)


def _box(app, casting: Casting) -> Box:
    box = _boxes.get(id(app))
    if box is not None:  # every ballot but the first: no lock to take
        return box
    with _lock:
        box = _boxes.get(id(app))
        if box is None:
            box = _boxes[id(app)] = Box(clock_of(app))
            socketio.start_background_task(_writer, app, box, casting)
            socketio.start_background_task(_watchdog, box)
    return box


def _watchdog(box: Box) -> None:
    while True:
        box.clock.sleep(WATCH_EVERY)
        box.expire(box.clock.monotonic())


def _writer(app, box: Box, casting: Casting) -> None:
    window = app.config["GOVHUB"]["ballot_batch_ms"] / 1000
    while True:
        batch = box.take(window)
        if batch:
            write(app, batch, casting)


def write(app, batch: list[Submission], casting: Casting) -> None:
    """Cast a batch in one transaction and answer each of its voters (an error if it failed)."""
    try:
        with app.app_context():
            _commit_batch(batch, casting)
    except Exception:
        log.exception("ballot batch of %d failed", len(batch))
        with app.app_context():
            for submission in batch:
                if not submission.answer.done():
                    with force_locale(submission.locale):
                        submission.answer.set_result(_error(
                            "not_recorded", _("Your ballot was not recorded; send it again.")))


def _commit_batch(batch: list[Submission], casting: Casting) -> None:
    accounts = _accounts(batch)
    answers: list[dict | None] = [None] * len(batch)
    standing: list[int] = []  # indexes of the ballots whose voters still stand
    votes: list[Vote] = []
    for index, submission in enumerate(batch):
        voter = accounts.get(submission.signed_in)
        if voter is None:
            with force_locale(submission.locale):
                answers[index] = _signed_out()
        else:
            standing.append(index)
            votes.append(Vote(voter, submission.payload, _locale(accounts, submission)))
    if votes:
        for index, answer in zip(standing, casting.batch(votes), strict=True):
            answers[index] = answer
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    finally:
        db.session.remove()
    for index, submission in enumerate(batch):
        submission.answer.set_result(answers[index])


def _accounts(batch: list[Submission]) -> dict[tuple, Voter]:
    """The batch's voters whose accounts, and the sessions or tokens they connected with,
    still stand (not disabled, not signed out, not revoked, not expired)."""
    from govhub.auth.credentials import standing_holders

    standing = standing_holders({s.credential for s in batch})
    return {s.signed_in: Voter(s.user_id, standing[s.credential][1]) for s in batch
            if standing.get(s.credential, (None,))[0] == s.user_id}


def _locale(accounts: dict, submission: Submission) -> str:
    """The voter's own language if they chose one, else their browser's."""
    chosen = accounts[submission.signed_in].locale
    return chosen if chosen in SUPPORTED_LOCALES else submission.locale
