"""Shared fixtures: the real stack (trained model, Rasa, actions, gateway) started once per test run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from scripts.stack import ChatClient, Stack, start_stack, stop


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


@pytest.fixture
def chat(stack: Stack) -> ChatClient:
    return ChatClient(stack.gateway_url)
