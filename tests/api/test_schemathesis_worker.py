"""Schemathesis's default checks on every operation of the API, as the demo worker
(tests/helpers/fuzz.py; the document itself: test_schemathesis.py)."""

from __future__ import annotations

import pytest

from tests.helpers.fuzz import failures_as, fuzzed_server

pytest.importorskip("schemathesis")

pytestmark = pytest.mark.live


def test_every_operation_passes_the_default_checks_as_worker(tmp_path):
    with fuzzed_server(tmp_path) as (server, api_schema):
        failures = failures_as("worker", server, api_schema)
    assert not failures, "\n\n".join(failures)
