"""The shared turn through POST /api/chat against a scripted engine: what the engine sees, what the user gets."""

from __future__ import annotations

import json
import time

import pytest
from aiohttp.test_utils import TestClient

from bot.common.names import (
    CUSTOM_EFFECTS,
    EFFECT_FORGOTTEN,
    EFFECT_LANGUAGE,
    EFFECT_REGION,
    META_CHANNEL,
    META_LANGUAGE,
    META_REGION,
    META_REGION_EXPLICIT,
    META_REGION_HINT,
    PAYLOAD_CHANGE_LANGUAGE,
    PAYLOAD_INFORM_LOCATION,
    UTTER_CHOOSE_LANGUAGE,
    UTTER_PRIVACY_NOTICE,
    UTTER_SAFETY_NET,
)
from bot.common.payloads import language_payload, region_payload
from bot.content.locales import Catalog
from bot.content.render import render
from bot.turn.privacy import REDACTED
from tests.fast.conftest import SESSION_ID, GatewayFactory, StubEngine, chat, free_port_url, texts


def phone(catalog: Catalog, region: str, service: str, fld: str = "phone") -> str:
    entry = catalog.directory.lookup(region, service)
    assert entry is not None, (region, service)
    return entry.fields[fld]


def safety_net_text(catalog: Catalog, language: str, region: str, confirmed: bool = False) -> str:
    """As a conversation sees it; `confirmed` once it said where it is (until then "999 (UK) / 112")."""
    return render(catalog, UTTER_SAFETY_NET, language, region, confirmed=confirmed).text


async def test_a_normal_reply_passes_text_and_buttons_but_never_custom(gateway: TestClient, stub: StubEngine) -> None:
    stub.then(
        [
            {"text": "Who are you asking for?", "buttons": [{"title": "Myself", "payload": "/identify_self"}]},
            {"custom": {"response": "utter_greet", "internal_note": "not-for-users"}},
            {"text": "Second message."},
        ]
    )
    status, body = await chat(gateway, "hello", language="en")
    assert status == 200
    assert set(body) == {"session_id", "language", "direction", "messages", "forgotten"}
    assert body["forgotten"] is False
    assert body["session_id"] == SESSION_ID
    assert (body["language"], body["direction"]) == ("en", "ltr")
    assert body["messages"] == [
        {"text": "Who are you asking for?", "buttons": [{"title": "Myself", "payload": "/identify_self"}]},
        {"text": "Second message.", "buttons": []},
    ]
    assert "not-for-users" not in json.dumps(body) and "custom" not in json.dumps(body)


async def test_the_engine_gets_a_pseudonym_and_the_turn_metadata(gateway: TestClient, stub: StubEngine) -> None:
    await chat(gateway, "hello", language="en")
    await chat(gateway, "I'm in Croatia", language="en")
    await chat(gateway, "thanks", language="en", region="HR")
    first, second, third = stub.calls
    assert first.sender == second.sender == third.sender
    assert SESSION_ID not in first.raw and first.sender != SESSION_ID
    assert set(first.metadata) == {META_LANGUAGE, META_REGION, META_REGION_EXPLICIT, META_REGION_HINT, META_CHANNEL}
    assert first.metadata[META_CHANNEL] == "web"
    assert first.metadata == {
        META_LANGUAGE: "en",
        META_REGION: "GB",
        META_REGION_EXPLICIT: False,
        META_REGION_HINT: None,
        META_CHANNEL: "web",
    }
    # A place named in the message sets the region for this very turn: its numbers follow at once.
    assert second.metadata[META_REGION_HINT] == "HR" and second.metadata[META_REGION] == "HR"
    assert second.metadata[META_REGION_EXPLICIT] is True
    assert third.metadata[META_REGION] == "HR" and third.metadata[META_REGION_EXPLICIT] is True


async def test_two_sessions_get_different_pseudonyms(gateway: TestClient, stub: StubEngine) -> None:
    await chat(gateway, "hello", language="en", session_id="first-session-aaaa")
    await chat(gateway, "hello", language="en", session_id="second-session-bbb")
    assert stub.calls[0].sender != stub.calls[1].sender


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("Call me on +44 7700 900123 please", ["7700", "900123", "+44"]),
        ("Write to someone@example.com please", ["someone", "example.com", "@"]),
    ],
    ids=["phone", "email"],
)
async def test_personal_data_is_redacted_before_the_engine_and_the_user_is_told(
    gateway: TestClient, stub: StubEngine, catalog: Catalog, text: str, secrets: list[str]
) -> None:
    stub.then([{"text": "Engine reply."}])
    status, body = await chat(gateway, text, language="en")
    assert status == 200
    (call,) = stub.calls
    assert REDACTED in call.message
    assert not any(ch.isdigit() for ch in call.message)
    for secret in secrets:
        assert secret not in call.raw, secret
    assert texts(body) == [render(catalog, UTTER_PRIVACY_NOTICE, "en", "GB", confirmed=False).text, "Engine reply."]


