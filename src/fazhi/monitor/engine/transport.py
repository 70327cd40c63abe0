"""An httpx transport that sends every request to 127.0.0.1 and refuses everything else.

Tests and benchmarks map host names to loopback ports (fake DNS). A host that is not in the
map is refused *before* any socket is opened, so nothing can leave 127.0.0.1 by mistake.
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx


class DestinationRefused(httpx.ConnectError):
    """Raised for a host that is not in the map."""


class MappedTransport(httpx.AsyncBaseTransport):
    """Rewrite ``scheme://host[:port]/…`` to ``http://127.0.0.1:<mapped port>/…``.

    The original ``Host`` header is kept, so a single loopback server can play many hosts.
    """

    def __init__(self, host_map: Mapping[str, int], **transport_kwargs):
        self.host_map = {k.lower(): int(v) for k, v in host_map.items()}
        self._inner = httpx.AsyncHTTPTransport(**transport_kwargs)

    def _target(self, request: httpx.Request) -> httpx.URL:
        host = (request.url.host or "").lower()
        port = self.host_map.get(host)
        if port is None:
            raise DestinationRefused(
                f"MappedTransport: {host!r} is not mapped to 127.0.0.1; refused", request=request
            )
        return request.url.copy_with(scheme="http", host="127.0.0.1", port=port)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = self._target(request)
        headers = request.headers.copy()
        headers["Host"] = request.url.netloc.decode("ascii")
        inner = httpx.Request(
            request.method,
            url,
            headers=headers,
            stream=request.stream,
            extensions=request.extensions,
        )
        return await self._inner.handle_async_request(inner)

    async def aclose(self) -> None:
        await self._inner.aclose()


class MappedSyncTransport(httpx.BaseTransport):
    """Synchronous twin of :class:`MappedTransport` (for simple scripts)."""

    def __init__(self, host_map: Mapping[str, int], **transport_kwargs):
        self.host_map = {k.lower(): int(v) for k, v in host_map.items()}
        self._inner = httpx.HTTPTransport(**transport_kwargs)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = (request.url.host or "").lower()
        port = self.host_map.get(host)
        if port is None:
            raise DestinationRefused(f"{host!r} is not mapped; refused", request=request)
        headers = request.headers.copy()
        headers["Host"] = request.url.netloc.decode("ascii")
        inner = httpx.Request(
            request.method,
            request.url.copy_with(scheme="http", host="127.0.0.1", port=port),
            headers=headers,
            stream=request.stream,
            extensions=request.extensions,
        )
        return self._inner.handle_request(inner)

    def close(self) -> None:
        self._inner.close()


def mapped_client_factory(host_map: Mapping[str, int], **client_kwargs):
    """A ``client_factory`` for :func:`~fazhi.monitor.engine.crawler.crawl` using the map."""

    limits = client_kwargs.pop(
        "limits", httpx.Limits(max_connections=64, max_keepalive_connections=32)
    )

    def factory() -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=MappedTransport(host_map, limits=limits),
            follow_redirects=False,
            trust_env=False,
            **client_kwargs,
        )

    return factory
