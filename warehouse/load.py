"""Loading a batch: articles, events and rejections upserted in one transaction via Arrow."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from schemas import Article, Event, Rejection
from warehouse.columns import (
    ARTICLE_SCHEMA,
    EVENT_CONTENT_COLUMNS,
    articles_table,
    events_table,
    rejection_id,
    rejections_table,
)
from warehouse.errors import WarehouseError, transaction

# The statements below are built once from fixed column names, never from data.
_ARTICLE_UPDATES = ", ".join(
    f"{c} = excluded.{c}" for c in ARTICLE_SCHEMA.names if c not in ("id", "first_seen")
)
_UPSERT_ARTICLES = f"""
INSERT INTO articles BY NAME SELECT * FROM _stage_articles
ON CONFLICT (id) DO UPDATE SET {_ARTICLE_UPDATES}
"""

# An unchanged event is left alone (its run_id too), so the statement's row count is new + changed.
_UPSERT_EVENTS = f"""
INSERT INTO events BY NAME SELECT * FROM _stage_events
ON CONFLICT (event_id_cnty) DO UPDATE SET
    {", ".join(f"{c} = excluded.{c}" for c in (*EVENT_CONTENT_COLUMNS, "timestamp", "run_id"))}
WHERE ({", ".join(f"events.{c}" for c in EVENT_CONTENT_COLUMNS)})
    IS DISTINCT FROM ({", ".join(f"excluded.{c}" for c in EVENT_CONTENT_COLUMNS)})
"""

_INSERT_REJECTIONS = "INSERT INTO rejected BY NAME SELECT * FROM _stage_rejected ON CONFLICT (id) DO NOTHING"


@dataclass(frozen=True)
class LoadCounts:
    """What one batch changed: new articles, new and changed events, new rejections."""

    articles_new: int = 0
    events_new: int = 0
    events_updated: int = 0
    rejections_new: int = 0


def load_batch(
    con: duckdb.DuckDBPyConnection,
    *,
    run_id: str,
    articles: Iterable[Article],
    events: Iterable[Event],
    rejections: Iterable[Rejection],
) -> LoadCounts:
    """Upsert a batch in one transaction; within the batch the last article or event with an id wins."""
    if not run_id:
        raise ValueError("run_id is required")
    now = datetime.now(UTC).replace(tzinfo=None)
    article_list = list({a.id: a for a in articles}.values())
    event_list = list({e.event_id_cnty: e for e in events}.values())
    rejection_list = list({rejection_id(r): r for r in reversed(list(rejections))}.values())
    try:
        staged = {
            "_stage_articles": articles_table(article_list, run_id=run_id, now=now),
            "_stage_events": events_table(event_list, run_id=run_id),
            "_stage_rejected": rejections_table(rejection_list, run_id=run_id, now=now),
        }
    except (pa.ArrowException, OverflowError) as error:
        raise WarehouseError(
            f"cannot convert the batch for loading (nothing was written): {error}"
        ) from error
    try:
        with transaction(con, what=f"loading the batch of run {run_id} failed"):
            for name, table in staged.items():
                con.register(name, table)
            articles_new = _count_new(con, "articles", "id", "_stage_articles")
            events_new = _count_new(con, "events", "event_id_cnty", "_stage_events")
            _insert_articles(con)
            events_written = _insert_events(con)
            rejections_new = _insert_rejections(con)
    finally:
        for name in staged:
            con.unregister(name)
    return LoadCounts(
        articles_new=articles_new,
        events_new=events_new,
        events_updated=events_written - events_new,
        rejections_new=rejections_new,
    )


def _count_new(con: duckdb.DuckDBPyConnection, table: str, key: str, staged: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {staged} s ANTI JOIN {table} t ON s.{key} = t.{key}").fetchone()
    return row[0] if row else 0


def _row_count(result: duckdb.DuckDBPyConnection) -> int:
    row = result.fetchone()
    return row[0] if row else 0


def _insert_articles(con: duckdb.DuckDBPyConnection) -> int:
    return _row_count(con.execute(_UPSERT_ARTICLES))


def _insert_events(con: duckdb.DuckDBPyConnection) -> int:
    return _row_count(con.execute(_UPSERT_EVENTS))


def _insert_rejections(con: duckdb.DuckDBPyConnection) -> int:
    return _row_count(con.execute(_INSERT_REJECTIONS))
