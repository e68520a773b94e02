"""The shared contract: pydantic models for articles, events and rejections."""

from schemas.article import Article, content_hash
from schemas.event import (
    ACLED_COLUMNS,
    CIVILIANS_TARGETED,
    EXTENSION_COLUMNS,
    CountQualifier,
    Event,
    Evidence,
    TargetCategory,
    Weapon,
    WeaponType,
    make_event_id,
)
from schemas.rejection import Rejection, Stage, describe_errors, validate_events
from schemas.taxonomy import (
    SUB_EVENT_TYPES,
    DisorderType,
    EventType,
    Inter,
    SubEventType,
    check_pairing,
    disorder_type_of,
    event_type_of,
    first_by_precedence,
    interaction_code,
    interaction_label,
)

__all__ = [
    "ACLED_COLUMNS",
    "CIVILIANS_TARGETED",
    "EXTENSION_COLUMNS",
    "SUB_EVENT_TYPES",
    "Article",
    "CountQualifier",
    "DisorderType",
    "Event",
    "EventType",
    "Evidence",
    "Inter",
    "Rejection",
    "Stage",
    "SubEventType",
    "TargetCategory",
    "Weapon",
    "WeaponType",
    "check_pairing",
    "content_hash",
    "describe_errors",
    "disorder_type_of",
    "event_type_of",
    "first_by_precedence",
    "interaction_code",
    "interaction_label",
    "make_event_id",
    "validate_events",
]
