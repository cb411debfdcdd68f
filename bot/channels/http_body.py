"""Reading a request body as JSON, one way for every channel: bounded, complete, with a clear error."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web


class BodyError(ValueError):
    """The body is unusable; `status` and `message` are what the client is told."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


async def read_body(request: web.Request, limit: int) -> bytes:
    """The whole body, read in chunks until the end (never more than `limit` bytes); BodyError otherwise."""
    too_large = BodyError(413, f"request body is larger than {limit} bytes")
    if request.content_length is not None and request.content_length > limit:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            chunk = await request.content.readany()
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > limit:
                raise too_large
            chunks.append(chunk)
    except (ValueError, ConnectionError) as exc:
        if isinstance(exc, BodyError):
            raise
        raise BodyError(400, "the body could not be read") from None


async def read_json(request: web.Request, limit: int) -> Any:
    """The body parsed as UTF-8 JSON; BodyError (400 or 413) otherwise."""
    raw = await read_body(request, limit)
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BodyError(400, "the body must be valid JSON (UTF-8)") from None
