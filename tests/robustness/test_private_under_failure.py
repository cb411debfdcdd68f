"""Privacy that holds under failure, on a stack of its own at DEBUG level with a short real TTL:
no user text in anything any process prints (also when Rasa answers late), forgetting that tells the
truth when the engine is hung, and erasing on time with no traffic at all."""

from __future__ import annotations

import os
import signal
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.common.names import PAYLOAD_FORGET, PAYLOAD_HELP
from bot.content.locales import load_catalog
from bot.content.render import render
from bot.runtime.settings import ROOT
from scripts.stack import ChatClient, Stack, children, start_stack, stop

pytestmark = pytest.mark.stack  # starts a real stack of its own

TTL_MINUTES = 0.1  # six seconds: the sweep runs every 1.5 s
HELP = render(load_catalog(ROOT / "locales"), "utter_help", "en", "GB", confirmed=False).text


@pytest.fixture(scope="module")
def private_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    running = start_stack(
        tmp_path_factory.mktemp("private-stack"),
        {"LANTERN_LOG_LEVEL": "DEBUG", "LANTERN_SESSION_TTL_MINUTES": str(TTL_MINUTES)},
    )
    yield running
    stop(running.proc)


def unique_words() -> str:
    return f"quokka {uuid.uuid4().hex[:10]} marmalade"


def wait_until_rasa_answers(stack: Stack, timeout: float = 120.0) -> None:
    """Until a help request gets the engine's help text again, not the safety net."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ChatClient(stack.gateway_url, language="en").send(PAYLOAD_HELP)["messages"][0]["text"] == HELP:
            return
        time.sleep(1)
    raise AssertionError("Rasa did not answer again:\n" + stack.log_text()[-3000:])


def test_a_late_reply_leaves_no_user_text_in_anything_the_stack_printed(private_stack: Stack) -> None:
    rasa = children(private_stack.proc.pid)["rasa"]
    words = unique_words()
    client = ChatClient(private_stack.gateway_url)
    client.send(f"hello, I work in a hotel and {words}")  # an ordinary turn, logged at DEBUG by everyone
    os.kill(rasa, signal.SIGSTOP)
    try:
        late = ChatClient(private_stack.gateway_url).send(f"my boss keeps my passport {words}")
        assert late["messages"][0]["text"]  # the safety net answered meanwhile
    finally:
        os.kill(rasa, signal.SIGCONT)
    wait_until_rasa_answers(private_stack)
    time.sleep(2)  # let Rasa finish the late request and log it
    log = private_stack.log_text()
    assert "rest.message.received.timeout" in log, "the late request was not logged: the test proved nothing"
    for word in words.split():
        assert word not in log
    assert client.session_id not in log


def test_forget_under_a_hung_engine_does_not_claim_it_erased(private_stack: Stack) -> None:
    rasa = children(private_stack.proc.pid)["rasa"]
    client = ChatClient(private_stack.gateway_url)
    client.send("I'm asking for myself")
    os.kill(rasa, signal.SIGSTOP)
    try:
        reply = client.send(PAYLOAD_FORGET)
    finally:
        os.kill(rasa, signal.SIGCONT)
    assert reply["forgotten"] is False  # nothing confirmed it: the page then says "erased within the TTL"
    wait_until_rasa_answers(private_stack)
    assert client.send(PAYLOAD_FORGET)["forgotten"] is True


def test_an_idle_conversation_is_erased_within_the_ttl_without_any_traffic(private_stack: Stack) -> None:
    client = ChatClient(private_stack.gateway_url)
    client.send("I'm asking for myself", language="fr")  # an explicit language choice, kept by the gateway
    assert [e for e in private_stack.tracker_events("web", client.session_id) if e.get("event") == "user"]
    time.sleep(TTL_MINUTES * 60 + 4)  # TTL plus more than two sweeps, and no message meanwhile
    assert "Expired" in private_stack.log_text()  # Rasa's timer erased it, before anything asked for it
    assert not [e for e in private_stack.tracker_events("web", client.session_id) if e.get("event") == "user"]
    after = client.send(PAYLOAD_HELP)  # a payload says nothing about the language
    assert after["language"] == "en"  # the gateway forgot the French choice too


def test_secrets_are_on_no_command_line_and_only_where_needed(private_stack: Stack) -> None:
    parts = children(private_stack.proc.pid)
    for name, pid in parts.items():
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        environ = Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace")
        assert private_stack.env["LANTERN_RASA_API_TOKEN"] not in cmdline
        assert ("LANTERN_RASA_API_TOKEN=" in environ) == name.startswith("rasa"), name
        assert ("LANTERN_PSEUDONYM_SECRET=" in environ) == (name == "gateway"), name
