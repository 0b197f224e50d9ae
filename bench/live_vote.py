"""One whole live vote of N residents against GovHub, side by side with a bare server.

Starts GovHub as a user would (`govhub demo --residents N`, then
`govhub run --no-demo`; embedded SQLite, or a throwaway PostgreSQL database
with --postgres), finds the meeting in session and its demo poll through the
API and the meeting:join snapshot, and has bench/live_vote.js sign in, connect,
join and check in N residents over websocket; the chair opens the poll, every
resident votes once within about a second (a few send the same ballot twice),
the chair closes it after all acks. Then does the same against
bench/bare_vote_server.py (in-memory tally, no database) and prints GovHub's
figures with the targets they answer to, and as ratios to the bare server.

    python bench/live_vote.py                 # N = 2,000, SQLite
    python bench/live_vote.py --quick         # N = 200
    python bench/live_vote.py --postgres --repeat 3
"""

import argparse
import json
import os
import resource
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from datetime import datetime
from pathlib import Path

from async_modes import (
    POSTGRES_URL,
    RESULTS,
    cpu_clock,
    free_port,
    on_cpu,
    other_load,
    stop,
    throwaway_postgres,
    wait_for_quiet,
    wait_listening,
)

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent  # the virtualenv GovHub is installed in
ACK_P99_MS, CLOSE_MS, TALLY_RATIO = 500, 1000, 2.0  # targets at N = 2,000


# --- GovHub, started as a user would ---------------------------------------------

def govhub_env(folder: Path, database_url: str, password: str, real_hashing: bool) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("GOVHUB_") and k != "FLASK_RUN_FROM_CLI"}
    env.update(GOVHUB_INSTANCE_PATH=str(folder / "instance"), GOVHUB_DEMO_PASSWORD=password,
               GOVHUB_DATABASE_URL=database_url)
    if not real_hashing:
        # argon2id as shipped costs ~25 ms of CPU per sign-in: 2,000 sign-ins
        # would take a core for about a minute before the vote begins.
        env["GOVHUB_PASSWORD_HASH_PROFILE"] = "CHEAPEST"
    return env


def forward(stream) -> deque:
    """Print a child's progress as it comes; keep its last lines for the report."""
    said: deque = deque(maxlen=20)

    def pump():
        for line in stream:
            said.append(line)
            print(line, end="", file=sys.stderr, flush=True)

    threading.Thread(target=pump, daemon=True).start()
    return said


def api(url: str, path: str, body: dict | None = None, token: str = ""):
    request = urllib.request.Request(
        url + path, data=json.dumps(body).encode() if body is not None else None,
        headers={"content-type": "application/json",
                 **({"authorization": f"Bearer {token}"} if token else {})})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def meeting_in_session(url: str, password: str) -> int:
    """The demo's meeting in session, as a script finds it through the API."""
    token = api(url, "/api/v1/tokens", {"username": "chair", "password": password})["token"]
    try:
        found = api(url, "/api/v1/meetings?status=in_session", token=token)
        found = found.get("meetings", found) if isinstance(found, dict) else found
        if found:
            return found[0]["id"]
    except urllib.error.HTTPError:
        pass  # not offered by this version: go through the councils
    for council in api(url, "/api/v1/communities/xingfuli/councils", token=token):
        for meeting in api(url, f"/api/v1/councils/{council['id']}/meetings", token=token):
            if meeting["status"] == "in_session":
                return meeting["id"]
    raise RuntimeError("the demo has no meeting in session")


def run_govhub(n: int, args, stamp: str) -> dict:
    if not args.postgres:
        return _run_govhub(n, args, stamp, "")
    with throwaway_postgres(args.postgres) as database_url:
        return _run_govhub(n, args, stamp, database_url)


