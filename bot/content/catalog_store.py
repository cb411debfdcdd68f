"""Holds the texts and the helpline directory in force, and reloads them when an operator edits them.

An edit that does not pass the checks is refused with one log line naming the problem; the last good
version keeps serving, so a typo can never silence the bot.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from bot.content.helplines import DirectoryError
from bot.content.locales import Catalog, LocaleError, load_catalog

logger = logging.getLogger(__name__)


class CatalogStore:
    def __init__(self, locales_dir: Path, default_language: str) -> None:
        self._dir = locales_dir
        self._default = default_language
        self.current: Catalog = load_catalog(locales_dir, default_language, drop_invalid=True)
        self._stamp = self._fingerprint()

    def _fingerprint(self) -> tuple[tuple[str, int, int], ...]:
        return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(self._dir.glob("*.yml")))

    def _changed(self) -> bool:
        try:
            stamp = self._fingerprint()
        except OSError:
            return False
        if stamp == self._stamp:
            return False
        self._stamp = stamp
        return True

    def _candidate(self) -> Catalog | None:
        """The edited files loaded and checked, or None (logged) when the edit is refused."""
        try:
            candidate = load_catalog(self._dir, self._default, drop_invalid=True)
            lost = sorted(set(self.current.locales) - set(candidate.locales))
            if lost:  # an edit broke a language that is serving now (its error was logged above)
                raise LocaleError(f"the edit would remove language(s) {', '.join(lost)}")
        except (LocaleError, DirectoryError) as exc:
            logger.error("Refused an edit of locales/, still serving the last good version: %s", exc)
            return None
        return candidate

    def _serve(self, candidate: Catalog | None) -> bool:
        if candidate is None:
            return False
        self.current = candidate
        logger.info("Reloaded locales/: %d language(s).", len(self.current.locales))
        return True

    def reload_if_changed(self) -> bool:
        """Load the files again if any changed; True when a new version is now serving."""
        return self._changed() and self._serve(self._candidate())

    async def reload_in_thread(self) -> bool:
        """As reload_if_changed, with the parsing in a worker thread so chat replies never wait on it."""
        return self._changed() and self._serve(await asyncio.to_thread(self._candidate))

    async def watch(self, every_seconds: float) -> None:
        """Poll for edits until cancelled (cheap: one stat per file; parsing off the event loop)."""
        while True:
            await asyncio.sleep(every_seconds)
            await self.reload_in_thread()
