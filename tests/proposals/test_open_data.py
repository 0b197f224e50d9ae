"""Open data of a council's proposals: an Atom feed, CSV and JSON, with no personal data."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest

from govhub.extensions import db
from govhub.proposals import answers, services

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def published(make_proposal, residents, worker):
    """Three public proposals (one answered with a reason) and a draft."""
    author, supporter, other = residents(3)
    author.display_name, supporter.display_name = "张秀英", "李建国"
    first = make_proposal(author, threshold=2, title="楼道加装扶手")
    services.support_proposal(supporter, first)
    answers.answer_proposal(worker, first, "decline_not_feasible", "楼道宽度不够")
    make_proposal(other, threshold=5, title="=HYPERLINK(\"http://x\")")
    make_proposal(author, threshold=5, title="小区增设快递柜")
    make_proposal(author, publish=False, title="还没想好的草稿")
    db.session.commit()
    return first, (author, supporter, other)


def test_the_feed_is_atom_with_the_published_proposals(client, council, published):
    response = client.get(f"/councils/{council.id}/proposals.atom")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    assert feed.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{tag}") is not None
    entries = feed.findall(f"{ATOM}entry")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert sorted(titles) == sorted(["楼道加装扶手", "=HYPERLINK(\"http://x\")", "小区增设快递柜"])
    first = published[0]
    [entry] = [e for e in entries if e.findtext(f"{ATOM}title") == "楼道加装扶手"]
    assert entry.findtext(f"{ATOM}id").endswith(f"/proposals/{first.id}")
    for tag in ("published", "updated", "summary"):
        assert entry.findtext(f"{ATOM}{tag}")
    assert "Not feasible" in entry.findtext(f"{ATOM}summary")
    assert "楼道宽度不够" in entry.findtext(f"{ATOM}summary")
    assert "张秀英" not in response.get_data(as_text=True)


def test_the_feed_speaks_chinese(client, council, published):
    body = client.get(f"/councils/{council.id}/proposals.atom",
                      headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert 'xml:lang="zh-CN"' in body and "Residents' proposals" not in body


def _csv_rows(client, council) -> list[list[str]]:
    response = client.get(f"/councils/{council.id}/proposals.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_csv_has_no_personal_data_and_no_formula(client, council, published):
    rows = _csv_rows(client, council)
    assert rows[0] == ["id", "title", "category", "state", "support_count", "threshold",
                       "published_at", "reached_at", "answered_at", "answer_reason",
                       "meeting_id", "resolution_ids"]
    assert len(rows) == 4  # the header and three public proposals: never the draft
    body = "\n".join(",".join(row) for row in rows)
    for name in ("张秀英", "李建国", "还没想好的草稿"):
        assert name not in body
    for person in published[1]:
        assert person.username not in body
    by_title = {row[1]: row for row in rows[1:]}
    assert "'=HYPERLINK(\"http://x\")" in by_title
    answered = by_title["楼道加装扶手"]
    assert answered[3] == "not_feasible" and answered[9] == "楼道宽度不够"
    assert answered[4] == "2" and answered[5] == "2" and answered[8]


def test_the_json_has_the_same_records_without_people(client, council, published):
    response = client.get(f"/councils/{council.id}/proposals.json")
    assert response.status_code == 200 and response.is_json
    document = response.get_json()
    assert document["council"]["id"] == council.id
    records = document["proposals"]
    assert {r["title"] for r in records} == {"楼道加装扶手", "=HYPERLINK(\"http://x\")",
                                             "小区增设快递柜"}
    assert set(records[0]) == {"id", "title", "category", "state", "support_count",
                               "threshold", "published_at", "reached_at", "answered_at",
                               "answer_reason", "meeting_id", "resolution_ids"}
    text = response.get_data(as_text=True)
    assert "张秀英" not in text and "李建国" not in text and "author" not in text


def test_an_unknown_council_is_404(client):
    for ext in ("atom", "csv", "json"):
        assert client.get(f"/councils/999999/proposals.{ext}").status_code == 404


def test_the_council_list_links_its_open_data(client, council, published):
    page = client.get(f"/councils/{council.id}/proposals").get_data(as_text=True)
    for ext in ("atom", "csv", "json"):
        assert f'href="/councils/{council.id}/proposals.{ext}"' in page


def test_the_exports_link_the_meeting_and_resolution(client, app):
    import sqlalchemy as sa

    from govhub.demo.services import load_demo
    from govhub.proposals.models import Proposal
    from govhub.proposals.rules import ProposalState
    from govhub.voting.models import Resolution
    from tests.helpers import PASSWORD

    load_demo(residents=45, password=PASSWORD)
    db.session.commit()
    traced = db.session.scalar(sa.select(Proposal).where(
        Proposal.state == ProposalState.ACCEPTED, Proposal.agenda_item_id.is_not(None)))
    resolution = db.session.scalar(sa.select(Resolution).where(
        Resolution.agenda_item_id == traced.agenda_item_id))
    records = client.get(f"/councils/{traced.council_id}/proposals.json").get_json()
    [record] = [r for r in records["proposals"] if r["id"] == traced.id]
    assert record["meeting_id"] == resolution.meeting_id
    assert record["resolution_ids"] == [resolution.id]


def test_the_exports_run_the_same_statements_however_many_proposals(statements, council,
                                                                    published, make_proposal,
                                                                    residents):
    paths = [f"/councils/{council.id}/proposals.{ext}" for ext in ("atom", "csv", "json")]
    statements(paths[0])  # the app's first page loads what it keeps for later
    few = [statements(path) for path in paths]
    [author] = residents(1)
    for n in range(6):
        make_proposal(author, threshold=5, title=f"提议 {n}")
    assert [statements(path) for path in paths] == few
