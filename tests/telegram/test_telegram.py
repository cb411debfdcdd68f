"""The Telegram channel end to end: the real stack's Rasa, a gateway in webhook mode, and a
stand-in Bot API that records what the bot sends. Expected texts are rendered from locales/ and
numbers read from the directory, so the tests follow the content."""

from __future__ import annotations

import json
import re
import time

import pytest

from bot.common.payloads import language_payload
from bot.common.yaml_files import read_yaml
from bot.content.locales import load_catalog
from bot.content.numbers import international
from bot.content.render import render
from bot.runtime.settings import ROOT
from scripts.stack import start_gateway, stop
from tests.telegram.conftest import (
    LOGS,
    RATE_PER_CHAT,
    SEEN,
    TOKEN,
    Gateway,
    TelegramUser,
    buttons,
    telegram_env,
)

pytestmark = pytest.mark.stack

CATALOG = load_catalog(ROOT / "locales")
DIRECTORY = read_yaml(ROOT / "locales" / "helplines.yml")["regions"]
# Telegram shows numbers in international form, the form its apps make tappable.
MSH = international(DIRECTORY["GB"]["services"]["msh"]["phone"], DIRECTORY["GB"]["dialling_code"])


def text_of(key: str, language: str = "en") -> str:
    """As Telegram shows it: some texts have a Telegram version (no Quick exit button there)."""
    return render(CATALOG, key, language, "GB", channel="telegram", confirmed=False).text


def payloads_of(key: str) -> list[str]:
    return [b["payload"] for b in render(CATALOG, key, "en", "GB").buttons]


def test_start_greets_with_an_inline_keyboard(person):
    replies = person.say("/start")
    assert replies[0]["text"] == text_of("utter_greet")
    keyboard = buttons(replies[0])
    assert [b["callback_data"] for b in keyboard] == payloads_of("utter_greet")
    assert [b["text"] for b in keyboard] == [b["title"] for b in render(CATALOG, "utter_greet", "en", "GB").buttons]


def test_help_is_answered_with_the_helpline_number_from_the_directory(person):
    replies = person.say("help")
    assert any(MSH in r["text"] for r in replies)
    assert person.say("/help")[0]["text"] == text_of("utter_help")


def test_a_button_press_is_answered_and_continues_the_conversation(person, bot_api):
    greeting = person.say("/start")[0]
    assert "/identify_self" in [b["callback_data"] for b in buttons(greeting)]
    update = person.press_update("/identify_self", greeting["message_id"])
    replies = person.deliver(update)
    answered = [c.params["callback_query_id"] for c in bot_api.calls_of("answerCallbackQuery")]
    assert update["callback_query"]["id"] in answered
    assert replies[0]["text"] == text_of("utter_ask_safe_to_talk")
    assert [b["callback_data"] for b in buttons(replies[0])] == payloads_of("utter_ask_safe_to_talk")


def test_language_command_shows_native_names_and_the_choice_sticks(person):
    picker = person.say("/language")[-1]
    keyboard = buttons(picker)
    assert [b["text"] for b in keyboard] == list(CATALOG.native_names().values())
    assert [b["callback_data"] for b in keyboard] == [language_payload(c) for c in CATALOG.native_names()]
    code = next(iter(CATALOG.native_names()))
    chosen = person.press(language_payload(code), picker["message_id"])
    assert chosen[0]["text"] == text_of("utter_language_chosen", code)


def test_forget_deletes_the_chat_and_explains_how_to_delete_it_on_the_phone(person, bot_api):
    person.say("/start")
    person.say("help")
    before = [m["message_id"] for m in person.replies()]
    forget = person.message_update("/forget")
    replies = person.deliver(forget)
    deleted = set(bot_api.deleted(person.chat_id))
    assert set(before) <= deleted  # every message the bot sent
    assert forget["message"]["message_id"] in deleted  # and the user's own, /forget included
    assert [r["text"] for r in replies] == [text_of("utter_telegram_forgotten")]
    # A second /forget deletes only what came after the first.
    again = person.deliver(person.message_update("/forget"))
    assert replies[0]["message_id"] in set(bot_api.deleted(person.chat_id))
    assert again[-1]["text"] == text_of("utter_telegram_forgotten")


