"""The loopback NLG endpoint Rasa calls: language, region, effects and errors of a rendered response."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.common.names import (
    CUSTOM_EFFECTS,
    CUSTOM_RESPONSE,
    EFFECT_FORGOTTEN,
    EFFECT_LANGUAGE,
    EFFECT_REGION,
    EFFECTS_ARGUMENT,
    ENTITY_LANGUAGE,
    INTENT_CHOOSE_LANGUAGE,
    META_LANGUAGE,
    META_REGION,
    META_REGION_EXPLICIT,
    UTTER_DEFAULT,
    UTTER_SAFETY_NET,
)
from bot.content.catalog_store import CatalogStore
from bot.content.locales import Catalog
from bot.content.nlg import create_nlg_app
from bot.content.render import render


@pytest.fixture
async def nlg(aiohttp_client: Callable[..., Awaitable[TestClient]], store: CatalogStore) -> TestClient:
    return await aiohttp_client(create_nlg_app(store))


def request(
    response: str,
    metadata: dict[str, Any] | None = None,
    arguments: dict[str, Any] | None = None,
    intent: str = "greet",
    entities: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Rasa's NLG request body, as much of it as the endpoint reads."""
    return {
        "response": response,
        "arguments": arguments or {},
        "tracker": {
            "sender_id": "we-0123456789abcdef",
            "latest_message": {
                "intent": {"name": intent, "confidence": 0.99},
                "entities": entities or [],
                "metadata": metadata if metadata is not None else {META_LANGUAGE: "en", META_REGION: "GB"},
            },
            "slots": slots or {},
        },
        "channel": {"name": "collector"},
    }


async def post(client: TestClient, body: Any) -> tuple[int, dict[str, Any]]:
    resp = await client.post("/nlg", json=body)
    return resp.status, await resp.json()


async def test_renders_in_the_metadata_language(nlg: TestClient, catalog: Catalog) -> None:
    status, body = await post(nlg, request(UTTER_DEFAULT, {META_LANGUAGE: "fr", META_REGION: "GB"}))
    assert status == 200
    expected = render(catalog, UTTER_DEFAULT, "fr", "GB", confirmed=False)
    assert body["text"] == expected.text != render(catalog, UTTER_DEFAULT, "en", "GB", confirmed=False).text
    assert body["buttons"] == expected.buttons
    assert body["custom"][CUSTOM_RESPONSE] == UTTER_DEFAULT
    assert body["custom"]["language"] == "fr"
    assert CUSTOM_EFFECTS not in body["custom"]


async def test_a_chosen_language_wins_and_is_reported_as_an_effect(nlg: TestClient, catalog: Catalog) -> None:
    body = request(
        UTTER_DEFAULT,
        {META_LANGUAGE: "en", META_REGION: "GB"},
        intent=INTENT_CHOOSE_LANGUAGE,
        entities=[{"entity": ENTITY_LANGUAGE, "value": "es"}],
    )
    status, reply = await post(nlg, body)
    assert status == 200
    assert reply["text"] == render(catalog, UTTER_DEFAULT, "es", "GB", confirmed=False).text
    assert reply["custom"][CUSTOM_EFFECTS] == {EFFECT_LANGUAGE: "es"}


async def test_a_chosen_language_that_is_not_shipped_changes_nothing(nlg: TestClient, catalog: Catalog) -> None:
    body = request(
        UTTER_DEFAULT,
        {META_LANGUAGE: "pl", META_REGION: "GB"},
        intent=INTENT_CHOOSE_LANGUAGE,
        entities=[{"entity": ENTITY_LANGUAGE, "value": "xx"}],
    )
    _, reply = await post(nlg, body)
    assert reply["text"] == render(catalog, UTTER_DEFAULT, "pl", "GB", confirmed=False).text
    assert CUSTOM_EFFECTS not in reply["custom"]


