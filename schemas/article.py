"""The Article model: one news story as ingested."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_validator


def content_hash(text: str) -> str:
    """SHA-256 of an article's text, the key that tells a changed article from a seen one."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_published(value: Any) -> date | datetime | None:
    """An ISO date or datetime (``2025-03-14``, ``2025-03-14 20:30:26Z``); raises ValueError otherwise.
    Reads what sources give and what the warehouse stores (``Article.published.isoformat()``)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"published must be a string, got {type(value).__name__}")
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return date.fromisoformat(value)
    return datetime.fromisoformat(value)


class Article(BaseModel):
    """A news article: its identity, provenance and text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=512)
    text: str = Field(min_length=1)
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: date | datetime | None = None

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("article text is blank")
        return value

    @computed_field  # type: ignore[prop-decorator]
    @property
    def content_hash(self) -> str:
        """SHA-256 of the text."""
        return content_hash(self.text)

    @property
    def published_date(self) -> date | None:
        """The publication day, whether published holds a date or a datetime."""
        if isinstance(self.published, datetime):
            return self.published.date()
        return self.published
