"""The payloads of language and region buttons ('/choose_language{"language": "xx"}'): built and read here only."""

from __future__ import annotations

import json

from bot.common.names import ENTITY_LANGUAGE, ENTITY_REGION, PAYLOAD_CHOOSE_LANGUAGE, PAYLOAD_CHOOSE_REGION


def language_payload(code: str) -> str:
    return f"{PAYLOAD_CHOOSE_LANGUAGE}{json.dumps({ENTITY_LANGUAGE: code})}"


def chosen_language(payload: str) -> str | None:
    """The code in a language button's payload, or None when the text is not one."""
    if not payload.startswith(PAYLOAD_CHOOSE_LANGUAGE):
        return None
    try:
        value = json.loads(payload[len(PAYLOAD_CHOOSE_LANGUAGE) :] or "{}").get(ENTITY_LANGUAGE)
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def region_payload(code: str) -> str:
    return f"{PAYLOAD_CHOOSE_REGION}{json.dumps({ENTITY_REGION: code})}"


def chosen_region(payload: str) -> str | None:
    """The region in a region button's payload, or None when the text is not one."""
    if not payload.startswith(PAYLOAD_CHOOSE_REGION):
        return None
    try:
        value = json.loads(payload[len(PAYLOAD_CHOOSE_REGION) :] or "{}").get(ENTITY_REGION)
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None