def _run_govhub(n: int, args, stamp: str, database_url: str) -> dict:
    label = "govhub-postgres" if database_url else "govhub-sqlite"
    password = "bench-" + secrets.token_urlsafe(12)
    folder = Path(tempfile.mkdtemp(prefix="govhub-bench-"))
    try:
        env = govhub_env(folder, database_url, password, args.real_hashing)
        started = time.monotonic()
        demo = subprocess.run([str(BIN / "govhub"), "demo", "--residents", str(n)], cwd=folder,
                              env=env, capture_output=True, text=True, timeout=1800)
        if demo.returncode != 0:
            return {"clients": n, "error": f"govhub demo failed: {demo.stderr[-500:]}"}
        demo_s = time.monotonic() - started
        port = free_port()
        command = [str(BIN / "govhub"), "run", "--port", str(port), "--no-demo"]
        return serve_and_drive(label, command, port, n, args, stamp, env=env, cwd=folder,
                               password=password, extra={"demo_s": round(demo_s, 1)})
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_bare(n: int, args, stamp: str) -> dict:
    port = free_port()
    command = [sys.executable, str(HERE / "bare_vote_server.py"), str(port),
               str(args.bare_interval_ms)]
    return serve_and_drive("bare", command, port, n, args, stamp, password="bare")


def serve_and_drive(label: str, command: list[str], port: int, n: int, args, stamp: str, *,
                    password: str, env=None, cwd=None, extra=None) -> dict:
    """Start one server pinned to the first core, drive it from the second, stop it.

    Waits for an idle machine first, and records how many cores other
    processes kept busy meanwhile (`other_load`).
    """
    wait_for_quiet(args.quiet_wait)
    start = cpu_clock()
    result = _serve_and_drive(label, command, port, n, args, stamp, password=password, env=env,
                              cwd=cwd)
    return {**(extra or {}), **result, "other_load": other_load(start, cpu_clock())}


