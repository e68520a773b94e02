"""The import-direction rule: flows → (extractors | warehouse) → schemas, and nothing points back."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
STDLIB = frozenset(sys.stdlib_module_names) | {"__future__"}


def imported_roots(path: Path) -> set[str]:
    """The top-level package of every import in a module (relative imports count as the module's own)."""
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            roots.add(path.relative_to(REPO).parts[0] if node.level else (node.module or "").split(".")[0])
    return roots


def modules(package: str) -> list[Path]:
    found = sorted((REPO / package).rglob("*.py"))
    assert found, f"no modules in {package}/"
    return found


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(REPO)) for p in paths]


@pytest.mark.parametrize("path", modules("schemas"), ids=_ids(modules("schemas")))
def test_schemas_import_only_pydantic_and_stdlib(path: Path) -> None:
    assert imported_roots(path) - STDLIB - {"pydantic", "schemas"} == set()


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("extractors", {"prefect", "duckdb", "warehouse", "flows"}),
        ("warehouse", {"prefect", "extractors", "flows"}),
    ],
    ids=["extractors", "warehouse"],
)
def test_layer_does_not_import(package: str, forbidden: set[str]) -> None:
    offenders = {
        str(path.relative_to(REPO)): sorted(imported_roots(path) & forbidden)
        for path in modules(package)
        if imported_roots(path) & forbidden
    }
    assert offenders == {}


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=REPO, capture_output=True, text=True, timeout=300
    )


def test_extractors_load_without_prefect_or_duckdb() -> None:
    result = run_python(
        """
        import sys
        import extractors
        extractors.load_pipeline()
        heavy = sorted({"prefect", "duckdb", "warehouse", "flows"} & set(sys.modules))
        assert not heavy, heavy
        """
    )
    assert result.returncode == 0, result.stderr


def test_flows_package_and_cli_import_without_prefect_or_duckdb() -> None:
    result = run_python(
        """
        import sys
        import flows, flows.cli, flows.sources, flows.settings
        heavy = sorted({"prefect", "duckdb", "spacy"} & set(sys.modules))
        assert not heavy, heavy
        """
    )
    assert result.returncode == 0, result.stderr


def test_warehouse_imports_without_prefect_or_the_extractor() -> None:
    result = run_python(
        """
        import sys
        import warehouse
        heavy = sorted({"prefect", "spacy", "extractors", "flows"} & set(sys.modules))
        assert not heavy, heavy
        """
    )
    assert result.returncode == 0, result.stderr
