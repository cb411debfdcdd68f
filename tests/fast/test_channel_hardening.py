"""Channel hardening: HSTS and a versionless Server header on every response, per-/64 client limits,
Telegram webhook secrets of at least 16 characters, /forget beyond the rate limit, Telegram memory swept."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.app import create_public_app
from bot.channels.telegram import WEBHOOK_PATH, secret_problem
from bot.channels.telegram_handlers import TelegramChannel, limited
from bot.channels.telegram_memory import ChatMemory, Once
from bot.common.names import PAYLOAD_FORGET, PAYLOAD_GREET, UTTER_ERROR_RATE_LIMITED
from bot.content.catalog_store import CatalogStore
from bot.runtime.settings import Settings
from bot.turn.conversation import Reply
from tests.fast.conftest import SESSION_ID, GatewayFactory, StubEngine, settings_for

# Every kind of response: a handler's, the JSON API's, a refusal, the router's own errors, a static file.
REQUESTS = [
    ("GET", "/", 200),
    ("GET", "/api/locales", 200),
    ("POST", "/api/chat", 400),
    ("GET", "/api/chat", 405),
    ("GET", "/no-such-page", 404),
    ("GET", "/static/app.js", 200),
    ("GET", "/static/no-such-file.js", 404),
]


async def responses(client: TestClient) -> list[Any]:
    out = []
    for method, path, status in REQUESTS:
        resp = await client.request(method, path, data=b"nope" if method == "POST" else None)
        assert resp.status == status, path
        out.append(resp)
    return out


async def test_every_response_names_lantern_and_no_versions(gateway: TestClient) -> None:
    for resp in await responses(gateway):
        assert resp.headers["Server"] == "Lantern", resp.url.path


async def test_hsts_is_on_every_response_when_configured(make_gateway: GatewayFactory) -> None:
    client = await make_gateway(LANTERN_HSTS_SECONDS="31536000")
    for resp in await responses(client):
        assert resp.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains", resp.url.path


async def test_no_hsts_by_default(gateway: TestClient) -> None:
    for resp in await responses(gateway):
        assert "Strict-Transport-Security" not in resp.headers


async def test_the_client_limit_keys_ipv6_by_its_64(make_gateway: GatewayFactory, stub: StubEngine) -> None:
    client = await make_gateway(LANTERN_RATE_PER_CLIENT="2", LANTERN_TRUSTED_PROXIES="127.0.0.1")

    async def status(forwarded_for: str, n: int) -> int:
        body = {"session_id": f"{SESSION_ID}-{n}", "text": "help", "language": "en"}
        return (await client.post("/api/chat", json=body, headers={"X-Forwarded-For": forwarded_for})).status

    rotating = ["2001:db8:a:b::1", "2001:db8:a:b::2", "2001:db8:a:b:ffff::3"]
    assert [await status(address, n) for n, address in enumerate(rotating)] == [200, 200, 429]
    assert await status("2001:db8:a:c::1", 9) == 200  # another /64, another subscriber
    assert len(stub.calls) == 3


# --- Telegram webhook secret ---


@pytest.mark.parametrize(
    ("secret", "ok"),
    [
        ("a" * 15, False),
        ("a" * 16, True),
        ("A-z_09" * 40 + "x" * 16, True),
        ("a" * 257, False),
        ("a" * 15 + "!", False),
    ],
    ids=["15", "16", "256", "257", "bad_character"],
)
def test_webhook_secret_rules(secret: str, ok: bool) -> None:
    assert (secret_problem(secret) is None) is ok


def telegram_app(locales_dir: Path, store: CatalogStore, secret: str) -> Any:
    """The public app with Telegram in webhook mode, built but never started (nothing reaches Telegram)."""
    env = {"TELEGRAM_BOT_TOKEN": "123456:TEST-not-a-real-token", "TELEGRAM_WEBHOOK_SECRET": secret}
    return create_public_app(settings_for("http://127.0.0.1:9", locales_dir, **env), store)


def webhook_routed(app: Any) -> bool:
    return any(r.get_info().get("path") == WEBHOOK_PATH for r in app.router.resources())


def test_a_short_webhook_secret_keeps_telegram_off_and_says_why(
    locales_dir: Path, store: CatalogStore, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "short-secret-15"
    with caplog.at_level(logging.ERROR):
        app = telegram_app(locales_dir, store, secret)
    assert not webhook_routed(app)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert "shorter than 16" in errors[0].getMessage() and secret not in caplog.text


def test_a_16_character_webhook_secret_turns_telegram_on(locales_dir: Path, store: CatalogStore) -> None:
    assert webhook_routed(telegram_app(locales_dir, store, "sixteen-chars-ok"))


# --- Telegram: /forget beyond the rate limit, memory swept ---


async def test_only_a_forget_request_passes_a_spent_limit_and_it_uses_none_of_it() -> None:
    calls: list[bool] = []

    async def spent() -> bool:
        calls.append(False)
        return False

    async def fresh() -> bool:
        return True

    assert await limited("hello", spent) and await limited(PAYLOAD_GREET, spent) and await limited(None, spent)
    assert not await limited(PAYLOAD_FORGET, spent)
    assert len(calls) == 3  # the forget request never touched the limiter
    assert not await limited("hello", fresh)


class StandInConversations:
    def __init__(self) -> None:
        self.texts: list[str] = []

    def key(self, channel: str, raw_id: str) -> str:
        return f"{channel}-{raw_id}"

    async def handle(self, channel: str, key: str, text: str, **kwargs: Any) -> Reply:
        self.texts.append(text)
        return Reply("en", "ltr", [{"text": f"reply to {text}"}])

    async def forget_local(self, key: str) -> None:
        pass

    async def render_local(
        self, key: str, response: str, language: str | None = None, channel: str | None = None
    ) -> dict[str, Any]:
        return {"text": response}


class StandInBot:
    def __init__(self) -> None:
        self.sent: list[str] = []
        self.deleted: list[int] = []

    async def send_message(self, chat_id: int, text: str, **kwargs: Any) -> Any:
        self.sent.append(text)
        return SimpleNamespace(message_id=1000 + len(self.sent))

    async def delete_messages(self, chat_id: int, message_ids: list[int]) -> bool:
        self.deleted.extend(message_ids)
        return True


async def test_a_rate_limited_chat_can_still_forget_at_once() -> None:
    conversations, bot = StandInConversations(), StandInBot()
    channel = TelegramChannel(Settings(rate_per_session=1), None, conversations, bot)  # type: ignore[arg-type]
    update: Any = SimpleNamespace(effective_chat=SimpleNamespace(id=42), effective_user=None)
    await channel._converse(update, "hello", 1)
    await channel._converse(update, "hello again", 2)  # over the limit: the notice, no turn
    await channel._converse(update, PAYLOAD_FORGET, 3)
    assert conversations.texts == ["hello", PAYLOAD_FORGET]
    assert UTTER_ERROR_RATE_LIMITED in bot.sent
    assert sorted(bot.deleted) == [1, 2, 3, 1001, 1002]  # both sides of the chat, the /forget too


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_chat_memory_sweep_forgets_idle_chats() -> None:
    clock = Clock()
    memory = ChatMemory(clock=clock)
    memory.remember_message("idle", 1)
    clock.now += 100
    memory.remember_message("active", 2)
    clock.now += 50
    assert memory.sweep(idle_seconds=120) == 1
    assert memory.take_messages("idle") == [] and len(memory) == 1
    assert memory.sweep() == 0  # by default a chat is kept for Telegram's delete window
    memory.forget("active")
    assert len(memory) == 0 and memory.take_messages("active") == []


def test_once_sweep_forgets_keys_past_their_window() -> None:
    clock = Clock()
    once = Once(60.0, clock=clock)
    assert once.first("a")
    clock.now += 30
    assert once.first("b")
    clock.now += 30
    assert once.sweep() == 1 and len(once) == 1
    assert not once.first("b") and once.first("a")


def test_the_telegram_channel_sweeps_all_it_holds() -> None:
    channel = TelegramChannel(Settings(), None, StandInConversations(), StandInBot())  # type: ignore[arg-type]
    asyncio.run(channel.memory.remember_message("k", 1))
    assert channel.sweep() == 0 and len(channel.memory) == 1  # type: ignore[arg-type]
    assert channel.sweep(idle_seconds=-1.0) == 1 and len(channel.memory) == 0  # type: ignore[arg-type]
