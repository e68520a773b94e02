"""flows.serve: one deployment per source (names, schedules, absolute parameters), the refusal without a
Prefect server, and the whole thing served against a real `prefect server start` on a loopback port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import httpx
import pytest
from prefect.client.orchestration import get_client
from prefect.exceptions import ObjectNotFound
from prefect.settings import PREFECT_API_URL, temporary_settings

import flows.serve as serving
from flows.config import ConfigError
from flows.serve import FLOW_NAME, NoPrefectServerError, build_deployments, serve_sources
from flows.settings import DEFAULT_DB
from warehouse import query

REPO = Path(__file__).resolve().parents[1]
#: A dateline and one sentence the extractor codes into an air/drone strike in Kharkiv.
ARTICLE = (
    "date 2026-02-26 Kyiv —\n"
    "Russian drones struck the city of Kharkiv overnight, killing two civilians and wounding 12 others, "
    "regional governor Oleh Syniehubov said.\n"
)
SOURCES = """\
db = "data/events.duckdb"

[[source]]
name = "local-files"
kind = "files"
path = "articles"
schedule = "0 */6 * * *"

[[source]]
name = "wire-pages"
kind = "pages"
urls = ["https://example.org/story"]

[[source]]
name = "news-feed"
kind = "feed"
url = "https://example.org/feed.xml"
schedule = "15 3 * * 1"
"""
SERVER_START_TIMEOUT_S = 90
DEPLOYMENT_TIMEOUT_S = 60
RUN_TIMEOUT_S = 120
LOG_TAIL = 4000


def write_sources(folder: Path, text: str = SOURCES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def cron_of(deployment: Any) -> list[tuple[str, str | None]]:
    return [(s.schedule.cron, s.schedule.timezone) for s in deployment.schedules]


# --- build_deployments ---------------------------------------------------------------------------------


def test_one_deployment_per_source_with_its_schedule_and_absolute_parameters(tmp_path: Path) -> None:
    sources = write_sources(tmp_path / "conf")
    deployments = build_deployments(str(sources))

    assert [d.name for d in deployments] == ["local-files", "wire-pages", "news-feed"]
    by_name = {d.name: d for d in deployments}
    assert cron_of(by_name["local-files"]) == [("0 */6 * * *", "UTC")]
    assert cron_of(by_name["wire-pages"]) == []  # no schedule: runs only when triggered
    assert cron_of(by_name["news-feed"]) == [("15 3 * * 1", "UTC")]
    for deployment, kind in zip(deployments, ("files", "pages", "feed"), strict=True):
        assert deployment.flow_name == FLOW_NAME
        assert deployment.parameters == {
            "sources_file": str(sources.resolve()),
            "names": [deployment.name],
            "db_path": str((tmp_path / "conf" / "data" / "events.duckdb").resolve()),
        }
        assert Path(deployment.parameters["sources_file"]).is_absolute()
        assert deployment.tags == ["conflict-events", kind]
        assert kind in (deployment.description or "")
        # Runs import the flow by module, so they work from any working directory.
        assert deployment.entrypoint == "flows.pipeline.run_configured"


def test_db_argument_wins_and_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = write_sources(tmp_path / "conf")
    monkeypatch.chdir(tmp_path)
    deployments = build_deployments("conf/sources.toml", db_path="elsewhere/x.duckdb", names=["news-feed"])

    assert [d.name for d in deployments] == ["news-feed"]
    assert deployments[0].parameters == {
        "sources_file": str(sources.resolve()),
        "names": ["news-feed"],
        "db_path": str((tmp_path / "elsewhere" / "x.duckdb").resolve()),
    }


def test_without_any_db_the_default_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = SOURCES.replace('db = "data/events.duckdb"\n', "")
    write_sources(tmp_path, text)
    monkeypatch.chdir(tmp_path)
    deployments = build_deployments("sources.toml", names=["wire-pages", "local-files"])

    assert [d.name for d in deployments] == ["wire-pages", "local-files"]
    assert {d.parameters["db_path"] for d in deployments} == {str((tmp_path / DEFAULT_DB).resolve())}


def test_bad_files_and_unknown_names_raise_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no sources file"):
        build_deployments(str(tmp_path / "missing.toml"))
    bad = write_sources(tmp_path / "bad", SOURCES.replace('"15 3 * * 1"', '"every monday"'))
    with pytest.raises(ConfigError, match="cron"):
        build_deployments(str(bad))
    good = write_sources(tmp_path / "good")
    with pytest.raises(ConfigError, match="no source named 'nope'"):
        build_deployments(str(good), names=["nope"])


# --- serve_sources without a server --------------------------------------------------------------------


@contextmanager
def no_api_url(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Neither the environment nor Prefect's settings (a profile, a test harness) name an API URL."""
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        yield


