"""Compiling the regexes a locale's `privacy:` section lists, folded like the texts they scan."""

from __future__ import annotations

import re
from functools import cache

from bot.common.folding import fold


@cache
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """One locale regex, folded like the texts; raises re.error or ValueError if unusable."""
    compiled = re.compile(fold(pattern), re.IGNORECASE)
    if compiled.search(""):
        raise ValueError("it matches an empty text, so it would match everywhere")
    return compiled
