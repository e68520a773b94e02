"""What the warehouse already holds, for incremental runs and reprocessing: articles by id and content
hash, and stored articles to code again."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import duckdb
import pyarrow as pa
from pydantic import ValidationError

from schemas import Article, parse_published
from warehouse.errors import WarehouseError, wrapped

_STORED_HASHES = """
SELECT a.id, a.content_hash FROM articles AS a
WHERE a.id IN (SELECT id FROM _stage_ids)
"""

# Articles to code again: those an older (or unknown) extractor version coded, unless every one is asked
# for; `since` compares with the publication day, or for an undated article the day it was first seen.
_STORED_ARTICLES = """
SELECT id, url, source, title, text, published FROM articles
WHERE (? OR extractor_version IS DISTINCT FROM ?)
    AND (CAST(? AS DATE) IS NULL OR coalesce(published_date, CAST(first_seen AS DATE)) >= CAST(? AS DATE))
ORDER BY coalesce(published_date, CAST(first_seen AS DATE)), id
"""


@dataclass(frozen=True)
class Plan:
    """Which articles of a batch to code: new or changed ones, and the ids skipped as unchanged."""

    to_code: list[Article]
    skipped: list[str]
    changed: list[str]


def plan_batch(con: duckdb.DuckDBPyConnection, articles: Iterable[Article]) -> Plan:
    """Split articles into those to code (new, or whose text changed) and those already coded as they are."""
    articles = list(articles)
    stored = stored_hashes(con, [a.id for a in articles])
    to_code, skipped, changed = [], [], []
    for article in articles:
        held = stored.get(article.id)
        if held == article.content_hash:
            skipped.append(article.id)
            continue
        if held is not None:
            changed.append(article.id)
        to_code.append(article)
    return Plan(to_code=to_code, skipped=skipped, changed=changed)


def stored_hashes(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> dict[str, str]:
    """The stored content hash of each of ``ids`` the warehouse holds."""
    ids = sorted(set(ids))
    if not ids:
        return {}
    con.register("_stage_ids", pa.table({"id": pa.array(ids, pa.string())}))
    try:
        with wrapped("cannot read stored article hashes"):
            return dict(con.execute(_STORED_HASHES).fetchall())
    finally:
        con.unregister("_stage_ids")


def stored_articles(
    con: duckdb.DuckDBPyConnection, *, extractor_version: str, since: date | None = None, every: bool = False
) -> list[Article]:
    """Stored articles that ``extractor_version`` has not coded (every one if ``every``), from ``since``."""
    with wrapped("cannot read stored articles"):
        rows = con.execute(_STORED_ARTICLES, [every, extractor_version, since, since]).fetchall()
    articles = []
    for article_id, url, source, title, text, published in rows:
        try:
            articles.append(
                Article(
                    id=article_id,
                    url=url,
                    source=source,
                    title=title,
                    text=text,
                    published=parse_published(published),
                )
            )
        except (ValidationError, ValueError) as error:
            raise WarehouseError(f"stored article {article_id!r} no longer validates: {error}") from error
    return articles