def refuse_to_serve(*args: Any, **kwargs: Any) -> None:
    raise AssertionError("prefect.serve must not be reached")


def test_serving_without_an_api_url_refuses_with_instructions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = write_sources(tmp_path)
    monkeypatch.setattr(serving, "serve", refuse_to_serve)
    with no_api_url(monkeypatch), pytest.raises(NoPrefectServerError) as caught:
        serve_sources(str(sources))

    message = str(caught.value)
    assert isinstance(caught.value, RuntimeError)
    assert "PREFECT_API_URL" in message
    assert "prefect server start" in message
    assert "export PREFECT_API_URL=http://127.0.0.1:4200/api" in message
    assert "ephemeral" in message


def test_a_bad_sources_file_fails_before_the_server_is_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(serving, "serve", refuse_to_serve)
    with no_api_url(monkeypatch), pytest.raises(ConfigError):
        serve_sources(str(tmp_path / "missing.toml"))


def test_serving_refuses_when_no_server_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = write_sources(tmp_path)
    monkeypatch.setattr(serving, "serve", refuse_to_serve)
    monkeypatch.setenv("PREFECT_API_URL", f"http://127.0.0.1:{free_port()}/api")
    with pytest.raises(NoPrefectServerError, match=r"no Prefect server answers at http://127\.0\.0\.1:"):
        serve_sources(str(sources))


def test_serving_prints_one_line_per_deployment_then_serves_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = write_sources(tmp_path)
    served: list[Any] = []
    monkeypatch.setattr(serving, "_check_server", lambda url: None)
    monkeypatch.setattr(serving, "serve", lambda *deployments, **kwargs: served.extend(deployments))
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    serve_sources(str(sources), names=["local-files", "wire-pages"])

    assert [d.name for d in served] == ["local-files", "wire-pages"]
    lines = capsys.readouterr().out.splitlines()
    assert "http://127.0.0.1:4200/api" in lines[0]
    assert "local-files" in lines[1] and "0 */6 * * *" in lines[1]
    assert "prefect deployment run 'conflict-events-sources/local-files'" in lines[1]
    assert "wire-pages" in lines[2] and "on demand" in lines[2]
    assert "prefect deployment run 'conflict-events-sources/wire-pages'" in lines[2]


# --- served against a real Prefect server --------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prefect_env(home: Path, **extra: str) -> dict[str, str]:
    """This process's environment with Prefect's home, telemetry and API URL set for a subprocess."""
    home.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1", **extra)
    return env


@contextmanager
def background(command: list[str], *, env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``command`` in its own process group, output to ``log``; stop the whole group on the way out."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, env=env, cwd=REPO, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            yield process
        finally:
            stop_group(process)


def stop_group(process: subprocess.Popen[bytes]) -> None:
    for sig, wait_s in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        with suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=wait_s)
            return
        except subprocess.TimeoutExpired:
            continue


