"""The Prefect flows. ``run_pipeline`` (paths) and ``run_configured`` (sources.toml) read articles from
files, feeds and web pages, skip what is already coded, then extract → validate → load with one coarse
task per batch of articles; ``reprocess_pipeline`` codes stored articles again after an extractor change.
Only the I/O tasks retry: fetches on transient HTTP failures, warehouse tasks on a locked file."""

from __future__ import annotations

from flows.settings import configure_prefect_env

configure_prefect_env()  # before prefect is imported: it reads its settings once, at import

import functools  # noqa: E402
import os  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Callable, Iterator, Sequence  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.utilities.annotations import unmapped  # noqa: E402

from extractors import EXTRACTOR_VERSION, extract, load_pipeline  # noqa: E402
from extractors.api import MODEL_ENV  # noqa: E402
from flows.config import FeedSource, FetchSettings, FilesSource, PagesSource, Source, load_sources_file  # noqa: E402
from flows.fetch import Fetched, FetchError, fetch  # noqa: E402
from flows.settings import DEFAULT_DB  # noqa: E402
from flows.sources import Intake, Item, new_article, page_article, preview_bytes, read_sources, reject  # noqa: E402
from flows.web import NotAFeedError, parse_feed  # noqa: E402
from schemas import Article, Event, Rejection, validate_events  # noqa: E402
from warehouse import (  # noqa: E402
    DatabaseBusyError,
    Plan,
    connect,
    finish_run,
    load_batch,
    plan_batch,
    start_run,
    stored_articles,
)
from warehouse.runs import RUN_COUNT_COLUMNS  # noqa: E402

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


def _raised(state: Any) -> BaseException | None:
    """The exception a finished task run ended with, or None."""
    try:
        state.result()
    except BaseException as error:
        return error
    return None


def _retry_when_busy(task: Any, task_run: Any, state: Any) -> bool:
    # Retry only a locked database file; any other failure would fail again the same way.
    return isinstance(_raised(state), DatabaseBusyError)


def _retry_when_transient(task: Any, task_run: Any, state: Any) -> bool:
    # Retry 5xx, 429, timeouts and dropped connections; a 404 or a refused URL will not get better.
    error = _raised(state)
    return isinstance(error, FetchError) and error.transient


_WAREHOUSE_TASK = {
    "cache_policy": NO_CACHE,
    "retries": LOAD_RETRIES,
    "retry_delay_seconds": 2,
    "retry_condition_fn": _retry_when_busy,
}


@task(name="start-run", **_WAREHOUSE_TASK)
def start_run_task(db_path: str, sources: list[str], kind: str = "run") -> str:
    """Record the run as started in the warehouse's runs table; returns its id."""
    con = connect(db_path)
    try:
        return start_run(con, extractor_version=EXTRACTOR_VERSION, sources=sources, kind=kind)
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
    """Read files into articles; unreadable files, bad lines and unusable articles become rejections."""
    articles, rejections = read_sources(sources)
    get_run_logger().info("ingest: %d articles read, %d rejected", len(articles), len(rejections))
    return articles, rejections


@task(name="fetch", cache_policy=NO_CACHE, retry_condition_fn=_retry_when_transient)
def fetch_task(url: str, settings: FetchSettings) -> Fetched:
    """GET one feed or page (retried on transient failures with the sources file's backoff)."""
    fetched = fetch(url, settings)
    get_run_logger().info("fetch: %s -> HTTP %d, %d bytes", url, fetched.status, len(fetched.body))
    return fetched


@task(name="plan", **_WAREHOUSE_TASK)
def plan_task(db_path: str, articles: list[Article]) -> Plan:
    """Split the articles read into those to code (new or changed) and those unchanged since coded."""
    con = connect(db_path)
    try:
        plan = plan_batch(con, articles)
    finally:
        con.close()
    get_run_logger().info(
        "plan: %d articles to code (%d changed since last coded), %d skipped as unchanged",
        len(plan.to_code),
        len(plan.changed),
        len(plan.skipped),
    )
    return plan


@task(name="select-stored", **_WAREHOUSE_TASK)
def select_stored_task(db_path: str, since: date | None, every: bool) -> list[Article]:
    """The stored articles to code again: those an older extractor version coded (or all), from since."""
    con = connect(db_path)
    try:
        articles = stored_articles(con, extractor_version=EXTRACTOR_VERSION, since=since, every=every)
    finally:
        con.close()
    get_run_logger().info("select-stored: %d stored articles to code again", len(articles))
    return articles


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
    db_path: str,
    run_id: str,
    articles: list[Article],
    events: list[Event],
    rejections: list[Rejection],
    recoded: list[str] | None = None,
) -> dict[str, int]:
    """Write one batch of articles, events and rejections to the warehouse in one transaction."""
    con = connect(db_path)
    try:
        counts = load_batch(
            con,
            run_id=run_id,
            articles=articles,
            events=events,
            rejections=rejections,
            recoded=recoded or (),
            extractor_version=EXTRACTOR_VERSION,
        )
    finally:
        con.close()
    loaded = {name: int(getattr(counts, name)) for name in LOAD_COUNT_NAMES}
    get_run_logger().info("load: %s", ", ".join(f"{name} {value}" for name, value in loaded.items()))
    return loaded


