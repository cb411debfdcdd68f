"""No user text in the Rasa server's or the action server's logs, at any level.

Rasa logs the whole message text in places Lantern cannot change: its REST channel logs it at ERROR when
a reply is late (`rest.message.received.timeout`, exactly under load), its structlog events carry `text`,
parse data and slot values, JSON tracebacks carry every frame's local variables (the tracker), and its
DEBUG records hold every message and NLG request. `install()` makes what reaches the log safe:
- structlog events keep their name and level only (and the type of an exception), never their fields;
- standard log records below INFO are dropped (whatever LOG_LEVEL says), and an exception is logged as
  its type and frames (file, line, function), never its message or locals.
Only the standard library and structlog (which Rasa brings) are used, so the action server can load it.
"""

from __future__ import annotations

import logging
import sys
import traceback
from typing import Any

KEPT_FIELDS = ("event", "level", "logger", "timestamp")


def only_event_names(_: Any, __: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    """structlog processor: drop every field but the event's name and level; name an exception's type."""
    kept = {key: event_dict[key] for key in KEPT_FIELDS if key in event_dict}
    error = sys.exc_info()[0] if event_dict.get("exc_info") else None
    if error is not None:
        kept["error"] = error.__name__
    return kept


class PrivateRecords(logging.Filter):
    """Handler filter: no DEBUG records; exceptions reduced to type and frames."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.INFO:
            return False
        if record.exc_info and record.exc_info[0] is not None:
            kind, _, tb = record.exc_info
            frames = "".join(traceback.format_tb(tb)) if tb else ""
            record.exc_info, record.exc_text = None, f"{kind.__name__} (message withheld)\n{frames}".rstrip()
        if record.stack_info:
            record.stack_info = None
        return True


_FILTER = PrivateRecords()


def install_filter() -> None:
    """Put the filter on every handler of the root logger (idempotent)."""
    for handler in logging.getLogger().handlers:
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)


def install() -> None:
    """Make structlog and the standard log handlers of this process private. Call after Rasa has
    configured its logging (our tracker store's creation, at server start, is after that)."""
    install_filter()
    try:
        import structlog
    except ImportError:  # the action server's environment may not configure structlog at all
        return
    processors = [p for p in structlog.get_config()["processors"] if p is not only_event_names]
    processors = [p for p in processors if p is not structlog.processors.dict_tracebacks]
    structlog.configure(processors=[only_event_names, *processors])
