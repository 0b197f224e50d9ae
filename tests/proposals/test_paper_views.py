"""Paper supports and endorsements on the pages: the office's sheet page, the sheet's photo
(the office only) and an organization's endorsement from the proposal's page."""

import html
import io

import pytest

from govhub.extensions import db
from govhub.proposals import endorsements, paper
from tests.proposals.paper_fixtures import SHEET, make_organization, stored_sheets


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _post_sheet(post_form, proposal, lines, data=SHEET, name="签名表.png"):
    path = f"/proposals/{proposal.id}/paper-supports"
    return post_form(path, {"lines": lines, "sheet": (io.BytesIO(data), name)},
                     content_type="multipart/form-data")


def test_the_office_records_a_sheet_and_sees_what_counted(
        client, login, post_form, make_proposal, residents, worker):
    author, neighbour = residents(2)
    proposal = make_proposal(author, threshold=10)
    login(worker)
    page = client.get(f"/proposals/{proposal.id}")
    assert "Record paper supports from a signature sheet" in _text(page)
    form = client.get(f"/proposals/{proposal.id}/paper-supports")
    assert form.status_code == 200 and "name, building/unit" in _text(form)
    response = _post_sheet(post_form, proposal,
                           f"王丽, 3-201\n张伟，5-101\n王丽, 3-201\n邻居, 1-101, "
                           f"{neighbour.username}\n")
    text = _text(response)
    assert response.status_code == 200
    assert "3 supports counted." in text and "Line 3: 王丽" in text
    db.session.refresh(proposal)
    assert proposal.support_count == 4
    [sheet] = paper.sheets_of(proposal)
    served = client.get(f"/proposals/{proposal.id}/paper-supports/sheets/{sheet.id}")
    assert served.status_code == 200 and served.data == SHEET
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert "private" in served.headers["Cache-Control"]


def test_a_bad_sheet_or_line_is_shown_at_its_field_and_nothing_stored(
        app, client, login, post_form, make_proposal, residents, worker):
    [author] = residents(1)
    proposal = make_proposal(author, threshold=10)
    login(worker)
    before = stored_sheets(app)
    bad_file = _post_sheet(post_form, proposal, "王丽, 3-201", data=b"MZ\x90 not a photo")
    assert bad_file.status_code == 415 and "is not a photo or PDF" in _text(bad_file)
    no_name = _post_sheet(post_form, proposal, "王丽, 3-201\n , 5-101")
    assert no_name.status_code == 400 and "Line 2 has no name." in _text(no_name)
    db.session.refresh(proposal)
    assert proposal.support_count == 1 and stored_sheets(app) == before


@pytest.mark.parametrize("role", ["resident", "partner", None])
def test_others_cannot_record_nor_see_sheets(client, login, post_form, make_proposal, residents,
                                            worker, make_user, role):
    [author] = residents(1)
    proposal = make_proposal(author, threshold=10)
    login(worker)
    _post_sheet(post_form, proposal, "王丽, 3-201")
    [sheet] = paper.sheets_of(proposal)
    post_form("/logout", page="/")
    if role:
        login(make_user(role))
    page = _text(client.get(f"/proposals/{proposal.id}"))
    assert "Record paper supports" not in page
    expected = (403,) if role else (302, 401)
    assert client.get(f"/proposals/{proposal.id}/paper-supports").status_code in expected
    served = client.get(f"/proposals/{proposal.id}/paper-supports/sheets/{sheet.id}")
    assert served.status_code in expected and served.data != SHEET


def test_an_owner_endorses_from_the_page_and_everyone_sees_it_apart(
        client, login, post_form, make_proposal, residents, make_user, worker):
    [author] = residents(1)
    proposal = make_proposal(author, threshold=10)
    organization, owner = make_organization(make_user, worker)
    login(owner)
    page = _text(client.get(f"/proposals/{proposal.id}"))
    assert "Endorse as 幸福里志愿者协会" in page
    response = post_form(f"/proposals/{proposal.id}/endorsements",
                         {"organization_id": str(organization.id)},
                         page=f"/proposals/{proposal.id}")
    assert response.status_code == 302
    assert len(endorsements.endorsements_of(proposal)) == 1
    page = _text(client.get(f"/proposals/{proposal.id}"))
    assert "Withdraw the endorsement of 幸福里志愿者协会" in page
    post_form("/logout", page="/")
    public = _text(client.get(f"/proposals/{proposal.id}"))
    assert "Endorsed by organizations" in public and "幸福里志愿者协会" in public
    assert "Endorse as" not in public
    login(owner)
    post_form(f"/proposals/{proposal.id}/endorsements/{organization.id}/withdraw",
              page=f"/proposals/{proposal.id}")
    assert endorsements.endorsements_of(proposal) == []


def test_a_resident_cannot_endorse_in_an_organizations_name(
        client, login, post_form, make_proposal, residents, make_user, worker):
    author, resident = residents(2)
    proposal = make_proposal(author)
    organization, _owner = make_organization(make_user, worker)
    login(resident)
    assert "Endorse as" not in _text(client.get(f"/proposals/{proposal.id}"))
    response = post_form(f"/proposals/{proposal.id}/endorsements",
                         {"organization_id": str(organization.id)},
                         page=f"/proposals/{proposal.id}")
    assert response.status_code == 403
    assert endorsements.endorsements_of(proposal) == []
