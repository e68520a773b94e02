"""Scheduled runs through Prefect: feeds and pages from a loopback server (with every kind of failure),
incremental runs, re-coding of changed articles, reprocess after an extractor change, per-task logs."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from loopback import Loopback, Route, article_html, rss, serve

import flows.pipeline as pipeline
from flows.pipeline import reprocess_pipeline, run_configured, run_pipeline
from schemas import Article
from schemas.rejection import UNDATABLE
from warehouse import query

KHARKIV = [
    "Russian drones struck the city of Kharkiv overnight, killing two people and wounding 12 others, "
    "regional governor Oleh Syniehubov said on Friday.",
    "Emergency crews worked through the night, officials said.",
]
MOPTI = [
    "Gunmen killed three villagers in the Mopti region of Mali on Thursday, local officials said, in an "
    "attack they blamed on JNIM militants.",
]
PUBDATE = "Fri, 20 Mar 2026 10:00:00 +0000"


pytestmark = pytest.mark.usefixtures("prefect_harness")


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "events.duckdb")


def rows(db: str, sql: str, params: list[Any] | None = None) -> list[tuple]:
    return query(db, sql, params)[1]


def sources_file(tmp_path: Path, body: str) -> str:
    path = tmp_path / "sources.toml"
    path.write_text("[fetch]\ntimeout_s = 1\nretries = 2\nbackoff_s = 0.05\n" + body, encoding="utf-8")
    return str(path)


def feed_site(srv: Loopback) -> None:
    """A feed whose entries hit every failure a scheduled run meets, and a second, malformed feed."""
    items = [
        {"title": "Drones hit Kharkiv", "link": srv.url("/kharkiv"), "guid": "kharkiv", "pubDate": PUBDATE},
        {"title": "Mopti attack", "link": srv.url("/mopti"), "guid": "mopti", "pubDate": PUBDATE},
        {"title": "Gone", "link": srv.url("/gone"), "guid": "gone", "pubDate": PUBDATE},
        {"title": "Slow", "link": srv.url("/slow"), "guid": "slow", "pubDate": PUBDATE},
        {"title": "Cut", "link": srv.url("/cut"), "guid": "cut", "pubDate": PUBDATE},
        {"title": "Down", "link": srv.url("/down"), "guid": "down", "pubDate": PUBDATE},
        {"title": "Local", "link": "file:///etc/passwd", "guid": "local", "pubDate": PUBDATE},
        {"title": "Junk", "link": srv.url("/junk"), "guid": "junk", "pubDate": PUBDATE},
    ]
    srv.routes.update(
        {
            "/feed.xml": Route(body=rss(items), content_type="application/rss+xml"),
            "/kharkiv": Route(body=article_html("Drones hit Kharkiv", KHARKIV)),
            "/mopti": Route(body=article_html("Mopti attack", MOPTI), fail_first=1),  # 500 once, then fine
            "/slow": Route(body=article_html("Slow", MOPTI), delay_s=3),
            "/cut": Route(body=article_html("Cut", KHARKIV), truncate_to=60),
            "/down": Route(fail_first=99, fail_status=503),
            "/junk": Route(body=b"<html><body><nav>Home</nav><script>x()</script></body></html>"),
            "/broken.xml": Route(
                body=b"<?xml version='1.0'?><rss><channel><title>cut", content_type="text/xml"
            ),
        }
    )


def test_a_feed_run_loads_what_it_can_and_records_every_failure(tmp_path: Path, db: str) -> None:
    with serve() as srv:
        feed_site(srv)
        config = sources_file(
            tmp_path,
            f'[[source]]\nname = "news"\nkind = "feed"\nurl = "{srv.url("/feed.xml")}"\n'
            f'[[source]]\nname = "broken"\nkind = "feed"\nurl = "{srv.url("/broken.xml")}"\n'
            f'[[source]]\nname = "missing"\nkind = "feed"\nurl = "{srv.url("/no-such-feed")}"\n',
        )
        report = run_configured(config, db_path=db)
        hits = dict(srv.hits)

    assert report.counts["articles_read"] == 2
    assert sorted(r[0] for r in rows(db, "SELECT id FROM articles")) == ["kharkiv", "mopti"]
    assert hits["/mopti"] == 2, "a 500 is retried, and the retry loads the page"
    assert hits["/down"] == 3 and hits["/gone"] == 1, "503 retried up to the limit; 404 never retried"
    assert "/etc/passwd" not in str(hits)
    reasons = sorted(r[0] for r in rows(db, "SELECT reason FROM rejected"))
    expected = [
        "/gone: HTTP 404 Not Found",
        "/slow: timed out after 1s",
        "/cut: connection failed",
        "/down: HTTP 503 Service Unavailable",
        "entry link 'file:",
        "/junk: HTML with no article text",
        "feed broken (",
        "/no-such-feed: HTTP 404 Not Found",
    ]
    for fragment in expected:
        assert sum(fragment in reason for reason in reasons) == 1, (fragment, reasons)
    assert len(reasons) == len(expected)
    assert report.counts["articles_rejected"] == len(expected)
    # events landed, dated from the text against the feed's publication time, with the page's URL
    events = rows(db, "SELECT admin1, event_date::VARCHAR, article_id FROM events ORDER BY admin1")
    assert ("Kharkiv", "2026-03-20", "kharkiv") in events
    assert ("Mopti", "2026-03-19", "mopti") in events
    [(url, source, title)] = rows(db, "SELECT url, source, title FROM articles WHERE id = 'kharkiv'")
    assert (url, source, title) == (srv.url("/kharkiv"), "Loopback News", "Drones hit Kharkiv")


def test_pages_run_incrementally_and_a_changed_page_replaces_its_events(tmp_path: Path, db: str) -> None:
    with serve() as srv:
        srv.routes["/kharkiv"] = Route(
            body=article_html("Drones hit Kharkiv", KHARKIV, published="2026-03-20")
        )
        srv.routes["/mopti"] = Route(body=article_html("Mopti", MOPTI, published="2026-03-20"))
        config = sources_file(
            tmp_path,
            f'[[source]]\nname = "pages"\nkind = "pages"\n'
            f'urls = ["{srv.url("/kharkiv")}", "{srv.url("/mopti")}"]\n',
        )
        first = run_configured(config, db_path=db)
        second = run_configured(config, db_path=db)
        # the Kharkiv page is corrected: the strike was on Odesa, not Kharkiv
        fixed = [KHARKIV[0].replace("the city of Kharkiv", "the port city of Odesa"), KHARKIV[1]]
        srv.routes["/kharkiv"] = Route(body=article_html("Drones hit Odesa", fixed, published="2026-03-20"))
        third = run_configured(config, db_path=db)

    assert first.counts["articles_read"] == 2 and first.counts["events_new"] >= 2
    assert (
        second.counts["articles_skipped"],
        second.counts["events_found"],
        second.counts["events_new"],
    ) == (
        2,
        0,
        0,
    ), "an unchanged page is not coded again"
    assert third.counts["articles_skipped"] == 1, "only the changed page is coded again"
    assert third.counts["events_removed"] >= 1
    kharkiv_url = srv.url("/kharkiv")
    admin1s = {r[0] for r in rows(db, "SELECT admin1 FROM events WHERE article_id = ?", [kharkiv_url])}
    assert admin1s == {"Odesa"}, "the old Kharkiv event is gone, replaced by the corrected one"
    assert rows(db, "SELECT count(*) FROM event_sources WHERE article_id = ?", [kharkiv_url]) == [(1,)]
    runs = rows(db, "SELECT articles_skipped, events_removed FROM runs ORDER BY started_at")
    assert runs == [(0, 0), (2, 0), (1, third.counts["events_removed"])]


def fake_coder(version: str, places: dict[str, list[str]]) -> Any:
    """An extractor stand-in: one event per listed admin1 for each article, stamped with ``version``."""

    def extract_batch(articles: list[Article]) -> tuple[list[dict[str, Any]], list[Any]]:
        payloads = []
        for article in articles:
            for i, admin1 in enumerate(places.get(article.id, [])):
                payloads.append(
                    {
                        **EVENT,
                        "event_id_cnty": f"UKR{abs(hash((article.id, admin1))) % 10**9}",
                        "admin1": admin1,
                        "location": admin1,
                        "fatalities": i,
                        "article_id": article.id,
                        "extractor_version": version,
                    }
                )
        return payloads, []

    return extract_batch


EVENT: dict[str, Any] = {}


@pytest.fixture(autouse=True)
def _event(make_event_payload: Any) -> None:
    EVENT.clear()
    EVENT.update(make_event_payload())


def test_reprocess_recodes_what_an_older_extractor_coded_and_records_versions(
    tmp_path: Path, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    stories = tmp_path / "stories.jsonl"
    stories.write_text(
        "".join(
            json.dumps({"id": i, "text": f"Shelling hit the region on Monday, story {i}.", "published": day})
            + "\n"
            for i, day in (("s1", "2026-03-01"), ("s2", "2026-03-10"), ("s3", "2026-03-20"))
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(pipeline, "EXTRACTOR_VERSION", "1.0")
    monkeypatch.setattr(
        pipeline,
        "extract_batch",
        fake_coder("1.0", {"s1": ["Kharkiv"], "s2": ["Kharkiv", "Sumy"], "s3": ["Sumy"]}),
    )
    run_pipeline([str(stories)], db_path=db)

    # version 2.0 no longer finds the Sumy event in s2 and codes s3 differently
    monkeypatch.setattr(pipeline, "EXTRACTOR_VERSION", "2.0")
    monkeypatch.setattr(
        pipeline, "extract_batch", fake_coder("2.0", {"s1": ["Kharkiv"], "s2": ["Kharkiv"], "s3": ["Odesa"]})
    )
    assert run_pipeline([str(stories)], db_path=db).counts["articles_skipped"] == 3, (
        "runs skip unchanged text"
    )
    from datetime import date

    report = reprocess_pipeline(db, since=date(2026, 3, 5))

    assert report.counts["articles_read"] == 2, "s1 is older than --since"
    assert report.counts["events_removed"] == 2, "s2's Sumy event and s3's Sumy event are gone"
    versions = dict(rows(db, "SELECT id, extractor_version FROM articles"))
    assert versions == {"s1": "1.0", "s2": "2.0", "s3": "2.0"}
    events = rows(db, "SELECT article_id, admin1, extractor_version FROM events ORDER BY ALL")
    assert events == [("s1", "Kharkiv", "1.0"), ("s2", "Kharkiv", "2.0"), ("s3", "Odesa", "2.0")]
    kinds = rows(db, "SELECT kind, extractor_version, status FROM runs ORDER BY started_at")
    assert kinds == [
        ("run", "1.0", "succeeded"),
        ("run", "2.0", "succeeded"),
        ("reprocess", "2.0", "succeeded"),
    ]
    # which run (so which version) wrote each event
    written_by = rows(
        db, "SELECT e.article_id, r.extractor_version FROM events e JOIN runs r USING (run_id) ORDER BY 1"
    )
    assert written_by == [("s1", "1.0"), ("s2", "2.0"), ("s3", "2.0")]
    # nothing left to do for 2.0 unless every article is asked for
    assert reprocess_pipeline(db).counts["articles_read"] == 1  # s1, coded by 1.0, before --since
    assert reprocess_pipeline(db).counts["articles_read"] == 0
    assert reprocess_pipeline(db, every=True).counts["articles_read"] == 3


def test_undated_articles_load_their_dated_events_and_reject_the_undatable(tmp_path: Path, db: str) -> None:
    # no dateline and no published date: only the text can date their events
    dated = tmp_path / "dated.txt"
    dated.write_text(
        "Gunmen attacked a village in the Mopti region of Mali on March 3, 2026, killing three civilians, "
        "local officials said.",
        encoding="utf-8",
    )
    undatable = tmp_path / "undatable.txt"
    undatable.write_text(
        "Gunmen killed two herders near Djibo in northern Burkina Faso, residents said.", encoding="utf-8"
    )
    report = run_pipeline([str(dated), str(undatable)], db_path=db)

    assert rows(db, "SELECT article_id, admin1, event_date::VARCHAR FROM events") == [
        ("dated", "Mopti", "2026-03-03")
    ]
    [(stage, reason, article_id, payload)] = rows(
        db, "SELECT stage, reason, article_id, payload FROM rejected"
    )
    assert (stage, reason, article_id) == ("validate", UNDATABLE, "undatable")
    assert json.loads(payload)["location"] == "Djibo", "the raw payload is kept"
    assert report.counts["events_rejected"] == 1
    assert sorted(r[0] for r in rows(db, "SELECT id FROM articles")) == ["dated", "undatable"]


def test_prefect_logs_the_counts_of_every_task(
    tmp_path: Path, db: str, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "extract_batch", fake_coder("t", {"a": ["Kharkiv"]}))
    story = tmp_path / "a.txt"
    story.write_text("date 2026-03-20 Kyiv — Shelling hit Kharkiv on Monday.", encoding="utf-8")
    with caplog.at_level(logging.INFO):
        run_pipeline([str(story), str(tmp_path / "missing.txt")], db_path=db)
        run_pipeline([str(story)], db_path=db)
    messages = [r.getMessage() for r in caplog.records if r.name.startswith("prefect")]
    for expected in (
        "ingest: 1 articles read, 1 rejected",
        "plan: 1 articles to code (0 changed since last coded), 0 skipped as unchanged",
        "extract: 1 articles gave 1 event payloads, 0 articles failed",
        "validate: 1 events valid, 0 rejected",
        "load: articles_new 1, events_new 1, events_updated 0, events_removed 0, rejections_new 1",
        "plan: 0 articles to code (0 changed since last coded), 1 skipped as unchanged",
    ):
        assert expected in messages, (expected, messages)
    summaries = [m for m in messages if m.startswith("run ")]
    assert "articles_skipped 1" in summaries[-1]
