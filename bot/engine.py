"""The gateway's client for Rasa's REST channel: one call per user message, with a hard timeout."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp


class EngineError(RuntimeError):
    """Rasa did not answer usefully in time (down, hung, error status, malformed or empty reply)."""


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
        messages = [m for m in data if isinstance(m, dict) and isinstance(m.get("text"), str) and m["text"]]
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
