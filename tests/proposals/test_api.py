"""The proposals' JSON API: writing, publishing, withdrawing, reading and listing proposals,
and a council's settings. Supports and supporters: test_api_supports.py."""

import pytest
import sqlalchemy as sa

from govhub.extensions import db
from govhub.proposals import services
from govhub.proposals.models import Proposal, ProposalSettings
from govhub.proposals.services import BODY_MAX
from tests.helpers.api import api_error, api_ok

BODY = {"title": "小区增设电动车充电桩", "body": "楼下电动车乱拉电线，存在火灾隐患。",
        "category": "safety"}


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


# --- writing ---------------------------------------------------------------------------------

def test_a_resident_publishes_a_proposal_at_once(client, auth, council, residents, worker):
    [author] = residents(1)
    services.save_settings(worker, council, threshold_kind="absolute", threshold_value=3,
                           time_limit_days=90, answer_working_days=15, supports_public=False)
    db.session.commit()
    body = api_ok(client.post(f"/api/v1/councils/{council.id}/proposals", headers=auth(author),
                              json={**BODY, "publish": True}), 201)
    assert body["state"] == "published" and body["title"] == BODY["title"]
    assert (body["support_count"], body["threshold"]) == (1, 3)
    assert body["your_support"] is True and body["may_support"] is False
    assert body["author"] == {"display_name": author.display_name}
    assert body["expires_on"] and body["agenda_item_id"] is None


def test_a_proposal_is_a_draft_unless_published(client, auth, council, residents):
    [author] = residents(1)
    body = api_ok(client.post(f"/api/v1/councils/{council.id}/proposals", headers=auth(author),
                              json=BODY), 201)
    assert body["state"] == "draft" and body["support_count"] == 0
    assert body["threshold"] is None and body["may_edit"] is True


def test_proposing_needs_a_token(client, council):
    response = client.post(f"/api/v1/councils/{council.id}/proposals", json=BODY)
    assert api_error(response, 401)["code"] == "unauthorized"


@pytest.mark.parametrize("role", ["worker", "partner"])
def test_only_residents_propose(client, auth, council, make_user, role):
    response = client.post(f"/api/v1/councils/{council.id}/proposals",
                           headers=auth(make_user(role=role)), json=BODY)
    assert api_error(response, 403)["code"] == "forbidden"
    assert _count(Proposal) == 0


def test_an_unconfirmed_resident_does_not_propose(client, auth, council, make_user):
    response = client.post(f"/api/v1/councils/{council.id}/proposals",
                           headers=auth(make_user(confirmed=False)), json=BODY)
    assert api_error(response, 403)["code"] == "forbidden"


def test_proposing_to_an_unknown_council_is_404(client, auth, residents):
    [author] = residents(1)
    response = client.post("/api/v1/councils/999999/proposals", headers=auth(author), json=BODY)
    assert api_error(response, 404)["code"] == "not_found"


@pytest.mark.parametrize(("change", "field"), [
    ({"title": ""}, "title"),
    ({"body": ""}, "body"),
    ({"body": "长" * (BODY_MAX + 1)}, "body"),
    ({"title": "题" * 201}, "title"),
    ({"title": 5}, "title"),
    ({"category": "weather"}, "category"),
    ({"publish": "yes"}, "publish"),
    ({"publish": 1}, "publish"),
    ({"threshold": 1}, "threshold"),
])
def test_a_bad_body_is_refused_with_its_field(client, auth, council, residents, change, field):
    [author] = residents(1)
    response = client.post(f"/api/v1/councils/{council.id}/proposals", headers=auth(author),
                           json={**BODY, **change})
    error = api_error(response, 422)
    assert error["code"] == "validation_error" and field in error["fields"]
    assert _count(Proposal) == 0


@pytest.mark.parametrize(("field", "code"), [("title", "title_required"),
                                             ("body", "body_required")])
