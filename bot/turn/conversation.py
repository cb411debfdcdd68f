"""One user message in, the bot's replies out, for any channel: privacy, language, region, engine,
safety net. Channels (web, Telegram) only translate their own formats to and from this.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from bot import language as language_choice
from bot.catalog_store import CatalogStore
from bot.engine import EngineClient, EngineError
from bot.privacy import pseudonym, redact
from bot.region import find_region
from bot.render import LANGUAGE_PICKER, render
from bot.safety_net import safety_net_messages
from bot.sessions import SessionStore

logger = logging.getLogger(__name__)
PRIVACY_NOTICE = "utter_privacy_notice"
FORGOTTEN = "utter_forgotten"


@dataclass(frozen=True)
class Reply:
    language: str
    direction: str
    messages: list[dict[str, Any]] = field(default_factory=list)
    safety_net: bool = False
    forgotten: bool = False


class Conversations:
    """Shared by every channel; holds no user text beyond the call."""

    def __init__(
        self,
        catalog: CatalogStore,
        engine: EngineClient,
        sessions: SessionStore,
        secret: bytes,
        default_region: str,
    ) -> None:
        self._catalog = catalog
        self._engine = engine
        self._sessions = sessions
        self._secret = secret
        self._default_region = default_region

    def key(self, channel: str, raw_id: str) -> str:
        """The pseudonym Rasa and the logs see instead of the channel's own id."""
        return pseudonym(self._secret, channel, raw_id)

    def choose_language(self, key: str, code: str) -> None:
        """An explicit choice (button, selector, /language): it sticks."""
        state = self._sessions.get(key)
        if code in self._catalog.current.locales:
            state.language, state.language_explicit = code, True

    def state_language(self, key: str) -> str:
        state = self._sessions.get(key)
        return self._catalog.current.language_or_default(state.language)

    def state_region(self, key: str) -> str:
        """The region whose numbers this conversation sees (for replies the gateway renders itself)."""
        state = self._sessions.get(key)
        return self._catalog.current.directory.region_or_fallback(state.region or self._default_region)

    def forget_local(self, key: str) -> None:
        self._sessions.forget(key)

    async def handle(
        self,
        channel: str,
        key: str,
        text: str,
        language: str | None = None,
        region: str | None = None,
        language_hint: str | None = None,
    ) -> Reply:
        catalog = self._catalog.current
        shipped = set(catalog.locales)
        state = self._sessions.get(key)
        if language in shipped:
            state.language, state.language_explicit = language, True
        if region:
            state.region, state.region_explicit = catalog.directory.region_or_fallback(region), True
        clean, removed = redact(text)
        choice = language_choice.decide(
            clean, shipped, state.language, state.language_explicit, language_hint, catalog.default_language
        )
        state.language = choice.language
        current_region = state.region or self._default_region
        metadata = {
            "language": state.language,
            "region": current_region,
            "region_explicit": state.region_explicit,
            "region_hint": find_region(clean, catalog),
            "channel": channel,
        }
        messages: list[dict[str, Any]]
        net = False
        try:
            messages = await self._engine.send(key, clean, metadata)
        except EngineError as exc:
            logger.warning("Safety net used (%s).", exc)
            messages = safety_net_messages(catalog, state.language, current_region)
            net = True
        forgotten = False
        for message in messages:
            custom = message.get("custom") or {}
            if custom.get("language_chosen") and custom.get("language") in shipped:
                state.language, state.language_explicit = custom["language"], True
            if custom.get("response") == "utter_region_set" and custom.get("region") in catalog.directory.regions:
                state.region = custom["region"]
            if custom.get("response") == FORGOTTEN:
                forgotten = True
        lang = catalog.language_or_default(state.language)
        if removed:
            messages.insert(0, render(catalog, PRIVACY_NOTICE, lang, current_region).as_message())
        if choice.unsure and not net and len(shipped) > 1:
            messages.append(render(catalog, LANGUAGE_PICKER, lang, current_region).as_message())
        if forgotten:
            self._sessions.forget(key)
        return Reply(
            language=lang,
            direction=catalog.locales[lang].direction,
            messages=[_public(m) for m in messages],
            safety_net=net,
            forgotten=forgotten,
        )


def _public(message: dict[str, Any]) -> dict[str, Any]:
    """Only what a channel shows: text and buttons (titles and payloads as strings)."""
    buttons = [
        {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
        for b in message.get("buttons") or []
        if isinstance(b, dict)
    ]
    return {"text": str(message.get("text", "")), "buttons": buttons}
