"""The actor and country reference tables: the data files validate, lookups work, mentions resolve."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pycountry
import pytest
import spacy
from spacy.matcher import PhraseMatcher

from extractors.actors import (
    ACTORS_FILE,
    COUNTRIES_FILE,
    DATA_DIR,
    FORCE_NAME,
    NOUNS_FILE,
    REGIONS,
    Actor,
    ActorDataError,
    ActorTable,
)
from schemas.taxonomy import Inter


@pytest.fixture(scope="module")
def table() -> ActorTable:
    """The bundled tables."""
    return ActorTable.load()


# --- the bundled files ------------------------------------------------------------------------------------
def test_load_is_cached(table: ActorTable) -> None:
    assert ActorTable.load() is table


def test_sizes(table: ActorTable) -> None:
    assert len(table.countries) >= 240
    assert len(table.actors) >= 120
    assert len(table.named_group_aliases()) >= 500


def test_every_country_is_well_formed(table: ActorTable) -> None:
    for country in table.countries:
        assert country.region in REGIONS, country.name
        assert FORCE_NAME.match(country.military) and country.military.startswith("Military "), country.name
        assert FORCE_NAME.match(country.police) and country.police.startswith("Police "), country.name
        assert 1 <= country.iso <= 999, country.name
    for field in ("name", "iso", "alpha2", "alpha3"):
        values = [getattr(country, field) for country in table.countries]
        assert len(values) == len(set(values)), field


def test_codes_agree_with_iso_3166(table: ActorTable) -> None:
    for country in table.countries:
        iso = pycountry.countries.get(alpha_2=country.alpha2)
        assert iso is not None, country.name
        assert (int(iso.numeric), iso.alpha_3) == (country.iso, country.alpha3), country.name


CONFLICT_COUNTRIES = {
    "Ukraine": ("Military Forces of Ukraine (2019-)", 804, "Europe"),
    "Russia": ("Military Forces of Russia (2000-)", 643, "Europe"),
    "Israel": ("Military Forces of Israel (2022-)", 376, "Middle East"),
    "Palestine": ("Military Forces of Palestine (2007-)", 275, "Middle East"),
    "Lebanon": ("Military Forces of Lebanon (2025-)", 422, "Middle East"),
    "Syria": ("Military Forces of Syria (2024-)", 760, "Middle East"),
    "Yemen": ("Military Forces of Yemen (2022-)", 887, "Middle East"),
    "Iran": ("Military Forces of Iran (1989-)", 364, "Middle East"),
    "Iraq": ("Military Forces of Iraq (2022-)", 368, "Middle East"),
    "Sudan": ("Military Forces of Sudan (2019-)", 729, "Northern Africa"),
    "South Sudan": ("Military Forces of South Sudan (2011-)", 728, "Eastern Africa"),
    "Somalia": ("Military Forces of Somalia (2022-)", 706, "Eastern Africa"),
    "Ethiopia": ("Military Forces of Ethiopia (2018-)", 231, "Eastern Africa"),
    "Democratic Republic of Congo": (
        "Military Forces of the Democratic Republic of Congo (2019-)",
        180,
        "Middle Africa",
    ),
    "Nigeria": ("Military Forces of Nigeria (2023-)", 566, "Western Africa"),
    "Mali": ("Military Forces of Mali (2021-)", 466, "Western Africa"),
    "Burkina Faso": ("Military Forces of Burkina Faso (2022-)", 854, "Western Africa"),
    "Niger": ("Military Forces of Niger (2023-)", 562, "Western Africa"),
    "Cameroon": ("Military Forces of Cameroon (1982-)", 120, "Middle Africa"),
    "Mozambique": ("Military Forces of Mozambique (2025-)", 508, "Southern Africa"),
    "Myanmar": ("Military Forces of Myanmar (2021-)", 104, "Southeast Asia"),
    "Pakistan": ("Military Forces of Pakistan (2024-)", 586, "South Asia"),
    "Afghanistan": ("Military Forces of Afghanistan (2021-)", 4, "South Asia"),
    "India": ("Military Forces of India (2014-)", 356, "South Asia"),
    "Mexico": ("Military Forces of Mexico (2024-)", 484, "Central America"),
    "Colombia": ("Military Forces of Colombia (2022-)", 170, "South America"),
    "Haiti": ("Military Forces of Haiti (2024-)", 332, "Caribbean"),
    "Brazil": ("Military Forces of Brazil (2023-)", 76, "South America"),
    "Libya": ("Military Forces of Libya (2021-)", 434, "Northern Africa"),
    "Kenya": ("Military Forces of Kenya (2022-)", 404, "Eastern Africa"),
    "Central African Republic": (
        "Military Forces of the Central African Republic (2016-)",
        140,
        "Middle Africa",
    ),
    "Chad": ("Military Forces of Chad (2021-)", 148, "Middle Africa"),
    "Philippines": ("Military Forces of the Philippines (2022-)", 608, "Southeast Asia"),
    "Bangladesh": ("Military Forces of Bangladesh (2024-)", 50, "South Asia"),
}


@pytest.mark.parametrize("name", CONFLICT_COUNTRIES, ids=str)
def test_conflict_countries(table: ActorTable, name: str) -> None:
    military, iso, region = CONFLICT_COUNTRIES[name]
    country = table.country(name)
    assert country is not None and country.name == name
    assert (country.military, country.iso, country.region) == (military, iso, region)
    assert country.police == military.replace("Military", "Police", 1)


def test_every_alias_resolves_to_its_actor(table: ActorTable) -> None:
    for alias, actor in table.named_group_aliases():
        assert table.resolve(alias) == actor, alias


def test_every_country_name_and_demonym_resolves(table: ActorTable) -> None:
    for country in table.countries:
        assert table.resolve(country.name) == table.military(country), country.name
        for demonym in country.demonyms:
            assert table.resolve(f"{demonym} police") == table.police(country), demonym


# --- lookups ----------------------------------------------------------------------------------------------
COUNTRY_LOOKUPS = [
    ("U.S.", "United States"),
    ("US", "United States"),
    ("USA", "United States"),
    ("America", "United States"),
    ("the United States", "United States"),
    ("us", None),
    ("UK", "United Kingdom"),
    ("Britain", "United Kingdom"),
    ("GBR", "United Kingdom"),
    ("DRC", "Democratic Republic of Congo"),
    ("Congo", "Democratic Republic of Congo"),
    ("Congo-Kinshasa", "Democratic Republic of Congo"),
    ("Congo-Brazzaville", "Republic of Congo"),
    ("Côte d’Ivoire", "Ivory Coast"),
    ("Ivory Coast", "Ivory Coast"),
    ("Burma", "Myanmar"),
    ("Russia's", "Russia"),
    ("russian federation", "Russia"),
    ("Türkiye", "Turkey"),
    ("the Netherlands", "Netherlands"),
    ("CAR", "Central African Republic"),
    ("car", None),
    ("Gaza", None),
    ("Kosovo", None),
    ("Atlantis", None),
]


@pytest.mark.parametrize(("text", "expected"), COUNTRY_LOOKUPS, ids=[text for text, _ in COUNTRY_LOOKUPS])
def test_country(table: ActorTable, text: str, expected: str | None) -> None:
    country = table.country(text)
    assert (country.name if country else None) == expected


WORD_LOOKUPS = [
    ("demonym", "Russian", "Russia"),
    ("demonym", "Ukrainians", "Ukraine"),
    ("demonym", "Nigerien", "Niger"),
    ("demonym", "Nigerian", "Nigeria"),
    ("demonym", "Sudanese", "Sudan"),
    ("demonym", "South Sudanese", "South Sudan"),
    ("demonym", "Congolese", "Democratic Republic of Congo"),
    ("demonym", "Somali", "Somalia"),
    ("demonym", "Palestinian", "Palestine"),
    ("demonym", "Burkinabe", "Burkina Faso"),
    ("demonym", "Russia", None),
    ("metonym", "Moscow", "Russia"),
    ("metonym", "the Kremlin", "Russia"),
    ("metonym", "Kremlin's", "Russia"),
    ("metonym", "Kyiv", "Ukraine"),
    ("metonym", "Kiev", "Ukraine"),
    ("metonym", "Washington", "United States"),
    ("metonym", "the White House", "United States"),
    ("metonym", "Beijing", "China"),
    ("metonym", "Tehran", "Iran"),
    ("metonym", "Khartoum", "Sudan"),
    ("metonym", "Gaza", None),
]


@pytest.mark.parametrize(
    ("kind", "word", "expected"), WORD_LOOKUPS, ids=[f"{k}-{w}" for k, w, _ in WORD_LOOKUPS]
)
def test_demonyms_and_metonyms(table: ActorTable, kind: str, word: str, expected: str | None) -> None:
    lookup = table.country_of_demonym if kind == "demonym" else table.country_of_metonym
    country = lookup(word)
    assert (country.name if country else None) == expected


GENERICS = [
    ("civilians", "Ukraine", Actor("Civilians (Ukraine)", Inter.CIVILIANS, "Ukraine")),
    ("protesters", "Kenya", Actor("Protesters (Kenya)", Inter.PROTESTERS, "Kenya")),
    ("rioters", "India", Actor("Rioters (India)", Inter.RIOTERS, "India")),
    ("unidentified", "Sudan", Actor("Unidentified Armed Group (Sudan)", Inter.POLITICAL_MILITIA, "Sudan")),
    ("rioters", "New Caledonia", Actor("Rioters (New Caledonia)", Inter.RIOTERS, "New Caledonia")),
    ("civilians", None, Actor("Civilians", Inter.CIVILIANS, None)),
]


@pytest.mark.parametrize(("kind", "country", "expected"), GENERICS, ids=[f"{k}-{c}" for k, c, _ in GENERICS])
def test_generic(table: ActorTable, kind: str, country: str | None, expected: Actor) -> None:
    assert table.generic(kind, country) == expected


def test_state_forces_of_a_dependency_are_its_sovereigns(table: ActorTable) -> None:
    puerto_rico = table.country("Puerto Rico")
    assert puerto_rico is not None and puerto_rico.forces_of == "United States"
    assert table.police(puerto_rico) == Actor(
        "Police Forces of the United States (2025-)", Inter.STATE_FORCES, "United States"
    )
    assert table.military("Greenland").name == "Military Forces of Denmark (2019-)"


def test_unknown_values_raise(table: ActorTable) -> None:
    with pytest.raises(ValueError, match="unknown generic actor kind"):
        table.generic("soldiers", "Ukraine")
    with pytest.raises(LookupError, match="Atlantis"):
        table.military("Atlantis")
    with pytest.raises(LookupError, match="Atlantis"):
        table.resolve("police", context_country="Atlantis")


def test_named_aliases_feed_a_lower_phrase_matcher(table: ActorTable) -> None:
    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_name: dict[str, list[Any]] = {}
    for alias, actor in table.named_group_aliases():
        by_name.setdefault(actor.name, []).append(nlp.make_doc(alias))
    for name, patterns in by_name.items():
        matcher.add(name, patterns)
    doc = nlp("The paramilitary Rapid Support Forces and al-Shabab said it is with us, as did the IDF.")
    found = {nlp.vocab.strings[match_id] for match_id, _, _ in matcher(doc)}
    assert found == {"RSF: Rapid Support Forces", "Al Shabaab", "Military Forces of Israel (2022-)"}


def test_country_terms_leave_out_words_that_need_capitals(table: ActorTable) -> None:
    terms = {text: country.name for text, country in table.country_terms()}
    assert terms["U.S."] == "United States" and terms["Kremlin"] == "Russia" and terms["Nigerien"] == "Niger"
    assert "CAR" not in terms
    assert "Kremlin" not in {text for text, _ in table.country_terms(metonyms=False)}


# --- resolve ----------------------------------------------------------------------------------------------
M_RUS, M_UKR, M_SDN = (
    "Military Forces of Russia (2000-)",
    "Military Forces of Ukraine (2019-)",
    "Military Forces of Sudan (2019-)",
)
HOUTHI, RSF = "Military Forces of Yemen (2017-) Houthi", "RSF: Rapid Support Forces"
RESOLVE = [
    ("Russian forces", None, M_RUS),
    ("Moscow's troops", None, M_RUS),
    ("the Kremlin's army", None, M_RUS),
    ("Russia", None, M_RUS),
    ("forces of Russia", None, M_RUS),
    ("Russian air force", None, f"{M_RUS} Air Force"),
    ("Ukrainian air defence", None, M_UKR),
    ("Ukraine's navy", None, f"{M_UKR} Navy"),
    ("Sudanese army", None, M_SDN),
    ("SAF", None, M_SDN),
    ("Israeli troops", None, "Military Forces of Israel (2022-)"),
    ("IDF soldiers", None, "Military Forces of Israel (2022-)"),
    ("Kenyan police", None, "Police Forces of Kenya (2022-)"),
    ("police", "Kenya", "Police Forces of Kenya (2022-)"),
    ("riot police", "Kenya", "Police Forces of Kenya (2022-)"),
    ("security forces", "Nigeria", "Military Forces of Nigeria (2023-)"),
    ("government forces", "Syria", "Military Forces of Syria (2024-)"),
    ("U.S. forces", None, "Military Forces of the United States (2025-)"),
    ("US troops", None, "Military Forces of the United States (2025-)"),
    ("Congolese army", None, "Military Forces of the Democratic Republic of Congo (2019-)"),
    ("Nigerien soldiers", None, "Military Forces of Niger (2023-)"),
    ("Nigerian soldiers", None, "Military Forces of Nigeria (2023-)"),
    ("Myanmar's junta", None, "Military Forces of Myanmar (2021-)"),
    ("Taliban fighters", None, "Military Forces of Afghanistan (2021-)"),
    ("Russian drones", "Ukraine", M_RUS),
    ("drones", "Ukraine", None),
    ("a military jet", "Myanmar", "Military Forces of Myanmar (2021-)"),
    ("government warplanes", "Sudan", M_SDN),
    ("Frontier Corps (FC) personnel", None, "Military Forces of Pakistan (2024-)"),
    ("Counter-Terrorism Department (CTD) officials", None, "Police Forces of Pakistan (2024-)"),
    ("security personnel", "India", "Military Forces of India (2014-)"),
    ("CRPF jawans", None, "Police Forces of India (2014-)"),
    ("troops of Operation Hadin Kai", None, "Military Forces of Nigeria (2023-)"),
    ("DSS operatives", None, "Police Forces of Nigeria (2023-)"),
    ("separatist fighters", "Cameroon", "Ambazonian Separatists"),
    ("separatists", "Pakistan", None),
    ("gunmen", "Sudan", "Unidentified Armed Group (Sudan)"),
    ("militants", "Mali", "Unidentified Armed Group (Mali)"),
    ("unidentified attackers", "Sudan", "Unidentified Armed Group (Sudan)"),
    ("heavily armed gunmen", "Nigeria", "Unidentified Armed Group (Nigeria)"),
    ("armed men", "Nigeria", "Unidentified Armed Group (Nigeria)"),
    ("protesters", "Kenya", "Protesters (Kenya)"),
    ("hundreds of angry demonstrators", "Kenya", "Protesters (Kenya)"),
    ("a mob", "India", "Rioters (India)"),
    ("rioters", "India", "Rioters (India)"),
    ("civilians", "Ukraine", "Civilians (Ukraine)"),
    ("residents", "Ukraine", "Civilians (Ukraine)"),
    ("dozens of people", "Ukraine", "Civilians (Ukraine)"),
    ("residents of Bucha", "Ukraine", "Civilians (Ukraine)"),
    ("Chinese workers", "Pakistan", "Civilians (China)"),
    ("civilians", None, "Civilians"),
    ("the paramilitary Rapid Support Forces", None, RSF),
    ("RSF", None, RSF),
    ("Sudan's RSF fighters", None, RSF),
    ("al-Shabab", None, "Al Shabaab"),
    ("Al-Shabaab militants", None, "Al Shabaab"),
    ("M23 rebels", None, "M23: March 23 Movement"),
    ("Houthis", None, HOUTHI),
    ("Ansar Allah", None, HOUTHI),
    ("Houthi rebels", None, HOUTHI),
    ("Yemen's Houthis", None, HOUTHI),
    ("Iran-backed Houthis", None, HOUTHI),
    ("Dhaka Metropolitan Police", None, "Police Forces of Bangladesh (2024-)"),
    ("the Metropolitan Police", None, "Police Forces of the United Kingdom (2024-)"),
    ("Citizen TV", None, None),
    ("alleged cow vigilantes", None, "Rioters"),
    ("Hamas militants", None, "Hamas Movement"),
    ("Hamas's armed wing", None, "Hamas Movement"),
    ("Qassam Brigades", None, "Hamas Movement"),
    ("JNIM", None, "JNIM: Group for Support of Islam and Muslims"),
    ("al-Qaeda-linked JNIM", None, "JNIM: Group for Support of Islam and Muslims"),
    ("Hezbollah fighters", None, "Hezbollah"),
    ("Pakistani Taliban", None, "TTP: Tehreek-i-Taliban Pakistan"),
    ("Kurdish-led SDF", None, "SDF: Syrian Democratic Forces"),
    ("IS", None, "Islamic State"),
    ("Islamic State militants", "Nigeria", "Islamic State (West Africa)"),
    ("Islamic State", "Iraq", "Islamic State"),
    ("Islamic State-linked ADF", None, "ADF: Allied Democratic Forces"),
    ("Wagner mercenaries", "Mali", "Wagner Group"),
    ("FARC dissidents", None, "EMC: Central General Staff"),
    ("400 Mawozo gang", None, "400 Mawozo"),
    ("Military Forces of Russia (2000-) Air Force", None, f"{M_RUS} Air Force"),
    ("Civilians (Ukraine)", None, "Civilians (Ukraine)"),
    ("police", None, None),
    ("a drone", "Ukraine", None),
    ("Russian", None, None),
    ("Russians", None, None),
    ("us", None, None),
    ("is", None, None),
    ("the weather", None, None),
    ("Geneva talks", None, None),
    ("anti-Hamas militia", None, None),
    ("Russian-backed separatists", None, None),
    ("pro-government militia", "Sudan", None),
    ("", None, None),
]


@pytest.mark.parametrize(("surface", "context", "expected"), RESOLVE, ids=[f"{s}|{c}" for s, c, _ in RESOLVE])
def test_resolve(table: ActorTable, surface: str, context: str | None, expected: str | None) -> None:
    actor = table.resolve(surface, context_country=context)
    assert (actor.name if actor else None) == expected


INTERS = [
    ("Russian drones", "Ukraine", Inter.EXTERNAL_OTHER_FORCES),
    ("Russian forces", "Russia", Inter.STATE_FORCES),
    ("Russian forces", None, Inter.STATE_FORCES),
    ("Ukrainian air defence", "Ukraine", Inter.STATE_FORCES),
    ("Israeli strikes", "Lebanon", Inter.EXTERNAL_OTHER_FORCES),
    ("Houthis", "Israel", Inter.EXTERNAL_OTHER_FORCES),
    ("Houthis", "Yemen", Inter.STATE_FORCES),
    ("police", "Puerto Rico", Inter.STATE_FORCES),
    ("Somaliland forces", "Somalia", Inter.STATE_FORCES),
    ("RSF", "Sudan", Inter.REBEL_GROUP),
    ("Hezbollah", "Lebanon", Inter.POLITICAL_MILITIA),
    ("Israeli settlers", "Palestine", Inter.IDENTITY_MILITIA),
    ("Wagner Group", "Mali", Inter.EXTERNAL_OTHER_FORCES),
    ("UNIFIL", "Lebanon", Inter.EXTERNAL_OTHER_FORCES),
    ("gunmen", "Nigeria", Inter.POLITICAL_MILITIA),
]


@pytest.mark.parametrize(("surface", "context", "expected"), INTERS, ids=[f"{s}|{c}" for s, c, _ in INTERS])
def test_resolved_actor_type(table: ActorTable, surface: str, context: str | None, expected: Inter) -> None:
    actor = table.resolve(surface, context_country=context)
    assert actor is not None and actor.inter is expected


# --- malformed data ---------------------------------------------------------------------------------------
@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the three data files."""
    for name in (COUNTRIES_FILE, ACTORS_FILE, NOUNS_FILE):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    return tmp_path