def test_a_title_or_body_of_spaces_is_refused_in_words(client, auth, council, residents, field,
                                                       code):
    [author] = residents(1)
    response = client.post(f"/api/v1/councils/{council.id}/proposals", headers=auth(author),
                           json={**BODY, field: "   "})
    error = api_error(response, 400)
    assert (error["code"], error["field"]) == (code, field)
    assert _count(Proposal) == 0


def test_a_body_that_is_not_json_is_refused(client, auth, council, residents):
    [author] = residents(1)
    headers = auth(author)
    url = f"/api/v1/councils/{council.id}/proposals"
    assert api_error(client.post(url, headers=headers, data="title=x"), 422)["fields"]["body"]
    assert api_error(client.post(url, headers=headers, data="{title",
                                 content_type="application/json"), 400)["code"] == "bad_json"
    assert _count(Proposal) == 0


def test_a_request_too_large_is_refused(client, auth, council, residents):
    [author] = residents(1)
    response = client.post(f"/api/v1/councils/{council.id}/proposals", headers=auth(author),
                           json={**BODY, "body": "长" * 1_000_000})
    assert api_error(response, 413)["code"] == "payload_too_large"
    assert _count(Proposal) == 0


def test_an_author_edits_a_draft_field_by_field(client, auth, make_proposal, residents):
    [author] = residents(1)
    proposal = make_proposal(author, publish=False)
    body = api_ok(client.patch(f"/api/v1/proposals/{proposal.id}", headers=auth(author),
                               json={"title": "楼道加装扶手和照明"}))
    assert body["title"] == "楼道加装扶手和照明" and body["category"] == "facilities"
    assert body["body"] == "老人上下楼不便，建议在各楼道加装扶手。"


def test_nobody_else_edits_a_draft_and_nobody_a_published_one(client, auth, make_proposal,
                                                               residents, worker):
    author, other = residents(2)
    draft = make_proposal(author, publish=False)
    # Another resident cannot even see it; the office sees it but does not write it.
    assert api_error(client.patch(f"/api/v1/proposals/{draft.id}", headers=auth(other),
                                  json={"title": "改"}), 404)["code"] == "not_found"
    assert api_error(client.patch(f"/api/v1/proposals/{draft.id}", headers=auth(worker),
                                  json={"title": "改"}), 403)["code"] == "forbidden"
    published = make_proposal(author)
    assert api_error(client.patch(f"/api/v1/proposals/{published.id}", headers=auth(author),
                                  json={"title": "改"}), 403)["code"] == "forbidden"
    assert db.session.get(Proposal, published.id).title == "楼道加装扶手"


def test_an_edit_with_a_bad_body_changes_nothing(client, auth, make_proposal, residents):
    [author] = residents(1)
    draft = make_proposal(author, publish=False)
    for send, status in [({"json": {"title": ""}}, 422), ({"json": {"body": None}}, 422),
                         ({"json": {"title": "  "}}, 400), ({"data": "x"}, 422)]:
        api_error(client.patch(f"/api/v1/proposals/{draft.id}", headers=auth(author), **send),
                  status)
    db.session.expire_all()
    assert db.session.get(Proposal, draft.id).title == "楼道加装扶手"


def test_an_author_publishes_a_draft_once(client, auth, make_proposal, residents):
    [author] = residents(1)
    draft = make_proposal(author, publish=False, threshold=4)
    body = api_ok(client.post(f"/api/v1/proposals/{draft.id}/publish", headers=auth(author)))
    assert (body["state"], body["threshold"], body["support_count"]) == ("published", 4, 1)
    again = client.post(f"/api/v1/proposals/{draft.id}/publish", headers=auth(author))
    assert api_error(again, 409)["code"] == "transition_not_allowed"


def test_only_the_author_publishes(client, auth, make_proposal, residents, worker):
    [author] = residents(1)
    draft = make_proposal(author, publish=False)
    response = client.post(f"/api/v1/proposals/{draft.id}/publish", headers=auth(worker))
    assert api_error(response, 403)["code"] == "forbidden"
    assert client.post(f"/api/v1/proposals/{draft.id}/publish").status_code == 401


