"""Strict validation of /api/chat bodies."""

from __future__ import annotations

import pytest

from bot.channels.validation import RequestError, parse_chat
from bot.turn.cleaning import clean_text

SHIPPED = {"en", "ar"}


def ok(**fields):
    return {"session_id": "abc12345", "text": "help", **fields}


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ([], 400, "JSON object"),
        (ok(session_id="short"), 400, "session_id"),
        (ok(session_id="has space!"), 400, "session_id"),
        (ok(session_id=12345678), 400, "session_id"),
        (ok(text=None), 400, "text must be a string"),
        (ok(text=""), 400, "must not be empty"),
        (ok(text="\u202e\u0000 "), 400, "must not be empty"),
        (ok(text="x" * 2001), 413, "longer than 2000"),
        (ok(language="xx"), 400, "language must be one of"),
        (ok(language="EN!"), 400, "language code"),
        (ok(region="Great Britain"), 400, "two-letter"),
        (ok(extra=1), 400, "unknown field"),
    ],
)
def test_bad_bodies_get_a_clear_error(body, status, message):
    with pytest.raises(RequestError) as err:
        parse_chat(body, SHIPPED, 2000)
    assert err.value.status == status and message in err.value.message


def test_good_body_is_parsed():
    req = parse_chat(ok(language="ar", region="gb"), SHIPPED, 2000)
    assert (req.session_id, req.text, req.language, req.region) == ("abc12345", "help", "ar", "GB")


def test_control_and_bidi_characters_are_removed():
    assert clean_text("he\u202elp\u0007 me\tnow\n") == "help me now"
