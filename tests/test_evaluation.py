"""Scoring extracted events against gold: loading, matching, arithmetic, confusion, and the CLI."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from guarded_cli import run_guarded
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.evaluation import (
    GoldArticle,
    GoldEvent,
    GoldFormatError,
    can_match,
    load_gold,
    match_events,
    normalize_text,
    score,
    select_split,
)
from schemas import Event, event_type_of

REPO = Path(__file__).resolve().parents[1]
DAY = date(2026, 2, 26)
SEED_ID = "seed_article_2026-02-26"


def gold_event(**overrides: Any) -> GoldEvent:
    """A gold event: a Russian drone strike on Kharkiv on DAY; keywords override fields."""
    data: dict[str, Any] = {
        "event_date": DAY.isoformat(),
        "time_precision": 1,
        "sub_event_type": "Air/drone strike",
        "actor1": "Military Forces of Russia (2000-)",
        "inter1": "External/Other forces",
        "actor2": None,
        "inter2": None,
        "country": "Ukraine",
        "admin1": "Kharkiv",
        "location": "Kharkiv",
        "geo_precision": 1,
        "fatalities": 0,
        "injuries": None,
        "weapons": [],
        "target_category": None,
        "evidence": "Russian drones struck Kharkiv.",
    }
    data.update(overrides)
    data.setdefault("event_type", event_type_of(data["sub_event_type"]).value)
    return GoldEvent.model_validate(data)


@pytest.fixture
def predicted(make_event_payload: Callable[..., dict[str, Any]]) -> Callable[..., Event]:
    """A factory for predicted events, with the same defaults as gold_event."""

    def make(**overrides: Any) -> Event:
        data: dict[str, Any] = {
            "inter1": "External/Other forces",
            "actor2": "",
            "inter2": None,
            "civilian_targeting": "",
            "fatalities": 0,
            "weapons": [],
        }
        data.update(overrides)
        if isinstance(data.get("event_date"), date):
            data["event_date"] = data["event_date"].isoformat()
        return Event.model_validate(make_event_payload(**data))

    return make


# --- matching -----------------------------------------------------------------------------------

MATCH_CASES = [
    ("same", {}, {}, True),
    ("one-day-later", {}, {"event_date": DAY + timedelta(days=1)}, True),
    ("one-day-earlier", {}, {"event_date": DAY - timedelta(days=1)}, True),
    ("two-days-apart", {}, {"event_date": DAY + timedelta(days=2)}, False),
    ("other-admin1", {}, {"admin1": "Odesa", "location": "Odesa"}, False),
    ("admin1-case-and-accents", {"admin1": "Zaporizhzhia"}, {"admin1": "ZAPORÍZHZHIA"}, True),
    ("gold-admin1-empty", {"admin1": None}, {}, False),
    ("other-event-type", {}, {"sub_event_type": "Armed clash", "inter1": "State forces"}, False),
    ("same-type-other-sub-type", {}, {"sub_event_type": "Shelling/artillery/missile attack"}, True),
    ("other-location-same-admin1", {}, {"location": "Chuhuiv"}, True),
]


@pytest.mark.parametrize(
    ("gold_overrides", "predicted_overrides", "expected"),
    [case[1:] for case in MATCH_CASES],
    ids=[case[0] for case in MATCH_CASES],
)
def test_can_match(
    predicted: Callable[..., Event],
    gold_overrides: dict[str, Any],
    predicted_overrides: dict[str, Any],
    expected: bool,
) -> None:
    assert can_match(gold_event(**gold_overrides), predicted(**predicted_overrides)) is expected
    assert bool(match_events([gold_event(**gold_overrides)], [predicted(**predicted_overrides)])) is expected


D0, D1, D2 = DAY, DAY + timedelta(days=1), DAY + timedelta(days=2)
ASSIGNMENT_CASES = [
    # (id, gold overrides, predicted overrides, expected (gold, predicted) pairs)
    ("two-gold-one-predicted", [{}, {}], [{}], [(0, 0)]),
    ("one-gold-two-predicted", [{}], [{}, {}], [(0, 0)]),
    ("prefers-exact-date", [{}], [{"event_date": D1}, {"event_date": D0}], [(0, 1)]),
    (
        "prefers-same-sub-type",
        [{}],
        [{"sub_event_type": "Shelling/artillery/missile attack"}, {}],
        [(0, 1)],
    ),
    ("prefers-same-location", [{}], [{"location": "Chuhuiv"}, {}], [(0, 1)]),
    # Greedy on exact dates would pair gold 1 with predicted 0 and leave gold 0 unmatched.
    (
        "most-matches-before-exact-dates",
        [{"event_date": D0}, {"event_date": D1}],
        [{"event_date": D1}, {"event_date": D2}],
        [(0, 0), (1, 1)],
    ),
    ("none", [{}], [{"admin1": "Odesa"}], []),
]


@pytest.mark.parametrize(
    ("gold_overrides", "predicted_overrides", "expected"),
    [case[1:] for case in ASSIGNMENT_CASES],
    ids=[case[0] for case in ASSIGNMENT_CASES],
)
def test_match_events_is_one_to_one_and_prefers_closer_pairs(
    predicted: Callable[..., Event],
    gold_overrides: list[dict[str, Any]],
    predicted_overrides: list[dict[str, Any]],
    expected: list[tuple[int, int]],
) -> None:
    gold = [gold_event(**o) for o in gold_overrides]
    events = [predicted(**o) for o in predicted_overrides]
    assert match_events(gold, events) == expected


_ATTRIBUTES = st.tuples(
    st.integers(0, 2),  # day offset
    st.sampled_from(["Kharkiv", "KHARKIV", "Odesa"]),  # admin1
    # Air/drone strike twice: more same-type candidates make the cardinality-vs-preference cases likelier.
    st.sampled_from(
        ["Air/drone strike", "Air/drone strike", "Shelling/artillery/missile attack", "Armed clash"]
    ),
    st.sampled_from(["Kharkiv", "Chuhuiv"]),  # location
)


def _objective(gold: list[GoldEvent], events: list[Event], pairs: list[tuple[int, int]]) -> tuple[int, ...]:
    chosen = [(gold[i], events[j]) for i, j in pairs]
    return (
        len(chosen),
        sum(g.event_date == p.event_date for g, p in chosen),
        sum(g.sub_event_type is p.sub_event_type for g, p in chosen),
        sum(normalize_text(g.location) == normalize_text(p.location) for g, p in chosen),
    )


# The factory fixture is stateless, so sharing it across examples is safe.
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_ATTRIBUTES, max_size=4), st.lists(_ATTRIBUTES, max_size=4))
def test_match_events_is_optimal(
    predicted: Callable[..., Event],
    gold_attrs: list[tuple[Any, ...]],
    predicted_attrs: list[tuple[Any, ...]],
) -> None:
    """Checked against brute force over every one-to-one assignment."""

    def fields(offset: int, admin1: str, sub: str, location: str) -> dict[str, Any]:
        inter1 = "State forces" if sub == "Armed clash" else "External/Other forces"
        when = (DAY + timedelta(days=offset)).isoformat()
        return {
            "event_date": when,
            "admin1": admin1,
            "sub_event_type": sub,
            "location": location,
            "inter1": inter1,
        }

    gold = [gold_event(**fields(*a)) for a in gold_attrs]
    events = [predicted(**fields(*a)) for a in predicted_attrs]
    pairs = match_events(gold, events)
    assert all(can_match(gold[i], events[j]) for i, j in pairs)
    assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
    best = max(
        _objective(
            gold,
            events,
            [(i, j) for i, j in enumerate(perm) if j is not None and can_match(gold[i], events[j])],
        )
        for perm in itertools.permutations([*range(len(events)), *[None] * len(gold)], len(gold))
    )
    assert _objective(gold, events, pairs) == best


def test_normalize_text_ignores_case_accents_and_spacing() -> None:
    assert normalize_text("  Kyiv   CITY ") == normalize_text("kyiv city")
    assert normalize_text("Zapórizhzhia") == "zaporizhzhia"
    assert normalize_text(None) == normalize_text("") == ""


# --- scores -------------------------------------------------------------------------------------


@pytest.fixture
def example(predicted: Callable[..., Event]) -> Any:
    """Hand-computed example: 4 articles, 5 gold and 4 predicted events, 2 matches.

    a1 (codable): gold Kharkiv, Odesa, Kyiv City; predicted Kharkiv (exact), Odesa (+1 day), Lviv.
    a2 (not codable): predicted one event in Kharkiv -> a false positive.
    a3 (codable): gold Donetsk and Sumy, nothing predicted -> two false negatives.
    a4 (not codable): nothing predicted.
    """
    gold = [
        GoldArticle(
            article_id="a1",
            split="dev",
            codable=True,
            events=(
                gold_event(fatalities=2, weapons=[{"weapon_type": "drone"}, {"weapon_type": "missile"}]),
                gold_event(admin1="Odesa", location="Odesa", fatalities=None, injuries=5),
                gold_event(admin1="Kyiv City", location="Kyiv"),
            ),
        ),
        GoldArticle(article_id="a2", split="dev", codable=False),
        GoldArticle(
            article_id="a3",
            split="test",
            codable=True,
            events=(
                gold_event(admin1="Donetsk", location="Kramatorsk"),
                gold_event(
                    admin1="Sumy", location="Sumy", sub_event_type="Shelling/artillery/missile attack"
                ),
            ),
        ),
        GoldArticle(article_id="a4", split="test", codable=False),
    ]
    drones_and_missiles = [{"weapon_type": "missile"}, {"weapon_type": "drone"}]
    events = {
        "a1": [
            predicted(fatalities=2, weapons=drones_and_missiles),
            predicted(
                admin1="Odesa",
                location="Odesa",
                event_date=D1,
                injuries=5,
                weapons=[{"weapon_type": "drone"}],
            ),
            predicted(admin1="Lviv", location="Lviv"),
        ],
        "a2": [predicted()],
        "not-in-gold": [predicted()],
    }
    return score(gold, events)


def test_event_level_precision_recall_f1(example: Any) -> None:
    assert (example.events.tp, example.events.fp, example.events.fn) == (2, 2, 3)
    assert example.events.precision == pytest.approx(2 / 4)
    assert example.events.recall == pytest.approx(2 / 5)
    assert example.events.f1 == pytest.approx(2 * 0.5 * 0.4 / (0.5 + 0.4))
    assert (example.articles, example.gold_events, example.predicted_events) == (4, 5, 4)


def test_article_level_codable(example: Any) -> None:
    assert (example.codable.tp, example.codable.fp, example.codable.fn) == (1, 1, 1)
    assert example.codable.precision == example.codable.recall == pytest.approx(0.5)


FIELD_CASES = [
    # (field, correct, predicted with a value, gold with a value, agreeing pairs)
    ("event_date", 1, 2, 2, 1),  # Odesa is a day off
    ("fatalities", 1, 2, 1, 1),  # Odesa: gold unknown, predicted 0
    ("injuries", 1, 1, 1, 2),  # Kharkiv: both empty, which agrees but is not "correct"
    ("weapon_types", 1, 2, 1, 1),  # Kharkiv: same set in another order; Odesa: gold has none
    ("admin1", 2, 2, 2, 2),
    ("actor2", 0, 0, 0, 2),
]


@pytest.mark.parametrize(
    ("name", "correct", "n_predicted", "n_gold", "agree"),
    FIELD_CASES,
    ids=[case[0] for case in FIELD_CASES],
)
def test_field_scores(
    example: Any, name: str, correct: int, n_predicted: int, n_gold: int, agree: int
) -> None:
    field = example.fields[name]
    assert (field.correct, field.predicted, field.gold, field.agree, field.n) == (
        correct,
        n_predicted,
        n_gold,
        agree,
        2,
    )
    assert field.precision == (correct / n_predicted if n_predicted else None)
    assert field.recall == (correct / n_gold if n_gold else None)
    assert field.accuracy == agree / 2


def test_field_f1_is_harmonic_mean(example: Any) -> None:
    fatalities = example.fields["fatalities"]  # P 1/2, R 1/1
    assert fatalities.f1 == pytest.approx(2 * 0.5 * 1.0 / 1.5)


def test_scores_to_dict_is_json(example: Any) -> None:
    data = json.loads(json.dumps(example.to_dict()))
    assert data["events"] == {"p": 0.5, "r": 0.4, "f": pytest.approx(4 / 9), "tp": 2, "fp": 2, "fn": 3}
    assert data["fields"]["actor2"]["p"] is None
    assert "predicted with a value" in data["field_definition"]


def test_confusion_counts_matched_pairs_only(predicted: Callable[..., Event]) -> None:
    shelling = "Shelling/artillery/missile attack"
    gold = [
        GoldArticle(
            article_id="a",
            split="dev",
            codable=True,
            events=(
                gold_event(admin1="Kharkiv"),
                gold_event(admin1="Odesa"),
                gold_event(admin1="Sumy", sub_event_type=shelling),
                gold_event(admin1="Lviv", sub_event_type=shelling),  # unmatched
            ),
        )
    ]
    events = {
        "a": [
            predicted(admin1="Kharkiv"),
            predicted(admin1="Odesa", sub_event_type=shelling),
            predicted(admin1="Sumy"),
            predicted(admin1="Kherson", sub_event_type="Suicide bomb"),  # unmatched
        ]
    }
    scores = score(gold, events)
    assert scores.confusion == {
        ("Air/drone strike", "Air/drone strike"): 1,
        ("Air/drone strike", shelling): 1,
        (shelling, "Air/drone strike"): 1,
    }
    assert scores.confusion_labels() == (["Air/drone strike", shelling], ["Air/drone strike", shelling])
    assert scores.to_dict()["sub_event_type_confusion"] == {
        "Air/drone strike": {"Air/drone strike": 1, shelling: 1},
        shelling: {"Air/drone strike": 1, shelling: 0},
    }


# --- gold files ---------------------------------------------------------------------------------


def gold_line(**overrides: Any) -> str:
    row: dict[str, Any] = {
        "article_id": "a1",
        "split": "dev",
        "codable": True,
        "events": [json.loads(gold_event().model_dump_json())],
    }
    row.update(overrides)
    return json.dumps(row)


def test_load_gold_and_select_split(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    lines = [gold_line(), "", gold_line(article_id="a2", split="test", codable=False, events=[])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    gold = load_gold(path)
    assert [a.article_id for a in gold] == ["a1", "a2"]
    assert gold[0].events[0] == gold_event()
    assert [a.article_id for a in select_split(gold, "dev")] == ["a1"]
    assert [a.article_id for a in select_split(gold, "test")] == ["a2"]
    assert len(select_split(gold, "all")) == 2


def _event_with(**overrides: Any) -> list[dict[str, Any]]:
    return [{**json.loads(gold_event().model_dump_json()), **overrides}]


BAD_LINES = [
    ("malformed-json", '{"article_id": "x",', "malformed JSON"),
    (
        "unknown-sub-event-type",
        gold_line(events=_event_with(sub_event_type="Drone strike")),
        "sub_event_type",
    ),
    ("sub-type-of-other-type", gold_line(events=_event_with(event_type="Battles")), "belongs to event_type"),
    ("unknown-inter", gold_line(events=_event_with(inter1="Army")), "inter1"),
    ("unknown-weapon", gold_line(events=_event_with(weapons=[{"weapon_type": "tank"}])), "weapon_type"),
    ("unknown-target", gold_line(events=_event_with(target_category="bridge")), "target_category"),
    ("bad-date", gold_line(events=_event_with(event_date="2026-02-30")), "event_date"),
    ("misspelt-field", gold_line(events=_event_with(admin_1="Kharkiv")), "admin_1"),
    ("bad-split", gold_line(split="train"), "split"),
    ("codable-without-events", gold_line(events=[]), "codable is true but events is empty"),
    ("not-codable-with-events", gold_line(codable=False), "codable is false but events is not empty"),
    ("duplicate-id", gold_line(article_id="a0"), "duplicate article_id 'a0' (first on line 1)"),
]


@pytest.mark.parametrize(("line", "message"), [c[1:] for c in BAD_LINES], ids=[c[0] for c in BAD_LINES])
def test_bad_gold_line_is_named(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(f"{gold_line(article_id='a0')}\n\n{line}\n", encoding="utf-8")
    with pytest.raises(GoldFormatError) as raised:
        load_gold(path)
    assert str(raised.value).startswith(f"{path}:3: ")
    assert message in str(raised.value)


@pytest.mark.parametrize(
    ("content", "message"), [("", "no gold articles"), (None, "cannot read")], ids=["empty", "missing"]
)
def test_unusable_gold_file(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldFormatError, match=message):
        load_gold(path)


# --- the command line ---------------------------------------------------------------------------

SEED_ADMIN1 = {"Odesa": "Odesa", "Zaporizhzhia": "Zaporizhzhia", "Kyiv City": "Kyiv", "Kharkiv": "Kharkiv"}


def evaluate(*args: str) -> subprocess.CompletedProcess[str]:
    return run_guarded("evaluate", *args)


@pytest.fixture(scope="module")
def seed_gold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Gold for the seed article: Russian air/drone strikes on four Ukrainian regions on 2026-02-26."""
    events = [
        json.loads(gold_event(admin1=admin1, location=location, geo_precision=None).model_dump_json())
        for admin1, location in SEED_ADMIN1.items()
    ]
    path = tmp_path_factory.mktemp("gold") / "seed_gold.jsonl"
    row = {"article_id": SEED_ID, "split": "dev", "codable": True, "events": events}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    return path


