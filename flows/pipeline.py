"""The Prefect flow: ingest → extract → validate → load, with one coarse task per batch of articles."""

from __future__ import annotations

from flows.settings import configure_prefect_env

configure_prefect_env()  # before prefect is imported: it reads its settings once, at import

import functools  # noqa: E402
import os  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Iterator, Sequence  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from typing import Any  # noqa: E402

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402

from extractors import EXTRACTOR_VERSION, extract, load_pipeline  # noqa: E402
from extractors.api import MODEL_ENV  # noqa: E402
from flows.sources import read_sources  # noqa: E402
from schemas import Article, Event, Rejection, validate_events  # noqa: E402
from warehouse import DatabaseBusyError, connect, finish_run, load_batch, start_run  # noqa: E402

#: Most articles per extract/validate/load task; Prefect's per-task overhead makes small tasks costly.
BATCH_SIZE = 100
#: Rejection reasons kept on the report, for the CLI's summary.
SAMPLE_REASONS = 5
#: Attempts after the first for the warehouse tasks, which only retry when the file is locked.
LOAD_RETRIES = 2


@dataclass(frozen=True)
class RunReport:
    """What one flow run did: its id, its counts, where it wrote and how long it took."""

    run_id: str
    counts: dict[str, int]
    db_path: str
    duration: float
    rejected_by_stage: dict[str, int] = field(default_factory=dict)
    sample_reasons: tuple[str, ...] = ()


@functools.cache
def _pipeline_for(model: str | None) -> Any:
    return load_pipeline(model)


def shared_pipeline() -> Any:
    """The spaCy pipeline, loaded once per process (per model name) and shared by every batch."""
    return _pipeline_for(os.environ.get(MODEL_ENV))


def extract_batch(articles: list[Article]) -> tuple[list[dict[str, Any]], list[Rejection]]:
    """Run the extractor over one batch: raw event payloads, and rejections for articles it failed on."""
    # The flow's one seam for tests: replace this function to feed the flow chosen payloads.
    payloads: list[dict[str, Any]] = []
    rejections: list[Rejection] = []
    for result in extract(articles, nlp=shared_pipeline()):
        payloads.extend(result.payloads)
        rejections.extend(result.rejections)
    return payloads, rejections


def batched(items: Sequence[Article], *, size: int) -> Iterator[list[Article]]:
    """Consecutive slices of at most ``size`` items."""
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def _retry_when_busy(task: Any, task_run: Any, state: Any) -> bool:
    # Retry only a locked database file; any other failure would fail again the same way.
    try:
        state.result()
    except DatabaseBusyError:
        return True
    except BaseException:
        return False
    return False


_WAREHOUSE_TASK = {
    "cache_policy": NO_CACHE,
    "retries": LOAD_RETRIES,
    "retry_delay_seconds": 2,
    "retry_condition_fn": _retry_when_busy,
}


@task(name="start-run", **_WAREHOUSE_TASK)
def start_run_task(db_path: str, sources: list[str]) -> str:
    """Record the run as started in the warehouse's runs table; returns its id."""
    con = connect(db_path)
    try:
        return start_run(con, extractor_version=EXTRACTOR_VERSION, sources=sources)
    finally:
        con.close()


@task(name="finish-run", **_WAREHOUSE_TASK)
def finish_run_task(db_path: str, run_id: str, status: str, counts: dict[str, int]) -> None:
    """Record the run's outcome and counts in the runs table."""
    con = connect(db_path)
    try:
        finish_run(con, run_id, status=status, counts=counts)
    finally:
        con.close()


@task(name="ingest", cache_policy=NO_CACHE)
def ingest_task(sources: list[str]) -> tuple[list[Article], list[Rejection]]:
    """Read the sources into articles; unreadable files and bad lines become rejections."""
    articles, rejections = read_sources(sources)
    get_run_logger().info("ingest: %d articles read, %d rejected", len(articles), len(rejections))
    return articles, rejections


@task(name="extract", cache_policy=NO_CACHE)
def extract_task(articles: list[Article]) -> tuple[list[dict[str, Any]], list[Rejection]]:
    """Extract raw event payloads from one batch of articles."""
    payloads, rejections = extract_batch(articles)
    get_run_logger().info(
        "extract: %d articles gave %d event payloads, %d articles failed",
        len(articles),
        len(payloads),
        len(rejections),
    )
    return payloads, rejections


