"""Web content to articles: the article text of an HTML page (trafilatura) and the entries of a feed
(feedparser). Pure parsing; fetching is flows.fetch's job, so nothing here touches the network or disk."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.html
import trafilatura
from lxml.etree import ParserError

from flows.config import ALLOWED_SCHEMES

#: Fewer letters than this after boilerplate removal: the page holds no article.
MIN_ARTICLE_LETTERS = 40
_TAG = re.compile(r"<[a-zA-Z!/][^>]{0,500}>")
_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body)", re.IGNORECASE)


@dataclass(frozen=True)
class Page:
    """The article found in an HTML document: its text and the metadata the page declares."""

    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None


@dataclass(frozen=True)
class FeedEntry:
    """One feed item: its id (guid, else link), its link, title, publication time and its own text."""

    id: str
    link: str | None
    title: str | None
    published: datetime | None
    text: str


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its entries, and one line per entry that could not be used."""

    title: str | None
    entries: list[FeedEntry]
    problems: list[tuple[str, str]]  # (reason, raw entry as text)


class NotAFeedError(ValueError):
    """The body is not an RSS or Atom feed, or is too broken to read any entry from."""


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML document or markup rather than prose."""
    if _HTML_START.match(text):
        return True
    sample = text[:20_000]
    tags = _TAG.findall(sample)
    return len(tags) >= 5 and sum(map(len, tags)) > 0.3 * len(sample)


def page_from_html(html: str | bytes, *, url: str | None = None) -> Page | None:
    """The article in an HTML document, boilerplate (navigation, footers, comments) removed; None if the
    page holds no article text."""
    if not html.strip():
        return None
    try:
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except (ValueError, TypeError, ParserError):
        return None
    if document is None:
        return None
    text = (document.text or "").strip()
    title = (document.title or "").strip() or None
    first, _, rest = text.partition("\n")
    if title and rest and first.strip().casefold() == title.casefold():
        text = rest.strip()  # the page's <h1> repeats the title; a headline is not a report of its own
    if sum(ch.isalpha() for ch in text) < MIN_ARTICLE_LETTERS:
        return None
    return Page(text=text, title=title, published=_iso_day(document.date), url=url)


def parse_feed(body: bytes, *, feed_url: str, max_entries: int) -> Feed:
    """The entries of an RSS or Atom document (bytes as fetched); NotAFeedError if it is neither.

    feedparser only parses here: it is given the bytes, never a URL or a path, so a feed cannot make the
    pipeline read anything. Entry links must be absolute http(s) URLs (relative ones are resolved
    against the feed's URL); an entry with any other link is listed in ``problems``.
    """
    parsed = feedparser.parse(body, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        if parsed.get("bozo"):
            raise NotAFeedError(f"malformed feed: {parsed.get('bozo_exception')}")
        if not parsed.get("version"):
            raise NotAFeedError("not an RSS or Atom feed")
    entries: list[FeedEntry] = []
    problems: list[tuple[str, str]] = []
    for raw in parsed.entries[:max_entries]:
        given = (raw.get("link") or "").strip()
        link = urljoin(feed_url, given) if given else None
        if link and urlsplit(link).scheme.lower() not in ALLOWED_SCHEMES:
            problems.append((f"entry link {given!r} is not http(s); it is not fetched", repr(dict(raw))))
            continue
        entry_id = (raw.get("id") or link or "").strip()
        if not entry_id:
            problems.append(("entry has neither an id (guid) nor a link", repr(dict(raw))))
            continue
        entries.append(
            FeedEntry(
                id=entry_id,
                link=link,
                title=_plain(raw.get("title")) or None,
                published=_entry_time(raw),
                text=_entry_text(raw),
            )
        )
    title = _plain(parsed.feed.get("title")) or None
    return Feed(title=title, entries=entries, problems=problems)


def _entry_text(raw: feedparser.FeedParserDict) -> str:
    contents = raw.get("content") or []
    html = contents[0].get("value") if contents else raw.get("summary") or raw.get("description") or ""
    return _plain(html)


def _plain(html: str | None) -> str:
    """Markup to text: block elements become line breaks, whitespace is tidied."""
    if not html or not html.strip():
        return ""
    if "<" not in html:
        return re.sub(r"[ \t]+", " ", html).strip()
    try:
        root = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return ""
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4"):
        block.tail = "\n" + (block.tail or "")
    lines = (re.sub(r"\s+", " ", line).strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _entry_time(raw: feedparser.FeedParserDict) -> datetime | None:
    stamp = raw.get("published_parsed") or raw.get("updated_parsed")
    if not stamp:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(stamp), tz=UTC)
    except (OverflowError, ValueError):
        return None


def _iso_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
