"""Parsing web content: article text out of HTML pages, entries out of RSS and Atom feeds."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from loopback import article_html, rss

from flows.web import NotAFeedError, looks_like_html, page_from_html, parse_feed

STORY = [
    "Russian drones struck the city of Kharkiv overnight, killing two people and wounding 12 others, "
    "regional governor Oleh Syniehubov said on Friday.",
    "The attack damaged several apartment buildings, officials said.",
]


def test_page_text_keeps_the_article_and_drops_boilerplate() -> None:
    page = page_from_html(article_html("Drones hit Kharkiv", STORY, published="2026-03-20T10:00:00Z"))
    assert page is not None
    assert page.text == "\n".join(STORY), "navigation, footer and the repeated <h1> title are gone"
    assert (page.title, page.published) == ("Drones hit Kharkiv", date(2026, 3, 20))


@pytest.mark.parametrize(
    "html",
    [
        b"<html><body><nav>Home | World</nav><script>var x = 1;</script>"
        b"<footer>(c) 2026</footer></body></html>",
        b"<html><head><title>Error</title></head><body></body></html>",
        b"\x89PNG\r\n\x1a\n not html at all",
        b"   ",
    ],
    ids=["only-boilerplate", "empty-body", "binary", "blank"],
)
def test_a_page_without_an_article_gives_none(html: bytes) -> None:
    assert page_from_html(html) is None


def test_page_encoding_comes_from_the_page() -> None:
    html = article_html("Caf\xe9 attack", [STORY[0].replace("city", "caf\xe9 city")]).decode()
    html = html.replace("<head>", '<head><meta charset="windows-1252">')
    page = page_from_html(html.encode("cp1252"))
    assert page is not None and "café city" in page.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>Hi</p></body></html>", True),
        ("<div><span>" * 20 + "x", True),
        ("Police fired tear gas at protesters in Nairobi on Tuesday.", False),
        ("Shells hit the town (a <b>bold</b> claim, said one official) on Monday, killing three.", False),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


def test_rss_entries_carry_id_link_title_time_and_text() -> None:
    body = rss(
        [
            {
                "title": "Drones hit Kharkiv",
                "link": "/news/1",
                "guid": "urn:news:1",
                "pubDate": "Fri, 20 Mar 2026 12:30:00 +0200",
                "description": "&lt;p&gt;Russian drones struck Kharkiv.&lt;/p&gt;"
                "&lt;p&gt;Two died.&lt;/p&gt;",
            },
            {"title": "No guid", "link": "https://news.example/2"},
        ]
    )
    feed = parse_feed(body, feed_url="https://news.example/feed.xml", max_entries=10)
    assert feed.title == "Loopback News"
    first, second = feed.entries
    assert first.id == "urn:news:1"
    assert first.link == "https://news.example/news/1", "a relative link is resolved against the feed's URL"
    assert first.published == datetime(2026, 3, 20, 10, 30, tzinfo=UTC)
    assert first.text == "Russian drones struck Kharkiv.\nTwo died."
    assert (second.id, second.published) == ("https://news.example/2", None), "no guid: the link is the id"
    assert feed.problems == []


def test_atom_feeds_are_read_too() -> None:
    body = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><id>urn:feed</id>
<updated>2026-03-20T10:00:00Z</updated>
<entry><title>Clashes in Goma</title><id>urn:e:1</id><link href="https://news.example/goma"/>
<updated>2026-03-20T09:00:00Z</updated>
<content type="html">&lt;p&gt;M23 rebels clashed with the army.&lt;/p&gt;</content>
</entry></feed>"""
    feed = parse_feed(body, feed_url="https://news.example/atom", max_entries=10)
    [entry] = feed.entries
    assert (entry.id, entry.link, entry.title) == ("urn:e:1", "https://news.example/goma", "Clashes in Goma")
    assert entry.published == datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
    assert entry.text == "M23 rebels clashed with the army."


def test_feed_entries_cannot_point_at_local_files_or_other_schemes() -> None:
    body = rss(
        [
            {"title": "Local", "link": "file:///etc/passwd", "guid": "g1"},
            {"title": "FTP", "link": "ftp://news.example/x", "guid": "g2"},
            {"title": "Fine", "link": "https://news.example/ok", "guid": "g3"},
        ]
    )
    feed = parse_feed(body, feed_url="https://news.example/feed.xml", max_entries=10)
    assert [e.id for e in feed.entries] == ["g3"]
    local, ftp = (reason for reason, _ in feed.problems)
    assert local.startswith("entry link 'file:")
    assert local.endswith("etc/passwd' is not http(s); it is not fetched")
    assert ftp == "entry link 'ftp://news.example/x' is not http(s); it is not fetched"


def test_max_entries_caps_a_run() -> None:
    body = rss([{"title": f"t{i}", "link": f"https://news.example/{i}"} for i in range(5)])
    assert len(parse_feed(body, feed_url="https://news.example/f", max_entries=2).entries) == 2


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html><body><p>This is a web page, not a feed.</p></body></html>", "not an RSS or Atom feed"),
        (b"<?xml version='1.0'?><rss><channel><title>cut", "malformed feed"),
        (b"", "not an RSS or Atom feed"),
        (b'{"json": "is not a feed"}', "malformed feed"),
    ],
    ids=["html", "truncated-xml", "empty", "json"],
)
def test_something_that_is_not_a_feed_is_refused(body: bytes, message: str) -> None:
    with pytest.raises(NotAFeedError, match=message):
        parse_feed(body, feed_url="https://news.example/f", max_entries=10)
