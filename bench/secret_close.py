"""What closing a secret poll of N ballots costs, in-process: the close, then the scrub.

The close of a secret poll rewrites its ballots and receipts in a random
order (govhub/voting/secrecy.py) inside the close's transaction, which holds
the poll's row while it runs; afterwards the server scrubs in the
background (SQLite: a WAL checkpoint that truncates the log; PostgreSQL:
VACUUM FULL of the two tables). This script builds the demo with N
residents on a fresh database, and in each round prepares a secret poll,
casts every resident's ballot in batches of 500 (as the live room's ballot
box does), then times the close (to its commit) and the scrub.

    .venv/bin/python bench/secret_close.py                 # SQLite, N = 2,000, 3 rounds
    .venv/bin/python bench/secret_close.py --postgres      # GOVHUB_TEST_POSTGRES_URL or local
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from statistics import median

from async_modes import throwaway_postgres

BIN = Path(sys.executable).parent  # the virtualenv GovHub is installed in


@contextmanager
def database(postgres: bool, folder: Path):
    if postgres:
        with throwaway_postgres() as url:
            yield url
    else:
        yield f"sqlite:///{folder / 'bench.sqlite3'}"


def one_round(chair, meeting, people) -> tuple[float, float, float, float]:
    """(close wall ms, close CPU ms, scrub wall ms, scrub CPU ms) for one poll of all `people`."""
    from govhub.extensions import db
    from govhub.voting import ballots, secrecy, services

    poll = services.create_poll(chair, meeting, meeting.current_item, "是否同意更换物业公司？",
                                "yes_no_abstain", secret=True, live_results=False)
    services.open_poll(chair, poll)
    db.session.commit()
    for start in range(0, len(people), 500):
        votes = [ballots.Vote(person, {"choice": ("yes", "no", "abstain")[n % 3]}, "zh_Hans_CN")
                 for n, person in enumerate(people[start:start + 500], start)]
        answers = ballots.cast_many(poll, votes)
        if not all(answer["ok"] for answer in answers):
            raise RuntimeError(f"a ballot was refused: {answers[:3]}")
        db.session.commit()
    wall, cpu = time.perf_counter(), time.process_time()
    services.close_poll(chair, poll)
    db.session.commit()
    close = ((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000)
    wall, cpu = time.perf_counter(), time.process_time()
    if not secrecy.scrub():
        raise RuntimeError("the scrub found its lock busy")
    return (*close, (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--residents", type=int, default=2000, help="N ballots per poll (2000)")
    parser.add_argument("--rounds", type=int, default=3, help="polls closed (3)")
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govhub-bench-") as folder, \
            database(args.postgres, Path(folder)) as url:
        os.environ.update(GOVHUB_INSTANCE_PATH=str(Path(folder) / "instance"),
                          GOVHUB_DEMO_PASSWORD="bench-secret-close", GOVHUB_DATABASE_URL=url,
                          GOVHUB_PASSWORD_HASH_PROFILE="CHEAPEST")
        subprocess.run([str(BIN / "govhub"), "demo", "--residents", str(args.residents)],
                       cwd=folder, env=os.environ, check=True, capture_output=True)
        import sqlalchemy as sa

        from govhub import create_app
        from govhub.auth.models import User
        from govhub.extensions import db
        from govhub.meetings import attendance
        from govhub.meetings.models import Meeting, MeetingStatus

        app = create_app({"ballot_batch_ms": 0, "tally_interval_ms": 0})
        with app.app_context():
            meeting = db.session.scalar(sa.select(Meeting).where(
                Meeting.status == MeetingStatus.IN_SESSION))
            people = db.session.scalars(sa.select(User).where(
                User.username.like("resident%")).order_by(User.username)).all()
            chair = db.session.scalar(sa.select(User).where(User.username == "chair"))
            for person in people:
                attendance.check_in(person, meeting)
            db.session.commit()
            rounds = [one_round(chair, meeting, people) for _ in range(args.rounds)]
            db.session.remove()
            db.engine.dispose()
    backend = "PostgreSQL" if args.postgres else "SQLite"
    for name, column in (("close (to its commit)", 0), ("scrub after it", 2)):
        walls = [r[column] for r in rounds]
        cpus = [r[column + 1] for r in rounds]
        print(f"{backend}, secret poll of {len(people):,} ballots, {name}: median "
              f"{median(walls):.0f} ms wall, {median(cpus):.0f} ms CPU "
              f"(rounds: {', '.join(f'{w:.0f}' for w in walls)} ms)")
    print(f"  load average: {os.getloadavg()[0]:.1f} (the machine may be shared)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
