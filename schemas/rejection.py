"""Rejections: anything the pipeline could not use, kept with the reason and the raw payload."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from schemas.event import Event


class Stage(StrEnum):
    """The pipeline stage that refused an item."""

    INGEST = "ingest"
    EXTRACT = "extract"
    VALIDATE = "validate"
    LOAD = "load"


class Rejection(BaseModel):
    """An unreadable article or an invalid event, with why it was refused and what it was."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    stage: Stage
    reason: str = Field(min_length=1)
    payload: str
    source: str | None = None
    article_id: str | None = None


def describe_errors(error: ValidationError) -> str:
    """One line per failing field: ``field: reason``."""
    lines = []
    for err in error.errors():
        where = ".".join(str(part) for part in err["loc"]) or "event"
        lines.append(f"{where}: {err['msg']}")
    return "; ".join(lines)


def validate_events(payloads: list[dict[str, Any]]) -> tuple[list[Event], list[Rejection]]:
    """Validate raw event payloads; invalid ones become rejections naming each field and reason."""
    events: list[Event] = []
    rejections: list[Rejection] = []
    for payload in payloads:
        if payload.get("event_date") in (None, ""):
            rejections.append(_rejected(payload, UNDATABLE))
            continue
        try:
            events.append(Event.model_validate(payload))
        except ValidationError as error:
            rejections.append(_rejected(payload, describe_errors(error)))
    return events, rejections


#: Why an event with no date is refused: ACLED codes every event on a day.
UNDATABLE = (
    "event cannot be dated: the text gives no date for it and the article has no publication date "
    "(supply `published`, or a dateline)"
)


def _rejected(payload: dict[str, Any], reason: str) -> Rejection:
    return Rejection(
        stage=Stage.VALIDATE,
        reason=reason,
        payload=json.dumps(payload, default=str, ensure_ascii=False, sort_keys=True),
        article_id=str(payload.get("article_id")) if payload.get("article_id") else None,
    )
