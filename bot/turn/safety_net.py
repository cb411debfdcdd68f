"""The reply a user gets when the engine is down, hung or broken: emergency and helpline numbers.

Rendered in-process from the loaded texts and directory, so it needs neither Rasa, the action server
nor the NLG endpoint.
"""

from __future__ import annotations

from typing import Any

from bot.locales import Catalog
from bot.render import render

SAFETY_NET = "utter_safety_net"


def safety_net_messages(catalog: Catalog, language: str | None, region: str | None) -> list[dict[str, Any]]:
    return [render(catalog, SAFETY_NET, language, region).as_message()]
