"""A small HTTP server on 127.0.0.1 for tests: fixed routes, plus misbehaving ones (errors that recover,
slow answers, bodies cut short). It records every request it receives."""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What the server answers on one path.

    ``fail_first`` answers that many requests with ``fail_status`` before the real answer; ``delay_s``
    sleeps before answering; ``truncate_to`` declares the full length but sends only that many bytes.
    """

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    fail_first: int = 0
    fail_status: int = 500
    delay_s: float = 0.0
    truncate_to: int | None = None


@dataclass
class Loopback:
    """The running server: its base URL, its routes (editable while it runs) and the requests it got."""

    base: str
    routes: dict[str, Route]
    hits: Counter[str] = field(default_factory=Counter)
    user_agents: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


def _handler(state: Loopback) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:
            state.hits[self.path] += 1
            state.user_agents.append(self.headers.get("User-Agent", ""))
            route = state.routes.get(self.path)
            if route is None:
                self._send(404, b"not found", "text/plain")
                return
            if state.hits[self.path] <= route.fail_first:
                self._send(route.fail_status, b"try later", "text/plain")
                return
            if route.delay_s:
                time.sleep(route.delay_s)
            body = route.body
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if route.truncate_to is not None:
                self.wfile.write(body[: route.truncate_to])
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self.wfile.write(body)

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def serve(routes: dict[str, Route] | None = None) -> Iterator[Loopback]:
    """Run the server on a free loopback port for the duration of the block."""
    state = Loopback(base="", routes=dict(routes or {}))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def rss(items: list[dict[str, str]], *, title: str = "Loopback News") -> bytes:
    """An RSS 2.0 document with the given items (keys: title, link, guid, pubDate, description)."""
    parts = [f"<item>{''.join(f'<{k}>{v}</{k}>' for k, v in item.items())}</item>" for item in items]
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://127.0.0.1/</link><description>test</description>"
        f"{''.join(parts)}</channel></rss>"
    ).encode()


def article_html(title: str, paragraphs: list[str], *, published: str | None = None) -> bytes:
    """A news page: navigation, the article, a footer, as a CMS would render it."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title>{meta}</head><body>"
        "<nav><a href='/'>Home</a> | <a href='/world'>World</a> | <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright 2026 Loopback News. Subscribe to our newsletter.</footer></body></html>"
    ).encode()
