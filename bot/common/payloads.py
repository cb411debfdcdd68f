"""The payload a language button sends, '/choose_language{"language": "xx"}': built and read in one place."""

from __future__ import annotations

import json

from bot.common.names import ENTITY_LANGUAGE, PAYLOAD_CHOOSE_LANGUAGE


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
