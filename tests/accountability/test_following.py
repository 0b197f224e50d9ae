"""Following a resolution: who may, the button on the pages (without JavaScript), and the
API; following twice or unfollowing twice changes nothing more."""

import pytest
import sqlalchemy as sa

from govhub.accountability import queries, services
from govhub.accountability.models import ResolutionFollower
from govhub.core.errors import Forbidden
from govhub.core.models import utcnow
from govhub.extensions import db
from govhub.meetings.models import Meeting

EN = {"Accept-Language": "en"}


def _meeting(resolution):
    return db.session.get(Meeting, resolution.meeting_id)


def _followers(resolution) -> int:
    return db.session.scalar(sa.select(sa.func.count(ResolutionFollower.id)).where(
        ResolutionFollower.resolution_id == resolution.id))


# --- the service -------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["resident", "partner", "worker", "admin"])
def test_any_active_account_may_follow_a_public_resolution(make_resolution, make_user, role):
    resolution = make_resolution()
    assert services.follow_resolution(make_user(role), resolution, _meeting(resolution))
    db.session.commit()
    assert _followers(resolution) == 1


def test_following_twice_changes_nothing(make_resolution, make_user):
    resolution, resident = make_resolution(), make_user()
    services.follow_resolution(resident, resolution, _meeting(resolution))
    assert services.follow_resolution(resident, resolution, _meeting(resolution)) is False
    db.session.commit()
    assert _followers(resolution) == 1


def test_a_private_meetings_resolution_is_followed_only_by_those_who_may_read_it(
        make_resolution, make_user):
    resolution = make_resolution(is_public=False)
    with pytest.raises(Forbidden):
        services.follow_resolution(make_user(), resolution, _meeting(resolution))
    member = _meeting(resolution).council.test_members[1]
    assert services.follow_resolution(member, resolution, _meeting(resolution))


def test_a_disabled_account_cannot_follow(make_resolution, make_user):
    resolution, resident = make_resolution(), make_user()
    resident.disabled_at = utcnow()
    with pytest.raises(Forbidden):
        services.follow_resolution(resident, resolution, _meeting(resolution))


def test_unfollowing_stops_and_twice_changes_nothing(make_resolution, make_user, follow):
    resolution, resident = make_resolution(), make_user()
    follow(resident, resolution)
    assert services.unfollow_resolution(resident, resolution) is True
    assert services.unfollow_resolution(resident, resolution) is False
    db.session.commit()
    assert _followers(resolution) == 0


# --- the pages ------------------------------------------------------------------------------------

def test_the_resolution_page_shows_its_public_items_and_asks_visitors_to_sign_in(
        client, make_resolution, make_item):
    resolution = make_resolution()
    make_item(resolution=resolution, title="规划公示", is_public=True)
    make_item(resolution=resolution, title="内部协调", is_public=False)
    page = client.get(f"/resolutions/{resolution.id}", headers=EN).get_data(as_text=True)
    assert resolution.text in page and "规划公示" in page and "内部协调" not in page
    assert "Sign in to follow this resolution" in page
    assert 'type="application/atom+xml"' in page


