"""A bare Flask-SocketIO voting server that speaks GovHub's live protocol.

No database, no GovHub code: an in-memory tally, one ballot per user
(a retry with the same key is not counted twice), and a coalesced
`poll:tally` to the room every 100 ms. It answers just enough of GovHub's
API and /live events for bench/live_vote.js to drive it exactly as it
drives GovHub, so bench/live_vote.py can print GovHub's figures as ratios
to this floor. gevent + gevent-websocket, as GovHub runs.

    python bench/bare_vote_server.py PORT [TALLY_INTERVAL_MS]
"""

from gevent import monkey

monkey.patch_all()  # before anything else imports sockets or threads

import sys  # noqa: E402

from flask import Flask, request  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 5056
INTERVAL = (int(sys.argv[2]) if len(sys.argv) > 2 else 100) / 1000
LIVE, ROOM, MEETING = "/live", "meeting:1", 1
CHOICES = ("yes", "no", "abstain")

app = Flask(__name__)
socketio = SocketIO(app, async_mode="gevent")
users: dict[str, str] = {}  # socket id -> username
present: set[str] = set()
ballots: dict[str, tuple[str, str]] = {}  # username -> (choice, key)
poll = {"id": 1, "meeting_id": MEETING, "agenda_item_id": 1, "kind": "yes_no_abstain",
        "title": "bare", "status": "draft", "options": []}
dirty = False


def figures() -> dict:
    counts = {c: sum(1 for choice, _key in ballots.values() if choice == c) for c in CHOICES}
    cast, entitled = str(len(ballots)), str(len(present))
    return {"poll_id": poll["id"], "meeting_id": MEETING,
            "turnout": {"count": len(ballots), "weight": cast,
                        "entitled_count": len(present), "entitled_weight": entitled},
            "tally": {c: {"count": n, "weight": str(n)} for c, n in counts.items()}}


def fail(code: str) -> dict:
    return {"ok": False, "error": {"code": code, "message": code}}


@app.post("/api/v1/tokens")
def token():
    return {"token": "bare:" + request.get_json()["username"]}, 201


@app.get("/api/v1/meetings")
def meetings():
    return [{"id": MEETING, "status": "in_session"}]


@app.get("/api/v1/polls/<int:poll_id>")
def get_poll(poll_id):
    return {**poll, **figures()}


@socketio.on("connect", namespace=LIVE)
def connect(auth=None):
    users[request.sid] = str((auth or {}).get("token", "")).removeprefix("bare:")


@socketio.on("meeting:join", namespace=LIVE)
def meeting_join(data):
    join_room(ROOM)
    state = {"meeting": {"id": MEETING, "status": "in_session"},
             "agenda": {"current_item_id": 1, "polls": [poll]}, "polls": [poll]}
    user = users[request.sid]  # a page that reconnects is shown its ballot, as GovHub does
    mine = {str(poll["id"]): {"mine": [ballots[user][0]]}} if user in ballots else {}
    return {"ok": True, "state": state, "you": {"user": user, "ballots": mine}}


@socketio.on("attendance:check_in", namespace=LIVE)
def check_in(data):
    present.add(users[request.sid])
    return {"ok": True}


@socketio.on("poll:open", namespace=LIVE)
def open_poll(data):
    poll["status"] = "open"
    socketio.emit("poll:opened", poll, to=ROOM, namespace=LIVE)
    return {"ok": True}


@socketio.on("poll:vote", namespace=LIVE)
def vote(data):
    global dirty
    user = users[request.sid]
    if poll["status"] != "open":
        return fail("poll_closed")
    if data.get("choice") not in CHOICES:
        return fail("bad_choice")
    changed = user in ballots and ballots[user][1] != data.get("key")
    ballots[user] = (data["choice"], data.get("key"))
    dirty = True  # broadcast later, coalesced with the other votes
    return {"ok": True, "poll_id": poll["id"], "changed": changed}


@socketio.on("poll:close", namespace=LIVE)
def close_poll(data):
    poll["status"] = "closed"
    socketio.emit("poll:closed", {**poll, "result": figures()}, to=ROOM, namespace=LIVE)
    return {"ok": True}


def broadcaster():
    global dirty
    while True:
        socketio.sleep(INTERVAL)
        if dirty:
            dirty = False
            socketio.emit("poll:tally", figures(), to=ROOM, namespace=LIVE)


if __name__ == "__main__":
    socketio.start_background_task(broadcaster)
    print(f"bare_vote_server listening on 127.0.0.1:{PORT}", flush=True)
    socketio.run(app, "127.0.0.1", PORT, log_output=False)
