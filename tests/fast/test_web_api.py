"""The /api/chat contract's refusals: malformed bodies, size limits and rate limits, before the engine is asked."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestClient

from tests.fast.conftest import SESSION_ID, GatewayFactory, StubEngine, chat


async def post_raw(client: TestClient, data: bytes | str, **headers: str) -> tuple[int, dict]:
    resp = await client.post("/api/chat", data=data, headers={"Content-Type": "application/json", **headers})
    return resp.status, await resp.json()


async def test_a_body_that_is_not_json_is_refused(gateway: TestClient, stub: StubEngine) -> None:
    status, body = await post_raw(gateway, b'{"session_id": "abcdefgh", "text": ')
    assert status == 400 and "JSON" in body["error"]
    status, body = await post_raw(gateway, b"\xff\xfe not utf-8")
    assert status == 400 and "error" in body
    assert stub.calls == []


@pytest.mark.parametrize(
    ("fields", "status", "word"),
    [
        ({"mood": "curious"}, 400, "unknown field"),
        ({"session_id": "short"}, 400, "session_id"),
        ({"text": ""}, 400, "empty"),
        ({"text": "\u202e\u0007"}, 400, "empty"),
        ({"language": "xx"}, 400, "language"),
        ({"region": "Narnia"}, 400, "region"),
        ({"text": "x" * 2001}, 413, "longer than 2000"),
    ],
    ids=["unknown_field", "bad_session", "empty_text", "only_controls", "unshipped_language", "bad_region", "too_long"],
)
async def test_invalid_fields_are_refused(
    gateway: TestClient, stub: StubEngine, fields: dict, status: int, word: str
) -> None:
    got, body = await post_raw(gateway, json.dumps({"session_id": SESSION_ID, "text": "help", **fields}))
    assert got == status
    assert word in body["error"]
    assert stub.calls == []


async def test_text_at_the_limit_is_accepted(gateway: TestClient, stub: StubEngine) -> None:
    status, _ = await chat(gateway, "x" * 2000, language="en")
    assert status == 200
    assert len(stub.calls) == 1


async def test_a_body_over_the_byte_limit_is_refused(make_gateway: GatewayFactory, stub: StubEngine) -> None:
    client = await make_gateway(LANTERN_MAX_BODY_BYTES="1024")
    small = json.dumps({"session_id": SESSION_ID, "text": "a" * 900, "language": "en"})
    large = json.dumps({"session_id": SESSION_ID, "text": "a" * 1500, "language": "en"})  # under 2000 characters
    assert len(small.encode()) < 1024 < len(large.encode())
    assert (await post_raw(client, small))[0] == 200
    status, body = await post_raw(client, large)
    assert status == 413 and "1024 bytes" in body["error"]
    assert len(stub.calls) == 1


async def test_a_chunked_body_over_the_byte_limit_is_refused(make_gateway: GatewayFactory, stub: StubEngine) -> None:
    """No Content-Length to check up front: the limit must hold while the body streams in."""
    client = await make_gateway(LANTERN_MAX_BODY_BYTES="1024")
    payload = json.dumps({"session_id": SESSION_ID, "text": "a" * 1500}).encode()

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(payload), 256):
            yield payload[start : start + 256]

    resp = await client.post("/api/chat", data=chunks(), headers={"Content-Type": "application/json"})
    assert resp.status == 413
    assert stub.calls == []


async def test_the_per_session_limit_stops_the_fourth_message(make_gateway: GatewayFactory, stub: StubEngine) -> None:
    client = await make_gateway(LANTERN_RATE_PER_SESSION="3")
    statuses = [(await chat(client, f"message {n}", language="en"))[0] for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert len(stub.calls) == 3
    status, body = await chat(client, "another conversation", session_id="other-session-0002", language="en")
    assert status == 200  # the limit is per conversation, not per address
    assert len(stub.calls) == 4
    status, body = await chat(client, "again", language="en")
    assert status == 429 and "error" in body


async def test_the_per_client_limit_holds_across_sessions(make_gateway: GatewayFactory, stub: StubEngine) -> None:
    client = await make_gateway(LANTERN_RATE_PER_CLIENT="3")
    statuses = []
    for n in range(4):
        # A forged X-Forwarded-For from an untrusted peer must not give a fresh allowance.
        resp = await client.post(
            "/api/chat",
            json={"session_id": f"session-number-{n:04d}", "text": "help", "language": "en"},
            headers={"X-Forwarded-For": f"203.0.113.{n + 1}"},
        )
        statuses.append(resp.status)
    assert statuses == [200, 200, 200, 429]
    assert len(stub.calls) == 3


async def test_refusals_carry_the_security_headers(gateway: TestClient) -> None:
    resp = await gateway.post("/api/chat", data=b"nope", headers={"Content-Type": "application/json"})
    assert resp.status == 400
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in resp.headers["Content-Security-Policy"]
