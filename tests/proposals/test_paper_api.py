"""Paper supports and endorsements over the API: the office posts a sheet (multipart), an
organization's owner endorses, anyone reads the endorsements."""

import io
import json

import pytest

from govhub.extensions import db
from tests.helpers.api import api_error, api_ok
from tests.proposals.paper_fixtures import SHEET, make_organization, sheet_rows, stored_sheets


def _post_sheet(client, headers, proposal, lines, data=SHEET, name="sheet.png"):
    return client.post(f"/api/v1/proposals/{proposal.id}/paper-supports", headers=headers,
                       content_type="multipart/form-data",
                       data={"lines": json.dumps(lines, ensure_ascii=False),
                             "sheet": (io.BytesIO(data), name)})


def test_the_office_posts_a_sheet(client, auth, make_proposal, residents, worker):
    author, neighbour = residents(2)
    proposal = make_proposal(author, threshold=4)
    body = api_ok(_post_sheet(client, auth(worker), proposal, [
        {"name": "王丽", "building_unit": "3-201"},
        {"name": "王丽", "building_unit": "3-201"},
        {"name": "邻居", "building_unit": "1-101", "username": neighbour.username},
        {"name": "张伟", "building_unit": "5-101"}]), 201)
    assert body["counted"] == 3 and body["duplicates"] == [{"line": 2, "name": "王丽"}]
    assert body["reached"] is True and body["support_count"] == 4
    assert body["state"] in ("queued", "waiting")


@pytest.mark.parametrize("lines, status, code", [
    ([], 400, "no_lines"),
    ([{"name": " ", "building_unit": "3-201"}], 400, "line_without_name"),
    ([{"building_unit": "3-201"}], 400, "line_without_name"),
    ("not json", 400, "lines_not_json"),
    ({"name": "王丽"}, 400, "lines_not_json"),
])
def test_bad_lines_store_nothing(app, client, auth, make_proposal, residents, worker, lines,
                                 status, code):
    [author] = residents(1)
    proposal = make_proposal(author, threshold=10)
    before = stored_sheets(app)
    response = client.post(f"/api/v1/proposals/{proposal.id}/paper-supports",
                           headers=auth(worker), content_type="multipart/form-data",
                           data={"lines": lines if isinstance(lines, str)
                                 else json.dumps(lines), "sheet": (io.BytesIO(SHEET), "s.png")})
    error = api_error(response, status)
    if code:
        assert error["code"] == code
    assert sheet_rows() == 0 and stored_sheets(app) == before


def test_a_bad_file_is_415(app, client, auth, make_proposal, residents, worker):
    [author] = residents(1)
    proposal = make_proposal(author, threshold=10)
    before = stored_sheets(app)
    response = _post_sheet(client, auth(worker), proposal, [{"name": "王丽"}],
                           data=b"MZ\x90 executable", name="sheet.png")
    assert api_error(response, 415)["code"] == "file_type_not_allowed"
    db.session.refresh(proposal)
    assert proposal.support_count == 1 and stored_sheets(app) == before


@pytest.mark.parametrize("role", ["resident", "partner"])
def test_only_the_office_posts_sheets(client, auth, make_proposal, residents, make_user, role):
    [author] = residents(1)
    proposal = make_proposal(author, threshold=10)
    response = _post_sheet(client, auth(make_user(role)), proposal, [{"name": "王丽"}])
    api_error(response, 403)
    assert api_error(_post_sheet(client, {}, proposal, [{"name": "王丽"}]), 401)
    assert sheet_rows() == 0


def test_endorsements_over_the_api(client, auth, make_proposal, residents, make_user, worker):
    author, resident = residents(2)
    proposal = make_proposal(author)
    organization, owner = make_organization(make_user, worker)
    path = f"/api/v1/proposals/{proposal.id}/endorsements"
    assert api_ok(client.get(path))["endorsements"] == []
    api_error(client.put(f"{path}/{organization.id}", headers=auth(resident)), 403)
    api_error(client.put(f"{path}/{organization.id}"), 401)
    body = api_ok(client.put(f"{path}/{organization.id}", headers=auth(owner)))
    assert [e["organization"] for e in body["endorsements"]] == ["幸福里志愿者协会"]
    assert body["support_count"] == 1
    assert api_error(client.put(f"{path}/{organization.id}", headers=auth(owner)),
                     409)["code"] == "already_endorsed"
    assert [e["organization_id"] for e in api_ok(client.get(path))["endorsements"]] == [
        organization.id]
    api_error(client.delete(f"{path}/{organization.id}", headers=auth(worker)), 403)
    assert api_ok(client.delete(f"{path}/{organization.id}",
                                headers=auth(owner)))["endorsements"] == []
    api_error(client.put(f"{path}/999999", headers=auth(owner)), 404)
