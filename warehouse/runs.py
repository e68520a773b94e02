"""The runs ledger: one row per pipeline run, opened by start_run and closed by finish_run."""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

import duckdb

from warehouse.errors import WarehouseError, wrapped

RUN_STATUSES: tuple[str, ...] = ("running", "succeeded", "failed")
RUN_KINDS: tuple[str, ...] = ("run", "reprocess")
RUN_COUNT_COLUMNS: tuple[str, ...] = (
    "articles_read",
    "articles_skipped",
    "articles_rejected",
    "events_found",
    "events_loaded",
    "events_removed",
    "events_rejected",
)

_FINISH = """
UPDATE runs SET
    finished_at = ?,
    status = ?,
    articles_read = coalesce(?, articles_read),
    articles_skipped = coalesce(?, articles_skipped),
    articles_rejected = coalesce(?, articles_rejected),
    events_found = coalesce(?, events_found),
    events_loaded = coalesce(?, events_loaded),
    events_removed = coalesce(?, events_removed),
    events_rejected = coalesce(?, events_rejected)
WHERE run_id = ?
RETURNING run_id
"""


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def start_run(
    con: duckdb.DuckDBPyConnection, *, extractor_version: str, sources: Iterable[str], kind: str = "run"
) -> str:
    """Record a new run as 'running' and return its id (UTC start time plus a random suffix)."""
    if kind not in RUN_KINDS:
        raise ValueError(f"kind must be one of {', '.join(RUN_KINDS)}, not {kind!r}")
    started = _utc_now()
    run_id = f"{started:%Y%m%dT%H%M%S}Z-{secrets.token_hex(4)}"
    with wrapped(f"cannot record the start of run {run_id}"):
        con.execute(
            "INSERT INTO runs (run_id, started_at, status, extractor_version, sources, kind, pid, host) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                run_id,
                started,
                "running",
                extractor_version,
                [str(s) for s in sources],
                kind,
                os.getpid(),
                socket.gethostname(),
            ],
        )
    return run_id


def finish_run(
    con: duckdb.DuckDBPyConnection, run_id: str, *, status: str, counts: Mapping[str, int]
) -> None:
    """Close a run with its final status and counts; counts not given keep their stored value."""
    if status not in RUN_STATUSES:
        raise ValueError(f"status must be one of {', '.join(RUN_STATUSES)}, not {status!r}")
    unknown = sorted(set(counts) - set(RUN_COUNT_COLUMNS))
    if unknown:
        raise ValueError(f"unknown run counts {unknown}; known: {', '.join(RUN_COUNT_COLUMNS)}")
    values = [counts.get(name) for name in RUN_COUNT_COLUMNS]
    with wrapped(f"cannot record the end of run {run_id}"):
        updated = con.execute(_FINISH, [_utc_now(), status, *values, run_id]).fetchall()
    if not updated:
        raise WarehouseError(f"no run {run_id} in the runs table; start it with start_run first")
