"""The DuckDB warehouse: schema, loads, re-runs, exports, read-only access and the write lock."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
import textwrap
import time
from datetime import date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import warehouse
import warehouse.load
from schemas import (
    ACLED_COLUMNS,
    CIVILIANS_TARGETED,
    EXTENSION_COLUMNS,
    Article,
    CountQualifier,
    Event,
    Evidence,
    Inter,
    Rejection,
    Stage,
    SubEventType,
    TargetCategory,
    Weapon,
    WeaponType,
    make_event_id,
)
from warehouse import (
    DatabaseBusyError,
    WarehouseError,
    connect,
    export,
    finish_run,
    load_batch,
    migrate,
    query,
    read_events,
    start_run,
    summary,
)
from warehouse.columns import ARTICLE_SCHEMA, DERIVED_EVENT_COLUMNS, EVENT_SCHEMA, REJECTION_SCHEMA

REPO = Path(__file__).resolve().parents[1]
ODESA_SENTENCE = "Russia launched about 420 drones and 39 missiles at Odesa overnight, killing two people."


def odesa_strike(**changes: object) -> Event:
    """An Air/drone strike on Odesa, coded as the extractor would."""
    fields: dict[str, object] = {
        "event_id_cnty": make_event_id("UKR", "voa-odesa-0226", "2026-02-26", "Odesa", "Air/drone strike"),
        "event_date": date(2026, 2, 26),
        "time_precision": 1,
        "sub_event_type": SubEventType.AIR_DRONE_STRIKE,
        "actor1": "Military Forces of Russia (2000-)",
        "inter1": Inter.STATE_FORCES,
        "iso": 804,
        "region": "Europe",
        "country": "Ukraine",
        "admin1": "Odesa",
        "admin2": "Odeskyi",
        "location": "Odesa",
        "latitude": 46.4775,
        "longitude": 30.7326,
        "geo_precision": 1,
        "source": "Voice of America",
        "source_scale": "International",
        "notes": "On 26 February 2026, Russian forces launched about 420 drones and 39 missiles at Odesa.",
        "fatalities": 2,
        "fatalities_qualifier": CountQualifier.EXACT,
        "injuries": 11,
        "injuries_qualifier": CountQualifier.AT_LEAST,
        "timestamp": 1772064000,
        "article_id": "voa-odesa-0226",
        "weapons": (
            Weapon(weapon_type=WeaponType.DRONE, count=420, count_qualifier=CountQualifier.ABOUT),
            Weapon(weapon_type=WeaponType.MISSILE, count=39, count_qualifier=CountQualifier.EXACT),
        ),
        "target": "power substation",
        "target_category": TargetCategory.ENERGY_INFRASTRUCTURE,
        "evidence": (
            Evidence(
                field="weapons",
                sentence=ODESA_SENTENCE,
                start=0,
                end=len(ODESA_SENTENCE),
                match="about 420 drones",
                match_start=16,
                match_end=32,
            ),
            Evidence(field="fatalities", sentence=ODESA_SENTENCE, start=0, end=len(ODESA_SENTENCE)),
        ),
        "extractor_version": "0.1.0",
    }
    fields.update(changes)
    return Event.model_validate(fields)


def darfur_attack() -> Event:
    """Violence against civilians in North Darfur: a second actor, civilian targeting, no weapons."""
    return Event(
        event_id_cnty=make_event_id("SDN", "dabanga-0301", "2026-03-01", "El Fasher", "Attack"),
        event_date=date(2026, 3, 1),
        time_precision=2,
        sub_event_type=SubEventType.ATTACK,
        actor1="Rapid Support Forces",
        inter1=Inter.REBEL_GROUP,
        actor2="Civilians (Sudan)",
        inter2=Inter.CIVILIANS,
        civilian_targeting=CIVILIANS_TARGETED,
        iso=729,
        region="Northern Africa",
        country="Sudan",
        admin1="North Darfur",
        location="El Fasher",
        latitude=13.6279,
        longitude=25.3494,
        geo_precision=2,
        fatalities=14,
        fatalities_qualifier=CountQualifier.MORE_THAN,
        notes='Witnesses said "dozens" fled; the RSF\'s men shot 14+ civilians.',
        timestamp=1772323200,
        article_id="dabanga-0301",
        extractor_version="0.1.0",
    )


def article(article_id: str = "voa-odesa-0226", text: str = ODESA_SENTENCE) -> Article:
    """The article behind the Odesa strike."""
    return Article(
        id=article_id,
        text=text,
        url=f"https://www.voanews.com/a/{article_id}.html",
        source="voa",
        title="Russia strikes Odesa with drones and missiles",
        published=datetime(2026, 2, 26, 7, 30),
    )


def rejection(reason: str = "latitude: Input should be less than or equal to 90") -> Rejection:
    """A validation rejection with a JSON payload."""
    return Rejection(
        stage=Stage.VALIDATE,
        reason=reason,
        payload='{"latitude": 946.4, "location": "Odesa"}',
        source="voa",
        article_id="voa-odesa-0226",
    )


def row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per data table."""
    tables = ("articles", "events", "event_sources", "rejected", "runs")
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A migrated, empty warehouse file."""
    path = tmp_path / "events.duckdb"
    connect(path).close()
    return path


@pytest.fixture
def loaded(db: Path) -> Path:
    """A warehouse holding one finished run: two events, one article, one rejection."""
    with connect(db) as con:
        run_id = start_run(con, extractor_version="0.1.0", sources=["samples/"])
        load_batch(
            con,
            run_id=run_id,
            articles=[article()],
            events=[odesa_strike(), darfur_attack()],
            rejections=[rejection()],
        )
        finish_run(con, run_id, status="succeeded", counts={"events_loaded": 2})
    return db


# --- schema ----------------------------------------------------------------------------------------


MIGRATIONS = ["001_init.sql", "002_event_sources.sql", "003_incremental.sql"]


def test_migrate_applies_each_file_once_and_records_it() -> None:
    con = duckdb.connect()
    assert migrate(con) == MIGRATIONS
    assert migrate(con) == []
    assert con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall() == [
        (name,) for name in MIGRATIONS
    ]


def test_connect_migrates_a_new_file_and_reopens_it_without_migrating(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "events.duckdb"
    with connect(path) as con:
        assert con.execute("SELECT count(*) FROM schema_migrations").fetchone() == (len(MIGRATIONS),)
    with connect(path) as con:
        assert migrate(con) == []


def columns_of(con: duckdb.DuckDBPyConnection, relation: str) -> list[str]:
    return [row[0] for row in con.execute(f"DESCRIBE {relation}").fetchall()]


def test_events_columns_are_acled_then_extensions_then_run_id() -> None:
    con = connect(":memory:")
    assert columns_of(con, "events") == [*ACLED_COLUMNS, *EXTENSION_COLUMNS, "run_id"]


def test_events_columns_match_the_event_model() -> None:
    con = connect(":memory:")
    columns = columns_of(con, "events")
    fields = list(Event.model_fields)
    assert [c for c in columns if c in fields] == fields[:31] + [c for c in EXTENSION_COLUMNS if c in fields]
    assert set(columns) - set(fields) == {*DERIVED_EVENT_COLUMNS, "run_id"}
    for derived in DERIVED_EVENT_COLUMNS:
        assert isinstance(getattr(Event, derived), property)


def list_free(schema: pa.Schema) -> list[tuple[str, str]]:
    """Names and types, with list item names dropped (DuckDB calls them 'l', pyarrow 'item')."""
    out = []
    for f in schema:
        kind = f"list<{f.type.value_type}>" if pa.types.is_list(f.type) else str(f.type)
        out.append((f.name, kind))
    return out


@pytest.mark.parametrize(
    ("table", "schema"),
    [("events", EVENT_SCHEMA), ("articles", ARTICLE_SCHEMA), ("rejected", REJECTION_SCHEMA)],
    ids=["events", "articles", "rejected"],
)
def test_arrow_staging_schema_matches_the_sql_table(table: str, schema: pa.Schema) -> None:
    con = connect(":memory:")
    stored = con.sql(f"SELECT * FROM {table} LIMIT 0").to_arrow_table().schema
    assert list_free(stored) == list_free(schema)


@pytest.mark.parametrize(
    ("view", "expected"),
    [("acled_export", ACLED_COLUMNS), ("events_export", (*ACLED_COLUMNS, *EXTENSION_COLUMNS))],
    ids=["acled_export", "events_export"],
)
def test_export_views_list_their_columns_in_order(view: str, expected: tuple[str, ...]) -> None:
    con = connect(":memory:")
    assert columns_of(con, view) == list(expected)
    assert len(ACLED_COLUMNS) == 31


# --- loading ---------------------------------------------------------------------------------------


def test_first_load_counts_everything_new(db: Path) -> None:
    with connect(db) as con:
        run_id = start_run(con, extractor_version="0.1.0", sources=["samples/"])
        counts = load_batch(
            con,
            run_id=run_id,
            articles=[article()],
            events=[odesa_strike(), darfur_attack()],
            rejections=[rejection()],
        )
        assert counts == warehouse.LoadCounts(
            articles_new=1, events_new=2, events_updated=0, links_new=2, rejections_new=1
        )
        assert row_counts(con) == {"articles": 1, "events": 2, "event_sources": 2, "rejected": 1, "runs": 1}


def test_reloading_the_same_batch_adds_and_changes_nothing(loaded: Path) -> None:
    with connect(loaded) as con:
        before = row_counts(con)
        first_run_ids = con.execute("SELECT event_id_cnty, run_id FROM events ORDER BY 1").fetchall()
        second = start_run(con, extractor_version="0.1.0", sources=["samples/"])
        counts = load_batch(
            con,
            run_id=second,
            articles=[article()],
            events=[odesa_strike(), darfur_attack()],
            rejections=[rejection()],
        )
        assert counts == warehouse.LoadCounts()
        assert row_counts(con) == {**before, "runs": before["runs"] + 1}
        # Unchanged events keep the run that wrote them; the article records that it was seen again.
        assert con.execute("SELECT event_id_cnty, run_id FROM events ORDER BY 1").fetchall() == first_run_ids
        assert con.execute("SELECT run_id, first_seen < last_seen FROM articles").fetchone() == (second, True)


def test_recoding_an_event_with_a_new_timestamp_is_not_an_update(loaded: Path) -> None:
    # the extractor stamps the time it coded an event; re-coding the same event must change nothing
    with connect(loaded) as con:
        stored = con.execute("SELECT event_id_cnty, timestamp FROM events ORDER BY 1").fetchall()
        run_id = start_run(con, extractor_version="0.1.0", sources=["samples/"])
        later = odesa_strike(timestamp=odesa_strike().timestamp + 3600)
        counts = load_batch(con, run_id=run_id, articles=[], events=[later], rejections=[])
        assert counts == warehouse.LoadCounts()
        assert con.execute("SELECT event_id_cnty, timestamp FROM events ORDER BY 1").fetchall() == stored


def test_a_changed_event_replaces_its_row(loaded: Path) -> None:
    revised = odesa_strike(fatalities=5, fatalities_qualifier=CountQualifier.AT_LEAST)
    with connect(loaded) as con:
        counts = load_batch(con, run_id="rerun", articles=[], events=[revised], rejections=[])
        assert counts == warehouse.LoadCounts(events_updated=1)
        stored = con.execute(
            "SELECT fatalities, fatalities_qualifier, run_id FROM events WHERE event_id_cnty = ?",
            [revised.event_id_cnty],
        ).fetchone()
        assert stored == (5, "at least", "rerun")
        assert row_counts(con)["events"] == 2


@pytest.mark.parametrize(
    "fatalities",
    [(1, 2, 3), (3, 1, 2), (0, 0, 7)],
    ids=["rising", "falling", "last-differs"],
)
def test_within_batch_duplicate_ids_keep_the_last(db: Path, fatalities: tuple[int, ...]) -> None:
    # Policy: within one batch the last article with an id wins, and of equally precise reports of an event
    # the last wins: a later extraction supersedes.
    events = [odesa_strike(fatalities=n) for n in fatalities]
    articles = [article(text=f"version {n}") for n in fatalities]
    with connect(db) as con:
        counts = load_batch(con, run_id="r1", articles=articles, events=events, rejections=[])
        assert counts == warehouse.LoadCounts(articles_new=1, events_new=1, links_new=1)
        assert con.execute("SELECT fatalities FROM events").fetchall() == [(fatalities[-1],)]
        assert con.execute("SELECT text FROM articles").fetchall() == [(f"version {fatalities[-1]}",)]


def test_a_failing_batch_leaves_the_database_unchanged(loaded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(con: duckdb.DuckDBPyConnection) -> int:
        raise duckdb.ConstraintException("forced failure after articles and events were written")

    monkeypatch.setattr(warehouse.load, "_insert_rejections", explode)
    new_event = odesa_strike(event_id_cnty=make_event_id("UKR", "other"), article_id="other")
    with connect(loaded) as con:
        before = row_counts(con)
        snapshot = con.execute("SELECT * FROM events ORDER BY event_id_cnty").fetchall()
        with pytest.raises(WarehouseError, match="nothing was written") as caught:
            load_batch(
                con,
                run_id="doomed",
                articles=[article("other")],
                events=[new_event, odesa_strike(fatalities=99)],
                rejections=[rejection("new reason")],
            )
        assert isinstance(caught.value.__cause__, duckdb.Error)
        assert row_counts(con) == before
        assert con.execute("SELECT * FROM events ORDER BY event_id_cnty").fetchall() == snapshot
        monkeypatch.undo()
        counts = load_batch(con, run_id="retry", articles=[], events=[new_event], rejections=[])
        assert counts.events_new == 1


@pytest.mark.parametrize(
    ("batches", "expected_new", "expected_rows"),
    [
        ([[rejection()], [rejection()]], [1, 0], 1),
        ([[rejection(), rejection()]], [1], 1),
        ([[rejection()], [rejection("fatalities: must be >= 0")]], [1, 1], 2),
    ],
    ids=["rerun", "twice-in-one-batch", "different-reason"],
)
def test_rejections_dedupe_on_their_content(
    db: Path, batches: list[list[Rejection]], expected_new: list[int], expected_rows: int
) -> None:
    with connect(db) as con:
        news = [
            load_batch(con, run_id=f"r{i}", articles=[], events=[], rejections=batch).rejections_new
            for i, batch in enumerate(batches)
        ]
        assert news == expected_new
        assert row_counts(con)["rejected"] == expected_rows


def test_an_empty_batch_is_a_no_op(db: Path) -> None:
    with connect(db) as con:
        assert load_batch(con, run_id="r1", articles=[], events=[], rejections=[]) == warehouse.LoadCounts()


# --- runs ------------------------------------------------------------------------------------------


def test_runs_record_start_finish_and_counts(db: Path) -> None:
    with connect(db) as con:
        run_id = start_run(con, extractor_version="0.1.0", sources=["samples/", "rss:voa"])
        assert con.execute("SELECT status, sources FROM runs").fetchone() == (
            "running",
            ["samples/", "rss:voa"],
        )
        counts = {"articles_read": 3, "articles_rejected": 1, "events_found": 4, "events_loaded": 2}
        finish_run(con, run_id, status="succeeded", counts={**counts, "events_rejected": 1})
        row = con.execute(
            "SELECT status, finished_at >= started_at, articles_read, articles_rejected, events_found, "
            "events_loaded, events_rejected FROM runs WHERE run_id = ?",
            [run_id],
        ).fetchone()
        assert row == ("succeeded", True, 3, 1, 4, 2, 1)


@pytest.mark.parametrize(
    ("run_id", "status", "counts", "error"),
    [
        (None, "done", {}, ValueError),
        (None, "succeeded", {"events_lodaed": 1}, ValueError),
        ("20260101T000000Z-00000000", "failed", {}, WarehouseError),
    ],
    ids=["bad-status", "misspelt-count", "unknown-run"],
)
def test_finish_run_refuses_bad_input(
    db: Path, run_id: str | None, status: str, counts: dict[str, int], error: type[Exception]
) -> None:
    with connect(db) as con:
        started = start_run(con, extractor_version="0.1.0", sources=[])
        with pytest.raises(error):
            finish_run(con, run_id or started, status=status, counts=counts)


# --- reading and export ----------------------------------------------------------------------------


def test_query_returns_columns_and_rows_with_bound_parameters(loaded: Path) -> None:
    columns, rows = query(
        loaded, "SELECT country, fatalities FROM events WHERE iso = ? ORDER BY country", [804]
    )
    assert columns == ["country", "fatalities"]
    assert rows == [("Ukraine", 2)]


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("INSERT INTO runs (run_id) VALUES ('x')", "read-only"),
        ("DELETE FROM events", "read-only"),
        ("CREATE TABLE sneaky (a INTEGER)", "read-only"),
        ("COPY events TO 'leak.csv'", "not other files"),
        ("ATTACH 'other.duckdb' AS other", "not other files"),
        ("SELECT * FROM no_such_table", "query failed"),
    ],
    ids=["insert", "delete", "create", "copy-to", "attach", "bad-sql"],
)
def test_query_refuses_writes_with_a_warehouse_error(loaded: Path, sql: str, message: str) -> None:
    with pytest.raises(WarehouseError, match=message) as caught:
        query(loaded, sql)
    assert not isinstance(caught.value, duckdb.Error)
    assert isinstance(caught.value.__cause__, duckdb.Error)


@pytest.mark.parametrize(
    "read",
    [lambda p: query(p, "SELECT 1"), summary, lambda p: export(p, fmt="csv", out=p.with_suffix(".csv"))],
    ids=["query", "summary", "export"],
)
def test_reading_a_missing_database_says_how_to_make_one(tmp_path: Path, read) -> None:
    missing = tmp_path / "none.duckdb"
    expected = rf"no database at {re.escape(str(missing))}; run `conflict-events run` first"
    with pytest.raises(WarehouseError, match=expected):
        read(missing)
    assert not missing.exists()


def test_read_only_open_of_an_unmigrated_file_asks_for_a_migration(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(
        WarehouseError, match=r"lacks schema migrations 001_init\.sql, 002_event_sources\.sql"
    ):
        query(path, "SELECT 1")


def test_mixing_read_write_and_read_only_in_one_process_is_explained(db: Path) -> None:
    with connect(db), pytest.raises(WarehouseError, match="already open in this process"):
        query(db, "SELECT 1")


def test_csv_export_starts_with_acled_columns(loaded: Path, tmp_path: Path) -> None:
    out = tmp_path / "exports" / "o'brien events.csv"  # a quote in the path must not break COPY
    assert export(loaded, fmt="csv", out=out) == 2
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    assert header[:31] == list(ACLED_COLUMNS)
    assert header[31:] == list(EXTENSION_COLUMNS)
    assert [r["event_date"] for r in rows] == ["2026-02-26", "2026-03-01"]
    odesa = rows[0]
    assert odesa["sub_event_type"] == "Air/drone strike"
    assert odesa["weapon_count"] == "420"
    assert json.loads(odesa["weapons"])[1] == {
        "weapon_type": "missile",
        "count": 39,
        "count_qualifier": "exact",
    }
    assert json.loads(odesa["evidence"])[0]["match"] == "about 420 drones"
    assert rows[1]["notes"] == darfur_attack().notes


def test_parquet_export_reads_back(loaded: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert export(loaded, fmt="parquet", out=out) == 2
    table = pq.read_table(out)
    assert table.column_names == [*ACLED_COLUMNS, *EXTENSION_COLUMNS]
    assert table.column("event_id_cnty").to_pylist() == [
        odesa_strike().event_id_cnty,
        darfur_attack().event_id_cnty,
    ]
    assert table.column("iso").to_pylist() == [804, 729]
    assert json.loads(table.column("weapons")[0].as_py())[0]["count"] == 420


def test_export_refuses_an_unknown_format(loaded: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="csv, parquet"):
        export(loaded, fmt="xlsx", out=tmp_path / "x.xlsx")  # type: ignore[arg-type]


def test_summary_counts_by_type_place_and_stage(loaded: Path) -> None:
    result = summary(loaded)
    assert result.path == loaded
    assert (result.events, result.articles, result.rejected) == (2, 1, 1)
    assert sorted(result.by_event_type) == [
        ("Explosions/Remote violence", 1),
        ("Violence against civilians", 1),
    ]
    assert sorted(result.by_location) == [("Sudan", "North Darfur", 1), ("Ukraine", "Odesa", 1)]
    assert result.rejected_by_stage == [("validate", 1)]


@pytest.mark.parametrize(
    "event",
    [
        odesa_strike(),
        darfur_attack(),
        odesa_strike(weapons=(), weapon_type=None, evidence=(), target=None, target_category=None),
        odesa_strike(injuries=None, injuries_qualifier=None, fatalities=0, fatalities_qualifier=None),
    ],
    ids=["odesa-strike", "darfur-attack", "no-weapons-or-evidence", "no-casualty-detail"],
)
def test_event_round_trips_through_the_database(event: Event) -> None:
    con = connect(":memory:")
    load_batch(con, run_id="r1", articles=[], events=[event], rejections=[])
    assert read_events(con) == [event]


_TEXT = st.text(max_size=40)
_QUALIFIER = st.none() | st.sampled_from(CountQualifier)
_COUNT = st.integers(min_value=0, max_value=2**31 - 1)


def qualified(weapon: Weapon, qualifier: CountQualifier | None) -> Weapon:
    """The weapon with its count hedged by ``qualifier``."""
    return Weapon(weapon_type=weapon.weapon_type, count=weapon.count, count_qualifier=qualifier)


@st.composite
def varied_events(draw: st.DrawFn) -> Event:
    """The Odesa strike with drawn casualties, weapon counts and free text."""
    weapons = draw(
        st.lists(
            st.builds(
                Weapon,
                weapon_type=st.sampled_from(WeaponType),
                count=st.none() | _COUNT,
            ),
            max_size=3,
        )
    )
    # A qualifier only where there is a count: the model refuses one without the other.
    weapons = [qualified(w, draw(_QUALIFIER)) if w.count is not None else w for w in weapons]
    injuries = draw(st.none() | _COUNT)
    sentence = draw(_TEXT)
    return odesa_strike(
        fatalities=draw(_COUNT),
        fatalities_qualifier=draw(_QUALIFIER),
        injuries=injuries,
        injuries_qualifier=draw(_QUALIFIER) if injuries is not None else None,
        weapons=tuple(weapons),
        weapon_type=weapons[0].weapon_type if weapons else None,
        notes=draw(_TEXT),
        admin3=draw(_TEXT),
        target=draw(st.none() | _TEXT),
        actor1=draw(st.text(min_size=1, max_size=40)),
        evidence=(Evidence(field="notes", sentence=sentence, start=0, end=len(sentence), match=sentence),),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event=varied_events())
def test_event_round_trip_property(event: Event) -> None:
    con = connect(":memory:")
    load_batch(con, run_id="r1", articles=[], events=[event], rejections=[])
    assert read_events(con) == [event]
    con.close()


# --- the write lock ------------------------------------------------------------------------------


def hold_write_lock(path: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process that opens the file read-write, says 'ready' and keeps it for ``seconds``."""
    script = textwrap.dedent(
        f"""
        import time, duckdb
        con = duckdb.connect({str(path)!r})
        print("ready", flush=True)
        time.sleep({seconds})
        con.close()
        """
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "ready"
    return holder


@pytest.fixture
def writer_elsewhere(db: Path):
    """A second process holding the write lock on ``db`` for 30 s."""
    holder = hold_write_lock(db, 30)
    yield db
    holder.kill()
    holder.wait()


@pytest.mark.parametrize(
    "read",
    [lambda p: query(p, "SELECT count(*) FROM events"), summary, lambda p: connect(p, read_only=True)],
    ids=["query", "summary", "connect-read-only"],
)
def test_readers_get_a_clear_busy_error_at_once(writer_elsewhere: Path, read) -> None:
    started = time.monotonic()
    with pytest.raises(DatabaseBusyError) as caught:
        read(writer_elsewhere)
    assert time.monotonic() - started < 5
    message = str(caught.value)
    assert f"database {writer_elsewhere} is busy" in message
    assert "another conflict-events process is writing" in message
    assert "retry in a few seconds" in message
    assert isinstance(caught.value, WarehouseError)


def test_a_writer_waits_for_the_lock_then_gives_up(writer_elsewhere: Path) -> None:
    started = time.monotonic()
    with pytest.raises(DatabaseBusyError, match="busy after waiting"):
        connect(writer_elsewhere, lock_timeout_s=0.5)
    assert 0.5 <= time.monotonic() - started < 5


def test_a_writer_gets_the_lock_once_the_other_process_lets_go(db: Path) -> None:
    holder = hold_write_lock(db, 1.0)
    try:
        with connect(db, lock_timeout_s=20) as con:
            assert con.execute("SELECT count(*) FROM events").fetchone() == (0,)
    finally:
        holder.kill()
        holder.wait()


# --- layering --------------------------------------------------------------------------------------


def test_warehouse_imports_neither_extractors_nor_flows_nor_prefect() -> None:
    script = "import json, sys, warehouse; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )
    loaded_roots = set(json.loads(done.stdout))
    assert loaded_roots.isdisjoint({"extractors", "flows", "prefect", "spacy"})
