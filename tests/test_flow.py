"""The whole flow through Prefect (test harness) into a temporary DuckDB: loads, idempotence, rejections."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import flows.pipeline as pipeline
from extractors import ArticleResult
from flows.pipeline import RunReport, run_pipeline
from schemas import Article
from warehouse import DatabaseBusyError, WarehouseError, query

#: VOA stories (line numbers in samples/voa_stories.jsonl) that report attacks with casualties.
VIOLENT_STORIES = (17, 19, 24, 45)
RUN_COUNTS = ("articles_read", "articles_rejected", "events_found", "events_loaded", "events_rejected")
TABLES = ("articles", "events", "rejected")


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "events.duckdb")


@pytest.fixture
def few_stories(tmp_path: Path, voa_stories: Path) -> Path:
    lines = voa_stories.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "voa_few.jsonl"
    path.write_text("".join(lines[i] + "\n" for i in VIOLENT_STORIES), encoding="utf-8")
    return path


def scalar(db: str, sql: str, params: list[Any] | None = None) -> Any:
    _, rows = query(db, sql, params)
    return rows[0][0]


def runs(db: str) -> list[dict[str, Any]]:
    columns, rows = query(db, f"SELECT status, {', '.join(RUN_COUNTS)} FROM runs ORDER BY started_at")
    return [dict(zip(columns, row, strict=True)) for row in rows]


def table_counts(db: str) -> dict[str, int]:
    return {table: scalar(db, f"SELECT count(*) FROM {table}") for table in TABLES}


def fake_extractor(payloads_for: Callable[[Article], list[dict[str, Any]]]) -> Callable[..., Any]:
    """A stand-in for flows.pipeline.extract_batch that codes each article with ``payloads_for``."""

    def extract_batch(articles: list[Article]) -> tuple[list[dict[str, Any]], list[Any]]:
        return [p for article in articles for p in payloads_for(article)], []

    return extract_batch


@pytest.mark.usefixtures("prefect_harness")
def test_samples_load_and_a_rerun_adds_nothing(db: str, seed_article: Path, few_stories: Path) -> None:
    sources = [str(seed_article), str(few_stories)]
    first = run_pipeline(sources, db_path=db)

    assert isinstance(first, RunReport)
    assert first.db_path == db
    assert first.counts["articles_read"] == 1 + len(VIOLENT_STORIES)
    assert first.counts["articles_new"] == 1 + len(VIOLENT_STORIES)
    assert first.counts["events_found"] > 0, "the extractor found no events in the seed and VOA stories"
    assert first.counts["events_new"] > 0
    stored = table_counts(db)
    assert stored["articles"] == 1 + len(VIOLENT_STORIES)
    assert stored["events"] == first.counts["events_new"]
    assert stored["rejected"] == first.counts["rejections_new"]
    assert runs(db) == [{"status": "succeeded", **{name: first.counts[name] for name in RUN_COUNTS}}]
    assert scalar(db, "SELECT count(*) FROM events WHERE article_id = ?", [seed_article.stem]) > 0

    second = run_pipeline(sources, db_path=db)
    assert second.run_id != first.run_id
    assert table_counts(db) == stored
    assert [run["status"] for run in runs(db)] == ["succeeded", "succeeded"]
    added = ("articles_new", "events_new", "rejections_new")
    assert {name: second.counts[name] for name in added} == dict.fromkeys(added, 0)
    assert second.counts["events_updated"] == 0, (
        "a re-run of the same articles rewrote events; only their `timestamp` should differ between runs, "
        "and an unchanged event should be left alone"
    )


@pytest.mark.usefixtures("prefect_harness")
def test_bad_line_is_rejected_and_the_rest_loaded(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "extract_batch", fake_extractor(lambda article: []))
    feed = tmp_path / "feed.jsonl"
    rows = [
        json.dumps({"id": "ok-1", "text": "Drones struck Kharkiv on Monday."}),
        '{"id": "broken", "text": ',
        json.dumps({"id": "ok-2", "text": "Protesters marched in Tbilisi."}),
    ]
    feed.write_text("\n".join(rows) + "\n", encoding="utf-8")

    report = run_pipeline([str(feed)], db_path=db)

    assert report.counts["articles_read"] == 2
    assert report.counts["articles_rejected"] == 1
    assert report.rejected_by_stage == {"ingest": 1}
    _, articles = query(db, "SELECT id FROM articles ORDER BY id")
    assert articles == [("ok-1",), ("ok-2",)]
    _, rejected = query(db, "SELECT stage, reason, payload, source FROM rejected")
    [(stage, reason, payload, source)] = rejected
    assert stage == "ingest"
    assert reason.startswith(f"{feed}:2: malformed JSON")
    assert payload == rows[1]
    assert source == str(feed)
    assert runs(db)[0]["articles_rejected"] == 1


@pytest.mark.usefixtures("prefect_harness")
def test_invalid_event_is_rejected_with_the_validation_reason(
    db: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make_event_payload: Callable[..., dict[str, Any]],
) -> None:
    def payloads_for(article: Article) -> list[dict[str, Any]]:
        return [
            make_event_payload(event_id_cnty="UKR1", article_id=article.id),
            make_event_payload(event_id_cnty="UKR2", article_id=article.id, fatalities=-1),
        ]

    monkeypatch.setattr(pipeline, "extract_batch", fake_extractor(payloads_for))
    story = tmp_path / "kharkiv.txt"
    story.write_text("Russian drones struck Kharkiv, killing two people.", encoding="utf-8")

    report = run_pipeline([str(story)], db_path=db)

    assert report.counts["events_found"] == 2
    assert report.counts["events_new"] == 1
    assert report.counts["events_rejected"] == 1
    _, events = query(db, "SELECT event_id_cnty, article_id FROM events")
    assert events == [("UKR1", "kharkiv")]
    _, rejected = query(db, "SELECT stage, reason, article_id, payload FROM rejected")
    [(stage, reason, article_id, payload)] = rejected
    assert stage == "validate"
    assert reason.startswith("fatalities: ")
    assert "greater than or equal to 0" in reason
    assert article_id == "kharkiv"
    assert json.loads(payload)["event_id_cnty"] == "UKR2"
    assert runs(db)[0]["events_rejected"] == 1


@pytest.mark.usefixtures("prefect_harness")
def test_pipeline_loads_once_and_batches_articles(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[str | None] = []
    batches: list[list[str]] = []

    def load_pipeline(model: str | None = None) -> object:
        loads.append(model)
        return object()

    def extract(articles: list[Article], *, nlp: object) -> Iterator[ArticleResult]:
        batches.append([a.id for a in articles])
        return iter([ArticleResult(article=a) for a in articles])

    monkeypatch.setattr(pipeline, "load_pipeline", load_pipeline)
    monkeypatch.setattr(pipeline, "extract", extract)
    pipeline._pipeline_for.cache_clear()
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "".join(
            json.dumps({"id": f"a{i}", "text": f"Gunmen attacked village number {i}."}) + "\n"
            for i in range(5)
        )
    )
    try:
        report = run_pipeline([str(feed)], db_path=db, batch_size=2)
    finally:
        pipeline._pipeline_for.cache_clear()

    assert batches == [["a0", "a1"], ["a2", "a3"], ["a4"]]
    assert len(loads) == 1
    assert report.counts["articles_new"] == 5


@pytest.mark.usefixtures("prefect_harness")
def test_busy_database_is_retried(db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "extract_batch", fake_extractor(lambda article: []))
    real_load_batch = pipeline.load_batch
    calls: list[int] = []

    def load_batch(con: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise DatabaseBusyError(db, detail="Conflicting lock is held in python3 (PID 4242)")
        return real_load_batch(con, **kwargs)

    monkeypatch.setattr(pipeline, "load_batch", load_batch)
    story = tmp_path / "story.txt"
    story.write_text("Shelling hit Kherson.", encoding="utf-8")

    report = run_pipeline([str(story)], db_path=db)

    assert len(calls) == 2
    assert report.counts["articles_new"] == 1
    assert runs(db)[0]["status"] == "succeeded"


@pytest.mark.usefixtures("prefect_harness")
def test_failed_load_marks_the_run_failed_and_reraises(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "extract_batch", fake_extractor(lambda article: []))
    calls: list[int] = []

    def load_batch(con: Any, **kwargs: Any) -> Any:
        calls.append(1)
        raise WarehouseError("disk full (nothing was written)")

    monkeypatch.setattr(pipeline, "load_batch", load_batch)
    story = tmp_path / "story.txt"
    story.write_text("Shelling hit Kherson.", encoding="utf-8")

    with pytest.raises(WarehouseError, match="disk full"):
        run_pipeline([str(story)], db_path=db)

    assert len(calls) == 1, "only a busy database is worth a retry"
    [run] = runs(db)
    assert run["status"] == "failed"
    assert run["articles_read"] == 1


@pytest.mark.usefixtures("prefect_harness")
def test_stdin_source(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "extract_batch", fake_extractor(lambda article: []))
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({"id": "s1", "text": "Clashes in Goma."}) + "\n"))

    report = run_pipeline(["-"], db_path=db)

    assert report.counts["articles_new"] == 1
    _, rows = query(db, "SELECT id, source FROM articles")
    assert rows == [("s1", "stdin")]
