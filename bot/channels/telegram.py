"""The Telegram channel inside our aiohttp server: python-telegram-bot with `.updater(None)` and
a webhook at POST /telegram/webhook (Telegram's secret header checked), or polling for development.

Webhook mode when TELEGRAM_WEBHOOK_SECRET is set (setWebhook is called only when
TELEGRAM_WEBHOOK_URL is set too); polling otherwise. Telegram being unreachable never stops the web
chat: the bot connects in the background and keeps retrying. The bot token and the secret are
scrubbed from every log line.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import re
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import Application, ApplicationBuilder

from bot.channels.http_body import BodyError, read_json
from bot.channels.shared_limits import RedisOnce, RedisRateLimiter
from bot.channels.telegram_handlers import GROUP_NOTICE_SECONDS, ChatStores, TelegramChannel
from bot.channels.telegram_logs import install_scrubber
from bot.channels.telegram_state import RedisChatState
from bot.channels.web import CATALOG_KEY, CONVERSATIONS_KEY, REDIS_KEY, SETTINGS_KEY, SWEEPERS_KEY, error
from bot.runtime.settings import Settings

logger = logging.getLogger(__name__)
WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts as secret_token
MIN_SECRET_CHARS = 16  # Telegram accepts 1 character; a short secret could be guessed
ALLOWED_UPDATES = ["message", "callback_query", "channel_post"]
MAX_UPDATE_BYTES = 256 * 1024  # a 4096-character message with a quoted reply fits many times over
CONCURRENT_UPDATES = 64  # chats in parallel; one chat's updates still go in order (its lock)
SEEN_UPDATES = 2048  # Telegram re-sends an update whose 200 it missed: answer it once
MAX_RETRY_DELAY = 60.0


@dataclass
class TelegramRuntime:
    application: Application[Any, Any, Any, Any, Any, Any]
    webhook: bool
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    seen: OrderedDict[int, None] = field(default_factory=OrderedDict)
    channel: TelegramChannel | None = None  # its sweep() erases idle chat memory (the app's timer)

    def first_delivery(self, update_id: int) -> bool:
        if update_id in self.seen:
            return False
        self.seen[update_id] = None
        while len(self.seen) > SEEN_UPDATES:
            self.seen.popitem(last=False)
        return True


TELEGRAM_KEY = web.AppKey("telegram", TelegramRuntime)


def setup_telegram(app: web.Application) -> None:
    """Register the webhook route (webhook mode) and the bot's lifecycle on the public app."""
    settings = app[SETTINGS_KEY]
    secret = settings.telegram_webhook_secret
    if settings.telegram_webhook_url and not secret:
        logger.error(
            "TELEGRAM_WEBHOOK_URL is set without TELEGRAM_WEBHOOK_SECRET: the Telegram channel "
            "stays off (a webhook without a secret would accept updates from anyone)."
        )
        return
    problem = secret_problem(secret) if secret else None
    if problem:
        logger.error("TELEGRAM_WEBHOOK_SECRET %s: the Telegram channel stays off.", problem)
        return
    if secret:
        app.router.add_post(WEBHOOK_PATH, webhook)
    app.cleanup_ctx.append(_telegram_ctx)


def secret_problem(secret: str) -> str | None:
    """Why a webhook secret is refused (never quoting it), or None: 16-256 of A-Z a-z 0-9 _ -."""
    if len(secret) < MIN_SECRET_CHARS:
        return f"is shorter than {MIN_SECRET_CHARS} characters"
    if not SECRET_RE.match(secret):
        return "may hold only A-Z a-z 0-9 _ - and at most 256 characters"
    return None


def build_application(settings: Settings) -> Application[Any, Any, Any, Any, Any, Any]:
    builder = ApplicationBuilder().token(settings.telegram_token).concurrent_updates(CONCURRENT_UPDATES)
    api = settings.telegram_api_url.rstrip("/")
    if api:  # a local Bot API server, or the tests' stand-in
        builder = builder.base_url(f"{api}/bot").base_file_url(f"{api}/file/bot")
    builder = builder.job_queue(None)
    if settings.telegram_webhook_secret:
        builder = builder.updater(None)  # updates come in through our own aiohttp route
    return builder.build()


