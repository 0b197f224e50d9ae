"""The registry of poll kinds end to end: a kind registered here, in the test only (GovHub
ships no such kind), is prepared with the poll form, voted on with the plain form, closed,
decided, said in words and drawn on the room's page, with no other code knowing of it."""

import jinja2
import pytest
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from govhub.extensions import db
from govhub.voting import ballots, kinds, labels, rules, services
from govhub.voting.kinds.base import Kind, leaders, option_base, whole_number
from govhub.voting.models import Ballot, Poll, PollStatus

CONTROLS = """{% macro controls(poll, content) %}
{%- for option in poll.options %}
<label><input type="checkbox" name="approve" value="{{ option.id }}"
  {%- if option.id in content %} checked{% endif %}> {{ option.label }}</label>
{%- endfor %}
<button type="submit">approve</button>
{%- endmacro %}"""


class Approval(Kind):
    """Approval voting: approve any number of options; the most approved one wins when it
    reaches the rule's share of the base."""

    value = "approval_test"
    label = _l("Approval (test)")

    def ballot(self, payload, option_ids, min_choices=1, max_choices=None):
        return rules.multiple_ballot(payload, option_ids, 0, None)

    def form_ballot(self, form, option_ids):
        return {"choices": [whole_number(value) for value in form.getlist("approve")]}

    def decide(self, ballots, option_ids, present, members, rule):
        return rules.decide_single(rules.tally_options(ballots, option_ids), rules.ZERO,
                                   present, members, rule)

    def figures(self, result, rule):
        winner = result["outcome"]["winner"]
        weights = {key: entry["weight"] for key, entry in result["tally"].items()}
        keys = [str(winner)] if winner is not None else leaders(weights)
        return (f"option-{option_base(rule)}" if keys else "no-votes"), keys, rule.passing


@pytest.fixture
def approval(app, monkeypatch):
    kind = kinds.register(Approval())
    loader = jinja2.ChoiceLoader([
        jinja2.DictLoader({"voting/kinds/approval_test.html": CONTROLS}), app.jinja_env.loader])
    monkeypatch.setattr(app.jinja_env, "loader", loader)
    yield kind
    kinds.unregister(kind.value)


def test_a_kind_is_registered_once_and_found_by_its_value(approval):
    assert kinds.get("approval_test") is approval
    assert kinds.values()[-1] == "approval_test"
    assert kinds.find("no_such_kind") is None and kinds.find(None) is None
    with pytest.raises(LookupError):
        kinds.get("no_such_kind")
    with pytest.raises(ValueError):
        kinds.register(Approval())
    assert labels.kind_label("approval_test") == "Approval (test)"
    assert labels.kind_label("no_such_kind") == "no_such_kind"  # an old row still reads


def test_a_registered_kind_goes_through_form_ballots_tally_result_and_page(
        approval, room, client, login, post_form):
    chair, second, third = room.council.test_members
    login(chair)
    form = {"item_id": room.current_item.id, "title": "哪些方案可以接受？", "kind": "approval_test",
            "options": "甲\n乙\n丙", "ballot": "named", "results": "live", "allow_change": "y",
            "rule_set": "simple_majority"}
    assert "Approval (test)" in client.get(f"/meetings/{room.id}/polls/new").get_data(as_text=True)
    assert post_form(f"/meetings/{room.id}/polls/new", form).status_code == 302
    poll = db.session.scalar(sa.select(Poll).where(Poll.meeting_id == room.id))
    assert (poll.kind, [o.label for o in poll.options]) == ("approval_test", ["甲", "乙", "丙"])
    first, middle, last = [option.id for option in poll.options]
    services.open_poll(chair, poll)
    db.session.commit()

    response = post_form(f"/polls/{poll.id}/vote",
                         {"approve": [str(first), str(middle)], "key": "k-1"})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(Ballot.content).where(Ballot.poll_id == poll.id)) == [
        first, middle]
    ballots.cast_ballot(second, poll, {"choices": [middle]})
    ballots.cast_ballot(third, poll, {"choices": []})
    db.session.commit()
    with pytest.raises(services.DomainError) as refused:
        # not one of this poll's options (on PostgreSQL, ids run on across tests: no
        # fixed number is safe)
        ballots.cast_ballot(third, poll, {"choices": [max(first, middle, last) + 1]}, key="bad")
    db.session.rollback()
    assert refused.value.code == "bad_choice"
    room_page = client.get(f"/meetings/{room.id}/room").get_data(as_text=True)
    assert f'name="approve" value="{first}" checked' in room_page
    assert "Approval (test)" in room_page

    services.close_poll(chair, poll)
    db.session.commit()
    assert poll.status == PollStatus.CLOSED and poll.passed is True
    result = poll.result
    assert result["kind"] == "approval_test"
    assert result["tally"] == {str(first): {"weight": "1", "count": 1},
                               str(middle): {"weight": "2", "count": 2},
                               str(last): {"weight": "0", "count": 0}}
    assert result["outcome"]["winner"] == middle
    sentence = labels.result_sentence({"kind": poll.kind, "result": result,
                                       "options": [{"id": o.id, "label": o.label}
                                                   for o in poll.options]})
    assert sentence == "Passed: “乙” chosen by 2 of 3 votes cast; more than half required."
    assert sentence in client.get(f"/polls/{poll.id}/result.csv").get_data(as_text=True)
