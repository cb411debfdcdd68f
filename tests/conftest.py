"""Shared fixtures: the real stack (trained model, Rasa, actions, gateway) started once per test run."""

from __future__ import annotations

import json
import urllib.request
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from scripts.stack import Stack, start_stack, stop


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test that reaches the real stack must carry the `stack` marker, so `make test-fast` never starts it."""
    unmarked = [
        item.nodeid
        for item in items
        if "stack" in getattr(item, "fixturenames", ()) and item.get_closest_marker("stack") is None
    ]
    if unmarked:
        raise pytest.UsageError("tests that use the stack fixture need @pytest.mark.stack: " + ", ".join(unmarked))


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    running = start_stack(tmp_path_factory.mktemp("stack"))
    yield running
    stop(running.proc)


class ChatClient:
    """Talks to /api/chat like the web page does; one fresh session id per client."""

    def __init__(self, base_url: str, language: str | None = None) -> None:
        self.base_url = base_url
        self.session_id = "t-" + uuid.uuid4().hex[:20]
        self.language = language

    def send(self, text: str, **fields: Any) -> dict[str, Any]:
        body: dict[str, Any] = {"session_id": self.session_id, "text": text, **fields}
        if self.language and "language" not in fields:
            body["language"] = self.language
        request = urllib.request.Request(
            f"{self.base_url}/api/chat",
            data=json.dumps(body).encode(),
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as resp:
            return json.loads(resp.read())

    def texts(self, text: str, **fields: Any) -> str:
        """All reply texts of one turn joined, for simple assertions."""
        return "\n".join(m["text"] for m in self.send(text, **fields)["messages"])


@pytest.fixture
def chat(stack: Stack) -> ChatClient:
    return ChatClient(stack.gateway_url)
