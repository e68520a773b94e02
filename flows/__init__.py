"""Orchestration: sources in, Prefect flow, CLI. Importing this package imports neither prefect nor duckdb."""
