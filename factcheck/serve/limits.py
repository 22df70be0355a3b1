"""Request size limit: a body over the limit gets HTTP 413 before any of it is parsed.

Pure ASGI middleware, so it works for a declared ``Content-Length`` (refused at once) and for a
chunked body (read up to the limit, then refused) alike; a body within the limit is replayed to
the application unchanged.
"""

from __future__ import annotations

import json
from typing import Any

#: Default limit on a request body: a long article is well under 1 MB of text.
DEFAULT_MAX_BYTES = 2_000_000


def too_large_message(limit: int) -> str:
    return (
        f"the request body is over the limit of {limit:,} bytes; send a shorter article "
        "or start the server with a larger --max-bytes"
    )


class BodyLimit:
    """Wrap an ASGI app so that request bodies over ``max_bytes`` are answered with 413."""

    def __init__(self, app: Any, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                await self._refuse(send)
                return
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, send: Any) -> None:
        payload = json.dumps({"detail": too_large_message(self.max_bytes)}).encode("utf-8")
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": payload})
