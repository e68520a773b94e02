"""Prefect environment defaults; they must be in place before prefect is first imported."""

from __future__ import annotations

import os
from pathlib import Path

#: Where the warehouse lives unless --db (or the sources file's `db`) says otherwise.
DEFAULT_DB = "warehouse/events.duckdb"

#: Defaults applied only where the environment leaves a setting unset.
PREFECT_DEFAULTS: dict[str, str] = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    # Keep INFO logs flowing to the Prefect API but show only warnings on the console (stderr).
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
}


def configure_prefect_env(*, home: str | Path | None = None, console_level: str | None = None) -> None:
    """Set Prefect's environment defaults (an explicit ``home`` or ``console_level`` overrides the env)."""
    if home is not None:
        os.environ["PREFECT_HOME"] = str(home)
    else:
        os.environ.setdefault("PREFECT_HOME", str(Path.cwd() / ".prefect"))
    if console_level is not None:
        os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] = console_level
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)
