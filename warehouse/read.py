"""Reading the warehouse: read-only SQL, exports, a summary for the CLI, events back as models."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import duckdb
from pydantic import ValidationError

from schemas import Event
from warehouse.columns import event_from_row
from warehouse.db import open_database
from warehouse.errors import WarehouseError, wrapped
from warehouse.runs import RUN_COUNT_COLUMNS

EXPORT_FORMATS: tuple[str, ...] = ("csv", "parquet")
_COPY_OPTIONS = {"csv": "FORMAT csv, HEADER", "parquet": "FORMAT parquet"}
# Built from the model's field names, never from data.
_READ_EVENTS = f"SELECT {', '.join(Event.model_fields)} FROM events ORDER BY event_date, event_id_cnty"


@dataclass(frozen=True)
class Summary:
    """What the warehouse holds, in the shape the CLI prints."""

    path: Path
    events: int
    articles: int
    by_event_type: list[tuple[str, int]] = field(default_factory=list)
    by_location: list[tuple[str, str, int]] = field(default_factory=list)  # (country, admin1, events)
    rejected_by_stage: list[tuple[str, int]] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        """All rejections, whatever the stage."""
        return sum(n for _, n in self.rejected_by_stage)


def query(
    path: str | Path, sql: str, params: Sequence[Any] | dict[str, Any] | None = None
) -> tuple[list[str], list[tuple]]:
    """Run one read-only statement with bound params; return the column names and the rows."""
    # Shutting off file access keeps COPY ... TO and ATTACH from writing around the read-only open.
    with open_database(path, read_only=True, config={"enable_external_access": False}) as con:
        try:
            result = con.execute(sql, params)
            columns = [d[0] for d in result.description or []]
            rows = result.fetchall() if result.description else []
        except duckdb.Error as error:
            raise WarehouseError(_query_failure(path, error)) from error
    return columns, rows


def _query_failure(path: str | Path, error: duckdb.Error) -> str:
    message = str(error)
    if "read-only mode" in message:
        return f"query is read-only: {path} was opened for reading, so it cannot run writes ({message})"
    if isinstance(error, duckdb.PermissionException):
        return f"query reads only the database {path}, not other files: {message}"
    return f"query failed: {message}"


def export(path: str | Path, *, fmt: Literal["csv", "parquet"], out: Path) -> int:
    """Write every event (ACLED's 31 columns, then the extensions) to a CSV or Parquet file; return rows."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"export format must be one of {', '.join(EXPORT_FORMATS)}, not {fmt!r}")
    out = Path(out)
    # COPY takes no bound parameter for its file name, so the path goes in as an escaped literal.
    copy = (
        "COPY (SELECT * FROM events_export ORDER BY event_date, event_id_cnty) "
        f"TO {_sql_string(str(out))} ({_COPY_OPTIONS[fmt]})"
    )
    with open_database(path, read_only=True) as con:
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WarehouseError(f"cannot create the folder for {out}: {error}") from error
        with wrapped(f"cannot export {path} to {out}"):
            row = con.execute(copy).fetchone()
    return row[0] if row else 0


def _sql_string(text: str) -> str:
    """``text`` as a SQL string literal: single quotes doubled, NUL refused."""
    if "\x00" in text:
        raise ValueError("a path may not contain a NUL character")
    return "'" + text.replace("'", "''") + "'"


def summary(path: str | Path) -> Summary:
    """Count what the warehouse holds: events by type and place, articles, rejections by stage."""
    with open_database(path, read_only=True) as con, wrapped(f"cannot summarise {path}"):
        events = _scalar(con, "SELECT count(*) FROM events")
        articles = _scalar(con, "SELECT count(*) FROM articles")
        by_type = con.execute(
            "SELECT event_type, count(*) AS n FROM events GROUP BY ALL ORDER BY n DESC, event_type"
        ).fetchall()
        by_location = con.execute(
            "SELECT country, admin1, count(*) AS n FROM events GROUP BY ALL ORDER BY n DESC, country, admin1"
        ).fetchall()
        by_stage = con.execute(
            "SELECT stage, count(*) AS n FROM rejected GROUP BY ALL ORDER BY n DESC, stage"
        ).fetchall()
    return Summary(
        path=Path(path),
        events=events,
        articles=articles,
        by_event_type=[(t, n) for t, n in by_type],
        by_location=[(c, a, n) for c, a, n in by_location],
        rejected_by_stage=[(s, n) for s, n in by_stage],
    )


RUN_COLUMNS: tuple[str, ...] = (
    "run_id", "kind", "status", "started_at", "finished_at", "extractor_version", "sources",
    *RUN_COUNT_COLUMNS, "pid", "host",
)  # fmt: skip


def recent_runs(path: str | Path, *, limit: int = 10) -> list[dict[str, Any]]:
    """The last ``limit`` runs, newest first, as dicts of RUN_COLUMNS."""
    with open_database(path, read_only=True) as con, wrapped(f"cannot read the runs of {path}"):
        rows = con.execute(
            f"SELECT {', '.join(RUN_COLUMNS)} FROM runs ORDER BY started_at DESC, run_id DESC LIMIT ?",
            [limit],
        ).fetchall()
    return [dict(zip(RUN_COLUMNS, row, strict=True)) for row in rows]


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return row[0] if row else 0


def read_events(con: duckdb.DuckDBPyConnection) -> list[Event]:
    """Every stored event as a pydantic Event, ordered by date and id."""
    with wrapped("cannot read events"):
        result = con.execute(_READ_EVENTS)
        names = [d[0] for d in result.description]
        rows = result.fetchall()
    events = []
    for values in rows:
        row = dict(zip(names, values, strict=True))
        try:
            events.append(event_from_row(row))
        except ValidationError as error:
            raise WarehouseError(
                f"stored event {row['event_id_cnty']} no longer validates: {error}"
            ) from error
    return events