def test_cli_evaluate_prints_the_report(seed_gold: Path) -> None:
    result = evaluate(str(seed_gold), "--split", "dev")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert re.search(r"^Events  P \d+\.\d  R \d+\.\d  F \d+\.\d  \(TP \d+, FP \d+, FN \d+", out, re.M), out
    assert re.search(r"^Gold file +" + re.escape(str(seed_gold)) + "$", out, re.M)
    assert re.search(r"^Gold events +4$", out, re.M)
    assert re.search(r"^  field +P +R +F +Acc +n$", out, re.M)
    assert re.search(r"^  sub_event_type +\d+\.\d", out, re.M)
    assert "Sub-event type confusion" in out
    assert re.search(r"^Articles codable  P \d+\.\d  R \d+\.\d", out, re.M)


def test_cli_evaluate_json(seed_gold: Path, seed_article: Path) -> None:
    result = evaluate(str(seed_gold), "--json", "--articles", str(seed_article))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["gold_events"] == 4
    assert data["events"]["r"] > 0
    assert data["split"] == "all"
    assert set(data["fields"]) >= {"sub_event_type", "event_date", "fatalities", "weapon_types"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--split", "test"], "{gold} has no articles in split 'test'"),
        (
            ["--articles", "samples/voa_stories.jsonl"],
            f"1 gold article id(s) not found in samples/voa_stories.jsonl: {SEED_ID}",
        ),
    ],
    ids=["empty-split", "missing-article"],
)
def test_cli_evaluate_fails_cleanly(seed_gold: Path, args: list[str], message: str) -> None:
    result = evaluate(str(seed_gold), *args)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last == "conflict-events: error: " + message.format(gold=seed_gold)


