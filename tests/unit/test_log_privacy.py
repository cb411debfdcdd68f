"""Rasa's and the action server's logs keep event names and levels, never what a person wrote."""

from __future__ import annotations

import io
import json
import logging

import structlog

from rasa_ext.log_privacy import PrivateRecords, install, only_event_names

SECRET_WORDS = "zebra marmalade unique words"


def test_structlog_events_lose_every_field_but_name_and_level():
    kept = only_event_names(None, "error", {"event": "rest.message.received.timeout", "text": SECRET_WORDS})
    assert kept == {"event": "rest.message.received.timeout"}


def test_an_exception_is_named_by_its_type_only():
    try:
        raise ValueError(SECRET_WORDS)
    except ValueError:
        kept = only_event_names(None, "error", {"event": "x.failure", "exc_info": True, "tracker": SECRET_WORDS})
    assert kept == {"event": "x.failure", "error": "ValueError"}


def record(level: int, msg: str, exc: BaseException | None = None) -> logging.LogRecord:
    info = (type(exc), exc, exc.__traceback__) if exc else None
    return logging.LogRecord("rasa.core", level, __file__, 1, msg, None, info)


def test_debug_records_are_dropped_whatever_the_level():
    assert PrivateRecords().filter(record(logging.DEBUG, f"Received user message '{SECRET_WORDS}'")) is False
    assert PrivateRecords().filter(record(logging.INFO, "Rasa server is up and running.")) is True


def test_an_exception_keeps_its_frames_but_not_its_message():
    try:
        raise KeyError(SECRET_WORDS)
    except KeyError as exc:
        rec = record(logging.ERROR, "action failed", exc)
    assert PrivateRecords().filter(rec) is True
    out = logging.Formatter("%(message)s").format(rec)
    assert "KeyError (message withheld)" in out and "test_log_privacy.py" in out
    assert SECRET_WORDS not in out


def test_installed_structlog_writes_no_field_of_an_event():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    old = structlog.get_config()
    try:
        structlog.configure(
            processors=[structlog.processors.add_log_level, structlog.processors.JSONRenderer()],
            logger_factory=structlog.stdlib.LoggerFactory(),
            wrapper_class=structlog.stdlib.BoundLogger,
        )
        install()
        structlog.get_logger("rasa.core.channels.rest").error("rest.message.received.timeout", text=SECRET_WORDS)
        assert handler.filters and isinstance(handler.filters[0], PrivateRecords)
    finally:
        root.removeHandler(handler)
        structlog.configure(**old)
    line = stream.getvalue().strip()
    assert json.loads(line) == {"event": "rest.message.received.timeout", "level": "error"}
    assert SECRET_WORDS not in line
