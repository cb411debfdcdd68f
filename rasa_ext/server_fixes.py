"""What every Rasa server installs when it starts, from its tracker store (created once per server,
never in training): the schema cache, event types by name, HTTP reuse and a lean NLG request (CPU),
and logs without user text (privacy)."""

from __future__ import annotations

from rasa_ext import event_types, http_reuse, log_privacy, nlg_request, schema_cache


def install_server_fixes() -> None:
    schema_cache.install()
    event_types.install()
    http_reuse.install()
    nlg_request.install()
    log_privacy.install()
