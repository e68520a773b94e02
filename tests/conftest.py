"""Shared test setup: Prefect's environment in a session temp dir, sample paths, a valid event payload."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from flows.settings import configure_prefect_env

# Before any test module imports prefect: it reads PREFECT_HOME and its other settings once, at import.
_PREFECT_HOME = tempfile.mkdtemp(prefix="conflict-events-prefect-")
configure_prefect_env(home=_PREFECT_HOME)
atexit.register(shutil.rmtree, _PREFECT_HOME, ignore_errors=True)

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SEED_ARTICLE = SAMPLES / "seed_article_2026-02-26.txt"
VOA_STORIES = SAMPLES / "voa_stories.jsonl"


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect API (SQLite) for every flow test in the session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield


@pytest.fixture(scope="session")
def seed_article() -> Path:
    """The seed article (.txt with a dateline), as bundled in samples/."""
    return SEED_ARTICLE


@pytest.fixture(scope="session")
def voa_stories() -> Path:
    """The 89 VOA stories (JSON Lines), as bundled in samples/."""
    return VOA_STORIES


def _event_payload(**overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "event_id_cnty": "UKR1234567890",
        "event_date": "2026-02-26",
        "time_precision": 1,
        "sub_event_type": "Air/drone strike",
        "actor1": "Military Forces of Russia (2000-)",
        "inter1": "State forces",
        "actor2": "Civilians (Ukraine)",
        "inter2": "Civilians",
        "civilian_targeting": "Civilians targeted",
        "iso": 804,
        "region": "Europe",
        "country": "Ukraine",
        "admin1": "Kharkiv",
        "location": "Kharkiv",
        "latitude": 49.9935,
        "longitude": 36.2304,
        "geo_precision": 1,
        "source": "Voice of America",
        "source_scale": "International",
        "notes": "On 26 February 2026, Russian drones struck Kharkiv.",
        "fatalities": 2,
        "timestamp": 1772064000,
        "article_id": "test-article",
        "extractor_version": "test",
        "weapons": [{"weapon_type": "drone", "count": 100, "count_qualifier": "about"}],
    }
    payload.update(overrides)
    return payload


@pytest.fixture
def make_event_payload() -> Callable[..., dict[str, Any]]:
    """A factory for a valid raw event payload (as the extractor would emit); keywords override fields."""
    return _event_payload
