"""Issuing certificates: only the types on the street's certificate list (audited); asking
for another type is answered, and recorded, as a refusal (rule certificate_not_listed)."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from govhub.actions.services import today_in
from govhub.admission.certificates import labels, queries, rules
from govhub.admission.certificates.models import Certificate
from govhub.admission.certificates.permissions import can_issue_certificate
from govhub.admission.refusals import services as refusal_services
from govhub.admission.refusals.rules import Channel
from govhub.audit.services import record
from govhub.core.errors import DomainError, Forbidden
from govhub.extensions import db


def _problem(field: str, problem: str | None) -> None:
    if problem is not None:
        raise DomainError(f"{field}_{problem}", str(labels.PROBLEMS[(field, problem)]),
                          field=field)


def listed_type(community, code: str):
    """The certificate list's item of that code, or a refusal naming the list."""
    item = next((i for i in queries.certificate_list(community) if i.code == code), None)
    if item is None:
        raise DomainError("certificate_not_listed", _(
            "This certificate is not on the street's list of certificates the community "
            "may issue. Record the request as a refusal instead."), field="certificate")
    return item


def issue_certificate(actor, community, *, code: str, issued_on: date | None,
                      resident_username: str = "", resident_name: str = "") -> Certificate:
    """Record a certificate of a listed type issued to a resident (flushes only)."""
    if not can_issue_certificate(actor, community):
        raise Forbidden(_("Only the community's workers issue certificates."))
    item = listed_type(community, rules.clean_text(code))
    username = rules.clean_text(resident_username)
    name = rules.clean_text(resident_name) if not username else ""
    _problem("resident", rules.resident_problem(username, name))
    resident = queries.resident_of(community, username) if username else None
    if username and resident is None:
        _problem("resident", "unknown")
    _problem("issued_on", rules.issued_on_problem(issued_on, today_in(community)))
    certificate = Certificate(community_id=community.id, work_item_id=item.id, code=item.code,
                              name=item.name, name_en=item.name_en,
                              resident_id=resident.id if resident else None,
                              resident_name=name, issued_on=issued_on, worker_id=actor.id)
    db.session.add(certificate)
    db.session.flush()
    record(actor, "certificate.issued", certificate, code=item.code,
           work_item_id=item.id, issued_on=issued_on.isoformat(),
           resident_id=certificate.resident_id)
    return certificate


def refuse_certificate(actor, community, *, what: str, asked_on: date | None = None,
                       who_asks: str = "",
                       channel: Channel = Channel.IN_PERSON) -> refusal_services.Answer:
    """A certificate not on the list: the refusal's text citing the list, recorded as a
    refusal (rule certificate_not_listed) through the refusals service (flushes only)."""
    if not can_issue_certificate(actor, community):
        raise Forbidden(_("Only the community's workers issue certificates."))
    return refusal_services.answer_task(
        actor, community, department_id=None, other_department=who_asks, channel=channel,
        asked_on=asked_on or today_in(community), what=what, asks_certificate=True)
