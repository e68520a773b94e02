"""ACLED's country and actor reference tables, and the resolver from news wording to ACLED actor names."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple

from extractors.actor_data import (
    _FORCE_WITH_UNIT,
    ACTORS_FILE,
    COUNTRIES_FILE,
    DATA_DIR,
    FORCE_NAME,
    NOUNS_FILE,
    REGIONS,
    ActorDataError,
    _ActorRow,
    _array_items,
    _CountryRow,
    _fail,
    _jsonl_items,
    _line_of,
    _NounsFile,
    _read_nouns,
    _validate,
)
from schemas.taxonomy import Inter

__all__ = [
    "ACTORS_FILE",
    "COUNTRIES_FILE",
    "DATA_DIR",
    "FORCE_NAME",
    "GENERIC_KINDS",
    "NOUNS_FILE",
    "REGIONS",
    "Actor",
    "ActorDataError",
    "ActorTable",
    "Country",
]

#: generic actor kind -> (ACLED label, actor type); the label takes the country in brackets.
GENERIC_KINDS: dict[str, tuple[str, Inter]] = {
    "civilians": ("Civilians", Inter.CIVILIANS),
    "protesters": ("Protesters", Inter.PROTESTERS),
    "rioters": ("Rioters", Inter.RIOTERS),
    "unidentified": ("Unidentified Armed Group", Inter.POLITICAL_MILITIA),
}
_ACRONYM_IN_BRACKETS = re.compile(r"\s*\([A-Z][A-Za-z'&-]{1,9}\)")
_GENERIC_NAME = re.compile(r"^(Civilians|Protesters|Rioters|Unidentified Armed Group) \((.+)\)$")
_STATE_KINDS = ("military", "military_assets", "police")
#: Modifiers that make a weapon or aircraft with no country the state's own: "government warplanes".
STATE_WORDS = frozenset({"government", "junta", "regime", "state", "army"})
_NOUN_KINDS = _STATE_KINDS + tuple(GENERIC_KINDS)


@dataclass(frozen=True)
class Country:
    """A country or territory as ACLED codes it, with the words news use for it and its state forces."""

    name: str
    iso: int
    alpha2: str
    alpha3: str
    region: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    metonyms: tuple[str, ...]
    military: str
    police: str
    forces_of: str | None = None  # the country whose state forces act here (dependencies), else None
    military_aliases: tuple[str, ...] = ()
    police_aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Actor:
    """An ACLED actor: its name, its actor type (inter) and the country it belongs to, if any."""

    name: str
    inter: Inter
    country: str | None


# --- words --------------------------------------------------------------------------------------------------
_APOSTROPHES = str.maketrans(dict.fromkeys("’‘`´ʼ", "'"))
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―/,:;()\[\]{}\"“”!?]+")
_POSSESSIVE = re.compile(r"'[sS]?$")


class _Word(NamedTuple):
    key: str  # casefolded, without accents, dots or apostrophes
    raw: str  # as written, without dots or apostrophes (case kept for acronyms)


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _words(text: str) -> list[_Word]:
    """Split a phrase into words: possessive 's dropped, hyphens split, punctuation removed."""
    words = []
    for piece in _SEPARATORS.split(unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)):
        raw = _POSSESSIVE.sub("", piece).replace(".", "").replace("'", "")
        if raw:
            words.append(_Word(_fold(raw), raw))
    return words


def _key(words: Sequence[_Word]) -> tuple[str, ...]:
    keys = tuple(word.key for word in words)
    return keys[1:] if len(keys) > 1 and keys[0] == "the" else keys


def _shouted(raw: str) -> bool:
    """Written as an acronym (a capital after the first letter): 'US', 'LeT', but not 'us' or 'Us'."""
    return any(ch.isupper() for ch in raw[1:])


class _Prefix(NamedTuple):
    country: Country | None
    demonym: bool


#: The ISO codes that stand for a country in running text.
TEXT_CODES = frozenset({"US"})