async def test_control_and_bidi_characters_are_removed_before_the_engine(gateway: TestClient, stub: StubEngine) -> None:
    status, _ = await chat(gateway, "he\u202elp\u0007 me", language="en")
    assert status == 200
    assert stub.calls[0].message == "help me"


FAILURES = {
    "http_500": {"status": 500},
    "empty_list": {"messages": []},
    "not_json": {"raw": "<html>Internal error</html>"},
    "not_a_list": {"raw": '{"text": "a dict, not a list"}'},
    "no_text_at_all": {
        "messages": [{"custom": {"response": "utter_greet"}}, {"image": "https://example.invalid/x.png"}]
    },
}


@pytest.mark.parametrize("failure", sorted(FAILURES))
async def test_an_engine_that_answers_badly_gives_the_safety_net(
    gateway: TestClient, stub: StubEngine, catalog: Catalog, failure: str
) -> None:
    stub.then(**FAILURES[failure])
    status, body = await chat(gateway, "help", language="en")
    assert status == 200
    assert texts(body) == [safety_net_text(catalog, "en", "GB")]
    assert phone(catalog, "GB", "emergency") in body["messages"][0]["text"]
    assert len(stub.calls) == 1


async def test_an_engine_that_is_down_gives_the_safety_net(make_gateway: GatewayFactory, catalog: Catalog) -> None:
    client = await make_gateway(engine_url=free_port_url())
    status, body = await chat(client, "help", language="en")
    assert status == 200
    assert texts(body) == [safety_net_text(catalog, "en", "GB")]
    assert phone(catalog, "GB", "emergency") in texts(body)[0]


async def test_an_engine_that_hangs_gives_the_safety_net_after_the_timeout(
    make_gateway: GatewayFactory, stub: StubEngine, catalog: Catalog
) -> None:
    client = await make_gateway(LANTERN_ENGINE_TIMEOUT="0.2")
    stub.then(delay=0.6)
    start = time.perf_counter()
    status, body = await chat(client, "help", language="en")
    elapsed = time.perf_counter() - start
    assert status == 200
    assert texts(body) == [safety_net_text(catalog, "en", "GB")]
    assert 0.15 < elapsed < 0.55, elapsed  # the gateway's timeout, not the engine's delay


async def test_a_language_effect_switches_later_replies(
    gateway: TestClient, stub: StubEngine, catalog: Catalog
) -> None:
    stub.then([{"text": "D'accord."}, {"custom": {CUSTOM_EFFECTS: {EFFECT_LANGUAGE: "fr"}}}])
    _, body = await chat(gateway, "french please", language="en")
    assert body["language"] == "fr"
    _, body = await chat(gateway, "hello there")  # no language field: the effect stuck
    assert body["language"] == "fr"
    assert stub.calls[-1].metadata[META_LANGUAGE] == "fr"
    stub.then(status=500)
    _, body = await chat(gateway, "hello there")
    assert texts(body) == [safety_net_text(catalog, "fr", "GB")]
    assert texts(body) != [safety_net_text(catalog, "en", "GB")]


async def test_a_region_effect_moves_the_safety_net_to_that_region(
    gateway: TestClient, stub: StubEngine, catalog: Catalog
) -> None:
    stub.then(status=500)
    _, before = await chat(gateway, "help", language="en")
    assert texts(before) == [safety_net_text(catalog, "en", "GB")]
    stub.then([{"text": "OK."}, {"custom": {CUSTOM_EFFECTS: {EFFECT_REGION: "HR"}}}])
    await chat(gateway, "I'm in Croatia")
    stub.then(status=500)
    _, after = await chat(gateway, "help")
    assert stub.calls[-1].metadata[META_REGION] == "HR"
    net = texts(after)[0]
    assert net == safety_net_text(catalog, "en", "HR") != safety_net_text(catalog, "en", "GB")
    assert phone(catalog, "HR", "emergency") in net and phone(catalog, "HR", "hr_trafficking") in net


async def test_an_unknown_region_effect_is_ignored(gateway: TestClient, stub: StubEngine) -> None:
    stub.then([{"text": "OK."}, {"custom": {CUSTOM_EFFECTS: {EFFECT_REGION: "ZZ"}}}])
    await chat(gateway, "somewhere", language="en")
    await chat(gateway, "help")
    assert stub.calls[-1].metadata[META_REGION] == "GB"


