"""Reading and validating the actor reference files (countries, actors, nouns), with file:line errors."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, NoReturn

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from schemas.taxonomy import Inter

DATA_DIR = Path(__file__).parent / "data"
COUNTRIES_FILE = "countries.json"
ACTORS_FILE = "actors.jsonl"
NOUNS_FILE = "actor_nouns.json"

#: ACLED's world regions.
REGIONS: tuple[str, ...] = (
    "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa", "Middle East",
    "South Asia", "Southeast Asia", "East Asia", "Caucasus and Central Asia", "Europe", "Central America",
    "Caribbean", "South America", "North America", "Oceania", "Antarctica",
)  # fmt: skip

#: A state force as ACLED names it: service, country and regime period.
FORCE_NAME = re.compile(r"^(Military|Police) Forces of .+ \(\d{4}-(\d{4})?\)$")
_FORCE_WITH_UNIT = re.compile(r"^((?:Military|Police) Forces of .+? \(\d{4}-(?:\d{4})?\))(?: (.+))?$")


class ActorDataError(ValueError):
    """A reference data file breaks a rule; the message starts with ``file:line: field:``."""


# --- the files' row models --------------------------------------------------------------------------------
_Text = Annotated[str, Field(min_length=1)]
_Force = Annotated[str, Field(pattern=FORCE_NAME.pattern)]


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _CountryRow(_Row):
    name: _Text
    iso: Annotated[int, Field(ge=1, le=999, strict=True)]
    alpha2: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    alpha3: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    region: str
    aliases: tuple[_Text, ...] = ()
    demonyms: tuple[_Text, ...] = ()
    metonyms: tuple[_Text, ...] = ()
    military: _Force | None = None
    police: _Force | None = None
    forces_of: _Text | None = None
    military_aliases: tuple[_Text, ...] = ()
    police_aliases: tuple[_Text, ...] = ()

    @field_validator("region")
    @classmethod
    def _known_region(cls, value: str) -> str:
        if value not in REGIONS:
            raise ValueError(f"unknown region {value!r}; expected one of: {', '.join(REGIONS)}")
        return value

    @model_validator(mode="after")
    def _one_source_of_forces(self) -> _CountryRow:
        if self.military is not None and self.police is not None and self.forces_of is None:
            if not (self.military.startswith("Military ") and self.police.startswith("Police ")):
                raise ValueError(
                    "'military' must be 'Military Forces of ...', 'police' 'Police Forces of ...'"
                )
        elif self.military is not None or self.police is not None or self.forces_of is None:
            raise ValueError("give both 'military' and 'police', or 'forces_of' naming another country")
        return self


class _ActorRow(_Row):
    name: _Text
    inter: Inter
    country: _Text | None
    aliases: tuple[_Text, ...]
    parent: _Text | None = None
    active_in: tuple[_Text, ...] = ()
    #: Names that mean this actor only where the event happens in the given country ("Khawarij" is the
    #: Pakistani Taliban in Pakistan, al-Shabaab in Somalia).
    local_aliases: dict[_Text, tuple[_Text, ...]] = {}

    @model_validator(mode="after")
    def _consistent(self) -> _ActorRow:
        if (self.inter is Inter.STATE_FORCES) != bool(_FORCE_WITH_UNIT.match(self.name)):
            raise ValueError(
                "State forces, and only they, are named '<Military|Police> Forces of X (YYYY-)[ unit]'"
            )
        if self.active_in and self.parent is None:
            raise ValueError("'active_in' needs a 'parent'")
        return self


class _NounsFile(_Row):
    military: tuple[_Text, ...]
    military_assets: tuple[_Text, ...]
    police: tuple[_Text, ...]
    unidentified: tuple[_Text, ...]
    protesters: tuple[_Text, ...]
    rioters: tuple[_Text, ...]
    civilians: tuple[_Text, ...]
    units: dict[_Text, _Text]
    group_nouns: tuple[_Text, ...]
    determiners: tuple[_Text, ...]
    modifiers: tuple[_Text, ...]
    named_modifiers: tuple[_Text, ...]
    case_sensitive_words: tuple[_Text, ...]


# --- reading ------------------------------------------------------------------------------------------------
def _fail(path: Path, line: int, field: str, message: str) -> NoReturn:
    raise ActorDataError(f"{path}:{line}: {field}: {message}")


def _validate(model: type[_Row], raw: Any, path: Path, line: int) -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "row"
        raise ActorDataError(f"{path}:{line}: {field}: {first['msg']}") from error


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _array_items(path: Path) -> Iterator[tuple[int, Any]]:
    """Each element of a JSON array file, with the line it starts on."""
    text = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    pos = _skip_space(text, 0)
    if not text.startswith("[", pos):
        _fail(path, 1, "json", "expected a JSON array")
    pos = _skip_space(text, pos + 1)
    while not text.startswith("]", pos):
        line = text.count("\n", 0, pos) + 1
        try:
            item, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as error:
            _fail(path, error.lineno, "json", error.msg)
        yield line, item
        pos = _skip_space(text, pos)
        if text.startswith(",", pos):
            pos = _skip_space(text, pos + 1)
        elif not text.startswith("]", pos):
            _fail(path, text.count("\n", 0, pos) + 1, "json", "expected ',' or ']'")
    if text[pos + 1 :].strip():
        _fail(path, text.count("\n", 0, pos) + 1, "json", "text after the closing ']'")


def _jsonl_items(path: Path) -> Iterator[tuple[int, Any]]:
    """Each non-blank line of a JSON Lines file, parsed, with its line number."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as error:
                _fail(path, number, "json", error.msg)


def _line_of(path: Path, needle: str) -> int:
    """The first line of a file that contains ``needle`` (1 when none does)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next((number for number, line in enumerate(lines, start=1) if needle in line), 1)


def _read_nouns(path: Path) -> _NounsFile:
    text = path.read_text(encoding="utf-8")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        _fail(path, error.lineno, "json", error.msg)
    try:
        return _NounsFile.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "file"
        line = _line_of(path, f'"{first["loc"][0]}":') if first["loc"] else 1
        raise ActorDataError(f"{path}:{line}: {field}: {first['msg']}") from error
