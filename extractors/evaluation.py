"""Score extracted events against the hand-coded gold set (docs/ANNOTATION.md), like `spacy evaluate`."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from schemas import (
    Event,
    EventType,
    Inter,
    SubEventType,
    TargetCategory,
    Weapon,
    check_pairing,
    describe_errors,
)

Split = Literal["dev", "test"]
SPLITS: tuple[str, ...] = ("dev", "test", "all")
#: How far apart a predicted and a gold event's dates may be and still match.
DATE_TOLERANCE_DAYS = 1
FIELD_DEFINITION = (
    "on matched event pairs: P = correct / predicted with a value, R = correct / gold with a value, "
    "accuracy = pairs that agree (both empty counts as agreeing) / matched pairs"
)


class GoldFormatError(ValueError):
    """A gold file that cannot be read: the message names the file and line."""


class GoldEvent(BaseModel):
    """One hand-coded event, in the gold file's field set."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    event_date: date
    time_precision: Annotated[int, Field(ge=1, le=3)]
    event_type: EventType
    sub_event_type: SubEventType
    actor1: str | None = None
    inter1: Inter | None = None
    actor2: str | None = None
    inter2: Inter | None = None
    country: str = Field(min_length=1)
    admin1: str | None = None
    location: str | None = None
    geo_precision: Annotated[int, Field(ge=1, le=3)] | None = None
    fatalities: Annotated[int, Field(ge=0)] | None = None
    injuries: Annotated[int, Field(ge=0)] | None = None
    weapons: tuple[Weapon, ...] = ()
    target_category: TargetCategory | None = None
    evidence: str = ""

    @model_validator(mode="after")
    def _sub_event_in_event_type(self) -> GoldEvent:
        check_pairing(self.sub_event_type, self.event_type)
        return self


class GoldArticle(BaseModel):
    """One gold line: an article, its split, whether it is codable, and its events."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    article_id: str = Field(min_length=1)
    split: Split
    codable: bool
    events: tuple[GoldEvent, ...] = ()
    annotator_notes: str = ""

    @model_validator(mode="after")
    def _codable_has_events(self) -> GoldArticle:
        if self.codable and not self.events:
            raise ValueError("codable is true but events is empty")
        if not self.codable and self.events:
            raise ValueError("codable is false but events is not empty")
        return self


def load_gold(path: str | Path) -> list[GoldArticle]:
    """Read and validate a gold JSONL file; raises GoldFormatError naming ``file:line`` on a bad row."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as error:
        raise GoldFormatError(f"{path}: cannot read gold file: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise GoldFormatError(f"{path}: not valid UTF-8 ({error.reason} at byte {error.start})") from error
    articles: list[GoldArticle] = []
    first_line: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            article = GoldArticle.model_validate(json.loads(line))
        except json.JSONDecodeError as error:
            raise GoldFormatError(f"{where}: malformed JSON: {error.msg} (column {error.colno})") from error
        except ValidationError as error:
            raise GoldFormatError(f"{where}: {describe_errors(error)}") from error
        if article.article_id in first_line:
            raise GoldFormatError(
                f"{where}: duplicate article_id {article.article_id!r} "
                f"(first on line {first_line[article.article_id]})"
            )
        first_line[article.article_id] = number
        articles.append(article)
    if not articles:
        raise GoldFormatError(f"{path}: no gold articles")
    return articles


def select_split(gold: Iterable[GoldArticle], split: str) -> list[GoldArticle]:
    """The gold articles of one split (``dev``, ``test``) or all of them (``all``)."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, got {split!r}")
    return [article for article in gold if split == "all" or article.split == split]


# --- matching -----------------------------------------------------------------------------------


def normalize_text(value: str | None) -> str:
    """Case-, accent- and spacing-insensitive form of a name ('' for None)."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFKD", value)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


