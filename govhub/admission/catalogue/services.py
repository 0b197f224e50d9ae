"""Changing the catalogue: importing a street's CSV as a new version; exporting it again."""

from __future__ import annotations

import csv
import io

import sqlalchemy as sa
from flask_babel import gettext as _

from govhub.admission.catalogue import labels, rules
from govhub.admission.catalogue.models import CatalogueVersion, Street, StreetCommunity, WorkItem
from govhub.admission.catalogue.permissions import can_import_catalogue
from govhub.audit.services import record
from govhub.core.errors import DomainError, Forbidden
from govhub.core.models import utcnow
from govhub.core.spreadsheet import cell
from govhub.extensions import db

MAX_ROWS = 2000


def read_rows(csv_text: str) -> list[rules.WorkItemData]:
    """Every row checked before any is kept: the first bad one refuses the whole file."""
    reader = csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff")))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [c for c in rules.REQUIRED_COLUMNS if c not in header]
    if missing:
        raise DomainError("missing_columns", _("The file has no column %(column)s.",
                                                column=missing[0]), field="file")
    reader.fieldnames = header
    items: list[rules.WorkItemData] = []
    seen: set[str] = set()
    for line, row in enumerate(reader, start=2):
        if line - 1 > MAX_ROWS:
            raise DomainError("too_many_rows", _("A catalogue has at most %(n)d items.",
                                                  n=MAX_ROWS), field="file")
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue
        try:
            item = rules.parse_row(row)
            if item.code in seen:
                raise rules.RowError("code", "duplicate")
        except rules.RowError as error:
            raise DomainError("bad_row", _(
                "Line %(line)d: the %(column)s %(problem)s. Nothing was imported.",
                line=line, column=labels.COLUMNS[error.field],
                problem=labels.PROBLEMS[error.problem]), field="file") from None
        seen.add(item.code)
        items.append(item)
    if not items:
        raise DomainError("empty_file", _("The file holds no work item."), field="file")
    return items


def create_street(actor, name: str, name_en: str = "") -> Street:
    """A street office whose communities will share a catalogue; flushes only."""
    if not can_import_catalogue(actor, None):
        raise Forbidden(_("Only the office's administrators may import a catalogue."))
    name, name_en = " ".join(str(name or "").split()), " ".join(str(name_en or "").split())
    if not name:
        raise DomainError("name_required", _("Give the street its name."), field="name")
    if len(name) > 120 or len(name_en) > 120:
        raise DomainError("name_too_long", _("A name is at most 120 characters."),
                          field="name")
    if db.session.scalar(sa.select(Street.id).where(Street.name == name)) is not None:
        raise DomainError("street_exists", _("There is already a street of that name."),
                          field="name", status=409)
    street = Street(name=name, name_en=name_en)
    db.session.add(street)
    db.session.flush()
    record(actor, "catalogue.street_created", street, name=name)
    return street


def place_community(actor, community, street: Street) -> None:
    """Make the community one of the street's (it shares that catalogue); flushes only."""
    if not can_import_catalogue(actor, street):
        raise Forbidden(_("Only the office's administrators may import a catalogue."))
    link = db.session.get(StreetCommunity, community.id)
    if link is None:
        db.session.add(StreetCommunity(community_id=community.id, street_id=street.id))
    elif link.street_id != street.id:
        link.street_id = street.id
    else:
        return
    db.session.flush()
    record(actor, "catalogue.community_placed", community, street_id=street.id)


def import_catalogue(actor, street: Street, csv_text: str, note: str = "") -> CatalogueVersion:
    """Publish the file's items as the street's next catalogue version; flushes only."""
    if not can_import_catalogue(actor, street):
        raise Forbidden(_("Only the office's administrators may import a catalogue."))
    items = read_rows(csv_text)
    last = db.session.scalar(sa.select(sa.func.max(CatalogueVersion.number))
                             .where(CatalogueVersion.street_id == street.id))
    version = CatalogueVersion(street_id=street.id, number=(last or 0) + 1, note=note.strip(),
                               published_at=utcnow(),
                               created_by_id=getattr(actor, "id", None))
    version.items = [WorkItem(**vars(item)) for item in sorted(items, key=lambda i: i.code)]
    db.session.add(version)
    db.session.flush()
    record(actor, "catalogue.imported", version, community_id=None, street_id=street.id,
           number=version.number, items=len(items))
    return version


def export_rows(version: CatalogueVersion) -> list[list[str]]:
    """The version's items as the import reads them: the header, then a row per item."""
    rows: list[list[str]] = [list(rules.COLUMNS)]
    for item in version.items:
        values = {column: getattr(item, column) for column in rules.COLUMNS}
        values["list_type"] = item.list_type.value
        values["assessable"] = "yes" if item.assessable else "no"
        for column in ("effective_from", "effective_to"):
            values[column] = values[column].isoformat() if values[column] else ""
        values["hours_per_month"] = format(item.hours_per_month.normalize(), "f")
        rows.append([values[column] for column in rules.COLUMNS])
    return rows


def export_csv(version: CatalogueVersion) -> str:
    """The version as CSV (with a byte order mark, no cell a spreadsheet runs)."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in export_rows(version):
        writer.writerow([cell(value) for value in row])
    return "\ufeff" + out.getvalue()


def add_item(actor, street: Street, item: rules.WorkItemData, note: str = "",
             ) -> tuple[CatalogueVersion, WorkItem]:
    """The street's next catalogue version: the current items and one more (an admitted
    request's). The caller checks who may (the street's reviewers); flushes only."""
    last = db.session.scalar(
        sa.select(CatalogueVersion).where(CatalogueVersion.street_id == street.id)
        .order_by(CatalogueVersion.number.desc()).limit(1))
    items = list(last.items) if last else []
    if any(existing.code == item.code for existing in items):
        raise DomainError("code_taken", _("The catalogue already has an item with that code."),
                          field="code", status=409)
    columns = [c.key for c in WorkItem.__table__.columns if c.key not in ("id", "version_id")]
    version = CatalogueVersion(street_id=street.id, number=(last.number if last else 0) + 1,
                               note=note.strip()[:500], published_at=utcnow(),
                               created_by_id=getattr(actor, "id", None))
    version.items = [WorkItem(**{c: getattr(old, c) for c in columns}) for old in items]
    added = WorkItem(**vars(item))
    version.items.append(added)
    db.session.add(version)
    db.session.flush()
    return version, added
