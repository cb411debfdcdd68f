"""The gateway's client for Rasa's REST channel: one call per user message, with a hard timeout."""

from __future__ import annotations

import asyncio
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


class EngineClient:
    def __init__(self, session: aiohttp.ClientSession, base_url: str, timeout: float) -> None:
        self._session = session
        self._base = base_url.rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    async def send(self, sender: str, text: str, metadata: dict[str, Any]) -> list[dict[str, Any]]:
        """The bot's messages for this user message; raises EngineError instead of returning nothing."""
        body = {"sender": sender, "message": text, "metadata": metadata}
        try:
            async with self._session.post(
                f"{self._base}/webhooks/rest/webhook", json=body, timeout=self._timeout
            ) as resp:
                if resp.status != 200:
                    raise EngineError(f"engine answered HTTP {resp.status}")
                data = await resp.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
            raise EngineError(f"engine unreachable: {type(exc).__name__}") from exc
        if not isinstance(data, list):
            raise EngineError("engine reply is not a list")
        messages = merge_custom(data)
        if not messages:
            raise EngineError("engine reply holds no message")
        return messages

    async def ready(self) -> bool:
        """True when the Rasa server answers (it listens only once its model is loaded)."""
        try:
            async with self._session.get(f"{self._base}/", timeout=self._timeout) as resp:
                return resp.status == 200
        except (aiohttp.ClientError, asyncio.TimeoutError):
            return False
