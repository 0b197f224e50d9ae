"""What the pages show of polls: which polls a live page draws, their rows, ballots and words.

The live pages (meetings/room, chair, projector) start from the room's
snapshot; these helpers turn its poll payloads into what the templates
draw. static/js/polls.js draws the same from the broadcasts, so the two
choose polls the same way (`shown_polls`).
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from decimal import Decimal

from govhub.core.models import utcnow
from govhub.councils.labels import rule_set_label
from govhub.councils.rules import RULE_SETS
from govhub.meetings.models import Meeting, MeetingStatus
from govhub.meetings.queries import sees_drafts
from govhub.voting import kinds, labels
from govhub.voting.forms import PollForm
from govhub.voting.models import PollStatus
from govhub.voting.queries import poll_payload, polls_of_meeting

STATUS_ORDER = {"open": 0, "draft": 1, "closed": 2}
PREPARING = (MeetingStatus.DRAFT, MeetingStatus.SCHEDULED, MeetingStatus.IN_SESSION)


def shown_polls(polls: list[dict], current_item_id: int | None, page: str) -> list[dict]:
    """The polls a live page shows: the open one, then the current item's (newest closed first).

    The room shows no drafts; the projector only the open poll, else the
    current item's last closed one; the chair's console every poll of the item.
    """
    open_polls = [p for p in polls if p["status"] == "open"]
    item = [p for p in polls if p["agenda_item_id"] == current_item_id and p["status"] != "open"]
    drafts = [p for p in item if p["status"] == "draft"]
    closed = sorted((p for p in item if p["status"] == "closed"),
                    key=lambda p: (p["closed_at"] or "", p["id"]), reverse=True)
    if page == "projector":
        return open_polls[:1] or closed[:1]
    if page == "room":
        return open_polls + closed
    return open_polls + drafts + closed


def percent(part: str | Decimal, whole: str | Decimal) -> int:
    """A bar's length: part of whole in whole percent (0 when nobody voted)."""
    whole = Decimal(whole or 0)
    if whole <= 0:
        return 0
    return int((Decimal(part or 0) * 100 / whole).to_integral_value(rounding="ROUND_HALF_UP"))


def tally_rows(poll: dict, tally: dict | None, turnout: dict | None,
               scale: dict | None = None) -> list[dict]:
    """One row per option: its label, weight, ballots, and its share of the scale's base
    (the weight the rule decides on) with the passing threshold; without a scale (a poll
    payload from before scales), its share of the weight cast."""
    whole = scale["base"] if scale else (turnout or {}).get("weight", "0")
    outside = set(scale["outside"]) if scale else set()
    rows = []
    for key, label in labels.option_labels(poll).items():
        entry = (tally or {}).get(key, {"weight": "0", "count": 0})
        share = percent(entry["weight"], whole)
        counted = key not in outside
        rows.append({"key": key, "label": label, "weight": entry["weight"],
                     "count": entry["count"], "percent": share, "counted": counted,
                     "bar": min(share, 100) if counted else 0,
                     "threshold": scale["threshold"] if scale and counted else None})
    return rows


def countdown(poll: dict) -> str:
    """Time left on a poll's timer as m:ss, for pages drawn without JavaScript."""
    if poll["status"] != "open" or not poll.get("closes_at"):
        return ""
    left = max(0, int((datetime.fromisoformat(poll["closes_at"]) - utcnow()).total_seconds()))
    return f"{left // 60}:{left % 60:02d}"


def _ballots(poll: dict, you: dict) -> list[dict]:
    """The ballots this viewer casts in an open or closed poll: their own, and by proxy."""
    mine = (you.get("ballots") or {}).get(str(poll["id"]))
    if not mine:
        return []
    me = you.get("user_id")
    return [{"member_id": member_id, "is_me": member_id == me,
             "name": mine.get("names", {}).get(str(member_id), ""),
             "voted": member_id in mine["voted"],
             "content": mine.get("mine") if member_id == me else None}
            for member_id in sorted(mine["members"], key=lambda m: m != me)]


