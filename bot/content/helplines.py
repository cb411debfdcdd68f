"""The helpline directory (locales/helplines.yml): loading, validation, and number lookup by region."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.common.yaml_files import YAMLError, read_yaml

HOURS_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{1,40}$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ]{1,18}[0-9]$")
NUMBER_FIELDS = ("phone", "alt_phone", "sms")  # the fields that hold a number people may call or text
FIELDS = {*NUMBER_FIELDS, "web", "hours"}
# on_bills (default true): calls show on phone bills; false only where the service says so (Childline).
# urgent: a danger-now line; its links carry no "shows on your bill" caution, so nobody hesitates.
FLAGS = {"free", "interpreters", "anonymous", "on_bills", "urgent"}
NOTES = {"for", "source", "verified", "recheck_months"}
ALWAYS_OPEN = "24/7"  # any other `hours` value is a key: each language words it as labels.hours_<key>
DEFAULT_RECHECK_MONTHS = 12
HOME_REGION = "GB"  # the country the guidance is written for; its numbers are labelled abroad
FALLBACK_REGION = "other"


class DirectoryError(ValueError):
    """The directory file is invalid; the message names the region, service and field."""


DIALLING_CODE_RE = re.compile(r"^\+[1-9][0-9]{0,3}$")


@dataclass(frozen=True)
class Service:
    region: str
    id: str
    fields: dict[str, str]
    verified: dt.date
    recheck_months: int = DEFAULT_RECHECK_MONTHS  # re-verify this often (six for a contract in procurement)
    on_bills: bool = True  # a call shows in call history and on phone bills
    urgent: bool = False  # a danger-now line (999, 112, police, ambulance)


@dataclass(frozen=True)
class Directory:
    regions: dict[str, dict[str, Service]]
    dialling_codes: dict[str, str] = field(default_factory=dict)  # region -> "+44": numbers abroad-dialable

    def region_or_fallback(self, region: str | None) -> str:
        """The region code to use: the given one when known, else the fallback rule."""
        if region and region in self.regions:
            return region
        return FALLBACK_REGION

    def lookup(self, region: str, service: str) -> Service | None:
        """The service in this region, or None when the region has no such service."""
        return self.regions.get(region, {}).get(service)

    def all_service_ids(self) -> set[str]:
        return {sid for services in self.regions.values() for sid in services}


def _parse_verified(value: Any, where: str) -> dt.date:
    text = str(value)
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if not match:
        raise DirectoryError(f"{where}: 'verified' must be YYYY-MM or YYYY-MM-DD, got {text!r}")
    year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise DirectoryError(f"{where}: 'verified' is not a real date: {text!r}") from exc


def parse_directory(data: Any, source: str = "locales/helplines.yml") -> Directory:
    """Validate the parsed YAML and build a Directory; raise DirectoryError naming what is wrong."""
    if not isinstance(data, dict) or not isinstance(data.get("regions"), dict):
        raise DirectoryError(f"{source}: top level must be a mapping with 'regions:'")
    regions: dict[str, dict[str, Service]] = {}
    dialling_codes: dict[str, str] = {}
    for code, body in data["regions"].items():
        services = (body or {}).get("services") if isinstance(body, dict) else None
        if not isinstance(services, dict) or not services:
            raise DirectoryError(f"{source}: region {code}: needs 'services:' with at least one entry")
        if "emergency" not in services:
            raise DirectoryError(f"{source}: region {code}: every region needs an 'emergency' service")
        unknown_region_fields = set(body) - {"services", "dialling_code"}
        if unknown_region_fields:
            raise DirectoryError(f"{source}: region {code}: unknown field(s) {sorted(unknown_region_fields)}")
        if "dialling_code" in body:
            if not DIALLING_CODE_RE.match(str(body["dialling_code"])):
                raise DirectoryError(f"{source}: region {code}: 'dialling_code' must look like \"+44\"")
            dialling_codes[str(code)] = str(body["dialling_code"])
        parsed: dict[str, Service] = {}
        for sid, entry in services.items():
            where = f"{source}: {code}.{sid}"
            if not isinstance(entry, dict):
                raise DirectoryError(f"{where}: must be a mapping of fields")
            unknown = set(entry) - FIELDS - FLAGS - NOTES
            if unknown:
                raise DirectoryError(f"{where}: unknown field(s) {sorted(unknown)}")
            for key in ("source", "verified"):
                if not entry.get(key):
                    raise DirectoryError(f"{where}: missing '{key}' (every entry needs a source and a verified date)")
            if not entry.get("phone") and not entry.get("web"):
                raise DirectoryError(f"{where}: needs a 'phone' or a 'web' address")
            for key in NUMBER_FIELDS:
                if key in entry and not PHONE_RE.match(str(entry[key])):
                    raise DirectoryError(f"{where}: '{key}' {entry[key]!r} is not a phone number (digits and spaces)")
            for key in FLAGS:
                if key in entry and not isinstance(entry[key], bool):
                    raise DirectoryError(f"{where}: '{key}' must be true or false")
            recheck = entry.get("recheck_months", DEFAULT_RECHECK_MONTHS)
            if not isinstance(recheck, int) or isinstance(recheck, bool) or not 1 <= recheck <= 24:
                raise DirectoryError(f"{where}: 'recheck_months' must be a whole number of months from 1 to 24")
            hours = entry.get("hours")
            if hours is not None and not (hours == ALWAYS_OPEN or HOURS_KEY_RE.match(str(hours))):
                raise DirectoryError(f"{where}: 'hours' must be {ALWAYS_OPEN!r} or a key such as weekdays_9_20")
            fields = {k: str(v) for k, v in entry.items() if k in FIELDS}
            parsed[sid] = Service(
                code,
                sid,
                fields,
                _parse_verified(entry["verified"], where),
                recheck,
                on_bills=entry.get("on_bills", True),
                urgent=entry.get("urgent", False),
            )
        regions[str(code)] = parsed
    for needed in (HOME_REGION, FALLBACK_REGION):
        if needed not in regions:
            raise DirectoryError(f"{source}: region {needed!r} is required")
    return Directory(regions, dialling_codes)


def load_directory(path: Path) -> Directory:
    """Read and validate the directory file."""
    try:
        data = read_yaml(path)
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        raise DirectoryError(f"{path.name}: cannot be read as YAML: {exc}") from exc
    return parse_directory(data, source=f"locales/{path.name}")


def stale_entries(directory: Directory, today: dt.date) -> list[Service]:
    """Entries last verified longer ago than their re-check period: operators must re-check them."""
    now = today.year * 12 + today.month
    return [
        s
        for services in directory.regions.values()
        for s in services.values()
        if s.verified.year * 12 + s.verified.month < now - s.recheck_months
    ]


def hours_keys(directory: Directory) -> set[str]:
    """Every `hours` key the directory uses (each language needs labels.hours_<key>)."""
    return {
        s.fields["hours"]
        for services in directory.regions.values()
        for s in services.values()
        if s.fields.get("hours") not in (None, ALWAYS_OPEN)
    }
