"""Over the real model: a place named in a language's own grammar sets the region at once, and a
conversation in Croatia never sees a UK-only number (the next help request shows Croatia's)."""

from __future__ import annotations

import re

import pytest

from bot.common.names import PAYLOAD_HELP
from bot.content.locales import load_catalog
from bot.runtime.settings import ROOT
from scripts.stack import ChatClient

pytestmark = pytest.mark.stack  # starts the real stack (needs the trained model)

DIRECTORY = load_catalog(ROOT / "locales").directory
GB_ONLY = {
    sid: service.fields["phone"]
    for sid, service in DIRECTORY.regions["GB"].items()
    if sid not in DIRECTORY.regions["HR"] and "phone" in service.fields
}
HR_SOS = DIRECTORY.lookup("HR", "hr_trafficking").fields["phone"]
GB_HELPLINE = DIRECTORY.lookup("GB", "msh").fields["phone"]


def shows(phone: str, text: str) -> bool:
    """The number stands alone in the text ("111" is not shown by "116 111")."""
    return re.search(rf"(?<![0-9])(?<![0-9] ){re.escape(phone)}(?! ?[0-9])", text) is not None


@pytest.mark.parametrize(
    ("language", "message", "region"),
    [
        ("hr", "radim u hotelu u Splitu i šef mi je uzeo putovnicu", "HR"),
        ("hr", "U Zagrebu sam, tuče me", "HR"),
        ("en", "I'm in Zagreb and my boss has my passport", "HR"),
        ("ar", "أنا في زغرب ولا أستطيع المغادرة", "HR"),
        ("zh", "我在萨格勒布，老板拿走了我的护照", "HR"),
        ("en", "I work in a factory in Leeds and haven't been paid", "GB"),
        ("pl", "pracuję w Manchesterze i nie dostaję pieniędzy", "GB"),
        ("ru", "я сейчас в Лондоне, работодатель забрал паспорт", "GB"),
    ],
)
def test_a_place_sets_the_region_and_the_numbers_follow(stack, language: str, message: str, region: str) -> None:
    client = ChatClient(stack.gateway_url, language=language)
    first = "\n".join(m["text"] for m in client.send(message)["messages"])
    help_text = "\n".join(m["text"] for m in client.send(PAYLOAD_HELP)["messages"])
    if region == "HR":
        assert HR_SOS in help_text
        for text in (first, help_text):  # nothing UK-only, not even labelled "(UK)"
            assert not [sid for sid, phone in GB_ONLY.items() if shows(phone, text)], text
    else:
        assert GB_HELPLINE in help_text and HR_SOS not in help_text


def test_where_someone_comes_from_does_not_move_them(stack) -> None:
    client = ChatClient(stack.gateway_url, language="en")
    client.send("I'm from Croatia but I work here in a car wash")
    assert GB_HELPLINE in "\n".join(m["text"] for m in client.send(PAYLOAD_HELP)["messages"])


def test_before_a_place_is_named_the_uk_numbers_say_so_and_112_is_given(stack) -> None:
    text = "\n".join(m["text"] for m in ChatClient(stack.gateway_url, language="en").send(PAYLOAD_HELP)["messages"])
    emergency = DIRECTORY.lookup("GB", "emergency").fields["phone"]
    anywhere = DIRECTORY.lookup("other", "emergency").fields["phone"]
    assert f"{emergency} (UK) / {anywhere}" in text and f"{GB_HELPLINE} (UK)" in text


def test_in_croatian_only_112_until_they_say_where_then_croatias_numbers(stack) -> None:
    client = ChatClient(stack.gateway_url, language="hr")
    first = client.send("trebam pomoć")
    text = "\n".join(m["text"] for m in first["messages"])
    assert DIRECTORY.lookup("other", "emergency").fields["phone"] in text and GB_HELPLINE not in text
    buttons = first["messages"][-1]["buttons"]
    assert [b["title"] for b in buttons][:2] == ["Hrvatska", "Ujedinjeno Kraljevstvo"]
    client.send(buttons[0]["payload"])  # "Hrvatska"
    assert HR_SOS in "\n".join(m["text"] for m in client.send(PAYLOAD_HELP)["messages"])
