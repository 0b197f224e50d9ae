"""Schemathesis fuzzes every operation of the OpenAPI document against a real GovHub.

It loads /api/v1/openapi.json from a running server (the document must be valid
for it to load every operation), generates requests from each operation's
schema and runs Schemathesis's default checks on every answer: no 5xx, statuses,
headers and bodies as documented, data the schema allows is not refused as
invalid (422), data it forbids is refused. It runs as a demo resident and as the
demo worker (test_schemathesis_resident.py, test_schemathesis_worker.py), with a
fixed seed and a few examples per operation (tests/helpers/fuzz.py), so CI stays
stable and quick. This module checks the document itself.
"""

from __future__ import annotations

import pytest

from tests.helpers.fuzz import fuzzed_server

pytest.importorskip("schemathesis")

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    with fuzzed_server(tmp_path_factory.mktemp("schemathesis")) as (_server, schema):
        yield schema


def test_the_document_is_valid_and_every_operation_loads(api_schema):
    api_schema.validate()  # against the OpenAPI 3.1 meta-schema
    operations = list(api_schema.get_all_operations())
    broken = [str(result.err()) for result in operations if hasattr(result, "err")]
    assert broken == []
    assert len(operations) >= 76
