"""Rendering: language, region, placeholders, fallbacks and the language picker."""

from __future__ import annotations

import pytest

from bot.common.payloads import language_payload
from bot.content.helplines import load_directory
from bot.content.locales import load_catalog
from bot.content.render import RenderError, render
from bot.runtime.settings import ROOT


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT / "locales")


@pytest.fixture(scope="module")
def directory():
    return load_directory(ROOT / "locales" / "helplines.yml")


def test_help_in_gb_has_the_helpline_and_emergency_numbers(catalog, directory):
    text = render(catalog, "utter_help", "en", "GB").text
    assert directory.lookup("GB", "msh").fields["phone"] in text
    assert directory.lookup("GB", "emergency").fields["phone"] in text
    assert "{" not in text


def test_help_in_croatia_uses_croatian_numbers_only(catalog, directory):
    text = render(catalog, "utter_help", "en", "HR").text
    assert directory.lookup("HR", "hr_trafficking").fields["phone"] in text
    assert directory.lookup("HR", "emergency").fields["phone"] in text
    assert directory.lookup("GB", "msh").fields["phone"] not in text


def test_unknown_region_gets_the_fallback_rule(catalog, directory):
    text = render(catalog, "utter_help", "en", "FR").text
    assert directory.lookup("other", "emergency").fields["phone"] in text
    assert directory.lookup("GB", "msh").fields["phone"] not in text


def test_uk_only_service_outside_the_uk_is_labelled(catalog, directory):
    text = render(catalog, "utter_referral_nations", "en", "other").text  # no "other" version: the UK text
    phone = directory.lookup("GB", "msh").fields["phone"]
    assert f"{phone} (UK)" in text


def test_unknown_language_falls_back_to_default(catalog):
    assert render(catalog, "utter_help", "xx", "GB").language == "en"


def test_signs_argument_becomes_a_bulleted_list(catalog):
    text = render(catalog, "utter_selfcheck_summary_signs", "en", "GB", {"signs": ["debt", "documents"]}).text
    loc = catalog.locales["en"]
    assert f"• {loc.labels['sign_debt']}" in text and f"• {loc.labels['sign_documents']}" in text
    assert loc.labels["sign_violence"] not in text


def test_language_picker_lists_every_shipped_language(catalog):
    rendered = render(catalog, "utter_choose_language", "en", "GB")
    assert [b["payload"] for b in rendered.buttons] == [language_payload(c) for c in sorted(catalog.locales)]
    assert {b["title"] for b in rendered.buttons} == {loc.native_name for loc in catalog.locales.values()}


def test_unknown_response_is_an_error(catalog):
    with pytest.raises(RenderError):
        render(catalog, "utter_does_not_exist", "en", "GB")


def test_every_response_renders_in_every_language_and_region(catalog):
    for code, loc in catalog.locales.items():
        for key in loc.responses:
            for region in ("GB", "HR", "other"):
                text = render(catalog, key, code, region, {"signs": ["debt"]}).text
                assert text and "{" not in text, (code, key, region)


def test_before_anyone_says_where_they_are_uk_numbers_say_so_and_112_is_named(catalog, directory):
    unconfirmed = render(catalog, "utter_help", "en", "GB", confirmed=False).text
    confirmed = render(catalog, "utter_help", "en", "GB").text
    emergency = directory.lookup("GB", "emergency").fields["phone"]
    anywhere = directory.lookup("other", "emergency").fields["phone"]
    msh = directory.lookup("GB", "msh").fields["phone"]
    assert f"{emergency} (UK) / {anywhere}" in unconfirmed and f"{msh} (UK)" in unconfirmed
    assert "(UK)" not in confirmed and msh in confirmed
    assert (
        render(catalog, "utter_help", "en", "HR", confirmed=False).text
        == render(catalog, "utter_help", "en", "HR").text
    )