LOAD_COUNT_NAMES = ("articles_new", "events_new", "events_updated", "events_removed", "rejections_new")
RUN_COUNT_NAMES = RUN_COUNT_COLUMNS


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


# --- reading configured sources -----------------------------------------------------------------------


def _fetch_all(urls: list[str], settings: FetchSettings) -> list[Fetched | FetchError]:
    """Fetch every URL concurrently (one retried task each); a failure comes back as its FetchError."""
    if not urls:
        return []
    delays = settings.retry_delays()
    fetcher = fetch_task.with_options(retries=settings.retries, retry_delay_seconds=delays or 0)
    futures = fetcher.map(urls, settings=unmapped(settings))
    results: list[Fetched | FetchError] = []
    for url, future in zip(urls, futures, strict=True):
        future.wait()
        outcome = future.state.result(raise_on_failure=False)
        if isinstance(outcome, Fetched | FetchError):
            results.append(outcome)
        else:
            results.append(FetchError(url, f"fetch failed: {outcome}", transient=False))
    return results


def _page_item(
    fetched: Fetched, *, article_id: str, label: str, title: str | None = None, published: Any = None
) -> Item:
    """An article from a fetched page (HTML → text with trafilatura), or why there is none."""
    return page_article(
        fetched.body,
        article_id=article_id,
        where=fetched.url,
        source=label,
        raw=preview_bytes(fetched.body),
        url=fetched.final_url,
        title=title,
        published=published,
    )


def _read_feed(source: FeedSource, settings: FetchSettings, intake: Intake) -> None:
    [got] = _fetch_all([source.url], settings)
    label = source.source_label
    if isinstance(got, FetchError):
        intake.add(reject(f"feed {source.name}: {got}", source=label))
        return
    try:
        feed = parse_feed(got.body, feed_url=got.final_url, max_entries=source.max_entries)
    except NotAFeedError as error:
        intake.add(
            reject(f"feed {source.name} ({source.url}): {error}", preview_bytes(got.body), source=label)
        )
        return
    label = source.label or feed.title or source.name
    for reason, raw in feed.problems:
        intake.add(reject(f"feed {source.name}: {reason}", raw, source=label))
    with_pages = [e for e in feed.entries if source.fetch_pages and e.link]
    pages = dict(
        zip((e.id for e in with_pages), _fetch_all([e.link for e in with_pages], settings), strict=True)
    )
    for entry in feed.entries:
        page = pages.get(entry.id)
        if isinstance(page, FetchError):
            intake.add(
                reject(f"feed {source.name}: entry {entry.id}: {page}", source=label, article_id=entry.id)
            )
        elif page is not None:
            intake.add(
                _page_item(
                    page, article_id=entry.id, label=label, title=entry.title, published=entry.published
                )
            )
        elif not entry.text.strip():
            intake.add(
                reject(f"feed {source.name}: entry {entry.id} has no text", source=label, article_id=entry.id)
            )
        else:
            fields = {"url": entry.link, "source": label, "title": entry.title, "published": entry.published}
            where = f"feed {source.name}: entry {entry.id}"
            intake.add(new_article(where, entry.text, id=entry.id, text=entry.text, **fields))


def _read_pages(source: PagesSource, settings: FetchSettings, intake: Intake) -> None:
    label = source.source_label
    for url, got in zip(source.urls, _fetch_all(list(source.urls), settings), strict=True):
        if isinstance(got, FetchError):
            intake.add(reject(f"pages {source.name}: {got}", source=label, article_id=url))
        else:
            intake.add(_page_item(got, article_id=url, label=label))


def read_configured(sources: list[Source], settings: FetchSettings) -> tuple[list[Article], list[Rejection]]:
    """Read every configured source; files through the ingest task, feeds and pages through fetch tasks."""
    intake = Intake()
    for source in sources:
        if isinstance(source, FilesSource):
            articles, rejections = ingest_task([source.path])  # screened by read_sources already
            for rejection in rejections:
                intake.add(rejection)
            for article in articles:
                intake.keep(article, article.source or source.path, article.text)
        elif isinstance(source, FeedSource):
            _read_feed(source, settings, intake)
        elif isinstance(source, PagesSource):
            _read_pages(source, settings, intake)
    get_run_logger().info(
        "read: %d articles from %d sources, %d rejected",
        len(intake.articles),
        len(sources),
        len(intake.rejections),
    )
    return intake.articles, intake.rejections


# --- coding and loading -------------------------------------------------------------------------------


