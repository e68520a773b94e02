"""Schema migrations: numbered SQL files in warehouse/sql, each applied once and recorded."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from importlib import resources

import duckdb

from warehouse.errors import transaction, wrapped

_MIGRATION_NAME = re.compile(r"^\d{3}_[a-z0-9_]+\.sql$")

_CREATE_LEDGER = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    name       VARCHAR PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL
)
"""


def migration_files() -> list[str]:
    """The names of the shipped migration files, in the order they apply."""
    sql_dir = resources.files("warehouse") / "sql"
    names = sorted(entry.name for entry in sql_dir.iterdir() if entry.name.endswith(".sql"))
    for name in names:
        if not _MIGRATION_NAME.match(name):
            raise ValueError(f"migration file {name!r} is not named NNN_words.sql")
    return names


def applied_migrations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The migrations already recorded in the database (none for a fresh or foreign one)."""
    with wrapped("cannot read the schema_migrations table"):
        present = con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ?",
            ["schema_migrations"],
        ).fetchone()
        if not present or present[0] == 0:
            return []
        return [
            name for (name,) in con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()
        ]


def pending_migrations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The shipped migrations this database has not had yet."""
    done = set(applied_migrations(con))
    return [name for name in migration_files() if name not in done]


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply every migration not yet recorded, each in its own transaction; return the names applied."""
    with wrapped("cannot create the schema_migrations table"):
        con.execute(_CREATE_LEDGER)
    applied = []
    sql_dir = resources.files("warehouse") / "sql"
    for name in pending_migrations(con):
        script = (sql_dir / name).read_text(encoding="utf-8")
        with transaction(con, what=f"migration {name} failed"):
            con.execute(script)
            con.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                [name, datetime.now(UTC).replace(tzinfo=None)],
            )
        applied.append(name)
    return applied
