"""Redaction of what users volunteer, and keyed pseudonyms. All values here are obviously fake."""

from __future__ import annotations

import pytest

from bot.turn.privacy import REDACTED, pseudonym, redact


@pytest.mark.parametrize(
    ("text", "secret", "kind"),
    [
        ("my number is +44 7700 900123 call me", "7700 900123", "phone"),
        ("ring 07700900123", "07700900123", "phone"),
        ("email me at fake.person@example.com", "fake.person@example.com", "email"),
        ("my NI number is QQ 12 34 56 C", "QQ 12 34 56 C", "ni_number"),
        ("passport AB1234567 was taken", "AB1234567", "id_number"),
        ("iban GB82 WEST 1234 5698 7654 32 please", "GB82 WEST 1234 5698 7654 32", "iban"),
        ("card 4111 1111 1111 1111", "4111 1111 1111 1111", "card"),
        ("id number 123456789", "123456789", "digits"),
    ],
)
def test_personal_data_is_removed(text, secret, kind):
    clean, kinds = redact(text)
    assert secret not in clean and REDACTED in clean
    assert kinds


@pytest.mark.parametrize(
    "text",
    [
        "he is hurting me right now",
        "I owe them 2000 pounds",
        "we were 10 men in a garage",
        "I work 14 hours a day, 7 days",
        "I'm 17",
        "born in 2008",
    ],
)
def test_ordinary_text_is_left_alone(text):
    assert redact(text) == (text, [])


def test_pseudonym_is_stable_keyed_and_not_the_raw_id():
    a = pseudonym(b"k1", "telegram", "123456789")
    assert a == pseudonym(b"k1", "telegram", "123456789")
    assert a != pseudonym(b"k2", "telegram", "123456789")
    assert a != pseudonym(b"k1", "web", "123456789")
    assert "123456789" not in a
