"""Answering a task that reached a community outside the admission process: choose the rule,
word the reply, and record the refusal (audited). An admitted task is not recorded: it is no
refusal, and counting it would charge the department with one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from govhub.actions.services import today_in
from govhub.admission.catalogue.labels import list_type_label
from govhub.admission.catalogue.models import WorkItem
from govhub.admission.catalogue.queries import catalogue_of
from govhub.admission.catalogue.rules import ListType
from govhub.admission.departments import queries as department_queries
from govhub.admission.refusals import labels, queries, rules
from govhub.admission.refusals.models import Refusal
from govhub.admission.refusals.permissions import can_record_refusal
from govhub.admission.refusals.rules import Channel, RuleCode
from govhub.audit.services import record
from govhub.core.errors import DomainError, Forbidden
from govhub.extensions import db


@dataclass
class Answer:
    """What GovHub answers a worker: the rule, the reply to send, and the record (None
    when the task is admitted)."""

    rule: RuleCode
    reply: str
    refusal: Refusal | None
    item: WorkItem | None


def _problem(field: str, problem: str | None) -> None:
    if problem is not None:
        raise DomainError(f"{field}_{problem}", str(labels.PROBLEMS[(field, problem)]),
                          field=field)


def _channel(value) -> Channel:
    try:
        return Channel(value)
    except ValueError:
        raise DomainError("channel_unknown", _("Choose how the task arrived."),
                          field="channel") from None


def _item(community, work_item_id) -> WorkItem | None:
    if work_item_id in (None, "", 0):
        return None
    item = next((i for i in queries.current_items(community) if i.id == work_item_id), None)
    if item is None:
        raise DomainError("work_item_unknown", _("Choose an item of the community's current "
                                                 "catalogue, or none."), field="work_item")
    return item


def reply_facts(community, what: str, item: WorkItem | None) -> labels.ReplyFacts:
    """What a reply cites, read from the community's current catalogue."""
    locale = queries.locale()
    version, items = catalogue_of(community)
    return labels.ReplyFacts(
        what=what, street=version.street.display_name(locale) if version else "",
        version=version.number if version else None,
        item_code=item.code if item else "", item_name=item.display_name(locale) if item else "",
        item_basis=item.legal_basis if item else "",
        item_list=list_type_label(item.list_type) if item else "",
        certificates=[i.display_name(locale) for i in items
                      if i.list_type == ListType.CERTIFICATE])


def answer_task(actor, community, *, department_id: int | None, other_department: str = "",
                channel, asked_on: date | None, what: str, work_item_id: int | None = None,
                asks_certificate: bool = False) -> Answer:
    """Check the task, choose its rule and word the reply; record it when it is refused
    (flushes only). Bad input raises DomainError and changes nothing."""
    if not can_record_refusal(actor, community):
        raise Forbidden(_("Only the community's workers record refused tasks."))
    channel = _channel(channel)
    what = rules.clean_text(what)
    _problem("what", rules.what_problem(what))
    _problem("asked_on", rules.asked_on_problem(asked_on, today_in(community)))
    other_department = rules.clean_text(other_department) if department_id is None else ""
    covering = [d.id for d in department_queries.departments_covering(community)]
    _problem("department", rules.department_problem(department_id, other_department, covering,
                                                    asks_certificate))
    item = _item(community, work_item_id)
    rule = rules.choose_rule(item.list_type if item else None, asks_certificate)
    reply = labels.reply_text(rule, reply_facts(community, what, item))
    if not rules.is_refusal(rule):
        return Answer(rule, reply, None, item)
    refusal = Refusal(community_id=community.id, worker_id=actor.id,
                      department_id=department_id, other_department=other_department,
                      channel=channel, asked_on=asked_on, what=what, rule=rule,
                      work_item_id=item.id if item else None)
    db.session.add(refusal)
    db.session.flush()
    record(actor, "refusal.recorded", refusal, rule=rule.value, channel=channel.value,
           department_id=department_id, asked_on=asked_on.isoformat(),
           work_item_id=refusal.work_item_id)
    return Answer(rule, reply, refusal, item)


def reply_for(refusal: Refusal) -> str:
    """A recorded refusal's reply again, in the reader's language."""
    return labels.reply_text(refusal.rule, reply_facts(refusal.community, refusal.what,
                                                       refusal.work_item))
