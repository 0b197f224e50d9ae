"""Organization pages, driven like a browser without JavaScript: register, review, members."""

import sqlalchemy as sa

from govhub.extensions import db
from govhub.partners.organizations import services
from govhub.partners.organizations.models import Organization, OrganizationStatus
from tests.partners.pages import csrf_of, text_of

# --- organizations --------------------------------------------------------------------

def test_a_partner_registers_an_organization_through_the_form(client, login, post_form, owner,
                                                              worker):
    login(owner)
    response = post_form("/organizations/new", {
        "name": "幸福里书画社", "kind": "arts_group", "description": "书法与国画。",
        "contact_phone": "13800000000", "service_area": "幸福里社区"})
    organization = db.session.scalar(sa.select(Organization))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/organizations/{organization.id}")
    page = text_of(client.get(response.headers["Location"]))
    assert "幸福里书画社" in page and "Waiting for verification" in page


def test_a_bad_registration_shows_the_error_by_its_field(client, login, post_form, owner):
    login(owner)
    response = post_form("/organizations/new", {"name": "书画社", "kind": "arts_group",
                                                "contact_email": "nope"},
                         page="/organizations/new")
    assert response.status_code == 200
    assert 'id="contact_email-error"' in text_of(response)
    assert db.session.scalar(sa.select(sa.func.count(Organization.id))) == 0


def test_residents_cannot_open_the_registration_form(client, login, make_user):
    login(make_user())
    assert client.get("/organizations/new").status_code == 403


def test_an_unverified_organization_is_hidden_from_the_public(client, make_organization):
    organization = make_organization("pending")
    assert client.get(f"/organizations/{organization.id}").status_code == 404


def test_a_verified_organization_shows_its_badge(client, organization):
    page = text_of(client.get(f"/organizations/{organization.id}"))
    assert "badge-verified" in page and organization.name in page


def test_staff_verify_from_the_review_list(client, login, post_form, make_organization,
                                           worker):
    organization = make_organization("pending")
    login(worker)
    page = text_of(client.get("/organizations/review"))
    assert organization.name in page
    response = post_form(f"/organizations/{organization.id}/review",
                         {"status": "verified", "back": "list"}, page="/organizations/review")
    assert response.headers["Location"].endswith("/organizations/review")
    db.session.refresh(organization)
    assert organization.status == OrganizationStatus.VERIFIED


def test_rejecting_without_a_reason_is_refused_with_a_message(client, login, post_form,
                                                              make_organization, worker):
    organization = make_organization("pending")
    login(worker)
    path = f"/organizations/{organization.id}"
    response = post_form(f"{path}/review", {"status": "rejected", "reason": ""}, page=path)
    page = text_of(client.get(response.headers["Location"]))
    assert "This field is required." in page
    db.session.refresh(organization)
    assert organization.status == OrganizationStatus.PENDING


def test_partners_cannot_review(client, login, post_form, make_organization, owner):
    organization = make_organization("pending")
    login(owner)
    path = f"/organizations/{organization.id}"
    assert post_form(f"{path}/review", {"status": "verified"}, page=path).status_code == 403


def test_an_owner_invites_and_the_invitee_accepts(client, login, post_form, organization,
                                                  owner, make_user):
    invitee = make_user("partner", username="colleague")
    login(owner)
    path = f"/organizations/{organization.id}/members"
    response = post_form(path, {"username": "colleague", "role": "editor"})
    assert response.status_code == 302
    assert "Invited, not yet accepted" in text_of(client.get(path))
    client.post("/logout", data={"csrf_token": csrf_of(client, path)})
    login(invitee)
    page = text_of(client.get("/organizations/mine"))
    membership = organization.members[-1]
    assert f"/invitations/{membership.id}/accept" in page
    post_form(f"/invitations/{membership.id}/accept", page="/organizations/mine")
    db.session.refresh(membership)
    assert membership.is_active


def test_inviting_an_unknown_username_says_so(client, login, post_form, organization, owner):
    login(owner)
    response = post_form(f"/organizations/{organization.id}/members", {"username": "ghost"})
    assert response.status_code == 400
    assert "No partner account has this username." in text_of(response)


def test_an_editor_sees_members_but_cannot_invite(client, login, post_form, organization, owner,
                                                  make_user):

    editor = make_user("partner")
    services.accept_invitation(editor, services.invite_member(owner, organization,
                                                              editor.username))
    db.session.commit()
    login(editor)
    path = f"/organizations/{organization.id}/members"
    assert "Invite a colleague" not in text_of(client.get(path))
    assert post_form(path, {"username": "x"}).status_code == 403
