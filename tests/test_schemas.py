"""Schema rules: taxonomy pairing, derived columns, ranges, and errors that name the field."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from schemas import (
    ACLED_COLUMNS,
    SUB_EVENT_TYPES,
    Article,
    DisorderType,
    Event,
    EventType,
    Inter,
    SubEventType,
    interaction_code,
    interaction_label,
    make_event_id,
    validate_events,
)


def base_payload(**overrides) -> dict:
    """A valid Air/drone strike in Odesa, with any field overridden."""
    payload = {
        "event_id_cnty": make_event_id("UKR", "odesa"),
        "event_date": date(2026, 2, 26),
        "time_precision": 1,
        "sub_event_type": "Air/drone strike",
        "actor1": "Military Forces of Russia (2000-)",
        "inter1": "State forces",
        "iso": 804,
        "region": "Europe",
        "country": "Ukraine",
        "admin1": "Odesa",
        "location": "Odesa",
        "latitude": 46.4857,
        "longitude": 30.7438,
        "geo_precision": 3,
        "timestamp": 1_772_000_000,
        "article_id": "seed",
        "extractor_version": "test",
        "weapons": [{"weapon_type": "drone", "count": 420, "count_qualifier": "about"}],
    }
    payload.update(overrides)
    return payload


def test_event_has_acled_columns_in_order():
    assert list(Event.model_fields)[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert len(ACLED_COLUMNS) == 31


def test_derived_columns_are_filled():
    event = Event.model_validate(base_payload())
    assert event.event_type is EventType.EXPLOSIONS
    assert event.disorder_type is DisorderType.POLITICAL_VIOLENCE
    assert event.year == 2026
    assert event.interaction == "State forces only"
    assert event.weapon_type.value == "drone"
    assert (event.inter1_code, event.inter2_code, event.interaction_code) == (1, 0, 10)


@pytest.mark.parametrize("sub_event", list(SubEventType), ids=lambda s: s.value)
def test_every_sub_event_type_maps_to_an_event_and_disorder_type(sub_event):
    event_type, disorder = SUB_EVENT_TYPES[sub_event]
    assert isinstance(event_type, EventType) and isinstance(disorder, DisorderType)


def test_taxonomy_sizes():
    assert len(SubEventType) == 25 and len(EventType) == 6
    assert {t for t, _ in SUB_EVENT_TYPES.values()} == set(EventType)


@pytest.mark.parametrize(
    ("inter1", "inter2", "label", "code"),
    [
        (Inter.STATE_FORCES, Inter.CIVILIANS, "State forces-Civilians", 17),
        (Inter.CIVILIANS, Inter.STATE_FORCES, "State forces-Civilians", 17),
        (Inter.PROTESTERS, None, "Protesters only", 60),
        (Inter.REBEL_GROUP, Inter.STATE_FORCES, "State forces-Rebel group", 12),
    ],
    ids=["17", "71-is-17", "protesters-only", "12"],
)
def test_interaction_smaller_code_first(inter1, inter2, label, code):
    assert interaction_label(inter1, inter2) == label
    assert interaction_code(inter1, inter2) == code


@pytest.mark.parametrize(
    ("overrides", "field", "reason"),
    [
        ({"event_type": "Battles"}, "", "belongs to event_type"),
        ({"disorder_type": "Demonstrations"}, "", "disorder_type for"),
        ({"sub_event_type": "Drone strike"}, "sub_event_type", "Input should be"),
        ({"fatalities": -1}, "fatalities", "greater than or equal to 0"),
        ({"latitude": 91.0}, "latitude", "less than or equal to 90"),
        ({"geo_precision": 4}, "geo_precision", "less than or equal to 3"),
        ({"time_precision": 0}, "time_precision", "greater than or equal to 1"),
        ({"iso": 0}, "iso", "greater than or equal to 1"),
        ({"interaction": "State forces-Civilians"}, "", "does not follow from inter1/inter2"),
        ({"year": 2025}, "", "does not match event_date"),
        ({"actor2": "Civilians (Ukraine)"}, "", "actor2 and inter2 must be given together"),
        ({"civilian_targeting": "Civilians targeted"}, "", "neither actor is Civilians"),
        ({"sub_event_type": "Attack"}, "", "needs the victim"),
        ({"weapon_type": "missile"}, "", "is not the first weapon's type"),
        ({"event_id_cnty": "ukr-1"}, "event_id_cnty", "String should match pattern"),
        (
            {"weapons": [{"weapon_type": "drone", "count_qualifier": "about"}]},
            "weapons.0",
            "count is missing",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_invalid_event_names_field_and_reason(overrides, field, reason):
    with pytest.raises(ValidationError) as info:
        Event.model_validate(base_payload(**overrides))
    messages = [(".".join(str(p) for p in e["loc"]), e["msg"]) for e in info.value.errors()]
    assert any(loc.startswith(field) and reason in msg for loc, msg in messages), messages


def test_violence_against_civilians_needs_civilian_victim():
    event = Event.model_validate(
        base_payload(
            sub_event_type="Attack",
            actor2="Civilians (Ukraine)",
            inter2="Civilians",
            civilian_targeting="Civilians targeted",
        )
    )
    assert event.interaction == "State forces-Civilians"


def test_validate_events_splits_valid_from_rejected():
    events, rejected = validate_events([base_payload(), base_payload(fatalities=-3, article_id="bad")])
    assert len(events) == 1 and len(rejected) == 1
    assert rejected[0].stage.value == "validate"
    assert "fatalities" in rejected[0].reason and rejected[0].article_id == "bad"
    assert '"fatalities": -3' in rejected[0].payload


def test_event_id_is_deterministic():
    assert make_event_id("UKR", 1, "a") == make_event_id("ukr", 1, "a")
    assert make_event_id("UKR", 1, "a") != make_event_id("UKR", 1, "b")


def test_article_hash_and_blank_text():
    article = Article(id="a", text="Shelling hit Kharkiv.", published="2026-02-26")
    assert len(article.content_hash) == 64 and article.published_date == date(2026, 2, 26)
    with pytest.raises(ValidationError, match="blank"):
        Article(id="a", text="   ")