def test_typing_forget_me_also_deletes_the_chat(person, bot_api):
    person.say("help")
    before = [m["message_id"] for m in person.replies()]
    replies = person.say("forget me")
    assert set(before) <= set(bot_api.deleted(person.chat_id))
    assert [r["text"] for r in replies] == [text_of("utter_telegram_forgotten")]


def test_the_tracker_store_holds_a_pseudonym_never_telegram_ids(person, stack):
    person.say("I'm asking for myself")
    events = stack.tracker_events("telegram", str(person.chat_id))  # keyed by the HMAC pseudonym
    assert any(e.get("event") == "user" for e in events)
    stored = json.dumps(events)
    for value in (person.chat_id, person.user_id, person.username, person.first_name):
        assert str(value) not in stored
    person.say("/forget")
    events = stack.tracker_events("telegram", str(person.chat_id))
    assert not [e for e in events if e.get("event") in ("user", "bot", "slot")]


def test_forget_deletes_one_by_one_when_deletemessages_is_refused(person, bot_api):
    bot_api.refuse.add(("deleteMessages", person.chat_id))
    person.say("/start")
    before = [m["message_id"] for m in person.replies()]
    person.say("/forget")
    single = {c.params["message_id"] for c in bot_api.calls_of("deleteMessage", person.chat_id)}
    assert set(before) <= single


def test_a_missing_or_wrong_secret_is_refused_and_nothing_is_sent(person, gateway, bot_api):
    update = person.message_update("help")
    assert gateway.post(update, secret=None)[0] == 403
    assert gateway.post(update, secret="wrong-secret")[0] == 403
    assert gateway.post(update, secret="")[0] == 403
    time.sleep(1.5)
    assert person.replies() == []


def test_malformed_or_foreign_bodies_get_400(gateway):
    status, body = gateway.post(None, raw=b'{"update_id": 1, "message": ')
    assert status == 400 and "JSON" in body["error"]
    assert gateway.post(None, raw=b"\xff\xfe")[0] == 400
    assert gateway.post([1, 2, 3])[0] == 400
    assert gateway.post({"hello": "world"})[0] == 400
    assert gateway.post({"update_id": "7"})[0] == 400


def test_a_group_chat_gets_the_private_only_reply_once(bot_api, gateway):
    member = TelegramUser(bot_api, gateway, chat_type="group")
    member.chat_id = -abs(member.chat_id)
    SEEN["ids"].add(str(member.chat_id))
    replies = member.say("/start")
    assert [r["text"] for r in replies] == [text_of("utter_private_only")]
    assert buttons(replies[0]) == []
    assert member.say("help", expect=False) == []  # once, not on every message


def test_the_language_hint_does_not_override_what_the_user_wrote(bot_api, gateway):
    others = sorted(set(CATALOG.locales) - {"en"})
    hint = others[0] if others else "fr"  # with English only, any other code
    person = TelegramUser(bot_api, gateway, language_code=hint)
    replies = person.say("can you give me a number to call")
    assert replies[0]["text"] == text_of("utter_help", "en")


@pytest.mark.skipif(len(CATALOG.locales) < 2, reason="only English is shipped so far")
def test_a_message_in_another_language_is_answered_in_it(bot_api, gateway):
    code = sorted(set(CATALOG.locales) - {"en"})[0]
    examples = read_yaml(ROOT / "nlu" / code / "core.yml")["nlu"]
    lines = next(b["examples"] for b in examples if b.get("intent") == "ask_help").splitlines()
    sentence = max((line.lstrip("- ").strip() for line in lines if line.strip()), key=len)
    person = TelegramUser(bot_api, gateway, language_code="en")
    assert person.say(sentence)[0]["text"] == text_of("utter_help", code)


def test_a_photo_or_sticker_gets_a_text_only_answer(person):
    update = person.message_update(
        sticker={
            "file_id": "x",
            "file_unique_id": "y",
            "width": 1,
            "height": 1,
            "is_animated": False,
            "is_video": False,
            "type": "regular",
        }
    )
    assert [r["text"] for r in person.deliver(update)] == [text_of("utter_telegram_text_only")]


def test_too_long_a_message_is_refused_politely(person):
    assert [r["text"] for r in person.say("word " * 500)] == [text_of("utter_error_too_long")]


