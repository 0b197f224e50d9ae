"""What checking a live connection's sign-in costs: per event, per ballot batch, per sweep.

Every /live event re-reads its user together with the session or token the
connection signed in with (auth.credentials.holder), where it used to read
the user alone by primary key; a batch of ballots checks all its voters'
credentials at once (standing_holders); and each server process sweeps
once a second for credentials that ended (ended_between). This script builds
the demo with N residents (`govhub demo`), gives each a browser session and
an API token (so the tables hold 2 N credentials, a tenth of them revoked),
and times each read in-process on SQLite, the fastest of several rounds.

    python bench/credential_check.py                 # N = 2,000
    python bench/credential_check.py --residents 200 --rounds 3
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

BIN = Path(sys.executable).parent  # the virtualenv GovHub is installed in


def build(folder: Path, residents: int):
    """The demo's residents, each with a session and a token; a tenth of each revoked."""
    import sqlalchemy as sa

    from govhub import create_app
    from govhub.auth import credentials, sessions
    from govhub.auth.models import User
    from govhub.auth.services import issue_token
    from govhub.core.models import utcnow
    from govhub.extensions import db

    subprocess.run([str(BIN / "govhub"), "demo", "--residents", str(residents)], cwd=folder,
                   env=os.environ, check=True, capture_output=True)
    app = create_app()
    with app.app_context():
        people = db.session.scalars(sa.select(User).where(User.username.like("resident%"))).all()
        held = []
        for index, person in enumerate(people):
            session, _key = sessions.start_session(person, "Mozilla/5.0 (Android) Chrome")
            token, _plain = issue_token(person, "bench")
            if index % 10 == 0:
                session.revoked_at = token.revoked_at = utcnow() - timedelta(minutes=5)
            held.append((person.id, credentials.of_session(session)))
            held.append((person.id, credentials.of_token(token)))
        db.session.commit()
    return app, held


def per_call(app, calls: int, work) -> float:
    """Microseconds per call of work(i), each in a fresh database session, as an event has."""
    from govhub.extensions import db

    with app.app_context():
        started = time.perf_counter()
        for index in range(calls):
            work(index)
            db.session.remove()
        return (time.perf_counter() - started) / calls * 1_000_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--residents", type=int, default=2000, help="N residents (2000)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds; the fastest is kept (5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govhub-bench-") as folder:
        os.environ.update(GOVHUB_INSTANCE_PATH=str(Path(folder) / "instance"),
                          GOVHUB_DEMO_PASSWORD="bench-credentials", GOVHUB_DATABASE_URL="",
                          GOVHUB_PASSWORD_HASH_PROFILE="CHEAPEST")
        app, held = build(Path(folder), args.residents)
        report(app, held, args.rounds)
    return 0


def report(app, held, rounds: int) -> None:
    import sqlalchemy as sa

    from govhub.auth import credentials
    from govhub.auth.models import User
    from govhub.core.models import utcnow
    from govhub.extensions import db

    calls = len(held)
    batch = [credential for _user_id, credential in held[:500]]

    def fastest(work, count=calls):
        return min(per_call(app, count, work) for _ in range(rounds))

    by_key = fastest(lambda i: db.session.get(User, held[i][0]))
    with_credential = fastest(lambda i: credentials.holder(held[i][1], held[i][0]))
    voters = list({user_id for user_id, _credential in held[:500]})
    accounts = sa.select(User.id, User.locale).where(User.id.in_(voters),
                                                     User.disabled_at.is_(None))
    a_batch_before = fastest(lambda i: db.session.execute(accounts).all(), count=50)
    a_batch = fastest(lambda i: credentials.standing_holders(batch), count=50)
    a_sweep = fastest(lambda i: credentials.ended_between(utcnow() - timedelta(seconds=11),
                                                          utcnow()), count=500)
    print(f"{calls:,} credentials of {calls // 2:,} residents, SQLite, fastest of {rounds}:")
    print(f"  per event, before: the user by primary key        {by_key:7.1f} us")
    print(f"  per event, now: the user with its credential      {with_credential:7.1f} us")
    print(f"  per ballot batch of 500, before: the accounts     {a_batch_before:7.1f} us")
    print(f"  per ballot batch of 500, now: their credentials   {a_batch:7.1f} us")
    print(f"  per sweep (once a second per process)             {a_sweep:7.1f} us")


if __name__ == "__main__":
    sys.exit(main())
