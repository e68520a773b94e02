"""The conflict-events command line, run as users run it: in a subprocess, reading stdout and stderr."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from guarded_cli import run_guarded

from extractors import EXTRACTOR_VERSION
from flows.cli import format_run_summary, format_table, main
from schemas import ACLED_COLUMNS, EXTENSION_COLUMNS, Article, Event, EventType

REPO = Path(__file__).resolve().parents[1]
CONSOLE_SCRIPT = Path(sys.executable).parent / "conflict-events"


def cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run ``python -m flows.cli ARGS`` from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args], cwd=REPO, capture_output=True, text=True, timeout=timeout
    )


def assert_clean_failure(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("conflict-events: error: ")]
    assert errors, result.stderr
    assert message in errors[-1]


@pytest.fixture
def db(tmp_path: Path, make_event_payload: Callable[..., dict[str, Any]]) -> str:
    """A warehouse holding one article, one event and one rejection, written through the warehouse API."""
    from schemas import Rejection, Stage
    from warehouse import connect, finish_run, load_batch, start_run

    path = str(tmp_path / "events.duckdb")
    article = Article(id="test-article", text="Russian drones struck Kharkiv, killing two people.")
    event = Event.model_validate(make_event_payload())
    rejection = Rejection(stage=Stage.INGEST, reason="feed.jsonl:3: malformed JSON", payload="{oops")
    con = connect(path)
    try:
        run_id = start_run(con, extractor_version=EXTRACTOR_VERSION, sources=["test"])
        load_batch(con, run_id=run_id, articles=[article], events=[event], rejections=[rejection])
        finish_run(con, run_id, status="succeeded", counts={"articles_read": 1})
    finally:
        con.close()
    return path


@pytest.fixture(scope="module")
def extracted_seed(seed_article: Path) -> subprocess.CompletedProcess[str]:
    return run_guarded("extract", str(seed_article))


def test_extract_prints_valid_events_as_json_lines(
    extracted_seed: subprocess.CompletedProcess[str], seed_article: Path
) -> None:
    assert extracted_seed.returncode == 0, extracted_seed.stderr
    lines = extracted_seed.stdout.splitlines()
    assert lines, f"no events extracted from the seed article; stderr: {extracted_seed.stderr}"
    event_types = {member.value for member in EventType}
    for line in lines:
        row = json.loads(line)
        assert row["article_id"] == seed_article.stem
        assert row["event_type"] in event_types
        assert list(row)[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
        Event.model_validate(row)


def test_extract_imports_neither_prefect_nor_duckdb(extracted_seed: subprocess.CompletedProcess[str]) -> None:
    assert "the command imported" not in extracted_seed.stderr
    assert extracted_seed.returncode == 0, extracted_seed.stderr


def test_extract_reports_rejections_on_stderr(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "x", "text": \n[1, 2]\n', encoding="utf-8")
    result = run_guarded("extract", str(feed), str(tmp_path / "missing.txt"), timeout=120)
    assert result.stdout == ""
    assert f"rejected (ingest): {feed}:1: malformed JSON" in result.stderr
    assert f"rejected (ingest): {feed}:2: expected a JSON object, got array" in result.stderr
    assert f"rejected (ingest): {tmp_path / 'missing.txt'}: no such file or directory" in result.stderr
    assert_clean_failure(result, "no article could be read")


def test_export_csv_has_acled_columns_then_extensions(db: str) -> None:
    result = cli("export", "--format", "csv", "--db", db)
    assert result.returncode == 0, result.stderr
    header, *rows = list(csv.reader(io.StringIO(result.stdout)))
    assert header[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert header[len(ACLED_COLUMNS) :] == list(EXTENSION_COLUMNS)
    assert len(ACLED_COLUMNS) == 31
    assert [row[0] for row in rows] == ["UKR1234567890"]
    assert "1 events to stdout" in result.stderr


def test_export_parquet_to_file(db: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "out" / "events.parquet"
    result = cli("export", "--format", "parquet", "--db", db, "-o", str(out))
    assert result.returncode == 0, result.stderr
    table = pq.read_table(out)
    assert table.column_names[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert table.num_rows == 1


def test_export_parquet_needs_an_output_file(db: str) -> None:
    result = cli("export", "--format", "parquet", "--db", db)
    assert result.returncode == 2
    assert "needs -o FILE" in result.stderr
    assert result.stdout == ""


def test_query_prints_a_table(db: str) -> None:
    result = cli("query", "SELECT event_type, country, fatalities FROM events", "--db", db)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["event_type", "country", "fatalities"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].startswith("Explosions/Remote violence  Ukraine")
    assert lines[2].endswith(" 2")
    assert lines[-1] == "(1 row)"


@pytest.mark.parametrize(
    ("fmt", "parse"),
    [
        ("csv", lambda out: list(csv.DictReader(io.StringIO(out)))),
        ("json", json.loads),
    ],
    ids=["csv", "json"],
)
def test_query_formats(db: str, fmt: str, parse: Callable[[str], Any]) -> None:
    result = cli("query", "SELECT stage, reason FROM rejected", "--db", db, "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert parse(result.stdout) == [{"stage": "ingest", "reason": "feed.jsonl:3: malformed JSON"}]


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("DELETE FROM events", "read-only"),
        ("INSERT INTO runs (run_id, started_at, status) VALUES ('x', now(), 'running')", "read-only"),
        ("CREATE TABLE scratch (x INTEGER)", "read-only"),
        ("COPY events TO 'stolen.csv'", "query"),
        ("SELEC nonsense", "query failed"),
    ],
    ids=["delete", "insert", "create", "copy-out", "syntax-error"],
)
def test_query_refuses_writes_and_bad_sql_cleanly(db: str, sql: str, message: str) -> None:
    result = cli("query", sql, "--db", db)
    assert_clean_failure(result, message)
    assert result.stdout == ""
    assert cli("query", "SELECT count(*) AS n FROM events", "--db", db).stdout.splitlines()[2].strip() == "1"


def test_query_without_a_database_fails_cleanly(tmp_path: Path) -> None:
    assert_clean_failure(cli("query", "SELECT 1", "--db", str(tmp_path / "none.duckdb")), "no database")


def test_version_names_package_and_extractor() -> None:
    command = [str(CONSOLE_SCRIPT)] if CONSOLE_SCRIPT.exists() else [sys.executable, "-m", "flows.cli"]
    result = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.strip() == f"conflict-events 0.1.0 (extractor {EXTRACTOR_VERSION})"


def test_run_reports_a_busy_database_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import flows.pipeline
    from warehouse import DatabaseBusyError

    def busy(*args: Any, **kwargs: Any) -> None:
        raise DatabaseBusyError("x.duckdb", detail="Conflicting lock is held in python3 (PID 4242)")

    monkeypatch.setattr(flows.pipeline, "run_pipeline", busy)
    status = main(["run", str(tmp_path / "story.txt"), "--db", str(tmp_path / "x.duckdb")])
    captured = capsys.readouterr()
    assert status == 1
    assert captured.out == ""
    assert captured.err.startswith("conflict-events: error: database x.duckdb is busy")
    assert "PID 4242" in captured.err


def test_run_prints_a_summary(tmp_path: Path, seed_article: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{nope\n", encoding="utf-8")
    db = tmp_path / "events.duckdb"
    result = cli("run", str(seed_article), str(bad), "--db", str(db), timeout=600)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for heading in ("Events by type", "Events by country / admin1", "Rejected items by stage"):
        assert heading in out
    assert "1 articles read, 0 skipped as unchanged" in out
    assert f"ingest: {bad}:1: malformed JSON" in out
    assert out.rstrip().endswith(f"Database: {db}")
    assert "Traceback" not in result.stderr


def test_format_table_aligns_and_marks_null() -> None:
    text = format_table(["name", "n"], [("Kharkiv", 12), ("Odesa", None)])
    assert text.splitlines() == [
        "name        n",
        "-------  ----",
        "Kharkiv    12",
        "Odesa    NULL",
        "(2 rows)",
    ]


def test_run_summary_lists_types_places_and_rejections() -> None:
    from flows.pipeline import RunReport
    from warehouse import Summary

    report = RunReport(
        run_id="r1",
        counts={
            "articles_read": 3,
            "articles_rejected": 1,
            "events_found": 4,
            "events_new": 3,
            "events_updated": 0,
            "events_rejected": 1,
        },
        db_path="w.duckdb",
        duration=1.25,
        rejected_by_stage={"ingest": 1, "validate": 1},
        sample_reasons=("ingest: f.jsonl:2: malformed JSON", "validate: fatalities: too low"),
    )
    locations = [("Ukraine", f"Oblast {i:02d}", 20 - i) for i in range(20)]
    stats = Summary(
        path=Path("w.duckdb"),
        events=3,
        articles=3,
        by_event_type=[("Battles", 2), ("Protests", 1)],
        by_location=locations,
        rejected_by_stage=[("ingest", 1), ("validate", 1)],
    )
    text = format_run_summary(report, stats)
    assert "3 articles read" in text
    assert "Battles   2" in text
    assert "Oblast 14" in text and "Oblast 15" not in text
    assert "validate: fatalities: too low" in text
    assert text.endswith("Database: w.duckdb")


# --- run --sources, status, reprocess, and the database busy while a run writes -----------------------


def test_run_needs_paths_or_a_sources_file(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["run"], ["run", "a.txt", "--sources", "s.toml"], ["run", "a.txt", "--source", "x"]):
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == 2
    assert "run needs SOURCE paths or --sources FILE" in capsys.readouterr().err


def test_run_with_a_bad_sources_file_fails_cleanly(tmp_path: Path) -> None:
    bad = tmp_path / "sources.toml"
    bad.write_text('[[source]]\nname = "x"\nkind = "feed"\nurl = "file:///etc/passwd"\n', encoding="utf-8")
    result = cli("run", "--sources", str(bad), "--db", str(tmp_path / "x.duckdb"))
    assert_clean_failure(result, "only http and https URLs are fetched")


def test_run_sources_then_status_shows_the_runs(tmp_path: Path, seed_article: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "seed.txt").write_text(seed_article.read_text(encoding="utf-8"), encoding="utf-8")
    sources = tmp_path / "sources.toml"
    sources.write_text(
        'db = "out/events.duckdb"\n[[source]]\nname = "local"\nkind = "files"\npath = "in/"\n',
        encoding="utf-8",
    )
    db = tmp_path / "out" / "events.duckdb"
    first = cli("run", "--sources", str(sources), timeout=600)
    assert first.returncode == 0, first.stderr
    assert "1 articles read, 0 skipped as unchanged" in first.stdout
    assert first.stdout.rstrip().endswith(f"Database: {db}"), "the sources file's db is used"
    second = cli("run", "--sources", str(sources), "--source", "local", timeout=600)
    assert "1 articles read, 1 skipped as unchanged" in second.stdout

    status = cli("status", "--db", str(db))
    assert status.returncode == 0, status.stderr
    lines = status.stdout.splitlines()
    assert lines[0].split() == [
        "started", "(UTC)", "kind", "status", "secs", "version", "read", "skipped", "rej", "events", "loaded",
        "removed", "ev.rej", "sources",
    ]  # fmt: skip
    newest, oldest = lines[2].split(), lines[3].split()
    assert newest[2:4] == ["run", "succeeded"] and newest[5:13] == [
        EXTRACTOR_VERSION,
        "1",
        "1",
        "0",
        "0",
        "0",
        "0",
        "0",
    ]
    assert oldest[7] == "0" and int(oldest[9]) >= 4 and newest[-1] == "files:local"
    as_json = json.loads(cli("status", "--db", str(db), "--json", "-n", "1").stdout)
    assert [(r["kind"], r["status"], r["articles_skipped"]) for r in as_json] == [("run", "succeeded", 1)]


def test_status_and_reprocess_without_a_database_fail_cleanly(tmp_path: Path) -> None:
    missing = str(tmp_path / "none.duckdb")
    assert_clean_failure(cli("status", "--db", missing), f"no database at {missing}")
    assert_clean_failure(cli("reprocess", "--db", missing), f"no database at {missing}")


def test_reprocess_refuses_a_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["reprocess", "--since", "last week"])
    assert "expected a date as YYYY-MM-DD, got 'last week'" in capsys.readouterr().err


def test_status_with_no_runs_says_so(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    from warehouse import connect

    with connect(db) as con:
        con.execute("DELETE FROM runs")
    assert main(["status", "--db", db]) == 0
    assert capsys.readouterr().out.strip() == f"No runs recorded in {db} yet."


@pytest.mark.parametrize(
    "argv",
    [["query", "SELECT count(*) FROM events"], ["export", "--format", "csv"], ["status"]],
    ids=["query", "export", "status"],
)
def test_readers_say_the_database_is_busy_while_a_run_writes(db: str, argv: list[str]) -> None:
    from test_warehouse import hold_write_lock

    holder = hold_write_lock(Path(db), 30)
    try:
        result = cli(*argv, "--db", db)
    finally:
        holder.kill()
        holder.wait()
    assert_clean_failure(result, f"database {db} is busy")
    assert "retry in a few seconds" in result.stderr


def test_serve_without_a_prefect_server_says_how_to_start_one() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    result = subprocess.run(
        [sys.executable, "-m", "flows.cli", "serve", "--sources", "sources.toml"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert_clean_failure(result, "PREFECT_API_URL")
    assert "prefect server start" in result.stderr
