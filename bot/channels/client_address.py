"""The address a request really came from, for the per-address rate limit.

Behind a reverse proxy every request arrives from the proxy, so one shared limit would lock everybody
out together. Only when the direct peer is a proxy the operator named (LANTERN_TRUSTED_PROXIES) is the
X-Forwarded-For header believed, read from the right, skipping further trusted proxies; anyone else
could forge it. The address is used only as a rate-limit key (see `client_key`), never logged.
"""

from __future__ import annotations

import ipaddress

MAX_HOPS = 20  # a longer X-Forwarded-For chain is not believed beyond this many entries
UNKNOWN = "unknown"
SUBSCRIBER_PREFIX = 64  # an IPv6 subscriber is given at least a whole /64


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(peer: str | None, forwarded_for: str | None, trusted: frozenset[str]) -> str:
    """The first untrusted address from the right of peer + X-Forwarded-For; the peer if none is valid."""
    peer_ip = _valid(peer or "") or UNKNOWN
    if peer_ip not in trusted or not forwarded_for:
        return peer_ip
    hops = forwarded_for.split(",")[-MAX_HOPS:]
    for hop in reversed(hops):
        address = _valid(hop)
        if address is None:
            return peer_ip  # a malformed chain is not believed at all
        if address not in trusted:
            return address
    return peer_ip


def client_key(address: str) -> str:
    """The rate-limit key of an address: one per subscriber, so rotating addresses buys no extra budget.

    IPv4: the address. IPv6: its /64, since one subscriber holds a whole /64 and could rotate through
    it; addresses that embed an IPv4 one (IPv4-mapped, 6to4, Teredo) are keyed by that IPv4 address,
    else every IPv4-mapped client would share "::/64". Anything unparseable is "unknown".
    """
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return UNKNOWN
    if isinstance(ip, ipaddress.IPv4Address):
        return str(ip)
    embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
    if embedded is not None:
        return str(embedded)
    host_bits = 128 - SUBSCRIBER_PREFIX
    return str(ipaddress.IPv6Network((int(ip) >> host_bits << host_bits, SUBSCRIBER_PREFIX)))
