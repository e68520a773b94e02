"""Loading a batch: articles, events, their sources and rejections upserted in one transaction via Arrow."""

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
    links_table,
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

# Precision policy. Several articles can report one event (one event_id_cnty). A later report replaces the
# stored content only when it is at least as precise in both place and time (geo_precision and
# time_precision no larger: 1 is the most precise) and either more precise in one of them or a re-coding
# of the article the stored content came from. An equally precise report from another article leaves the
# stored content alone: otherwise two such articles loaded in different batches would overwrite each
# other on every re-run. A report that does not replace the content still adds its article to
# event_sources and its source to events.source. An unchanged event is left alone (its run_id too), so
# the statement's row count is new + replaced. `source` is not in the content columns: it is set from the
# links afterwards (_UPDATE_SOURCES).
_UPSERT_EVENTS = f"""
INSERT INTO events BY NAME SELECT * FROM _stage_events
ON CONFLICT (event_id_cnty) DO UPDATE SET
    {", ".join(f"{c} = excluded.{c}" for c in (*EVENT_CONTENT_COLUMNS, "timestamp", "run_id"))}
WHERE excluded.geo_precision <= events.geo_precision
    AND excluded.time_precision <= events.time_precision
    AND (
        excluded.geo_precision < events.geo_precision
        OR excluded.time_precision < events.time_precision
        OR excluded.article_id = events.article_id
    )
    AND ({", ".join(f"events.{c}" for c in EVENT_CONTENT_COLUMNS)})
        IS DISTINCT FROM ({", ".join(f"excluded.{c}" for c in EVENT_CONTENT_COLUMNS)})
"""

# A link's source and url are the article's (from this batch, upserted just before, or from an earlier
# one); for an article the warehouse has never seen, the source is the one the event was coded with.
# An existing link is left as it is, so a re-run adds none.
_INSERT_LINKS = """
INSERT INTO event_sources (event_id_cnty, article_id, source, url, run_id, first_seen)
SELECT s.event_id_cnty, s.article_id, coalesce(nullif(a.source, ''), s.event_source), a.url, s.run_id,
    s.first_seen
FROM _stage_links AS s
LEFT JOIN articles AS a ON a.id = s.article_id
ON CONFLICT (event_id_cnty, article_id) DO NOTHING
"""

#: events.source from an event's links: the distinct sources, split at "; ", sorted and joined again.
_JOINED_SOURCES = (
    "coalesce(string_agg(DISTINCT p.part, '; ' ORDER BY p.part) FILTER (WHERE p.part <> ''), '')"
)

# events.source is ACLED's `; `-separated list: the distinct sources of all the event's links, sorted.
# Recomputed only for the events of this batch, and written only where the list changed; a changed list
# is a changed row, so it takes this run's id and the newer of the two timestamps. The expression is the
# one migration 002 used to fill the column.
_UPDATE_SOURCES = f"""
UPDATE events SET
    source = joined.source,
    timestamp = greatest(events.timestamp, joined.timestamp),
    run_id = joined.run_id
FROM (
    SELECT
        s.event_id_cnty,
        s.timestamp,
        s.run_id,
        {_JOINED_SOURCES} AS source
    FROM _stage_events AS s
    JOIN event_sources AS l ON l.event_id_cnty = s.event_id_cnty
    CROSS JOIN unnest(string_split(l.source, '; ')) AS p(part)
    GROUP BY s.event_id_cnty, s.timestamp, s.run_id
) AS joined
WHERE events.event_id_cnty = joined.event_id_cnty AND events.source IS DISTINCT FROM joined.source
"""

# Re-coding. An article coded again (its text changed, or a new extractor version) replaces what it
# reported: its links to events the new coding no longer finds are removed, and an event left with no
# link at all is removed with them. An event another article still reports stays, with its source list
# rebuilt without the re-coded article (_RESOURCE_REMAINING).
_DELETE_STALE_LINKS = """
DELETE FROM event_sources AS l
WHERE l.article_id IN (SELECT id FROM _stage_recoded)
    AND NOT EXISTS (
        SELECT 1 FROM _stage_links AS s
        WHERE s.event_id_cnty = l.event_id_cnty AND s.article_id = l.article_id
    )
RETURNING l.event_id_cnty
"""

_DELETE_ORPHANS = """
DELETE FROM events AS e
WHERE e.event_id_cnty IN (SELECT event_id_cnty FROM _stage_unlinked)
    AND NOT EXISTS (SELECT 1 FROM event_sources AS l WHERE l.event_id_cnty = e.event_id_cnty)
RETURNING e.event_id_cnty
"""

