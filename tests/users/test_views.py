"""Staff managing accounts: workers confirm residents, admins create users and set roles."""

import pytest
import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.auth.models import User
from govhub.extensions import db


def _reloaded(user):
    db.session.expire(user)
    return user


def test_a_worker_sees_pending_residents_of_their_community(client, login, make_user):
    worker = make_user("worker")
    pending = make_user(confirmed=False, display_name="赵敏")
    login(worker)
    page = client.get("/users/?pending=1").get_data(as_text=True)
    assert "赵敏" in page
    assert f"/users/{pending.id}/confirm" in page


def test_a_worker_confirms_a_resident_and_it_is_audited(client, login, post_form, make_user):
    worker = make_user("worker")
    pending = make_user(confirmed=False)
    login(worker)
    response = post_form(f"/users/{pending.id}/confirm", page="/users/?pending=1")
    assert response.status_code == 302
    assert _reloaded(pending).is_confirmed
    assert _reloaded(pending).confirmed_by_id == worker.id
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "user.confirmed"))
    assert event.actor_id == worker.id and event.target_id == pending.id


def test_a_worker_cannot_confirm_residents_of_another_community(client, login, post_form,
                                                                make_user, make_community):
    login(make_user("worker"))
    stranger = make_user(confirmed=False, community=make_community())
    response = post_form(f"/users/{stranger.id}/confirm", page="/users/")
    assert response.status_code == 403
    assert not _reloaded(stranger).is_confirmed


def test_a_resident_cannot_see_the_accounts_list(client, login, make_user):
    login(make_user())
    assert client.get("/users/").status_code == 403


def test_confirming_an_unknown_user_is_404(client, login, post_form, make_user):
    login(make_user("worker"))
    assert post_form("/users/999999/confirm", page="/users/").status_code == 404


def test_an_admin_creates_a_confirmed_user(client, login, post_form, make_user, community):
    login(make_user("admin"))
    response = post_form("/users/new", {
        "username": "newworker", "display_name": "新社工", "password": "a long password",
        "role": "worker", "community": community.id,
    })
    assert response.status_code == 302
    created = db.session.scalar(sa.select(User).where(User.username == "newworker"))
    assert created.role == "worker" and created.is_confirmed
    assert created.community_id == community.id


def test_creating_a_non_admin_without_a_community_is_refused(client, login, post_form, make_user):
    login(make_user("admin"))
    response = post_form("/users/new", {
        "username": "floating", "display_name": "Floating", "password": "a long password",
        "role": "resident", "community": 0,
    })
    assert response.status_code == 200
    assert "Choose the community" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(User).where(User.username == "floating")) is None


@pytest.mark.parametrize("role", ["officer", "reviewer"])
def test_an_admin_creates_an_officer_or_reviewer_without_a_community(client, login, post_form,
                                                                     make_user, role):
    login(make_user("admin"))
    response = post_form("/users/new", {
        "username": f"new{role}", "display_name": "区民政局联络员",
        "password": "a long password", "role": role, "community": 0,
    })
    assert response.status_code == 302
    created = db.session.scalar(sa.select(User).where(User.username == f"new{role}"))
    assert created.role == role and created.community_id is None


def test_a_worker_cannot_create_users(client, login, make_user):
    login(make_user("worker"))
    assert client.get("/users/new").status_code == 403


def test_an_admin_sets_a_role(client, login, post_form, make_user):
    login(make_user("admin"))
    resident = make_user()
    response = post_form(f"/users/{resident.id}/role", {"role": "worker"}, page="/users/")
    assert response.status_code == 302
    assert _reloaded(resident).role == "worker"


def test_an_unknown_role_is_refused_with_a_message(client, login, post_form, make_user):
    login(make_user("admin"))
    resident = make_user()
    response = post_form(f"/users/{resident.id}/role", {"role": "emperor"}, page="/users/",
                         follow_redirects=True)
    assert "That role does not exist" in response.get_data(as_text=True)
    assert _reloaded(resident).role == "resident"


def test_an_admin_creates_a_community(client, login, post_form, make_user):
    from govhub.communities.models import Community

    login(make_user("admin"))
    response = post_form("/admin/communities", {
        "slug": "heping", "name": "和平社区", "name_en": "Heping Community",
        "description": "", "timezone": "Asia/Shanghai", "locale": "zh_CN",
    })
    assert response.status_code == 302
    created = db.session.scalar(sa.select(Community).where(Community.slug == "heping"))
    assert created.name == "和平社区"
    assert client.get("/c/heping").status_code == 200


def test_a_taken_community_slug_is_refused(client, login, post_form, make_user, community):
    login(make_user("admin"))
    response = post_form("/admin/communities", {
        "slug": community.slug, "name": "Again", "timezone": "Asia/Shanghai", "locale": "zh_CN",
    })
    assert response.status_code == 200
    assert "That short name is taken" in response.get_data(as_text=True)
