"""Polls in words: kinds, choices, and a closed poll's result with its rule applied.

`result_sentence` says what a result means ("Passed: 31 of 45 present voted
yes; more than half required."). The live pages say the same from the
`poll:closed` broadcast in static/js/polls.js, with the texts `js_texts`
puts into the page; both follow `sentence_plan`, so they cannot disagree.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from govhub.councils.rules import RULE_SETS, Share
from govhub.voting import kinds
from govhub.voting.kinds.yes_no_abstain import CHOICE_LABELS

STATUS_LABELS = {"draft": _l("Ready to open"), "open": _l("Voting"), "closed": _l("Closed")}

VIA_LABELS = {"self": _l("in person"), "proxy": _l("by proxy"), "paper": _l("on paper")}

# --- a result in words -------------------------------------------------------------------

SENTENCE = _l("%(outcome)s: %(figures)s; %(required)s.")
NO_QUORUM = _l("Not passed: no quorum, %(present)s of %(members)s members present; "
               "%(required)s.")
OUTCOMES = {"passed": _l("Passed"), "failed": _l("Not passed")}

YES_FIGURES = {
    "present": _l("%(yes)s of %(base)s present voted yes"),
    "cast": _l("%(yes)s of %(base)s yes and no votes were yes"),
    "cast_with_abstentions": _l("%(yes)s of %(base)s votes cast were yes"),
    "entitled": _l("%(yes)s of all %(base)s members voted yes"),
}
OPTION_FIGURES = {
    "present": _l("%(option)s chosen by %(yes)s of %(base)s present"),
    "cast": _l("%(option)s chosen by %(yes)s of %(base)s votes cast"),
    "entitled": _l("%(option)s chosen by %(yes)s of all %(base)s members"),
    "runoff": _l("%(option)s chosen by %(yes)s of %(base)s votes in the last round of the "
                 "instant runoff"),
}
ACCEPTED_FIGURES = {
    "present": _l("accepted %(options)s, out of %(base)s present"),
    "cast": _l("accepted %(options)s, out of %(base)s voters"),
    "entitled": _l("accepted %(options)s, out of all %(base)s members"),
}
NONE_ACCEPTED_FIGURES = {
    "present": _l("no option accepted, out of %(base)s present"),
    "cast": _l("no option accepted, out of %(base)s voters"),
    "entitled": _l("no option accepted, out of all %(base)s members"),
}
NO_VOTES = _l("nobody voted")
QUOTED = _l("“%(label)s”")
REQUIRED = {
    "more-1-2": _l("more than half required"),
    "least-2-3": _l("at least two-thirds required"),
    "more": _l("more than %(share)s required"),
    "least": _l("at least %(share)s required"),
}


def kind_label(value) -> str:
    kind = kinds.find(value)
    return str(kind.label) if kind is not None else str(value)


def option_labels(poll: dict) -> dict[str, str]:
    """Option key (yes/no/abstain, or an option's id as text) -> its label, in ballot order."""
    return kinds.get(poll["kind"]).option_labels(poll)


def _required_key(share: Share) -> tuple[str, str]:
    if (share.numerator, share.denominator, share.strict) == (1, 2, True):
        return "more-1-2", ""
    if (share.numerator, share.denominator, share.strict) == (2, 3, False):
        return "least-2-3", ""
    return ("more" if share.strict else "least"), f"{share.numerator}/{share.denominator}"


def sentence_plan(result: dict) -> dict:
    """Which texts a result is said with, and their values (option keys, not labels).

    {"sentence": "no_quorum" | "result", "outcome", "figures", "figures_values",
     "option_keys", "required", "share"}; static/js/polls.js mirrors this function.
    """
    rule = RULE_SETS.get(result.get("rule_set")) or RULE_SETS["organic_law"]
    outcome = result["outcome"]
    if not outcome["quorum_met"]:
        required, share = _required_key(rule.quorum)
        return {"sentence": "no_quorum", "required": required, "share": share,
                "values": {"present": result["present_weight"],
                           "members": result["members_weight"]}}
    figures, option_keys, share_of = kinds.get(result["kind"]).figures(result, rule)
    required, share = _required_key(share_of)
    return {"sentence": "result", "outcome": "passed" if outcome["passed"] else "failed",
            "figures": figures, "option_keys": option_keys,
            "values": {"yes": outcome["yes"], "base": outcome["base"]},
            "required": required, "share": share}


def _figures_text(key: str) -> object:
    kind, _sep, base = key.partition("-")
    if key == "no-votes":
        return NO_VOTES
    if key.startswith("none-accepted-"):
        return NONE_ACCEPTED_FIGURES[key.removeprefix("none-accepted-")]
    return {"yes": YES_FIGURES, "option": OPTION_FIGURES, "accepted": ACCEPTED_FIGURES}[kind][base]


def result_sentence(poll: dict) -> str:
    """A closed poll's result in words, in the reader's language; "" before it closes."""
    result = poll.get("result")
    if not result:
        return ""
    plan = sentence_plan(result)
    required = str(REQUIRED[plan["required"]]) % {"share": plan["share"]}
    if plan["sentence"] == "no_quorum":
        return str(NO_QUORUM) % {**plan["values"], "required": required}
    labels = option_labels(poll)
    quoted = [str(QUOTED) % {"label": labels.get(key, key)} for key in plan["option_keys"]]
    names = _(", ").join(quoted)
    figures = str(_figures_text(plan["figures"])) % {
        **plan["values"], "option": names, "options": names}
    return str(SENTENCE) % {"outcome": str(OUTCOMES[plan["outcome"]]), "figures": figures,
                            "required": required}


def js_texts() -> dict[str, str]:
    """The same words for static/js/polls.js, with {name} where a value goes."""
    fill = {name: "{" + name + "}" for name in
            ("yes", "base", "option", "options", "present", "members", "share", "required",
             "outcome", "figures", "label")}
    texts = {"sentence": SENTENCE % fill, "no-quorum": NO_QUORUM % fill,
             "no-votes": str(NO_VOTES), "quoted": QUOTED % fill, "separator": _(", ")}
    texts.update({f"outcome-{key}": str(text) for key, text in OUTCOMES.items()})
    texts.update({f"required-{key}": text % fill for key, text in REQUIRED.items()})
    for prefix, table in (("yes", YES_FIGURES), ("option", OPTION_FIGURES),
                          ("accepted", ACCEPTED_FIGURES), ("none-accepted", NONE_ACCEPTED_FIGURES)):
        texts.update({f"{prefix}-{base}": text % fill for base, text in table.items()})
    texts.update({f"choice-{key}": str(label) for key, label in CHOICE_LABELS.items()})
    texts.update({f"status-{key}": str(label) for key, label in STATUS_LABELS.items()})
    return texts
