"""Schemathesis fuzzes every operation of the OpenAPI document against a real GovHub.

It loads /api/v1/openapi.json from a running server (the document must be valid
for it to load every operation), generates requests from each operation's
schema and runs Schemathesis's default checks on every answer: no 5xx, statuses,
headers and bodies as documented, data the schema allows is not refused as
invalid (422), data it forbids is refused. It runs as a demo resident and as the
demo worker, with a fixed seed and a few examples per operation, so CI stays
stable and quick.

422 means "the fields are not what the schema says"; a 400 is a business rule
the schema cannot say (a reason that must accompany a status change, a date in
the past), so schema-valid data may get 400, never 422.
"""

from __future__ import annotations

import pytest
import requests

from tests.helpers.api import token_for
from tests.helpers.servers import demo_server

schemathesis = pytest.importorskip("schemathesis")
hypothesis = pytest.importorskip("hypothesis")

pytestmark = pytest.mark.live

EXAMPLES = 8
ACCEPTED_FOR_VALID_DATA = ["2xx", "3xx", "400", "401", "403", "404", "409", "413", "415",
                           "429"]
# Revoking "the token used" is fuzzed with a token of its own, not the session's.
REVOKE = "DELETE /api/v1/tokens/current"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with demo_server(tmp_path_factory.mktemp("schemathesis"), "sqlite", residents=5) as live:
        yield live


@pytest.fixture(scope="module")
def api_schema(server):
    config = schemathesis.Config.from_dict({
        "seed": 12,
        "checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED_FOR_VALID_DATA}},
    })
    return schemathesis.openapi.from_url(f"{server.url}/api/v1/openapi.json", config=config)


def test_the_document_is_valid_and_every_operation_loads(api_schema):
    api_schema.validate()  # against the OpenAPI 3.1 meta-schema
    operations = list(api_schema.get_all_operations())
    broken = [str(result.err()) for result in operations if hasattr(result, "err")]
    assert broken == []
    assert len(operations) >= 76


def _fuzz(operation, server, headers_for, failures: list[str]) -> None:
    session = requests.Session()

    @hypothesis.settings(max_examples=EXAMPLES, derandomize=True, deadline=None,
                         database=None, phases=[hypothesis.Phase.explicit,
                                                hypothesis.Phase.generate],
                         suppress_health_check=list(hypothesis.HealthCheck))
    @hypothesis.given(case=operation.as_strategy())
    def run(case):
        case.call_and_validate(base_url=server.url, session=session, headers=headers_for(),
                               timeout=30)

    try:
        run()
    except (Exception, BaseExceptionGroup) as exc:  # every failure, reported with its operation
        failures.append(f"{operation.label}: {exc}")


@pytest.mark.parametrize("username", ["resident001", "worker"])
def test_every_operation_passes_the_default_checks(api_schema, server, username):
    token = token_for(server.url, username)
    failures: list[str] = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        if operation.label == REVOKE:
            def headers_for():
                return {"Authorization": f"Bearer {token_for(server.url, username)}"}
        else:
            def headers_for():
                return {"Authorization": f"Bearer {token}"}
        _fuzz(operation, server, headers_for, failures)
    assert not failures, "\n\n".join(failures)
