"""Past one process: two Rasa workers and two gateways sharing a real Redis (no persistence, on a free
loopback port). A conversation keeps its language, region and form whichever gateway and worker
serve it; a killed worker loses no conversation; forgetting and expiry leave no key of it behind and
no key lives without an expiry; Redis down gets the safety net, and replies come back with it."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator

import pytest

from bot.common.names import PAYLOAD_FORGET
from bot.content.locales import load_catalog
from bot.content.render import render
from bot.turn.engine import worker_order
from bot.turn.privacy import pseudonym
from scripts.redis_server import RedisServer, start_redis
from scripts.stack import ROOT, SECRET, ChatClient, Stack, children, start_gateway, start_stack, stop

pytestmark = pytest.mark.stack  # starts real stacks (needs the trained model)

CATALOG = load_catalog(ROOT / "locales")
TTL_MINUTES = 0.25  # 15 s: long enough for a conversation, short enough to watch it expire
WORKERS = 2


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    server = start_redis(tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def shared(redis_server: RedisServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Stack, str]]:
    """A stack with two Rasa workers on Redis, and a second gateway on the same Redis and workers."""
    folder = tmp_path_factory.mktemp("shared")
    env = {
        "LANTERN_REDIS_URL": redis_server.url,
        "LANTERN_RASA_WORKERS": str(WORKERS),
        "LANTERN_SESSION_TTL_MINUTES": str(TTL_MINUTES),
    }
    stack = start_stack(folder, env)
    workers = ",".join(f"http://127.0.0.1:{stack.ports['rasa'] + i}" for i in range(WORKERS))
    proc, second, _ = start_gateway(stack, folder, {"LANTERN_RASA_URLS": workers})
    yield stack, second
    stop(proc)
    stop(stack.proc)


def keys_of(server: RedisServer, key: str) -> list[str]:
    return [k for k in server.client().scan_iter(count=1000) if key in k]


def first(reply: dict) -> str:
    return reply["messages"][0]["text"]


def test_a_conversation_alternating_between_two_gateways_keeps_language_region_and_form(shared):
    stack, second = shared
    one, two = ChatClient(stack.gateway_url), ChatClient(second)
    two.session_id = one.session_id  # the same person; the load balancer sends each message elsewhere
    reply = one.send("/identify_self", language="fr", region="HR")
    assert reply["language"] == "fr"
    assert first(reply) == render(CATALOG, "utter_ask_safe_to_talk", "fr", "HR").text
    reply = two.send("/affirm")  # the other gateway: the language, the region and the form are the same
    assert reply["language"] == "fr"
    texts = [m["text"] for m in reply["messages"]]
    assert render(CATALOG, "utter_ask_sign_deception", "fr", "HR").text in texts
    reply = one.send("/ask_help")
    numbers = first(reply)
    assert CATALOG.directory.lookup("HR", "hr_trafficking").fields["phone"] in numbers  # Croatia's, in French
    assert reply["language"] == "fr"
    reply = two.send("/deny")
    assert render(CATALOG, "utter_ask_sign_movement", "fr", "HR").text in [m["text"] for m in reply["messages"]]


def test_a_killed_worker_loses_no_conversation(shared):
    stack, _ = shared
    chat = ChatClient(stack.gateway_url, language="en")
    chat.send("/identify_self")
    chat.send("/affirm")  # the first sign question is asked
    key = pseudonym(SECRET.encode(), "web", chat.session_id)
    own = stack.ports["rasa"] + worker_order(key, WORKERS)[0]
    victim = children(stack.proc.pid)[f"rasa@{own}"]
    os.kill(victim, signal.SIGKILL)
    reply = chat.send("/deny")  # the other worker takes it from Redis and goes on where it was
    texts = [m["text"] for m in reply["messages"]]
    assert render(CATALOG, "utter_ask_sign_movement", "en", "GB", confirmed=False).text in texts, texts
    deadline = time.monotonic() + 120  # the supervisor starts the killed worker again
    while time.monotonic() < deadline and children(stack.proc.pid).get(f"rasa@{own}") in (None, victim):
        time.sleep(1)
    assert children(stack.proc.pid).get(f"rasa@{own}") not in (None, victim)


def test_forget_deletes_every_key_of_the_conversation_and_every_key_expires(shared, redis_server):
    stack, second = shared
    chat = ChatClient(stack.gateway_url)
    chat.send("/identify_self", language="pl")
    chat.send("/affirm")
    key = pseudonym(SECRET.encode(), "web", chat.session_id)
    assert len(keys_of(redis_server, key)) >= 2  # its state and its tracker, at least
    client = redis_server.client()
    for name in client.scan_iter(count=1000):
        assert client.pttl(name) > 0, f"{name} has no expiry"
    reply = ChatClient(second).send(PAYLOAD_FORGET, session_id=chat.session_id)  # on the other gateway
    assert reply["forgotten"] is True
    assert keys_of(redis_server, key) == []


def test_an_idle_conversation_expires_in_redis_with_every_key(shared, redis_server):
    stack, _ = shared
    chat = ChatClient(stack.gateway_url)
    chat.send("/identify_worried", language="es")
    key = pseudonym(SECRET.encode(), "web", chat.session_id)
    assert keys_of(redis_server, key)
    deadline = time.monotonic() + TTL_MINUTES * 60 + 10
    while keys_of(redis_server, key) and time.monotonic() < deadline:
        time.sleep(1)
    assert keys_of(redis_server, key) == []


def test_redis_down_gets_the_safety_net_and_replies_come_back_with_it(shared, redis_server):
    stack, _ = shared
    safety_net = render(CATALOG, "utter_safety_net", "en", "GB", confirmed=False).text
    redis_server.stop()
    try:
        for text in ("help", "he is hurting me right now"):
            started = time.monotonic()
            reply = ChatClient(stack.gateway_url).send(text)
            assert first(reply) == safety_net
            assert time.monotonic() - started < 3.0
    finally:
        redis_server.restart()
    deadline = time.monotonic() + 30
    help_text = render(CATALOG, "utter_help", "en", "GB", confirmed=False).text
    while time.monotonic() < deadline:
        if first(ChatClient(stack.gateway_url).send("help")) == help_text:
            break
        time.sleep(1)
    assert first(ChatClient(stack.gateway_url).send("help")) == help_text
