"""X-Forwarded-For is believed only from a proxy the operator named."""

from __future__ import annotations

import pytest

from bot.channels.client_address import client_address
from bot.runtime.settings import Settings, SettingsError, parse_trusted

PROXY = frozenset({"127.0.0.1"})


def test_without_trusted_proxies_the_header_is_ignored():
    assert client_address("203.0.113.9", "198.51.100.1", frozenset()) == "203.0.113.9"


def test_a_forged_header_from_an_untrusted_peer_is_ignored():
    assert client_address("203.0.113.9", "198.51.100.1", PROXY) == "203.0.113.9"


def test_behind_a_trusted_proxy_the_client_is_the_rightmost_untrusted_hop():
    # The client may prepend anything; only what the proxy appended (the last entry) is trusted.
    assert client_address("127.0.0.1", "10.9.9.9, 198.51.100.1", PROXY) == "198.51.100.1"
    assert client_address("127.0.0.1", "198.51.100.1, 127.0.0.1", PROXY) == "198.51.100.1"


@pytest.mark.parametrize("header", ["", "not-an-ip", "198.51.100.1, <script>", ",,,"])
def test_a_missing_or_malformed_chain_falls_back_to_the_peer(header):
    assert client_address("127.0.0.1", header, PROXY) == "127.0.0.1"


def test_ipv6_is_normalised():
    assert client_address("::1", "2001:DB8::1", frozenset({"::1"})) == "2001:db8::1"


def test_settings_parse_and_reject():
    assert Settings.from_env({"LANTERN_TRUSTED_PROXIES": " 127.0.0.1, ::1 "}).trusted_proxies == {"127.0.0.1", "::1"}
    assert Settings.from_env({}).trusted_proxies == frozenset()
    with pytest.raises(SettingsError, match="LANTERN_TRUSTED_PROXIES"):
        Settings.from_env({"LANTERN_TRUSTED_PROXIES": "localhost"})
    assert parse_trusted("") == frozenset()