_RESOURCE_REMAINING = f"""
UPDATE events SET source = joined.source, article_id = joined.article_id, run_id = joined.run_id
FROM (
    SELECT
        l.event_id_cnty,
        ? AS run_id,
        min(l.article_id) AS article_id,
        {_JOINED_SOURCES} AS source
    FROM event_sources AS l
    CROSS JOIN unnest(string_split(l.source, '; ')) AS p(part)
    WHERE l.event_id_cnty IN (SELECT event_id_cnty FROM _stage_unlinked)
    GROUP BY l.event_id_cnty
) AS joined
WHERE events.event_id_cnty = joined.event_id_cnty
    AND (
        events.source IS DISTINCT FROM joined.source
        OR events.article_id NOT IN (
            SELECT article_id FROM event_sources AS k WHERE k.event_id_cnty = events.event_id_cnty
        )
    )
"""

_INSERT_REJECTIONS = "INSERT INTO rejected BY NAME SELECT * FROM _stage_rejected ON CONFLICT (id) DO NOTHING"


@dataclass(frozen=True)
class LoadCounts:
    """What one batch changed.

    ``events_new`` counts rows added to events. ``events_updated`` counts content replacements only:
    stored events whose content a later report replaced under the precision policy above; an event that
    only gained a source (a longer ``source`` list) is not counted. ``links_new`` counts the (event,
    article) links added to event_sources, so a second article reporting a known event shows up there.
    """

    articles_new: int = 0
    events_new: int = 0
    events_updated: int = 0
    events_removed: int = 0
    links_new: int = 0
    rejections_new: int = 0


def at_least_as_precise(event: Event, than: Event) -> bool:
    """Whether ``event`` is coded at least as precisely as ``than`` in both place and time."""
    return event.geo_precision <= than.geo_precision and event.time_precision <= than.time_precision


def most_precise_reports(events: Iterable[Event]) -> list[Event]:
    """One event per id: of a batch's reports of an event, the most precise, and of those the last."""
    kept: dict[str, Event] = {}
    for event in events:
        held = kept.get(event.event_id_cnty)
        if held is None or at_least_as_precise(event, held):
            kept[event.event_id_cnty] = event
    return list(kept.values())


def load_batch(
    con: duckdb.DuckDBPyConnection,
    *,
    run_id: str,
    articles: Iterable[Article],
    events: Iterable[Event],
    rejections: Iterable[Rejection],
    recoded: Iterable[str] = (),
    extractor_version: str | None = None,
) -> LoadCounts:
    """Upsert a batch in one transaction, linking every event to each article that reported it.

    Within the batch the last article with an id wins; of the reports of one event the most precise,
    then the last, is stored, and all their articles are linked. ``recoded`` names the batch's articles
    whose coding replaces what they reported before (see _DELETE_STALE_LINKS); ``extractor_version`` is
    recorded on the batch's articles.
    """
    if not run_id:
        raise ValueError("run_id is required")
    now = datetime.now(UTC).replace(tzinfo=None)
    article_list = list({a.id: a for a in articles}.values())
    reports = list(events)
    rejection_list = list({rejection_id(r): r for r in reversed(list(rejections))}.values())
    try:
        staged = {
            "_stage_articles": articles_table(
                article_list, run_id=run_id, now=now, extractor_version=extractor_version
            ),
            "_stage_events": events_table(most_precise_reports(reports), run_id=run_id),
            "_stage_links": links_table(reports, run_id=run_id, now=now),
            "_stage_rejected": rejections_table(rejection_list, run_id=run_id, now=now),
            "_stage_recoded": pa.table({"id": pa.array(sorted(set(recoded)), pa.string())}),
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
            links_new = _insert_links(con)
            con.execute(_UPDATE_SOURCES)
            events_removed = _remove_stale(con, run_id)
            rejections_new = _insert_rejections(con)
    finally:
        for name in staged:
            con.unregister(name)
    return LoadCounts(
        articles_new=articles_new,
        events_new=events_new,
        events_updated=events_written - events_new,
        events_removed=events_removed,
        links_new=links_new,
        rejections_new=rejections_new,
    )


def _remove_stale(con: duckdb.DuckDBPyConnection, run_id: str) -> int:
    """Drop the re-coded articles' stale links and the events left without a link; count the events."""
    unlinked = sorted({row[0] for row in con.execute(_DELETE_STALE_LINKS).fetchall()})
    if not unlinked:
        return 0
    con.register("_stage_unlinked", pa.table({"event_id_cnty": pa.array(unlinked, pa.string())}))
    try:
        removed = len(con.execute(_DELETE_ORPHANS).fetchall())
        con.execute(_RESOURCE_REMAINING, [run_id])
    finally:
        con.unregister("_stage_unlinked")
    return removed


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


def _insert_links(con: duckdb.DuckDBPyConnection) -> int:
    return _row_count(con.execute(_INSERT_LINKS))


def _insert_rejections(con: duckdb.DuckDBPyConnection) -> int:
    return _row_count(con.execute(_INSERT_REJECTIONS))
