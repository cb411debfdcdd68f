"""The shared turn: one user message in, the bot's replies out, for every channel.

Cleaning, redaction, language, region, the engine and the safety net happen here, once; channels only
translate their own formats to and from this. What the turn changed (a language chosen, a region set,
the conversation forgotten) comes back as typed `Effects`, never recognised from rendered text. No
exception escapes: a bug anywhere in the turn still gets the safety net (emergency and helpline numbers).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from bot.common.names import (
    CUSTOM_CARD,
    CUSTOM_PARTS,
    META_CHANNEL,
    META_LANGUAGE,
    META_REGION,
    META_REGION_EXPLICIT,
    META_REGION_HINT,
    PAYLOAD_CHANGE_LANGUAGE,
    PAYLOAD_INFORM_LOCATION,
    UTTER_CHOOSE_LANGUAGE,
    UTTER_DEFAULT,
    UTTER_PRIVACY_NOTICE,
)
from bot.common.payloads import chosen_language, chosen_region, region_payload
from bot.content.catalog_store import CatalogStore
from bot.content.helplines import FALLBACK_REGION
from bot.content.locales import Catalog
from bot.content.render import render
from bot.turn import language as language_choice
from bot.turn.cleaning import clean_text
from bot.turn.effects import Effects, collect
from bot.turn.engine import EngineClient, EngineError
from bot.turn.language_model import LanguageModel
from bot.turn.links import public_card, public_parts
from bot.turn.per_catalog import PerCatalog
from bot.turn.places import country_name
from bot.turn.privacy import Redactor, pseudonym, redaction_inputs, redactor_for
from bot.turn.region import RegionFinder
from bot.turn.safety_net import safety_net_message
from bot.turn.sessions import SessionState, SessionStates

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reply:
    language: str
    direction: str
    messages: list[dict[str, Any]] = field(default_factory=list)
    effects: Effects = Effects()
    safety_net: bool = False

    @property
    def forgotten(self) -> bool:
        return self.effects.forgotten


class Conversations:
    """Shared by every channel; holds no user text beyond the call."""

    def __init__(
        self,
        catalog: CatalogStore,
        engine: EngineClient,
        sessions: SessionStates,
        language_model: LanguageModel,
        regions: RegionFinder,
        secret: bytes,
        default_region: str,
    ) -> None:
        self._catalog = catalog
        self._engine = engine
        self._sessions = sessions
        self._model = language_model
        self._regions = regions
        self._redactors: PerCatalog[Redactor] = PerCatalog(redactor_for, redaction_inputs)
        self._secret = secret
        self._default_region = default_region

    def key(self, channel: str, raw_id: str) -> str:
        """The pseudonym Rasa and the logs see instead of the channel's own id."""
        return pseudonym(self._secret, channel, raw_id)

    def sweep(self) -> int:
        """Erase the gateway's state of conversations idle past the TTL (the app's timer calls this)."""
        return self._sessions.sweep()

    async def forget_local(self, key: str) -> None:
        """Drop what the gateway remembers of this conversation (the engine forgets its own)."""
        await self._sessions.drop(key)

    async def render_local(
        self, key: str, response: str, language: str | None = None, channel: str | None = None
    ) -> dict[str, Any]:
        """A response rendered here, without the engine, in the conversation's language and region."""
        catalog = self._catalog.current
        state = await self._state_or_new(key)
        region = self._region_of(catalog, state)
        confirmed = state.region is not None
        return render(
            catalog, response, language or state.language, region, channel=channel, confirmed=confirmed
        ).as_message()

    def expect(self, catalog: Catalog) -> None:
        """New texts are serving; `prepare` follows off the loop, and until then the old indexes serve."""
        self._regions.indexes.expect(catalog)
        self._redactors.expect(catalog)

    def prepare(self, catalog: Catalog) -> None:
        """Build what depends on the texts (region index, redactor): in a worker thread, about 0.3 s."""
        self._regions.indexes.prepare(catalog)
        self._redactors.prepare(catalog)

    def _home_region(self, catalog: Catalog, language: str | None) -> str | None:
        """The region whose main language this is (hr -> HR), when it is not the default region."""
        code = (language or "").upper()
        return code if code in catalog.directory.regions and code != self._default_region else None

    def _where_buttons(self, catalog: Catalog, language: str) -> list[dict[str, str]]:
        """Where are you? The language's own country, the default region, another country."""
        home = self._home_region(catalog, language)
        locale = catalog.locales[language]
        regions = [r for r in (home, self._default_region) if r] + [FALLBACK_REGION]
        return [
            {"title": country_name(language, r) or locale.region_names.get(r, r), "payload": region_payload(r)}
            for r in regions
        ]

    def _region_of(self, catalog: Catalog, state: SessionState) -> str:
        return catalog.directory.region_or_fallback(state.region or self._default_region)

    async def handle(
        self,
        channel: str,
        key: str,
        text: str,
        language: str | None = None,
        region: str | None = None,
        language_hint: str | None = None,
    ) -> Reply:
        """The replies to one message; `language` and `region` are explicit choices, `language_hint` a prior."""
        try:
            return await self._turn(channel, key, text, language, region, language_hint)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug must not silence the bot: the safety net still answers
            logger.error("Turn failed on %s (%s); sending the safety net.", channel, type(exc).__name__, exc_info=exc)
            return await self._safety_net(channel, key)

    async def _state_or_new(self, key: str) -> SessionState:
        """The conversation's state; a new one when the store cannot be read (Redis down): what the
        person reads must not depend on it."""
        try:
            return await self._sessions.load(key)
        except Exception as exc:
            logger.warning("Session state unavailable (%s).", type(exc).__name__)
            return SessionState()

    async def _safety_net(self, channel: str, key: str) -> Reply:
        catalog = self._catalog.current
        state = await self._state_or_new(key)
        lang = catalog.language_or_default(state.language)
        message = safety_net_message(catalog, lang, self._region_of(catalog, state), channel, state.region is not None)
        return Reply(lang, catalog.locales[lang].direction, [_public(message)], safety_net=True)

    async def _turn(
        self, channel: str, key: str, text: str, language: str | None, region: str | None, language_hint: str | None
    ) -> Reply:
        catalog = self._catalog.current
        shipped = set(catalog.locales)
        state = await self._sessions.load(key)
        text = clean_text(text)
        pressed = chosen_language(text)  # a language button: the choice sticks, engine or not
        if pressed in shipped:
            language = pressed
        if language in shipped:
            state.language, state.language_explicit = language, True
        if region:
            state.region, state.region_explicit = catalog.directory.region_or_fallback(region), True
        if not text:
            lang = catalog.language_or_default(state.language)
            message = render(
                catalog, UTTER_DEFAULT, lang, self._region_of(catalog, state), channel=channel
            ).as_message()
            await self._sessions.store(key, state)
            return Reply(lang, catalog.locales[lang].direction, [_public(message)])
        clean, removed = self._redactors.get(catalog).redact(text)
        choice = language_choice.decide(
            clean,
            shipped,
            state.language,
            state.language_explicit,
            language_hint,
            catalog.default_language,
            model=self._model,
        )
        state.language = choice.language
        place = chosen_region(clean)  # a region button ("where are you?")
        if place in catalog.directory.regions:
            clean = PAYLOAD_INFORM_LOCATION  # for the engine: the person said where they are
        else:
            place = self._regions.find(clean, catalog, state.language)
        if place in catalog.directory.regions:  # "I'm in Leeds", "u Splitu": the numbers follow at once
            state.region, state.region_explicit = place, True
        # In a language whose own country is not the default region (Croatian), nobody is assumed to be in
        # the default region: only the numbers that work anywhere show, and the reply asks where they are.
        ask_where = state.region is None and self._home_region(catalog, state.language) is not None
        current_region = FALLBACK_REGION if ask_where else state.region or self._default_region
        metadata = {
            META_LANGUAGE: state.language,
            META_REGION: current_region,
            META_REGION_EXPLICIT: state.region_explicit,
            META_REGION_HINT: place,
            META_CHANNEL: channel,
        }
        net = False
        effects = Effects()
        try:
            messages = await self._engine.send(key, clean, metadata)
            effects = collect(messages)
        except EngineError as exc:
            logger.warning("Safety net used (%s).", exc)
            messages = [safety_net_message(catalog, state.language, current_region, channel, state.region is not None)]
            net = True
        if effects.language in shipped:
            state.language, state.language_explicit = effects.language, True
        if effects.region in catalog.directory.regions:
            state.region = effects.region
        lang = catalog.language_or_default(state.language)
        region_now = self._region_of(catalog, state)
        if removed:
            messages.insert(0, render(catalog, UTTER_PRIVACY_NOTICE, lang, region_now, channel=channel).as_message())
        if net and text == PAYLOAD_CHANGE_LANGUAGE:  # the picker works without the engine
            messages.append(render(catalog, UTTER_CHOOSE_LANGUAGE, lang, region_now).as_message())
        elif choice.unsure and not net and len(shipped) > 1:
            messages.append(render(catalog, UTTER_CHOOSE_LANGUAGE, lang, region_now).as_message())
        if ask_where and state.region is None and messages and not messages[-1].get("buttons"):
            messages[-1] = {**messages[-1], "buttons": self._where_buttons(catalog, lang)}
        if effects.forgotten:
            await self._sessions.drop(key)
        else:
            await self._sessions.store(key, state)
        return Reply(
            language=lang,
            direction=catalog.locales[lang].direction,
            messages=[_public(m) for m in messages],
            effects=effects,
            safety_net=net,
        )


def _public(message: dict[str, Any]) -> dict[str, Any]:
    """Only what a channel shows: text and buttons (titles and payloads as strings); and, when the
    renderer made them, the text's parts with their number links, and the interpreter card."""
    buttons = [
        {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
        for b in message.get("buttons") or []
        if isinstance(b, dict)
    ]
    public: dict[str, Any] = {"text": str(message.get("text", "")), "buttons": buttons}
    custom = message.get("custom") if isinstance(message.get("custom"), dict) else {}
    parts = public_parts(custom.get(CUSTOM_PARTS), public["text"])
    if parts:
        public[CUSTOM_PARTS] = parts
    card = public_card(custom.get(CUSTOM_CARD))
    if card:
        public[CUSTOM_CARD] = card
    return public
