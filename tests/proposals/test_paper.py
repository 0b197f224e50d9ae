"""Paper supports: typed in from a signature sheet, each person counted once, online or not."""

import pytest
import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.core import uploads
from govhub.core.errors import DomainError, Forbidden
from govhub.extensions import db
from govhub.meetings.models import AgendaItem
from govhub.proposals import paper, services
from govhub.proposals.models import ProposalSupport
from govhub.proposals.rules import ProposalState
from tests.proposals.paper_fixtures import sheet, sheet_rows, stored_sheets


def _record(worker, proposal, lines, upload=None):
    result = paper.record_paper_supports(worker, proposal, upload or sheet(), lines)
    db.session.commit()
    return result


def test_keys_are_normalised_so_the_same_signer_is_one_person():
    assert paper.paper_key("Ｗang  Li ", "3号楼 2单元") == paper.paper_key("wang li", "3号楼 2单元")
    assert paper.paper_key("王丽", "3-201") != paper.paper_key("王丽", "5-101")


def test_parse_lines_takes_ascii_and_full_width_commas():
    signers = paper.parse_lines("王丽, 3-201\n\n张伟，5-101，resident0001\n")
    assert signers == [paper.Signer("王丽", "3-201"),
                       paper.Signer("张伟", "5-101", "resident0001")]


def test_a_worker_records_a_sheet_and_each_signer_counts(app, make_proposal, residents, worker):
    [author] = residents(1)
    proposal = make_proposal(author, threshold=10)
    result = _record(worker, proposal, [("王丽", "3-201"), ("张伟", "5-101")])
    assert (result.counted, result.duplicates, result.reached) == (2, [], False)
    assert proposal.support_count == 3
    rows = db.session.scalars(sa.select(ProposalSupport).where(
        ProposalSupport.source == "paper").order_by(ProposalSupport.id)).all()
    assert [(row.signer_name, row.building_unit, row.recorded_by_id, row.sheet_id)
            for row in rows] == [("王丽", "3-201", worker.id, result.sheet.id),
                                 ("张伟", "5-101", worker.id, result.sheet.id)]
    assert uploads.path_of(paper.SHEETS, result.sheet.stored_name) in stored_sheets(app)
    event = db.session.scalars(sa.select(AuditEvent).where(
        AuditEvent.action == "proposal.paper_supports_recorded")).one()
    assert (event.data["counted"], event.data["duplicates"]) == (2, 0)


def test_the_same_person_twice_on_a_sheet_counts_once(make_proposal, residents, worker):
    [author] = residents(1)
    proposal = make_proposal(author, threshold=10)
    result = _record(worker, proposal, [("王丽", "3-201"), (" 王丽 ", "３-２０１"),
                                        ("王丽", "5-101")])
    assert result.counted == 2
    assert result.duplicates == [(2, "王丽")]
    assert proposal.support_count == 3


def test_a_linked_resident_who_supported_online_is_not_counted_again(
        make_proposal, residents, worker):
    author, neighbour = residents(2)
    proposal = make_proposal(author, threshold=10)
    services.support_proposal(neighbour, proposal)
    db.session.commit()
    result = _record(worker, proposal, [("邻居", "1-101", neighbour.username.upper()),
                                        ("王丽", "3-201")])
    assert result.counted == 1 and result.duplicates == [(1, "邻居")]
    assert proposal.support_count == 3
    with pytest.raises(DomainError) as error:  # and online after paper: the same person
        services.support_proposal(author, proposal)
    assert error.value.code == "already_supported"


def test_a_resident_linked_on_paper_cannot_then_support_online(make_proposal, residents, worker):
    author, neighbour = residents(2)
    proposal = make_proposal(author, threshold=10)
    _record(worker, proposal, [("邻居", "1-101", neighbour.username)])
    with pytest.raises(DomainError) as error:
        services.support_proposal(neighbour, proposal)
    assert error.value.code == "already_supported"
    db.session.rollback()
    assert proposal.support_count == 2


def test_a_paper_line_reaching_the_threshold_queues_it_exactly_once(
        make_proposal, residents, worker, make_meeting, council):
    [author] = residents(1)
    make_meeting("scheduled", council=council)
    proposal = make_proposal(author, threshold=2)
    result = _record(worker, proposal, [("王丽", "3-201"), ("张伟", "5-101"), ("李娜", "2-302")])
    assert result.reached and result.counted == 3
    assert proposal.state == ProposalState.QUEUED and proposal.support_count == 4
    assert proposal.agenda_item is not None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AgendaItem).where(
        AgendaItem.title == proposal.title)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "proposal.threshold_reached")) == 1
    again = _record(worker, proposal, [("赵强", "4-401")])  # queued still collects
    assert again.counted == 1 and not again.reached


@pytest.mark.parametrize("lines, code", [
    ([], "no_lines"),
    ([("王丽", "3-201"), ("", "5-101")], "line_without_name"),
    ([("王丽", "3-201")] * 201, "too_many_lines"),
    ([("王丽", "3-201", "nobody-here")], "unknown_resident"),
    ([("王" * 81, "3-201")], "line_too_long"),
])
def test_refused_lines_store_nothing(app, make_proposal, residents, worker, lines, code):
    [author] = residents(1)
    proposal = make_proposal(author, threshold=10)
    before = stored_sheets(app)
    with pytest.raises(DomainError) as error:
        paper.record_paper_supports(worker, proposal, sheet(), lines)
    db.session.rollback()
    assert (error.value.code, error.value.status) == (code, 400)
    assert proposal.support_count == 1 and sheet_rows() == 0 and stored_sheets(app) == before


@pytest.mark.parametrize("upload, status", [
    (None, 400), (("sheet.png", b""), 400), (("sheet.png", b"MZ\x90\x00 not a photo"), 415),
    (("sheet.pdf", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"), 415)])
def test_a_bad_sheet_is_refused_and_nothing_counted(app, make_proposal, residents, worker,
                                                     upload, status):
    [author] = residents(1)
    proposal = make_proposal(author, threshold=10)
    before = stored_sheets(app)
    with pytest.raises(DomainError) as error:
        paper.record_paper_supports(worker, proposal, sheet(*upload) if upload else None,
                                    [("王丽", "3-201")])
    db.session.rollback()
    assert error.value.status == status
    assert proposal.support_count == 1 and sheet_rows() == 0 and stored_sheets(app) == before


def test_only_the_office_records_and_only_while_it_collects(app, make_proposal, residents,
                                                            worker):
    author, neighbour = residents(2)
    proposal = make_proposal(author, threshold=10)
    before = stored_sheets(app)
    with pytest.raises(Forbidden):
        paper.record_paper_supports(neighbour, proposal, sheet(), [("王丽", "3-201")])
    db.session.rollback()
    services.withdraw_proposal(author, proposal, "换个方式")
    db.session.commit()
    with pytest.raises(DomainError) as error:
        paper.record_paper_supports(worker, proposal, sheet(), [("王丽", "3-201")])
    db.session.rollback()
    assert error.value.status == 409
    assert sheet_rows() == 0 and stored_sheets(app) == before
