"""Council pages: the list, a council's page, founding and editing it, its members and history."""

import re
from decimal import Decimal

import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.councils.models import Council, CouncilMembership, MemberRole
from govhub.extensions import db

EN = {"Accept-Language": "en"}

FOUNDING = {"name": "3号楼议事会", "name_en": "Building 3 council", "kind": "building_council",
            "description": "Decides on the **lift**.", "rule_set": "two_thirds", "max_proxies": "2"}


def _councils(community) -> list[Council]:
    return list(db.session.scalars(sa.select(Council).where(
        Council.community_id == community.id)))


def _membership(council, user) -> CouncilMembership | None:
    db.session.expire_all()
    return db.session.scalar(sa.select(CouncilMembership).where(
        CouncilMembership.council_id == council.id, CouncilMembership.user_id == user.id))


# --- lists and the council's page -------------------------------------------------------

def test_the_community_page_lists_its_councils(client, community, make_council):
    council = make_council()
    page = client.get(f"/c/{community.slug}", headers=EN).get_data(as_text=True)
    assert f'href="/councils/{council.id}"' in page


def test_the_councils_page_lists_each_council_with_its_kind(client, community, make_council):
    council = make_council(kind="building_council")
    page = client.get(f"/c/{community.slug}/councils", headers=EN).get_data(as_text=True)
    assert "Residents&#39; council" in page and "Building council" in page
    assert f'href="/councils/{council.id}"' in page


def test_the_councils_page_of_an_unknown_community_is_404(client):
    assert client.get("/c/nowhere/councils").status_code == 404


def test_the_council_page_explains_its_rule_set_with_formulas(client, make_council):
    council = make_council(rule_set="two_thirds")
    page = client.get(f"/councils/{council.id}", headers=EN).get_data(as_text=True)
    assert "Two-thirds of votes cast" in page
    assert "present &gt; 1/2 × entitled" in page and "yes ≥ 2/3 × (yes + no)" in page


def test_the_description_is_rendered_from_markdown(client, make_council):
    council = make_council()
    council.description = "Decides on the **lift**. <script>alert(1)</script>"
    db.session.commit()
    page = client.get(f"/councils/{council.id}").get_data(as_text=True)
    assert "<strong>lift</strong>" in page and "<script>alert(1)" not in page


def test_residents_see_the_members_with_role_and_weight(client, login, make_council, make_user):
    council = make_council()
    chair = council.test_members[0]
    db.session.scalar(sa.select(CouncilMembership).where(
        CouncilMembership.user_id == council.test_members[1].id)).vote_weight = Decimal("0.5")
    db.session.commit()
    login(make_user())
    page = client.get(f"/councils/{council.id}", headers=EN).get_data(as_text=True)
    assert f"<td>{chair.display_name}</td><td>Chair</td>" in page
    assert '<td class="num">0.5</td>' in page


def test_anonymous_visitors_do_not_see_who_sits_on_a_council(client, make_council):
    council = make_council()
    page = client.get(f"/councils/{council.id}", headers=EN).get_data(as_text=True)
    assert council.test_members[1].display_name not in page
    assert "Sign in to see it." in page


def test_an_unknown_council_is_404(client):
    assert client.get("/councils/999999").status_code == 404


def test_the_council_page_groups_meetings_by_stage(client, make_council, make_meeting):
    council = make_council()
    make_meeting("in_session", council=council, title="Parking now")
    make_meeting("scheduled", council=council, title="Waste sorting soon")
    make_meeting("adjourned", council=council, title="Canteen last month")
    page = client.get(f"/councils/{council.id}", headers=EN).get_data(as_text=True)
    in_session, upcoming, past = (page.index(h) for h in (
        "In session now", "Upcoming meetings", "Past meetings"))
    assert in_session < page.index("Parking now") < upcoming
    assert upcoming < page.index("Waste sorting soon") < past < page.index("Canteen last month")


def test_members_do_not_see_drafts_on_the_council_page(client, login, make_council, make_meeting):
    council = make_council()
    make_meeting("draft", council=council, title="Not ready yet")
    login(council.test_members[1])
    assert "Not ready yet" not in client.get(f"/councils/{council.id}").get_data(as_text=True)


def test_organisers_see_drafts_on_the_council_page(client, login, make_council, make_meeting):
    council = make_council()
    make_meeting("draft", council=council, title="Not ready yet")
    login(council.test_members[0])  # the chair organises meetings
    assert "Not ready yet" in client.get(f"/councils/{council.id}").get_data(as_text=True)


def test_private_meetings_are_not_listed_for_anonymous_visitors(client, make_council,
                                                                make_meeting):
    council = make_council()
    make_meeting("scheduled", council=council, title="Members only", is_public=False)
    assert "Members only" not in client.get(f"/councils/{council.id}").get_data(as_text=True)


# --- founding and editing -------------------------------------------------------------

