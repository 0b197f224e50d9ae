import pytest

from govhub.admission.catalogue.models import Street
from govhub.admission.catalogue.services import place_community
from govhub.extensions import db

CSV = (
    "code,name,name_en,list_type,legal_basis,lead_department,community_role,deliverables,"
    "frequency,hours_per_month,resources,assessable,effective_from,effective_to\n"
    "YF-01,居民委员会选举,Residents' committee election,依法履职事项,"
    "《城市居民委员会组织法》第八条,民政局,组织选举,选举台账,每三年一次,6,工作经费,否,"
    "2026-01-01,\n"
    "XZ-01,高龄津贴申报初审,Old-age allowance,assisting_government,"
    "《老年人权益保障法》第三十三条,民政局,受理初审,申报表,每月,4.5,\"经费, 培训\",yes,,\n"
    "FM-01,招商引资,Attracting investment,negative_list,,商务局,,,,0,,no,,\n"
)


class _Office:
    """The office placing communities in the test's streets (an administrator)."""

    id = None
    is_authenticated = True
    is_active = True
    role = "admin"
    community_id = None


OFFICE = _Office()


@pytest.fixture
def make_street(app, community):
    def make(name="幸福街道", name_en="Xingfu Street", communities=(community,)):
        street = Street(name=name, name_en=name_en)
        db.session.add(street)
        db.session.flush()
        for c in communities:
            place_community(OFFICE, c, street)
        db.session.commit()
        return street

    return make


@pytest.fixture
def street(make_street):
    return make_street()


@pytest.fixture
def admin(make_user):
    return make_user("admin")
