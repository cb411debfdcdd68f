"""The rate limiter forgets: idle keys are swept, the key table has a hard cap that costs O(1) per call,
and an IPv6 client is one subscriber's /64, not each of its addresses."""

from __future__ import annotations

import time

import pytest

from bot.channels.client_address import client_key
from bot.channels.rate_limit import RateLimiter
from tests.fake_clock import FakeClock


def test_sweep_drops_idle_keys_and_keeps_active_ones() -> None:
    clock = FakeClock()
    limiter = RateLimiter(5, clock=clock)
    limiter.allow("idle-1")
    limiter.allow("idle-2")
    clock.advance(30)
    limiter.allow("active")
    clock.advance(30)  # the idle keys' last hit is now exactly 60 s old
    assert limiter.sweep() == 2
    assert len(limiter) == 1
    assert limiter.sweep() == 0
    clock.advance(30)
    assert limiter.sweep() == 1 and len(limiter) == 0  # nothing is kept past the window


def test_a_swept_key_starts_with_a_full_budget_only_after_its_window() -> None:
    clock = FakeClock()
    limiter = RateLimiter(2, clock=clock)
    assert limiter.allow("k") and limiter.allow("k") and not limiter.allow("k")
    clock.advance(59)
    assert limiter.sweep() == 0  # still inside its window: kept, still refused
    assert not limiter.allow("k")
    clock.advance(60)
    assert limiter.sweep() == 1
    assert limiter.allow("k")


def test_the_hard_cap_holds_under_a_flood_of_ten_times_max_keys() -> None:
    clock = FakeClock()
    limiter = RateLimiter(3, clock=clock, max_keys=1000)
    for n in range(10_000):
        assert limiter.allow(f"flood-{n}")
        assert len(limiter) <= 1000
        clock.advance(0.001)  # all inside one window: none is idle, the cap alone must hold
    assert len(limiter) == 1000


def test_each_call_is_constant_time_when_the_table_is_full() -> None:
    """200k calls into a full table of 100k active keys: a scan per call would take hours, not a second."""
    clock = FakeClock()
    limiter = RateLimiter(3, clock=clock, max_keys=100_000)
    keys = [f"k{n}" for n in range(200_000)]
    started = time.perf_counter()
    for key in keys:
        limiter.allow(key)
    elapsed = time.perf_counter() - started
    assert len(limiter) == 100_000
    assert elapsed < 5.0, f"200k calls took {elapsed:.1f} s"


def test_a_flood_evicts_the_least_recently_seen_key_first() -> None:
    clock = FakeClock()
    limiter = RateLimiter(1, clock=clock, max_keys=3)
    assert limiter.allow("quiet") and limiter.allow("busy")
    clock.advance(1)
    assert not limiter.allow("busy")  # refused, but still seen: it moves to the recent end
    assert limiter.allow("new-1") and limiter.allow("new-2")  # the table is full: "quiet" goes
    assert not limiter.allow("busy")  # kept its count
    assert limiter.allow("quiet")  # the trade-off: an evicted key starts again


def test_refused_hits_are_not_counted() -> None:
    clock = FakeClock()
    limiter = RateLimiter(2, clock=clock)
    assert [limiter.allow("k") for _ in range(3)] == [True, True, False]
    clock.advance(30)
    assert not limiter.allow("k")
    clock.advance(30)  # the two allowed hits are 60 s old; the refused ones never counted
    assert [limiter.allow("k") for _ in range(3)] == [True, True, False]


def test_ipv6_addresses_in_one_64_share_a_budget() -> None:
    limiter = RateLimiter(2, clock=FakeClock())
    same = ["2001:db8:1:2::1", "2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:0db8:0001:0002:ffff::9"]
    assert [limiter.allow(client_key(a)) for a in same] == [True, True, False]
    assert limiter.allow(client_key("2001:db8:1:3::1"))  # the next /64 is another subscriber


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.9", "203.0.113.9"),  # IPv4-mapped: the IPv4 client, not one shared ::/64
        ("2002:cb00:7109::1", "203.0.113.9"),  # 6to4: the site's IPv4 address
        ("fe80::1%eth0", "fe80::/64"),
        ("unknown", "unknown"),
        ("not an address", "unknown"),
        ("", "unknown"),
    ],
)
def test_client_keys(address: str, key: str) -> None:
    assert client_key(address) == key


def test_ipv4_clients_are_keyed_by_their_address() -> None:
    limiter = RateLimiter(1, clock=FakeClock())
    assert limiter.allow(client_key("198.51.100.1"))
    assert not limiter.allow(client_key("198.51.100.1"))
    assert limiter.allow(client_key("198.51.100.2"))
