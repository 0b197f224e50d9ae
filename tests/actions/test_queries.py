"""No N+1 queries: each list page runs the same number of SQL statements for a few rows as
for many (resolutions, items, owners, helpers, councils, check-ins and their files)."""

import pytest
import sqlalchemy as sa

from govhub.actions import services
from govhub.core.uploads import Upload
from govhub.extensions import db
from tests.actions.conftest import PDF, png_bytes


@pytest.fixture
def grow(make_resolution, make_item, make_user, make_meeting, worker, colleague):
    """grow(meeting, resolutions, items_each): public resolutions with public items owned by
    different workers, with helpers, check-ins and files."""
    owners = [worker, colleague] + [make_user("worker") for _ in range(4)]
    helpers = [make_user("resident"), make_user("partner"), make_user("resident")]

    def add(meeting, resolutions: int, items_each: int):
        for r in range(resolutions):
            resolution = make_resolution(meeting=meeting, text=f"决议 {r}")
            for n in range(items_each):
                # Few rows share an owner and a helper; many rows have them all.
                owner = owners[(r * items_each + n) % len(owners)] if resolutions > 2 \
                    else worker
                item = make_item(resolution=resolution, title=f"事项 {r}-{n}", owner=owner,
                                 helpers=[helpers[(r + n) % len(helpers)]], is_public=True)
                services.check_in(owner, item, note="进展", progress=10 * n,
                                  files=[Upload("a.png", png_bytes())])
        db.session.commit()

    return add


def test_the_community_and_council_records_are_constant(statements, grow, make_meeting,
                                                         community):
    meeting = make_meeting("adjourned")
    grow(meeting, 2, 1)
    council_id = meeting.council_id
    few = (statements(f"/c/{community.slug}/results"),
           statements(f"/councils/{council_id}/results"))
    grow(make_meeting("adjourned", council=meeting.council), 12, 3)
    grow(meeting, 6, 2)
    many = (statements(f"/c/{community.slug}/results"),
            statements(f"/councils/{council_id}/results"))
    assert few == many


def test_the_list_of_items_is_constant(statements, grow, make_meeting, login, worker,
                                       community):
    meeting = make_meeting("adjourned")
    grow(meeting, 1, 2)
    login(worker)
    paths = [f"/c/{community.slug}/actions", f"/c/{community.slug}/actions?open=1&sort=-due",
             f"/c/{community.slug}/work"]
    statements(paths[0])  # the first page after signing in loads the account once
    few = [statements(path) for path in paths]
    grow(meeting, 10, 3)
    grow(make_meeting("adjourned"), 4, 2)   # another council
    assert [statements(path) for path in paths] == few


def test_the_anonymous_list_is_constant(statements, grow, make_meeting, community):
    meeting = make_meeting("adjourned")
    grow(meeting, 1, 2)
    few = statements(f"/c/{community.slug}/actions")
    grow(meeting, 8, 3)
    assert statements(f"/c/{community.slug}/actions") == few


def test_an_items_timeline_is_constant(statements, make_item, worker, colleague, make_user):
    item = make_item(is_public=True, helpers=[make_user("resident")])
    services.check_in(worker, item, note="一", files=[Upload("a.png", png_bytes())])
    db.session.commit()
    few = statements(f"/actions/{item.id}")
    for n in range(15):
        author = worker if n % 2 else colleague
        services.check_in(author, item, note=f"第 {n} 次", progress=n,
                          files=[Upload("a.png", png_bytes()), Upload("b.pdf", PDF)])
    db.session.commit()
    assert statements(f"/actions/{item.id}") == few


def test_a_meetings_follow_up_is_constant(app, grow, make_meeting):
    """The follow-up section alone: the meeting page's polls are the voting feature's."""
    from flask import render_template_string

    from govhub.actions.queries import meeting_followup
    from govhub.auth.models import AnonymousUser

    def count(meeting) -> int:
        executed = []

        def record(conn, cursor, statement, parameters, context, executemany):
            executed.append(statement)

        db.session.expire_all()
        with app.test_request_context(f"/meetings/{meeting.id}"):
            sa.event.listen(db.engine, "before_cursor_execute", record)
            try:
                html = render_template_string(
                    '{% include "actions/_meeting_followup.html" %}', meeting=meeting,
                    followup=meeting_followup(AnonymousUser(), meeting))
            finally:
                sa.event.remove(db.engine, "before_cursor_execute", record)
        assert 'id="followup"' in html
        return len(executed)

    meeting = make_meeting("adjourned")
    grow(meeting, 1, 1)
    few = count(meeting)
    grow(meeting, 8, 3)
    assert count(meeting) == few
