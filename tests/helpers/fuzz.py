"""Schemathesis against a real GovHub: the demo server, its OpenAPI document loaded with
the project's checks, and fuzzing every operation as one user (tests/api/test_schemathesis*).

One module per user, so that xdist (which keeps a module on one worker) fuzzes them in
parallel: each takes about a minute.
"""

from __future__ import annotations

import contextlib

import requests

from tests.helpers.api import token_for
from tests.helpers.servers import demo_server

EXAMPLES = 8
# 422 means "the fields are not what the schema says"; a 400 is a business rule the schema
# cannot say (a reason that must accompany a status change, a date in the past), so
# schema-valid data may get 400, never 422.
ACCEPTED_FOR_VALID_DATA = ["2xx", "3xx", "400", "401", "403", "404", "409", "413", "415",
                           "429"]
# Revoking "the token used" is fuzzed with a token of its own, not the session's.
REVOKE = "DELETE /api/v1/tokens/current"


@contextlib.contextmanager
def fuzzed_server(tmp_path):
    """A demo GovHub and its API document as Schemathesis loads it: (server, schema)."""
    import schemathesis

    with demo_server(tmp_path, "sqlite", residents=5) as live:
        config = schemathesis.Config.from_dict({
            "seed": 12,
            "checks": {"positive_data_acceptance": {
                "expected-statuses": ACCEPTED_FOR_VALID_DATA}},
        })
        yield live, schemathesis.openapi.from_url(f"{live.url}/api/v1/openapi.json",
                                                  config=config)


def failures_as(username: str, server, api_schema, paths: tuple[str, ...] = ()) -> list[str]:
    """Fuzz every operation as `username` (only those whose path holds one of `paths`,
    when given); each failure with its operation."""
    token = token_for(server.url, username)
    failures: list[str] = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        if paths and not any(part in operation.path for part in paths):
            continue
        if operation.label == REVOKE:
            def headers_for():
                return {"Authorization": f"Bearer {token_for(server.url, username)}"}
        else:
            def headers_for():
                return {"Authorization": f"Bearer {token}"}
        _fuzz(operation, server, headers_for, failures)
    return failures


def _fuzz(operation, server, headers_for, failures: list[str]) -> None:
    import hypothesis

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
