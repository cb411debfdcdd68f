"""The `{name}` placeholders of locale texts ({helpline.msh.phone}, {region_name}), matched one way everywhere."""

from __future__ import annotations

import re

PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_.]*)\}")


def placeholders(text: str) -> set[str]:
    """The placeholder names a text uses."""
    return set(PLACEHOLDER_RE.findall(text))


def without_placeholders(text: str, replacement: str = " ") -> str:
    """The text with each placeholder replaced: what is left is the text's own words."""
    return PLACEHOLDER_RE.sub(replacement, text)
