from datetime import timedelta

import pytest

from govhub.actions import services as action_services
from govhub.admission.catalogue.services import import_catalogue
from govhub.admission.hours import queries
from govhub.extensions import db
from tests.admission.conftest import CSV, OFFICE


@pytest.fixture
def worker(make_user):
    return make_user("worker", display_name="王芳")


@pytest.fixture
def colleague(make_user):
    return make_user("worker", display_name="李强")


@pytest.fixture
def catalogue(street):
    version = import_catalogue(OFFICE, street, CSV)
    db.session.commit()
    return version


@pytest.fixture
def items(catalogue):
    """The catalogue's items by code: YF-01 (duty by law), XZ-01 (assisting), FM-01."""
    return {item.code: item for item in catalogue.items}


@pytest.fixture
def action(community, worker):
    item = action_services.create_item(
        worker, community, title="东门垃圾投放点迁移", owner=worker, category="environment",
        due_on=action_services.today_in(community) + timedelta(days=14))
    db.session.commit()
    return item


@pytest.fixture
def today(worker):
    return queries.today_of(worker)


@pytest.fixture
def other_community(make_community):
    return make_community(name="光明社区")
