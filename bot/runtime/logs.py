"""Logging set-up: one line per event, never user text (handlers log names and counts only)."""

from __future__ import annotations

import logging


def setup_logging(level: str) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Libraries that would log request bodies or URLs with tokens at DEBUG stay at WARNING.
    for noisy in ("httpx", "telegram", "aiohttp.client", "asyncio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
