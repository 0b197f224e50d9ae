"""The words of refusals: channels, rules, problems with the input, the audit trail's
labels, and the reply a worker sends back (worded in the worker's language)."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from govhub.admission.refusals.rules import Channel, RuleCode

CHANNELS = {
    Channel.CHAT_GROUP: _l("Chat group message"),
    Channel.PHONE: _l("Phone call"),
    Channel.DOCUMENT: _l("Document or notice"),
    Channel.IN_PERSON: _l("In person"),
    Channel.OTHER: _l("Another way"),
}

RULES = {
    RuleCode.NEGATIVE_LIST: _l("On the negative list"),
    RuleCode.CERTIFICATE_NOT_LISTED: _l("Certificate not on the list"),
    RuleCode.NOT_ADMITTED: _l("Not admitted"),
    RuleCode.ADMITTED: _l("Admitted"),
}

PROBLEMS = {
    ("asked_on", "required"): _l("Give the day the task arrived."),
    ("asked_on", "future"): _l("The day cannot be in the future."),
    ("asked_on", "too_old"): _l("Record a task within a year of its arrival."),
    ("what", "required"): _l("Say what was asked."),
    ("what", "too_long"): _l("Say what was asked in at most 500 characters."),
    ("department", "unknown"): _l("Choose one of the departments covering the community."),
    ("department", "required"): _l("Choose the department, or name the one that asked."),
    ("department", "too_long"): _l("A department's name is at most 120 characters."),
}

def channel_label(channel) -> str:
    return str(CHANNELS[Channel(channel)])


def rule_label(rule) -> str:
    return str(RULES[RuleCode(rule)])


@dataclass
class ReplyFacts:
    """What a reply cites: the task, the street's catalogue and the matched item."""

    what: str
    street: str = ""
    version: int | None = None
    item_code: str = ""
    item_name: str = ""
    item_basis: str = ""
    item_list: str = ""
    certificates: list[str] = field(default_factory=list)


def reply_text(rule: RuleCode, facts: ReplyFacts) -> str:
    """The text a worker sends back, citing the rule, in the current language."""
    street = facts.street or _("the street office")
    if rule == RuleCode.NEGATIVE_LIST:
        text = _("Hello. “%(what)s” is on the negative list of %(street)s's catalogue of "
                 "community work (tasks communities should not carry): item %(code)s "
                 "“%(item)s”.", what=facts.what, street=street, code=facts.item_code,
                 item=facts.item_name)
        if facts.item_basis:
            text += " " + _("Basis: %(basis)s.", basis=facts.item_basis)
        return text + " " + _("The community cannot take it on; please handle it in "
                              "your department.")
    if rule == RuleCode.CERTIFICATE_NOT_LISTED:
        listed = "、".join(facts.certificates) if facts.certificates else _("none")
        return _("Hello. The community may issue only the certificates on %(street)s's list "
                 "of certificates the community may issue (%(listed)s). “%(what)s” is not "
                 "on that list, so the community cannot issue it; please ask the department "
                 "that holds the information.", street=street, listed=listed, what=facts.what)
    if rule == RuleCode.NOT_ADMITTED:
        return _("Hello. “%(what)s” is not in %(street)s's current catalogue of community "
                 "work, so it has not been admitted and the community cannot take it on. "
                 "Under the Provisions on Rectifying Formalism to Reduce Burdens at the "
                 "Grassroots (《整治形式主义为基层减负若干规定》) and the street's rules on "
                 "community work admission, the department must first apply to the street "
                 "for admission; the community will do it once the application is approved.",
                 what=facts.what, street=street)
    return _("“%(item)s” (%(code)s) is in the catalogue (%(list)s): it is admitted and the "
             "community does it. Nothing is recorded as a refusal.",
             item=facts.item_name, code=facts.item_code, list=facts.item_list)