async def test_a_forgotten_effect_drops_the_gateway_session(gateway: TestClient, stub: StubEngine) -> None:
    english = "Hello, I would like some advice about my work please"
    _, body = await chat(gateway, "bonjour", language="fr")
    assert body["language"] == "fr"
    _, body = await chat(gateway, english)  # an explicit choice sticks over the detected language
    assert body["language"] == "fr"
    stub.then([{"text": "C'est oublié."}, {"custom": {CUSTOM_EFFECTS: {EFFECT_FORGOTTEN: True}}}])
    await chat(gateway, "/forget_me")
    _, body = await chat(gateway, english)
    assert body["language"] == "en"
    assert stub.calls[-1].metadata[META_LANGUAGE] == "en"


async def test_a_forgotten_effect_that_is_not_true_forgets_nothing(gateway: TestClient, stub: StubEngine) -> None:
    stub.then([{"text": "Hm."}, {"custom": {CUSTOM_EFFECTS: {EFFECT_FORGOTTEN: "yes"}}}])
    await chat(gateway, "bonjour", language="fr")
    _, body = await chat(gateway, "Hello, I would like some advice about my work please")
    assert body["language"] == "fr"


async def test_a_language_button_sets_arabic_even_when_the_engine_is_down(
    make_gateway: GatewayFactory, catalog: Catalog
) -> None:
    client = await make_gateway(engine_url=free_port_url())
    status, body = await chat(client, language_payload("ar"))
    assert status == 200
    assert (body["language"], body["direction"]) == ("ar", "rtl")
    assert texts(body) == [safety_net_text(catalog, "ar", "GB")]
    assert phone(catalog, "GB", "emergency") in texts(body)[0]
    _, body = await chat(client, "help")  # the choice sticks
    assert (body["language"], body["direction"]) == ("ar", "rtl")


async def test_the_language_picker_works_without_the_engine(make_gateway: GatewayFactory, catalog: Catalog) -> None:
    client = await make_gateway(engine_url=free_port_url())
    _, body = await chat(client, PAYLOAD_CHANGE_LANGUAGE, language="en")
    net, picker = body["messages"]
    assert net["text"] == safety_net_text(catalog, "en", "GB")
    assert picker["text"] == render(catalog, UTTER_CHOOSE_LANGUAGE, "en", "GB", confirmed=False).text
    assert {b["payload"] for b in picker["buttons"]} == {language_payload(code) for code in catalog.locales}


async def test_a_turn_that_raises_still_answers_with_the_safety_net(
    gateway: TestClient, stub: StubEngine, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: object, text: str) -> tuple[str, list[str]]:
        raise RuntimeError("a bug in redaction")

    monkeypatch.setattr("bot.turn.privacy.Redactor.redact", broken)
    status, body = await chat(gateway, "help", language="en")
    assert status == 200
    assert texts(body) == [safety_net_text(catalog, "en", "GB")]
    assert stub.calls == []


async def test_healthz_follows_the_engine(gateway: TestClient, stub: StubEngine, make_gateway: GatewayFactory) -> None:
    assert (await gateway.get("/healthz")).status == 200
    stub.healthy = False
    assert (await gateway.get("/healthz")).status == 503
    down = await make_gateway(engine_url=free_port_url())
    assert (await down.get("/healthz")).status == 503


async def test_in_croatian_nobody_is_assumed_in_the_uk_the_reply_asks_where(
    gateway: TestClient, stub: StubEngine, catalog: Catalog
) -> None:
    stub.then([{"text": "Odgovor."}])
    _, body = await chat(gateway, "trebam pomoć", language="hr")
    assert stub.calls[-1].metadata[META_REGION] == "other"  # only numbers that work anywhere are rendered
    buttons = body["messages"][-1]["buttons"]
    assert [b["payload"] for b in buttons] == [region_payload("HR"), region_payload("GB"), region_payload("other")]
    assert buttons[0]["title"] == "Hrvatska"  # CLDR's name, in the conversation's language
    stub.then([{"text": "U redu."}, {"custom": {CUSTOM_EFFECTS: {EFFECT_REGION: "HR"}}}])
    _, after = await chat(gateway, region_payload("HR"))
    assert stub.calls[-1].message == PAYLOAD_INFORM_LOCATION  # the engine hears "I said where I am"
    assert stub.calls[-1].metadata[META_REGION] == "HR" and stub.calls[-1].metadata[META_REGION_HINT] == "HR"
    assert not after["messages"][-1]["buttons"]  # asked once it is known: no more
    stub.then(status=500)
    _, net = await chat(gateway, "pomoć")
    assert texts(net) == [safety_net_text(catalog, "hr", "HR", confirmed=True)]


async def test_in_english_the_default_region_is_assumed_but_labelled(
    gateway: TestClient, stub: StubEngine, catalog: Catalog
) -> None:
    stub.then(status=500)
    _, body = await chat(gateway, "help", language="en")
    assert texts(body) == [safety_net_text(catalog, "en", "GB")]
    assert "(UK)" in texts(body)[0] and not body["messages"][-1]["buttons"]
