"""Turns a response name into words: the conversation's language, its region's numbers, its arguments."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.common.names import UTTER_CHOOSE_LANGUAGE
from bot.common.payloads import language_payload
from bot.content.helplines import ALWAYS_OPEN, FALLBACK_REGION, HOME_REGION, NUMBER_FIELDS
from bot.content.locales import Catalog, Locale
from bot.content.placeholders import PLACEHOLDER_RE


class RenderError(LookupError):
    """The response or a placeholder cannot be rendered (unknown name, missing argument)."""


@dataclass(frozen=True)
class Rendered:
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)
    language: str = "en"
    direction: str = "ltr"
    region: str = HOME_REGION

    def as_message(self) -> dict[str, Any]:
        """The shape the Rasa NLG endpoint and /api/chat both use."""
        return {
            "text": self.text,
            "buttons": self.buttons,
            "custom": {"language": self.language, "direction": self.direction, "region": self.region},
        }


def _helpline_value(catalog: Catalog, loc: Locale, region: str, service: str, fld: str, confirmed: bool = True) -> str:
    entry = catalog.directory.lookup(region, service)
    if entry is not None and fld == "hours" and fld in entry.fields:
        return _hours(loc, entry.fields[fld])
    if entry is not None and fld in entry.fields:
        value = entry.fields[fld]
        if confirmed or region != HOME_REGION or fld not in NUMBER_FIELDS:
            return value
        # Nobody has said where they are yet: the UK's numbers say they are the UK's, and the emergency
        # line names 112 too, which works in the UK and across the EU.
        label = loc.labels.get("uk_only", "(UK)")
        anywhere = catalog.directory.lookup(FALLBACK_REGION, "emergency")
        if service == "emergency" and fld == "phone" and anywhere is not None and "phone" in anywhere.fields:
            return f"{value} {label} / {anywhere.fields['phone']}"
        return f"{value} {label}"
    # A UK-only service asked for outside the UK: shown, but labelled, never as if it worked here.
    home = catalog.directory.lookup(HOME_REGION, service)
    if home is not None and fld in home.fields:
        label = loc.labels.get("uk_only", "(UK)")
        return f"{home.fields[fld]} {label}" if fld != "hours" else _hours(loc, home.fields[fld])
    raise RenderError(f"helpline.{service}.{fld} is not in the directory")


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

    def fill(match: Any) -> str:
        name = match.group(1)
        if name.startswith("helpline."):
            _, service, fld = name.split(".")
            value = _helpline_value(catalog, loc, region_code, service, fld, confirmed)
            # In right-to-left text a number's digit groups would be laid out in reverse order:
            # wrap it in a left-to-right isolate (U+2066 ... U+2069).
            return f"\u2066{value}\u2069" if loc.direction == "rtl" else value
        if name == "region_name":
            return loc.region_names.get(region_code, region_code)
        return _argument(loc, name, args)

    text = PLACEHOLDER_RE.sub(fill, template).strip()
    if key == UTTER_CHOOSE_LANGUAGE:  # its buttons are the shipped languages, in native names
        buttons = [{"title": name, "payload": language_payload(c)} for c, name in catalog.native_names().items()]
    else:
        buttons = [dict(b) for b in response.buttons]
    return Rendered(text=text, buttons=buttons, language=code, direction=loc.direction, region=region_code)
