"""A proposal's trail, from its proposal to the result of what was decided."""

import functools

import sqlalchemy as sa

from govhub.auth.models import User
from govhub.demo.services import load_demo
from govhub.extensions import db
from govhub.proposals.models import Proposal
from govhub.proposals.rules import ProposalState
from govhub.proposals.trail import proposals_behind, trail_of
from govhub.voting.models import Resolution
from tests.helpers import PASSWORD


def _reached(steps) -> list[str]:
    return [step.key for step in steps if step.reached]


def _demo(state) -> Proposal:
    return db.session.scalar(sa.select(Proposal).where(Proposal.state == state))


def test_the_traced_demo_proposal_runs_to_its_action_items(app):
    load_demo(residents=45, password=PASSWORD)
    db.session.commit()
    traced = _demo(ProposalState.ACCEPTED)
    steps = trail_of(None, traced)
    assert [s.key for s in steps] == ["proposed", "published", "threshold", "answer", "agenda",
                                      "vote", "resolution", "actions", "result"]
    assert _reached(steps) == ["proposed", "published", "threshold", "answer", "agenda",
                               "vote", "resolution", "actions"]
    by_key = {s.key: s for s in steps}
    [resolution] = by_key["resolution"].detail["resolutions"]
    assert by_key["agenda"].detail["item"].id == resolution.agenda_item_id
    assert all(item.resolution_id == resolution.id for item in by_key["actions"].detail["items"])
    assert proposals_behind(db.session.get(Resolution, resolution.id)) == [traced]


def test_a_collecting_proposal_has_only_begun(make_proposal, residents):
    [author] = residents(1)
    steps = trail_of(None, make_proposal(author, threshold=5))
    assert _reached(steps) == ["proposed", "published"]


def _statements(work) -> int:
    executed = []

    def note(conn, cursor, statement, parameters, context, executemany):
        executed.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", note)
    try:
        work()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", note)
    return len(executed)


def test_the_trail_reads_in_a_few_statements_however_long(app):
    load_demo(residents=45, password=PASSWORD)
    db.session.commit()
    traced_id = _demo(ProposalState.ACCEPTED).id
    worker_id = db.session.scalar(sa.select(User.id).where(User.username == "worker"))
    for reader_id in (None, worker_id):
        db.session.expire_all()
        traced = db.session.get(Proposal, traced_id)
        reader = db.session.get(User, reader_id) if reader_id else None
        # the agenda item with its meeting, the polls, the resolutions, the action items
        assert _statements(functools.partial(trail_of, reader, traced)) <= 5