def test_a_private_meetings_resolution_asks_visitors_to_sign_in(client, make_resolution):
    resolution = make_resolution(is_public=False)
    response = client.get(f"/resolutions/{resolution.id}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_an_unknown_resolution_is_not_found(client):
    assert client.get("/resolutions/999999").status_code == 404


def test_a_resident_follows_and_unfollows_with_the_button(client, login, post_form,
                                                          make_resolution, make_user):
    resolution, resident = make_resolution(), make_user()
    login(resident)
    path = f"/resolutions/{resolution.id}"
    page = client.get(path, headers=EN).get_data(as_text=True)
    assert "Follow this resolution" in page
    response = post_form(f"{path}/follow", page=path)
    assert response.status_code == 302 and response.headers["Location"] == path
    assert queries.is_following(resident, resolution.id)
    page = client.get(path, headers=EN).get_data(as_text=True)
    assert "You follow this resolution" in page and "1 person follows it" in page
    post_form(f"{path}/unfollow", page=path)
    assert not queries.is_following(resident, resolution.id)


def test_the_button_goes_back_to_the_page_it_was_pressed_on_but_never_off_site(
        client, login, post_form, make_resolution, make_user):
    resolution = make_resolution()
    login(make_user())
    path = f"/resolutions/{resolution.id}"
    back = post_form(f"{path}/follow", {"next": "/c/somewhere/results"}, page=path)
    assert back.headers["Location"] == "/c/somewhere/results"
    away = post_form(f"{path}/unfollow", {"next": "https://evil.example/"}, page=path)
    assert away.headers["Location"] == path


def test_an_expired_form_follows_nothing(client, login, make_resolution, make_user):
    resolution, resident = make_resolution(), make_user()
    login(resident)
    response = client.post(f"/resolutions/{resolution.id}/follow", data={"csrf_token": "x"})
    assert response.status_code in (302, 400)
    assert not queries.is_following(resident, resolution.id)


def test_a_resident_cannot_follow_a_private_meetings_resolution(client, login, post_form,
                                                                 make_resolution, make_user):
    resolution, resident = make_resolution(is_public=False), make_user()
    login(resident)
    response = post_form(f"/resolutions/{resolution.id}/follow", page="/")
    assert response.status_code == 403
    assert not queries.is_following(resident, resolution.id)


def test_the_public_record_and_the_item_page_carry_the_button(client, login, make_resolution,
                                                              make_item, make_user, follow):
    resolution, resident = make_resolution(), make_user()
    item = make_item(resolution=resolution, is_public=True)
    council_id = _meeting(resolution).council_id
    follow(resident, resolution)
    login(resident)
    for path in (f"/councils/{council_id}/results", f"/actions/{item.id}"):
        page = client.get(path, headers=EN).get_data(as_text=True)
        assert f'action="/resolutions/{resolution.id}/unfollow"' in page, path
        assert "You follow this resolution" in page, path


def test_my_following_lists_what_i_follow(client, login, make_resolution, make_user, follow):
    resolution, resident = make_resolution(text="开设长者食堂"), make_user()
    follow(resident, resolution)
    login(resident)
    page = client.get("/my/following", headers=EN).get_data(as_text=True)
    assert "开设长者食堂" in page and f'/resolutions/{resolution.id}/unfollow' in page


# --- the API ---------------------------------------------------------------------------------

def test_the_api_follows_reads_and_unfollows(client, auth, make_resolution, make_user):
    resolution, resident = make_resolution(), make_user()
    headers = auth(resident)
    url = f"/api/v1/resolutions/{resolution.id}/follow"
    assert client.get(url, headers=headers).get_json() == {
        "resolution_id": resolution.id, "following": False, "followers": 0}
    first = client.put(url, headers=headers)
    assert first.status_code == 200
    assert first.get_json() == {"resolution_id": resolution.id, "following": True,
                                "followers": 1, "changed": True}
    assert client.put(url, headers=headers).get_json()["changed"] is False
    listed = client.get("/api/v1/me/following", headers=headers).get_json()
    assert [entry["resolution_id"] for entry in listed] == [resolution.id]
    gone = client.delete(url, headers=headers).get_json()
    assert gone["following"] is False and gone["changed"] is True


def test_the_api_hides_a_resolution_the_user_may_not_read(client, auth,
                                                          make_resolution, make_user):
    resolution = make_resolution(is_public=False)
    headers = auth(make_user())
    for method in ("get", "put", "delete"):
        response = getattr(client, method)(f"/api/v1/resolutions/{resolution.id}/follow",
                                           headers=headers)
        assert response.status_code == 404, method
        assert response.get_json()["error"]["code"] == "not_found"


def test_the_api_asks_for_a_token(client, make_resolution):
    resolution = make_resolution()
    response = client.put(f"/api/v1/resolutions/{resolution.id}/follow")
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
