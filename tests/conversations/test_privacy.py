"""Privacy that holds on the real stack: redaction before Rasa, forget me, no text in logs."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.stack  # starts the real stack (needs the trained model)

FAKE_PHONE = "07700 900123"  # Ofcom's range reserved for drama: never a real line
FAKE_EMAIL = "nobody@example.invalid"
FAKE_PASSPORT = "ZZ9876543"


def _all_text(events: list[dict]) -> str:
    return json.dumps(events)


def test_volunteered_personal_data_never_reaches_the_tracker_store_or_logs(stack, chat):
    reply = chat.send(f"my number is {FAKE_PHONE}, email {FAKE_EMAIL}, and they took passport {FAKE_PASSPORT}")
    assert "need" in reply["messages"][0]["text"].lower()  # the gentle privacy notice comes first
    stored = _all_text(stack.tracker_events("web", chat.session_id))
    assert "[removed]" in stored  # the message was stored, redacted
    for value in (FAKE_PHONE, FAKE_PHONE.replace(" ", ""), FAKE_EMAIL, FAKE_PASSPORT):
        assert value not in stored
        assert value not in stack.log_text()


def test_forget_me_leaves_no_events_behind(stack, chat):
    chat.send("I'm asking for myself")
    chat.send("yes")
    assert any(e.get("event") == "user" for e in stack.tracker_events("web", chat.session_id))
    reply = chat.send("please forget everything I said")
    assert "erased" in reply["messages"][0]["text"]
    events = stack.tracker_events("web", chat.session_id)
    assert not [e for e in events if e.get("event") in ("user", "bot", "slot")]


def test_forget_button_payload(stack, chat):
    chat.send("help")
    chat.send("/forget_me")
    assert not [e for e in stack.tracker_events("web", chat.session_id) if e.get("event") == "user"]


def test_user_text_and_session_ids_do_not_reach_the_logs(stack, chat):
    marker = "zebra-marmalade-unique-words"
    chat.send(f"i am not sure about {marker} at my job")
    log = stack.log_text()
    assert marker not in log
    assert chat.session_id not in log


def _listening_addresses() -> dict[int, str]:
    """port -> local address of every listening TCP socket (from /proc, IPv4 and IPv6)."""
    found: dict[int, str] = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as handle:
            for line in handle.readlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                if state == "0A":  # LISTEN
                    address, port = local.split(":")
                    found[int(port, 16)] = address
    return found


def test_rasa_and_action_server_listen_on_loopback_only(stack):
    listening = _listening_addresses()
    for name in ("rasa", "actions", "nlg", "gateway"):
        address = listening[stack.ports[name]]
        assert address in ("0100007F", "00000000000000000000000001000000"), (name, address)


def test_a_long_conversation_keeps_only_its_recent_turns(stack, chat):
    from rasa_ext.tracker_store import MAX_EVENTS

    for n in range(25):  # under the per-conversation rate limit; far more events than the cap
        chat.send("is it free to call" if n % 2 else "will I be deported")
    events = stack.tracker_events("web", chat.session_id)
    assert len(events) <= MAX_EVENTS + 20  # trimmed on save: not the ~200 events 25 turns make
    assert [e for e in events if e.get("event") == "user"][-1]["text"] == "will I be deported"
    assert "free" in chat.texts("is it free to call").lower()  # and the conversation goes on as before