def test_a_worker_founds_a_council(client, login, post_form, community, make_user):
    login(make_user("worker"))
    response = post_form(f"/c/{community.slug}/councils/new", FOUNDING)
    (council,) = _councils(community)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/councils/{council.id}/members"
    assert (council.rule_set, council.max_proxies_per_holder) == ("two_thirds", 2)


def test_founding_a_council_is_audited(client, login, post_form, community, make_user):
    worker = make_user("worker")
    login(worker)
    post_form(f"/c/{community.slug}/councils/new", FOUNDING)
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "council.created"))
    assert event.actor_id == worker.id


def test_a_resident_cannot_found_a_council(client, login, post_form, community, make_user):
    login(make_user())
    assert client.get(f"/c/{community.slug}/councils/new").status_code == 403
    response = post_form(f"/c/{community.slug}/councils/new", FOUNDING, page="/")
    assert response.status_code == 403
    assert _councils(community) == []


def test_a_worker_of_another_community_cannot_found_a_council(client, login, post_form,
                                                              community, make_user,
                                                              make_community):
    login(make_user("worker", community=make_community()))
    response = post_form(f"/c/{community.slug}/councils/new", FOUNDING, page="/")
    assert response.status_code == 403
    assert _councils(community) == []


def test_founding_without_a_name_shows_the_form_again(client, login, post_form, community,
                                                      make_user):
    login(make_user("worker"))
    response = post_form(f"/c/{community.slug}/councils/new", {**FOUNDING, "name": ""},
                         headers=EN)
    assert response.status_code == 200
    assert "This field is required." in response.get_data(as_text=True)
    assert _councils(community) == []


def test_an_unknown_rule_set_is_refused(client, login, post_form, community, make_user):
    login(make_user("worker"))
    response = post_form(f"/c/{community.slug}/councils/new", {**FOUNDING, "rule_set": "coin"},
                         headers=EN)
    assert response.status_code == 200
    assert "Not a valid choice." in response.get_data(as_text=True)
    assert _councils(community) == []


def test_the_rule_set_choice_is_labelled_in_words(client, login, community, make_user):
    login(make_user("worker"))
    page = client.get(f"/c/{community.slug}/councils/new", headers=EN).get_data(as_text=True)
    assert re.search(r'<option[^>]* value="organic_law">Residents(\'|&#39;) meeting rule of '
                     r'the Organic Law</option>', page)


def test_a_worker_changes_the_rule_set(client, login, post_form, make_council, make_user):
    council = make_council()
    login(make_user("worker"))
    response = post_form(f"/councils/{council.id}/edit",
                         {**FOUNDING, "rule_set": "majority_of_members", "max_proxies": "0"})
    assert response.status_code == 302
    db.session.expire_all()
    assert (council.rule_set, council.max_proxies_per_holder) == ("majority_of_members", 0)


def test_too_many_proxies_are_refused_on_the_form(client, login, post_form, make_council,
                                                  make_user):
    council = make_council()
    login(make_user("worker"))
    response = post_form(f"/councils/{council.id}/edit", {**FOUNDING, "max_proxies": "11"},
                         headers=EN)
    assert response.status_code == 200
    assert "Number must be between 0 and 10." in response.get_data(as_text=True)
    db.session.expire_all()
    assert council.max_proxies_per_holder == 1


def test_the_chair_cannot_edit_the_council(client, login, make_council):
    council = make_council()
    login(council.test_members[0])
    assert client.get(f"/councils/{council.id}/edit").status_code == 403


# --- members ------------------------------------------------------------------------

def test_a_worker_seats_a_resident_chosen_from_the_list(client, login, post_form, make_council,
                                                        make_user):
    council = make_council()
    resident = make_user(display_name="王秀英")
    login(make_user("worker"))
    page = client.get(f"/councils/{council.id}/members").get_data(as_text=True)
    assert f'<option value="{resident.id}">王秀英' in page
    response = post_form(f"/councils/{council.id}/members",
                         {"user_id": resident.id, "role": "secretary", "vote_weight": "1"})
    assert response.status_code == 302
    seat = _membership(council, resident)
    assert seat.active and seat.role == MemberRole.SECRETARY


def test_a_worker_seats_a_resident_by_username(client, login, post_form, make_council,
                                               make_user):
    council = make_council()
    resident = make_user(username="liming")
    login(make_user("worker"))
    post_form(f"/councils/{council.id}/members",
              {"user_id": "0", "username": "@LiMing", "role": "member", "vote_weight": "0.5"})
    assert _membership(council, resident).vote_weight == Decimal("0.5")


def test_the_member_search_narrows_the_list(client, login, make_council, make_user):
    council = make_council()
    make_user(display_name="王秀英")
    make_user(display_name="李明")
    login(make_user("worker"))
    page = client.get(f"/councils/{council.id}/members?q=秀").get_data(as_text=True)
    assert "王秀英" in page and "李明" not in page


def test_an_unknown_username_is_an_error_on_the_form(client, login, post_form, make_council,
                                                     make_user):
    council = make_council()
    login(make_user("worker"))
    response = post_form(f"/councils/{council.id}/members",
                         {"username": "nobody", "role": "member", "vote_weight": "1"}, headers=EN)
    assert response.status_code == 200
    assert "There is no account with that username." in response.get_data(as_text=True)


