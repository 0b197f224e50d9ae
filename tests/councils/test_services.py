"""Founding councils, choosing their rules, seating and unseating members."""

from decimal import Decimal

import pytest
import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.audit.queries import events_for
from govhub.core.errors import DomainError
from govhub.councils import services
from govhub.councils.models import CouncilMembership, MemberRole
from govhub.councils.queries import members_of
from govhub.extensions import db


@pytest.fixture
def worker(make_user):
    return make_user("worker")


def test_a_worker_founds_a_council_with_a_rule_set(worker, community):
    council = services.create_council(worker, community, " 3号楼  议事会 ", "building_council",
                                      rule_set="two_thirds", max_proxies=2)
    db.session.commit()
    assert council.name == "3号楼 议事会"
    assert council.rules.key == "two_thirds" and council.max_proxies_per_holder == 2
    assert events_for("councils", council.id)[0].action == "council.created"


@pytest.mark.parametrize("field, value, code", [
    ("kind", "parliament", "invalid_choice"),
    ("rule_set", "unanimity", "invalid_choice"),
    ("name", "   ", "required"),
    ("max_proxies", 11, "invalid_proxies"),
    ("max_proxies", "1", "invalid_proxies"),
])
def test_a_council_with_bad_fields_is_refused(worker, community, field, value, code):
    fields = {"name": "议事会", "kind": "deliberation_council", "rule_set": "organic_law",
              "max_proxies": 1, field: value}
    with pytest.raises(DomainError) as refused:
        services.create_council(worker, community, fields.pop("name"), fields.pop("kind"),
                                **fields)
    assert refused.value.code == code


def test_a_resident_cannot_found_a_council(make_user, community):
    with pytest.raises(DomainError) as refused:
        services.create_council(make_user(), community, "议事会", "deliberation_council")
    assert refused.value.status == 403


def test_a_worker_of_another_community_cannot_found_one_here(make_user, make_community,
                                                             community):
    outsider = make_user("worker", community=make_community())
    with pytest.raises(DomainError):
        services.create_council(outsider, community, "议事会", "deliberation_council")


@pytest.mark.parametrize("weight, stored", [("1", Decimal(1)), ("0.5", Decimal("0.5")),
                                            ("2.125", Decimal("2.125")), (0, Decimal(0))])
def test_members_are_seated_with_exact_weights(worker, make_council, make_user, weight, stored):
    council = make_council(members=0, chair=False)
    membership = services.seat_member(worker, council, make_user(), "member", weight)
    assert membership.vote_weight == stored


@pytest.mark.parametrize("weight", ["-1", "1001", "0.0001", "NaN", "Infinity", "one", ""])
def test_impossible_weights_are_refused(worker, make_council, make_user, weight):
    council = make_council(members=0, chair=False)
    with pytest.raises(DomainError) as refused:
        services.seat_member(worker, council, make_user(), "member", weight)
    assert refused.value.code == "invalid_weight"


def test_only_people_of_the_community_sit_on_its_council(worker, make_council, make_user,
                                                         make_community):
    council = make_council(members=0, chair=False)
    with pytest.raises(DomainError) as refused:
        services.seat_member(worker, council, make_user(community=make_community()))
    assert refused.value.code == "not_in_community"


def test_a_member_cannot_be_seated_twice(worker, make_council):
    council = make_council(members=1)
    with pytest.raises(DomainError) as refused:
        services.seat_member(worker, council, council.test_members[0])
    assert refused.value.code == "already_member"


def test_unseating_keeps_the_record_and_reseating_reactivates_it(worker, make_council):
    council = make_council(members=2)
    member = council.test_members[1]
    membership = db.session.scalar(sa.select(CouncilMembership).where(
        CouncilMembership.user_id == member.id))
    services.unseat_member(worker, membership)
    db.session.commit()
    assert member.id not in [m.user_id for m in members_of(council)]
    assert member.id in [m.user_id for m in members_of(council, include_inactive=True)]
    services.seat_member(worker, council, member, "secretary", "1")
    db.session.commit()
    assert membership.active and membership.role == MemberRole.SECRETARY
    assert db.session.scalar(sa.select(sa.func.count(CouncilMembership.id)).where(
        CouncilMembership.user_id == member.id)) == 1


def test_rule_changes_are_in_the_councils_history(worker, make_council):
    council = make_council()
    services.update_council(worker, council, name=council.name, kind="residents_meeting",
                            rule_set="simple_majority", max_proxies=1)
    db.session.commit()
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "council.updated"))
    assert event.data["before"]["rule_set"] == "organic_law"
    assert event.data["after"]["rule_set"] == "simple_majority"
