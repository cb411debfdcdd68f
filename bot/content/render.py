"""Turns a response name into words: the conversation's language, its region's numbers, its arguments.

Besides the text, a rendered message carries its `parts`: the text cut at each directory number, the
number with its tel:/sms: link, built from the directory entry (so the web page never parses numbers
out of text); and, for the interpreter card, the card's lines per language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.common.names import (
    CHANNEL_TELEGRAM,
    CUSTOM_CARD,
    CUSTOM_PARTS,
    UTTER_CHOOSE_LANGUAGE,
    UTTER_INTERPRETER_CARD,
)
from bot.common.payloads import language_payload
from bot.content.helplines import ALWAYS_OPEN, FALLBACK_REGION, HOME_REGION, NUMBER_FIELDS, Service
from bot.content.locales import SOURCE_LANGUAGE, Catalog, Locale
from bot.content.numbers import CALL, TEXT, international, link_target
from bot.content.placeholders import PLACEHOLDER_RE

CARD_REGIONS = {"HR": "hr"}  # a region whose own language the card adds, besides English
# While a text is filled, each number is held between these private-use marks with the index of its
# link; they are taken out again before anything leaves the renderer.
_OPEN, _MID, _CLOSE = "\ue000", "\ue001", "\ue002"
_MARKED = re.compile(f"{_OPEN}([^{_MID}]*){_MID}([0-9]+){_CLOSE}")


class RenderError(LookupError):
    """The response or a placeholder cannot be rendered (unknown name, missing argument)."""


@dataclass(frozen=True)
class Rendered:
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)
    language: str = "en"
    direction: str = "ltr"
    region: str = HOME_REGION
    parts: list[dict[str, Any]] = field(default_factory=list)  # empty when the text holds no number
    card: list[dict[str, str]] = field(default_factory=list)  # the interpreter card's lines, per language

    def as_message(self) -> dict[str, Any]:
        """The shape the Rasa NLG endpoint and /api/chat both use."""
        custom: dict[str, Any] = {"language": self.language, "direction": self.direction, "region": self.region}
        if self.parts:
            custom[CUSTOM_PARTS] = self.parts
        if self.card:
            custom[CUSTOM_CARD] = self.card
        return {"text": self.text, "buttons": self.buttons, "custom": custom}


# How a number is written into a text: (the number, its directory entry, the field) -> marked text.
Linker = Callable[[str, Service, str], str]


def _helpline_value(
    catalog: Catalog, loc: Locale, region: str, service: str, fld: str, link: Linker, confirmed: bool = True
) -> str:
    entry = catalog.directory.lookup(region, service)
    if entry is not None and fld == "hours" and fld in entry.fields:
        return _hours(loc, entry.fields[fld])
    if entry is not None and fld in entry.fields:
        value = entry.fields[fld]
        if fld not in NUMBER_FIELDS:
            return value
        if confirmed or region != HOME_REGION:
            return link(value, entry, fld)
        # Nobody has said where they are yet: the UK's numbers say they are the UK's, and the emergency
        # line names 112 too, which works in the UK and across the EU.
        label = loc.labels.get("uk_only", "(UK)")
        anywhere = catalog.directory.lookup(FALLBACK_REGION, "emergency")
        if service == "emergency" and fld == "phone" and anywhere is not None and "phone" in anywhere.fields:
            return f"{link(value, entry, fld)} {label} / {link(anywhere.fields['phone'], anywhere, 'phone')}"
        return f"{link(value, entry, fld)} {label}"
    # A UK-only service asked for outside the UK: shown, but labelled, never as if it worked here.
    home = catalog.directory.lookup(HOME_REGION, service)
    if home is not None and fld in home.fields:
        label = loc.labels.get("uk_only", "(UK)")
        if fld == "hours":
            return _hours(loc, home.fields[fld])
        value = home.fields[fld]
        return f"{link(value, home, fld) if fld in NUMBER_FIELDS else value} {label}"
    raise RenderError(f"helpline.{service}.{fld} is not in the directory")


class _Links:
    """Collects the numbers of one text as it is filled, and cuts the text into parts afterwards."""

    def __init__(self, catalog: Catalog, channel: str | None) -> None:
        self._catalog = catalog
        self._channel = channel
        self.links: list[dict[str, Any]] = []

    def __call__(self, number: str, entry: Service, fld: str) -> str:
        kind = TEXT if fld == "sms" else CALL
        shown = number
        if self._channel == CHANNEL_TELEGRAM:  # the form Telegram's apps make tappable
            shown = international(number, self._catalog.directory.dialling_codes.get(entry.region))
        self.links.append(
            {"href": link_target(number, kind), "kind": kind, "on_bills": entry.on_bills, "urgent": entry.urgent}
        )
        return f"{_OPEN}{shown}{_MID}{len(self.links) - 1}{_CLOSE}"

    def split(self, marked: str) -> tuple[str, list[dict[str, Any]]]:
        """(the plain text, its parts); no parts when the text holds no number."""
        parts: list[dict[str, Any]] = []
        last = 0
        for match in _MARKED.finditer(marked):
            if match.start() > last:
                parts.append({"text": marked[last : match.start()]})
            parts.append({"text": match.group(1), **self.links[int(match.group(2))]})
            last = match.end()
        if last < len(marked):
            parts.append({"text": marked[last:]})
        text = "".join(part["text"] for part in parts)
        return text, parts if self.links else []


def card_languages(person: str, region: str, shipped: set[str]) -> list[str]:
    """The card's languages: the person's own, English, and the region's own language (Croatian in HR)."""
    wanted = [person, SOURCE_LANGUAGE, CARD_REGIONS.get(region, "")]
    out: list[str] = []
    for code in wanted:
        if code in shipped and code not in out:
            out.append(code)
    return out