def test_an_author_withdraws_with_a_reason(client, auth, make_proposal, residents):
    [author] = residents(1)
    proposal = make_proposal(author)
    url = f"/api/v1/proposals/{proposal.id}/withdraw"
    assert "reason" in api_error(client.post(url, headers=auth(author), json={}), 422)["fields"]
    assert api_error(client.post(url, headers=auth(author), json={"reason": "  "}),
                     400)["code"] == "reason_required"
    body = api_ok(client.post(url, headers=auth(author), json={"reason": "已由物业解决"}))
    assert (body["state"], body["reason"]) == ("withdrawn", "已由物业解决")
    again = client.post(url, headers=auth(author), json={"reason": "再撤回"})
    assert api_error(again, 409)["code"] == "transition_not_allowed"


def test_nobody_else_withdraws_a_proposal(client, auth, make_proposal, residents):
    author, other = residents(2)
    proposal = make_proposal(author)
    response = client.post(f"/api/v1/proposals/{proposal.id}/withdraw", headers=auth(other),
                           json={"reason": "不同意"})
    assert api_error(response, 403)["code"] == "forbidden"
    assert db.session.get(Proposal, proposal.id).state == "published"


# --- reading -------------------------------------------------------------------------------

def test_anyone_reads_a_published_proposal_without_personal_data(client, make_proposal,
                                                                 residents):
    [author] = residents(1)
    proposal = make_proposal(author)
    body = api_ok(client.get(f"/api/v1/proposals/{proposal.id}"))
    assert body["title"] == "楼道加装扶手" and body["state"] == "published"
    assert body["your_support"] is None and body["may_support"] is False
    assert body["author"] == {"display_name": author.display_name}
    assert author.username not in str(body)


def test_a_resident_sees_that_they_may_support(client, auth, make_proposal, residents):
    author, neighbour = residents(2)
    proposal = make_proposal(author)
    body = api_ok(client.get(f"/api/v1/proposals/{proposal.id}", headers=auth(neighbour)))
    assert body["your_support"] is False and body["may_support"] is True
    assert body["may_edit"] is False


def test_a_draft_is_invisible_but_to_its_author_and_the_office(client, auth, make_proposal,
                                                               residents, worker):
    author, other = residents(2)
    draft = make_proposal(author, publish=False)
    url = f"/api/v1/proposals/{draft.id}"
    assert api_error(client.get(url), 404)["code"] == "not_found"
    assert api_error(client.get(url, headers=auth(other)), 404)["code"] == "not_found"
    assert api_ok(client.get(url, headers=auth(author)))["state"] == "draft"
    assert api_ok(client.get(url, headers=auth(worker)))["state"] == "draft"


def test_an_unknown_proposal_is_404(client):
    assert api_error(client.get("/api/v1/proposals/424242"), 404)["code"] == "not_found"


def test_a_bad_token_on_a_public_read_is_401(client, make_proposal, residents):
    [author] = residents(1)
    proposal = make_proposal(author)
    response = client.get(f"/api/v1/proposals/{proposal.id}",
                          headers={"Authorization": "Bearer gh_forged"})
    assert api_error(response, 401)["code"] == "unauthorized"


# --- lists ------------------------------------------------------------------------------------

@pytest.fixture
def listed(make_proposal, residents):
    """Three published proposals (1, 2 and 3 supports of 5), a withdrawn one and a draft."""
    authors = residents(5)
    made = [make_proposal(authors[0], threshold=5, title="一号")]
    made.append(make_proposal(authors[1], threshold=5, title="二号"))
    made.append(make_proposal(authors[2], threshold=5, title="三号"))
    services.support_proposal(authors[3], made[1])
    services.support_proposal(authors[3], made[2])
    services.support_proposal(authors[4], made[2])
    withdrawn = make_proposal(authors[3], title="撤回的")
    services.withdraw_proposal(authors[3], withdrawn, "重复")
    make_proposal(authors[4], publish=False, title="草稿")
    db.session.commit()
    return made


