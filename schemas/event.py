"""The Event model: ACLED's 31 export columns plus this project's extensions."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.taxonomy import (
    DisorderType,
    EventType,
    Inter,
    SubEventType,
    check_pairing,
    disorder_type_of,
    event_type_of,
    interaction_code,
    interaction_label,
)

#: ACLED's export columns, in ACLED's order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip

#: Flat extension columns that follow ACLED's in exports (nested ones travel as JSON).
EXTENSION_COLUMNS: tuple[str, ...] = (
    "article_id", "weapon_type", "weapon_count", "weapon_count_qualifier", "weapons", "target",
    "target_category", "injuries", "injuries_qualifier", "fatalities_qualifier", "evidence",
    "extractor_version",
)  # fmt: skip

CIVILIANS_TARGETED = "Civilians targeted"
EVENT_ID_PATTERN = r"^[A-Z]{3}\d{1,12}$"


class CountQualifier(StrEnum):
    """How a reported count is hedged."""

    EXACT = "exact"
    MORE_THAN = "more than"
    AT_LEAST = "at least"
    ABOUT = "about"
    UP_TO = "up to"


class WeaponType(StrEnum):
    """The kinds of weapon the extractor tells apart."""

    DRONE = "drone"
    MISSILE = "missile"
    ROCKET = "rocket"
    ARTILLERY = "artillery"
    AIR_DROPPED_BOMB = "air-dropped bomb"
    SMALL_ARMS = "small arms"
    IED_LANDMINE = "IED/landmine"
    GRENADE = "grenade"
    OTHER = "other"


class TargetCategory(StrEnum):
    """What kind of thing an attack hit."""

    ENERGY_INFRASTRUCTURE = "energy infrastructure"
    RESIDENTIAL = "residential"
    SCHOOL = "school"
    HOSPITAL_MEDICAL = "hospital/medical"
    TRANSPORT = "transport"
    MILITARY = "military"
    GOVERNMENT = "government"
    COMMERCIAL = "commercial"
    RELIGIOUS = "religious"
    AGRICULTURAL = "agricultural"
    OTHER = "other"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Weapon(_Strict):
    """One weapon used in an event, with how many and how sure the count is."""

    weapon_type: WeaponType
    count: Annotated[int, Field(ge=0)] | None = None
    count_qualifier: CountQualifier | None = None

    @model_validator(mode="after")
    def _qualifier_needs_count(self) -> Weapon:
        if self.count_qualifier is not None and self.count is None:
            raise ValueError("count_qualifier is set but count is missing")
        return self


class Evidence(_Strict):
    """Where an extracted field came from: the sentence and the matched words, as offsets."""

    field: str = Field(min_length=1)
    sentence: str
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    match: str = ""
    match_start: Annotated[int, Field(ge=0)] | None = None
    match_end: Annotated[int, Field(ge=0)] | None = None

    @model_validator(mode="after")
    def _offsets_ordered(self) -> Evidence:
        if self.end < self.start:
            raise ValueError(f"evidence end {self.end} is before start {self.start}")
        has_match = self.match_start is not None and self.match_end is not None
        if has_match and not self.start <= self.match_start <= self.match_end <= self.end:
            raise ValueError("evidence match offsets lie outside the sentence")
        return self


def make_event_id(alpha3: str, *parts: object) -> str:
    """A deterministic ACLED-style id: the country's alpha-3 code and a number hashed from ``parts``."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{alpha3.upper()}{int(digest[:15], 16) % 10**10}"


