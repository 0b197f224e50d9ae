"""Pure sign-in rules: whom a failure counts against, and how long a refusal is told to last."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govhub.auth.rules import address_bucket, wait_to_tell


@pytest.mark.parametrize(("address", "bucket"), [
    ("203.0.113.7", "203.0.113.7"),
    (" 203.0.113.7 ", "203.0.113.7"),
    ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
    ("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"),
    ("::ffff:203.0.113.7", "203.0.113.7"),
    ("", "unknown"),
    (None, "unknown"),
    ("not an address", "not an address"),
    ("x" * 200, "x" * 64),
])
def test_an_address_counts_as_itself_and_ipv6_as_its_64(address, bucket):
    assert address_bucket(address) == bucket


@given(st.ip_addresses(v=6).filter(lambda address: address.ipv4_mapped is None))
def test_every_address_of_one_ipv6_64_shares_its_count(address):
    network_part = int(address) >> 64 << 64
    neighbour = type(address)(network_part + 0x1234)
    assert address_bucket(str(address)) == address_bucket(str(neighbour))


@pytest.mark.parametrize(("seconds", "told"), [
    (0.2, timedelta(seconds=1)),
    (1, timedelta(seconds=1)),
    (44.1, timedelta(seconds=45)),
    (59.5, timedelta(seconds=60)),
    (60, timedelta(minutes=1)),
    (61, timedelta(minutes=2)),
    (899.2, timedelta(minutes=15)),
    (900, timedelta(minutes=15)),
    (3599, timedelta(hours=1)),
    (3601, timedelta(hours=2)),
    (86_399, timedelta(days=1)),
])
def test_the_wait_is_told_in_one_unit_rounded_up(seconds, told):
    assert wait_to_tell(seconds) == told


@given(st.floats(min_value=0, max_value=7 * 86_400, allow_nan=False))
def test_the_wait_told_is_never_shorter_than_the_truth_nor_a_unit_longer(seconds):
    told = wait_to_tell(seconds).total_seconds()
    assert told >= seconds
    unit = 1 if told <= 60 else 60 if told <= 3600 else 3600
    assert told - max(seconds, 1) < unit  # a refusal lasts at least a second
    assert told % unit == 0