class ActorTable:
    """The country, named-actor and generic-noun tables, with their lookups and the actor resolver."""

    def __init__(
        self,
        countries: list[tuple[int, _CountryRow]],
        actors: list[tuple[int, _ActorRow]],
        nouns: _NounsFile,
        *,
        directory: Path,
    ) -> None:
        self._case_sensitive = frozenset(word.casefold() for word in nouns.case_sensitive_words)
        self._build_nouns(nouns, directory / NOUNS_FILE)
        self._build_countries(countries, directory / COUNTRIES_FILE)
        self._build_actors(countries, actors, directory / COUNTRIES_FILE, directory / ACTORS_FILE)
        self._longest = max(map(len, [*self._terms, *self._named, *self._fillers, *self._named_fillers]))

    @classmethod
    @functools.cache
    def load(cls, *, data_dir: Path | str | None = None) -> ActorTable:
        """Load and validate the three reference files from ``data_dir`` (default: the package's), cached."""
        directory = Path(data_dir) if data_dir is not None else DATA_DIR
        path = directory / COUNTRIES_FILE
        countries = [(line, _validate(_CountryRow, raw, path, line)) for line, raw in _array_items(path)]
        path = directory / ACTORS_FILE
        actors = [(line, _validate(_ActorRow, raw, path, line)) for line, raw in _jsonl_items(path)]
        return cls(countries, actors, _read_nouns(directory / NOUNS_FILE), directory=directory)

    # --- building and validating -------------------------------------------------------------------------
    def _lower_case_word(self, words: Sequence[_Word]) -> bool:
        """A one-word term that is also a common word ('US', 'IS', 'CAR'), written in lower case."""
        key = _key(words)
        return len(key) == 1 and key[0] in self._case_sensitive and not _shouted(words[-1].raw)

    def _checked_key(self, text: str, path: Path, line: int, field: str) -> tuple[str, ...]:
        words = _words(text)
        if not words:
            _fail(path, line, field, f"{text!r} has no words")
        if self._lower_case_word(words):
            _fail(path, line, field, f"{text!r} is a common word: write it as an acronym (matched by case)")
        return _key(words)

    def _build_nouns(self, nouns: _NounsFile, path: Path) -> None:
        self._kinds: dict[tuple[str, ...], str] = {}
        for kind in _NOUN_KINDS:
            for text in getattr(nouns, kind):
                key = _key(_words(text))
                if self._kinds.get(key, kind) != kind:
                    _fail(
                        path,
                        _line_of(path, f'"{kind}":'),
                        kind,
                        f"{text!r} is also under {self._kinds[key]!r}",
                    )
                self._kinds[key] = kind
        self._units = {_key(_words(noun)): unit for noun, unit in nouns.units.items()}
        if any(self._kinds.get(key) != "military" for key in self._units):
            _fail(path, _line_of(path, '"units":'), "units", "every unit noun must also be a 'military' noun")
        self._head_len = max(map(len, self._kinds))
        self._fillers = {_key(_words(text)) for text in (*nouns.determiners, *nouns.modifiers)}
        extra = (*nouns.named_modifiers, *nouns.group_nouns)
        self._named_fillers = self._fillers | set(self._kinds) | {_key(_words(text)) for text in extra}

    def _build_countries(self, rows: list[tuple[int, _CountryRow]], path: Path) -> None:
        seen: dict[tuple[str, Any], int] = {}
        by_row = {row.name: row for _, row in rows}
        for line, row in rows:
            for field in ("name", "iso", "alpha2", "alpha3"):
                value = getattr(row, field)
                if (field, value) in seen:
                    _fail(path, line, field, f"{value!r} repeats line {seen[field, value]}")
                seen[field, value] = line
            home = by_row.get(row.forces_of or row.name)
            if home is None or home.forces_of is not None:
                _fail(path, line, "forces_of", f"{row.forces_of!r} is not a country with its own forces")
        self.countries: tuple[Country, ...] = tuple(self._country(row, by_row) for _, row in rows)
        self._by_name = {country.name: country for country in self.countries}
        self._codes = {code: c for c in self.countries for code in (c.alpha2, c.alpha3)}
        self._names: dict[tuple[str, ...], Country] = {}
        self._demonyms: dict[tuple[str, ...], Country] = {}
        self._metonyms: dict[tuple[str, ...], Country] = {}
        # every word for a country -> (country, True when the word is only ever a demonym)
        self._terms: dict[tuple[str, ...], _Prefix] = {}
        for (line, row), country in zip(rows, self.countries, strict=True):
            groups = (
                ("name", (row.name,), self._names),
                ("aliases", row.aliases, self._names),
                ("demonyms", row.demonyms, self._demonyms),
                ("metonyms", row.metonyms, self._metonyms),
            )
            for field, texts, table in groups:
                for text in texts:
                    key = self._checked_key(text, path, line, field)
                    known = self._terms.get(key)
                    if known is not None and known.country is not country:
                        _fail(path, line, field, f"{text!r} already refers to {known.country.name}")
                    demonym = field == "demonyms" and (known is None or known.demonym)
                    self._terms[key] = _Prefix(country, demonym)
                    table[key] = country

    @staticmethod
    def _country(row: _CountryRow, by_row: dict[str, _CountryRow]) -> Country:
        home = by_row[row.forces_of] if row.forces_of else row
        return Country(
            name=row.name, iso=row.iso, alpha2=row.alpha2, alpha3=row.alpha3, region=row.region,
            aliases=row.aliases, demonyms=row.demonyms, metonyms=row.metonyms, military=home.military or "",
            police=home.police or "", forces_of=row.forces_of, military_aliases=row.military_aliases,
            police_aliases=row.police_aliases,
        )  # fmt: skip

    def _build_actors(
        self,
        countries: list[tuple[int, _CountryRow]],
        rows: list[tuple[int, _ActorRow]],
        cpath: Path,
        apath: Path,
    ) -> None:
        self._named: dict[tuple[str, ...], Actor] = {}
        self._aliases: list[tuple[str, Actor]] = []
        self._exact: dict[str, Actor] = {}
        for country in self.countries:
            if country.forces_of is None:
                self._exact[country.military] = self.military(country)
                self._exact[country.police] = self.police(country)
        for (line, row), country in zip(countries, self.countries, strict=True):
            for text in row.military_aliases:
                self._add_alias(text, self.military(country), cpath, line, "military_aliases")
            for text in row.police_aliases:
                self._add_alias(text, self.police(country), cpath, line, "police_aliases")
        actors: dict[str, tuple[int, _ActorRow]] = {}
        for line, row in rows:
            if row.name in actors or row.name in self._exact:
                _fail(apath, line, "name", f"{row.name!r} is already an actor")
            if row.country is not None and row.country not in self._by_name:
                _fail(apath, line, "country", f"unknown country {row.country!r}")
            actor = Actor(row.name, row.inter, row.country)
            actors[row.name], self._exact[row.name] = (line, row), actor
            for text in (row.name, *row.aliases):
                self._add_alias(text, actor, apath, line, "aliases")
        self.actors: tuple[Actor, ...] = tuple(self._exact[name] for name in actors)
        self._local: dict[tuple[tuple[str, ...], str], Actor] = {}
        for line, row in rows:
            for where, texts in row.local_aliases.items():
                if where not in self._by_name:
                    _fail(apath, line, "local_aliases", f"unknown country {where!r}")
                for text in texts:
                    key = self._checked_key(text, apath, line, "local_aliases")
                    if (key, where) in self._local:
                        _fail(apath, line, "local_aliases", f"{text!r} in {where} already names an actor")
                    self._local[key, where] = self._exact[row.name]
        self._branches: dict[str, dict[str, Actor]] = {}
        for line, row in rows:
            if row.parent is None:
                continue
            if row.parent not in actors or actors[row.parent][1].parent is not None:
                _fail(apath, line, "parent", f"{row.parent!r} is not a top-level actor in this file")
            branches = self._branches.setdefault(row.parent, {})
            for name in row.active_in:
                if name not in self._by_name or name in branches:
                    _fail(apath, line, "active_in", f"{name!r} is unknown or claimed by another branch")
                branches[name] = self._exact[row.name]

    def _add_alias(self, text: str, actor: Actor, path: Path, line: int, field: str) -> None:
        key = self._checked_key(text, path, line, field)
        if key in self._terms or key in self._kinds:
            _fail(path, line, field, f"{text!r} is also a country word or a generic noun")
        if self._named.get(key, actor) != actor:
            _fail(path, line, field, f"{text!r} already names {self._named[key].name!r}")
        self._named[key] = actor
        if text.casefold() not in self._case_sensitive:
            self._aliases.append((text, actor))

    # --- lookups -------------------------------------------------------------------------------------------
    def _lookup(self, table: dict[tuple[str, ...], Country], text: str) -> Country | None:
        words = _words(text)
        return None if self._lower_case_word(words) else table.get(_key(words))

    def country(self, text: str) -> Country | None:
        """The country a name, alias or ISO alpha-2/alpha-3 code (in capitals) stands for."""
        words = _words(text)
        if len(words) == 1 and words[0].raw.isupper() and words[0].raw in self._codes:
            return self._codes[words[0].raw]
        return self._lookup(self._names, text)

    def country_of_demonym(self, word: str) -> Country | None:
        """The country of a demonym: 'Russian' and 'Russians' give Russia."""
        return self._lookup(self._demonyms, word)

    def country_of_metonym(self, text: str) -> Country | None:
        """The country whose state a capital or seat of power stands for: 'Moscow', 'the Kremlin'."""
        return self._lookup(self._metonyms, text)

    def _require(self, country: Country | str) -> Country:
        found = country if isinstance(country, Country) else self.country(country)
        if found is None:
            raise LookupError(f"unknown country {country!r}")
        return found

    def _home(self, country: Country | str) -> Country:
        found = self._require(country)
        return self._by_name[found.forces_of] if found.forces_of else found

    def military(self, country: Country | str) -> Actor:
        """The country's military as ACLED names it (a dependency gets its sovereign's)."""
        home = self._home(country)
        return Actor(home.military, Inter.STATE_FORCES, home.name)

    def police(self, country: Country | str) -> Actor:
        """The country's police as ACLED names it (a dependency gets its sovereign's)."""
        home = self._home(country)
        return Actor(home.police, Inter.STATE_FORCES, home.name)

    def generic(self, kind: str, country: Country | str | None) -> Actor:
        """A generic actor ('Civilians (Ukraine)'); with no country, the bare label and country None."""
        if kind not in GENERIC_KINDS:
            raise ValueError(
                f"unknown generic actor kind {kind!r}; expected one of {', '.join(GENERIC_KINDS)}"
            )
        label, inter = GENERIC_KINDS[kind]
        if country is None:
            return Actor(label, inter, None)
        found = self._require(country)
        return Actor(f"{label} ({found.name})", inter, found.name)

    def named_group_aliases(self) -> list[tuple[str, Actor]]:
        """Each alias of a named actor or state force, for a LOWER PhraseMatcher (not 'IS', 'CAR')."""
        return list(self._aliases)

    def country_terms(self, *, metonyms: bool = True) -> list[tuple[str, Country]]:
        """Every name, alias, demonym (and metonym) of every country, for a PhraseMatcher on LOWER."""
        terms = []
        for country in self.countries:
            texts = [country.name, *country.aliases, *country.demonyms]
            texts += country.metonyms if metonyms else ()
            keep = [text for text in dict.fromkeys(texts) if text.casefold() not in self._case_sensitive]
            terms += [(text, country) for text in keep]
        return terms

    # --- resolving -----------------------------------------------------------------------------------------
    def resolve(self, surface: str, *, context_country: Country | str | None = None) -> Actor | None:
        """The ACLED actor a noun phrase names, or None; ``context_country`` is where the event happens."""
        context = None if context_country is None else self._require(context_country)
        text = " ".join(surface.split())
        actor = self._exact_actor(text)
        if actor is None:
            words = _words(text)
            actor = self._named_actor(words, context) or self._generic_actor(words, context)
        if actor is None and (bare := _ACRONYM_IN_BRACKETS.sub("", text)) != text:
            # "Frontier Corps (FC) personnel": the name spelled out, its acronym in brackets
            return self.resolve(bare, context_country=context)
        if actor is None or context is None or actor.inter is not Inter.STATE_FORCES or actor.country is None:
            return actor
        # ACLED codes a state's forces acting outside their own country as External/Other forces.
        if self._home(actor.country).name != self._home(context).name:
            return replace(actor, inter=Inter.EXTERNAL_OTHER_FORCES)
        return actor

    def _exact_actor(self, text: str) -> Actor | None:
        if text in self._exact:
            return self._exact[text]
        if (force := _FORCE_WITH_UNIT.match(text)) and force[1] in self._exact:
            return replace(self._exact[force[1]], name=text)
        if (generic := _GENERIC_NAME.match(text)) and (country := self.country(generic[2])):
            kind = next(kind for kind, (label, _) in GENERIC_KINDS.items() if label == generic[1])
            return self.generic(kind, country)
        return None

    def _country_at(self, words: Sequence[_Word]) -> _Prefix | None:
        # in running text only "US" is written as a code: "Citizen TV" is no Tuvalu, "IT staff" no Italy
        if len(words) == 1 and words[0].raw in TEXT_CODES:
            return _Prefix(self._codes[words[0].raw], False)
        return None if self._lower_case_word(words) else self._terms.get(_key(words))

    def _consume(self, words: Sequence[_Word], *, named: bool) -> _Prefix | None:
        """Read words that are only fillers and at most one country; None if any word is left over."""
        fillers = self._named_fillers if named else self._fillers
        found = _Prefix(None, False)
        i = 0
        while i < len(words):
            for n in range(min(len(words) - i, self._longest), 0, -1):
                span = words[i : i + n]
                if (n == 1 and span[0].key.isdigit()) or tuple(w.key for w in span) in fillers:
                    break
                country = self._country_at(span)
                if country is not None:
                    if found.country not in (None, country.country):
                        return None
                    found = country
                    break
            else:
                return None
            i += n
        return found

    def branch(self, actor: Actor, country: Country) -> Actor:
        """The branch of ``actor`` active in ``country`` ("Islamic State" in Mozambique is "Islamic State
        (Mozambique)"), or ``actor`` itself."""
        return self._branches.get(actor.name, {}).get(country.name, actor)

    def _without_names_of(self, actor: Actor, words: list[_Word]) -> list[_Word]:
        """The words left once every other name of the same actor is taken out: "Islamic State West Africa
        Province (ISWAP) fighters" names one group twice."""
        out, i = [], 0
        while i < len(words):
            for n in range(min(len(words) - i, self._longest), 0, -1):
                other = self._named.get(_key(words[i : i + n]))
                if other is not None and other.name == actor.name:
                    i += n
                    break
            else:
                out.append(words[i])
                i += 1
        return out

    def _named_actor(self, words: list[_Word], context: Country | None) -> Actor | None:
        matches = []
        home = self._home(context).name if context is not None else None
        for i in range(len(words)):
            for n in range(min(len(words) - i, self._longest), 0, -1):
                key = _key(words[i : i + n])
                actor = self._local.get((key, home)) or self._named.get(key)
                if actor and not self._lower_case_word(words[i : i + n]):
                    matches.append((-n, i, actor))
        for minus_n, i, actor in sorted(matches, key=lambda m: (m[0], m[1])):
            rest = self._without_names_of(actor, [*words[:i], *words[i - minus_n :]])
            prefix = self._consume(rest, named=True)
            if prefix is None:
                continue
            other = prefix.country
            police = actor.country is not None and actor.name == self.police(actor.country).name
            if police and other is not None and actor.country != other.name:
                return self.police(other)  # "Dhaka Metropolitan Police": Bangladesh's, not London's Met
            return self.branch(actor, context) if context else actor
        return None

    def _head(self, words: Sequence[_Word]) -> tuple[int, str, str | None] | None:
        """The longest generic noun ending the phrase: (start, kind, unit)."""
        for start in range(max(0, len(words) - self._head_len), len(words)):
            key = tuple(word.key for word in words[start:])
            if key in self._kinds:
                return start, self._kinds[key], self._units.get(key)
        return None

    def _generic_actor(self, words: list[_Word], context: Country | None) -> Actor | None:
        bare = self._consume(words, named=False)
        if bare is not None:  # a bare country or seat of power as an actor stands for its military
            return self.military(bare.country) if bare.country and not bare.demonym else None
        head, rest = self._head(words), words
        if head is not None:
            rest = words[: head[0]]
        elif "of" in (keys := [word.key for word in words]):  # "troops of Russia", "residents of Bucha"
            split = keys.index("of")
            head = self._head(words[:split])
            if head is not None:
                tail = words[split + 1 :]
                if head[1] not in GENERIC_KINDS or self._consume(tail, named=False) is not None:
                    rest = [*words[: head[0]], *tail]
                else:
                    rest = words[: head[0]]
        prefix = None if head is None else self._consume(rest, named=False)
        if head is None or prefix is None:
            return None
        _, kind, unit = head
        if kind in GENERIC_KINDS:
            return self.generic(kind, prefix.country or context)
        # "Russian drones" name their army; bare "drones" name no one; "government warplanes" the local one
        own = kind != "military_assets" or any(word.key in STATE_WORDS for word in rest)
        country = prefix.country or (context if own else None)
        if country is None:
            return None
        actor = self.police(country) if kind == "police" else self.military(country)
        return replace(actor, name=f"{actor.name} {unit}") if unit else actor
