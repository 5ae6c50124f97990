"""A tiny local HTTP server for tests: 127.0.0.1, a free port, one thread per request.

    with serve({"/feed.xml": (200, {"Content-Type": "application/rss+xml"}, body)}) as base:
        fetch_url(base + "/feed.xml", policy)
        assert base.requests[0].header("User-Agent")

A route is either a static ``(status, headers, body)`` tuple or a callable taking the request
handler (a ``BaseHTTPRequestHandler``), which writes the response itself: handy for slow,
endless or compressed answers. ``handler.server.stopping`` is an Event set when the test ends,
so a sleeping handler can wake up and return.
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

Static = tuple[int, Mapping[str, str] | list[tuple[str, str]], bytes]
Route = Static | Callable[[BaseHTTPRequestHandler], None]


@dataclass
class RecordedRequest:
    """One request as the server received it."""

    method: str
    path: str
    headers: list[tuple[str, str]] = field(default_factory=list)

    def header(self, name: str) -> str | None:
        """The first value of a header, matched case-insensitively."""
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


class ServerURL(str):
    """The base URL (``http://127.0.0.1:PORT``), carrying the requests the server received."""

    requests: list[RecordedRequest]
    port: int


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    routes: Mapping[str, Route]
    recorded: list[RecordedRequest]
    stopping: threading.Event

    def handle_error(self, request, client_address) -> None:
        # Clients that hang up on purpose (caps, timeouts) are the point of these tests.
        pass


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _dispatch(self) -> None:
        self.server.recorded.append(
            RecordedRequest(self.command, self.path, list(self.headers.items()))
        )
        route = self.server.routes.get(self.path) or self.server.routes.get(
            urlsplit(self.path).path
        )
        if route is None:
            self._send(404, {"Content-Type": "text/plain"}, b"not found")
        elif callable(route):
            route(self)
        else:
            self._send(*route)

    def _send(self, status: int, headers: Mapping[str, str] | list[tuple[str, str]],
              body: bytes) -> None:
        items = list(headers.items()) if isinstance(headers, Mapping) else list(headers)
        self.send_response(status)
        if not any(k.lower() == "content-length" for k, _ in items):
            items.append(("Content-Length", str(len(body))))
        for key, value in items:
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_POST = do_HEAD = _dispatch


@contextmanager
def serve(routes: Mapping[str, Route], tls: ssl.SSLContext | None = None
          ) -> Iterator[ServerURL]:
    """Run a server for `routes` on 127.0.0.1 and yield its base URL (with ``.requests``).

    With a server-side `tls` context it speaks HTTPS and the URL starts with https://.
    """
    server = _Server(("127.0.0.1", 0), _Handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    server.routes = routes
    server.recorded = []
    server.stopping = threading.Event()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    port = server.server_address[1]
    scheme = "https" if tls is not None else "http"
    base = ServerURL(f"{scheme}://127.0.0.1:{port}")
    base.requests = server.recorded
    base.port = port
    try:
        yield base
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
