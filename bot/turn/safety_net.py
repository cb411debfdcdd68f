"""The reply a user gets when the engine is down, hung or broken, or the turn itself fails: emergency and
helpline numbers.

Rendered in-process from the loaded texts and directory, so it needs neither Rasa, the action server
nor the NLG endpoint.
"""

from __future__ import annotations

from typing import Any

from bot.common.names import UTTER_SAFETY_NET
from bot.content.locales import Catalog
from bot.content.render import render


def safety_net_message(
    catalog: Catalog, language: str | None, region: str | None, channel: str | None = None, confirmed: bool = True
) -> dict[str, Any]:
    return render(catalog, UTTER_SAFETY_NET, language, region, channel=channel, confirmed=confirmed).as_message()
