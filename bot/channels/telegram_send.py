"""Talking back to Telegram: replies with inline keyboards, deletion for /forget, RetryAfter.

Callers hold the chat's lock, so one chat's messages go out one after another, in order (Telegram
allows about one message a second per chat); a flood-control answer (RetryAfter) is waited out once.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import warnings
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.error import RetryAfter, TelegramError

from bot.channels.telegram_state import ChatState

logger = logging.getLogger(__name__)
T = TypeVar("T")
MAX_TEXT = 4096  # Telegram's limit per message
MAX_RETRY_WAIT = 60.0  # longer waits fail the call (the error handler logs it)
DELETE_BATCH = 100  # deleteMessages takes up to 100 ids
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def retry_seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB warns that the type will become a timedelta
        warnings.simplefilter("ignore")
        value: Any = exc.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


async def call(fn: Callable[..., Awaitable[T]], /, *args: Any, **kwargs: Any) -> T:
    """Call the Bot API; on flood control wait as told (once) and try again."""
    try:
        return await fn(*args, **kwargs)
    except RetryAfter as exc:
        wait = retry_seconds(exc)
        if wait > MAX_RETRY_WAIT:
            raise
        logger.warning("Telegram flood control: waiting %.0f s before retrying once.", wait)
        await asyncio.sleep(wait)
        return await fn(*args, **kwargs)


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Pieces of at most `limit` characters, cut at line ends where possible."""
    pieces: list[str] = []
    current = ""
    for line in text.splitlines(keepends=True):
        while len(line) > limit:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:limit])
            line = line[limit:]
        if len(current) + len(line) > limit:
            pieces.append(current)
            current = ""
        current += line
    if current:
        pieces.append(current)
    return [p.strip("\n") for p in pieces if p.strip()]


def keyboard(buttons: Sequence[dict[str, str]], data_for: Callable[[str], str]) -> InlineKeyboardMarkup | None:
    """One button per row (titles can be long in some languages); callback data is the payload."""
    rows = [
        [InlineKeyboardButton(b["title"], callback_data=data_for(b["payload"]))]
        for b in buttons
        if b.get("title") and b.get("payload")
    ]
    return InlineKeyboardMarkup(rows) if rows else None


class Sender:
    def __init__(self, bot: Bot, memory: ChatState) -> None:
        self._bot = bot
        self._memory = memory

    async def send(self, chat_id: int, key: str, messages: Sequence[dict[str, Any]], track: bool = True) -> None:
        """Each message in order, its buttons on its last piece; sent ids are kept for /forget."""
        for message in messages:
            pieces = split_text(str(message.get("text") or ""))
            buttons = message.get("buttons") or []
            data = {
                b["payload"]: await self._memory.callback_data(key, b["payload"]) for b in buttons if b.get("payload")
            }
            markup = keyboard(buttons, data.__getitem__)
            for i, piece in enumerate(pieces):
                sent = await call(
                    self._bot.send_message,
                    chat_id=chat_id,
                    text=piece,
                    reply_markup=markup if i == len(pieces) - 1 else None,
                    link_preview_options=NO_PREVIEW,
                )
                if track:
                    await self._memory.remember_message(key, sent.message_id)

    async def delete(self, chat_id: int, message_ids: Sequence[int]) -> int:
        """Delete what Telegram still allows; returns how many went. Never raises."""
        deleted = 0
        for start in range(0, len(message_ids), DELETE_BATCH):
            batch = list(message_ids[start : start + DELETE_BATCH])
            try:
                await call(self._bot.delete_messages, chat_id=chat_id, message_ids=batch)
                deleted += len(batch)
                continue
            except TelegramError as exc:  # e.g. a local Bot API server without deleteMessages
                logger.info("deleteMessages failed (%s); deleting one by one.", type(exc).__name__)
            for message_id in batch:
                try:
                    await call(self._bot.delete_message, chat_id=chat_id, message_id=message_id)
                    deleted += 1
                except TelegramError:  # already deleted by the user, or too old
                    pass
        return deleted