def _code_and_load(
    run_id: str,
    db_path: str,
    articles: list[Article],
    pending: list[Rejection],
    *,
    batch_size: int,
    skip_unchanged: bool,
    tally: _Tally,
) -> None:
    """Plan (skip unchanged), then extract, validate and load batch by batch; every batch is one load."""
    tally.counts.update(articles_read=len(articles), articles_rejected=len(pending))
    tally.reject(pending)
    if skip_unchanged and articles:
        plan = plan_task(db_path, articles)
        articles = plan.to_code
        tally.counts["articles_skipped"] += len(plan.skipped)
    batches = list(batched(articles, size=batch_size))
    if not batches and pending:
        batches = [[]]  # nothing to code, but the ingest rejections still get recorded
    for batch in batches:
        payloads, extract_rejections = extract_task(batch) if batch else ([], [])
        events, validate_rejections = validate_task(payloads) if batch else ([], [])
        tally.counts.update(
            articles_rejected=len(extract_rejections),
            events_found=len(payloads),
            events_rejected=len(validate_rejections),
        )
        tally.reject(extract_rejections + validate_rejections)
        failed = {r.article_id for r in extract_rejections}
        recoded = [a.id for a in batch if a.id not in failed]
        rejections = pending + extract_rejections + validate_rejections
        loaded = load_task(db_path, run_id, batch, events, rejections, recoded)
        pending = []
        tally.counts.update(loaded)
        tally.counts["events_loaded"] += loaded["events_new"]  # the runs table counts new rows


def _finish(db_path: str, run_id: str, tally: _Tally, started: float) -> RunReport:
    finish_run_task(db_path, run_id, "succeeded", tally.run_counts())
    counts = {name: tally.counts[name] for name in dict.fromkeys((*RUN_COUNT_NAMES, *LOAD_COUNT_NAMES))}
    get_run_logger().info(
        "run %s: %s", run_id, ", ".join(f"{name} {value}" for name, value in counts.items())
    )
    return RunReport(
        run_id=run_id,
        counts=counts,
        db_path=db_path,
        duration=time.perf_counter() - started,
        rejected_by_stage=dict(tally.by_stage),
        sample_reasons=tuple(tally.reasons),
    )


def _mark_failed(db_path: str, run_id: str, tally: _Tally) -> None:
    try:
        finish_run_task(db_path, run_id, "failed", tally.run_counts())
    except Exception as error:  # the original failure matters more; keep it
        get_run_logger().error("could not mark run %s as failed: %s", run_id, error)


def _check_batch_size(batch_size: int) -> None:
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")


def _run(
    db_path: str,
    sources: list[str],
    read: Callable[[], tuple[list[Article], list[Rejection]]],
    *,
    kind: str = "run",
    batch_size: int,
    skip_unchanged: bool,
) -> RunReport:
    """One recorded run: open it in the runs table, read, code and load, close it with its counts."""
    _check_batch_size(batch_size)
    started = time.perf_counter()
    run_id = start_run_task(db_path, sources, kind)
    tally = _Tally()
    try:
        articles, pending = read()
        _code_and_load(
            run_id,
            db_path,
            articles,
            pending,
            batch_size=batch_size,
            skip_unchanged=skip_unchanged,
            tally=tally,
        )
    except BaseException:
        _mark_failed(db_path, run_id, tally)
        raise
    return _finish(db_path, run_id, tally, started)


@flow(name="conflict-events")
def run_pipeline(
    sources: list[str], *, db_path: str, batch_size: int = BATCH_SIZE, skip_unchanged: bool = True
) -> RunReport:
    """Read the source paths, code what is new or changed, load everything into the warehouse at db_path."""
    return _run(
        db_path, sources, lambda: ingest_task(sources), batch_size=batch_size, skip_unchanged=skip_unchanged
    )


@flow(name="conflict-events-sources")
def run_configured(
    sources_file: str,
    names: list[str] | None = None,
    db_path: str | None = None,
    batch_size: int = BATCH_SIZE,
    skip_unchanged: bool = True,
) -> RunReport:
    """Read the named sources of a sources file (all when none is named) and load what is new or changed.

    The database is ``db_path``, else the file's ``db``, else the default. This is the flow that
    `conflict-events serve` deploys, one deployment per source.
    """
    config = load_sources_file(sources_file)
    selected = config.select(names)
    return _run(
        db_path or config.db or DEFAULT_DB,
        [f"{s.kind}:{s.name}" for s in selected],
        lambda: read_configured(selected, config.fetch),
        batch_size=batch_size,
        skip_unchanged=skip_unchanged,
    )


@flow(name="conflict-events-reprocess")
def reprocess_pipeline(
    db_path: str, since: date | None = None, every: bool = False, batch_size: int = BATCH_SIZE
) -> RunReport:
    """Code stored articles again with this extractor version and replace the events they reported.

    Takes the articles an older (or unknown) extractor version coded, or every one with ``every``; with
    ``since``, only those published (or, undated, first seen) on or after that day.
    """
    scope = f"reprocess since {since.isoformat()}" if since else "reprocess"
    return _run(
        db_path,
        [scope + (" (every article)" if every else "")],
        lambda: (select_stored_task(db_path, since, every), []),
        kind="reprocess",
        batch_size=batch_size,
        skip_unchanged=False,
    )


def sources_file_path(path: str | Path) -> str:
    """An absolute path for a sources file, so a deployment finds it from any working directory."""
    return str(Path(path).resolve())
