"""`python -m bot.gateway`: run the gateway (public app and loopback NLG endpoint)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys

from bot.app import serve
from bot.runtime.logs import setup_logging
from bot.runtime.settings import Settings, SettingsError


def main() -> int:
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"lantern gateway: {exc}", file=sys.stderr)
        return 2
    setup_logging(settings.log_level)
    logging.getLogger(__name__).info(
        "Gateway on %s:%d, NLG on 127.0.0.1:%d", settings.gateway_host, settings.gateway_port, settings.nlg_port
    )
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(settings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
