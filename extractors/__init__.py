"""Text in, typed events out: the spaCy pipeline and the ACLED coder. Imports neither prefect nor duckdb."""

from extractors.api import EXTRACTOR_VERSION, ArticleResult, extract, load_pipeline

__all__ = ["EXTRACTOR_VERSION", "ArticleResult", "extract", "load_pipeline"]
