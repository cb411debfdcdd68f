"""What a turn changed, as typed values: the engine declares them in `custom.effects`, never in words.

The NLG endpoint writes `effects` into a rendered message's `custom` block when the user chose a
language (the choose_language intent) or when an action declares one (the region set, the conversation
forgotten); Rasa passes `custom` through to the gateway, which reads it here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bot.common.names import CUSTOM_EFFECTS, EFFECT_FORGOTTEN, EFFECT_LANGUAGE, EFFECT_REGION


@dataclass(frozen=True)
class Effects:
    language: str | None = None  # the user chose this language
    region: str | None = None  # the user said where they are
    forgotten: bool = False  # the engine erased the conversation

    def merged(self, other: Effects) -> Effects:
        return Effects(
            language=other.language or self.language,
            region=other.region or self.region,
            forgotten=self.forgotten or other.forgotten,
        )


def effects_of(custom: Any) -> Effects:
    """The effects one message's `custom` block declares; anything malformed declares nothing."""
    raw = custom.get(CUSTOM_EFFECTS) if isinstance(custom, dict) else None
    if not isinstance(raw, dict):
        return Effects()
    language, region = raw.get(EFFECT_LANGUAGE), raw.get(EFFECT_REGION)
    return Effects(
        language=language if isinstance(language, str) and language else None,
        region=region if isinstance(region, str) and region else None,
        forgotten=raw.get(EFFECT_FORGOTTEN) is True,
    )


def collect(messages: Iterable[dict[str, Any]]) -> Effects:
    """Every message's effects, merged (a later message wins a conflict)."""
    total = Effects()
    for message in messages:
        total = total.merged(effects_of(message.get("custom")))
    return total
