"""``factcheck serve``: a local web app over one loaded checker (needs the ``[serve]`` extra).

>>> from factcheck import FactChecker
>>> from factcheck.serve import create_app, run           # doctest: +SKIP
>>> run(FactChecker.from_corpus("data/sample/corpus"))   # doctest: +SKIP

:func:`run` loads and warms up every model before it listens, binds to loopback unless told
otherwise, and limits request bodies (:data:`~factcheck.serve.limits.DEFAULT_MAX_BYTES`).  The
routes are described in :mod:`factcheck.serve.app`.
"""

from __future__ import annotations

import ipaddress
import logging
from typing import Any

from factcheck.errors import ConfigError

logger = logging.getLogger(__name__)

#: What to tell a user whose environment lacks the web stack.
INSTALL_HINT = "factcheck serve needs FastAPI and uvicorn: pip install 'factcheck-toolkit[serve]'"


def require_extra() -> None:
    """Raise :class:`ConfigError` with :data:`INSTALL_HINT` when FastAPI or uvicorn is missing."""
    try:
        import fastapi  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise ConfigError(INSTALL_HINT) from None


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_port(host: str, port: int) -> None:
    """Fail early, with a clear message, when ``host:port`` cannot be bound (in use, bad address)."""
    import socket

    if not 0 < port < 65536:
        raise ConfigError(f"--port must be between 1 and 65535, got {port}")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise ConfigError(f"--host {host!r} is not an address of this machine ({exc})") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            raise ConfigError(f"cannot listen on {host}:{port} ({exc.strerror}); pass another --port") from None


def create_app(checker: Any, **options: Any) -> Any:
    """The ASGI app (see :func:`factcheck.serve.app.create_app`)."""
    require_extra()
    from factcheck.serve.app import create_app as _create

    return _create(checker, **options)


def run(
    checker: Any,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    max_bytes: int | None = None,
    quiet: bool = False,
    on_ready: Any = None,
) -> None:
    """Warm the models up, then serve until interrupted.  ``on_ready(seconds)`` is told the warm-up time."""
    require_extra()
    import uvicorn

    from factcheck.serve.jobs import Desk
    from factcheck.serve.limits import DEFAULT_MAX_BYTES

    check_port(host, port)
    if not is_loopback(host):
        logger.warning("serving on %s: anyone who can reach this address can submit articles", host)
    desk = Desk(checker)
    seconds = desk.warm_up()
    if on_ready is not None:
        on_ready(seconds)
    app = create_app(checker, max_bytes=max_bytes or DEFAULT_MAX_BYTES, desk=desk)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning" if quiet else "info", access_log=not quiet)
    finally:
        desk.close()


__all__ = ["INSTALL_HINT", "check_port", "create_app", "is_loopback", "require_extra", "run"]