def can_match(gold: GoldEvent, predicted: Event) -> bool:
    """Same event type, same admin1 (ignoring case and accents), dates at most a day apart."""
    return (
        gold.event_type is predicted.event_type
        and normalize_text(gold.admin1) == normalize_text(predicted.admin1)
        and abs((gold.event_date - predicted.event_date).days) <= DATE_TOLERANCE_DAYS
    )


def match_events(gold: Sequence[GoldEvent], predicted: Sequence[Event]) -> list[tuple[int, int]]:
    """One-to-one (gold, predicted) index pairs: most matches, then exact dates, sub-types, locations."""
    size = max(len(gold), len(predicted))
    if not gold or not predicted:
        return []
    # Lexicographic preferences as one integer weight: base > all tie-breaks together, and so on down.
    base = size + 1
    weights = [[0] * size for _ in range(size)]
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            if can_match(g, p):
                weights[i][j] = (
                    base**3
                    + base**2 * (g.event_date == p.event_date)
                    + base * (g.sub_event_type is p.sub_event_type)
                    + (normalize_text(g.location) == normalize_text(p.location))
                )
    top = base**4
    assignment = _min_cost_assignment([[top - w for w in row] for row in weights])
    return sorted((i, j) for i, j in enumerate(assignment) if weights[i][j] > 0)


