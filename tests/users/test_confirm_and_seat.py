"""Confirming a resident seats them in the same step, and tells them, in their language."""

import pytest
import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.core.errors import DomainError
from govhub.councils.models import Council, CouncilMembership
from govhub.councils.queries import active_membership
from govhub.extensions import db
from govhub.notifications.models import Notification
from govhub.notifications.services import text_of
from govhub.users import services

EN = {"Accept-Language": "en"}


@pytest.fixture
def worker(make_user):
    return make_user("worker")


@pytest.fixture
def residents_meeting(make_council):
    return make_council(members=2, kind="residents_meeting")


def _notifications(user) -> list[Notification]:
    return list(db.session.scalars(sa.select(Notification).where(Notification.user_id == user.id)))


def _actions() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)))


# --- the service ---------------------------------------------------------------------------

def test_confirming_seats_the_resident_as_a_member_of_weight_one(worker, make_user,
                                                                 residents_meeting):
    pending = make_user(confirmed=False)
    membership = services.confirm_resident(worker, pending, residents_meeting)
    db.session.commit()
    assert pending.is_confirmed and pending.confirmed_by_id == worker.id
    assert active_membership(residents_meeting.id, pending.id) is membership
    assert membership.role == "member" and membership.vote_weight == 1
    assert {"user.confirmed", "council.member_seated"} <= set(_actions())


def test_the_seated_resident_is_told_live_in_their_language(worker, make_user, broadcasts,
                                                             residents_meeting):
    pending = make_user(confirmed=False)  # no language chosen: the community's, Chinese
    services.confirm_resident(worker, pending, residents_meeting)
    db.session.commit()
    [notification] = _notifications(pending)
    assert notification.kind == "users.confirmed_seated"
    assert notification.link == f"/councils/{residents_meeting.id}"
    [(room, _event, payload)] = [b for b in broadcasts if b[1] == "notification"]
    assert room == f"user:{pending.id}"
    assert payload["text"] == ("社区工作者已确认您的账号，您已成为居民议事会成员，"
                               "可以在其会议上签到和表决。")


def test_an_english_reader_reads_the_council_s_english_name(worker, make_user, broadcasts,
                                                            residents_meeting):
    pending = make_user(confirmed=False)
    pending.locale = "en"
    services.confirm_resident(worker, pending, residents_meeting)
    db.session.commit()
    [payload] = [b[2] for b in broadcasts if b[1] == "notification"]
    assert payload["text"] == ("A community worker confirmed your account. You now sit on "
                               "Residents' council: you can check in and vote at its meetings.")


def test_confirming_without_a_council_says_how_to_get_a_seat(worker, make_user, app):
    pending = make_user(confirmed=False)
    assert services.confirm_resident(worker, pending, None) is None
    db.session.commit()
    [notification] = _notifications(pending)
    assert notification.kind == "users.confirmed"
    assert notification.link.endswith("/councils")
    with app.test_request_context(headers=EN):
        assert "ask to join a council" in text_of(notification)
    assert db.session.scalar(sa.select(CouncilMembership).where(
        CouncilMembership.user_id == pending.id)) is None


def test_a_resident_seated_before_confirmation_keeps_their_seat(worker, make_user,
                                                                residents_meeting):
    from govhub.councils.services import seat_member

    pending = make_user(confirmed=False)
    seat = seat_member(worker, residents_meeting, pending, "secretary", "2")
    membership = services.confirm_resident(worker, pending, residents_meeting)
    assert membership is seat and membership.role == "secretary"


def test_a_council_of_another_community_is_refused(worker, make_user, make_community,
                                                   make_council):
    elsewhere = make_council(members=0, community=make_community())
    pending = make_user(confirmed=False)
    with pytest.raises(DomainError) as refused:
        services.confirm_resident(worker, pending, elsewhere)
    assert refused.value.code in {"not_in_community", "forbidden"}


# --- the accounts page ---------------------------------------------------------------------

def test_the_pending_list_offers_the_residents_meeting_first(client, login, worker, make_user,
                                                             make_council, residents_meeting):
    building = make_council(members=0, kind="building_council")
    pending = make_user(confirmed=False)
    login(worker)
    html = client.get("/users/?pending=1", headers=EN).get_data(as_text=True)
    form = html[html.index(f'action="/users/{pending.id}/confirm"'):]
    form = form[:form.index("</form>")]
    assert f'<option value="{residents_meeting.id}" selected>' in form
    assert f'<option value="{building.id}" >' in form
    assert '<option value="0" >No council for now</option>' in form


