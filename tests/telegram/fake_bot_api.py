"""A stand-in for the Telegram Bot API: aiohttp on 127.0.0.1 (its own thread and event loop, in the
test process), answering the methods python-telegram-bot calls and recording every call."""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

BOT_USER = {
    "id": 123456,
    "is_bot": True,
    "first_name": "Lantern",
    "username": "LanternTestBot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
JSON_FIELDS = {
    "chat_id",
    "message_id",
    "message_ids",
    "reply_markup",
    "allowed_updates",
    "offset",
    "limit",
    "timeout",
    "link_preview_options",
    "drop_pending_updates",
}


@dataclass(frozen=True)
class Call:
    method: str
    params: dict[str, Any]
    at: float


class FakeBotAPI:
    def __init__(self, token: str) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.updates: list[dict[str, Any]] = []  # what getUpdates hands out (polling)
        self.flood_once: set[int] = set()  # chats whose next sendMessage gets a 429 retry_after 1
        self.refuse: set[tuple[str, int]] = set()  # (method, chat id) answered 400
        self._ids = itertools.count(100_000)
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None
        self.url = ""

    # --- lifecycle ---

    def start(self) -> str:
        self._thread.start()
        self.url = asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self.url

    async def _start(self) -> str:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    # --- what tests read ---

    def calls_of(self, method: str, chat_id: int | None = None) -> list[Call]:
        with self._lock:
            return [
                c for c in self.calls if c.method == method and (chat_id is None or c.params.get("chat_id") == chat_id)
            ]

    def sent(self, chat_id: int) -> list[dict[str, Any]]:
        """Every sendMessage to this chat, with the message_id it was given."""
        return [c.params for c in self.calls_of("sendMessage", chat_id) if "message_id" in c.params]

    def deleted(self, chat_id: int) -> list[int]:
        ids = [c.params["message_id"] for c in self.calls_of("deleteMessage", chat_id)]
        for c in self.calls_of("deleteMessages", chat_id):
            if ("deleteMessages", chat_id) not in self.refuse:
                ids.extend(c.params["message_ids"])
        return ids

    def wait(self, condition: Callable[[], Any], timeout: float = 20.0, what: str = "a call") -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = condition()
            if result:
                return result
            time.sleep(0.05)
        raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")

    def queue_update(self, update: dict[str, Any]) -> None:
        with self._lock:
            self.updates.append(update)

    # --- the API ---

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            raw: dict[str, Any] = await request.json()
        else:
            raw = dict(await request.post())
        params: dict[str, Any] = {}
        for name, value in raw.items():
            if name in JSON_FIELDS and isinstance(value, str):
                try:
                    value = json.loads(value)
                except ValueError:
                    pass
            params[name] = value
        return params

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        params = await self._params(request)
        chat_id = params.get("chat_id")
        with self._lock:
            if method == "sendMessage" and chat_id in self.flood_once:
                self.flood_once.discard(chat_id)
                self.calls.append(Call("sendMessage(429)", params, time.monotonic()))
                return web.json_response(
                    {
                        "ok": False,
                        "error_code": 429,
                        "description": "Too Many Requests: retry after 1",
                        "parameters": {"retry_after": 1},
                    },
                    status=429,
                )
            refused = (method, chat_id) in self.refuse
            if method == "sendMessage":
                params["message_id"] = next(self._ids)
            self.calls.append(Call(method, params, time.monotonic()))
        if refused:
            return web.json_response(
                {"ok": False, "error_code": 400, "description": "Bad Request: refused by the test"},
                status=400,
            )
        if method == "getUpdates":
            return web.json_response({"ok": True, "result": await self._get_updates(params)})
        result = self._result(method, params)
        if result is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        return web.json_response({"ok": True, "result": result})

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method == "sendMessage":
            chat_id = params["chat_id"]
            message: dict[str, Any] = {
                "message_id": params["message_id"],
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
                "from": BOT_USER,
                "text": params.get("text", ""),
            }
            if isinstance(params.get("reply_markup"), dict):
                message["reply_markup"] = params["reply_markup"]
            return message
        if method in {
            "setWebhook",
            "deleteWebhook",
            "answerCallbackQuery",
            "deleteMessage",
            "deleteMessages",
            "editMessageReplyMarkup",
            "setMyCommands",
            "close",
            "logOut",
        }:
            return True
        return None

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Long polling, shortened: hand out what is queued from `offset`, else wait up to 0.5 s."""
        offset = int(params.get("offset") or 0)
        for _ in range(10):
            with self._lock:
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
                ready = list(self.updates)
            if ready:
                return ready
            await asyncio.sleep(0.05)
        return []
