"""The address a request really came from, for the per-address rate limit.

Behind a reverse proxy every request arrives from the proxy, so one shared limit would lock everybody
out together. Only when the direct peer is a proxy the operator named (LANTERN_TRUSTED_PROXIES) is the
X-Forwarded-For header believed, read from the right, skipping further trusted proxies; anyone else
could forge it. The address is used only as a rate-limit key, never logged.
"""

from __future__ import annotations

import ipaddress

MAX_HOPS = 20  # a longer X-Forwarded-For chain is not believed beyond this many entries


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(peer: str | None, forwarded_for: str | None, trusted: frozenset[str]) -> str:
    """The first untrusted address from the right of peer + X-Forwarded-For; the peer if none is valid."""
    peer_ip = _valid(peer or "") or "unknown"
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