def interpreter_card(catalog: Catalog, person: str, region: str) -> list[dict[str, str]]:
    """The card's lines: "I speak <the person's language>. I need an interpreter. ...", once per card
    language, each naming the person's language in that language. Nothing else goes in: no name, no place."""
    card = []
    for code in card_languages(person, region, set(catalog.locales)):
        loc = catalog.locales[code]
        name = loc.languages.get(person) or catalog.locales[person].native_name
        text = loc.labels.get("card_text", "").replace("{language_name}", name)
        card.append({"language": code, "direction": loc.direction, "text": text})
    return card


def _hours(loc: Locale, value: str) -> str:
    """'24/7' as it is; any other value is a key each language words (labels.hours_<key>)."""
    return value if value == ALWAYS_OPEN else loc.labels.get(f"hours_{value}", value)


def _join(items: list[str]) -> str:
    return "\n".join(f"• {item}" for item in items)


def _argument(loc: Locale, name: str, arguments: dict[str, Any]) -> str:
    value = arguments.get(name)
    if name == "signs":
        keys = value if isinstance(value, list) else []
        return _join([loc.labels.get(f"sign_{k}", k) for k in keys])
    if value is None:
        raise RenderError(f"argument {name!r} was not given")
    return str(value)


def render(
    catalog: Catalog,
    key: str,
    language: str | None,
    region: str | None,
    arguments: dict[str, Any] | None = None,
    channel: str | None = None,
    confirmed: bool = True,
) -> Rendered:
    """Render response `key`; falls back to English for a missing key, to 'other' for unknown regions.

    The text is the region's own version if it has one, else the channel's (Telegram words what the web
    page's buttons do differently), else the default. `confirmed`: the person said where they are; until
    then the default region's numbers are labelled as the UK's, and the emergency line names 112 too."""
    code = catalog.language_or_default(language)
    loc = catalog.locales[code]
    response = loc.responses.get(key)
    if response is None:
        loc = catalog.locales[catalog.default_language]
        code = loc.code
        response = loc.responses.get(key)
    if response is None:
        raise RenderError(f"no response named {key!r}")
    region_code = catalog.directory.region_or_fallback(region)
    template = response.region_text.get(region_code) or response.channel_text.get(channel or "") or response.text
    args = arguments or {}
    links = _Links(catalog, channel)

    def fill(match: Any) -> str:
        name = match.group(1)
        if name.startswith("helpline."):
            _, service, fld = name.split(".")
            value = _helpline_value(catalog, loc, region_code, service, fld, links, confirmed)
            # In right-to-left text a number's digit groups would be laid out in reverse order:
            # wrap it in a left-to-right isolate (U+2066 ... U+2069).
            return f"\u2066{value}\u2069" if loc.direction == "rtl" else value
        if name == "region_name":
            return loc.region_names.get(region_code, region_code)
        return _argument(loc, name, args)

    text, parts = links.split(PLACEHOLDER_RE.sub(fill, template).strip())
    card: list[dict[str, str]] = []
    if key == UTTER_INTERPRETER_CARD:  # the text introduces the card; its lines follow, one per language
        card = interpreter_card(catalog, code, region_code)
        # One newline, not a blank line: Rasa cuts a text at blank lines into separate messages.
        text = "\n".join([text, *(line["text"] for line in card)])
    if key == UTTER_CHOOSE_LANGUAGE:  # its buttons are the shipped languages, in native names
        buttons = [{"title": name, "payload": language_payload(c)} for c, name in catalog.native_names().items()]
    else:
        buttons = [dict(b) for b in response.buttons]
    return Rendered(
        text=text,
        buttons=buttons,
        language=code,
        direction=loc.direction,
        region=region_code,
        parts=parts,
        card=card,
    )