def _titles(response) -> list[str]:
    return [item["title"] for item in api_ok(response)["items"]]


def test_a_councils_list_shows_everything_but_drafts_newest_first(client, council, listed):
    body = api_ok(client.get(f"/api/v1/councils/{council.id}/proposals"))
    assert [item["title"] for item in body["items"]] == ["撤回的", "三号", "二号", "一号"]
    assert (body["page"], body["pages"], body["total"]) == (1, 1, 4)
    assert set(body["items"][0]) >= {"id", "state", "support_count", "threshold", "author"}
    assert "body" not in body["items"][0]


@pytest.mark.parametrize(("query", "titles"), [
    ("state=published", ["三号", "二号", "一号"]),
    ("state=withdrawn&state=published&sort=most_supported", ["三号", "二号", "撤回的", "一号"]),
    ("state=published,withdrawn&sort=closest", ["三号", "二号", "一号"]),
    ("state=withdrawn", ["撤回的"]),
    ("category=facilities&sort=most_supported", ["三号", "二号", "撤回的", "一号"]),
    ("category=culture", []),
])
def test_a_list_filters_and_sorts(client, council, listed, query, titles):
    assert _titles(client.get(f"/api/v1/councils/{council.id}/proposals?{query}")) == titles


def test_a_communitys_list_spans_its_councils(client, community, council, listed):
    assert len(_titles(client.get(f"/api/v1/communities/{community.slug}/proposals"))) == 4
    assert _titles(client.get(f"/api/v1/communities/{community.slug}/proposals"
                              "?state=published&per_page=2&page=2")) == ["一号"]


@pytest.mark.parametrize("query", ["state=draft", "state=bogus", "state=published,draft",
                                   "sort=oldest", "page=0", "page=x", "per_page=500",
                                   "category=weather"])
def test_a_bad_filter_is_refused_with_its_field(client, council, query):
    error = api_error(client.get(f"/api/v1/councils/{council.id}/proposals?{query}"), 422)
    assert query.split("=")[0] in error["fields"]["query"]


def test_an_unknown_council_or_community_lists_nothing(client):
    assert api_error(client.get("/api/v1/councils/999999/proposals"), 404)["code"] == "not_found"
    assert api_error(client.get("/api/v1/communities/nowhere/proposals"), 404)


def test_a_page_past_the_end_is_empty(client, council, listed):
    body = api_ok(client.get(f"/api/v1/councils/{council.id}/proposals?page=9"))
    assert body["items"] == [] and body["total"] == 4


def test_the_list_runs_the_same_statements_for_many_rows(statements, council, community,
                                                        make_proposal, residents):
    paths = [f"/api/v1/councils/{council.id}/proposals",
             f"/api/v1/communities/{community.slug}/proposals?sort=closest&state=published"]
    make_proposal(residents(1)[0])
    few = [statements(path) for path in paths]
    for author in residents(12):
        make_proposal(author)
    assert [statements(path) for path in paths] == few


# --- a council's settings ---------------------------------------------------------------------

SETTINGS = {"threshold_kind": "absolute", "threshold_value": 30, "time_limit_days": 60,
            "answer_working_days": 10, "supports_public": True}


def test_anyone_reads_a_councils_default_settings(client, council):
    body = api_ok(client.get(f"/api/v1/councils/{council.id}/proposal-settings"))
    assert body == {"council_id": council.id, "threshold_kind": "share",
                    "threshold_value": "0.02", "time_limit_days": 90,
                    "answer_working_days": 15, "supports_public": False, "is_default": True}


