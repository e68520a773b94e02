"""Run the CLI in a subprocess and fail if the command imported a layer it must not need."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

GUARDED_MAIN = textwrap.dedent(
    """
    import sys
    from flows.cli import main
    status = main(sys.argv[1:])
    heavy = sorted({"prefect", "duckdb", "warehouse"} & set(sys.modules))
    if heavy:
        sys.exit(f"the command imported {heavy}")
    sys.exit(status)
    """
)


def run_guarded(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``conflict-events ARGS`` in a fresh interpreter from the repository root, with the import guard."""
    return subprocess.run(
        [sys.executable, "-c", GUARDED_MAIN, *args], cwd=REPO, capture_output=True, text=True, timeout=timeout
    )