def _min_cost_assignment(cost: list[list[int]]) -> list[int]:
    """Hungarian algorithm on a square matrix: column assigned to each row, minimising the total cost."""
    n = len(cost)
    u, v = [0] * (n + 1), [0] * (n + 1)
    row_of = [0] * (n + 1)  # row_of[j]: 1-based row holding column j; column 0 is the free sentinel
    way = [0] * (n + 1)
    for i in range(1, n + 1):
        row_of[0], j0 = i, 0
        min_slack = [float("inf")] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = row_of[j0], float("inf"), 0
            for j in range(1, n + 1):
                if not used[j]:
                    slack = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if slack < min_slack[j]:
                        min_slack[j], way[j] = slack, j0
                    if min_slack[j] < delta:
                        delta, j1 = min_slack[j], j
            for j in range(n + 1):
                if used[j]:
                    u[row_of[j]] += delta
                    v[j] -= delta
                else:
                    min_slack[j] -= delta
            j0 = j1
            if row_of[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            row_of[j0] = row_of[j1]
            j0 = j1
    assignment = [0] * n
    for j in range(1, n + 1):
        assignment[row_of[j] - 1] = j - 1
    return assignment


# --- scores -------------------------------------------------------------------------------------


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass(frozen=True)
class PRF:
    """True/false positive and false negative counts, with P, R and F1 (None where undefined)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        """tp / (tp + fp)."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """tp / (tp + fn)."""
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        """The harmonic mean of precision and recall."""
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def to_dict(self) -> dict[str, Any]:
        """Counts and ratios, for JSON."""
        ratios = {"p": self.precision, "r": self.recall, "f": self.f1}
        return {**ratios, "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(frozen=True)
class FieldScore:
    """One field over matched pairs: correct, how many had a value on each side, agreements, pairs."""

    correct: int = 0
    predicted: int = 0
    gold: int = 0
    agree: int = 0
    n: int = 0

    @property
    def precision(self) -> float | None:
        """Correct / predicted with a value."""
        return _ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float | None:
        """Correct / gold with a value."""
        return _ratio(self.correct, self.gold)

    @property
    def f1(self) -> float | None:
        """The harmonic mean of precision and recall."""
        return _ratio(2 * self.correct, self.predicted + self.gold)

    @property
    def accuracy(self) -> float | None:
        """Agreeing pairs (both empty included) / matched pairs."""
        return _ratio(self.agree, self.n)

    def to_dict(self) -> dict[str, Any]:
        """Counts and ratios, for JSON."""
        return {
            "p": self.precision,
            "r": self.recall,
            "f": self.f1,
            "accuracy": self.accuracy,
            "n": self.n,
            "correct": self.correct,
            "predicted": self.predicted,
            "gold": self.gold,
        }


def _weapon_types(weapons: Iterable[Weapon]) -> frozenset[str]:
    return frozenset(weapon.weapon_type.value for weapon in weapons)


def _text(value: str | None) -> str | None:
    return normalize_text(value) or None


def _actor_pair(event: GoldEvent | Event) -> tuple[str | None, ...] | frozenset[str | None] | None:
    """Both actors, in order only where the codebook gives order a meaning (Violence against civilians:
    the victim is actor2); elsewhere "actor order carries no meaning" (ACLED_CODING_RULES §4)."""
    pair = (_text(event.actor1), _text(event.actor2))
    if pair == (None, None):
        return None
    return pair if event.event_type is EventType.VIOLENCE_AGAINST_CIVILIANS else frozenset(pair)


# Field name -> (gold value, predicted value); None, "" and empty sets count as "no value".
FieldGetter = Callable[[Any], Any]
FIELDS: dict[str, tuple[FieldGetter, FieldGetter]] = {
    "sub_event_type": (lambda g: g.sub_event_type, lambda p: p.sub_event_type),
    "event_type": (lambda g: g.event_type, lambda p: p.event_type),
    "actor1": (lambda g: _text(g.actor1), lambda p: _text(p.actor1)),
    "inter1": (lambda g: g.inter1, lambda p: p.inter1),
    "actor2": (lambda g: _text(g.actor2), lambda p: _text(p.actor2)),
    "inter2": (lambda g: g.inter2, lambda p: p.inter2),
    "actor_pair": (_actor_pair, _actor_pair),
    "admin1": (lambda g: _text(g.admin1), lambda p: _text(p.admin1)),
    "location": (lambda g: _text(g.location), lambda p: _text(p.location)),
    "geo_precision": (lambda g: g.geo_precision, lambda p: p.geo_precision),
    "event_date": (lambda g: g.event_date, lambda p: p.event_date),
    "time_precision": (lambda g: g.time_precision, lambda p: p.time_precision),
    "fatalities": (lambda g: g.fatalities, lambda p: p.fatalities),
    "injuries": (lambda g: g.injuries, lambda p: p.injuries),
    "weapon_types": (lambda g: _weapon_types(g.weapons), lambda p: _weapon_types(p.weapons)),
    "target_category": (lambda g: g.target_category, lambda p: p.target_category),
}


def _has_value(value: Any) -> bool:
    return value is not None and value != "" and value != frozenset()


def score_field(pairs: Sequence[tuple[GoldEvent, Event]], name: str) -> FieldScore:
    """Score one field of FIELDS over matched (gold, predicted) pairs."""
    gold_of, predicted_of = FIELDS[name]
    correct = predicted = gold = agree = 0
    for g, p in pairs:
        gv, pv = gold_of(g), predicted_of(p)
        gold += _has_value(gv)
        predicted += _has_value(pv)
        correct += _has_value(gv) and gv == pv
        agree += gv == pv  # getters map every empty form to one value, so "both empty" agrees
    return FieldScore(correct=correct, predicted=predicted, gold=gold, agree=agree, n=len(pairs))


@dataclass(frozen=True)
class Scores:
    """Everything `evaluate` reports: event and article level, fields and sub-event confusion."""

    articles: int
    gold_events: int
    predicted_events: int
    events: PRF
    fields: dict[str, FieldScore]
    confusion: dict[tuple[str, str], int]
    codable: PRF
    pairs: tuple[tuple[str, GoldEvent, Event], ...] = field(default=(), repr=False)

    def confusion_labels(self) -> tuple[list[str], list[str]]:
        """Gold sub-event types (rows) and predicted ones (columns) that occur, in ACLED's order."""
        order = [member.value for member in SubEventType]
        rows = {gold for gold, _ in self.confusion}
        columns = {pred for _, pred in self.confusion}
        return [t for t in order if t in rows], [t for t in order if t in columns]

    def to_dict(self) -> dict[str, Any]:
        """The scores as plain JSON-ready data (ratios as fractions, None where undefined)."""
        rows, columns = self.confusion_labels()
        return {
            "articles": self.articles,
            "gold_events": self.gold_events,
            "predicted_events": self.predicted_events,
            "events": self.events.to_dict(),
            "field_definition": FIELD_DEFINITION,
            "fields": {name: score.to_dict() for name, score in self.fields.items()},
            "sub_event_type_confusion": {
                gold: {pred: self.confusion.get((gold, pred), 0) for pred in columns} for gold in rows
            },
            "codable": self.codable.to_dict(),
        }


def score(gold: Sequence[GoldArticle], predicted: Mapping[str, Sequence[Event]]) -> Scores:
    """Score predicted events (by article id) against gold articles; ids not in ``gold`` are ignored."""
    tp = gold_total = predicted_total = 0
    pairs: list[tuple[str, GoldEvent, Event]] = []
    codable = Counter[str]()
    for article in gold:
        events = list(predicted.get(article.article_id, ()))
        matches = match_events(article.events, events)
        tp += len(matches)
        gold_total += len(article.events)
        predicted_total += len(events)
        pairs += [(article.article_id, article.events[i], events[j]) for i, j in matches]
        outcome = {(True, True): "tp", (False, True): "fp", (True, False): "fn"}.get(
            (article.codable, bool(events))
        )
        if outcome:
            codable[outcome] += 1
    matched = [(g, p) for _, g, p in pairs]
    return Scores(
        articles=len(gold),
        gold_events=gold_total,
        predicted_events=predicted_total,
        events=PRF(tp=tp, fp=predicted_total - tp, fn=gold_total - tp),
        fields={name: score_field(matched, name) for name in FIELDS},
        confusion=dict(Counter((g.sub_event_type.value, p.sub_event_type.value) for g, p in matched)),
        codable=PRF(tp=codable["tp"], fp=codable["fp"], fn=codable["fn"]),
        pairs=tuple(pairs),
    )


# --- error listing ------------------------------------------------------------------------------

_SHOWN = ("event_date", "sub_event_type", "actor1", "actor2", "admin1", "location", "fatalities")


def _describe(values: Mapping[str, Any]) -> str:
    return " | ".join(f"{name}={values.get(name)}" for name in _SHOWN)


def _values(event: GoldEvent | Event) -> dict[str, Any]:
    values = {name: getattr(event, name) for name in _SHOWN}
    return {
        name: value.value if hasattr(value, "value") else (value or None) if isinstance(value, str) else value
        for name, value in values.items()
    }


def list_errors(gold: Sequence[GoldArticle], predicted: Mapping[str, Sequence[Event]]) -> list[str]:
    """Per article: gold events missed, predicted events unmatched, and disagreeing fields of matches."""
    lines: list[str] = []
    for article in gold:
        events = list(predicted.get(article.article_id, ()))
        matches = match_events(article.events, events)
        matched_gold = {i for i, _ in matches}
        matched_predicted = {j for _, j in matches}
        found: list[str] = []
        for i, j in matches:
            g, p = _values(article.events[i]), _values(events[j])
            diffs = [
                f"{name}: gold {g[name]!r}, predicted {p[name]!r}" for name in _SHOWN if g[name] != p[name]
            ]
            if diffs:
                found.append("  ~ matched, but " + "; ".join(diffs))
        found += [
            f"  - missed     {_describe(_values(event))}"
            for i, event in enumerate(article.events)
            if i not in matched_gold
        ]
        found += [
            f"  + spurious   {_describe(_values(event))}"
            for j, event in enumerate(events)
            if j not in matched_predicted
        ]
        if found:
            lines.append(f"{article.article_id} ({article.split})")
            lines += found
    return lines
