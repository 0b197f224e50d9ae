"""What one phone costs the server to (re)join the room: connect + meeting:join, in-process.

After a vote, the whole hall may reconnect at once (the Wi-Fi drops, the
server restarts); each phone then connects and joins again, and the room is
back when the last has. live_vote.py measures that over real websockets, where
the machine's own noise is as large as a change to GovHub's code; this script
measures GovHub's share alone, steadily enough to compare two commits.

It builds the demo with N residents (`govhub demo`), checks them all in,
opens the demo's poll, casts every resident's ballot and closes it, issues
tokens for some residents, then connects and joins with Flask-SocketIO's
test client (no network) for each, in rounds, and prints the CPU time per
connect + join of the fastest round.

    python bench/room_join.py                    # N = 2,000, 300 joins a round, 5 rounds
    python bench/room_join.py --residents 200 --joins 100 --rounds 3
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent  # the virtualenv GovHub is installed in


def build(folder: Path, residents: int, joins: int) -> tuple[int, list[str]]:
    """The demo after a vote of every resident: (meeting id, tokens of `joins` residents)."""
    import sqlalchemy as sa

    from govhub import create_app
    from govhub.auth.models import User
    from govhub.auth.services import issue_token
    from govhub.extensions import db
    from govhub.meetings import attendance
    from govhub.meetings.models import Meeting, MeetingStatus
    from govhub.voting import ballots, services
    from govhub.voting.models import Poll, PollStatus

    subprocess.run([str(BIN / "govhub"), "demo", "--residents", str(residents)], cwd=folder,
                   env=os.environ, check=True, capture_output=True)
    app = create_app({"ballot_batch_ms": 0, "tally_interval_ms": 0})
    with app.app_context():
        meeting = db.session.scalar(sa.select(Meeting).where(
            Meeting.status == MeetingStatus.IN_SESSION))
        people = db.session.scalars(sa.select(User).where(User.username.like("resident%"))
                                    .order_by(User.username)).all()
        chair = db.session.scalar(sa.select(User).where(User.username == "chair"))
        for person in people:
            attendance.check_in(person, meeting)
        poll = db.session.scalar(sa.select(Poll).where(Poll.meeting_id == meeting.id,
                                                       Poll.status == PollStatus.DRAFT))
        services.open_poll(chair, poll)
        for index, person in enumerate(people):
            ballots.cast_ballot(person, poll, {"choice": ("yes", "no", "abstain")[index % 3]})
        services.close_poll(chair, poll)
        tokens = [issue_token(person, "bench")[1] for person in people[:joins]]
        db.session.commit()
        return meeting.id, tokens


def join_all(meeting_id: int, tokens: list[str]) -> float:
    """CPU milliseconds per connect + meeting:join, over every token once."""
    from govhub import create_app
    from govhub.extensions import socketio
    from govhub.realtime.rooms import NAMESPACE

    app = create_app()
    started = time.process_time()
    for token in tokens:
        live = socketio.test_client(app, namespace=NAMESPACE, auth={"token": token})
        ack = live.emit("meeting:join", {"meeting_id": meeting_id}, namespace=NAMESPACE,
                        callback=True)
        if not ack.get("ok"):
            raise RuntimeError(f"meeting:join refused: {ack}")
        live.disconnect(NAMESPACE)
    return (time.process_time() - started) / len(tokens) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--residents", type=int, default=2000, help="N residents voted (2000)")
    parser.add_argument("--joins", type=int, default=300, help="phones joining per round (300)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds; the fastest is kept (5)")
    args = parser.parse_args()
    if not 1 <= args.joins <= args.residents or args.rounds < 1:
        parser.error("need 1 <= --joins <= --residents and --rounds >= 1")
    with tempfile.TemporaryDirectory(prefix="govhub-bench-") as folder:
        os.environ.update(GOVHUB_INSTANCE_PATH=str(Path(folder) / "instance"),
                          GOVHUB_DEMO_PASSWORD="bench-room-join", GOVHUB_DATABASE_URL="",
                          GOVHUB_PASSWORD_HASH_PROFILE="CHEAPEST")
        meeting_id, tokens = build(Path(folder), args.residents, args.joins)
        rounds = [join_all(meeting_id, tokens) for _ in range(args.rounds)]
    print(f"N = {args.residents:,}, after a vote of all: connect + meeting:join costs "
          f"{min(rounds):.2f} ms of CPU per phone (fastest of {args.rounds} rounds of "
          f"{args.joins}; all: {', '.join(f'{r:.2f}' for r in rounds)})")
    print(f"  a whole hall rejoining: about {min(rounds) * args.residents / 1000:.1f} s of "
          "one core in-process; live_vote.py's rejoin adds websockets and the network")
    print("  target: none set; compare commits (live_vote.py measures the whole rejoin)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
