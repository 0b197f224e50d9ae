"""Paper supports: a worker types in the names on a signature sheet and keeps its photo.

Each signer is one person, counted once however they signed: a signer linked to a
resident's account (by username) is the same person as that resident supporting
online ("user:<id>"); anyone else is keyed by their name and building/unit as
written, normalised ("paper:<name>|<unit>"). Each accepted line goes through the
same atomic counter as an online support (services.count_support), so a paper
line may be the one that reaches the threshold, and it is queued exactly once.
A line whose person is already counted is reported back, not an error for the
sheet. The sheet's photo holds residents' signatures: staff only.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _

from govhub.audit.services import record
from govhub.auth.models import User
from govhub.core import uploads
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.roles import is_staff_of
from govhub.extensions import db
from govhub.proposals import permissions, rules, services
from govhub.proposals.models import Proposal, SupportSheet, SupportSource

SHEETS = "support_sheets"  # the uploads folder of signature sheets
LINES_MAX = 200
NAME_MAX = 80
UNIT_MAX = 40


@dataclass(frozen=True)
class Signer:
    name: str
    building_unit: str = ""
    username: str | None = None


@dataclass
class PaperResult:
    counted: int = 0
    # (line number from 1, the name as written) of people already counted.
    duplicates: list[tuple[int, str]] = field(default_factory=list)
    reached: bool = False
    sheet: SupportSheet | None = None


def can_record_paper(user, proposal: Proposal) -> bool:
    return is_staff_of(user, proposal.community_id)


def normalise(text: str) -> str:
    """NFKC, whitespace collapsed, case-folded: "Ｗang  Li" and "wang li" are one name."""
    return " ".join(unicodedata.normalize("NFKC", text or "").split()).casefold()


def paper_key(name: str, building_unit: str) -> str:
    return f"paper:{normalise(name)}|{normalise(building_unit)}"[:160]


def parse_lines(text: str) -> list[Signer]:
    """The textarea's lines, "name, building/unit[, username]"; blank lines skipped.
    Commas may be ASCII or full-width (，)."""
    signers = []
    for line in (text or "").splitlines():
        parts = [part.strip() for part in line.replace("，", ",").split(",")]
        if not any(parts):
            continue
        signers.append(Signer(parts[0], parts[1] if len(parts) > 1 else "",
                              parts[2] or None if len(parts) > 2 else None))
    return signers


def signers_from_json(text: str) -> list[Signer]:
    """The API's lines: a JSON array of {name, building_unit, username}; a 400 if not."""
    try:
        loaded = json.loads(text or "")
    except ValueError:
        loaded = None
    if not isinstance(loaded, list) or not all(isinstance(row, dict) for row in loaded):
        raise DomainError("lines_not_json", _(
            "Send the signers as a JSON array of {name, building_unit, username}."), "lines")
    return [Signer(_text(row.get("name")), _text(row.get("building_unit")),
                   _text(row.get("username")) or None) for row in loaded]


def _text(value) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def record_paper_supports(actor, proposal: Proposal, sheet_upload: uploads.Upload | None,
                          signers: list) -> PaperResult:
    """Count the signers of one sheet. Staff of the community only; nothing is stored when
    the sheet or any line is refused."""
    require(can_record_paper(actor, proposal),
            _("Only the community's office records paper supports."))
    if proposal.state not in rules.OPEN_FOR_SUPPORT:
        raise DomainError("not_open", _("This proposal does not collect supports."), status=409)
    lines = _checked_lines([_signer(signer) for signer in signers], proposal)
    checked = uploads.check_upload(sheet_upload) if sheet_upload is not None else None
    if checked is None:
        raise DomainError("sheet_required", _("Add the photo or PDF of the signature sheet."),
                          "sheet")
    sheet = SupportSheet(proposal_id=proposal.id, stored_name=uploads.store(checked, SHEETS),
                         filename=checked.display_name, content_type=checked.content_type,
                         size=checked.size, sha256=checked.sha256,
                         recorded_by_id=getattr(actor, "id", None))
    db.session.add(sheet)
    db.session.flush()
    result = PaperResult(sheet=sheet)
    for number, (signer, key, user) in enumerate(lines, start=1):
        try:
            _count, crossed = services.count_support(
                proposal, key, user.id if user else None, SupportSource.PAPER,
                signer_name=signer.name, building_unit=signer.building_unit,
                recorded_by_id=sheet.recorded_by_id, sheet_id=sheet.id)
        except DomainError as error:
            if error.code != "already_supported":
                raise
            result.duplicates.append((number, signer.name))
            continue
        result.counted += 1
        result.reached = result.reached or crossed
    record(actor, "proposal.paper_supports_recorded", proposal, sheet_id=sheet.id,
           lines=len(lines), counted=result.counted, duplicates=len(result.duplicates),
           count=proposal.support_count)
    if result.reached:
        services.reach_threshold(proposal)
    return result


def _signer(value) -> Signer:
    """A Signer, or a (name, building_unit[, username]) tuple."""
    if isinstance(value, Signer):
        return value
    name, unit, username = (*value, "", None)[:3]
    return Signer(name or "", unit or "", username or None)


def _checked_lines(signers: list[Signer], proposal: Proposal) -> list:
    """(signer, person key, linked user or None) per line, or a 400 for the whole sheet."""
    if not signers:
        raise DomainError("no_lines", _("Write at least one signer, one per line."), "lines")
    if len(signers) > LINES_MAX:
        raise DomainError("too_many_lines", _("At most %(max)d signers per sheet.",
                                              max=LINES_MAX), "lines")
    lines = []
    for number, signer in enumerate(signers, start=1):
        name, unit = " ".join(signer.name.split()), " ".join(signer.building_unit.split())
        if not name:
            raise DomainError("line_without_name", _("Line %(line)d has no name.", line=number),
                              "lines")
        if len(name) > NAME_MAX or len(unit) > UNIT_MAX:
            raise DomainError("line_too_long", _(
                "Line %(line)d is too long: a name of at most %(name)d characters and a "
                "building/unit of at most %(unit)d.", line=number, name=NAME_MAX,
                unit=UNIT_MAX), "lines")
        user = _linked_user(signer.username, proposal, number) if signer.username else None
        key = f"user:{user.id}" if user else paper_key(name, unit)
        lines.append((Signer(name, unit, signer.username), key, user))
    return lines


def _linked_user(username: str, proposal: Proposal, number: int) -> User:
    user = db.session.scalar(sa.select(User).where(
        sa.func.lower(User.username) == username.strip().lower()))
    if user is None or not permissions.is_resident_of(user, proposal.community_id):
        raise DomainError("unknown_resident", _(
            "Line %(line)d: %(username)s is not a confirmed resident of this community.",
            line=number, username=username), "lines")
    return user


def sheets_of(proposal: Proposal) -> list[SupportSheet]:
    return list(db.session.scalars(sa.select(SupportSheet).where(
        SupportSheet.proposal_id == proposal.id).order_by(SupportSheet.id.desc())))
