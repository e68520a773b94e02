"""The DuckDB warehouse: schema migrations, batch loads, read-only queries and exports."""

from warehouse.db import connect
from warehouse.errors import DatabaseBusyError, WarehouseError
from warehouse.incremental import Plan, plan_batch, stored_articles
from warehouse.load import LoadCounts, load_batch
from warehouse.migrate import migrate
from warehouse.read import Summary, export, query, read_events, recent_runs, summary
from warehouse.runs import finish_run, start_run

__all__ = [
    "DatabaseBusyError",
    "LoadCounts",
    "Plan",
    "Summary",
    "WarehouseError",
    "connect",
    "export",
    "finish_run",
    "load_batch",
    "migrate",
    "plan_batch",
    "query",
    "read_events",
    "recent_runs",
    "start_run",
    "stored_articles",
    "summary",
]
