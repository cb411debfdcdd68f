"""Recognising Lantern's replies as a person sees them: which response a message is, which numbers it shows.

The dialogue benchmark talks to the real web API, which returns rendered text only. A message is
matched against every paragraph of every text variant of every response of its language (Rasa sends
each paragraph as a message; placeholders are wildcards), so
the benchmark knows "this was the emergency advice" without the API exposing internal names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.content.helplines import NUMBER_FIELDS
from bot.content.locales import Catalog, load_catalog

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")

# Outcome names the dialogue files use, by the responses that show them.
OUTCOMES: dict[str, tuple[str, ...]] = {
    "steps": ("utter_first_contact_steps",),
    "child": ("utter_child_safeguarding", "utter_referral_child"),
    "danger": ("utter_emergency", "utter_professional_danger"),
    "signs": ("utter_signs_", "utter_worried_signs"),
    "record": ("utter_what_to_record",),
    "referral": ("utter_referral_",),
    "summary": ("utter_selfcheck_summary_",),
    "unsafe": ("utter_unsafe_to_talk",),
    "report": ("utter_worried_report",),
    "numbers": ("utter_help", "utter_region_set"),
    "faq": ("utter_faq_",),
}


def _pattern(template: str) -> re.Pattern[str]:
    parts = _PLACEHOLDER.split(template.strip())
    return re.compile(".*?".join(re.escape(p) for p in parts), re.DOTALL)


@dataclass
class Recogniser:
    """Which responses of one language a rendered message can be."""

    patterns: list[tuple[str, re.Pattern[str]]]

    def keys(self, text: str) -> set[str]:
        text = text.strip()
        return {key for key, pattern in self.patterns if pattern.fullmatch(text)}


def recognisers(catalog: Catalog) -> dict[str, Recogniser]:
    out = {}
    for code, locale in catalog.locales.items():
        patterns = []
        for key, response in locale.responses.items():
            variants = [response.text, *response.region_text.values(), *response.channel_text.values()]
            # Rasa sends each paragraph of a text as a message of its own.
            patterns.extend((key, _pattern(part)) for v in variants for part in v.split("\n\n") if part.strip())
        out[code] = Recogniser(patterns)
    return out


def outcome_of(key: str) -> set[str]:
    return {name for name, prefixes in OUTCOMES.items() if any(key.startswith(p) for p in prefixes)}


@dataclass(frozen=True)
class Numbers:
    """Every phone number of the directory, and the emergency numbers, by region."""

    phones: dict[str, set[str]]  # region -> phone strings
    emergency: dict[str, str]  # region -> emergency phone

    @classmethod
    def of(cls, catalog: Catalog) -> Numbers:
        phones: dict[str, set[str]] = {}
        emergency: dict[str, str] = {}
        for code, services in catalog.directory.regions.items():
            for name, service in services.items():
                for field in NUMBER_FIELDS:
                    if service.fields.get(field):
                        phones.setdefault(code, set()).add(service.fields[field])
                if name == "emergency" and service.fields.get("phone"):
                    emergency[code] = service.fields["phone"]
        return cls(phones, emergency)

    def any_phone(self, text: str) -> bool:
        return any(shows(text, p) for numbers in self.phones.values() for p in numbers)

    def any_emergency(self, text: str) -> bool:
        return any(shows(text, p) for p in self.emergency.values())


def shows(text: str, number: str) -> bool:
    """The number appears on its own (999 in "call 999", not in "19990"; 111 not in "116 111")."""
    return re.search(rf"(?<!\d)(?<!\d ){re.escape(number)}(?! ?\d)", text) is not None  # not "116 111"


def load(root: Path) -> tuple[Catalog, dict[str, Recogniser], Numbers]:
    catalog = load_catalog(root / "locales")
    return catalog, recognisers(catalog), Numbers.of(catalog)
