"""Fixtures for the fast tier: a scriptable stand-in for Rasa's REST channel and the public app, in-process."""

from __future__ import annotations

import asyncio
import shutil
import socket
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_public_app
from bot.content.catalog_store import CatalogStore
from bot.content.locales import Catalog
from bot.runtime.settings import ROOT, Settings
from tests.project_model import project_model, project_places

SESSION_ID = "fast-test-session-0001"


@dataclass(frozen=True)
class EngineCall:
    """One request the stand-in engine received."""

    sender: str
    message: str
    metadata: dict[str, Any]
    raw: str  # the whole body as sent, to look for anything that must not be there


@dataclass
class Script:
    """How the stand-in engine answers one request."""

    messages: list[dict[str, Any]] = field(default_factory=lambda: [{"text": "Engine says hello."}])
    status: int = 200
    delay: float = 0.0
    raw: str | None = None  # a body sent as is (e.g. not JSON) instead of the messages


class StubEngine:
    """Stands in for Rasa's REST channel: answers from a queue of scripts (then `default`), records calls."""

    def __init__(self) -> None:
        self.default = Script()
        self.queue: deque[Script] = deque()
        self.calls: list[EngineCall] = []
        self.healthy = True

    def then(self, messages: list[dict[str, Any]] | None = None, **kwargs: Any) -> None:
        """Script the next answer (answers are used in the order they were scripted)."""
        self.queue.append(Script(messages=messages if messages is not None else Script().messages, **kwargs))

    def always(self, messages: list[dict[str, Any]] | None = None, **kwargs: Any) -> None:
        """Script every answer that has no one-off script."""
        self.default = Script(messages=messages if messages is not None else Script().messages, **kwargs)

    async def _webhook(self, request: web.Request) -> web.Response:
        raw = await request.text()
        body = await request.json()
        self.calls.append(EngineCall(body["sender"], body["message"], body["metadata"], raw))
        script = self.queue.popleft() if self.queue else self.default
        if script.delay:
            await asyncio.sleep(script.delay)
        if script.raw is not None:
            return web.Response(text=script.raw, status=script.status, content_type="text/html")
        messages = [{"recipient_id": body["sender"], **m} for m in script.messages]
        return web.json_response(messages, status=script.status)

    async def _root(self, request: web.Request) -> web.Response:
        return web.Response(text="Hello from Rasa: 3.6.21") if self.healthy else web.Response(status=503)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", self._webhook)
        app.router.add_get("/", self._root)
        return app


def free_port_url() -> str:
    """The address of a loopback port nothing listens on (connections are refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def settings_for(engine_url: str, locales_dir: Path, **env: str) -> Settings:
    base = {
        "LANTERN_RASA_URL": engine_url,
        "LANTERN_PSEUDONYM_SECRET": "x" * 32,
        "LANTERN_ENGINE_TIMEOUT": "0.5",
        "LANTERN_RELOAD_SECONDS": "0.2",
        "LANTERN_LOCALES_DIR": str(locales_dir),
    }
    return Settings.from_env({**base, **env})


async def chat(client: TestClient, text: str, session_id: str = SESSION_ID, **fields: Any) -> tuple[int, Any]:
    """POST /api/chat like the web page; (status, JSON body)."""
    resp = await client.post("/api/chat", json={"session_id": session_id, "text": text, **fields})
    return resp.status, await resp.json()


def texts(body: dict[str, Any]) -> list[str]:
    return [m["text"] for m in body["messages"]]


@pytest.fixture(scope="session")
def locales_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of locales/, so edits elsewhere in the tree cannot change a run half-way."""
    target = tmp_path_factory.mktemp("fast") / "locales"
    shutil.copytree(ROOT / "locales", target)
    return target


@pytest.fixture(scope="session")
def store(locales_dir: Path) -> CatalogStore:
    return CatalogStore(locales_dir, "en")


@pytest.fixture(scope="session")
def catalog(store: CatalogStore) -> Catalog:
    return store.current


@pytest.fixture
def stub() -> StubEngine:
    return StubEngine()


@pytest.fixture
async def stub_url(stub: StubEngine, aiohttp_server: Callable[..., Awaitable[TestServer]]) -> str:
    server = await aiohttp_server(stub.app())
    return str(server.make_url("")).rstrip("/")


GatewayFactory = Callable[..., Awaitable[TestClient]]


@pytest.fixture
def make_gateway(
    aiohttp_client: Callable[..., Awaitable[TestClient]], store: CatalogStore, locales_dir: Path, stub_url: str
) -> GatewayFactory:
    """Builds the public app (on the stand-in engine unless `engine_url` is given) and a client for it."""

    async def make(
        engine_url: str | None = None,
        own_store: CatalogStore | None = None,
        own_locales: Path | None = None,
        **env: str,
    ) -> TestClient:
        settings = settings_for(engine_url or stub_url, own_locales or locales_dir, **env)
        app = create_public_app(
            settings, own_store or store, language_model=project_model(), place_data=project_places()
        )
        return await aiohttp_client(app)

    return make


@pytest.fixture
async def gateway(make_gateway: GatewayFactory) -> TestClient:
    return await make_gateway()
