"""The NLG endpoint Rasa calls for every response: words in the conversation's language and region.

Serves on loopback only (the request carries the conversation's state: its latest message and slots;
rasa_ext/nlg_request.py leaves the events out). Language comes from the gateway's
message metadata, or from a language the user just chose; region from the action's argument, the
`region` slot, or the metadata. What the turn changed goes back to the gateway in `custom.effects`
(bot/turn/effects.py): a language chosen now, and whatever the calling action declared.
"""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from bot.common.names import (
    CUSTOM_EFFECTS,
    CUSTOM_RESPONSE,
    EFFECT_FORGOTTEN,
    EFFECT_LANGUAGE,
    EFFECT_REGION,
    EFFECTS_ARGUMENT,
    ENTITY_LANGUAGE,
    INTENT_CHOOSE_LANGUAGE,
    META_CHANNEL,
    META_LANGUAGE,
    META_REGION,
    META_REGION_EXPLICIT,
)
from bot.content.catalog_store import CatalogStore
from bot.content.render import RenderError, render

logger = logging.getLogger(__name__)
CATALOG_KEY = web.AppKey("catalog", CatalogStore)


def _mapping(value: Any) -> dict[str, Any]:
    """A field of Rasa's request that should be a mapping; anything else reads as empty."""
    return value if isinstance(value, dict) else {}


def pick_language(tracker: dict[str, Any], shipped: set[str]) -> tuple[str | None, bool]:
    """(language, chosen_now): a language the user just chose wins over the metadata."""
    latest = _mapping(tracker.get("latest_message"))
    if _mapping(latest.get("intent")).get("name") == INTENT_CHOOSE_LANGUAGE:
        entities = latest.get("entities")
        for entity in entities if isinstance(entities, list) else []:
            entity = _mapping(entity)
            if entity.get("entity") == ENTITY_LANGUAGE and entity.get("value") in shipped:
                return str(entity["value"]), True
    language = _mapping(latest.get("metadata")).get(META_LANGUAGE)
    return (language if isinstance(language, str) else None), False


def pick_region(tracker: dict[str, Any], arguments: dict[str, Any]) -> str | None:
    metadata = _mapping(_mapping(tracker.get("latest_message")).get("metadata"))
    if arguments.get("region"):
        return str(arguments["region"])
    if metadata.get(META_REGION_EXPLICIT) and metadata.get(META_REGION):
        return str(metadata[META_REGION])
    region = _mapping(tracker.get("slots")).get("region") or metadata.get(META_REGION)
    return str(region) if region else None


def declared_effects(arguments: dict[str, Any], chosen_language: str | None) -> dict[str, Any]:
    """The effects to report: a language chosen now, and what the action declared (known keys only)."""
    declared = arguments.get(EFFECTS_ARGUMENT)
    declared = declared if isinstance(declared, dict) else {}
    effects: dict[str, Any] = {}
    if chosen_language:
        effects[EFFECT_LANGUAGE] = chosen_language
    if isinstance(declared.get(EFFECT_REGION), str):
        effects[EFFECT_REGION] = declared[EFFECT_REGION]
    if declared.get(EFFECT_FORGOTTEN) is True:
        effects[EFFECT_FORGOTTEN] = True
    return effects


async def handle_nlg(request: web.Request) -> web.Response:
    """Rasa's NLG request -> {"text", "buttons", "custom"}."""
    store = request.app[CATALOG_KEY]
    catalog = store.current
    try:
        body = await request.json()
        key = body["response"]
        tracker = body.get("tracker") or {}
        arguments = body.get("arguments") or {}
        if not isinstance(key, str) or not isinstance(tracker, dict) or not isinstance(arguments, dict):
            raise TypeError("bad field types")
    except (ValueError, KeyError, TypeError):
        return web.json_response({"error": "expected Rasa's NLG request body"}, status=400)
    language, chosen_now = pick_language(tracker, set(catalog.locales))
    region = pick_region(tracker, arguments)
    try:
        metadata = _mapping(_mapping(tracker.get("latest_message")).get("metadata"))
        channel = metadata.get(META_CHANNEL)
        # Said where they are: by the web page's region, a place the gateway recognised, or the region action.
        confirmed = bool(
            arguments.get("region")
            or metadata.get(META_REGION_EXPLICIT)
            or _mapping(tracker.get("slots")).get("region")
        )
        rendered = render(
            catalog,
            key,
            language,
            region,
            arguments,
            channel=channel if isinstance(channel, str) else None,
            confirmed=confirmed,
        )
    except RenderError as exc:
        logger.error("Cannot render %s: %s", key, exc)
        return web.json_response({"error": "response not renderable"}, status=500)
    message = rendered.as_message()
    message["custom"][CUSTOM_RESPONSE] = key
    effects = declared_effects(arguments, language if chosen_now else None)
    if effects:
        message["custom"][CUSTOM_EFFECTS] = effects
    return web.json_response(message)


def create_nlg_app(store: CatalogStore) -> web.Application:
    app = web.Application(client_max_size=4 * 1024 * 1024)
    app[CATALOG_KEY] = store
    app.router.add_post("/nlg", handle_nlg)
    return app
