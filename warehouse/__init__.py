"""The DuckDB warehouse: schema migrations, batch loads, read-only queries and exports."""

from warehouse.db import connect
from warehouse.errors import DatabaseBusyError, WarehouseError
from warehouse.load import LoadCounts, load_batch
from warehouse.migrate import migrate
from warehouse.read import Summary, export, query, read_events, summary
from warehouse.runs import finish_run, start_run

__all__ = [
    "DatabaseBusyError",
    "LoadCounts",
    "Summary",
    "WarehouseError",
    "connect",
    "export",
    "finish_run",
    "load_batch",
    "migrate",
    "query",
    "read_events",
    "start_run",
    "summary",
]
