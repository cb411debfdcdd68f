"""The Telegram channel's small parts, without a stack: memory bounds, payload tokens, text
splitting, log scrubbing."""

from __future__ import annotations

import asyncio
import io
import logging

from bot.channels.telegram import install_scrubber
from bot.channels.telegram_handlers import language_hint
from bot.channels.telegram_memory import DELETE_WINDOW_SECONDS, ChatLocks, ChatMemory, Once
from bot.channels.telegram_send import MAX_TEXT, keyboard, split_text
from bot.common.payloads import chosen_language
from bot.runtime.settings import Settings


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_long_payloads_travel_as_short_tokens_and_come_back():
    memory = ChatMemory()
    long_payload = '/inform_sector{"sector":"' + "x" * 80 + '"}'
    data = memory.callback_data("k", long_payload)
    assert len(data.encode()) <= 64 and data != long_payload
    assert memory.payload("k", data) == long_payload
    assert memory.callback_data("k", long_payload) == data  # the same token again
    assert memory.payload("other-chat", data) is None  # tokens belong to their chat
    assert memory.callback_data("k", "/greet") == "/greet"
    assert memory.payload("k", "/greet") == "/greet"
    assert memory.payload("k", "not a payload") is None
    assert memory.payload("k", "~unknown") is None


def test_message_ids_are_dropped_after_telegrams_delete_window_and_on_forget():
    clock = Clock()
    memory = ChatMemory(clock=clock)
    memory.remember_message("k", 1)
    clock.now += DELETE_WINDOW_SECONDS + 1
    memory.remember_message("k", 2)
    assert memory.take_messages("k") == [2]
    assert memory.take_messages("k") == []  # taking forgets


def test_memory_is_bounded():
    memory = ChatMemory(max_chats=3)
    for i in range(10):
        memory.remember_message(f"k{i}", i)
    assert len(memory) == 3
    assert memory.take_messages("k9") == [9]


def test_once_per_window():
    clock = Clock()
    once = Once(60.0, clock=clock)
    assert once.first("a") and not once.first("a") and once.first("b")
    clock.now += 61
    assert once.first("a")


async def test_chat_locks_are_freed_when_idle():
    locks = ChatLocks()
    order: list[int] = []

    async def turn(i: int) -> None:
        async with locks.hold("k"):
            order.append(i)
            await asyncio.sleep(0.01)

    await asyncio.gather(*(turn(i) for i in range(5)))
    assert order == [0, 1, 2, 3, 4] and len(locks) == 0


def test_long_text_is_split_at_line_ends_within_telegrams_limit():
    text = "\n".join(f"line {i} " + "x" * 100 for i in range(100))
    pieces = split_text(text)
    assert len(pieces) > 1 and all(len(p) <= MAX_TEXT for p in pieces)
    assert "\n".join(pieces) == text
    assert split_text("y" * (MAX_TEXT * 2 + 5)) == ["y" * MAX_TEXT, "y" * MAX_TEXT, "y" * 5]


def test_keyboard_one_button_per_row():
    markup = keyboard([{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}], str)
    assert markup is not None
    assert [[b.callback_data for b in row] for row in markup.inline_keyboard] == [
        ["/affirm"],
        ["/deny"],
    ]
    assert keyboard([], str) is None


def test_language_helpers():
    assert language_hint("pt-br") == "pt" and language_hint(None) is None
    assert chosen_language('/choose_language{"language": "sq"}') == "sq"
    assert chosen_language("/choose_language") is None
    assert chosen_language('/choose_language{"language": 3}') is None
    assert chosen_language("/greet") is None


def test_the_token_and_secret_never_reach_a_log_line():
    token, secret = "123456:TEST-not-a-real-token", "a-long-webhook-secret"
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    installed = install_scrubber(Settings(telegram_token=token, telegram_webhook_secret=secret))
    try:
        log = logging.getLogger("telegram.test")
        log.warning("GET https://api.telegram.org/bot%s/getMe and %s", token, secret)
        try:
            raise RuntimeError(f"url /bot{token}/sendMessage")
        except RuntimeError:
            log.exception("failed")
    finally:
        installed.remove()
        root.removeHandler(handler)
    text = stream.getvalue()
    assert "getMe" in text and "RuntimeError" in text
    assert token not in text and "TEST-not-a-real-token" not in text and secret not in text
