"""Fixtures for the Telegram channel: the stand-in Bot API, one webhook gateway on the real stack,
and a small client that posts updates the way Telegram does."""

from __future__ import annotations

import itertools
import json
import random
import secrets
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from scripts.stack import Stack, start_gateway, stop
from tests.telegram.fake_bot_api import BOT_USER, FakeBotAPI

TOKEN = "123456:TEST-not-a-real-token"
SECRET = "some-secret-for-the-tests"  # at least 16 characters, as the gateway requires
RATE_PER_CHAT = 8
_update_ids = itertools.count(random.randint(10_000, 500_000))
_message_ids = itertools.count(1)
# Every id, name and text the tests show the gateway, so the log test can look for each one.
SEEN: dict[str, set[str]] = {"ids": set(), "names": set(), "texts": set()}
LOGS: list[Path] = []


@dataclass
class Gateway:
    url: str
    log: Path
    secret: str | None = SECRET

    def post(self, body: Any, secret: str | None = "default", raw: bytes | None = None) -> tuple[int, Any]:
        data = raw if raw is not None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"}
        secret = self.secret if secret == "default" else secret
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        req = urllib.request.Request(f"{self.url}/telegram/webhook", data=data, method="POST", headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                payload = resp.read()
                return resp.status, json.loads(payload) if payload else None
        except urllib.error.HTTPError as err:
            payload = err.read()
            return err.code, json.loads(payload) if payload else None


def new_chat_id() -> int:
    return random.randint(7_000_000_000, 7_999_999_999)  # ten digits: nothing else in a log looks like it


@dataclass
class TelegramUser:
    """One person in a private chat (chat id = user id, as in Telegram), or a member of a group."""

    api: FakeBotAPI
    gateway: Gateway
    language_code: str = "en"
    chat_id: int = field(default_factory=new_chat_id)
    chat_type: str = "private"

    def __post_init__(self) -> None:
        self.user_id = self.chat_id if self.chat_type == "private" else new_chat_id()
        self.username = f"lantern_tester_{secrets.token_hex(4)}"
        self.first_name = f"Ana{secrets.token_hex(3)}"
        SEEN["ids"].update({str(self.chat_id), str(self.user_id)})
        SEEN["names"].update({self.username, self.first_name})

    @property
    def user(self) -> dict[str, Any]:
        return {
            "id": self.user_id,
            "is_bot": False,
            "first_name": self.first_name,
            "username": self.username,
            "language_code": self.language_code,
        }

    @property
    def chat(self) -> dict[str, Any]:
        if self.chat_type == "private":
            return {
                "id": self.chat_id,
                "type": "private",
                "first_name": self.first_name,
                "username": self.username,
            }
        return {
            "id": self.chat_id,
            "type": self.chat_type,
            "title": f"Group {secrets.token_hex(2)}",
        }

    def message_update(self, text: str | None = None, **extra: Any) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": next(_message_ids),
            "date": int(time.time()),
            "chat": self.chat,
            "from": self.user,
            **extra,
        }
        if text is not None:
            message["text"] = text
            SEEN["texts"].add(text)
            if text.startswith("/"):
                length = len(text.split()[0])
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return {"update_id": next(_update_ids), "message": message}

    def press_update(self, data: str, message_id: int) -> dict[str, Any]:
        query = {
            "id": str(random.randint(10**15, 10**16)),
            "from": self.user,
            "chat_instance": "42",
            "data": data,
            "message": {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": self.chat,
                "from": BOT_USER,
                "text": "…",
            },
        }
        return {"update_id": next(_update_ids), "callback_query": query}

    def replies(self) -> list[dict[str, Any]]:
        return self.api.sent(self.chat_id)

    def deliver(self, update: dict[str, Any], settle: float = 0.8, expect: bool = True) -> list[dict[str, Any]]:
        """Post one update; return the messages the bot sent for it (once they stop coming)."""
        before = len(self.replies())
        status, body = self.gateway.post(update)
        assert status == 200, (status, body)
        if not expect:
            time.sleep(settle * 2)
            return self.replies()[before:]
        self.api.wait(lambda: len(self.replies()) > before, what="a reply")
        count = len(self.replies())
        while True:
            time.sleep(settle)
            if len(self.replies()) == count:
                return self.replies()[before:]
            count = len(self.replies())

    def say(self, text: str, **kwargs: Any) -> list[dict[str, Any]]:
        return self.deliver(self.message_update(text), **kwargs)

    def press(self, data: str, message_id: int, **kwargs: Any) -> list[dict[str, Any]]:
        return self.deliver(self.press_update(data, message_id), **kwargs)


def buttons(message: dict[str, Any]) -> list[dict[str, str]]:
    markup = message.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


@pytest.fixture(scope="session")
def bot_api() -> Iterator[FakeBotAPI]:
    api = FakeBotAPI(TOKEN)
    api.start()
    yield api
    api.stop()


def telegram_env(api: FakeBotAPI, **extra: str) -> dict[str, str]:
    return {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": api.url, **extra}


@pytest.fixture(scope="session")
def gateway(stack: Stack, bot_api: FakeBotAPI, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gateway]:
    """A gateway in webhook mode on the real stack's Rasa, talking to the stand-in Bot API."""
    env = telegram_env(
        bot_api,
        TELEGRAM_WEBHOOK_SECRET=SECRET,
        TELEGRAM_WEBHOOK_URL="https://lantern.example/telegram/webhook",
        LANTERN_RATE_PER_SESSION=str(RATE_PER_CHAT),
    )
    proc, url, log = start_gateway(stack, tmp_path_factory.mktemp("telegram"), env)
    LOGS.append(log)
    try:
        bot_api.wait(lambda: bot_api.calls_of("setWebhook"), timeout=30, what="setWebhook")
        yield Gateway(url, log)
    finally:
        stop(proc)


@pytest.fixture
def person(bot_api: FakeBotAPI, gateway: Gateway) -> TelegramUser:
    return TelegramUser(bot_api, gateway)
