"""The parts of a reply a channel may show besides its text: number links and the interpreter card.

They come from the renderer through Rasa; here they are checked again before they reach a channel, so
a malformed one is dropped (the text still shows) and never becomes a link to anything but a number.
"""

from __future__ import annotations

import re
from typing import Any

LINK_TARGET_RE = re.compile(r"^(?:tel|sms):\+?[0-9]{2,20}$")
KINDS = {"call", "text"}


def public_parts(parts: Any, text: str) -> list[dict[str, Any]]:
    """The text's parts, each number with its link; [] unless they spell exactly the text."""
    if not isinstance(parts, list):
        return []
    out: list[dict[str, Any]] = []
    for part in parts:
        if not isinstance(part, dict) or not isinstance(part.get("text"), str):
            return []
        if "href" not in part:
            out.append({"text": part["text"]})
            continue
        href, kind = part.get("href"), part.get("kind")
        if not isinstance(href, str) or not LINK_TARGET_RE.match(href) or kind not in KINDS:
            return []
        out.append(
            {
                "text": part["text"],
                "href": href,
                "kind": kind,
                "on_bills": part.get("on_bills") is not False,
                "urgent": part.get("urgent") is True,
            }
        )
    if "".join(p["text"] for p in out) != text:
        return []
    return out


def public_card(card: Any) -> list[dict[str, str]]:
    """The card's lines: language code, direction and text of each; [] when malformed."""
    if not isinstance(card, list):
        return []
    out = []
    for line in card:
        if not isinstance(line, dict) or not all(isinstance(line.get(k), str) for k in ("language", "text")):
            return []
        out.append(
            {
                "language": line["language"],
                "direction": "rtl" if line.get("direction") == "rtl" else "ltr",
                "text": line["text"],
            }
        )
    return out
