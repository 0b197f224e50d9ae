"""Walk every route as an anonymous visitor: only the public ones answer.

A new endpoint that forgets its login check fails here until it is either
protected or listed as public on purpose.
"""

import pytest
from flask import url_for

PUBLIC = {
    "static", "api-docs.openapi_json",
    "auth.login", "auth.register", "auth.set_language",
    "communities.home", "communities.community_page",
    "auth_api.create_token", "communities_api.list_communities",
    # Readable without a token (a sent token must be valid); private and draft
    # meetings answer 404 to those who may not see them.
    "councils_api.list_councils", "councils_api.get_council",
    "meetings_api.list_meetings", "meetings_api.get_meeting",
    "meetings_api.list_visible_meetings",
    # A poll and a meeting's resolutions are read like their meeting.
    "voting_api.get_poll", "voting_api.list_resolutions",
    # Council pages, public meetings' pages and .ics entries, and joining by code;
    # private meetings send anonymous visitors to sign in, drafts answer 404.
    "councils.index", "councils.show",
    "meetings.show", "meetings.calendar", "meetings.join_form", "meetings.join_with_code",
    # The live room of a public meeting, its projector and QR code: anyone may watch;
    # a private meeting's room asks to sign in, its projector needs the key (else 404).
    "meetings.room", "meetings.projector", "meetings.qr_svg",
    # A closed poll's result as CSV, read like its meeting (the roll call needs an account).
    "voting.result_csv",
    # Partner organizations: verified ones and their public offerings (a draft, an
    # unverified organization's, answers 404); browsing a community's services.
    "partners.show", "partners.directory", "partners.browse", "partners.offering",
    "partners_api.list_organizations", "partners_api.get_organization",
    "partners_api.list_offerings", "partners_api.get_offering", "partners_api.list_sessions",
    # The published offerings catalogue as HSDS JSON (open data).
    "partners.hsds_catalogue", "partners_api.hsds_catalogue",
    # Action items: public items, their evidence files and the public record of
    # resolutions with their items; private items ask to sign in. The API reads alike.
    "actions.show", "actions.evidence", "actions.index", "actions.community_results",
    "actions.council_results", "actions_api.list_items", "actions_api.get_item",
    # A resolution's page is read like its meeting (private ones ask to sign in); each
    # council's Atom feed lists its public resolutions and their public items.
    "accountability.resolution", "accountability.council_feed",
    # Proposals: a community's and a council's lists and a published proposal's page
    # (a draft answers 404 to all but its author and the office).
    "proposals.community_list", "proposals.council_list", "proposals.show",
    # Proposals: the lists (never drafts), a proposal (a draft answers 404 to others), a
    # council's settings, and its supporters where the council makes them public (403).
    "proposals_api.list_council_proposals", "proposals_api.list_community_proposals",
    "proposals_api.get_proposal", "proposals_api.list_supporters", "proposals_api.get_settings",
    "proposals_api.similar_to",
    # Proposals' open data: each council's Atom feed, CSV and JSON of its public proposals
    # (no author, no supporter).
    "proposals.council_feed", "proposals.council_csv", "proposals.council_json",
    # Proposals: a proposal's deliberation (hidden comments as placeholders) and the
    # history of a comment's edits (404 when it is hidden from the reader).
    "proposals.comment_history", "proposals_api.list_comments",
    # Proposals: the merges a public proposal took part in (who joined which).
    "proposals_api.list_merges",
    # Proposals: the partner organizations that endorse one (their names only).
    "proposals_api.list_endorsements",
    # Proposals: who co-authors a public proposal (names of those who accepted), and its
    # photos (a draft's answer 404 to all but its authors and the office).
    "proposals_api.list_coauthors", "proposals.photo",
    # The work-item catalogue a community shares with its street: its page and JSON.
    "admission.community_catalogue", "admission_api.community_work_items",
    # A street's public page, the list of streets, its catalogue as CSV (open data, no one's
    # name) and the same overview in JSON.
    "admission.streets_index", "admission.street_page", "admission.catalogue_csv",
    "admission_api.streets", "admission_api.street",
    # Refused tasks per month and department, per community and per street (page, CSV,
    # JSON), and certificates issued per type and month: counts only, no names.
    "admission.community_figures", "admission.community_figures_csv",
    "admission.community_figures_json", "admission.street_figures",
    "admission.street_figures_csv", "admission.street_figures_json",
    "admission.certificate_figures", "admission.certificate_figures_csv",
    "admission.certificate_figures_json", "admission_api.community_refusal_figures",
    "admission_api.street_refusal_figures", "admission_api.certificate_figures",
    # admission requests: public once submitted (a draft answers 404); a street's list
    "admission.show_request", "admission.street_requests", "admission_api.get_request",
    "admission.street_requests_csv",
    "admission_api.street_decisions",
    # Workers' hours summed per community and per street (never one worker's): pages, CSV,
    # JSON.
    "admission.community_hours", "admission.community_hours_csv", "admission.street_hours",
    "admission.street_hours_csv", "admission_api.community_hours", "admission_api.street_hours",
    # Liveness and readiness for the proxy and the supervisor (no address, no secret).
    "health.healthz", "health.readyz",
    # Socket.IO's own path, answered by its middleware before any view; the route
    # is there so that live events match it (govhub/realtime/handshake.py).
    "socketio_handshake",
}

SAMPLE_VALUES = {"IntegerConverter": 1, "PathConverter": "css/govhub.css"}


def _routes(app):
    for rule in app.url_map.iter_rules():
        values = {arg: SAMPLE_VALUES.get(type(rule._converters[arg]).__name__, "xingfuli")
                  for arg in rule.arguments}
        with app.test_request_context():
            url = url_for(rule.endpoint, **values)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule.endpoint, method, url


def test_the_public_list_names_real_endpoints(app):
    assert {rule.endpoint for rule in app.url_map.iter_rules()} >= PUBLIC


def test_anonymous_visitors_are_refused_everywhere_but_the_public_pages(app, client, csrf):
    token = csrf("/login")
    checked = 0
    for endpoint, method, url in _routes(app):
        if endpoint in PUBLIC:
            continue
        data = {"csrf_token": token} if method == "POST" and not url.startswith("/api/") else None
        response = client.open(url, method=method, data=data)
        if url.startswith("/api/"):
            assert response.status_code == 401, (method, url)
            assert response.get_json()["error"]["code"] == "unauthorized"
        else:
            assert response.status_code == 302, (method, url, response.status_code)
            assert response.headers["Location"].startswith("/login"), (method, url)
        checked += 1
    assert checked >= 10


@pytest.mark.parametrize("url", ["/", "/login", "/register", "/api/v1/communities",
                                 "/api/v1/openapi.json"])
def test_public_pages_answer_anonymous_visitors(client, url, community):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("ext", ["atom", "csv", "json"])
def test_proposals_open_data_answers_anonymous_visitors(client, make_council, ext):
    council = make_council()
    assert client.get(f"/councils/{council.id}/proposals.{ext}").status_code == 200


@pytest.mark.parametrize("url", ["/audit/", "/audit/events.csv",
                                 "/audit/?action=user.login&since=2026-01-01"])
def test_the_audit_trail_is_refused_to_anonymous_visitors(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
