"""Faults: a run killed with SIGKILL in the middle of a load leaves the database as it was before that
batch, and the next run completes the work with no duplicates and nothing lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from flows.cli import run_state
from flows.pipeline import run_pipeline
from warehouse import query, recent_runs

#: Violent VOA stories (line numbers in samples/voa_stories.jsonl): each gives events.
STORIES = (17, 19, 24, 45)
TABLES = ("articles", "events", "event_sources", "rejected")

# Runs the real CLI (`conflict-events run`, Prefect flow and all) in a child process, pausing inside the
# second batch's load transaction, after its articles and events are written and before it commits.
KILLED_RUN = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import warehouse.load as load

    marker = Path(sys.argv[1])
    real = load._insert_links
    calls = []

    def paused(con):
        calls.append(1)
        written = real(con)
        if len(calls) == 2:
            marker.write_text("inside the second batch's transaction")
            time.sleep(300)
        return written

    load._insert_links = paused
    from flows.cli import main
    sys.exit(main(["run", *sys.argv[3:], "--db", sys.argv[2], "--batch-size", "2"]))
    """
)


def counts(db: str) -> dict[str, int]:
    return {table: query(db, f"SELECT count(*) FROM {table}")[1][0][0] for table in TABLES}


def contents(db: str) -> list[tuple]:
    _, rows = query(
        db,
        "SELECT e.event_id_cnty, e.fatalities, e.admin1, l.article_id FROM events e "
        "JOIN event_sources l USING (event_id_cnty) ORDER BY ALL",
    )
    return rows


@pytest.fixture
def stories(tmp_path: Path, voa_stories: Path) -> Path:
    lines = voa_stories.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "stories.jsonl"
    path.write_text("".join(lines[i] + "\n" for i in STORIES), encoding="utf-8")
    return path


@pytest.mark.usefixtures("prefect_harness")
def test_sigkill_mid_load_loses_nothing_and_the_next_run_completes(tmp_path: Path, stories: Path) -> None:
    reference = str(tmp_path / "reference.duckdb")
    run_pipeline([str(stories)], db_path=reference, batch_size=2)
    assert counts(reference)["events"] > 0

    db = str(tmp_path / "events.duckdb")
    marker = tmp_path / "paused"
    script = tmp_path / "killed_run.py"
    script.write_text(KILLED_RUN, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}  # its own ephemeral server
    env["PREFECT_HOME"] = str(tmp_path / "prefect-child")
    log = (tmp_path / "child.log").open("w")
    child = subprocess.Popen(
        [sys.executable, str(script), str(marker), db, str(stories)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: the kill takes Prefect's server with it
    )
    try:
        deadline = time.monotonic() + 240
        while not marker.exists():
            assert child.poll() is None, (tmp_path / "child.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "the child never reached the second load"
            time.sleep(0.2)
        os.killpg(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
        log.close()
    assert child.returncode == -signal.SIGKILL

    # The first batch (2 articles) committed; nothing of the second is there, though it was written
    # inside its transaction when the process died.
    after_kill = counts(db)
    assert after_kill["articles"] == 2
    [killed] = recent_runs(db)
    assert killed["status"] == "running" and run_state(killed) == "interrupted"

    report = run_pipeline([str(stories)], db_path=db, batch_size=2)

    assert report.counts["articles_skipped"] == 2, "the committed batch is not coded again"
    assert counts(db) == counts(reference), "no duplicates, nothing lost"
    assert contents(db) == contents(reference)
