"""What every Rasa server installs when it starts, from its tracker store (created once per server,
never in training): the schema cache and HTTP reuse (CPU), and logs without user text (privacy)."""

from __future__ import annotations

from rasa_ext import http_reuse, log_privacy, schema_cache


def install_server_fixes() -> None:
    schema_cache.install()
    http_reuse.install()
    log_privacy.install()
