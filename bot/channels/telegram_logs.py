"""Keeps the bot token and the webhook secret out of every log line, tracebacks included.

Installed on the root logger's handlers while the Telegram channel runs, so records from
python-telegram-bot, httpx (whose request URLs contain the token) and our own modules are covered.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.runtime.settings import Settings


class Scrubber(logging.Filter):
    """Removes the bot token and the webhook secret from every record (message and traceback)."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if len(s) >= 8]  # shorter ones would mangle every line

    def _clean(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "<redacted>")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is not ours to fix here
            return True
        cleaned = self._clean(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._clean(record.exc_text)
        return True


@dataclass
class _Installed:
    scrubber: Scrubber
    handlers: list[logging.Handler]

    def remove(self) -> None:
        for handler in self.handlers:
            handler.removeFilter(self.scrubber)


def install_scrubber(settings: Settings) -> _Installed:
    """Add the scrubber to every root handler; `.remove()` takes it off again."""
    token = settings.telegram_token
    scrubber = Scrubber([token, token.split(":", 1)[-1], settings.telegram_webhook_secret])
    handlers = list(logging.getLogger().handlers)
    for handler in handlers:
        handler.addFilter(scrubber)
    return _Installed(scrubber, handlers)