def group_members(pgid: int) -> list[int]:
    """The other live processes of process group ``pgid`` (Linux /proc; none found elsewhere)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        state, pgrp = fields[0], int(fields[2])
        pid = int(stat.parent.name)
        if pgrp == pgid and pid != pgid and state != "Z":
            members.append(pid)
    return members


def tail(log: Path) -> str:
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else "(no log)"
    return f"--- {log.name} (last {LOG_TAIL} chars) ---\n{text[-LOG_TAIL:]}"


def wait_for(what: str, check: Any, *, timeout_s: float, process: subprocess.Popen[bytes]) -> Any:
    """Call ``check`` until it returns something truthy; fail if ``process`` dies or time runs out."""
    deadline = time.monotonic() + timeout_s
    while True:
        result = check()
        if result:
            return result
        if process.poll() is not None:
            raise AssertionError(f"{what}: {process.args[:4]} exited with {process.returncode}")
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: still not there after {timeout_s} s")
        time.sleep(0.5)


def server_healthy(api_url: str) -> bool:
    try:
        return httpx.get(f"{api_url}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def test_served_deployment_runs_on_demand_and_loads_events(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "kharkiv.txt").write_text(ARTICLE, encoding="utf-8")
    sources = write_sources(
        tmp_path,
        '[[source]]\nname = "local"\nkind = "files"\npath = "articles"\nschedule = "0 * * * *"\n',
    )
    db = tmp_path / "events.duckdb"
    api_url = f"http://127.0.0.1:{free_port()}/api"
    port = api_url.rsplit(":", 1)[1].split("/")[0]
    server_log, serve_log = tmp_path / "server.log", tmp_path / "serve.log"
    server_cmd = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", port]
    serve_cmd = [
        sys.executable,
        "-c",
        f"from flows.serve import serve_sources; serve_sources({str(sources)!r}, db_path={str(db)!r})",
    ]
    serve_env = prefect_env(
        tmp_path / "serve-home", PREFECT_API_URL=api_url, PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL="INFO"
    )
    try:
        with (
            background(server_cmd, env=prefect_env(tmp_path / "server-home"), log=server_log) as server,
            temporary_settings(updates={PREFECT_API_URL: api_url}),
        ):
            wait_for(
                "server health",
                lambda: server_healthy(api_url),
                timeout_s=SERVER_START_TIMEOUT_S,
                process=server,
            )
            with (
                background(serve_cmd, env=serve_env, log=serve_log) as serve,
                get_client(sync_client=True) as client,
            ):

                def deployment() -> Any:
                    try:
                        return client.read_deployment_by_name(f"{FLOW_NAME}/local")
                    except ObjectNotFound:
                        return None

                found = wait_for("deployment", deployment, timeout_s=DEPLOYMENT_TIMEOUT_S, process=serve)
                assert [(s.schedule.cron, s.schedule.timezone) for s in found.schedules] == [
                    ("0 * * * *", "UTC")
                ]
                assert found.parameters == {
                    "sources_file": str(sources.resolve()),
                    "names": ["local"],
                    "db_path": str(db),
                }
                flow_run = client.create_flow_run_from_deployment(found.id)

                def final_state() -> Any:
                    state = client.read_flow_run(flow_run.id).state
                    return state if state is not None and state.is_final() else None

                state = wait_for("flow run", final_state, timeout_s=RUN_TIMEOUT_S, process=serve)
                assert state.is_completed(), f"flow run ended {state.type.value}: {state.message}"
                # The run's process reports its final state before it exits; stopping the server under
                # it would make the runner cancel it on the way out.
                wait_for(
                    "run process exit", lambda: not group_members(serve.pid), timeout_s=30, process=serve
                )

        _, rows = query(db, "SELECT count(*) FROM events")
        assert rows[0][0] >= 1
        _, rows = query(db, "SELECT status, articles_read FROM runs")
        assert rows == [("succeeded", 1)]
    except BaseException:
        print(tail(server_log), tail(serve_log), sep="\n")
        raise
