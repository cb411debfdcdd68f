"""The gateway's client for Rasa's REST channel: one call per user message, with a hard timeout.

With several Rasa workers, each conversation goes to one of them, chosen by a hash of its pseudonym
(sticky: Rasa's open-source Redis lock store is known to race between instances, so one conversation
is best served by one worker). When that worker cannot be reached, the message goes to the next one,
which reads the conversation from Redis and goes on where it was. A worker that is slow is not asked
again elsewhere (it may still finish the turn): the safety net answers instead, within the same timeout.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Sequence
from typing import Any

import aiohttp


class EngineError(RuntimeError):
    """Rasa did not answer usefully in time (down, hung, error status, malformed or empty reply)."""


def merge_custom(data: list[object]) -> list[dict[str, Any]]:
    """Rasa's REST channel sends a response's `custom` block as a message of its own, after the
    text; fold it back into that text message. Messages without text are dropped."""
    messages: list[dict[str, Any]] = []
    for item in data:
        if not isinstance(item, dict):
            continue
        if isinstance(item.get("text"), str) and item["text"]:
            messages.append(dict(item))
        elif isinstance(item.get("custom"), dict) and messages and "custom" not in messages[-1]:
            messages[-1]["custom"] = item["custom"]
    return messages


def worker_order(sender: str, workers: int) -> list[int]:
    """The workers to try for this conversation: its own first (a stable hash), then the next ones."""
    first = int.from_bytes(hashlib.sha256(sender.encode()).digest()[:8], "big") % workers
    return [(first + i) % workers for i in range(workers)]


class EngineClient:
    def __init__(self, session: aiohttp.ClientSession, base_urls: Sequence[str], timeout: float) -> None:
        self._session = session
        self._bases = [url.rstrip("/") for url in base_urls]
        if not self._bases:
            raise ValueError("at least one engine address is needed")
        self._seconds = timeout
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    async def send(self, sender: str, text: str, metadata: dict[str, Any]) -> list[dict[str, Any]]:
        """The bot's messages for this user message; raises EngineError instead of returning nothing."""
        body = {"sender": sender, "message": text, "metadata": metadata}
        deadline = time.monotonic() + self._seconds
        last: Exception | None = None
        for index in worker_order(sender, len(self._bases)):
            left = deadline - time.monotonic()
            if left <= 0:
                break
            try:
                data = await self._post(self._bases[index], body, left)
            except aiohttp.ClientConnectionError as exc:
                # Refused, reset or dropped (a worker that died): the next worker takes the conversation
                # from the shared store. A worker saves a conversation only when its turn is complete,
                # so a turn cut short left nothing behind to repeat.
                last = exc
                continue
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
                raise EngineError(f"engine failed: {type(exc).__name__}") from exc
            return _messages(data)
        raise EngineError(f"no engine reachable: {type(last).__name__ if last else 'timeout'}")

    async def _post(self, base: str, body: dict[str, Any], seconds: float) -> Any:
        timeout = aiohttp.ClientTimeout(total=seconds)
        async with self._session.post(f"{base}/webhooks/rest/webhook", json=body, timeout=timeout) as resp:
            if resp.status != 200:
                raise EngineError(f"engine answered HTTP {resp.status}")
            return await resp.json(content_type=None)

    async def ready(self) -> bool:
        """True when a Rasa server answers (it listens only once its model is loaded)."""
        for base in self._bases:
            try:
                async with self._session.get(f"{base}/", timeout=self._timeout) as resp:
                    if resp.status == 200:
                        return True
            except (aiohttp.ClientError, asyncio.TimeoutError):
                continue
        return False


def _messages(data: Any) -> list[dict[str, Any]]:
    if not isinstance(data, list):
        raise EngineError("engine reply is not a list")
    messages = merge_custom(data)
    if not messages:
        raise EngineError("engine reply holds no message")
    return messages
