"""Proposal fixtures: a council with residents and a worker, and proposals in a given state."""

import pytest

from govhub.extensions import db
from govhub.proposals import services


@pytest.fixture
def council(make_council):
    return make_council(members=3)


@pytest.fixture
def worker(make_user):
    return make_user(role="worker")


@pytest.fixture
def residents(make_user):
    """residents(n) -> n more confirmed residents of the test community."""
    return lambda n: [make_user() for _ in range(n)]


@pytest.fixture
def make_proposal(council, worker):
    """make_proposal(author, threshold=3, publish=True) -> a proposal to `council`, its
    threshold an absolute number of supports (the author's own counts as the first)."""

    def make(author, threshold: int = 3, publish: bool = True, title: str = "楼道加装扶手"):
        services.save_settings(worker, council, threshold_kind="absolute",
                               threshold_value=threshold, time_limit_days=90,
                               answer_working_days=15, supports_public=False)
        proposal = services.create_proposal(
            author, council, title=title, body="老人上下楼不便，建议在各楼道加装扶手。",
            category="facilities", publish=publish)
        db.session.commit()
        return proposal

    return make
