"""Strict checks of what a client sends to /api/chat; every failure is a clear, safe message."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.turn.cleaning import clean_text

SESSION_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
REGION_RE = re.compile(r"^(?:[A-Za-z]{2}|other)$")
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}$")
FIELDS = {"session_id", "text", "language", "region"}


class RequestError(ValueError):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class ChatRequest:
    session_id: str
    text: str
    language: str | None
    region: str | None


def parse_chat(data: Any, shipped: set[str], max_chars: int) -> ChatRequest:
    """Validate the JSON body of POST /api/chat; raise RequestError(400 or 413)."""
    if not isinstance(data, dict):
        raise RequestError(400, "the body must be a JSON object")
    unknown = set(data) - FIELDS
    if unknown:
        raise RequestError(400, f"unknown field(s): {', '.join(sorted(str(k)[:32] for k in unknown))}")
    session_id = data.get("session_id")
    if not isinstance(session_id, str) or not SESSION_RE.match(session_id):
        raise RequestError(400, "session_id must be 8 to 64 characters of A-Z, a-z, 0-9, _ or -")
    text = data.get("text")
    if not isinstance(text, str):
        raise RequestError(400, "text must be a string")
    if len(text) > max_chars:
        raise RequestError(413, f"text is longer than {max_chars} characters")
    text = clean_text(text)
    if not text:
        raise RequestError(400, "text must not be empty")
    language = data.get("language")
    if language is not None:
        if not isinstance(language, str) or not LANGUAGE_RE.match(language):
            raise RequestError(400, "language must be a language code such as 'en'")
        if language not in shipped:
            raise RequestError(400, f"language must be one of: {', '.join(sorted(shipped))}")
    region = data.get("region")
    if region is not None:
        if not isinstance(region, str) or not REGION_RE.match(region):
            raise RequestError(400, "region must be a two-letter country code such as 'GB'")
        region = region if region == "other" else region.upper()
    return ChatRequest(session_id=session_id, text=text, language=language, region=region)
