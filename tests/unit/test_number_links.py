"""Every directory number in every text is a link to exactly the directory's digits, in every language,
region and channel; Telegram gets the international form its apps make tappable; RTL keeps digit order."""

from __future__ import annotations

import re

import pytest

from bot.content.helplines import NUMBER_FIELDS
from bot.content.locales import load_catalog
from bot.content.numbers import dial_digits, international, link_target
from bot.content.placeholders import placeholders
from bot.content.render import render
from bot.runtime.settings import ROOT
from bot.turn.links import public_parts

REGIONS = ("GB", "HR", "other")
ARGUMENTS = {"signs": ["debt"], "language_name": "English", "country": "Narnia"}
DIGIT_RUN = re.compile(r"\+?\d[\d ]*\d|\d")


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT / "locales")


def directory_targets(catalog) -> set[str]:
    return {
        link_target(service.fields[fld], "text" if fld == "sms" else "call")
        for services in catalog.directory.regions.values()
        for service in services.values()
        for fld in NUMBER_FIELDS
        if fld in service.fields
    }


def test_digits_targets_and_international_form():
    assert dial_digits("08000 121 700") == "08000121700"
    assert link_target("08000 121 700") == "tel:08000121700"
    assert link_target("61016", "text") == "sms:61016"
    assert international("08000 121 700", "+44") == "+44 8000 121 700"
    assert international("0800 77 99", "+385") == "+385 800 77 99"
    for short in ("999", "112", "116 006", "61016"):
        assert international(short, "+44") == short  # short codes have no international form
    assert international("0800 1111", None) == "0800 1111"


@pytest.mark.parametrize("channel", ["web", "telegram"])
def test_every_directory_number_in_every_text_is_a_link_to_its_digits(catalog, channel):
    known = directory_targets(catalog)
    checked = 0
    for code, loc in catalog.locales.items():
        for key in loc.responses:
            for region in REGIONS:
                for confirmed in (True, False):
                    rendered = render(catalog, key, code, region, ARGUMENTS, channel=channel, confirmed=confirmed)
                    parts = rendered.parts
                    if not parts:  # then no directory number is in it at all
                        for run in DIGIT_RUN.findall(rendered.text):
                            assert f"tel:{dial_digits(run)}" not in known, (code, key, region, run)
                        continue
                    assert "".join(p["text"] for p in parts) == rendered.text
                    # Rasa cuts a text at blank lines into several messages; the links would not survive.
                    assert "\n\n" not in rendered.text, (code, key, region)
                    assert public_parts(parts, rendered.text) == [
                        {**p, "on_bills": p.get("on_bills", True), "urgent": p.get("urgent", False)}
                        if "href" in p
                        else p
                        for p in parts
                    ]
                    for part in parts:
                        if "href" not in part:
                            # No directory number is left as plain text beside the links.
                            for run in DIGIT_RUN.findall(part["text"]):
                                assert f"tel:{dial_digits(run)}" not in known, (code, key, region, run)
                            continue
                        checked += 1
                        assert part["href"] in known, (code, key, region, part)
                        shown = dial_digits(part["text"])
                        target = part["href"].split(":", 1)[1]
                        if channel == "telegram" and shown.startswith("+"):
                            code_digits = catalog.directory.dialling_codes[
                                "HR" if shown.startswith("+385") else "GB"
                            ].lstrip("+")
                            assert "0" + shown[1 + len(code_digits) :] == target
                        else:
                            assert shown == target, (code, key, region, part)
    assert checked > 1000


def test_telegram_numbers_are_international_where_they_can_be(catalog):
    msh = catalog.directory.lookup("GB", "msh").fields["phone"]
    for code in ("en", "ar"):
        text = render(catalog, "utter_help", code, "GB", channel="telegram").text
        assert international(msh, "+44") in text
        assert msh not in text.replace(international(msh, "+44"), "")
    sos = catalog.directory.lookup("HR", "hr_trafficking").fields["phone"]
    assert international(sos, "+385") in render(catalog, "utter_help", "hr", "HR", channel="telegram").text


def test_right_to_left_numbers_keep_their_digit_order_in_an_isolate(catalog):
    msh = catalog.directory.lookup("GB", "msh").fields["phone"]
    for channel in ("web", "telegram"):
        rendered = render(catalog, "utter_help", "ar", "GB", channel=channel)
        shown = msh if channel == "web" else international(msh, "+44")
        assert f"\u2066{shown}\u2069" in rendered.text
        link = next(p for p in rendered.parts if p.get("href") == link_target(msh))
        assert link["text"] == shown


def test_urgent_and_unbilled_numbers_are_marked(catalog):
    parts = render(catalog, "utter_faq_what_happens_if_i_call", "en", "GB").parts
    childline = next(p for p in parts if p.get("href") == "tel:08001111")
    msh = next(p for p in parts if p.get("href") == "tel:08000121700")
    assert childline["on_bills"] is False and msh["on_bills"] is True
    emergency = next(p for p in render(catalog, "utter_emergency", "en", "GB").parts if "href" in p)
    assert emergency["urgent"] is True and emergency["href"] == "tel:999"


def test_texts_with_a_number_placeholder_all_have_parts(catalog):
    for key, response in catalog.locales["en"].responses.items():
        if any(name.split(".")[-1] in NUMBER_FIELDS for name in placeholders(response.text)):
            assert render(catalog, key, "en", "GB").parts, key


@pytest.mark.parametrize(
    "parts",
    [
        [{"text": "call "}, {"text": "999", "href": "javascript:alert(1)", "kind": "call"}],
        [{"text": "call "}, {"text": "999", "href": "tel:999", "kind": "fax"}],
        [{"text": "call "}, {"text": "999", "href": "https://example.org", "kind": "call"}],
        [{"text": "something else"}],
        "not a list",
        [["call"]],
    ],
)
def test_malformed_parts_are_dropped_and_the_text_still_shows(parts):
    assert public_parts(parts, "call 999") == []