def poll_view(poll: dict, you: dict | None = None) -> dict:
    """Everything a template draws of one poll."""
    result = poll.get("result") or {}
    turnout = result.get("turnout") or poll.get("turnout")
    tally = result.get("tally") if result else poll.get("tally")
    scale = poll.get("scale") if tally is not None else None
    ballots = _ballots(poll, you or {})
    return {
        "poll": poll, "id": poll["id"], "status": poll["status"],
        "kind_label": labels.kind_label(poll["kind"]),
        "rule_label": rule_set_label(poll["rule_set"]),
        "turnout": turnout, "rows": tally_rows(poll, tally, turnout, scale), "scale": scale,
        "has_tally": tally is not None, "sentence": labels.result_sentence(poll),
        "countdown": countdown(poll), "ballots": ballots,
        "voted_all": bool(ballots) and all(b["voted"] for b in ballots),
        "for_all": len(ballots) > 1,
        # A form drawn without JavaScript sends this key once: a double tap counts once.
        "key": uuid.uuid4().hex,
    }


def rules_json() -> str:
    """The rule sets' bases and shares, for the live pages' result sentences."""
    return json.dumps({key: {"base": rule.passing_base.value,
                             "quorum": [rule.quorum.numerator, rule.quorum.denominator,
                                        rule.quorum.strict],
                             "passing": [rule.passing.numerator, rule.passing.denominator,
                                         rule.passing.strict]}
                       for key, rule in RULE_SETS.items()})


def live_polls(state: dict, you: dict, page: str) -> dict:
    """The polls part of a live page: the polls it shows and the texts its script needs."""
    polls = state.get("polls") or state["agenda"].get("polls") or []
    shown = shown_polls(polls, state["agenda"]["current_item_id"], page)
    return {"views": [poll_view(poll, you) for poll in shown],
            "texts": labels.js_texts(), "rules": rules_json(),
            "kinds": {value: str(label) for value, label in kinds.choices()},
            "rule_labels": {key: rule_set_label(key) for key in RULE_SETS},
            "blank": blank_view, "blank_row": BLANK_ROW, "blank_ballot": BLANK_BALLOT,
            "kind_values": kinds.values()}


def blank_view(kind: str = "yes_no_abstain") -> dict:
    """A poll with id 0 and one empty option: the markup polls.js copies for new polls."""
    poll = {"id": 0, "meeting_id": 0, "agenda_item_id": 0, "title": "", "kind": kind,
            "secret": False, "live_results": True, "allow_change": True, "rule_set": "",
            "min_choices": 1, "max_choices": None, "status": "draft",
            "options": [{"id": 0, "label": ""}], "opened_at": None, "closes_at": None,
            "closed_at": None}
    return {"poll": poll, "id": 0, "status": "draft", "kind_label": "", "rule_label": "",
            "turnout": None, "rows": [], "scale": None, "has_tally": False, "sentence": "",
            "countdown": "",
            "ballots": [], "voted_all": False, "for_all": False, "key": ""}


BLANK_ROW = {"key": "", "label": "", "weight": "0", "count": 0, "percent": 0, "counted": True,
             "bar": 0, "threshold": None}
BLANK_BALLOT = {"member_id": 0, "is_me": True, "name": "", "voted": False, "content": None}


# --- the polls on a meeting's pages (their views pass them) -------------------------------

def meeting_polls(meeting: Meeting, user) -> dict:
    """The meeting page's Polls section: each item's polls, and who may prepare more."""
    prepare = meeting.status in PREPARING and sees_drafts(user, meeting)
    polls = [poll_view(poll_payload(poll)) for poll in polls_of_meeting(meeting)
             if poll.status != PollStatus.DRAFT or prepare]
    items = [(item, [view for view in polls if view["poll"]["agenda_item_id"] == item.id])
             for item in meeting.items]
    return {"items": [(item, views) for item, views in items if views], "any": bool(polls),
            "can_prepare": prepare}


def poll_form_for(meeting: Meeting, user, page: str = "chair") -> PollForm | None:
    """A blank form to prepare a poll on the current item, for those who may."""
    if meeting.status not in PREPARING or not sees_drafts(user, meeting):
        return None
    current = meeting.current_item
    return PollForm(formdata=None, items=meeting.items, council_rule=meeting.council.rule_set,
                    item_id=current.id if current else None, next=page)