def test_over_the_rate_limit_one_notice_then_quiet(person, gateway):
    for _ in range(RATE_PER_CHAT + 4):
        assert gateway.post(person.message_update("help"))[0] == 200
    notice = text_of("utter_error_rate_limited")
    person.api.wait(lambda: any(r["text"] == notice for r in person.replies()), what="the rate-limit notice")
    time.sleep(2)
    texts = [r["text"] for r in person.replies()]
    assert texts.count(notice) == 1
    assert len(texts) == RATE_PER_CHAT + 1  # each "help" is one message, plus the notice


def test_a_repeated_update_is_answered_once(person, gateway):
    update = person.message_update("help")
    first = person.deliver(update)
    assert gateway.post(update)[0] == 200
    time.sleep(1.5)
    assert len(person.replies()) == len(first)


def test_flood_control_is_waited_out_once(person, bot_api):
    bot_api.flood_once.add(person.chat_id)
    started = time.monotonic()
    replies = person.say("help")
    assert any(MSH in r["text"] for r in replies)
    assert bot_api.calls_of("sendMessage(429)", person.chat_id)
    assert time.monotonic() - started >= 1.0


def test_polling_mode_for_development(stack, bot_api, tmp_path):
    proc, url, log = start_gateway(stack, tmp_path, telegram_env(bot_api))
    LOGS.append(log)
    try:
        bot_api.wait(lambda: bot_api.calls_of("getUpdates"), what="getUpdates")
        person = TelegramUser(bot_api, Gateway(url, log, secret=None))
        bot_api.queue_update(person.message_update("help"))
        bot_api.wait(lambda: person.replies(), what="a reply by polling")
        assert any(MSH in r["text"] for r in person.replies())
        assert person.gateway.post(person.message_update("help"))[0] in (
            404,
            405,
        )  # no webhook route
    finally:
        stop(proc)


def test_logs_hold_no_ids_names_texts_or_token(bot_api, gateway, stack):
    person = TelegramUser(bot_api, gateway)
    secret_words = "my boss keeps my passport in zanzibar-quokka"
    person.say(secret_words)
    greeting = person.say("/start")[0]
    person.press("/identify_self", greeting["message_id"])
    person.say("/forget")
    time.sleep(1)
    logs = {p.name: p.read_text(errors="replace") for p in LOGS}
    logs["stack.log"] = stack.log_text()  # Rasa and the actions must not see them either
    for name, text in logs.items():
        assert TOKEN not in text and TOKEN.split(":")[1] not in text, name
        for value in SEEN["ids"] | SEEN["names"]:
            assert value not in text, (name, "an id or a name")
    for name in (p.name for p in LOGS):
        for said in SEEN["texts"] | {secret_words}:
            if len(said) > 12:  # "help" or "/start" appear in code paths; long texts must not
                assert said not in logs[name], (name, "a user's text")
    assert "Telegram channel ready" in gateway.log.read_text()


TAPPABLE = re.compile(r"\+[1-9][0-9]{0,3}(?: [0-9]{1,4}){2,4}")  # an international number: +44 8000 121 700


@pytest.mark.parametrize("language", ["en", "ar"])
def test_numbers_are_in_the_international_form_telegram_makes_tappable(bot_api, gateway, language):
    person = TelegramUser(bot_api, gateway, language_code=language)
    picker = person.say("/language")[-1]
    person.press(language_payload(language), picker["message_id"])
    reply = person.say("/help")[0]["text"]
    assert reply == render(CATALOG, "utter_help", language, "GB", channel="telegram", confirmed=False).text
    assert MSH in reply and TAPPABLE.search(reply)
    local = DIRECTORY["GB"]["services"]["msh"]["phone"]
    assert local not in reply.replace(MSH, "")  # never the national form beside it
    if language == "ar":  # right to left: the number is one left-to-right run, its digits in order
        assert f"\u2066{MSH}" in reply


@pytest.mark.parametrize("language", ["en", "ar", "hr"])
def test_card_command_shows_the_interpreter_card(bot_api, gateway, language):
    person = TelegramUser(bot_api, gateway, language_code=language)
    picker = person.say("/language")[-1]
    person.press(language_payload(language), picker["message_id"])
    replies = person.say("/card")
    expected = render(CATALOG, "utter_interpreter_card", language, "other" if language == "hr" else "GB")
    assert replies[-1]["text"] == expected.text
    for line in expected.card:
        assert CATALOG.locales[line["language"]].languages[language] in line["text"]
    assert {line["language"] for line in expected.card} >= {language, "en"}
