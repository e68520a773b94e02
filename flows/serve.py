"""Serve the sources file: one Prefect deployment of ``run_configured`` per source, on the source's cron
schedule (UTC) or on demand, executed by this process. Prefect only schedules runs on a real API server
(`prefect server start`), never on its ephemeral one, so serving refuses to start without one."""

from __future__ import annotations

from flows.settings import configure_prefect_env

configure_prefect_env()  # before prefect is imported: it reads its settings once, at import

import os  # noqa: E402
from contextlib import nullcontext  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from prefect import serve  # noqa: E402
from prefect.client.orchestration import get_client  # noqa: E402
from prefect.deployments.runner import RunnerDeployment  # noqa: E402
from prefect.schedules import Cron  # noqa: E402
from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings  # noqa: E402
from prefect.types.entrypoint import EntrypointType  # noqa: E402

from flows.config import load_sources_file  # noqa: E402
from flows.pipeline import run_configured, sources_file_path  # noqa: E402
from flows.settings import DEFAULT_DB  # noqa: E402

#: The flow every deployment runs; `prefect deployment run` takes "FLOW/DEPLOYMENT".
FLOW_NAME = "conflict-events-sources"
TAG = "conflict-events"
#: Where `prefect server start` listens by default.
EXAMPLE_API_URL = "http://127.0.0.1:4200/api"


class NoPrefectServerError(RuntimeError):
    """No Prefect API server is configured or reachable, so nothing could be scheduled."""


def build_deployments(
    sources_file: str, *, db_path: str | None = None, names: list[str] | None = None
) -> list[RunnerDeployment]:
    """One deployment of ``run_configured`` per selected source (all when ``names`` is empty).

    A source with a schedule gets it as a cron schedule; one without runs only when triggered. The
    parameters hold absolute paths, so a run finds its files from any working directory. The database
    is ``db_path``, else the file's ``db``, else the default. ConfigError for a bad file or an unknown name.
    """
    config = load_sources_file(sources_file)
    parameters_base: dict[str, Any] = {
        "sources_file": sources_file_path(sources_file),
        "db_path": str(Path(db_path or config.db or DEFAULT_DB).resolve()),
    }
    return [
        run_configured.to_deployment(
            name=source.name,
            schedules=[Cron(source.schedule, timezone="UTC")] if source.schedule else [],
            parameters={**parameters_base, "names": [source.name]},
            description=f"Reads the {source.kind} source {source.name!r} and loads its events.",
            tags=[TAG, source.kind],
            # By module, not file: runs import flows.pipeline from the installed package, whatever the cwd.
            entrypoint_type=EntrypointType.MODULE_PATH,
        )
        for source in config.select(names)
    ]


def configured_api_url() -> str | None:
    """The Prefect API URL from the environment (PREFECT_API_URL) or Prefect's settings; None if unset."""
    return os.environ.get("PREFECT_API_URL") or get_current_settings().api.url or None


def _no_server_message(problem: str) -> str:
    return (
        f"{problem}; Prefect only schedules runs on a real server, not on its ephemeral one. "
        "Start one in another terminal with `prefect server start`, then "
        f"`export PREFECT_API_URL={EXAMPLE_API_URL}` and serve again."
    )


def _check_server(api_url: str) -> None:
    with get_client(sync_client=True) as client:
        error = client.api_healthcheck()
    if error is not None:
        raise NoPrefectServerError(
            _no_server_message(f"no Prefect server answers at {api_url} ({type(error).__name__}: {error})")
        )


def describe(deployment: RunnerDeployment) -> str:
    """One line for a deployment: its name, its cron (or "on demand") and how to trigger it."""
    crons = [getattr(s.schedule, "cron", None) for s in deployment.schedules or []]
    when = ", ".join(f"{c} (UTC)" for c in crons if c) or "on demand"
    return f"{deployment.name}: {when}; run now: prefect deployment run '{FLOW_NAME}/{deployment.name}'"


def serve_sources(sources_file: str, *, db_path: str | None = None, names: list[str] | None = None) -> None:
    """Serve one deployment per selected source until interrupted (Ctrl-C); runs are subprocesses.

    ConfigError for a bad sources file; NoPrefectServerError when no Prefect API URL is configured or
    no server answers there. On shutdown Prefect pauses the schedules; serving again resumes them.
    """
    deployments = build_deployments(sources_file, db_path=db_path, names=names)
    api_url = configured_api_url()
    if not api_url:
        raise NoPrefectServerError(_no_server_message("no Prefect API URL is configured (PREFECT_API_URL)"))
    # Prefect read its settings at import; a URL exported since then must still reach the client.
    settings = (
        temporary_settings(updates={PREFECT_API_URL: api_url})
        if PREFECT_API_URL.value() != api_url
        else nullcontext()
    )
    with settings:
        _check_server(api_url)
        print(f"Serving {len(deployments)} deployment(s) of {FLOW_NAME} on {api_url}; Ctrl-C stops.")
        for deployment in deployments:
            print(f"  {describe(deployment)}")
        # one run at a time: DuckDB has one writer, so concurrent runs would only queue on its lock
        serve(*deployments, limit=1, print_starting_message=False)
