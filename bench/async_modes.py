"""Which Flask-SocketIO async mode carries a 2,000-resident meeting?

For each async mode, and each client count, starts a fresh bench/bare_server.py
on a free port, drives it with bench/load.js (Node, socket.io-client) and
reports:

- server memory per connected client (RSS after connecting minus before, / N);
- whether every vote was acknowledged and counted;
- latency from the last vote to the moment each client received the final
  tally (p50 and max over clients).

Target: 2,000 residents in one meeting, final tally to everyone within 1 s.

    python bench/async_modes.py            # 1,000 and 2,000 clients
    python bench/async_modes.py --quick    # 200 clients, a fast sanity run
    python bench/async_modes.py --repeat 3 --modes gevent,threading

Modes whose packages are missing are skipped; `--extra-python` names another
interpreter (e.g. a venv with eventlet) to run those modes with.
"""

import argparse
import json
import math
import os
import resource
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"  # gitignored: raw JSON and server logs
POSTGRES_URL = os.environ.get("GOVHUB_TEST_POSTGRES_URL",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/test")
TARGET_CLIENTS = 2000
TARGET_MS = 1000

# Mode -> modules its server needs.
MODES = {
    "gevent": ["gevent", "geventwebsocket"],
    "gevent-sw": ["gevent", "simple_websocket"],
    "gevent-sw-nodeflate": ["gevent", "simple_websocket"],
    "threading": ["simple_websocket"],  # without it, threading has no websocket
    "eventlet": ["eventlet"],
}


@contextmanager
def throwaway_postgres(url: str = POSTGRES_URL):
    """A fresh database on the PostgreSQL server at `url`, dropped afterwards; yields its URL."""
    import sqlalchemy as sa

    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    name = f"govhub_bench_{secrets.token_hex(6)}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield sa.make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def has_modules(python: str, modules: list[str]) -> bool:
    code = "import " + ", ".join(["flask_socketio", *modules])
    return subprocess.run([python, "-c", code], capture_output=True).returncode == 0


def on_cpu(index: int):
    """preexec_fn pinning a child (and all its threads) to one core before exec:
    server on one core, load generator on another, so they don't compete."""
    cpus = sorted(os.sched_getaffinity(0))
    return (lambda: os.sched_setaffinity(0, {cpus[index]})) if len(cpus) >= 2 else None


def wait_listening(port: int, proc: subprocess.Popen, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with status {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start listening")


def stop(proc: subprocess.Popen) -> None:
    """Terminate one child by its pid, then kill it if it lingers."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def cpu_clock() -> tuple[float, float, float]:
    """(wall s, busy CPU s on all cores, CPU s of this process and its waited children)."""
    with open("/proc/stat") as f:  # cpu user nice system idle iowait irq softirq steal
        user, nice, system, _idle, _iowait, irq, softirq, steal = map(
            int, f.readline().split()[1:9]
        )
    busy = (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")
    return time.monotonic(), busy, sum(os.times()[:4])


def other_load(start: tuple, end: tuple) -> float:
    """Cores kept busy by processes other than this one and its children."""
    wall, busy, ours = (b - a for a, b in zip(start, end, strict=True))
    return round(max(0.0, busy - ours) / wall, 2)


def wait_for_quiet(max_wait: float, threshold: float = 0.3) -> None:
    """On a shared machine (tests running beside us), start a run when the
    other work pauses, but never wait more than max_wait seconds."""
    deadline = time.monotonic() + max_wait
    while True:
        start = cpu_clock()
        time.sleep(2)
        load = other_load(start, cpu_clock())
        if load < threshold or time.monotonic() > deadline:
            return
        print(f"   waiting: other processes keep {load:.1f} cores busy", flush=True)


def run_one(python: str, mode: str, clients: int, spread_ms: int, wait_ms: int, stamp: str):
    # The machine may be shared: record how many cores other work kept busy
    # meanwhile, so that a slow run can be told apart from a slow mode.
    start = cpu_clock()
    r = measure(python, mode, clients, spread_ms, wait_ms, stamp)
    r["other_load"] = other_load(start, cpu_clock())
    return r


def measure(python: str, mode: str, clients: int, spread_ms: int, wait_ms: int, stamp: str):
    port = free_port()
    log_path = RESULTS / f"{stamp}-{mode}-{clients}.server.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [python, str(HERE / "bare_server.py"), mode, str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=on_cpu(0),
        )
    load = None
    try:
        wait_listening(port, server)
        load = subprocess.Popen(
            [
                "node",
                str(HERE / "load.js"),
                f"http://127.0.0.1:{port}",
                str(clients),
                str(spread_ms),
                str(wait_ms),
            ],
            stdout=subprocess.PIPE,
            text=True,
            preexec_fn=on_cpu(1),
        )
        # Generous: connecting is slow in the bad modes; we want their numbers.
        out, _ = load.communicate(timeout=120 + clients * 0.1 + wait_ms / 1000)
        if load.returncode != 0 or not out.strip():
            raise RuntimeError(f"load generator failed (status {load.returncode})")
        result = json.loads(out.strip().splitlines()[-1])
        if server.poll() is not None:
            result["error"] = f"server died (status {server.returncode})"
        return result
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        return {"clients": clients, "error": str(exc)}
    finally:
        if load is not None:
            stop(load)
        stop(server)


def meets_target(r: dict) -> bool:
    return (
        not r.get("error")
        and r.get("connected") == r["clients"]
        and r["dropped"] == 0
        and r["votes_counted"] == r["votes_sent"] == r["clients"]
        and r["final_received"] == r["clients"]
        and r["final_max_ms"] is not None
        and r["final_max_ms"] <= TARGET_MS
    )


def cell(v, fmt="{:.0f}") -> str:
    return "-" if v is None else fmt.format(v)


def print_table(rows: list[tuple[str, dict]]) -> None:
    head = ("mode", "clients", "connected", "KB/client", "votes counted", "got final",
            "final p50 ms", "final max ms", "ack p50 ms", "target met", "other load")  # fmt: skip
    lines, notes = [head], []
    for mode, r in rows:
        c = r.get
        per_kb = None if c("rss_per_client") is None else c("rss_per_client") / 1024
        lines.append((
            mode, str(r["clients"]),
            cell(c("connected"), "{}") + (f" ({r['dropped']} dropped)" if c("dropped") else ""),
            cell(per_kb),
            f"{cell(c('votes_counted'), '{}')}/{cell(c('votes_sent'), '{}')}",
            f"{cell(c('final_received'), '{}')}/{cell(c('connected'), '{}')}",
            cell(c("final_p50_ms")), cell(c("final_max_ms")), cell(c("ack_p50_ms")),
            "yes" if meets_target(r) else "no", cell(c("other_load"), "{:.2f}"),
        ))  # fmt: skip
        problems = {k: c(k) for k in ("error", "admin_error", "connect_errors", "dropped")}
        problems = {k: v for k, v in problems.items() if v}
        if problems:
            notes.append(f"  {mode} {r['clients']}: {json.dumps(problems)}")
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    for i, line in enumerate(lines):
        print("  ".join(x.ljust(w) for x, w in zip(line, widths, strict=True)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    if notes:
        print("\nProblems seen:", *notes, sep="\n")
    print(
        f"\nTarget: {TARGET_CLIENTS:,} residents in one meeting; all connected, every vote "
        f"counted, and\nthe final tally at every client within {TARGET_MS / 1000:g} s of the "
        "last vote ('target met').\nKB/client: server RSS growth per connected client. "
        "ack: vote sent -> acknowledged.\nother load: cores kept busy by other processes on "
        "the machine during the run."
    )


def print_summary(rows: list[tuple[str, dict]]) -> None:
    """Per mode and size: how many runs met the target, median and worst."""
    print("\nSummary over runs (final max ms: median / worst; 'fail' = not everyone got it)")
    groups: dict[tuple[str, int], list[dict]] = {}
    for mode, r in rows:
        groups.setdefault((mode, r["clients"]), []).append(r)
    for (mode, n), rs in groups.items():
        kb = [r["rss_per_client"] / 1024 for r in rs if r.get("rss_per_client")]
        # A run where someone never got the final tally counts as infinitely slow.
        lat = [
            r["final_max_ms"] if r.get("final_received") == r.get("connected") == n else math.inf
            for r in rs
        ]
        med, worst = (cell(x).replace("inf", "fail") for x in (statistics.median(lat), max(lat)))
        print(
            f"  {mode:<20} {n:>5}  target met {sum(map(meets_target, rs))}/{len(rs)}"
            f"  KB/client {cell(statistics.median(kb) if kb else None):>4}"
            f"  final max {med:>5} / {worst:>5}"
        )


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="200 clients only")
    p.add_argument("--clients", help="comma-separated client counts (default 1000,2000)")
    p.add_argument("--modes", default=",".join(MODES), help="comma-separated async modes")
    p.add_argument("--spread-ms", type=int, default=1000, help="votes spread over this long")
    p.add_argument(
        "--wait-ms",
        type=int,
        default=20000,
        help="how long after the last vote to wait for the final tally",
    )
    p.add_argument("--repeat", type=int, default=1, help="run everything this many times")
    p.add_argument(
        "--quiet-wait", type=float, default=60, help="max seconds to wait for an idle machine"
    )
    p.add_argument("--extra-python", help="interpreter for modes missing from this one")
    args = p.parse_args()
    if unknown := set(args.modes.split(",")) - set(MODES):
        p.error(f"unknown modes: {', '.join(sorted(unknown))}")
    # SIGTERM unwinds like Ctrl-C, so the `finally` blocks stop the children.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    counts = [int(c) for c in (args.clients or ("200" if args.quick else "1000,2000")).split(",")]

    # Children inherit this; thousands of sockets need thousands of descriptors.
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if hard < max(counts) + 100:
        print(f"warning: fd limit {hard} is below {max(counts)} clients", file=sys.stderr)

    if not shutil.which("node"):
        print("node is required for the load generator (bench/load.js)", file=sys.stderr)
        return 2
    if not (HERE / "node_modules" / "socket.io-client").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=HERE, check=True)

    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    pythons = {}
    for mode in args.modes.split(","):
        found = [py for py in (sys.executable, args.extra_python) if py]
        pythons[mode] = next((py for py in found if has_modules(py, MODES[mode])), None)
        if pythons[mode] is None:
            print(f"== {mode}: skipped, needs {', '.join(MODES[mode])}", flush=True)
    rows: list[tuple[str, dict]] = []
    # Repeats go outermost, so that a burst of other load on the machine
    # lands on different modes rather than on every run of one mode.
    for _ in range(args.repeat):
        for mode, python in pythons.items():
            for n in counts if python else ():
                print(f"== {mode}, {n} clients", flush=True)
                wait_for_quiet(args.quiet_wait)
                r = run_one(python, mode, n, args.spread_ms, args.wait_ms, stamp)
                rows.append((mode, r))
                print("   " + json.dumps(r), flush=True)

    if not rows:
        print("nothing ran", file=sys.stderr)
        return 1
    (RESULTS / f"{stamp}-async_modes.json").write_text(
        json.dumps([{"mode": m, **r} for m, r in rows], indent=2)
    )
    print()
    print_table(rows)
    if args.repeat > 1:
        print_summary(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