def test_a_worker_confirms_and_seats_in_one_step(client, login, post_form, worker, make_user,
                                                 residents_meeting):
    pending = make_user(confirmed=False, display_name="赵敏")
    login(worker)
    response = post_form(f"/users/{pending.id}/confirm", {"council_id": residents_meeting.id},
                         page="/users/?pending=1", headers=EN, follow_redirects=True)
    assert "赵敏 is confirmed and now sits on Residents&#39; council." in response.get_data(
        as_text=True)
    db.session.expire_all()
    assert pending.is_confirmed and active_membership(residents_meeting.id, pending.id)


def test_a_form_without_the_choice_seats_on_the_residents_meeting(client, login, post_form,
                                                                  worker, make_user,
                                                                  residents_meeting):
    pending = make_user(confirmed=False)
    login(worker)
    post_form(f"/users/{pending.id}/confirm", page="/users/?pending=1")
    assert active_membership(residents_meeting.id, pending.id) is not None


def test_a_worker_may_confirm_without_seating(client, login, post_form, worker, make_user,
                                             residents_meeting):
    pending = make_user(confirmed=False)
    login(worker)
    response = post_form(f"/users/{pending.id}/confirm", {"council_id": 0},
                         page="/users/?pending=1", headers=EN, follow_redirects=True)
    assert "is confirmed, without a seat on any council." in response.get_data(as_text=True)
    db.session.expire_all()
    assert pending.is_confirmed and active_membership(residents_meeting.id, pending.id) is None


@pytest.mark.parametrize("choice", ["999999", "abc", "-1"])
def test_a_bad_council_changes_nothing(client, login, post_form, worker, make_user,
                                       residents_meeting, choice):
    pending = make_user(confirmed=False)
    login(worker)
    response = post_form(f"/users/{pending.id}/confirm", {"council_id": choice},
                         page="/users/?pending=1", headers=EN, follow_redirects=True)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "does not exist" in html or "Choose one of the offered councils" in html
    db.session.expire_all()
    assert not pending.is_confirmed


def test_a_council_of_another_community_leaves_the_resident_unconfirmed(
        client, login, post_form, worker, make_user, make_community, residents_meeting):
    other = make_community()
    elsewhere = Council(community_id=other.id, name="别处", kind="residents_meeting")
    db.session.add(elsewhere)
    db.session.commit()
    pending = make_user(confirmed=False)
    login(worker)
    response = post_form(f"/users/{pending.id}/confirm", {"council_id": elsewhere.id},
                         page="/users/?pending=1", headers=EN, follow_redirects=True)
    assert response.status_code in (200, 403)
    db.session.expire_all()
    assert not pending.is_confirmed
    assert active_membership(elsewhere.id, pending.id) is None


# --- what the resident reads ---------------------------------------------------------------

def test_the_registration_page_says_confirmation_brings_a_seat(client):
    html = client.get("/register", headers=EN).get_data(as_text=True)
    assert "in the same step, seats you on a council, usually the residents" in html


def test_a_confirmed_resident_without_a_seat_is_told_on_the_front_page(client, login,
                                                                       make_user, community):
    login(make_user())
    html = client.get(f"/c/{community.slug}", headers=EN).get_data(as_text=True)
    assert "You are confirmed but sit on no council yet" in html


def test_a_seated_resident_is_not_told_to_find_a_seat(client, login, residents_meeting,
                                                      community):
    login(residents_meeting.test_members[1])
    html = client.get(f"/c/{community.slug}", headers=EN).get_data(as_text=True)
    assert "sit on no council" not in html


@pytest.mark.parametrize("language, told", [
    ("en-US,en;q=0.9", "A community worker confirmed your account."),
    ("zh-CN,zh;q=0.9", "社区工作者已确认您的账号"),
])
def test_a_resident_is_told_in_the_language_they_registered_in(client, csrf, worker,
                                                               community, residents_meeting,
                                                               broadcasts, language, told):
    page = "/register"
    client.post(page, headers={"Accept-Language": language}, data={
        "csrf_token": csrf(page), "community": community.id, "username": "newcomer",
        "display_name": "新居民", "password": "a long new password",
        "confirm": "a long new password"})
    from govhub.auth.queries import user_by_username

    resident = user_by_username("newcomer")
    services.confirm_resident(worker, resident, residents_meeting)
    db.session.commit()
    [payload] = [b[2] for b in broadcasts if b[1] == "notification"]
    assert payload["text"].startswith(told)
