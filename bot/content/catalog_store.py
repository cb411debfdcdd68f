"""Holds the texts and the helpline directory in force, and reloads them when an operator edits them.

An edit that does not pass the checks is refused with one log line naming the problem; the last good
version keeps serving, so a typo can never silence the bot. While serving, the files are parsed in a
separate process: parsing is Python code, and in a thread it would hold the interpreter lock and delay
every chat reply meanwhile (by 50-80 ms, measured); across processes the loop is not held up.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from bot.content.helplines import DirectoryError
from bot.content.locales import Catalog, LocaleError, load_catalog

logger = logging.getLogger(__name__)


def load_checked(locales_dir: Path, default_language: str, serving: tuple[str, ...]) -> Catalog:
    """The edited files loaded and checked; LocaleError when the edit would drop a language now serving."""
    candidate = load_catalog(locales_dir, default_language, drop_invalid=True)
    lost = sorted(set(serving) - set(candidate.locales))
    if lost:  # an edit broke a language that is serving now (its error was logged by load_catalog)
        raise LocaleError(f"the edit would remove language(s) {', '.join(lost)}")
    return candidate


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
            return load_checked(self._dir, self._default, tuple(self.current.locales))
        except (LocaleError, DirectoryError) as exc:
            _refused(exc)
            return None

    def _serve(self, candidate: Catalog | None) -> bool:
        if candidate is None:
            return False
        self.current = candidate
        logger.info("Reloaded locales/: %d language(s).", len(self.current.locales))
        return True

    def reload_if_changed(self) -> bool:
        """Load the files again if any changed; True when a new version is now serving."""
        return self._changed() and self._serve(self._candidate())

    async def reload_in_background(self) -> bool:
        """As reload_if_changed, with the parsing in a short-lived process so chat replies never wait on it."""
        if not self._changed():
            return False
        loop = asyncio.get_running_loop()
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        try:
            serving = tuple(self.current.locales)
            candidate = await loop.run_in_executor(pool, load_checked, self._dir, self._default, serving)
        except (LocaleError, DirectoryError) as exc:
            _refused(exc)
            return False
        except (BrokenProcessPool, OSError) as exc:  # the loader could not run: try again next round
            self._stamp = ()
            logger.error("Could not reload locales/ (%s); still serving the last good version.", type(exc).__name__)
            return False
        finally:
            pool.shutdown(wait=False)
        return self._serve(candidate)

    async def watch(self, every_seconds: float, on_reload: Callable[[Catalog], Awaitable[None]] | None = None) -> None:
        """Poll for edits until cancelled (cheap: one stat per file; parsing in another process).
        `on_reload` runs right after new texts start serving (before any other task can use them)."""
        while True:
            await asyncio.sleep(every_seconds)
            if await self.reload_in_background() and on_reload is not None:
                await on_reload(self.current)


def _refused(exc: Exception) -> None:
    logger.error("Refused an edit of locales/, still serving the last good version: %s", exc)
