"""Opening the warehouse: one writer at a time, read-only readers, lock conflicts made readable."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import duckdb

from warehouse.errors import DatabaseBusyError, WarehouseError, is_lock_conflict
from warehouse.migrate import migrate, pending_migrations

MEMORY = ":memory:"
_FIRST_RETRY_S = 0.05
_MAX_RETRY_S = 1.0


def connect(
    path: str | Path, *, read_only: bool = False, lock_timeout_s: float = 30.0
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; read-write opens migrate it and wait up to lock_timeout_s for another writer."""
    return open_database(path, read_only=read_only, lock_timeout_s=lock_timeout_s)


def open_database(
    path: str | Path,
    *,
    read_only: bool = False,
    lock_timeout_s: float = 30.0,
    config: dict[str, Any] | None = None,
) -> duckdb.DuckDBPyConnection:
    """connect() with extra DuckDB settings (read-only query uses it to shut off file access)."""
    target = str(path)
    if target != MEMORY:
        _check_location(Path(target), read_only=read_only)
    con = _open_with_retry(target, read_only=read_only, lock_timeout_s=lock_timeout_s, config=config or {})
    try:
        if read_only:
            _check_migrated(con, target)
        else:
            migrate(con)
    except BaseException:
        con.close()
        raise
    return con


def _check_location(path: Path, *, read_only: bool) -> None:
    if read_only:
        if not path.is_file():
            raise WarehouseError(f"no database at {path}; run `conflict-events run` first")
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WarehouseError(f"cannot create the folder for database {path}: {error}") from error


def _open_with_retry(
    path: str, *, read_only: bool, lock_timeout_s: float, config: dict[str, Any]
) -> duckdb.DuckDBPyConnection:
    started = time.monotonic()
    delay = _FIRST_RETRY_S
    while True:
        try:
            return duckdb.connect(path, read_only=read_only, config=config)
        except duckdb.Error as error:
            waited = time.monotonic() - started
            if not is_lock_conflict(error):
                raise WarehouseError(_open_failure(path, error)) from error
            # A reader has nothing to wait for: the writer may run for minutes, so say so at once.
            if read_only or waited >= lock_timeout_s:
                raise DatabaseBusyError(path, detail=str(error), waited_s=waited) from error
            time.sleep(min(delay, lock_timeout_s - waited))
            delay = min(delay * 2, _MAX_RETRY_S)


def _open_failure(path: str, error: duckdb.Error) -> str:
    if isinstance(error, duckdb.ConnectionException) and "different configuration" in str(error):
        return (
            f"database {path} is already open in this process with other settings "
            "(read-write and read-only cannot mix); close that connection first"
        )
    return f"cannot open database {path}: {error}"


def _check_migrated(con: duckdb.DuckDBPyConnection, path: str) -> None:
    pending = pending_migrations(con)
    if pending:
        raise WarehouseError(
            f"database {path} lacks schema migrations {', '.join(pending)}; "
            "open it read-write once (e.g. `conflict-events run`) to upgrade it"
        )
