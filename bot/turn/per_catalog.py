"""Something built from the loaded texts (the region index, the redactor): rebuilt only when what it is
built from changed (most edits of texts change none of it), off the event loop, while the previous one
keeps serving, so no reply waits for a rebuild."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from bot.content.locales import Catalog

T = TypeVar("T")


class PerCatalog(Generic[T]):
    def __init__(self, build: Callable[[Catalog], T], inputs: Callable[[Catalog], Hashable]) -> None:
        """`inputs`: what of the catalog `build` reads, cheap to compute and compare."""
        self._build = build
        self._inputs = inputs
        self._lock = threading.Lock()
        self._current: tuple[Catalog, T] | None = None
        self._built_from: Hashable = None
        self._pending: Catalog | None = None  # a rebuild for this catalog is on its way

    def expect(self, catalog: Catalog) -> None:
        """Say (on the event loop) that `prepare(catalog)` will follow: until then the old value serves."""
        self._pending = catalog

    def prepare(self, catalog: Catalog) -> None:
        """Build for this catalog (in a worker thread) unless its inputs are unchanged, and serve it."""
        inputs = self._inputs(catalog)
        current = self._current
        value = current[1] if current is not None and inputs == self._built_from else self._build(catalog)
        with self._lock:
            self._current, self._built_from = (catalog, value), inputs
            if self._pending is catalog:
                self._pending = None

    def get(self, catalog: Catalog) -> T:
        """The value for this catalog; the previous one while a rebuild is on its way; built here otherwise."""
        current = self._current
        if current is not None and (current[0] is catalog or self._pending is catalog):
            return current[1]
        self.prepare(catalog)  # first use, or a catalog nobody announced: cheap when its inputs are unchanged
        assert self._current is not None
        return self._current[1]
