"""App factory: the public app (web chat, API, health; Telegram when configured) and the loopback NLG app."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import aiohttp
from aiohttp import web

from bot.catalog_store import CatalogStore
from bot.conversation import Conversations
from bot.engine import EngineClient
from bot.language import warm_up as warm_up_language_model
from bot.nlg import create_nlg_app
from bot.rate_limit import RateLimiter
from bot.sessions import SessionStore
from bot.settings import Settings
from bot.web import (
    CATALOG_KEY,
    CLIENT_LIMIT_KEY,
    CONVERSATIONS_KEY,
    ENGINE_KEY,
    SESSION_LIMIT_KEY,
    SETTINGS_KEY,
    add_routes,
    security_headers,
)


def create_public_app(settings: Settings, store: CatalogStore) -> web.Application:
    """The gateway users reach; its HTTP client, sessions and watchers live in cleanup_ctx."""
    app = web.Application(middlewares=[security_headers], client_max_size=settings.max_body_bytes)
    app[SETTINGS_KEY] = settings
    app[CATALOG_KEY] = store
    app[SESSION_LIMIT_KEY] = RateLimiter(settings.rate_per_session)
    app[CLIENT_LIMIT_KEY] = RateLimiter(settings.rate_per_client)
    app.cleanup_ctx.append(_language_ctx)
    app.cleanup_ctx.append(_engine_ctx)
    app.cleanup_ctx.append(_reload_ctx)
    add_routes(app)
    if settings.telegram_token:
        from bot.telegram import setup_telegram

        setup_telegram(app)
    return app


async def _language_ctx(app: web.Application) -> AsyncIterator[None]:
    await asyncio.to_thread(warm_up_language_model)  # about a second, before the first message rather than on it
    yield


async def _engine_ctx(app: web.Application) -> AsyncIterator[None]:
    settings = app[SETTINGS_KEY]
    connector = aiohttp.TCPConnector(limit=200, ttl_dns_cache=300)
    async with aiohttp.ClientSession(connector=connector) as http:
        engine = EngineClient(http, settings.rasa_url, settings.engine_timeout)
        app[ENGINE_KEY] = engine
        app[CONVERSATIONS_KEY] = Conversations(
            app[CATALOG_KEY],
            engine,
            SessionStore(settings.session_ttl_minutes * 60.0),
            settings.pseudonym_secret,
            settings.default_region,
        )
        yield


async def _reload_ctx(app: web.Application) -> AsyncIterator[None]:
    task = asyncio.create_task(app[CATALOG_KEY].watch(app[SETTINGS_KEY].reload_seconds))
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def serve(settings: Settings) -> None:
    """Run both apps until cancelled: public on LANTERN_HOST:PORT, NLG on 127.0.0.1 only."""
    store = CatalogStore(settings.locales_dir, settings.default_language)
    access = '"%r" %s %b %Tfs'  # no client address, no user agent: nothing that identifies a user
    public = web.AppRunner(create_public_app(settings, store), access_log_format=access)
    nlg = web.AppRunner(create_nlg_app(store), access_log=None)
    await public.setup()
    await nlg.setup()
    try:
        await web.TCPSite(nlg, "127.0.0.1", settings.nlg_port).start()
        await web.TCPSite(public, settings.gateway_host, settings.gateway_port).start()
        await asyncio.Event().wait()
    finally:
        await public.cleanup()
        await nlg.cleanup()
