"""A bare Flask-SocketIO "vote and broadcast" server, with no GovHub code.

It isolates what the framework and its async mode cost, so that GovHub's own
numbers can be read against it. Run by bench/async_modes.py:

    python bench/bare_server.py MODE PORT    (or BENCH_ASYNC_MODE, BENCH_PORT)

MODE is one of:
  gevent               gevent + gevent-websocket (what GovHub runs)
  gevent-sw            gevent + simple-websocket (the maintained fallback)
  gevent-sw-nodeflate  the same, refusing permessage-deflate compression
  threading            Werkzeug threads + simple-websocket
  eventlet             eventlet (if installed), its connection cap raised

Events: `join` {room} -> ack; `vote` {room, choice} -> ack once counted;
`stats` / `reset` -> ack {rss, clients, votes}. Every 100 ms at most, a
background task broadcasts one coalesced `tally` to each room that changed.
"""

import os
import sys

MODE = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("BENCH_ASYNC_MODE", "gevent")
PORT = int(sys.argv[2] if len(sys.argv) > 2 else os.environ.get("BENCH_PORT", "5055"))

if MODE not in ("gevent", "gevent-sw", "gevent-sw-nodeflate", "threading", "eventlet"):
    sys.exit(f"unknown mode {MODE!r}")

# Monkey-patch before anything else is imported, so that every socket, lock
# and thread created later (by Flask, engineio, logging...) cooperates.
if MODE.startswith("gevent"):
    from gevent import monkey

    monkey.patch_all()
elif MODE == "eventlet":
    import eventlet

    eventlet.monkey_patch()

if MODE.startswith("gevent-sw"):
    # engineio and Flask-SocketIO pick gevent-websocket whenever it imports;
    # hiding it makes both fall back to simple-websocket.
    sys.modules["geventwebsocket"] = None

import logging  # noqa: E402
import resource  # noqa: E402
import threading  # noqa: E402
from collections import Counter  # noqa: E402

from flask import Flask  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402

TALLY_INTERVAL = 0.1  # seconds: at most 10 broadcasts per room per second

# Thousands of sockets need thousands of file descriptors.
_soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (_hard, _hard))

app = Flask(__name__)
socketio = SocketIO(app, async_mode=MODE.split("-")[0])

if MODE == "gevent-sw-nodeflate":
    # simple-websocket accepts the client's permessage-deflate offer, which
    # makes every broadcast compress once per recipient. Hiding the offer
    # (outermost WSGI layer, before engineio sees the request) turns it off.
    def no_deflate(wsgi_app):
        def middleware(environ, start_response):
            environ.pop("HTTP_SEC_WEBSOCKET_EXTENSIONS", None)
            return wsgi_app(environ, start_response)

        return middleware

    app.wsgi_app = no_deflate(app.wsgi_app)

# Werkzeug (threading mode) would otherwise log every request.
logging.getLogger("werkzeug").setLevel(logging.ERROR)

tallies: dict[str, Counter] = {}
dirty: set[str] = set()
clients = 0
# Real threads in threading mode: `counter[x] += 1` is not atomic there.
# (Monkey-patched into a cooperative lock under gevent and eventlet.)
lock = threading.Lock()


def rss_bytes() -> int:
    """Resident set size now (not the peak), from /proc on Linux."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def stats() -> dict:
    with lock:
        votes = sum(sum(c.values()) for c in tallies.values())
    return {"mode": MODE, "rss": rss_bytes(), "clients": clients, "votes": votes}


@socketio.on("connect")
def on_connect():
    global clients
    with lock:
        clients += 1


@socketio.on("disconnect")
def on_disconnect(*_reason):
    global clients
    with lock:
        clients -= 1


@socketio.on("join")
def on_join(data):
    room = str(data["room"])
    join_room(room)
    return True


@socketio.on("vote")
def on_vote(data):
    room = str(data["room"])
    with lock:
        tallies.setdefault(room, Counter())[str(data["choice"])] += 1
        dirty.add(room)  # broadcast later, coalesced with the other votes
    return True


@socketio.on("stats")
def on_stats(_data=None):
    return stats()


@socketio.on("reset")
def on_reset(_data=None):
    with lock:
        tallies.clear()
        dirty.clear()
    return stats()


def broadcaster():
    """One tally per changed room per interval, however fast votes arrive.

    A broadcast per vote would cost O(voters^2) messages in a big meeting.
    """
    while True:
        socketio.sleep(TALLY_INTERVAL)
        with lock:
            changed = {room: dict(tallies[room]) for room in dirty}
            dirty.clear()
        for room, counts in changed.items():
            socketio.emit("tally", {"counts": counts, "total": sum(counts.values())}, to=room)


if __name__ == "__main__":
    socketio.start_background_task(broadcaster)
    print(f"bare_server {MODE} listening on 127.0.0.1:{PORT}", flush=True)
    # eventlet's WSGI server serves at most 1,024 connections at once by
    # default; the rest wait unanswered. Raise the cap so that we measure the
    # mode rather than its default.
    extra = {"max_size": 100_000} if MODE == "eventlet" else {}
    socketio.run(app, "127.0.0.1", PORT, log_output=False, allow_unsafe_werkzeug=True, **extra)