@pytest.mark.parametrize(("value", "text"), [(30, "30"), ("30", "30"), (30.0, "30")])
def test_the_office_sets_a_councils_threshold(client, auth, council, worker, value, text):
    url = f"/api/v1/councils/{council.id}/proposal-settings"
    body = api_ok(client.put(url, headers=auth(worker), json={**SETTINGS,
                                                              "threshold_value": value}))
    assert (body["threshold_value"], body["is_default"], body["supports_public"]) == (
        text, False, True)
    assert api_ok(client.get(url)) == body


def test_a_share_is_kept_as_written(client, auth, council, worker):
    body = api_ok(client.put(f"/api/v1/councils/{council.id}/proposal-settings",
                             headers=auth(worker), json={**SETTINGS, "threshold_kind": "share",
                                                         "threshold_value": "0.05"}))
    assert (body["threshold_kind"], body["threshold_value"]) == ("share", "0.05")


def test_only_the_office_sets_the_settings(client, auth, council, residents):
    url = f"/api/v1/councils/{council.id}/proposal-settings"
    assert api_error(client.put(url, json=SETTINGS), 401)["code"] == "unauthorized"
    response = client.put(url, headers=auth(residents(1)[0]), json=SETTINGS)
    assert api_error(response, 403)["code"] == "forbidden"
    assert _count(ProposalSettings) == 0


def test_settings_of_an_unknown_council_are_404(client, auth, worker):
    assert api_error(client.get("/api/v1/councils/999999/proposal-settings"), 404)
    assert api_error(client.put("/api/v1/councils/999999/proposal-settings",
                                headers=auth(worker), json=SETTINGS), 404)


@pytest.mark.parametrize("change", [{"threshold_value": 0}, {"threshold_value": "0"},
                                    {"threshold_value": 2.5},
                                    {"threshold_kind": "share", "threshold_value": "1.5"}])
def test_a_threshold_that_could_never_work_is_refused_in_words(client, auth, council, worker,
                                                               change):
    response = client.put(f"/api/v1/councils/{council.id}/proposal-settings",
                          headers=auth(worker), json={**SETTINGS, **change})
    assert api_error(response, 400)["code"] == "invalid_settings"
    assert _count(ProposalSettings) == 0


@pytest.mark.parametrize(("change", "field"), [
    ({"threshold_value": -1}, "threshold_value"), ({"threshold_value": "many"}, "threshold_value"),
    ({"threshold_value": None}, "threshold_value"), ({"threshold_kind": "half"}, "threshold_kind"),
    ({"time_limit_days": 0}, "time_limit_days"), ({"time_limit_days": "60"}, "time_limit_days"),
    ({"answer_working_days": 366}, "answer_working_days"),
    ({"supports_public": "no"}, "supports_public"), ({"extra": 1}, "extra"),
])
def test_a_bad_settings_body_is_refused_with_its_field(client, auth, council, worker, change,
                                                       field):
    response = client.put(f"/api/v1/councils/{council.id}/proposal-settings",
                          headers=auth(worker), json={**SETTINGS, **change})
    assert field in api_error(response, 422)["fields"]
    assert _count(ProposalSettings) == 0


def test_keywords_and_similar_proposals_over_the_api(client, council, residents, make_proposal):
    author = residents(1)[0]
    rain = make_proposal(author, threshold=9, title="小区东门加装雨棚")
    make_proposal(author, threshold=9, title="楼道清理小广告")
    listed = client.get(f"/api/v1/councils/{council.id}/proposals?q=雨棚").get_json()
    assert [p["title"] for p in listed["items"]] == [rain.title]
    similar = client.get(f"/api/v1/councils/{council.id}/proposals/similar",
                         query_string={"title": "东门加装遮雨棚", "body": "下雨没处躲"})
    assert similar.status_code == 200 and similar.get_json()[0]["id"] == rain.id
    assert client.get(f"/api/v1/councils/{council.id}/proposals/similar").status_code == 422
    assert client.get(f"/api/v1/councils/{council.id}/proposals?q=" + "x" * 101
                      ).status_code == 422
