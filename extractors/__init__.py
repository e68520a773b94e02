"""Text in, typed events out: the spaCy pipeline and the ACLED coder. Imports neither prefect nor duckdb."""

from extractors.api import ArticleResult, extract, load_pipeline
from extractors.version import EXTRACTOR_VERSION

__all__ = ["EXTRACTOR_VERSION", "ArticleResult", "extract", "load_pipeline"]