@task(name="validate", cache_policy=NO_CACHE)
def validate_task(payloads: list[dict[str, Any]]) -> tuple[list[Event], list[Rejection]]:
    """Validate payloads into events; invalid ones become rejections naming field and reason."""
    events, rejections = validate_events(payloads)
    get_run_logger().info("validate: %d events valid, %d rejected", len(events), len(rejections))
    return events, rejections


@task(name="load", **_WAREHOUSE_TASK)
def load_task(
    db_path: str, run_id: str, articles: list[Article], events: list[Event], rejections: list[Rejection]
) -> dict[str, int]:
    """Write one batch of articles, events and rejections to the warehouse in one transaction."""
    con = connect(db_path)
    try:
        counts = load_batch(con, run_id=run_id, articles=articles, events=events, rejections=rejections)
    finally:
        con.close()
    loaded = {name: int(getattr(counts, name)) for name in LOAD_COUNT_NAMES}
    get_run_logger().info("load: %s", ", ".join(f"{name} {value}" for name, value in loaded.items()))
    return loaded


LOAD_COUNT_NAMES = ("articles_new", "events_new", "events_updated", "rejections_new")
RUN_COUNT_NAMES = ("articles_read", "articles_rejected", "events_found", "events_loaded", "events_rejected")


@dataclass
class _Tally:
    counts: Counter[str] = field(default_factory=Counter)
    by_stage: Counter[str] = field(default_factory=Counter)
    reasons: list[str] = field(default_factory=list)

    def reject(self, rejections: list[Rejection]) -> None:
        for rejection in rejections:
            self.by_stage[rejection.stage.value] += 1
            if len(self.reasons) < SAMPLE_REASONS:
                self.reasons.append(f"{rejection.stage.value}: {rejection.reason}")

    def run_counts(self) -> dict[str, int]:
        return {name: self.counts[name] for name in RUN_COUNT_NAMES}


@flow(name="conflict-events")
def run_pipeline(sources: list[str], *, db_path: str, batch_size: int = BATCH_SIZE) -> RunReport:
    """Read the sources, extract and validate events, load everything into the warehouse at db_path."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    logger = get_run_logger()
    started = time.perf_counter()
    run_id = start_run_task(db_path, sources)
    tally = _Tally()
    try:
        articles, pending = ingest_task(sources)
        tally.counts.update(articles_read=len(articles), articles_rejected=len(pending))
        tally.reject(pending)
        batches = list(batched(articles, size=batch_size))
        if not batches and pending:
            batches = [[]]  # nothing readable, but the ingest rejections still get recorded
        for batch in batches:
            payloads, extract_rejections = extract_task(batch) if batch else ([], [])
            events, validate_rejections = validate_task(payloads) if batch else ([], [])
            tally.counts.update(
                articles_rejected=len(extract_rejections),
                events_found=len(payloads),
                events_rejected=len(validate_rejections),
            )
            tally.reject(extract_rejections + validate_rejections)
            rejections = pending + extract_rejections + validate_rejections
            loaded = load_task(db_path, run_id, batch, events, rejections)
            pending = []
            tally.counts.update(loaded)
            tally.counts["events_loaded"] += loaded["events_new"]  # the runs table counts new rows
    except BaseException:
        try:
            finish_run_task(db_path, run_id, "failed", tally.run_counts())
        except Exception as error:  # the original failure matters more; keep it
            logger.error("could not mark run %s as failed: %s", run_id, error)
        raise
    finish_run_task(db_path, run_id, "succeeded", tally.run_counts())
    counts = {name: tally.counts[name] for name in (*RUN_COUNT_NAMES, *LOAD_COUNT_NAMES)}
    logger.info("run %s: %s", run_id, ", ".join(f"{name} {value}" for name, value in counts.items()))
    return RunReport(
        run_id=run_id,
        counts=counts,
        db_path=db_path,
        duration=time.perf_counter() - started,
        rejected_by_stage=dict(tally.by_stage),
        sample_reasons=tuple(tally.reasons),
    )
