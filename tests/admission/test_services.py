"""Importing a street's catalogue: all of the file or none of it, a new version each time."""

import csv
import io

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from govhub.admission.catalogue import queries
from govhub.admission.catalogue.models import CatalogueVersion, WorkItem
from govhub.admission.catalogue.rules import ListType
from govhub.admission.catalogue.services import export_csv, import_catalogue
from govhub.audit.models import AuditEvent
from govhub.core.errors import DomainError, Forbidden
from govhub.extensions import db
from tests.admission.conftest import CSV


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_an_admin_imports_a_catalogue_as_version_one(app, admin, street):
    version = import_catalogue(admin, street, CSV, note="首版")
    db.session.commit()
    assert version.number == 1 and version.note == "首版" and version.created_by_id == admin.id
    assert [i.code for i in version.items] == ["FM-01", "XZ-01", "YF-01"]
    item = db.session.scalar(sa.select(WorkItem).where(WorkItem.code == "XZ-01"))
    assert item.list_type == ListType.ASSISTING_GOVERNMENT and item.assessable
    assert str(item.hours_per_month) == "4.50" and item.resources == "经费, 培训"


def test_each_import_is_a_new_version_and_the_highest_is_current(app, admin, street):
    import_catalogue(admin, street, CSV)
    second = import_catalogue(admin, street, CSV.replace("招商引资", "招商引资任务"))
    db.session.commit()
    assert second.number == 2
    assert queries.current_version(street.id).id == second.id
    assert count(CatalogueVersion) == 2 and count(WorkItem) == 6


def test_streets_number_their_versions_apart(app, admin, street, make_street,
                                             make_community):
    other = make_street(name="平安街道", name_en="Ping'an Street",
                        communities=(make_community(),))
    import_catalogue(admin, street, CSV)
    assert import_catalogue(admin, other, CSV).number == 1


@pytest.mark.parametrize("role", ["worker", "resident", "partner"])
def test_only_admins_import(app, make_user, street, role):
    with pytest.raises(Forbidden):
        import_catalogue(make_user(role), street, CSV)
    assert count(CatalogueVersion) == 0


def test_one_bad_row_refuses_the_whole_file_naming_line_and_column(app, admin, street):
    bad = CSV + "XZ-02,人口普查入户,,assisting_government,,统计局,,,,200,,no,,\n"
    with force_locale("en"), pytest.raises(DomainError) as caught:
        import_catalogue(admin, street, bad)
    assert "Line 5" in caught.value.message and "legal basis" in caught.value.message
    db.session.rollback()
    assert count(CatalogueVersion) == 0 and count(WorkItem) == 0


def test_the_refusal_speaks_chinese_to_chinese_readers(app, admin, street):
    bad = CSV.replace(",6,工作经费", ",800,工作经费")
    with force_locale("zh_CN"), pytest.raises(DomainError) as caught:
        import_catalogue(admin, street, bad)
    assert "第 2 行" in caught.value.message and "每月工时" in caught.value.message


def test_a_duplicate_code_is_refused(app, admin, street):
    with force_locale("en"), pytest.raises(DomainError) as caught:
        import_catalogue(admin, street, CSV + "YF-01,again,,placard,,,,,,,,,,\n")
    assert "Line 5" in caught.value.message and "code" in caught.value.message


@pytest.mark.parametrize("text, code", [
    ("", "missing_columns"),
    ("code,name\nA1,x\n", "missing_columns"),
    ("code,name,list_type\n", "empty_file"),
    ("code,name,list_type\n,,\n", "empty_file"),
])
def test_a_file_without_columns_or_rows_is_refused(app, admin, street, text, code):
    with pytest.raises(DomainError) as caught:
        import_catalogue(admin, street, text)
    assert caught.value.code == code


def test_an_import_is_audited(app, admin, street):
    version = import_catalogue(admin, street, CSV)
    db.session.commit()
    event = db.session.scalar(sa.select(AuditEvent).where(
        AuditEvent.action == "catalogue.imported"))
    assert event.actor_id == admin.id and event.target_id == version.id
    assert event.data == {"street_id": street.id, "number": 1, "items": 3}


def test_the_export_round_trips(app, admin, street):
    first = import_catalogue(admin, street, CSV)
    exported = export_csv(first)
    assert exported.startswith("\ufeffcode,name,name_en,list_type,")
    second = import_catalogue(admin, street, exported)
    assert export_csv(second) == exported
    fields = [c.key for c in WorkItem.__table__.columns if c.key not in ("id", "version_id")]
    assert [[getattr(i, f) for f in fields] for i in first.items] == \
        [[getattr(i, f) for f in fields] for i in second.items]


def test_the_export_never_writes_a_formula(app, admin, street):
    version = import_catalogue(admin, street, CSV.replace("选举台账", "=HYPERLINK(1)"))
    rows = list(csv.reader(io.StringIO(export_csv(version).lstrip("\ufeff"))))
    assert "'=HYPERLINK(1)" in rows[3]
    again = import_catalogue(admin, street, export_csv(version))
    assert again.items[2].deliverables == "=HYPERLINK(1)"


def test_a_community_without_a_street_has_an_empty_catalogue(app, make_community):
    assert queries.catalogue_of(make_community()) == (None, [])


def test_a_community_reads_its_streets_current_version(app, admin, street, community):
    import_catalogue(admin, street, CSV)
    version = import_catalogue(admin, street, CSV)
    db.session.commit()
    found, items = queries.catalogue_of(community)
    assert found.id == version.id and len(items) == 3


def test_placing_a_community_is_audited_and_moves_it(app, admin, street, make_street,
                                                   make_community):
    from govhub.admission.catalogue.services import place_community

    other = make_community()
    place_community(admin, other, street)
    assert queries.street_id_of(other) == street.id
    second = make_street(name="平安街道", name_en="", communities=())
    place_community(admin, other, second)
    place_community(admin, other, second)  # already there: nothing to record
    db.session.commit()
    assert queries.street_id_of(other) == second.id
    events = db.session.scalars(sa.select(AuditEvent).where(
        AuditEvent.action == "catalogue.community_placed",
        AuditEvent.community_id == other.id)).all()
    assert [e.data["street_id"] for e in events] == [street.id, second.id]


def test_only_admins_place_communities(app, make_user, street, make_community):
    from govhub.admission.catalogue.services import place_community

    with pytest.raises(Forbidden):
        place_community(make_user("worker"), make_community(), street)
