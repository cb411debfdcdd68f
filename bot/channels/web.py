"""The web channel: POST /api/chat (the contract in DESIGN.md), GET /healthz, the page and its texts."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from aiohttp import web
from redis import asyncio as aioredis

from bot.channels.client_address import client_address, client_key
from bot.channels.http_body import BodyError, read_json
from bot.channels.rate_limit import Limits
from bot.channels.validation import RequestError, parse_chat
from bot.common.names import CHANNEL_WEB, PAYLOAD_FORGET, UTTER_SAFETY_NET
from bot.content.catalog_store import CatalogStore
from bot.content.render import render
from bot.runtime.settings import Settings
from bot.turn.conversation import Conversations
from bot.turn.engine import EngineClient

logger = logging.getLogger(__name__)
STATIC_DIR = Path(__file__).resolve().parent / "static"

SETTINGS_KEY = web.AppKey("settings", Settings)
CATALOG_KEY = web.AppKey("catalog", CatalogStore)
CONVERSATIONS_KEY = web.AppKey("conversations", Conversations)
ENGINE_KEY = web.AppKey("engine", EngineClient)
SESSION_LIMIT_KEY = web.AppKey("session_limit", Limits)
CLIENT_LIMIT_KEY = web.AppKey("client_limit", Limits)
REDIS_KEY = web.AppKey("redis", aioredis.Redis)  # set only with LANTERN_REDIS_URL
# What the app's timer erases when idle past its time: each callable sweeps one store, returns how many went.
SWEEPERS_KEY = web.AppKey("sweepers", list[Callable[[], int]])


def error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


async def chat(request: web.Request) -> web.Response:
    settings = request.app[SETTINGS_KEY]
    address = client_address(request.remote, request.headers.get("X-Forwarded-For"), settings.trusted_proxies)
    if not await request.app[CLIENT_LIMIT_KEY].admit(client_key(address)):
        return error(429, "too many requests from this address; wait a minute")
    try:
        data = await read_json(request, settings.max_body_bytes)
    except BodyError as exc:
        return error(exc.status, exc.message)
    catalog = request.app[CATALOG_KEY].current
    try:
        req = parse_chat(data, set(catalog.locales), settings.max_text_chars)
    except RequestError as exc:
        return error(exc.status, exc.message)
    conversations = request.app[CONVERSATIONS_KEY]
    key = conversations.key(CHANNEL_WEB, req.session_id)
    limit = request.app[SESSION_LIMIT_KEY]
    if req.text != PAYLOAD_FORGET and not await limit.admit(key):  # erasing is never refused
        return error(429, "too many messages in this conversation; wait a minute")
    reply = await conversations.handle(CHANNEL_WEB, key, req.text, req.language, req.region)
    if reply.forgotten:  # nothing of a forgotten conversation stays behind, its rate window included
        await limit.drop(key)
    return web.json_response(
        {
            "session_id": req.session_id,
            "language": reply.language,
            "direction": reply.direction,
            "messages": reply.messages,
            "forgotten": reply.forgotten,  # the engine confirmed the conversation is erased
        }
    )


async def healthz(request: web.Request) -> web.Response:
    if await request.app[ENGINE_KEY].ready():
        return web.json_response({"status": "ok"})
    return web.json_response({"status": "engine not ready"}, status=503)


async def locales(request: web.Request) -> web.Response:
    """The page's own labels in every shipped language, the quick-exit address, and the safety net with its
    numbers, so that the page shows them even when Lantern cannot be reached."""
    catalog = request.app[CATALOG_KEY].current
    region = request.app[SETTINGS_KEY].default_region
    languages = [
        {
            "code": code,
            "native_name": loc.native_name,
            "direction": loc.direction,
            "ui": loc.ui,
            "safety_net": render(catalog, UTTER_SAFETY_NET, code, region, confirmed=False).text,
        }
        for code, loc in sorted(catalog.locales.items())
    ]
    return web.json_response(
        {
            "default": catalog.default_language,
            "quick_exit_url": request.app[SETTINGS_KEY].quick_exit_url,
            "session_ttl_minutes": request.app[SETTINGS_KEY].session_ttl_minutes,
            "languages": languages,
        }
    )


async def page(request: web.Request) -> web.StreamResponse:
    index = STATIC_DIR / "index.html"
    if not index.is_file():
        return web.Response(text="Lantern", content_type="text/plain")
    return web.FileResponse(index, headers={"Content-Type": "text/html; charset=utf-8"})


SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
SERVER_NAME = "Lantern"  # instead of aiohttp's "Python/3.x aiohttp/3.y.z"


@web.middleware
async def security_headers(request: web.Request, handler):  # type: ignore[no-untyped-def]
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        response = error(exc.status, exc.reason or "error")
    except Exception:  # never a stack trace or a 500 page with details to a user
        logger.exception("Unhandled error in %s", request.path)
        response = error(500, "internal error")
    for name, value in SECURITY_HEADERS.items():
        response.headers[name] = value
    hsts = request.app[SETTINGS_KEY].hsts_seconds
    if hsts > 0:  # only when the operator says the site is served over HTTPS
        response.headers["Strict-Transport-Security"] = f"max-age={hsts}; includeSubDomains"
    return response


async def name_server(request: web.Request, response: web.StreamResponse) -> None:
    """A Server header naming aiohttp's version tells a scanner which advisories to try."""
    response.headers["Server"] = SERVER_NAME


def harden(app: web.Application) -> None:
    """What every response gets, handler or not (errors, static files): a Server header without versions."""
    app.on_response_prepare.append(name_server)


def add_routes(app: web.Application) -> None:
    harden(app)
    app.router.add_get("/", page)
    app.router.add_post("/api/chat", chat)
    app.router.add_get("/api/locales", locales)
    app.router.add_get("/healthz", healthz)
    if STATIC_DIR.is_dir():
        app.router.add_static("/static/", STATIC_DIR, show_index=False, follow_symlinks=False)
