"""Several articles, one event: one events row, each article in event_sources, the precision policy."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from importlib import resources
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemas import Article, Event, Inter, SubEventType, make_event_id
from warehouse import LoadCounts, WarehouseError, connect, load_batch, query
from warehouse.columns import articles_table, events_table

#: What makes an event the same event (ACLED_CODING_RULES §3), as the extractor keys its ids.
IDENTITY = ("event_date", "country", "admin1", "location", "actor1", "actor2", "sub_event_type")
SOURCES = {"voa-1": "Voice of America", "bbc-1": "BBC", "kyiv-1": "Kyiv Independent", "ap-1": "AP"}


def report(article_id: str, *, geo: int = 1, time: int = 1, **changes: object) -> Event:
    """A drone strike on Kharkiv as ``article_id`` codes it; its id follows from what the event is."""
    fields: dict[str, object] = {
        "event_date": date(2026, 2, 26),
        "time_precision": time,
        "sub_event_type": SubEventType.AIR_DRONE_STRIKE,
        "actor1": "Military Forces of Russia (2000-)",
        "inter1": Inter.STATE_FORCES,
        "iso": 804,
        "region": "Europe",
        "country": "Ukraine",
        "admin1": "Kharkiv",
        "location": "Kharkiv",
        "latitude": 49.9935,
        "longitude": 36.2304,
        "geo_precision": geo,
        "source": SOURCES.get(article_id, ""),
        "notes": f"Russian drones struck Kharkiv, as {article_id} reports it.",
        "fatalities": 2,
        "timestamp": 1772064000,
        "article_id": article_id,
        "extractor_version": "test",
    }
    fields.update(changes)
    fields["event_id_cnty"] = make_event_id("UKR", *(fields.get(name, "") for name in IDENTITY))
    return Event.model_validate(fields)


def news(article_id: str) -> Article:
    """The article ``article_id``, with its outlet as source."""
    return Article(
        id=article_id,
        text=f"Drones struck Kharkiv ({article_id}).",
        source=SOURCES[article_id],
        url=f"https://news.example/{article_id}",
    )


def load(con: duckdb.DuckDBPyConnection, run_id: str, *reports: Event, articles: bool = True) -> LoadCounts:
    """Load ``reports`` as one batch, with the articles behind them unless ``articles`` is false."""
    sent = [news(a) for a in dict.fromkeys(r.article_id for r in reports)] if articles else []
    return load_batch(con, run_id=run_id, articles=sent, events=list(reports), rejections=[])


def links(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """Every link as (event, article, source, url), sorted."""
    return con.execute(
        "SELECT event_id_cnty, article_id, source, url FROM event_sources ORDER BY ALL"
    ).fetchall()


def stored(con: duckdb.DuckDBPyConnection, *columns: str) -> list[tuple]:
    """``columns`` of every events row, by id (column names are fixed in the tests, never data)."""
    return con.execute(f"SELECT {', '.join(columns)} FROM events ORDER BY event_id_cnty").fetchall()


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    """A migrated in-memory warehouse."""
    connection = connect(":memory:")
    yield connection
    connection.close()


# --- several articles, one event -------------------------------------------------------------------


@pytest.mark.parametrize("batches", [[["voa-1", "bbc-1"]], [["voa-1"], ["bbc-1"]]], ids=["one-batch", "two"])
def test_two_articles_reporting_one_event_make_one_row_listing_both(
    con: duckdb.DuckDBPyConnection, batches: list[list[str]]
) -> None:
    counts = [load(con, f"r{i}", *(report(a) for a in batch)) for i, batch in enumerate(batches)]
    event_id = report("voa-1").event_id_cnty
    assert report("bbc-1").event_id_cnty == event_id
    assert sum(c.events_new for c in counts) == 1
    assert sum(c.links_new for c in counts) == 2
    assert links(con) == [
        (event_id, "bbc-1", "BBC", "https://news.example/bbc-1"),
        (event_id, "voa-1", "Voice of America", "https://news.example/voa-1"),
    ]
    assert stored(con, "event_id_cnty", "source") == [(event_id, "BBC; Voice of America")]
    assert con.execute("SELECT source FROM acled_export").fetchall() == [("BBC; Voice of America",)]


@pytest.mark.parametrize(
    "other",
    [
        {"event_date": date(2026, 2, 27)},
        {"location": "Chuhuiv", "latitude": 49.8355, "longitude": 36.6860},
        {"admin1": "Odesa", "location": "Odesa", "latitude": 46.4775, "longitude": 30.7326},
        {"actor1": "Military Forces of Russia (2000-) Air Force"},
        {"sub_event_type": SubEventType.SHELLING_ARTILLERY_MISSILE},
    ],
    ids=["next-day", "other-town", "other-region", "other-actor", "other-type"],
)
def test_distinct_events_from_one_article_stay_distinct(
    con: duckdb.DuckDBPyConnection, other: dict[str, object]
) -> None:
    first, second = report("voa-1"), report("voa-1", **other)
    assert first.event_id_cnty != second.event_id_cnty
    counts = load(con, "r1", first, second)
    assert counts == LoadCounts(articles_new=1, events_new=2, links_new=2)
    assert stored(con, "source", "article_id") == [("Voice of America", "voa-1")] * 2
    assert [link[1:] for link in links(con)] == [
        ("voa-1", "Voice of America", "https://news.example/voa-1")
    ] * 2


# --- the precision policy --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "then", "replaced"),
    [
        (("voa-1", 3, 1), ("bbc-1", 1, 1), True),
        (("voa-1", 1, 2), ("bbc-1", 1, 1), True),
        (("voa-1", 3, 3), ("bbc-1", 2, 3), True),
        (("voa-1", 1, 1), ("bbc-1", 3, 1), False),
        (("voa-1", 1, 1), ("bbc-1", 1, 3), False),
        (("voa-1", 2, 1), ("bbc-1", 1, 2), False),
        (("voa-1", 2, 2), ("bbc-1", 2, 2), False),
        (("voa-1", 2, 2), ("voa-1", 2, 2), True),
        (("voa-1", 1, 1), ("voa-1", 2, 1), False),
    ],
    ids=[
        "more-precise-place",
        "more-precise-time",
        "one-step-more-precise",
        "less-precise-place",
        "less-precise-time",
        "place-better-time-worse",
        "as-precise-other-article",
        "as-precise-same-article-recoded",
        "less-precise-same-article",
    ],
)
def test_a_later_report_replaces_the_content_only_when_at_least_as_precise(
    con: duckdb.DuckDBPyConnection,
    first: tuple[str, int, int],
    then: tuple[str, int, int],
    replaced: bool,
) -> None:
    # A later report differs in content (fatalities, notes); it replaces the stored row only when it is
    # at least as precise in place and time and is more precise in one, or re-codes the same article.
    (a1, geo1, time1), (a2, geo2, time2) = first, then
    earlier = report(a1, geo=geo1, time=time1)
    later = report(a2, geo=geo2, time=time2, fatalities=7, notes="A later report.")
    load(con, "r1", earlier)
    counts = load(con, "r2", later)
    winner = later if replaced else earlier
    articles = sorted({a1, a2})
    new_article = int(a2 != a1)
    assert counts == LoadCounts(articles_new=new_article, events_updated=int(replaced), links_new=new_article)
    assert stored(con, "article_id", "geo_precision", "time_precision", "fatalities", "notes") == [
        (winner.article_id, winner.geo_precision, winner.time_precision, winner.fatalities, winner.notes)
    ]
    assert [link[1] for link in links(con)] == articles
    assert stored(con, "source") == [("; ".join(sorted(SOURCES[a] for a in articles)),)]


def test_a_report_that_only_adds_a_source_rewrites_source_timestamp_and_run_id(
    con: duckdb.DuckDBPyConnection,
) -> None:
    # A longer source list is a changed row (ACLED's timestamp is "row last written"), but not new content.
    load(con, "r1", report("voa-1", geo=1))
    content = stored(con, "article_id", "geo_precision", "notes", "fatalities")
    load(con, "r2", report("bbc-1", geo=3, timestamp=1772067600, fatalities=9))
    assert stored(con, "article_id", "geo_precision", "notes", "fatalities") == content
    assert stored(con, "source", "timestamp", "run_id") == [("BBC; Voice of America", 1772067600, "r2")]


@pytest.mark.parametrize(
    ("batch", "kept"),
    [
        ([("voa-1", 3, 1), ("bbc-1", 1, 1)], "bbc-1"),
        ([("voa-1", 1, 1), ("bbc-1", 3, 1)], "voa-1"),
        ([("voa-1", 2, 2), ("bbc-1", 2, 2)], "bbc-1"),
        ([("voa-1", 1, 1), ("bbc-1", 3, 3), ("kyiv-1", 1, 1)], "kyiv-1"),
        ([("voa-1", 1, 2), ("bbc-1", 1, 1), ("kyiv-1", 1, 2)], "bbc-1"),
    ],
    ids=[
        "more-precise-last",
        "more-precise-first",
        "as-precise-last-wins",
        "tie-after-worse",
        "best-in-middle",
    ],
)
def test_within_a_batch_the_most_precise_then_the_last_report_is_kept(
    con: duckdb.DuckDBPyConnection, batch: list[tuple[str, int, int]], kept: str
) -> None:
    counts = load(con, "r1", *(report(a, geo=geo, time=time) for a, geo, time in batch))
    assert counts == LoadCounts(articles_new=len(batch), events_new=1, links_new=len(batch))
    assert stored(con, "article_id") == [(kept,)]
    assert [link[1] for link in links(con)] == sorted(a for a, _, _ in batch)
    assert stored(con, "source") == [("; ".join(sorted(SOURCES[a] for a, _, _ in batch)),)]


# --- where a link's source comes from --------------------------------------------------------------


@pytest.mark.parametrize(
    ("article_loaded", "expected"),
    [
        ("same-batch", ("BBC", "https://news.example/bbc-1")),
        ("earlier", ("BBC", "https://news.example/bbc-1")),
        ("never", ("BBC World (as coded)", None)),
    ],
    ids=["article-in-batch", "article-loaded-earlier", "article-unknown"],
)
def test_a_link_takes_the_articles_source_and_url_else_the_events_source(
    con: duckdb.DuckDBPyConnection, article_loaded: str, expected: tuple[str, str | None]
) -> None:
    event = report("bbc-1", source="BBC World (as coded)")
    if article_loaded == "earlier":
        load_batch(con, run_id="r0", articles=[news("bbc-1")], events=[], rejections=[])
    load(con, "r1", event, articles=article_loaded == "same-batch")
    assert [link[2:] for link in links(con)] == [expected]
    assert stored(con, "source") == [(expected[0],)]


# --- re-runs ---------------------------------------------------------------------------------------


def snapshot(con: duckdb.DuckDBPyConnection) -> tuple[list[tuple], list[tuple]]:
    """Every events row and every link, in order."""
    events = con.execute("SELECT * FROM events ORDER BY event_id_cnty").fetchall()
    return events, con.execute("SELECT * FROM event_sources ORDER BY ALL").fetchall()


def test_rerunning_the_same_input_adds_and_changes_nothing(con: duckdb.DuckDBPyConnection) -> None:
    # Equally precise reports from different articles in different batches: the first stays, or each
    # re-run would overwrite the row with the other article's notes.
    batches = [
        [report("voa-1", geo=2), report("voa-1", geo=2, location="Chuhuiv", latitude=49.8, longitude=36.7)],
        [report("bbc-1", geo=2, notes="Drones hit Kharkiv overnight.")],
        [report("kyiv-1", geo=1, fatalities=3)],
        [report("ap-1", geo=3)],
    ]
    for batch in batches:
        load(con, "first", *batch)
    before = snapshot(con)
    assert sorted(stored(con, "article_id", "fatalities", "source")) == [
        ("kyiv-1", 3, "AP; BBC; Kyiv Independent; Voice of America"),
        ("voa-1", 2, "Voice of America"),
    ]
    rerun = [load(con, "second", *batch) for batch in batches]
    assert rerun == [LoadCounts()] * len(batches)
    assert snapshot(con) == before


_REPORT = st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(0, 5))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    coded=st.lists(st.lists(_REPORT, min_size=1, max_size=3), min_size=1, max_size=len(SOURCES)),
    cuts=st.lists(st.booleans(), min_size=len(SOURCES), max_size=len(SOURCES)),
)
def test_any_mix_of_reports_reloads_without_a_change(
    coded: list[list[tuple[int, int, int]]], cuts: list[bool]
) -> None:
    # Each article (with one or more codings of the event) sits in one batch, as in the pipeline.
    con = connect(":memory:")
    names = list(SOURCES)[: len(coded)]
    batches: list[list[Event]] = [[]]
    for i, (name, codings) in enumerate(zip(names, coded, strict=True)):
        if i and cuts[i]:
            batches.append([])
        batches[-1].extend(report(name, geo=g, time=t, fatalities=f) for g, t, f in codings)
    for batch in batches:
        load(con, "first", *batch)
    before = snapshot(con)
    assert stored(con, "source") == [("; ".join(sorted(SOURCES[n] for n in names)),)]
    assert [link[1] for link in links(con)] == sorted(names)
    assert [load(con, "second", *batch) for batch in batches] == [LoadCounts()] * len(batches)
    assert snapshot(con) == before
    con.close()


# --- migrating a database made before event_sources ------------------------------------------------


CHUHUIV = {"location": "Chuhuiv", "latitude": 49.8355, "longitude": 36.6860}


def database_with_only_001(path: Path) -> None:
    """A warehouse as 001 alone left it, holding two events: one from a stored article, one without."""
    script = (resources.files("warehouse") / "sql" / "001_init.sql").read_text(encoding="utf-8")
    with duckdb.connect(str(path)) as con:
        con.execute(script)
        con.execute(
            "CREATE TABLE schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
        )
        con.execute("INSERT INTO schema_migrations VALUES ('001_init.sql', TIMESTAMP '2026-02-26 08:00:00')")
        con.execute(
            "INSERT INTO runs (run_id, started_at, status, extractor_version, sources) "
            "VALUES ('old-run', TIMESTAMP '2026-02-26 07:00:00', 'succeeded', '0.1.0', [])"
        )
        stage_articles = articles_table([news("voa-1")], run_id="old-run", now=datetime(2026, 2, 26, 6, 0))
        stage_events = events_table(
            [report("voa-1", source="VOA News"), report("gone-1", source="Gone Gazette", **CHUHUIV)],
            run_id="old-run",
        )
        con.register("stage_articles", stage_articles)
        con.register("stage_events", stage_events)
        con.execute("INSERT INTO articles BY NAME SELECT * EXCLUDE (extractor_version) FROM stage_articles")
        con.execute("INSERT INTO events BY NAME SELECT * FROM stage_events")


def test_migration_002_upgrades_a_001_database_and_backfills_one_link_per_event(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    database_with_only_001(path)
    with pytest.raises(WarehouseError, match=r"lacks schema migrations 002_event_sources\.sql, 003"):
        query(path, "SELECT 1")
    kharkiv, chuhuiv = report("voa-1").event_id_cnty, report("gone-1", **CHUHUIV).event_id_cnty
    with connect(path) as con:
        applied = con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()
        assert applied == [("001_init.sql",), ("002_event_sources.sql",), ("003_incremental.sql",)]
        backfilled = con.execute(
            "SELECT article_id, event_id_cnty, source, url, run_id, first_seen "
            "FROM event_sources ORDER BY ALL"
        ).fetchall()
        assert backfilled == [
            # an article the warehouse never stored: the event's source, first seen when its run started
            ("gone-1", chuhuiv, "Gone Gazette", None, "old-run", datetime(2026, 2, 26, 7, 0)),
            # a stored article: its source, url and first_seen
            ("voa-1", kharkiv, "Voice of America", "https://news.example/voa-1", "old-run",
             datetime(2026, 2, 26, 6, 0)),
        ]  # fmt: skip
        # events.source now follows the links (the stored article's source); nothing else was rewritten.
        assert sorted(stored(con, "article_id", "source", "timestamp", "run_id")) == [
            ("gone-1", "Gone Gazette", 1772064000, "old-run"),
            ("voa-1", "Voice of America", 1772064000, "old-run"),
        ]
        # The upgraded database loads like a new one: the old input adds nothing, a new article a link.
        assert load(con, "r-new", report("voa-1")) == LoadCounts()
        assert load(con, "r-new", report("bbc-1", geo=3)) == LoadCounts(articles_new=1, links_new=1)
        assert sorted(stored(con, "article_id", "source")) == [
            ("gone-1", "Gone Gazette"),
            ("voa-1", "BBC; Voice of America"),
        ]


# --- re-coding an article replaces what it reported --------------------------------------------------


def test_recoding_an_article_replaces_its_events_and_keeps_those_others_report(tmp_path: Path) -> None:
    chuhuiv = {"location": "Chuhuiv", "latitude": 49.8355, "longitude": 36.6860}
    with connect(tmp_path / "w.duckdb") as con:
        shared, only_voa = report("voa-1"), report("voa-1", **chuhuiv)
        load(con, "r1", shared, only_voa, report("bbc-1", geo=2))
        assert sorted(stored(con, "article_id", "source")) == [
            ("voa-1", "BBC; Voice of America"),
            ("voa-1", "Voice of America"),
        ]

        # the VOA story was corrected: it now reports a strike on Izium instead
        izium = report("voa-1", location="Izium", latitude=49.2103, longitude=37.2569)
        counts = load_batch(
            con, run_id="r2", articles=[news("voa-1")], events=[izium], rejections=[], recoded=["voa-1"]
        )

        assert counts.events_removed == 1, "the Chuhuiv event had no other source"
        assert sorted(stored(con, "location", "article_id", "source", "run_id")) == [
            ("Izium", "voa-1", "Voice of America", "r2"),
            ("Kharkiv", "bbc-1", "BBC", "r2"),  # still reported by the BBC, which is now its only source
        ]
        assert sorted(link[1:3] for link in links(con)) == [("bbc-1", "BBC"), ("voa-1", "Voice of America")]
        # loading the same coding again changes nothing
        again = load_batch(
            con, run_id="r3", articles=[news("voa-1")], events=[izium], rejections=[], recoded=["voa-1"]
        )
        assert (again.events_new, again.events_updated, again.events_removed) == (0, 0, 0)


def test_an_article_not_marked_recoded_keeps_its_old_events(tmp_path: Path) -> None:
    with connect(tmp_path / "w.duckdb") as con:
        load(con, "r1", report("voa-1"))
        counts = load_batch(con, run_id="r2", articles=[news("voa-1")], events=[], rejections=[])
        assert counts.events_removed == 0 and len(stored(con, "event_id_cnty")) == 1


def test_hostile_article_data_is_stored_verbatim_never_run_as_sql(tmp_path: Path) -> None:
    from warehouse import plan_batch, stored_articles

    hostile = "x'); DROP TABLE events; --"
    article = Article(
        id=hostile, text=f'Shelling hit Kharkiv. {hostile} "; DELETE FROM runs; $$', title=hostile
    )
    with connect(tmp_path / "w.duckdb") as con:
        load_batch(
            con,
            run_id=hostile,
            articles=[article],
            events=[report(hostile)],
            rejections=[],
            recoded=[hostile],
            extractor_version=hostile,
        )
        assert plan_batch(con, [article]).skipped == [hostile]
        [back] = stored_articles(con, extractor_version="other")
        assert back == article
        assert con.execute("SELECT article_id, run_id FROM events").fetchall() == [(hostile, hostile)]
        tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert {"events", "runs", "articles", "event_sources"} <= tables