async def test_an_action_region_effect_is_reported_and_rendered_with_that_region(
    nlg: TestClient, catalog: Catalog
) -> None:
    arguments = {"region": "HR", EFFECTS_ARGUMENT: {EFFECT_REGION: "HR", EFFECT_FORGOTTEN: "yes", "colour": "red"}}
    status, reply = await post(nlg, request(UTTER_SAFETY_NET, arguments=arguments))
    assert status == 200
    assert reply["custom"][CUSTOM_EFFECTS] == {EFFECT_REGION: "HR"}  # known keys only; forgotten must be true
    assert reply["custom"]["region"] == "HR"
    assert reply["text"] == render(catalog, UTTER_SAFETY_NET, "en", "HR").text
    hr = catalog.directory.lookup("HR", "hr_trafficking")
    assert hr is not None and hr.fields["phone"] in reply["text"]


async def test_a_forgotten_effect_is_reported(nlg: TestClient) -> None:
    _, reply = await post(nlg, request(UTTER_DEFAULT, arguments={EFFECTS_ARGUMENT: {EFFECT_FORGOTTEN: True}}))
    assert reply["custom"][CUSTOM_EFFECTS] == {EFFECT_FORGOTTEN: True}


@pytest.mark.parametrize(
    ("metadata", "slots", "region"),
    [
        ({META_LANGUAGE: "en", META_REGION: "GB"}, {"region": "HR"}, "HR"),  # the slot wins over a default
        ({META_LANGUAGE: "en", META_REGION: "GB", META_REGION_EXPLICIT: True}, {"region": "HR"}, "GB"),
        ({META_LANGUAGE: "en", META_REGION: "HR"}, {}, "HR"),
        ({META_LANGUAGE: "en"}, {}, "other"),
    ],
    ids=["slot", "explicit_metadata", "metadata", "none"],
)
async def test_the_region_comes_from_the_right_place(
    nlg: TestClient, catalog: Catalog, metadata: dict[str, Any], slots: dict[str, Any], region: str
) -> None:
    _, reply = await post(nlg, request(UTTER_SAFETY_NET, metadata, slots=slots))
    assert reply["custom"]["region"] == region
    assert reply["text"] == render(catalog, UTTER_SAFETY_NET, "en", region).text


async def test_an_unknown_response_is_a_500_with_an_error(nlg: TestClient) -> None:
    status, reply = await post(nlg, request("utter_does_not_exist"))
    assert status == 500
    assert set(reply) == {"error"}


@pytest.mark.parametrize(
    "body",
    [
        "not json at all",
        {"arguments": {}, "tracker": {}},
        {"response": 42, "tracker": {}},
        {"response": UTTER_DEFAULT, "tracker": ["not", "a", "dict"]},
        {"response": UTTER_DEFAULT, "tracker": {}, "arguments": "nope"},
    ],
    ids=["not_json", "no_response", "response_not_text", "tracker_not_object", "arguments_not_object"],
)
async def test_a_malformed_request_is_a_400(nlg: TestClient, body: Any) -> None:
    if isinstance(body, str):
        resp = await nlg.post("/nlg", data=body, headers={"Content-Type": "application/json"})
    else:
        resp = await nlg.post("/nlg", json=body)
    assert resp.status == 400
    assert "error" in await resp.json()


@pytest.mark.parametrize(
    "tracker",
    [
        {"latest_message": {"intent": "choose_language", "metadata": {META_LANGUAGE: "fr"}}},
        {"latest_message": {"intent": {"name": INTENT_CHOOSE_LANGUAGE}, "entities": ["fr", 3]}},
        {"latest_message": {"metadata": "fr"}},
        {"latest_message": [], "slots": ["HR"]},
    ],
)
async def test_wrongly_shaped_tracker_fields_read_as_empty(nlg: TestClient, catalog: Catalog, tracker: Any) -> None:
    """Rasa never sends these shapes; if something did, the reply is still rendered, never a 500."""
    status, body = await post(nlg, {"response": UTTER_SAFETY_NET, "arguments": {}, "tracker": tracker})
    assert status == 200
    assert CUSTOM_EFFECTS not in body["custom"]
    chose_by_metadata = tracker["latest_message"] == {"intent": "choose_language", "metadata": {META_LANGUAGE: "fr"}}
    language = "fr" if chose_by_metadata else "en"
    assert body["text"] == render(catalog, UTTER_SAFETY_NET, language, None).text  # no region: "other"