def test_seating_someone_of_another_community_is_refused(client, login, post_form, make_council,
                                                         make_user, make_community):
    council = make_council()
    stranger = make_user(community=make_community())
    login(make_user("worker"))
    response = post_form(f"/councils/{council.id}/members",
                         {"user_id": stranger.id, "role": "member", "vote_weight": "1"},
                         headers=EN)
    assert response.status_code == 200
    assert "Only people of this community can sit on its council." in \
        response.get_data(as_text=True)
    assert _membership(council, stranger) is None


def test_a_bad_vote_weight_shows_the_form_again(client, login, post_form, make_council,
                                                make_user):
    council = make_council()
    resident = make_user()
    login(make_user("worker"))
    response = post_form(f"/councils/{council.id}/members",
                         {"user_id": resident.id, "role": "member", "vote_weight": "-1"},
                         headers=EN)
    assert response.status_code == 200
    assert "A vote weight is a number from 0 to 1000" in response.get_data(as_text=True)
    assert _membership(council, resident) is None


def test_a_worker_changes_a_members_role_and_weight(client, login, post_form, make_council,
                                                    make_user):
    council = make_council()
    member = council.test_members[1]
    seat = _membership(council, member)
    login(make_user("worker"))
    response = post_form(f"/councils/{council.id}/members/{seat.id}",
                         {f"m{seat.id}-role": "observer", f"m{seat.id}-vote_weight": "2"},
                         page=f"/councils/{council.id}/members")
    assert response.status_code == 302
    seat = _membership(council, member)
    assert (seat.role, seat.vote_weight) == (MemberRole.OBSERVER, Decimal(2))


def test_a_bad_weight_on_a_members_row_is_shown_on_that_row(client, login, post_form,
                                                            make_council, make_user):
    council = make_council()
    seat = _membership(council, council.test_members[1])
    login(make_user("worker"))
    response = post_form(f"/councils/{council.id}/members/{seat.id}",
                         {f"m{seat.id}-role": "member", f"m{seat.id}-vote_weight": "lots"},
                         page=f"/councils/{council.id}/members", headers=EN)
    assert response.status_code == 200
    assert f'id="m{seat.id}-vote_weight-error"' in response.get_data(as_text=True)
    assert _membership(council, council.test_members[1]).vote_weight == Decimal(1)


def test_a_worker_unseats_a_member_who_stays_on_record(client, login, post_form, make_council,
                                                       make_user):
    council = make_council()
    member = council.test_members[2]
    seat = _membership(council, member)
    login(make_user("worker"))
    response = post_form(f"/councils/{council.id}/members/{seat.id}/unseat",
                         page=f"/councils/{council.id}/members", headers=EN,
                         follow_redirects=True)
    assert not _membership(council, member).active
    assert "Former members" in response.get_data(as_text=True)


def test_a_member_of_another_council_is_404(client, login, post_form, make_council, make_user):
    council, other = make_council(), make_council()
    seat = _membership(other, other.test_members[1])
    login(make_user("worker"))
    response = post_form(f"/councils/{council.id}/members/{seat.id}/unseat",
                         page=f"/councils/{council.id}/members")
    assert response.status_code == 404
    assert _membership(other, other.test_members[1]).active


def test_a_resident_cannot_manage_members(client, login, post_form, make_council, make_user):
    council = make_council()
    seat = _membership(council, council.test_members[1])
    login(council.test_members[0])  # even the chair: seats are the community office's
    assert client.get(f"/councils/{council.id}/members").status_code == 403
    response = post_form(f"/councils/{council.id}/members/{seat.id}/unseat", page="/")
    assert response.status_code == 403
    assert _membership(council, council.test_members[1]).active


# --- history --------------------------------------------------------------------------

def test_the_history_tells_what_happened_in_sentences(client, login, post_form, community,
                                                      make_user):
    worker = make_user("worker", display_name="张社工")
    resident = make_user(display_name="王秀英")
    login(worker)
    post_form(f"/c/{community.slug}/councils/new", FOUNDING)
    (council,) = _councils(community)
    post_form(f"/councils/{council.id}/members",
              {"user_id": resident.id, "role": "chair", "vote_weight": "1.5"})
    post_form(f"/councils/{council.id}/edit", {**FOUNDING, "rule_set": "simple_majority"})
    page = client.get(f"/councils/{council.id}/history", headers=EN).get_data(as_text=True)
    assert "张社工 founded the council with the rule set Two-thirds of votes cast." in page
    assert "张社工 seated 王秀英 as Chair with a vote weight of 1.5." in page
    assert ("张社工 changed the rule set from Two-thirds of votes cast to Simple majority of "
            "votes cast.") in page


def test_residents_cannot_read_the_history(client, login, make_council, make_user):
    council = make_council()
    login(make_user())
    assert client.get(f"/councils/{council.id}/history").status_code == 403
