"""Holds the texts and the helpline directory in force, and reloads them when an operator edits them.

An edit that does not pass the checks is refused with one log line naming the problem; the last good
version keeps serving, so a typo can never silence the bot.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from bot.helplines import DirectoryError
from bot.locales import Catalog, LocaleError, load_catalog

logger = logging.getLogger(__name__)


class CatalogStore:
    def __init__(self, locales_dir: Path, default_language: str) -> None:
        self._dir = locales_dir
        self._default = default_language
        self.current: Catalog = load_catalog(locales_dir, default_language, drop_invalid=True)
        self._stamp = self._fingerprint()

    def _fingerprint(self) -> tuple[tuple[str, int, int], ...]:
        return tuple(
            (p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(self._dir.glob("*.yml"))
        )

    def reload_if_changed(self) -> bool:
        """Load the files again if any changed; True when a new version is now serving."""
        try:
            stamp = self._fingerprint()
        except OSError:
            return False
        if stamp == self._stamp:
            return False
        self._stamp = stamp
        try:
            candidate = load_catalog(self._dir, self._default, drop_invalid=True)
            lost = sorted(set(self.current.locales) - set(candidate.locales))
            if lost:  # an edit broke a language that is serving now (its error was logged above)
                raise LocaleError(f"the edit would remove language(s) {', '.join(lost)}")
        except (LocaleError, DirectoryError) as exc:
            logger.error("Refused an edit of locales/, still serving the last good version: %s", exc)
            return False
        self.current = candidate
        logger.info("Reloaded locales/: %d language(s).", len(self.current.locales))
        return True

    async def watch(self, every_seconds: float) -> None:
        """Poll for edits until cancelled (cheap: one stat per file)."""
        while True:
            await asyncio.sleep(every_seconds)
            self.reload_if_changed()
