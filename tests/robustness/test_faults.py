"""Faults in real processes: Rasa or the action server hung (SIGSTOP) or killed (SIGKILL). Every message
still gets the safety-net numbers; the supervisor restarts what died; normal replies resume by themselves.
Each test leaves the shared stack healthy again."""

from __future__ import annotations

import os
import signal
import time

import pytest

from bot.common.yaml_files import read_yaml
from bot.content.locales import load_catalog
from bot.content.render import render
from scripts.stack import ROOT, ChatClient, Stack, children

pytestmark = pytest.mark.stack  # starts the real stack (needs the trained model)

CATALOG = load_catalog(ROOT / "locales")
# Nobody in these conversations says where they are: the UK numbers are labelled, and 112 named too.
SAFETY_NET = render(CATALOG, "utter_safety_net", "en", "GB", confirmed=False).text
HELP = render(CATALOG, "utter_help", "en", "GB", confirmed=False).text
GB = read_yaml(ROOT / "locales" / "helplines.yml")["regions"]["GB"]["services"]


def wait_for_normal_replies(stack: Stack, timeout: float = 150.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if ChatClient(stack.gateway_url).send("help")["messages"][0]["text"] == HELP:
                return
        except OSError:
            pass
        time.sleep(1)
    raise AssertionError("normal replies did not resume:\n" + stack.log_text()[-3000:])


def assert_safety_net(stack: Stack, texts: list[str]) -> None:
    for text in texts:
        first = ChatClient(stack.gateway_url).send(text)["messages"][0]["text"]
        assert first == SAFETY_NET
        assert GB["emergency"]["phone"] in first and GB["msh"]["phone"] in first


@pytest.fixture
def components(stack: Stack) -> dict[str, int]:
    wait_for_normal_replies(stack)
    found = children(stack.proc.pid)
    assert {name for name in found if "@" not in name} == {"rasa", "actions", "gateway"}, found
    return found


def test_rasa_hung_gets_safety_net_then_recovers(stack, components):
    os.kill(components["rasa"], signal.SIGSTOP)
    try:
        assert_safety_net(stack, ["help", "he is hurting me right now", "I'm a taxi driver and worried"])
    finally:
        os.kill(components["rasa"], signal.SIGCONT)
    wait_for_normal_replies(stack)


def test_rasa_killed_is_restarted_and_replies_resume(stack, components):
    os.kill(components["rasa"], signal.SIGKILL)
    time.sleep(0.5)
    assert_safety_net(stack, ["help", "he is hurting me right now"])
    wait_for_normal_replies(stack)
    assert "rasa exited with code -9; restarting" in stack.log_text()
    assert children(stack.proc.pid)["rasa"] != components["rasa"]


def test_action_server_hung_gets_safety_net_for_custom_actions(stack, components):
    os.kill(components["actions"], signal.SIGSTOP)
    try:
        # Both need a custom action (region, self-check summary path); the engine cannot finish them.
        first = ChatClient(stack.gateway_url).send("I'm in Croatia")["messages"][0]["text"]
        # The place named sets the region at once, in the gateway: the safety net already has Croatia's numbers.
        assert first == render(CATALOG, "utter_safety_net", "en", "HR").text
    finally:
        os.kill(components["actions"], signal.SIGCONT)
    wait_for_normal_replies(stack)


def test_action_server_killed_is_restarted(stack, components):
    os.kill(components["actions"], signal.SIGKILL)
    time.sleep(0.5)
    reply = ChatClient(stack.gateway_url).send("I'm in Croatia")["messages"][0]["text"]
    assert GB["emergency"]["phone"] in reply or CATALOG.directory.lookup("HR", "emergency").fields["phone"] in reply
    deadline = time.monotonic() + 60
    while "actions exited with code -9; restarting" not in stack.log_text():
        assert time.monotonic() < deadline
        time.sleep(0.5)
    deadline = time.monotonic() + 90
    hr_line = CATALOG.directory.lookup("HR", "hr_trafficking").fields["phone"]
    hr_net = render(CATALOG, "utter_safety_net", "en", "HR").text  # has the HR line too: not proof enough
    while True:  # the region action answers again: the restarted action server is serving
        reply = ChatClient(stack.gateway_url).texts("I'm in Croatia")
        if hr_line in reply and hr_net not in reply and "actions" in children(stack.proc.pid):
            break
        assert time.monotonic() < deadline, stack.log_text()[-2000:]
        time.sleep(1)


def test_gateway_killed_is_restarted(stack, components):
    os.kill(components["gateway"], signal.SIGKILL)
    wait_for_normal_replies(stack)
    assert "gateway exited with code -9; restarting" in stack.log_text()
