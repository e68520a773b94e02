"""Fetching over HTTP from a loopback server: what succeeds, what is retried, what is refused."""

from __future__ import annotations

import time

import pytest
from loopback import Route, serve

from flows.config import FetchSettings
from flows.fetch import FetchError, fetch

FAST = FetchSettings(timeout_s=1.0, retries=0, max_bytes=10_000)


def test_a_page_is_fetched_with_the_project_user_agent() -> None:
    with serve({"/a": Route(body=b"<p>hello</p>")}) as srv:
        got = fetch(srv.url("/a"), FAST)
    assert (got.status, got.body, got.final_url) == (200, b"<p>hello</p>", srv.url("/a"))
    assert got.content_type.startswith("text/html")
    assert srv.user_agents == [FAST.user_agent]
    assert FAST.user_agent.startswith("conflict-events/")


@pytest.mark.parametrize(
    ("route", "reason", "transient"),
    [
        (None, "HTTP 404 Not Found", False),
        (Route(status=410, body=b"gone"), "HTTP 410 Gone", False),
        (Route(fail_first=99, fail_status=500), "HTTP 500 Internal Server Error", True),
        (Route(fail_first=99, fail_status=503), "HTTP 503 Service Unavailable", True),
        (Route(fail_first=99, fail_status=429), "HTTP 429 Too Many Requests", True),
    ],
    ids=["404", "410", "500", "503", "429"],
)
def test_http_errors_say_whether_a_retry_may_help(route: Route | None, reason: str, transient: bool) -> None:
    with serve({"/x": route} if route else {}) as srv, pytest.raises(FetchError) as caught:
        fetch(srv.url("/x"), FAST)
    assert caught.value.reason == reason
    assert caught.value.transient is transient
    assert str(caught.value) == f"{srv.url('/x')}: {reason}"


def test_a_slow_server_times_out_and_is_worth_a_retry() -> None:
    with serve({"/slow": Route(body=b"late", delay_s=3)}) as srv:
        started = time.monotonic()
        with pytest.raises(FetchError, match=r"timed out after 1s") as caught:
            fetch(srv.url("/slow"), FAST)
    assert caught.value.transient
    assert time.monotonic() - started < 2.5


def test_a_truncated_body_is_a_transient_connection_failure() -> None:
    with (
        serve({"/cut": Route(body=b"x" * 5000, truncate_to=100)}) as srv,
        pytest.raises(FetchError, match="connection failed") as caught,
    ):
        fetch(srv.url("/cut"), FAST)
    assert caught.value.transient


def test_a_body_over_the_size_limit_is_refused() -> None:
    with (
        serve({"/big": Route(body=b"y" * 20_000)}) as srv,
        pytest.raises(FetchError, match="10,000-byte limit") as caught,
    ):
        fetch(srv.url("/big"), FAST)
    assert not caught.value.transient


def test_the_size_limit_counts_streamed_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    # No Content-Length at all: the limit must hold on the bytes read.
    import flows.fetch as fetch_module

    with serve({"/big": Route(body=b"z" * 20_000)}) as srv:
        real = fetch_module._read_body

        def without_length(url, response, settings, deadline):  # type: ignore[no-untyped-def]
            del response.headers["content-length"]
            return real(url, response, settings, deadline)

        monkeypatch.setattr(fetch_module, "_read_body", without_length)
        with pytest.raises(FetchError, match="over the 10,000-byte limit"):
            fetch(srv.url("/big"), FAST)


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.org/feed.xml", "/etc/passwd", "gopher://127.0.0.1/", "http://"],
)
def test_only_http_and_https_urls_are_fetched(url: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(url, FAST)
    assert not caught.value.transient
    assert "only http and https" in caught.value.reason or "has no host" in caught.value.reason


def test_a_redirect_to_a_local_file_is_refused() -> None:
    routes = {"/r": Route(status=302, headers={"Location": "file:///etc/passwd"})}
    with serve(routes) as srv, pytest.raises(FetchError, match="only http and https") as caught:
        fetch(srv.url("/r"), FAST)
    assert not caught.value.transient


def test_redirects_are_followed_within_the_limit() -> None:
    routes = {
        "/old": Route(status=301, headers={"Location": "/new"}),
        "/new": Route(body=b"moved here"),
        "/loop": Route(status=302, headers={"Location": "/loop"}),
    }
    with serve(routes) as srv:
        got = fetch(srv.url("/old"), FAST)
        assert (got.url, got.final_url, got.body) == (srv.url("/old"), srv.url("/new"), b"moved here")
        with pytest.raises(FetchError, match="more than 5 redirects"):
            fetch(srv.url("/loop"), FAST)


def test_a_refused_connection_is_transient() -> None:
    with serve() as srv:
        dead = srv.base
    with pytest.raises(FetchError, match="connection failed") as caught:
        fetch(dead + "/gone", FAST)
    assert caught.value.transient


def test_fetch_errors_survive_pickling() -> None:
    import pickle

    error = pickle.loads(pickle.dumps(FetchError("http://x/", "HTTP 500", transient=True)))
    assert (error.url, error.reason, error.transient) == ("http://x/", "HTTP 500", True)