class Event(_Strict):
    """One ACLED-style event: one day, one location, one actor pair, one event type."""

    # --- ACLED's 31 columns -------------------------------------------------------------------
    event_id_cnty: str = Field(pattern=EVENT_ID_PATTERN)
    event_date: date
    year: int
    time_precision: Annotated[int, Field(ge=1, le=3)]
    disorder_type: DisorderType
    event_type: EventType
    sub_event_type: SubEventType
    actor1: str = Field(min_length=1)
    assoc_actor_1: str = ""
    inter1: Inter
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: Inter | None = None
    interaction: str
    civilian_targeting: str = ""
    iso: Annotated[int, Field(ge=1, le=999)]
    region: str = Field(min_length=1)
    country: str = Field(min_length=1)
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    location: str = Field(min_length=1)
    latitude: Annotated[float, Field(ge=-90, le=90)]
    longitude: Annotated[float, Field(ge=-180, le=180)]
    geo_precision: Annotated[int, Field(ge=1, le=3)]
    source: str = ""
    source_scale: str = ""
    notes: str = ""
    fatalities: Annotated[int, Field(ge=0)] = 0
    tags: str = ""
    timestamp: Annotated[int, Field(ge=0)]

    # --- extensions -----------------------------------------------------------------------------
    article_id: str = Field(min_length=1)
    weapons: tuple[Weapon, ...] = ()
    weapon_type: WeaponType | None = None
    target: str | None = None
    target_category: TargetCategory | None = None
    injuries: Annotated[int, Field(ge=0)] | None = None
    injuries_qualifier: CountQualifier | None = None
    fatalities_qualifier: CountQualifier | None = None
    evidence: tuple[Evidence, ...] = ()
    extractor_version: str = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _derive(cls, data: Any) -> Any:
        """Fill the columns that follow from others, when the caller left them out."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        sub = data.get("sub_event_type")
        try:
            sub_enum = SubEventType(sub) if sub is not None else None
        except ValueError:
            sub_enum = None  # the field validator reports it
        if sub_enum is not None:
            data.setdefault("event_type", event_type_of(sub_enum))
            data.setdefault("disorder_type", disorder_type_of(sub_enum))
        event_date = data.get("event_date")
        if isinstance(event_date, date):
            data.setdefault("year", event_date.year)
        elif isinstance(event_date, str) and re.match(r"^\d{4}-", event_date):
            data.setdefault("year", int(event_date[:4]))
        if "interaction" not in data and data.get("inter1") is not None:
            try:
                inter2 = data.get("inter2")
                data["interaction"] = interaction_label(
                    Inter(data["inter1"]), Inter(inter2) if inter2 is not None else None
                )
            except ValueError:
                pass  # the field validators report the bad inter
        weapons = data.get("weapons")
        if weapons and "weapon_type" not in data:
            first = weapons[0]
            data["weapon_type"] = first.weapon_type if isinstance(first, Weapon) else first.get("weapon_type")
        return data

    @model_validator(mode="after")
    def _check_consistency(self) -> Event:
        """Enforce the codebook's cross-field rules."""
        check_pairing(self.sub_event_type, self.event_type)
        expected_disorder = disorder_type_of(self.sub_event_type)
        if self.disorder_type is not expected_disorder:
            raise ValueError(
                f"disorder_type for {self.sub_event_type.value!r} is {expected_disorder.value!r}, "
                f"not {self.disorder_type.value!r}"
            )
        if self.year != self.event_date.year:
            raise ValueError(f"year {self.year} does not match event_date {self.event_date}")
        expected_interaction = interaction_label(self.inter1, self.inter2)
        if self.interaction != expected_interaction:
            raise ValueError(
                f"interaction {self.interaction!r} does not follow from inter1/inter2; "
                f"expected {expected_interaction!r}"
            )
        if bool(self.actor2) != (self.inter2 is not None):
            raise ValueError("actor2 and inter2 must be given together")
        if self.civilian_targeting not in ("", CIVILIANS_TARGETED):
            raise ValueError(f"civilian_targeting must be blank or {CIVILIANS_TARGETED!r}")
        if self.civilian_targeting and Inter.CIVILIANS not in (self.inter1, self.inter2):
            raise ValueError("civilian_targeting is set but neither actor is Civilians")
        if self.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS and self.inter2 is not Inter.CIVILIANS:
            raise ValueError("Violence against civilians needs the victim (inter2 Civilians) as actor2")
        main = self.weapons[0].weapon_type if self.weapons else None
        if self.weapon_type is not main:
            raise ValueError(f"weapon_type {self.weapon_type} is not the first weapon's type {main}")
        if self.injuries_qualifier is not None and self.injuries is None:
            raise ValueError("injuries_qualifier is set but injuries is missing")
        if not self.event_id_cnty[:3].isalpha():
            raise ValueError("event_id_cnty must start with the country's alpha-3 code")
        return self

    @property
    def inter1_code(self) -> int:
        """inter1 as ACLED's old numeric code."""
        return self.inter1.code

    @property
    def inter2_code(self) -> int:
        """inter2 as ACLED's old numeric code (0 when there is no second actor)."""
        return self.inter2.code if self.inter2 is not None else 0

    @property
    def interaction_code(self) -> int:
        """interaction as ACLED's old numeric code."""
        return interaction_code(self.inter1, self.inter2)

    @property
    def weapon_count(self) -> int | None:
        """The count of the main weapon."""
        return self.weapons[0].count if self.weapons else None

    @property
    def weapon_count_qualifier(self) -> CountQualifier | None:
        """The qualifier of the main weapon's count."""
        return self.weapons[0].count_qualifier if self.weapons else None
