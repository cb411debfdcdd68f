"""The gateway's Redis stores against a real redis-server: the same behaviour as in memory, every key
with an expiry and none holding a raw id; a Redis that is down never refuses a message."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.channels.shared_limits import RedisOnce, RedisRateLimiter
from bot.channels.telegram_state import RedisChatState
from bot.runtime.redis_client import connect
from bot.turn.sessions import SessionState
from bot.turn.shared_sessions import RedisSessionStore
from scripts.redis_server import RedisServer, start_redis

pytestmark = pytest.mark.stack  # starts a redis-server process

SECRET = b"test-secret-not-for-production"
CHAT = "te-0123456789abcdef0123456789abcdef"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    running = start_redis(tmp_path_factory.mktemp("redis-stores"))
    yield running
    running.stop()


@pytest.fixture
async def client(server: RedisServer) -> AsyncIterator:
    redis = connect(server.url)
    await redis.flushdb()
    yield redis
    await redis.close()


async def every_key_expires(client) -> list[str]:
    keys = [key async for key in client.scan_iter()]
    for key in keys:
        assert await client.pttl(key) > 0, key
    return keys


async def test_session_state_round_trips_and_expires(client):
    store = RedisSessionStore(client, ttl_seconds=60)
    assert await store.load(CHAT) == SessionState()
    await store.store(CHAT, SessionState(language="ar", language_explicit=True, region="HR", region_explicit=True))
    loaded = await store.load(CHAT)
    assert (loaded.language, loaded.language_explicit, loaded.region, loaded.region_explicit) == (
        "ar",
        True,
        "HR",
        True,
    )
    assert await every_key_expires(client)
    await store.drop(CHAT)
    assert await store.load(CHAT) == SessionState()


async def test_telegram_memory_in_redis(client):
    memory = RedisChatState(client)
    await memory.remember_message(CHAT, 11)
    await memory.remember_message(CHAT, 12)
    long_payload = '/inform_sector{"sector":"' + "x" * 80 + '"}'
    token = await memory.callback_data(CHAT, long_payload)
    assert len(token.encode()) <= 64 and await memory.payload(CHAT, token) == long_payload
    assert await memory.callback_data(CHAT, long_payload) == token
    assert await memory.payload("te-other", token) is None
    assert await memory.callback_data(CHAT, "/greet") == "/greet"
    keys = await every_key_expires(client)
    assert all(CHAT in key for key in keys)  # keyed by the pseudonym, never a raw chat id
    assert await memory.take_messages(CHAT) == [11, 12]
    assert [key async for key in client.scan_iter()] == []  # taking forgets everything of the chat


async def test_shared_rate_limit_and_notices(client):
    limit = RedisRateLimiter(client, 2, "session", SECRET)
    assert [await limit.admit(CHAT) for _ in range(3)] == [True, True, False]
    other = RedisRateLimiter(client, 2, "session", SECRET)  # another gateway: the same budget
    assert not await other.admit(CHAT)
    keys = await every_key_expires(client)
    assert not any(CHAT in key for key in keys)  # a keyed hash, not the pseudonym
    await limit.drop(CHAT)
    assert await other.admit(CHAT)
    once = RedisOnce(client, 60, "quiet", SECRET)
    assert await once.first_time(CHAT) and not await RedisOnce(client, 60, "quiet", SECRET).first_time(CHAT)


async def test_a_redis_that_is_down_refuses_nobody(tmp_path: Path):
    down = start_redis(tmp_path)
    url = down.url
    down.stop()
    client = connect(url)
    try:
        assert await RedisRateLimiter(client, 1, "session", SECRET).admit(CHAT)
        assert await RedisOnce(client, 60, "quiet", SECRET).first_time(CHAT)
    finally:
        await client.close()
