"""First conversation over the real model and NLG endpoint: greet, help, emergency, goodbye, fallback."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from bot.common.yaml_files import read_yaml
from bot.runtime.settings import ROOT

pytestmark = pytest.mark.stack  # starts the real stack (needs the trained model)

DIRECTORY = read_yaml(ROOT / "locales" / "helplines.yml")["regions"]
MSH = DIRECTORY["GB"]["services"]["msh"]["phone"]
EMERGENCY_GB = DIRECTORY["GB"]["services"]["emergency"]["phone"]
HR_LINE = DIRECTORY["HR"]["services"]["hr_trafficking"]["phone"]
EMERGENCY_OTHER = DIRECTORY["other"]["services"]["emergency"]["phone"]


def post(base: str, body: object, raw: bytes | None = None) -> tuple[int, dict]:
    data = raw if raw is not None else json.dumps(body).encode()
    req = urllib.request.Request(
        f"{base}/api/chat", data=data, method="POST", headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_help_answers_with_the_helpline_number_from_the_directory(stack):
    status, body = post(stack.gateway_url, {"session_id": "abc12345", "text": "help"})
    assert status == 200
    assert body["session_id"] == "abc12345" and body["language"] == "en"
    assert MSH in body["messages"][0]["text"]


@pytest.mark.parametrize(
    "text",
    [
        "He is hurting me right now",
        "they have locked me in the room and i cant get out",
        "my friend is bleeding and they won't let her leave",
        "i want to end my life tonight",
    ],
)
def test_emergency_gets_the_emergency_number_in_the_first_reply(chat, text):
    first = chat.send(text)["messages"][0]["text"]
    assert EMERGENCY_GB in first


def test_emergency_mid_journey_still_comes_first(chat):
    chat.send("I'm asking for myself")
    chat.send("yes")  # safe to talk: the self-check form is now asking
    first = chat.send("he is hitting me right now help")["messages"][0]["text"]
    assert EMERGENCY_GB in first


def test_greeting_says_what_lantern_is_and_offers_the_journeys(chat):
    reply = chat.send("hello")["messages"][0]
    assert "not a person" in reply["text"] and "not the police" in reply["text"]
    payloads = {b["payload"] for b in reply["buttons"]}
    assert {"/identify_professional", "/identify_self", "/identify_worried"} <= payloads


def test_goodbye_leaves_a_number(chat):
    assert MSH in chat.texts("thanks, bye")


@pytest.mark.parametrize("text", ["what's the weather like in paris tomorrow", "tell me a funny joke please"])
def test_out_of_scope_is_kind_and_still_offers_the_helpline(chat, text):
    assert MSH in chat.texts(text)


def test_bot_challenge(chat):
    assert "computer program" in chat.texts("am I talking to a real human?")


def test_saying_where_you_are_changes_the_numbers(chat):
    assert HR_LINE in chat.texts("I'm in Croatia")
    help_text = chat.texts("help")
    assert HR_LINE in help_text and MSH not in help_text


def test_unknown_country_gets_the_fallback_rule(chat):
    text = chat.texts("i'm in france now")
    assert EMERGENCY_OTHER in text and MSH not in text


def test_explicit_region_field(chat):
    assert HR_LINE in chat.texts("help", region="HR")


def test_bad_requests_get_clear_json_errors(stack):
    assert post(stack.gateway_url, None, raw=b"{not json")[0] == 400
    status, body = post(stack.gateway_url, {"session_id": "abc12345", "text": "x" * 2001})
    assert status == 413 and "2000" in body["error"]
    status, body = post(stack.gateway_url, {"session_id": "a", "text": "hi"})
    assert status == 400 and "session_id" in body["error"]


def test_healthz_and_security_headers(stack):
    with urllib.request.urlopen(f"{stack.gateway_url}/healthz", timeout=10) as resp:
        assert resp.status == 200
        assert "frame-ancestors 'none'" in resp.headers["Content-Security-Policy"]
        assert resp.headers["Referrer-Policy"] == "no-referrer"
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
