"""The warehouse's error hierarchy and the boundary where DuckDB's errors are wrapped into it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb

_LOCK_HOLDER = re.compile(r"\(PID (\d+)\)")


class WarehouseError(Exception):
    """Anything the warehouse could not do; the message says what and, where it can, what to do."""


class DatabaseBusyError(WarehouseError):
    """Another process holds the database file's lock."""

    def __init__(self, path: str | Path, *, detail: str = "", waited_s: float = 0.0) -> None:
        self.path = str(path)
        holder = _LOCK_HOLDER.search(detail)
        held_by = f" (held by PID {holder.group(1)})" if holder else ""
        waited = f" after waiting {waited_s:.0f}s" if waited_s else ""
        super().__init__(
            f"database {self.path} is busy{waited}: another conflict-events process is writing{held_by}; "
            "retry in a few seconds"
        )


def is_lock_conflict(error: duckdb.Error) -> bool:
    """Whether a DuckDB error means another process holds the file's lock."""
    return isinstance(error, duckdb.IOException) and "Could not set lock" in str(error)


@contextmanager
def wrapped(what: str) -> Iterator[None]:
    """Re-raise any DuckDB error inside the block as a WarehouseError that says what was being done."""
    try:
        yield
    except duckdb.Error as error:
        raise WarehouseError(f"{what}: {error}") from error


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection, *, what: str) -> Iterator[None]:
    """Run the block in one transaction: commit at the end, roll back on any error."""
    with wrapped(f"{what} (nothing was written)"):
        con.begin()
        try:
            yield
            con.commit()
        except BaseException:
            # The original error says more than a failed rollback of an already-aborted transaction would.
            with suppress(duckdb.Error):
                con.rollback()
            raise
