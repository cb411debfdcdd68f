"""App factory: the public app (web chat, API, health; Telegram when configured) and the loopback NLG app."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator

import aiohttp
from aiohttp import web

from bot.channels.rate_limit import RateLimiter
from bot.channels.shared_limits import RedisRateLimiter
from bot.channels.web import (
    CATALOG_KEY,
    CLIENT_LIMIT_KEY,
    CONVERSATIONS_KEY,
    ENGINE_KEY,
    REDIS_KEY,
    SESSION_LIMIT_KEY,
    SETTINGS_KEY,
    SWEEPERS_KEY,
    add_routes,
    security_headers,
)
from bot.content.catalog_store import CatalogStore
from bot.content.locales import Catalog
from bot.content.nlg import create_nlg_app
from bot.runtime.redis_client import connect
from bot.runtime.settings import Settings
from bot.turn.conversation import Conversations
from bot.turn.engine import EngineClient
from bot.turn.language_model import LanguageModel
from bot.turn.region import PlaceData, RegionFinder
from bot.turn.sessions import SessionStates, SessionStore
from bot.turn.shared_sessions import RedisSessionStore

logger = logging.getLogger(__name__)
MODEL_KEY = web.AppKey("language_model", LanguageModel)
PLACES_KEY = web.AppKey("place_data", PlaceData)


def create_public_app(
    settings: Settings,
    store: CatalogStore,
    language_model: LanguageModel | None = None,
    place_data: PlaceData | None = None,
) -> web.Application:
    """The gateway users reach; its HTTP client, sessions and watchers live in cleanup_ctx.

    `language_model`, `place_data`: already built (tests share them); by default built at start-up."""
    app = web.Application(middlewares=[security_headers], client_max_size=settings.max_body_bytes)
    app[SETTINGS_KEY] = settings
    app[CATALOG_KEY] = store
    if language_model is not None:
        app[MODEL_KEY] = language_model
    if place_data is not None:
        app[PLACES_KEY] = place_data
    if settings.redis_url:  # state shared by every gateway, expired by Redis itself
        client = connect(settings.redis_url)
        app[REDIS_KEY] = client
        secret = settings.pseudonym_secret
        app[SESSION_LIMIT_KEY] = RedisRateLimiter(client, settings.rate_per_session, "session", secret)
        app[CLIENT_LIMIT_KEY] = RedisRateLimiter(client, settings.rate_per_client, "client", secret)
        app.cleanup_ctx.append(_redis_ctx)
    else:
        app[SESSION_LIMIT_KEY] = RateLimiter(settings.rate_per_session)
        app[CLIENT_LIMIT_KEY] = RateLimiter(settings.rate_per_client)
    app[SWEEPERS_KEY] = [app[SESSION_LIMIT_KEY].sweep, app[CLIENT_LIMIT_KEY].sweep]
    app.cleanup_ctx.append(_turn_ctx)
    app.cleanup_ctx.append(_reload_ctx)
    app.cleanup_ctx.append(_sweep_ctx)
    add_routes(app)
    if settings.telegram_token:
        from bot.channels.telegram import setup_telegram

        setup_telegram(app)
    return app


async def _redis_ctx(app: web.Application) -> AsyncIterator[None]:
    yield
    await app[REDIS_KEY].close()


def session_store(app: web.Application) -> SessionStates:
    settings = app[SETTINGS_KEY]
    if REDIS_KEY in app:
        return RedisSessionStore(app[REDIS_KEY], settings.session_ttl_seconds)
    return SessionStore(settings.session_ttl_seconds)


async def _turn_ctx(app: web.Application) -> AsyncIterator[None]:
    """The shared turn: its language model (about a second to build, before the first message rather
    than on it), the engine's HTTP client and the session store."""
    settings = app[SETTINGS_KEY]
    model = app.get(MODEL_KEY) or await asyncio.to_thread(
        LanguageModel.from_files, settings.nlu_dir, settings.locales_dir
    )
    shipped = list(app[CATALOG_KEY].current.locales)
    places = app.get(PLACES_KEY) or await asyncio.to_thread(PlaceData.load, shipped, settings.nlu_dir)
    connector = aiohttp.TCPConnector(limit=200, ttl_dns_cache=300)
    async with aiohttp.ClientSession(connector=connector) as http:
        engine = EngineClient(http, settings.engine_urls, settings.engine_timeout)
        app[ENGINE_KEY] = engine
        app[CONVERSATIONS_KEY] = Conversations(
            app[CATALOG_KEY],
            engine,
            session_store(app),
            model,
            RegionFinder(places),
            settings.pseudonym_secret,
            settings.default_region,
        )
        await asyncio.to_thread(app[CONVERSATIONS_KEY].prepare, app[CATALOG_KEY].current)
        # The models and indexes above are long-lived: keep the collector from walking them again and again
        # (a full collection over them held chat replies up for tens of milliseconds, measured).
        gc.freeze()
        app[SWEEPERS_KEY].append(app[CONVERSATIONS_KEY].sweep)
        yield


async def _reload_ctx(app: web.Application) -> AsyncIterator[None]:
    conversations = app[CONVERSATIONS_KEY]

    async def rebuild(catalog: Catalog) -> None:
        conversations.expect(catalog)  # until the thread is done, the previous region index and redactor serve
        await asyncio.to_thread(conversations.prepare, catalog)

    task = asyncio.create_task(app[CATALOG_KEY].watch(app[SETTINGS_KEY].reload_seconds, rebuild))
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def _sweep_ctx(app: web.Application) -> AsyncIterator[None]:
    """Erase idle state on a timer, so nothing depends on traffic arriving: an idle conversation's
    session, limits and Telegram memory are gone within the session TTL plus one sweep (at most 30 s)."""

    async def sweep_forever(every: float) -> None:
        while True:
            await asyncio.sleep(every)
            for sweep in list(app[SWEEPERS_KEY]):
                try:
                    sweep()
                except Exception as exc:  # one broken store must not stop the others being swept
                    logger.error("Sweep failed (%s).", type(exc).__name__)

    task = asyncio.create_task(sweep_forever(app[SETTINGS_KEY].sweep_seconds))
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def serve_nlg(settings: Settings) -> None:
    """An engine host (LANTERN_ROLE=engine): only the NLG endpoint its Rasa workers call, on loopback,
    with edits to locales/ picked up as on a gateway."""
    store = CatalogStore(settings.locales_dir, settings.default_language)
    nlg = web.AppRunner(create_nlg_app(store), access_log=None)
    await nlg.setup()
    watcher = asyncio.create_task(store.watch(settings.reload_seconds))
    try:
        await web.TCPSite(nlg, "127.0.0.1", settings.nlg_port).start()
        await asyncio.Event().wait()
    finally:
        watcher.cancel()
        await nlg.cleanup()


async def serve(settings: Settings) -> None:
    """Run both apps until cancelled: public on LANTERN_HOST:PORT, NLG on 127.0.0.1 only."""
    if settings.role == "engine":
        await serve_nlg(settings)
        return
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
