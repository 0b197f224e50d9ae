"""Asking to join a council: a confirmed resident asks, a worker approves or declines, both
hear of it."""

import pytest
import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.core.errors import DomainError
from govhub.councils import joining
from govhub.councils.models import JoinRequest, JoinStatus
from govhub.councils.queries import active_membership, pending_join_request
from govhub.extensions import db
from govhub.notifications.models import Notification

EN = {"Accept-Language": "en"}


@pytest.fixture
def worker(make_user):
    return make_user("worker")


@pytest.fixture
def building(make_council):
    return make_council(members=2, kind="building_council")


def _kinds(user) -> list[str]:
    return list(db.session.scalars(sa.select(Notification.kind).where(
        Notification.user_id == user.id).order_by(Notification.id)))


def _audited(action: str) -> AuditEvent | None:
    return db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == action))


# --- the service ---------------------------------------------------------------------------

def test_a_resident_asks_and_the_community_s_workers_hear(worker, make_user, building,
                                                          broadcasts):
    resident = make_user()
    asked = joining.request_to_join(resident, building, "  3单元 201室  ")
    db.session.commit()
    assert asked.status == JoinStatus.PENDING and asked.message == "3单元 201室"
    assert _kinds(worker) == ["councils.join_requested"]
    assert any(room == f"user:{worker.id}" and event == "notification"
               for room, event, _payload in broadcasts)
    assert _audited("council.join_requested").actor_id == resident.id


def test_several_requests_merge_into_one_notification_for_the_worker(worker, make_user,
                                                                     building, app):
    from flask_babel import force_locale

    from govhub.notifications.services import text_of

    for _ in range(3):
        joining.request_to_join(make_user(), building)
    db.session.commit()
    [notification] = db.session.scalars(sa.select(Notification).where(
        Notification.user_id == worker.id))
    assert notification.data["count"] == 3
    with app.test_request_context(), force_locale("en"):
        assert text_of(notification) == "3 residents ask to join Residents' council."
    with app.test_request_context(), force_locale("zh_CN"):
        assert text_of(notification) == "3 位居民申请加入居民议事会。"


def test_asking_twice_is_refused(make_user, building):
    resident = make_user()
    joining.request_to_join(resident, building)
    with pytest.raises(DomainError) as refused:
        joining.request_to_join(resident, building)
    assert refused.value.code == "already_requested" and refused.value.status == 409


def test_the_database_keeps_one_pending_request_per_resident(make_user, building):
    resident = make_user()
    db.session.add_all([JoinRequest(council_id=building.id, user_id=resident.id),
                        JoinRequest(council_id=building.id, user_id=resident.id)])
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()


@pytest.mark.parametrize("who", ["unconfirmed", "member", "worker", "partner", "stranger"])
def test_only_a_confirmed_resident_without_a_seat_may_ask(make_user, make_community, building,
                                                          who):
    people = {
        "unconfirmed": lambda: make_user(confirmed=False),
        "member": lambda: building.test_members[1],
        "worker": lambda: make_user("worker"),
        "partner": lambda: make_user("partner"),
        "stranger": lambda: make_user(community=make_community()),
    }
    with pytest.raises(DomainError) as refused:
        joining.request_to_join(people[who](), building)
    assert refused.value.status == 403


def test_approving_seats_them_with_weight_one_and_tells_them(worker, make_user, building):
    resident = make_user()
    asked = joining.request_to_join(resident, building)
    membership = joining.approve_join_request(worker, asked)
    db.session.commit()
    assert active_membership(building.id, resident.id) is membership
    assert membership.role == "member" and membership.vote_weight == 1
    assert asked.status == JoinStatus.APPROVED and asked.decided_by_id == worker.id
    assert _kinds(resident) == ["councils.join_approved"]
    assert _audited("council.member_seated") and _audited("council.join_approved")


def test_the_worker_may_give_another_weight(worker, make_user, building):
    asked = joining.request_to_join(make_user(), building)
    assert joining.approve_join_request(worker, asked, "0.5").vote_weight == 0.5


def test_declining_needs_a_reason_and_the_resident_reads_it(worker, make_user, building, app):
    from govhub.notifications.services import text_of

    resident = make_user()
    asked = joining.request_to_join(resident, building)
    with pytest.raises(DomainError) as refused:
        joining.decline_join_request(worker, asked, "   ")
    assert refused.value.field == "reason"
    joining.decline_join_request(worker, asked, "您不住在1号楼")
    db.session.commit()
    assert asked.status == JoinStatus.DECLINED
    [notification] = db.session.scalars(sa.select(Notification).where(
        Notification.user_id == resident.id))
    with app.test_request_context(headers=EN):
        assert text_of(notification) == (
            "Your request to join Residents' council was declined: 您不住在1号楼")
    assert active_membership(building.id, resident.id) is None
    assert joining.request_to_join(resident, building).status == JoinStatus.PENDING  # again


def test_a_request_is_answered_once(worker, make_user, building):
    asked = joining.request_to_join(make_user(), building)
    joining.approve_join_request(worker, asked)
    with pytest.raises(DomainError) as refused:
        joining.decline_join_request(worker, asked, "late")
    assert refused.value.code == "already_decided" and refused.value.status == 409


