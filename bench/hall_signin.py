"""A hall signs in at once while a member is already in the room.

Starts `govhub run` (gevent, the shipped argon2 profile unless --profile)
with N + 1 demo residents in a temporary folder, opens a meeting, and
connects the last resident to its room over the websocket. That member then
asks to speak and withdraws, again and again, timing each acknowledgement,
while N residents (in another process, one thread each) load the sign-in
form and then all send it at the same instant. Prints the member's round
trips (quiet room, while the forms load, while the sign-ins are on their
way), how long the hall took, and the load average: the machine may be
shared.

    .venv/bin/python bench/hall_signin.py                 # N = 100, 3 runs
    .venv/bin/python bench/hall_signin.py --hall 20 --runs 1
    .venv/bin/python bench/hall_signin.py --source ../old-checkout   # "before"

--source runs the server from another checkout of GovHub (its `govhub`
package, with this virtualenv), to measure a commit before a change.
Results are in docs/performance.md.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import socketio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.live.test_signin_hall import (  # noqa: E402  (the test's hall and helpers)
    _meeting_in_session,
    _percentile,
    _token,
    sign_in_hall,
)

PASSWORD = "correct horse battery"
TIMEOUT = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(folder: Path, residents: int, source: Path, profile: str | None):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVHUB_")}
    env.update(GOVHUB_INSTANCE_PATH=str(folder), GOVHUB_SECRET_KEY="bench",
               GOVHUB_DEMO_PASSWORD=PASSWORD, GOVHUB_DEMO_RESIDENTS=str(residents),
               GOVHUB_RATELIMIT_LOGIN="100000 per minute",  # read only by older commits
               PYTHONPATH=str(source))
    if profile:
        env["GOVHUB_PASSWORD_HASH_PROFILE"] = profile
    log = (folder / "server.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "govhub", "run", "--port", str(port)],
                               cwd=source, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            if requests.get(f"{url}/login", timeout=2).status_code == 200:
                return process, url
        except requests.ConnectionError:
            time.sleep(0.2)
    process.kill()
    sys.exit(f"the server did not start; see {folder / 'server.log'}")


def one_run(url: str, hall: int) -> dict:
    meeting_id = _meeting_in_session(url, _token(url, "worker"))
    member = socketio.Client(reconnection=False)
    member.connect(url, namespaces=["/live"], transports=["websocket"],
                   auth={"token": _token(url, f"resident{hall + 1:03d}")}, wait_timeout=TIMEOUT)
    lost = None

    def ask(event: str) -> float:
        started = time.perf_counter()
        ack = member.call(event, {"meeting_id": meeting_id}, namespace="/live", timeout=TIMEOUT)
        assert ack["ok"] is True, ack
        return (time.perf_counter() - started) * 1000

    try:
        ask("meeting:join")
        ask("attendance:check_in")
        quiet = [ask(event) for event in ("speakers:request", "speakers:withdraw") * 10]
        context = multiprocessing.get_context("spawn")
        results = context.Queue()
        process = context.Process(target=sign_in_hall, args=(
            url, [f"resident{n:03d}" for n in range(1, hall + 1)], results))
        process.start()
        busy = []
        while process.is_alive() and results.empty():
            sent = time.time()
            try:
                busy.append((sent, ask(("speakers:request", "speakers:withdraw")[len(busy) % 2])))
            except Exception as exc:  # a lost connection is a result too
                lost = f"{type(exc).__name__} after {time.time() - sent:.1f} s"
                break
        statuses, posted, answered = results.get(timeout=600)
        process.join()
    finally:
        if member.connected:
            member.disconnect()
    signing = [rtt for sent, rtt in busy if sent + rtt / 1000 >= posted and sent <= answered]
    loading = [rtt for sent, rtt in busy if sent + rtt / 1000 < posted]
    return {"quiet": quiet, "loading": loading, "signing": signing, "lost": lost,
            "took": answered - posted, "ok": sum(1 for s in statuses.values() if s == 302),
            "hall": hall}


def describe(name: str, rtts: list[float]) -> str:
    if not rtts:
        return f"{name}: no answers"
    return (f"{name}: {len(rtts)} answers, p50 {_percentile(rtts, 0.5):.0f} ms, "
            f"p99 {_percentile(rtts, 0.99):.0f} ms, max {max(rtts):.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hall", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--source", type=Path, default=ROOT)
    parser.add_argument("--profile", help="GOVHUB_PASSWORD_HASH_PROFILE (default: as shipped)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govhub-hall-") as folder:
        process, url = start_server(Path(folder), args.hall + 1, args.source.resolve(),
                                    args.profile)
        try:
            for run in range(1, args.runs + 1):
                load = os.getloadavg()[0]
                result = one_run(url, args.hall)
                print(f"run {run} (load average {load:.1f} before, "
                      f"{os.getloadavg()[0]:.1f} after): {result['ok']}/{result['hall']} "
                      f"signed in, answered {result['took']:.2f} s after they were sent")
                for phase in ("quiet", "loading", "signing"):
                    print("   ", describe({"quiet": "quiet room", "loading": "forms loading",
                                           "signing": "signing in"}[phase], result[phase]))
                if result["lost"]:
                    print("    the member's call failed:", result["lost"])
                    break
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
