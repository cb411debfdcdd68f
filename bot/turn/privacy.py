"""Personal data never reaches Rasa, its tracker store or a log: redaction and keyed pseudonyms.

A `Redactor` is built once per loaded catalog (introduction phrases from the locales, helpline numbers
from the directory). It normalises the message (redaction_text), asks each detector where identifiers
are, merges overlapping finds (the most specific kind names the merged one) and replaces each with
REDACTED. Quantities and event dates are found first so the phone detector leaves them alone; a digit run
inside another identifier is found twice and merged, so no part of one is ever left behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from collections.abc import Iterable

from bot.content.helplines import NUMBER_FIELDS
from bot.content.locales import Catalog
from bot.turn.redaction.contacts import contact_spans
from bot.turn.redaction.dates import DateFinder
from bot.turn.redaction.identifiers import identifier_spans
from bot.turn.redaction.introductions import NameFinder
from bot.turn.redaction.phones import PhoneFinder
from bot.turn.redaction.quantities import quantity_spans
from bot.turn.redaction.text import prepare

REDACTED = "[removed]"
_DIGIT = re.compile("[0-9]")
# Most specific first: when finds overlap, the earliest kind here names the merged one.
KINDS = (
    "email",
    "handle",
    "iban",
    "card",
    "ni_number",
    "uk_postcode",
    "vehicle_registration",
    "passport_or_id",
    "sort_code",
    "date_of_birth",
    "phone",
    "name",
)
_RANK = {kind: rank for rank, kind in enumerate(KINDS)}


def _merge(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping or touching finds become one, named by the most specific kind among them."""
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(spans):
        if merged and start <= merged[-1][1]:
            last_start, last_end, last_kind = merged[-1]
            best = kind if _RANK[kind] < _RANK[last_kind] else last_kind
            merged[-1] = (last_start, max(end, last_end), best)
        else:
            merged.append((start, end, kind))
    return merged


class Redactor:
    """Built once per loaded catalog."""

    def __init__(
        self,
        introductions: Iterable[str] = (),
        keep_numbers: Iterable[str] = (),
        today: dt.date | None = None,
    ) -> None:
        self._names = NameFinder(introductions)
        self._phones = PhoneFinder(keep_numbers)
        self._dates = DateFinder(today)

    def redact(self, text: str) -> tuple[str, list[str]]:
        """The text with each identifier replaced by REDACTED, and the kinds removed (in order of appearance)."""
        prepared = prepare(text)
        probe, lower = prepared.probe, prepared.lower
        spans = contact_spans(lower)
        if _DIGIT.search(probe):  # every other kind but names holds a digit
            spans += identifier_spans(probe)
            births, events = self._dates.find(lower)
            spans += [(start, end, "date_of_birth") for start, end in births]
            spans += self._phones.spans(probe, lower, births + events + quantity_spans(lower))
        spans += [(start, end, "name") for start, end in self._names.spans(probe)]
        if not spans:
            return prepared.text, []
        out, kinds, last = [], [], 0
        for start, end, kind in _merge(spans):
            start, end = prepared.span(start, end)
            out += [prepared.text[last:start], REDACTED]
            last = end
            if kind not in kinds:
                kinds.append(kind)
        out.append(prepared.text[last:])
        return "".join(out), kinds


_DEFAULT = Redactor()


def redact(text: str) -> tuple[str, list[str]]:
    """Redaction without introduction phrases or helpline numbers (callers without a catalog)."""
    return _DEFAULT.redact(text)


def redaction_inputs(catalog: Catalog) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What a Redactor reads of the texts: every locale's introduction phrases, every directory number."""
    introductions = tuple(p for _, locale in sorted(catalog.locales.items()) for p in locale.introductions)
    numbers = tuple(
        service.fields[name]
        for _, services in sorted(catalog.directory.regions.items())
        for service in services.values()
        for name in NUMBER_FIELDS
        if service.fields.get(name)
    )
    return introductions, numbers


def redactor_for(catalog: Catalog) -> Redactor:
    """The Redactor for the loaded texts: introduction phrases removed by name, directory numbers kept."""
    introductions, numbers = redaction_inputs(catalog)
    return Redactor(introductions=introductions, keep_numbers=numbers)


def pseudonym(secret: bytes, channel: str, raw_id: str) -> str:
    """A stable id for (channel, raw id) that cannot be reversed or linked without the secret."""
    digest = hmac.new(secret, f"{channel}:{raw_id}".encode(), hashlib.sha256).hexdigest()
    return f"{channel[:2]}-{digest[:32]}"