def _edit_row(path: Path, marker: str, edit: Callable[[dict[str, Any]], None]) -> int:
    """Edit the one-line JSON row containing ``marker``; the row's line number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, start=1) if marker in line)
    line = lines[number - 1]
    comma = "," if line.endswith(",") else ""
    row = json.loads(line.removesuffix(","))
    edit(row)
    lines[number - 1] = json.dumps(row, ensure_ascii=False) + comma
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number


def _edit_nouns(path: Path, edit: Callable[[dict[str, Any]], None], field: str) -> int:
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    text = json.dumps(data, indent=2)
    path.write_text(text, encoding="utf-8")
    return next((n for n, line in enumerate(text.splitlines(), start=1) if f'"{field}":' in line), 1)


ALBANIA, PUERTO_RICO, ZIMBABWE = '"name": "Albania"', '"name": "Puerto Rico"', '"name": "Zimbabwe"'
HEZBOLLAH, NATO, IS_SAHEL = '"name": "Hezbollah"', '"name": "NATO', '"name": "Islamic State (Sahel)"'
# A clash is reported on the later of the two rows, so clashes are made on each file's last row.
BROKEN_ROWS: list[tuple[str, str, str, Callable[[dict[str, Any]], None], str]] = [
    ("iso-zero", COUNTRIES_FILE, ALBANIA, lambda r: r.update(iso=0), "iso"),
    ("iso-string", COUNTRIES_FILE, ALBANIA, lambda r: r.update(iso="8"), "iso"),
    ("region", COUNTRIES_FILE, ALBANIA, lambda r: r.update(region="Atlantis"), "region"),
    ("military-pattern", COUNTRIES_FILE, ALBANIA, lambda r: r.update(military="Albanian Army"), "military"),
    ("missing-police", COUNTRIES_FILE, ALBANIA, lambda r: r.pop("police"), "row"),
    ("duplicate-alpha3", COUNTRIES_FILE, ZIMBABWE, lambda r: r.update(alpha3="DZA"), "alpha3"),
    ("unknown-field", COUNTRIES_FILE, ALBANIA, lambda r: r.update(capital="Tirana"), "capital"),
    ("forces-of-unknown", COUNTRIES_FILE, PUERTO_RICO, lambda r: r.update(forces_of="Atlantis"), "forces_of"),
    ("alias-of-two-countries", COUNTRIES_FILE, ZIMBABWE, lambda r: r["aliases"].append("Russia"), "aliases"),
    ("alias-needs-capitals", COUNTRIES_FILE, ALBANIA, lambda r: r["aliases"].append("us"), "aliases"),
    ("inter", ACTORS_FILE, HEZBOLLAH, lambda r: r.update(inter="Rebels"), "inter"),
    ("actor-country", ACTORS_FILE, HEZBOLLAH, lambda r: r.update(country="Atlantis"), "country"),
    ("actor-alias-clash", ACTORS_FILE, NATO, lambda r: r["aliases"].append("RSF"), "aliases"),
    ("alias-is-a-noun", ACTORS_FILE, HEZBOLLAH, lambda r: r["aliases"].append("gunmen"), "aliases"),
    ("state-name", ACTORS_FILE, HEZBOLLAH, lambda r: r.update(inter="State forces"), "row"),
    ("parent", ACTORS_FILE, IS_SAHEL, lambda r: r.update(parent="ISIS Central"), "parent"),
]


@pytest.mark.parametrize(
    ("file", "marker", "edit", "field"), [r[1:] for r in BROKEN_ROWS], ids=[r[0] for r in BROKEN_ROWS]
)
def test_broken_row_names_file_line_and_field(
    data_copy: Path, file: str, marker: str, edit: Callable[[dict[str, Any]], None], field: str
) -> None:
    path = data_copy / file
    line = _edit_row(path, marker, edit)
    with pytest.raises(ActorDataError) as error:
        ActorTable.load(data_dir=data_copy)
    assert str(error.value).startswith(f"{path}:{line}: {field}:")


def test_broken_json_line(data_copy: Path) -> None:
    path = data_copy / ACTORS_FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[4] = '{"name": "Broken",'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ActorDataError, match=rf"^{path}:5: json:"):
        ActorTable.load(data_dir=data_copy)


BROKEN_NOUNS: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("unknown-key", lambda d: d.update(weapons=["rifle"]), "weapons"),
    ("noun-in-two-kinds", lambda d: d["police"].append("troops"), "police"),
    ("unit-not-military", lambda d: d["units"].update(riot_police="Riot Police"), "units"),
    ("not-a-list", lambda d: d.update(rioters="rioters"), "rioters"),
]


@pytest.mark.parametrize(("edit", "field"), [r[1:] for r in BROKEN_NOUNS], ids=[r[0] for r in BROKEN_NOUNS])
def test_broken_nouns_name_file_line_and_field(
    data_copy: Path, edit: Callable[[dict[str, Any]], None], field: str
) -> None:
    path = data_copy / NOUNS_FILE
    line = _edit_nouns(path, edit, field)
    with pytest.raises(ActorDataError) as error:
        ActorTable.load(data_dir=data_copy)
    assert str(error.value).startswith(f"{path}:{line}: {field}")
