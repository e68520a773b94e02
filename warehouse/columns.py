"""The warehouse's columns as Arrow schemas, and the mapping between pydantic models and rows."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from typing import Any

import pyarrow as pa
from pydantic import BaseModel

from schemas import ACLED_COLUMNS, EXTENSION_COLUMNS, Article, Event, Rejection

_S, _I, _D = pa.string(), pa.int32(), pa.float64()

WEAPON_STRUCT = pa.struct([("weapon_type", _S), ("count", _I), ("count_qualifier", _S)])
EVIDENCE_STRUCT = pa.struct(
    [
        ("field", _S),
        ("sentence", _S),
        ("start", _I),
        ("end", _I),
        ("match", _S),
        ("match_start", _I),
        ("match_end", _I),
    ]
)

#: The events table: ACLED's 31 columns, the extensions, then the run that wrote the row.
EVENT_SCHEMA = pa.schema(
    [
        ("event_id_cnty", _S), ("event_date", pa.date32()), ("year", _I), ("time_precision", _I),
        ("disorder_type", _S), ("event_type", _S), ("sub_event_type", _S), ("actor1", _S),
        ("assoc_actor_1", _S), ("inter1", _S), ("actor2", _S), ("assoc_actor_2", _S), ("inter2", _S),
        ("interaction", _S), ("civilian_targeting", _S), ("iso", _I), ("region", _S), ("country", _S),
        ("admin1", _S), ("admin2", _S), ("admin3", _S), ("location", _S), ("latitude", _D),
        ("longitude", _D), ("geo_precision", _I), ("source", _S), ("source_scale", _S), ("notes", _S),
        ("fatalities", _I), ("tags", _S), ("timestamp", pa.int64()),
        ("article_id", _S), ("weapon_type", _S), ("weapon_count", _I), ("weapon_count_qualifier", _S),
        ("weapons", pa.list_(WEAPON_STRUCT)), ("target", _S), ("target_category", _S), ("injuries", _I),
        ("injuries_qualifier", _S), ("fatalities_qualifier", _S), ("evidence", pa.list_(EVIDENCE_STRUCT)),
        ("extractor_version", _S), ("run_id", _S),
    ]
)  # fmt: skip

EVENT_COLUMNS: tuple[str, ...] = (*ACLED_COLUMNS, *EXTENSION_COLUMNS, "run_id")
#: Event columns derived from other fields (Event properties), so not read back into the model.
DERIVED_EVENT_COLUMNS: tuple[str, ...] = ("weapon_count", "weapon_count_qualifier")
#: The columns that hold the content of an event, so a change in any of them is an update. ``timestamp``
#: is ACLED's "row last written" and is not content: re-coding the same event must not rewrite it.
#: ``source`` is not content either: it is derived from the event's links in event_sources.
EVENT_CONTENT_COLUMNS: tuple[str, ...] = tuple(
    c for c in EVENT_COLUMNS if c not in ("event_id_cnty", "run_id", "timestamp", "source")
)

ARTICLE_SCHEMA = pa.schema(
    [
        ("id", _S), ("url", _S), ("source", _S), ("title", _S), ("text", _S), ("published", _S),
        ("published_date", pa.date32()), ("content_hash", _S), ("first_seen", pa.timestamp("us")),
        ("last_seen", pa.timestamp("us")), ("run_id", _S), ("extractor_version", _S),
    ]
)  # fmt: skip

#: The staged links of a batch: which article reported which event, the event's own source as the
#: fallback for an article the warehouse does not know, and who linked them when.
LINK_SCHEMA = pa.schema(
    [
        ("event_id_cnty", _S), ("article_id", _S), ("event_source", _S), ("run_id", _S),
        ("first_seen", pa.timestamp("us")),
    ]
)  # fmt: skip

REJECTION_SCHEMA = pa.schema(
    [
        ("id", _S), ("run_id", _S), ("stage", _S), ("reason", _S), ("source", _S), ("article_id", _S),
        ("payload", _S), ("recorded_at", pa.timestamp("us")),
    ]
)  # fmt: skip


def plain(value: Any) -> Any:
    """A model value as DuckDB stores it: enums as their values, nested models as dicts."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    return value


def rejection_id(rejection: Rejection) -> str:
    """A deterministic id for a rejection, so the same refusal recorded twice is one row."""
    key = "\x1f".join((rejection.stage.value, rejection.reason, rejection.payload))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _published_text(published: date | datetime | None) -> str | None:
    return published.isoformat() if published is not None else None


def events_table(events: Iterable[Event], *, run_id: str) -> pa.Table:
    """An Arrow table of events, columns in the events table's order."""
    events = list(events)
    columns = {name: [plain(getattr(e, name)) for e in events] for name in EVENT_COLUMNS if name != "run_id"}
    columns["run_id"] = [run_id] * len(events)
    return pa.table(columns, schema=EVENT_SCHEMA)


def articles_table(
    articles: Iterable[Article], *, run_id: str, now: datetime, extractor_version: str | None = None
) -> pa.Table:
    """An Arrow table of articles seen at ``now`` by ``run_id`` and coded by ``extractor_version``."""
    rows = [
        {
            "id": a.id,
            "url": a.url,
            "source": a.source,
            "title": a.title,
            "text": a.text,
            "published": _published_text(a.published),
            "published_date": a.published_date,
            "content_hash": a.content_hash,
            "first_seen": now,
            "last_seen": now,
            "run_id": run_id,
            "extractor_version": extractor_version,
        }
        for a in articles
    ]
    return pa.Table.from_pylist(rows, schema=ARTICLE_SCHEMA)


def links_table(events: Iterable[Event], *, run_id: str, now: datetime) -> pa.Table:
    """An Arrow table of (event, article) links, one per pair; the last event of a pair gives the source."""
    pairs = {(e.event_id_cnty, e.article_id): e.source for e in events}
    rows = [
        {
            "event_id_cnty": event_id,
            "article_id": article_id,
            "event_source": source,
            "run_id": run_id,
            "first_seen": now,
        }
        for (event_id, article_id), source in pairs.items()
    ]
    return pa.Table.from_pylist(rows, schema=LINK_SCHEMA)


def rejections_table(rejections: Iterable[Rejection], *, run_id: str, now: datetime) -> pa.Table:
    """An Arrow table of rejections recorded at ``now`` by ``run_id``."""
    rows = [
        {
            "id": rejection_id(r),
            "run_id": run_id,
            "stage": r.stage.value,
            "reason": r.reason,
            "source": r.source,
            "article_id": r.article_id,
            "payload": r.payload,
            "recorded_at": now,
        }
        for r in rejections
    ]
    return pa.Table.from_pylist(rows, schema=REJECTION_SCHEMA)


def event_from_row(row: dict[str, Any]) -> Event:
    """Rebuild an Event from an events row (a dict keyed by column name)."""
    fields = {name: row[name] for name in Event.model_fields}
    return Event.model_validate(fields)