def test_cli_evaluate_names_the_bad_gold_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(gold_line() + "\n" + gold_line(article_id="b", split="val") + "\n", encoding="utf-8")
    result = evaluate(str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"conflict-events: error: {path}:2: split:" in result.stderr


CLASH = {"sub_event_type": "Armed clash", "inter1": "State forces", "inter2": "External/Other forces"}
ATTACK = {"sub_event_type": "Attack", "inter1": "External/Other forces", "inter2": "Civilians"}


@pytest.mark.parametrize(
    ("gold_actors", "predicted_actors", "kind", "agrees"),
    [
        (("Military Forces of Ukraine (2019-)", "Military Forces of Russia (2000-)"),
         ("Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)"), CLASH, True),
        (("Military Forces of Ukraine (2019-)", "Military Forces of Russia (2000-)"),
         ("Military Forces of Ukraine (2019-)", ""), CLASH, False),
        (("Military Forces of Russia (2000-)", "Civilians (Ukraine)"),
         ("Military Forces of Russia (2000-)", "Civilians (Ukraine)"), ATTACK, True),
        (("Military Forces of Russia (2000-)", "Civilians (Ukraine)"),
         ("Civilians (Ukraine)", "Military Forces of Russia (2000-)"), ATTACK, False),
    ],
    ids=["a-clash-in-either-order", "a-clash-missing-a-side", "an-attack-in-order", "an-attack-reversed"],
)  # fmt: skip
def test_actor_pair_has_an_order_only_in_violence_against_civilians(
    predicted: Callable[..., Event],
    gold_actors: tuple[str, str],
    predicted_actors: tuple[str, str],
    kind: dict[str, str],
    agrees: bool,
) -> None:
    """Codebook §4: actor order carries no meaning, except in Violence against civilians."""
    gold = GoldArticle(
        article_id="a",
        split="dev",
        codable=True,
        events=[gold_event(**kind, actor1=gold_actors[0], actor2=gold_actors[1])],
    )
    sides = {"actor1": predicted_actors[0], "actor2": predicted_actors[1]}
    guess = predicted(**{**kind, **sides, **({} if sides["actor2"] else {"inter2": None})})
    pair = score([gold], {"a": [guess]}).fields["actor_pair"]
    assert (pair.n, pair.agree) == (1, int(agrees))


SELF_WRITTEN = sorted((REPO / "gold").glob("*/gold.jsonl"))


@pytest.mark.parametrize("path", SELF_WRITTEN, ids=[p.parent.name for p in SELF_WRITTEN])
def test_every_self_written_gold_set_is_valid_and_quotes_its_articles(path: Path) -> None:
    """Each gold line validates, names an article of the set's articles.jsonl, quotes its evidence from that
    article's text, and keeps the split of docs/ANNOTATION.md: odd ids dev, even ids test; a tuning set
    (``tune-*``) is dev only."""
    gold = load_gold(path)
    tuning = path.parent.name.startswith("tune-")
    texts = {}
    for line in (path.parent / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        texts[record["id"]] = record["text"]
    assert gold and [a.article_id for a in gold] == list(texts)
    for article in gold:
        number = int(article.article_id.rsplit("-", 1)[1])
        assert article.split == ("dev" if number % 2 or tuning else "test"), article.article_id
        for event in article.events:
            assert event.evidence in texts[article.article_id], (article.article_id, event.evidence[:60])
