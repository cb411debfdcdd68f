"""Keep one HTTP connection pool per Rasa endpoint instead of one per request.

Rasa 3.6 opens a new aiohttp ClientSession (so a new TCP connection) for every call to the NLG
endpoint and the action server: several per message. Under load that connection churn cost both
the Rasa server and the gateway CPU (profiled with py-spy). `install()` makes
`EndpointConfig.session()` hand out one long-lived session per endpoint and event loop, wrapped so
that Rasa's `async with endpoint.session() as s:` no longer closes it. Timeouts, headers and auth are
the endpoint's own, exactly as before.
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

_ORIGINAL = EndpointConfig.session
# Below the idle timeouts of the servers we call (the action server's Sanic closes after 5 s), so a
# pooled connection is never reused just as the server closes it.
KEEPALIVE_SECONDS = 4.0


class _Borrowed:
    """`async with` yields the shared session and leaves it open."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self._session

    async def __aexit__(self, *exc: Any) -> None:
        return None


def _shared_session(self: EndpointConfig) -> Any:
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:  # not inside an event loop: behave exactly as Rasa does
        return _ORIGINAL(self)
    cached = getattr(self, "_lantern_session", None)
    if cached is None or cached[0] is not loop or cached[1].closed:
        auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"]) if self.basic_auth else None
        session = aiohttp.ClientSession(
            headers=self.headers,
            auth=auth,
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS),
        )
        cached = (loop, session)
        self._lantern_session = cached
    return _Borrowed(cached[1])


def install() -> None:
    """Idempotent."""
    EndpointConfig.session = _shared_session
