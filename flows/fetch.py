"""Fetching feeds and pages over HTTP(S): timeouts, a size cap, redirects checked hop by hop, a
User-Agent naming the project. Retries are not here: the flow's fetch task retries transient failures
(FetchError.transient) with Prefect's task retries and backoff."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from flows.config import FetchSettings, check_url

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
#: Statuses worth retrying: the server may answer later.
_TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


class FetchError(Exception):
    """A URL could not be fetched; ``transient`` says whether trying again later may succeed."""

    def __init__(self, url: str, reason: str, *, transient: bool) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.transient = transient

    def __reduce__(self):  # keep the keyword through pickling (Prefect stores task results)
        return (_rebuild, (self.url, self.reason, self.transient))


def _rebuild(url: str, reason: str, transient: bool) -> FetchError:
    return FetchError(url, reason, transient=transient)


@dataclass(frozen=True)
class Fetched:
    """A successful response: the URL asked for, the URL that answered (after redirects), the body."""

    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes


def fetch(url: str, settings: FetchSettings, *, client: httpx.Client | None = None) -> Fetched:
    """GET ``url``; FetchError on a refused URL, an HTTP error, a timeout, a broken or oversized body."""
    own = client is None
    client = client or new_client(settings)
    try:
        return _fetch(url, settings, client)
    finally:
        if own:
            client.close()


def new_client(settings: FetchSettings) -> httpx.Client:
    """An HTTP client with the settings' timeout and User-Agent; redirects are followed by fetch()."""
    return httpx.Client(
        timeout=httpx.Timeout(settings.timeout_s),
        headers={"User-Agent": settings.user_agent, "Accept": "*/*"},
        follow_redirects=False,
        trust_env=False,  # no proxy or netrc from the environment: fetch exactly what the sources file says
    )


def _fetch(url: str, settings: FetchSettings, client: httpx.Client) -> Fetched:
    deadline = time.monotonic() + settings.timeout_s
    current = url
    for _hop in range(settings.max_redirects + 1):
        try:
            check_url(current)
        except ValueError as error:
            raise FetchError(url, str(error), transient=False) from None
        try:
            with client.stream("GET", current) as response:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    current = urljoin(current, response.headers["location"])
                    continue
                _check_status(url, response)
                body = _read_body(url, response, settings, deadline)
                return Fetched(
                    url=url,
                    final_url=str(response.url),
                    status=response.status_code,
                    content_type=response.headers.get("content-type", ""),
                    body=body,
                )
        except httpx.TimeoutException:
            raise FetchError(url, f"timed out after {settings.timeout_s:g}s", transient=True) from None
        except httpx.TransportError as error:
            reason = str(error) or type(error).__name__
            raise FetchError(url, f"connection failed: {reason}", transient=True) from None
        except httpx.InvalidURL as error:
            raise FetchError(url, f"invalid URL: {error}", transient=False) from None
    raise FetchError(url, f"more than {settings.max_redirects} redirects", transient=False)


def _check_status(url: str, response: httpx.Response) -> None:
    status = response.status_code
    if status < 400:
        return
    reason = f"HTTP {status} {response.reason_phrase}".rstrip()
    raise FetchError(url, reason, transient=status in _TRANSIENT_STATUSES)


def _read_body(url: str, response: httpx.Response, settings: FetchSettings, deadline: float) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > settings.max_bytes:
        raise FetchError(
            url,
            f"body of {int(declared):,} bytes is over the {settings.max_bytes:,}-byte limit",
            transient=False,
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > settings.max_bytes:
            raise FetchError(url, f"body is over the {settings.max_bytes:,}-byte limit", transient=False)
        if time.monotonic() > deadline:
            raise FetchError(url, f"timed out after {settings.timeout_s:g}s", transient=True)
        chunks.append(chunk)
    return b"".join(chunks)
