"""Schemathesis's default checks on the admission operations as the demo's department
officer and the street's reviewer, who may write there what residents and workers may not
(tests/helpers/fuzz.py; every operation as a resident and a worker: the other modules)."""

from __future__ import annotations

import pytest

from tests.helpers.fuzz import failures_as, fuzzed_server

pytest.importorskip("schemathesis")

pytestmark = pytest.mark.live

ADMISSION = ("/admission-requests", "/departments/", "/streets")


def test_the_admission_operations_pass_the_default_checks_as_officer_and_reviewer(tmp_path):
    with fuzzed_server(tmp_path) as (server, api_schema):
        failures = (failures_as("officer", server, api_schema, ADMISSION)
                    + failures_as("reviewer", server, api_schema, ADMISSION))
    assert not failures, "\n\n".join(failures)
