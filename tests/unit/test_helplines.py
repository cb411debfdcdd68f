"""The helpline directory: the real file is valid and right; bad entries are refused by name."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.common.yaml_files import read_yaml
from bot.content.helplines import DirectoryError, load_directory, parse_directory, stale_entries
from bot.runtime.settings import ROOT

SHARED = ROOT.parent / "shared" / "content" / "helplines.md"


def real():
    return load_directory(ROOT / "locales" / "helplines.yml")


def test_modern_slavery_helpline_is_the_verified_number_not_the_seed_misprint():
    msh = real().lookup("GB", "msh")
    assert msh is not None
    digits = re.sub(r"\D", "", msh.fields["phone"])
    assert digits == "08000121700"
    assert digits != "08000700121"  # the seed document's misprint


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is laid beside the repo in CI and sessions")
def test_every_directory_number_appears_in_the_verified_table():
    table = re.sub(r"\s", "", SHARED.read_text(encoding="utf-8"))
    for services in real().regions.values():
        for service in services.values():
            for key in ("phone", "alt_phone", "sms"):
                if key in service.fields:
                    assert service.fields[key].replace(" ", "") in table, (service.region, service.id, key)


def test_regions_and_fallback_rule():
    d = real()
    assert {"GB", "HR", "other"} <= set(d.regions)
    assert d.region_or_fallback("FR") == "other"
    assert d.region_or_fallback("HR") == "HR"
    assert set(d.regions["other"]) == {"emergency"}  # nothing UK-only shown as if it worked abroad


def _entry(**overrides):
    entry = {"phone": "0800 000 0000", "source": "example.org", "verified": "2026-11"}
    entry.update(overrides)
    return entry


def _doc(gb_extra=None):
    gb = {"emergency": _entry(phone="999")}
    gb.update(gb_extra or {})
    return {"regions": {"GB": {"services": gb}, "other": {"services": {"emergency": _entry(phone="112")}}}}


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (_entry(source=None), "missing 'source'"),
        (_entry(verified=None), "missing 'verified'"),
        (_entry(verified="last year"), "'verified' must be YYYY-MM"),
        (_entry(phone="call us"), "is not a phone number"),
        (_entry(free="yes"), "'free' must be true or false"),
        (_entry(colour="red"), "unknown field"),
    ],
)
def test_bad_entries_are_refused_with_their_name(entry, message):
    with pytest.raises(DirectoryError) as err:
        parse_directory(_doc({"svc": entry}))
    assert "GB.svc" in str(err.value) and message in str(err.value)


def test_region_without_emergency_is_refused():
    doc = _doc()
    doc["regions"]["HR"] = {"services": {"x": _entry()}}
    with pytest.raises(DirectoryError, match="region HR: every region needs an 'emergency'"):
        parse_directory(doc)


def test_stale_entries_are_reported_after_twelve_months():
    d = parse_directory(_doc({"old": _entry(verified="2024-01")}))
    stale = stale_entries(d, dt.date(2026, 11, 25))
    assert [s.id for s in stale] == ["old"]
    assert stale_entries(parse_directory(_doc()), dt.date(2026, 11, 25)) == []


def test_an_entry_with_a_shorter_recheck_period_is_stale_sooner():
    d = parse_directory(_doc({"contract": _entry(verified="2026-04", recheck_months=6)}))
    assert stale_entries(d, dt.date(2026, 10, 25)) == []
    assert [s.id for s in stale_entries(d, dt.date(2026, 11, 2))] == ["contract"]


@pytest.mark.parametrize("hours", ["weekdays 9-5", "Weekdays", "", "24 / 7"])
def test_hours_are_24_7_or_a_key_each_language_words(hours):
    with pytest.raises(DirectoryError, match="hours"):
        parse_directory(_doc({"x": _entry(hours=hours)}))


def test_directory_file_is_plain_yaml_with_sources():
    data = read_yaml(ROOT / "locales" / "helplines.yml")
    for region in data["regions"].values():
        for service in region["services"].values():
            assert service["source"] and service["verified"]