def _serve_and_drive(label, command, port, n, args, stamp, *, password, env, cwd) -> dict:
    log_path = RESULTS / f"{stamp}-live_vote-{label}-{n}.server.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env,
                                  cwd=cwd, preexec_fn=on_cpu(0))
    load = None
    try:
        wait_listening(port, server, timeout=120)
        url = f"http://127.0.0.1:{port}"
        meeting_id = meeting_in_session(url, password) if label != "bare" else 1
        config = {"url": url, "meetingId": meeting_id, "n": n, "password": password,
                  "pid": server.pid, "spreadMs": args.spread_ms, "waitMs": args.wait_ms,
                  "retryShare": args.retry_share, "pageSize": os.sysconf("SC_PAGE_SIZE"),
                  "clkTck": os.sysconf("SC_CLK_TCK")}
        load = subprocess.Popen(["node", str(HERE / "live_vote.js"), json.dumps(config)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                preexec_fn=on_cpu(1))
        said, out = forward(load.stderr), []
        reader = threading.Thread(target=lambda: out.extend(load.stdout), daemon=True)
        reader.start()
        load.wait(timeout=300 + n * 0.2 + 3 * args.wait_ms / 1000)
        reader.join(5)
        if load.returncode != 0 or not out:
            last = next((line.strip() for line in reversed(said) if "failed" in line), "")
            raise RuntimeError(f"load generator failed (status {load.returncode}): {last}")
        result = json.loads(out[-1])
        if server.poll() is not None:
            result["error"] = f"server died (status {server.returncode})"
        return result
    except (RuntimeError, OSError, urllib.error.URLError, subprocess.TimeoutExpired) as exc:
        return {"clients": n, "error": f"{type(exc).__name__}: {exc}"}
    finally:
        if load is not None:
            stop(load)
        stop(server)


# --- the report ----------------------------------------------------------------------

def fmt(v, spec="{:.0f}") -> str:
    return "-" if v is None else spec.format(v)


def ratio(a, b) -> str:
    return "-" if a is None or not b else f"{a / b:.1f}x"


FIGURES = [  # (label, key, format, target text)
    ("sign-in (HTTP tokens)", "sign_in_s", "{:.1f} s", ""),
    ("connect + join + check in", "connect_s", "{:.1f} s", ""),
    ("vote ack p50", "ack_p50_ms", "{:.0f} ms", ""),
    ("vote ack p95", "ack_p95_ms", "{:.0f} ms", ""),
    ("vote ack p99", "ack_p99_ms", "{:.0f} ms", f"< {ACK_P99_MS} ms"),
    ("last vote -> full tally at all (max)", "full_tally_max_ms", "{:.0f} ms",
     f"<= {TALLY_RATIO:g}x bare"),
    ("close -> poll:closed at all (max)", "closed_max_ms", "{:.0f} ms", f"< {CLOSE_MS} ms"),
    ("the hall reconnects: all rejoined", "rejoin_s", "{:.1f} s", ""),
    ("ballots lost", "lost", "{}", "0"),
    ("ballots doubled", "doubled", "{}", "0"),
    ("server CPU, open -> full tally", "cpu_vote_s", "{:.2f} s", ""),
    ("server CPU, whole run", "cpu_total_s", "{:.1f} s", ""),
    ("server memory per client", "kb_per_client", "{:.0f} KB", ""),
]


def verdicts(g: dict, bare: dict | None) -> dict[str, bool | None]:
    """Which targets a GovHub run met (None: could not be judged)."""
    everyone = g.get("connected") == g["clients"] and not g.get("error")
    tally = None
    if bare and bare.get("full_tally_max_ms") and g.get("full_tally_max_ms") is not None:
        tally = (g["full_tally_received"] == g["connected"]
                 and g["full_tally_max_ms"] <= TALLY_RATIO * bare["full_tally_max_ms"])
    return {
        "lost": g.get("lost") == 0 and everyone and g.get("votes_ok") == g["clients"],
        "doubled": g.get("doubled") == 0,
        "ack_p99_ms": g.get("ack_p99_ms") is not None and g["ack_p99_ms"] < ACK_P99_MS,
        "closed_max_ms": (g.get("closed_received") == g.get("connected")
                          and g.get("closed_max_ms") is not None
                          and g["closed_max_ms"] < CLOSE_MS),
        "full_tally_max_ms": tally,
    }


def print_run(n: int, g: dict, bare: dict | None) -> None:
    for r in (g, bare):
        if r and r.get("rss_per_client") is not None:
            r["kb_per_client"] = r["rss_per_client"] / 1024
    met = verdicts(g, bare)
    print(f"\nN = {n:,}: GovHub ({g['label']}) against the bare server"
          f"  [other load {fmt(g.get('other_load'), '{:.2f}')} / "
          f"{fmt((bare or {}).get('other_load'), '{:.2f}')} cores]")
    rows = [("figure", "GovHub", "bare", "ratio", "target", "met")]
    for label, key, spec, target in FIGURES:
        gv, bv = g.get(key), (bare or {}).get(key)
        judged = met.get(key)
        rows.append((label, fmt(gv, spec), fmt(bv, spec),
                     ratio(gv, bv) if key not in ("lost", "doubled") else "",
                     target, "" if key not in met else {True: "yes", False: "NO"}.get(judged, "?")))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for i, row in enumerate(rows):
        print("  " + "  ".join(x.ljust(w) for x, w in zip(row, widths, strict=True)).rstrip())
        if i == 0:
            print("  " + "  ".join("-" * w for w in widths))
    print(f"  connected {fmt(g.get('connected'), '{}')}/{n}, votes ok "
          f"{fmt(g.get('votes_ok'), '{}')}/{fmt(g.get('votes_sent'), '{}')} (no answer: "
          f"{fmt(g.get('votes_unsure'), '{}')}, of which stored: "
          f"{fmt(g.get('stored_unconfirmed'), '{}')}), sent twice "
          f"{fmt(g.get('retries_sent'), '{}')} (ok {fmt(g.get('retries_ok'), '{}')}), stored "
          f"{fmt(g.get('stored_count'), '{}')} (from {g.get('stored_source')}), full tally at "
          f"{fmt(g.get('full_tally_received'), '{}')}, poll:closed at "
          f"{fmt(g.get('closed_received'), '{}')}, rejoined {fmt(g.get('rejoined'), '{}')} "
          f"(server CPU {fmt(g.get('cpu_rejoin_s'), '{:.1f}')} s); "
          f"demo took {fmt(g.get('demo_s'), '{:.0f}')} s")
    for r, who in ((g, "GovHub"), (bare, "bare")):
        if r and (r.get("error") or r.get("errors")):
            problems = {"error": r.get("error"), **r.get("errors", {})}
            print(f"  {who} problems: {json.dumps(problems, ensure_ascii=False)}")
    if n != 2000:
        print("  (the targets are set for N = 2,000; at other sizes read them as a guide)")


def print_summary(rows: list[tuple[dict, dict | None]]) -> None:
    print("\nSummary over runs (median / worst)")
    for key in ("ack_p99_ms", "full_tally_max_ms", "closed_max_ms", "cpu_vote_s"):
        for who, idx in (("GovHub", 0), ("bare", 1)):
            values = [r[idx][key] for r in rows if r[idx] and r[idx].get(key) is not None]
            if values:
                print(f"  {key:<18} {who:<6} {statistics.median(values):>8.1f} / "
                      f"{max(values):>8.1f}  ({len(values)} runs)")
    met = [all(v is not False for v in verdicts(g, b).values()) for g, b in rows]
    print(f"  runs meeting every target: {sum(met)}/{len(met)}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--residents", type=int, default=2000, help="N residents voting (2000)")
    p.add_argument("--quick", action="store_true", help="N = 200")
    p.add_argument("--postgres", nargs="?", const=POSTGRES_URL, default=None, metavar="URL",
                   help="use a throwaway database on this PostgreSQL server "
                        "(default: GOVHUB_TEST_POSTGRES_URL or the local test server)")
    p.add_argument("--repeat", type=int, default=1, help="run everything this many times")
    p.add_argument("--spread-ms", type=int, default=1000, help="votes spread over this long")
    p.add_argument("--wait-ms", type=int, default=20000, help="how long to wait for each phase")
    p.add_argument("--retry-share", type=float, default=0.05,
                   help="share of residents who send their ballot twice (same key)")
    p.add_argument("--bare-interval-ms", type=int, default=100,
                   help="the bare server's tally interval (GovHub's is its config's)")
    p.add_argument("--no-bare", action="store_true", help="measure GovHub only")
    p.add_argument("--real-hashing", action="store_true",
                   help="keep argon2id as shipped for the demo accounts (slow sign-in)")
    p.add_argument("--quiet-wait", type=float, default=60,
                   help="max seconds to wait for an idle machine before each run")
    args = p.parse_args()
    n = 200 if args.quick else args.residents
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind: `finally` stops children

    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if hard < n + 100:
        print(f"warning: fd limit {hard} is below {n} clients", file=sys.stderr)
    if not shutil.which("node"):
        print("node is required for the load generator (bench/live_vote.js)", file=sys.stderr)
        return 2
    if not (HERE / "node_modules" / "socket.io-client").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=HERE, check=True)
    if not (BIN / "govhub").exists():
        print(f"run with GovHub's virtualenv: {BIN / 'govhub'} is missing", file=sys.stderr)
        return 2

    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    label = "govhub-postgres" if args.postgres else "govhub-sqlite"
    rows: list[tuple[dict, dict | None]] = []
    for _ in range(args.repeat):
        runs = {}
        for target in ("govhub",) if args.no_bare else ("govhub", "bare"):
            print(f"== {target}, {n} residents", flush=True)
            run = run_govhub if target == "govhub" else run_bare
            runs[target] = {"label": label if target == "govhub" else "bare",
                            **run(n, args, stamp)}
            print("   " + json.dumps(runs[target]), flush=True)
        rows.append((runs["govhub"], runs.get("bare")))
    (RESULTS / f"{stamp}-live_vote.json").write_text(
        json.dumps([{"govhub": g, "bare": b} for g, b in rows], indent=2))
    for g, b in rows:
        print_run(n, g, b)
    if args.repeat > 1:
        print_summary(rows)
    return 0 if all(not g.get("error") for g, _b in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