def chat_stores(app: web.Application, settings: Settings) -> ChatStores:
    """In this process, or in Redis (shared by every gateway) with LANTERN_REDIS_URL."""
    if REDIS_KEY not in app:
        return ChatStores.local(settings)
    client, secret = app[REDIS_KEY], settings.pseudonym_secret
    return ChatStores(
        RedisChatState(client),
        RedisRateLimiter(client, settings.rate_per_session, "telegram", secret),
        RedisOnce(client, 60.0, "telegram-quiet", secret),
        RedisOnce(client, GROUP_NOTICE_SECONDS, "telegram-groups", secret),
    )


async def _telegram_ctx(app: web.Application) -> AsyncIterator[None]:
    settings = app[SETTINGS_KEY]
    scrubber = install_scrubber(settings)
    application = build_application(settings)
    channel = TelegramChannel(
        settings, app[CATALOG_KEY], app[CONVERSATIONS_KEY], application.bot, chat_stores(app, settings)
    )
    channel.register(application)
    runtime = TelegramRuntime(application, webhook=bool(settings.telegram_webhook_secret), channel=channel)
    # An idle chat's memory (ids of messages /forget would delete, limits) goes with its conversation.
    app[SWEEPERS_KEY].append(lambda: channel.sweep(settings.session_ttl_seconds))
    app[TELEGRAM_KEY] = runtime
    starting = asyncio.create_task(_start(runtime, settings))
    try:
        yield
    finally:
        starting.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await starting
        await _stop(runtime)
        scrubber.remove()


async def _retry(step: Callable[[], Awaitable[Any]], what: str) -> None:
    delay = 1.0
    while True:
        try:
            await step()
            return
        except InvalidToken:
            raise
        except (TelegramError, OSError) as exc:
            logger.warning("Telegram: could not %s (%s); retrying in %.0f s.", what, type(exc).__name__, delay)
        await asyncio.sleep(delay)
        delay = min(delay * 2, MAX_RETRY_DELAY)


async def _start(runtime: TelegramRuntime, settings: Settings) -> None:
    application = runtime.application
    try:
        await _retry(application.initialize, "reach the Bot API")
        if runtime.webhook:
            await application.start()
            runtime.ready.set()
            if settings.telegram_webhook_url:
                await _retry(
                    lambda: application.bot.set_webhook(
                        settings.telegram_webhook_url,
                        secret_token=settings.telegram_webhook_secret,
                        allowed_updates=ALLOWED_UPDATES,
                    ),
                    "set the webhook",
                )
                logger.info("Telegram webhook set.")
            logger.info("Telegram channel ready (webhook at %s).", WEBHOOK_PATH)
        else:
            updater = application.updater
            assert updater is not None
            await _retry(
                lambda: updater.start_polling(allowed_updates=ALLOWED_UPDATES, error_callback=_polling_error),
                "start polling",
            )
            await application.start()
            runtime.ready.set()
            logger.info("Telegram channel ready (polling; for development).")
    except InvalidToken:
        logger.error("Telegram refused TELEGRAM_BOT_TOKEN: the Telegram channel is off.")


def _polling_error(exc: TelegramError) -> None:
    logger.warning("Telegram polling error: %s", type(exc).__name__)


async def _stop(runtime: TelegramRuntime) -> None:
    application = runtime.application
    runtime.ready.clear()
    try:
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
        await application.shutdown()
    except Exception as exc:  # shutting down: log the kind, keep going
        logger.warning("Telegram shutdown: %s", type(exc).__name__)


async def webhook(request: web.Request) -> web.Response:
    """POST /telegram/webhook: check the secret, parse the update, queue it, answer 200 at once."""
    expected = request.app[SETTINGS_KEY].telegram_webhook_secret.encode()
    given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
    if not hmac.compare_digest(given, expected):
        return error(403, "missing or wrong secret token")
    runtime = request.app.get(TELEGRAM_KEY)
    if runtime is None or not runtime.ready.is_set():
        return error(503, "the Telegram channel is starting; try again")
    try:
        data = await read_json(request, MAX_UPDATE_BYTES)
    except BodyError as exc:
        return error(exc.status, exc.message)
    update_id = data.get("update_id") if isinstance(data, dict) else None
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        return error(400, "the body is not a Telegram update (no update_id)")
    try:
        update = Update.de_json(data, runtime.application.bot)
    except Exception:  # PTB raises several kinds on a wrong shape
        return error(400, "the body is not a Telegram update")
    if runtime.first_delivery(update_id):
        await runtime.application.update_queue.put(update)
    return web.Response(status=200)