def test_a_resident_cannot_answer_requests(make_user, building):
    asked = joining.request_to_join(make_user(), building)
    with pytest.raises(DomainError) as refused:
        joining.approve_join_request(building.test_members[0], asked)
    assert refused.value.status == 403


def test_a_request_of_someone_seated_meanwhile_is_closed_without_a_second_seat(
        worker, make_user, building):
    from govhub.councils.services import seat_member

    resident = make_user()
    asked = joining.request_to_join(resident, building)
    seat = seat_member(worker, building, resident, "member", "1")
    assert joining.approve_join_request(worker, asked) is seat
    assert asked.status == JoinStatus.APPROVED


def test_a_resident_withdraws_their_own_request_only(make_user, building):
    resident = make_user()
    asked = joining.request_to_join(resident, building)
    with pytest.raises(DomainError) as refused:
        joining.withdraw_join_request(make_user(), asked)
    assert refused.value.status == 404
    joining.withdraw_join_request(resident, asked)
    assert asked.status == JoinStatus.WITHDRAWN
    assert pending_join_request(building.id, resident.id) is None


# --- the pages -----------------------------------------------------------------------------

def test_the_council_page_offers_a_confirmed_resident_to_ask(client, login, make_user,
                                                             building):
    login(make_user())
    html = client.get(f"/councils/{building.id}", headers=EN).get_data(as_text=True)
    assert f'action="/councils/{building.id}/join"' in html
    assert "Ask to join this council" in html


def test_the_council_page_tells_an_unconfirmed_resident_to_wait(client, login, make_user,
                                                                building):
    login(make_user(confirmed=False))
    html = client.get(f"/councils/{building.id}", headers=EN).get_data(as_text=True)
    assert "waits for a community worker's confirmation" in html
    assert f'action="/councils/{building.id}/join"' not in html


def test_asking_by_form_and_answering_from_the_members_page(client, login, post_form, worker,
                                                            make_user, building):
    resident = make_user(display_name="钱多多")
    login(resident)
    post_form(f"/councils/{building.id}/join", {"message": "1单元 302"},
              page=f"/councils/{building.id}")
    html = client.get(f"/councils/{building.id}", headers=EN).get_data(as_text=True)
    assert "You asked to join this council" in html
    asked = pending_join_request(building.id, resident.id)

    client.post("/logout", data={"csrf_token": ""})
    client.delete_cookie("session")
    login(worker)
    members = client.get(f"/councils/{building.id}/members", headers=EN).get_data(as_text=True)
    assert "钱多多" in members and "1单元 302" in members
    assert f"/join-requests/{asked.id}/approve" in members
    response = post_form(f"/councils/{building.id}/join-requests/{asked.id}/approve",
                         {f"a{asked.id}-vote_weight": "1"},
                         page=f"/councils/{building.id}/members")
    assert response.status_code == 302
    assert active_membership(building.id, resident.id) is not None


def test_declining_without_a_reason_by_form_is_explained(client, login, post_form, worker,
                                                         make_user, building):
    asked = joining.request_to_join(make_user(), building)
    db.session.commit()
    login(worker)
    response = post_form(f"/councils/{building.id}/join-requests/{asked.id}/decline",
                         {f"d{asked.id}-reason": ""}, page=f"/councils/{building.id}/members",
                         headers=EN, follow_redirects=True)
    assert "Say why the request is declined" in response.get_data(as_text=True)
    db.session.expire_all()
    assert asked.status == JoinStatus.PENDING


def test_a_resident_cannot_answer_by_form(client, login, post_form, make_user, building):
    asked = joining.request_to_join(make_user(), building)
    db.session.commit()
    login(make_user())
    response = post_form(f"/councils/{building.id}/join-requests/{asked.id}/approve",
                         {f"a{asked.id}-vote_weight": "1"}, page=f"/councils/{building.id}")
    assert response.status_code == 403


def test_a_request_of_another_council_is_not_found(client, login, post_form, worker,
                                                   make_user, make_council, building):
    other = make_council(members=0)
    asked = joining.request_to_join(make_user(), building)
    db.session.commit()
    login(worker)
    response = post_form(f"/councils/{other.id}/join-requests/{asked.id}/approve",
                         page=f"/councils/{building.id}/members")
    assert response.status_code == 404


def test_the_council_page_tells_staff_how_many_wait(client, login, worker, make_user,
                                                    building):
    for _ in range(2):
        joining.request_to_join(make_user(), building)
    db.session.commit()
    login(worker)
    html = client.get(f"/councils/{building.id}", headers=EN).get_data(as_text=True)
    assert "2 residents ask to join this council." in html


def test_a_member_reads_their_seat_on_the_council_page(client, login, building):
    login(building.test_members[1])
    html = client.get(f"/councils/{building.id}", headers=EN).get_data(as_text=True)
    assert "You sit on this council (Member, vote weight 1)" in html


def test_a_person_seated_from_the_members_page_is_told(worker, make_user, building,
                                                       broadcasts):
    from govhub.councils.services import seat_member

    resident = make_user()
    seat_member(worker, building, resident, "member", "1")
    db.session.commit()
    assert _kinds(resident) == ["councils.seated"]
    [payload] = [p for room, event, p in broadcasts
                 if room == f"user:{resident.id}" and event == "notification"]
    assert payload["text"] == "您已成为居民议事会成员，可以在其会议上签到和表决。"
    assert payload["link"] == f"/councils/{building.id}"
