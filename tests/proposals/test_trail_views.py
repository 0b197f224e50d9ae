"""The trail on a proposal's page: every step, reached or not, with its meeting, polls,
resolution and action items linked for those who may read them, in a constant number of
SQL statements; and the resolution's page links back to the proposals behind it."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from govhub.actions import services as actions
from govhub.auth.models import User
from govhub.demo.services import load_demo
from govhub.extensions import db
from govhub.meetings.models import AgendaItem, Meeting
from govhub.proposals.models import Proposal
from govhub.proposals.rules import ProposalState
from govhub.voting.models import Resolution
from tests.helpers import PASSWORD

STEPS = ["Proposed", "Published", "Threshold reached", "The office's answer",
         "On the council's agenda", "The council voted", "Resolution", "Action items",
         "Result disclosed"]


def _text(response) -> str:
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _trail(html: str) -> str:
    start = html.index('id="trail"')
    return html[start:html.index("</section>", start)]


@pytest.fixture
def demo(app):
    load_demo(residents=45, password=PASSWORD)
    db.session.commit()
    traced = db.session.scalar(sa.select(Proposal).where(
        Proposal.state == ProposalState.ACCEPTED, Proposal.agenda_item_id.is_not(None))
        .order_by(Proposal.id))
    item = db.session.get(AgendaItem, traced.agenda_item_id)
    resolution = db.session.scalar(sa.select(Resolution).where(
        Resolution.agenda_item_id == item.id))
    return traced, item.meeting, resolution


def _user(username: str) -> User:
    return db.session.scalar(sa.select(User).where(User.username == username))


@pytest.mark.parametrize("reader", [None, "resident001", "worker"])
def test_the_traced_proposal_shows_its_whole_trail(client, login, demo, reader):
    traced, meeting, resolution = demo
    if reader:
        login(_user(reader))
    trail = _trail(_text(client.get(f"/proposals/{traced.id}")))
    assert all(step in trail for step in STEPS)
    assert trail.count("trail-reached") == 8 and trail.count("trail-pending") == 1
    assert f'href="/meetings/{meeting.id}"' in trail and meeting.title in trail
    assert f'href="/resolutions/{resolution.id}"' in trail
    assert "Accepted for the agenda" in trail
    # the poll's result in words, as the resolution's page says it
    record = _text(client.get(f"/resolutions/{resolution.id}"))
    sentence = re.search(r"<dt>Result</dt>\s*<dd>([^<]+)</dd>", record).group(1)
    assert sentence.startswith("Passed:") and sentence in trail
    assert trail.count('class="trail-action"') == 2 and "% done" in trail
    assert f'href="/proposals/{traced.id}"' in record  # the resolution links back


def test_the_resolution_lists_the_proposals_behind_it(client, demo):
    traced, _meeting, resolution = demo
    page = _text(client.get(f"/resolutions/{resolution.id}"))
    assert "Proposals behind this resolution" in page
    assert f'<a href="/proposals/{traced.id}" class="resolution-proposal">{traced.title}</a>' \
        in page


def test_a_private_meeting_is_not_linked_for_outsiders(client, login, demo):
    traced, meeting, resolution = demo
    db.session.get(Meeting, meeting.id).is_public = False
    db.session.commit()
    page = _text(client.get(f"/proposals/{traced.id}"))
    assert f"/meetings/{meeting.id}" not in page and meeting.title not in page
    trail = _trail(page)
    assert "A council meeting" in trail
    assert f"/meetings/{meeting.id}" not in trail and meeting.title not in trail
    assert f"/resolutions/{resolution.id}" not in trail and resolution.text not in trail
    login(_user("worker"))
    trail = _trail(_text(client.get(f"/proposals/{traced.id}")))
    assert f'href="/meetings/{meeting.id}"' in trail
    assert f'href="/resolutions/{resolution.id}"' in trail


def test_a_collecting_proposal_shows_what_is_still_ahead(client, make_proposal, residents):
    [author] = residents(1)
    proposal = make_proposal(author, threshold=5)
    trail = _trail(_text(client.get(f"/proposals/{proposal.id}")))
    assert trail.count("trail-reached") == 2 and trail.count("trail-pending") == 7
    assert "1 of 5 supports" in trail and "Collects supports until" in trail
    assert "(not yet)" in trail


def test_the_trail_speaks_chinese(client, make_proposal, residents):
    [author] = residents(1)
    proposal = make_proposal(author, threshold=5)
    trail = _trail(_text(client.get(f"/proposals/{proposal.id}",
                                    headers={"Accept-Language": "zh-CN"})))
    assert "进展如何" in trail and "提出" in trail and "结果已公开" in trail
    assert "Proposed" not in trail and "Result disclosed" not in trail


@pytest.mark.parametrize("reader", [None, "resident001", "worker"])
def test_the_page_is_constant_however_many_action_items(statements, login, demo, reader):
    traced, meeting, resolution = demo
    if reader:
        login(_user(reader))
    path = f"/proposals/{traced.id}"
    statements(path)  # the app's first page loads what it keeps for later
    few = statements(path)
    worker = _user("worker")
    for n in range(4):
        actions.create_item(worker, meeting.council.community, title=f"再加一项 {n}",
                            owner=worker, due_on=resolution.decided_at.date()
                            + timedelta(days=30), resolution=resolution)
    db.session.commit()
    assert statements(path) == few
