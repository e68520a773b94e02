"""Extraction on real text: the seed article's facts (issue §3) and several VOA stories."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from extractors import extract, load_pipeline
from extractors.places import Gazetteer
from schemas import Article, Event, EventType, validate_events

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "seed_article_2026-02-26.txt"
VOA = ROOT / "samples" / "voa_stories.jsonl"


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


def code(nlp, article: Article) -> list[Event]:
    """Extract and validate; a validation failure fails the test."""
    (result,) = list(extract([article], nlp=nlp))
    events, rejected = validate_events(result.payloads)
    assert not result.rejections and not rejected, [r.reason for r in result.rejections + rejected]
    return events


@pytest.fixture(scope="session")
def seed_events(nlp) -> list[Event]:
    return code(nlp, Article(id="seed", text=SEED.read_text("utf-8")))


@pytest.fixture(scope="session")
def voa() -> dict[str, Article]:
    stories = {}
    for line in VOA.read_text("utf-8").splitlines():
        row = json.loads(line)
        stories[row["id"]] = Article(
            id=row["id"],
            text=row["text"],
            title=row["title"],
            url=row["url"],
            published=row["published"][:10],
        )
    return stories


def test_seed_regions(seed_events):
    assert {e.iso for e in seed_events} == {804}
    admin1 = {e.admin1 for e in seed_events}
    for region in ("Odesa", "Zaporizhzhia", "Kharkiv"):
        assert region in admin1, admin1
    assert any(a.startswith("Kyiv") for a in admin1), admin1


def test_seed_actor_date_and_type(seed_events):
    assert {e.actor1 for e in seed_events} == {"Military Forces of Russia (2000-)"}
    assert {e.event_date.isoformat() for e in seed_events} == {"2026-02-26"}
    assert {e.event_type for e in seed_events} == {EventType.EXPLOSIONS}
    assert all(e.time_precision == 1 for e in seed_events)


def test_seed_weapons_and_counts(seed_events):
    weapons = {(w.weapon_type.value, w.count, w.count_qualifier and w.count_qualifier.value)
               for e in seed_events for w in e.weapons}  # fmt: skip
    assert ("drone", 420, "about") in weapons
    assert ("missile", 39, "exact") in weapons
    injured = [(e.injuries, e.injuries_qualifier.value) for e in seed_events if e.injuries is not None]
    assert (24, "more than") in injured


def test_seed_targets(seed_events):
    targets = {
        e.admin1: (e.target, e.target_category.value if e.target_category else None) for e in seed_events
    }
    assert targets["Odesa"] == ("electricity substation", "energy infrastructure")
    assert targets["Zaporizhzhia"] == ("school building", "school")


def test_seed_nothing_at_geneva(seed_events):
    assert all(e.country == "Ukraine" and e.location != "Geneva" for e in seed_events)


def test_seed_evidence_points_into_the_article(seed_events):
    text = SEED.read_text("utf-8")
    for event in seed_events:
        fields = {e.field for e in event.evidence}
        assert {"sub_event_type", "location", "actor1", "event_date"} <= fields
        for item in event.evidence:
            assert text[item.start : item.end] == item.sentence
            if item.match_start is not None:
                assert text[item.match_start : item.match_end] == item.match


@pytest.mark.parametrize(
    ("story", "country", "admin1", "event_types"),
    [
        ("8006503", "Somalia", "Hiraan", {EventType.VIOLENCE_AGAINST_CIVILIANS, EventType.BATTLES}),
        ("8008152", "Somalia", None, {EventType.EXPLOSIONS}),
        ("8006651", "Pakistan", "Balochistan", None),
    ],
    ids=["somalia-hotel-gunmen", "somalia-airstrikes", "pakistan-train-attack"],
)
def test_voa_violent_stories(nlp, voa, story, country, admin1, event_types):
    events = code(nlp, voa[story])
    located = [e for e in events if e.country == country]
    assert located, [(e.country, e.admin1) for e in events]
    if admin1 is not None:
        assert admin1 in {e.admin1 for e in located}
    if event_types is not None:
        assert event_types & {e.event_type for e in located}


@pytest.mark.parametrize(
    "story",
    ["8011218", "8010779", "8010657", "6181316", "6181245"],
    ids=["archaeology", "diabetes", "china-screen-time", "dog-meat", "dental-tourism"],
)
def test_voa_stories_without_violence_give_no_events(nlp, voa, story):
    assert code(nlp, voa[story]) == []


RULE_CASES = [
    # (text, published, expected (sub_event_type, admin1, date) triples)
    (
        "Russian forces shelled Kharkiv from Monday to Wednesday, killing seven civilians.",
        "2026-02-26",
        {
            ("Shelling/artillery/missile attack", "Kharkiv", d)
            for d in ("2026-02-23", "2026-02-24", "2026-02-25")
        },
    ),
    (
        "A woman looks at a building destroyed by a Russian missile strike in Kharkiv, Ukraine, "
        "Feb. 20, 2026.",
        "2026-02-26",
        set(),
    ),
    ('"Israel attacks the Muslims in Jerusalem," the president said on Monday.', "2021-05-10", set()),
    ("The 2004 bombing of a French military base in Bouake killed nine soldiers.", "2021-03-29", set()),
    ("Russia threatened to strike Kyiv if the talks failed.", "2026-02-26", set()),
    ("The journalist was almost gunned down on the streets of New York City.", "2025-03-12", set()),
    (
        "The Taliban rejected allegations that its fighters attacked a checkpoint in Kandahar on Monday.",
        "2025-03-12",
        set(),
    ),
    (
        "Scores of traders in Cameroon's capital held a sit-in on Monday to protest the new taxes.",
        "2021-05-06",
        {("Peaceful protest", "Centre", "2021-05-03")},
    ),
]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    RULE_CASES,
    ids=[
        "multi-day-split",
        "old-caption",
        "present-commentary",
        "stale-year",
        "threat",
        "almost",
        "denial",
        "capital-sit-in",
    ],
)
def test_codebook_rules(nlp, text, published, expected):
    events = code(nlp, Article(id="rule", text=text, published=published))
    assert {(e.sub_event_type.value, e.admin1, e.event_date.isoformat()) for e in events} == expected


def test_multi_day_total_is_split_with_remainder_first(nlp):
    text = "Russian forces shelled Kharkiv from Monday to Wednesday, killing seven civilians."
    events = code(nlp, Article(id="rule", text=text, published="2026-02-26"))
    assert [e.fatalities for e in sorted(events, key=lambda e: e.event_date)] == [3, 2, 2]


# Wire-style sentences written for these tests, one per conflict and kind of event, coded by the codebook:
# (text, published, sub_event_type, actor1, admin1, fatalities)
WIRE_CASES = [
    (
        "An Israeli airstrike on a house in Khan Younis killed 12 people, including five children, "
        "Gaza health officials said on Tuesday.",
        "2024-05-15", "Air/drone strike", "Military Forces of Israel (2022-)", "Gaza Strip", 12,
    ),
    (
        "RSF fighters attacked the Zamzam displacement camp near El Fasher on Friday, killing at least 30 "
        "civilians.",
        "2025-04-13", "Attack", "RSF: Rapid Support Forces", "North Darfur", 30,
    ),
    (
        "Al-Shabab militants ambushed a Kenyan army convoy near Mandera on Monday, killing four soldiers.",
        "2025-03-12", "Armed clash", "Al Shabaab", "Mandera", 4,
    ),
    (
        "Police fired tear gas to disperse hundreds of protesters in Nairobi on Thursday.",
        "2024-06-28", "Protest with intervention", "Protesters (Kenya)", "Nairobi", 0,
    ),
    (
        "A roadside bomb killed three soldiers in Kandahar province on Monday.",
        "2020-06-10", "Remote explosive/landmine/IED", None, "Kandahar", 3,
    ),
    (
        "Gunmen kidnapped 20 passengers on a highway near Kaduna on Saturday.",
        "2024-03-12", "Abduction/forced disappearance", "Unidentified Armed Group (Nigeria)", "Kaduna", 0,
    ),
    (
        "Protesters set fire to tyres and blocked roads in Port-au-Prince on Monday.",
        "2024-03-06", "Violent demonstration", "Rioters (Haiti)", "Ouest", 0,
    ),
    (
        "A mob lynched two men accused of theft in Kano on Sunday.",
        "2023-08-30", "Mob violence", "Rioters (Nigeria)", "Kano", 2,
    ),
    (
        "Two police officers were shot dead by unidentified gunmen in Peshawar on Friday.",
        "2025-01-20", "Armed clash", "Unidentified Armed Group (Pakistan)", "Khyber Pakhtunkhwa", 2,
    ),
    (
        "Russian shelling killed two civilians in the city of Kherson on Wednesday, the regional governor "
        "said.",
        "2025-03-14", "Shelling/artillery/missile attack", "Military Forces of Russia (2000-)", "Kherson", 2,
    ),
    (
        "Clashes between the army and RSF fighters in Omdurman killed 14 people on Sunday, a medical source "
        "said.",
        "2024-06-03", "Armed clash", "Military Forces of Sudan (2019-)", "Khartoum", 14,
    ),
    (
        "Israeli troops shot dead a Palestinian teenager during a raid in Jenin on Wednesday, the health "
        "ministry said.",
        "2024-08-22", "Attack", "Military Forces of Israel (2022-)", "West Bank", 1,
    ),
    (
        "Burkinabe soldiers repelled an attack by JNIM fighters on a military post in Djibo on Thursday.",
        "2024-05-13", "Armed clash", None, "Sahel", 0,
    ),
    (
        "Thousands of people marched through Belgrade on Saturday to protest against corruption.",
        "2025-03-16", "Peaceful protest", "Protesters (Serbia)", "Belgrade", 0,
    ),
    (
        "Police arrested 45 protesters in Tbilisi overnight.",
        "2024-12-02", "Protest with intervention", "Protesters (Georgia)", "Tbilisi", 0,
    ),
    (
        "On Tuesday, unidentified gunmen opened fire on a minibus near the town of Bunia, killing seven "
        "people and wounding 12 others.",
        "2024-07-20", "Attack", "Unidentified Armed Group (Democratic Republic of Congo)", "Ituri", 7,
    ),
    (
        "Gunmen attacked a bus near Kaduna on Saturday, killing four passengers and taking 20 others "
        "hostage.",
        "2024-03-12", "Attack", "Unidentified Armed Group (Nigeria)", "Kaduna", 4,
    ),
    (
        "Protesters clashed with police in Nairobi on Tuesday, throwing stones and burning tyres.",
        "2024-06-26", "Violent demonstration", "Rioters (Kenya)", "Nairobi", 0,
    ),
    (
        "Security forces opened fire on protesters in Mandalay on Saturday, killing three people.",
        "2021-03-01", "Excessive force against protesters", "Protesters (Myanmar)", "Mandalay", 3,
    ),
    (
        "Thousands of people took to the streets of Tbilisi on Sunday to protest against the government.",
        "2024-12-02", "Peaceful protest", "Protesters (Georgia)", "Tbilisi", 0,
    ),
    (
        "On March 3, an explosion at a mosque in Kabul killed 15 worshippers, the Interior Ministry said.",
        "2025-03-14", "Remote explosive/landmine/IED", "Unidentified Armed Group (Afghanistan)", "Kabul", 15,
    ),
    (
        "Tuesday's attack on a police station in Maiduguri killed three officers.",
        "2025-03-13", "Armed clash", "Unidentified Armed Group (Nigeria)", "Borno", 3,
    ),
    (
        "At least 40 people were killed in an airstrike on a market in the town of Wad Madani, activists "
        "said Saturday.",
        "2024-12-14", "Air/drone strike", None, "Al Jazirah", 40,
    ),
    (
        "Israeli strikes on Gaza City killed at least 20 Palestinians overnight, according to the "
        "territory's civil defense agency.",
        "2024-10-10", "Air/drone strike", "Military Forces of Israel (2022-)", "Gaza Strip", 20,
    ),
    (
        "Suspected ADF rebels killed 22 civilians in a machete attack in the village of Mayikengo in North "
        "Kivu province overnight Monday, local officials said.",
        "2025-02-04", "Attack", "ADF: Allied Democratic Forces", "North Kivu", 22,
    ),
    (
        "Police fired tear gas to disperse hundreds of protesters in Nairobi's central business district "
        "on Tuesday.",
        "2025-06-12", "Protest with intervention", "Protesters (Kenya)", "Nairobi", 0,
    ),
    (
        "Myanmar's military junta bombed a monastery in Sagaing region's Kyaukmyaung village overnight, "
        "killing 23 civilians, local resistance groups said.",
        "2025-06-12", "Air/drone strike", "Military Forces of Myanmar (2021-)", "Sagaing", 23,
    ),
    (
        "Unidentified men stabbed three herders to death near Mopti on Sunday, residents said.",
        "2025-06-12", "Attack", "Unidentified Armed Group (Mali)", "Mopti", 3,
    ),
    (
        "A gang leader was killed in a gun battle with police Friday in the town of "
        "Saint-Michel-de-l'Attalaye, near Gonaives, officials said, and reaction spread quickly on Twitter.",
        "2025-06-12", "Armed clash", None, "Artibonite", 1,
    ),
    (
        "KHARTOUM, Sudan (AP) — Sudan's paramilitary Rapid Support Forces attacked the city of El Obeid in "
        "North Kordofan on Saturday, killing at least 40 civilians, a doctors' group said.",
        "2025-06-12", "Attack", "RSF: Rapid Support Forces", "North Kordofan", 40,
    ),
    (
        "Fighters loyal to the TTP ambushed a police patrol in Bannu on Thursday night, killing three "
        "officers, a police official said.",
        "2025-06-12", "Armed clash", "TTP: Tehreek-i-Taliban Pakistan", "Khyber Pakhtunkhwa", 3,
    ),
    (
        "Colombian soldiers clashed with ELN guerrillas in the Catatumbo region of Norte de Santander on "
        "Friday, leaving two soldiers dead.",
        "2025-06-12", "Armed clash", "Military Forces of Colombia (2022-)", "Norte de Santander", 2,
    ),
    (
        "Cartel gunmen killed eight people at a bar in Celaya, Guanajuato, late Saturday, state prosecutors "
        "said.",
        "2025-06-12", "Attack", "Unidentified Armed Group (Mexico)", "Guanajuato", 8,
    ),
    (
        "Fano militiamen seized the town of Debre Tabor in Ethiopia's Amhara region on Wednesday after heavy "
        "fighting with federal troops, residents said.",
        "2025-06-12", "Non-state actor overtakes territory", "Fano Militia", "Amhara", 0,
    ),
    (
        "The Sudanese army said Tuesday it had recaptured the presidential palace in Khartoum from the Rapid "
        "Support Forces after days of fighting.",
        "2025-06-12", "Government regains territory", "Military Forces of Sudan (2019-)", "Khartoum", 0,
    ),
    (
        "Turkish warplanes struck suspected PKK targets in northern Iraq's Duhok province on Saturday, the "
        "Turkish Defence Ministry said.",
        "2025-06-12", "Air/drone strike", "Military Forces of Turkey (2002-)", "Duhok", 0,
    ),
    (
        "An Israeli drone strike on a car in Nabatieh killed a man on Wednesday.",
        "2025-06-12", "Air/drone strike", "Military Forces of Israel (2022-)", "Nabatiyeh", 1,
    ),
    (
        "Two people were killed in the shelling of Kherson on Saturday, the governor said.",
        "2025-06-12", "Shelling/artillery/missile attack", None, "Kherson", 2,
    ),
    (
        "On Wednesday, a remote-controlled bomb planted on a roadside in Quetta tore through a vehicle, "
        "killing two people.",
        "2026-01-16", "Remote explosive/landmine/IED", None, "Balochistan", 2,
    ),
    (
        "At least 14 people were killed when fighters of the Fano militia attacked government forces in the "
        "town of Debre Markos in Ethiopia's Amhara region on Sunday, residents said.",
        "2025-11-12", "Armed clash", "Fano Militia", "Amhara", 14,
    ),
    (
        "A remote-controlled bomb struck a vehicle of the paramilitary Frontier Corps near the town of "
        "Turbat in southwestern Balochistan province on Monday, killing two soldiers and wounding three, "
        "officials said.",
        "2025-06-12", "Remote explosive/landmine/IED", "Unidentified Armed Group (Pakistan)", "Balochistan",
        2,
    ),
    (
        "The base of the Army in the town of Tibu, Norte de Santander, was attacked with at least three "
        "drones loaded with explosives on Tuesday, leaving two soldiers dead and five wounded.",
        "2025-06-12", "Air/drone strike", "Unidentified Armed Group (Colombia)", "Norte de Santander", 2,
    ),
    (
        "Police officers were attacked by gunmen in Zamfara State on Monday, and two officers were killed.",
        "2025-06-12", "Armed clash", "Unidentified Armed Group (Nigeria)", "Zamfara", 2,
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "published", "sub_event", "actor1", "admin1", "fatalities"),
    WIRE_CASES,
    ids=[
        "gaza-airstrike",
        "darfur-camp",
        "kenya-ambush",
        "nairobi-teargas",
        "kandahar-ied",
        "kaduna-kidnap",
        "haiti-riot",
        "kano-mob",
        "peshawar-police",
        "kherson-shelling",
        "omdurman-clash",
        "jenin-raid",
        "djibo-post",
        "belgrade-march",
        "tbilisi-arrests",
        "bunia-minibus",
        "kaduna-killed-and-hostages",
        "nairobi-clash-with-police",
        "mandalay-excessive-force",
        "tbilisi-streets",
        "kabul-explosion",
        "maiduguri-police-station",
        "wad-madani-airstrike",
        "gaza-city-strikes",
        "north-kivu-machete",
        "nairobi-possessive-district",
        "myanmar-junta-bombed",
        "sahel-stabbed",
        "haiti-near-landmark",
        "sudan-dateline-named-group",
        "pakistan-loyal-to-police-patrol",
        "colombia-leaving-dead",
        "mexico-town-comma-state",
        "ethiopia-subject-leads-clash",
        "sudan-recaptured-after-fighting",
        "iraq-kurdistan-governorate",
        "lebanon-transliterated-town",
        "shelling-of-a-city",
        "planted-bomb-is-an-ied",
        "armed-victim-makes-a-clash",
        "turbat-vehicle-of-the-corps",
        "tibu-base-of-the-army",
        "zamfara-officers-attacked",
    ],
)
def test_wire_sentences_across_conflicts(nlp, text, published, sub_event, actor1, admin1, fatalities):
    (event,) = code(nlp, Article(id="wire", text=text, published=published))
    assert event.sub_event_type.value == sub_event
    assert event.admin1 == admin1
    assert event.fatalities == fatalities
    if actor1 is not None:
        assert event.actor1 == actor1


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian air defences shot down 45 of 60 drones launched overnight, the air force said.",
        "Russia launched a massive attack on Ukraine overnight, officials said.",
    ],
    ids=["interceptions-country-only", "attack-country-only"],
)
def test_country_only_reports_are_not_events(nlp, text):
    assert code(nlp, Article(id="wire", text=text, published="2026-02-26")) == []


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "Kidal, 12 March 2025 - Two civilians were killed by unidentified gunmen on the road to Anefis.",
            "2025-03-12",
            [("Attack", "Kidal", "2025-03-12", "Unidentified Armed Group (Mali)")],
        ),
        (
            "Drone strike kills 5 in Idlib.\n\nA drone strike killed five people in the city of Idlib on "
            "Monday, rescuers said.",
            "2025-03-11",
            [("Air/drone strike", "Idleb", "2025-03-10", "Unidentified Armed Group (Syria)")],
        ),
        (
            "Analysts say the conflict in eastern Congo could escalate if M23 advances toward Uvira. "
            "The rebels have threatened to march on Kinshasa.",
            "2025-02-20",
            [],
        ),
        (
            "Two years ago, fighters stormed the town of Bakhmut. Since then, the war has killed thousands.",
            "2025-02-20",
            [],
        ),
        (
            "Heavy fighting broke out between Fano militia and federal troops in Gondar on Tuesday, "
            "residents said, with at least 20 people killed.",
            "2024-04-10",
            [("Armed clash", "Amhara", "2024-04-09", "Fano Militia")],
        ),
        (
            "Gunmen stormed a market in the town of Mandera on Monday, killing four traders. The militant "
            "group al-Shabab later claimed responsibility for the attack.",
            "2025-03-12",
            [("Attack", "Mandera", "2025-03-10", "Al Shabaab")],
        ),
        (
            "In Nyeri, a student was shot dead when officers opened fire on demonstrators who had blocked "
            "the Nyeri–Nairobi highway on Tuesday.",
            "2026-07-08",
            [("Excessive force against protesters", "Nyeri", "2026-07-07", "Protesters (Kenya)")],
        ),
        (
            "Both sides accused the other of preparing fresh offensives. The rebels seized the region's two "
            "largest cities early this year in an offensive that killed thousands of people. The Houthis "
            "launched scores of attacks on ships in the Red Sea after the war in Gaza began in 2023.",
            "2025-10-15",
            [],
        ),
        (
            "In Kisumu, several hundred people marched peacefully to the county headquarters. The holiday "
            "commemorates the 7 July 1990 rally in Nairobi that launched the campaign for democracy.",
            "2026-07-08",
            [("Peaceful protest", "Kisumu", "2026-07-08", "Protesters (Kenya)")],
        ),
        (
            "On 17 May, unidentified gunmen on motorbikes shot dead two traders and wounded a third at the "
            "weekly livestock market in Ansongo town, Gao region, Malian officials said.",
            "2025-05-19",
            [("Attack", "Gao", "2025-05-17", "Unidentified Armed Group (Mali)")],
        ),
        (
            "Nigeria — Plateau State: Gunmen stormed Hurti village in Bokkos LGA early on Monday, killing "
            "eleven people.\n\nAssessment: The tempo of ISWAP attacks on forward operating bases in northern "
            "Borno remains high.",
            "2026-03-03",
            [("Attack", "Plateau", "2026-03-02", "Unidentified Armed Group (Nigeria)")],
        ),
        (
            "PORT SUDAN, Sudan (AP) — A drone attack blamed on the Rapid Support Forces slammed into a "
            "mosque in El Fasher on Sunday, killing at least 21 worshippers. The drone struck the mosque in "
            "the city's Daraja Oula neighborhood.",
            "2025-09-15",
            [("Air/drone strike", "North Darfur", "2025-09-14", "RSF: Rapid Support Forces")],
        ),
        (
            "Insurgents beheaded two civilians in Mucojo village, Macomia district, on Sunday. Attacks in "
            "Macomia district have intensified since the start of the year. The two victims, men aged around "
            "40, were farmers.",
            "2025-09-23",
            [("Attack", "Cabo Delgado", "2025-09-21", "Islamic State (Mozambique)")],
        ),
        (
            "Separately, on Saturday, Turkish artillery shelled mountainous areas around Kani Masi, in Duhok "
            "province, setting fire to orchards.",
            "2025-02-24",
            [
                (
                    "Shelling/artillery/missile attack",
                    "Duhok",
                    "2025-02-22",
                    "Military Forces of Turkey (2002-)",
                )
            ],
        ),
        (
            "Gunmen set fire to dozens of houses in the village of Tessit, in Gao region, on Monday, "
            "residents said. No one was hurt.",
            "2025-05-20",
            [("Looting/property destruction", "Gao", "2025-05-19", "Unidentified Armed Group (Mali)")],
        ),
        (
            "The Guma attack came barely 24 hours after two farmers were hacked to death by suspected "
            "herdsmen on their farmland close to Obagaji, headquarters of Agatu LGA in Benue State, on "
            "Sunday night.",
            "2025-05-27",
            [("Attack", "Benue", "2025-05-25", "Unidentified Armed Group (Nigeria)")],
        ),
        (
            "The protest movement began after the concrete canopy at the railway station in Novi Sad "
            "collapsed on November 1, 2024, killing 16 people. In the Lviv region, air defences destroyed "
            "nine drones on Saturday.",
            "2025-11-16",
            [("Disrupted weapons use", "Lviv", "2025-11-15", "Military Forces of Ukraine (2019-)")],
        ),
        (
            "Soldiers clashed with ELN guerrillas near the town of Tame in Arauca on Monday. Two soldiers "
            "died in the fighting, the army said.",
            "2025-06-12",
            [("Armed clash", "Arauca", "2025-06-09", "Military Forces of Colombia (2022-)")],
        ),
        (
            "Earlier this month, a female suicide bomber detonated her explosive devices near a military "
            "convoy in Balochistan's Kalat district, killing at least one soldier and injuring four others. "
            "Last month, insurgents ambushed a bus in Quetta.",
            "2025-03-14",
            [
                ("Suicide bomb", "Balochistan", "2025-03-01", "Unidentified Armed Group (Pakistan)"),
                ("Attack", "Balochistan", "2025-02-15", "Unidentified Armed Group (Pakistan)"),
            ],
        ),
        (
            "Gunmen stormed a hotel in the Somali city of Beledweyne on Tuesday, leaving at least five "
            'people dead. "We can still hear gunfire from the hotel as some militants are still fighting '
            'with the security forces," a resident said.',
            "2025-03-11",
            [("Armed clash", "Hiraan", "2025-03-11", "Unidentified Armed Group (Somalia)")],
        ),
    ],
    ids=[
        "incident-note-dateline",
        "headline-once",
        "forecast-and-threat",
        "years-ago",
        "transliterated-town",
        "claimed-responsibility",
        "excessive-force-road-not-a-place",
        "background-without-a-day",
        "anniversary-not-an-event",
        "conjoined-verbs-share-the-place",
        "sitrep-admin-suffix-and-assessment",
        "dateline-is-where-it-was-filed",
        "trend-and-ages-are-not-events",
        "armed-actor-fire-is-not-mob-violence",
        "burning-without-casualties",
        "close-to-and-region-names-the-country",
        "accident-and-air-defence",
        "town-in-region-mislabelled-as-org",
        "one-sentence-one-date",
        "siege-fought-by-security-forces",
    ],
)
def test_writing_styles(nlp, text, published, expected):
    events = code(nlp, Article(id="style", text=text, published=published))
    got = [(e.sub_event_type.value, e.admin1, e.event_date.isoformat(), e.actor1) for e in events]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        (
            "On Thursday, fighting between Wazalendo fighters and M23 broke out in the hills near Minova, in "
            "South Kivu province, a civil society leader said. At least six fighters were killed, he said.",
            6,
        ),
        (
            "Gunmen attacked a village in Bokkos LGA, Plateau State, on Sunday. The death toll has risen to "
            "14, police said on Monday.",
            14,
        ),
    ],
    ids=["clash-then-its-toll", "death-toll-from-the-police"],
)
def test_follow_up_sentences_give_the_toll(nlp, text, fatalities):
    (event,) = code(nlp, Article(id="toll", text=text, published="2025-06-12"))
    assert event.fatalities == fatalities


@pytest.mark.parametrize(
    ("text", "actor1", "actor2", "fatalities"),
    [
        (
            "Gunmen killed 12 villagers in an attack on a village in Niger's Tillaberi region on Friday. "
            "Officials blamed the Islamic State Sahel Province.",
            "Islamic State (Sahel)", "Civilians (Niger)", 12,
        ),
        (
            "The base of the Army in the town of Tibu, Norte de Santander, was attacked with drones on "
            "Tuesday, leaving two soldiers dead. The military authorities attributed the attack to the ELN "
            "guerrilla.",
            "ELN: National Liberation Army", "Military Forces of Colombia (2022-)", 2,
        ),
        (
            "Gunmen killed 12 villagers in an attack on a village in Niger's Tillaberi region on Friday. "
            "No group claimed responsibility, though officials suspect jihadists.",
            "Unidentified Armed Group (Niger)", "Civilians (Niger)", 12,
        ),
        (
            "Fighting broke out on Sunday between M23 rebels and Wazalendo militia around Sake in North "
            "Kivu. A local administrator reported seven dead.",
            "M23: March 23 Movement", "Wazalendo", 7,
        ),
    ],
    ids=["blamed-in-next-sentence", "attributed-to", "no-claim", "toll-in-next-sentence"],
)  # fmt: skip
def test_the_next_sentence_names_the_attacker_or_the_toll(nlp, text, actor1, actor2, fatalities):
    (event,) = code(nlp, Article(id="wire", text=text, published="2025-06-12"))
    assert (event.actor1, event.actor2, event.fatalities) == (actor1, actor2, fatalities)


def test_a_town_the_tagger_took_for_a_date_is_still_the_place(nlp):
    text = (
        "A bomb struck a vehicle near the town of Turbat in southwestern Balochistan province on Monday, "
        "killing two soldiers."
    )
    (event,) = code(nlp, Article(id="wire", text=text, published="2025-06-12"))
    assert (event.location, event.admin1, event.geo_precision) == ("Turbat", "Balochistan", 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Soldiers raided a separatist camp on the outskirts of Kumba in Cameroon on Monday, neutralising "
            "four fighters after an exchange of fire.",
            ("Armed clash", "South-West", "Military Forces of Cameroon (1982-)",
             "Unidentified Armed Group (Cameroon)"),
        ),
        (
            "On Monday, the Defence and Security Forces, supported by Rwandan troops, clashed with "
            "insurgents near Macomia in Cabo Delgado, a source said.",
            ("Armed clash", "Cabo Delgado", "Military Forces of Mozambique (2025-)",
             "Islamic State (Mozambique)"),
        ),
        (
            "On Tuesday, Israeli settlers attacked the Palestinian village of Sinjil in the occupied West "
            "Bank, setting fire to cars and wounding four Palestinians.",
            ("Attack", "West Bank", "Settlers (Israel)", "Civilians (Palestine)"),
        ),
    ],
    ids=["neutralised-fighters", "unique-region-abroad", "attacked-village"],
)  # fmt: skip
def test_who_fought_whom_where(nlp, text, expected):
    (event,) = code(nlp, Article(id="wire", text=text, published="2025-06-12"))
    assert (event.sub_event_type.value, event.admin1, event.actor1, event.actor2) == expected


@pytest.mark.parametrize(
    ("text", "day", "location"),
    [
        (
            "Fighters of the Allied Democratic Forces killed at least 38 people in an overnight attack on a "
            "church in Bunia on Sunday, according to local officials.",
            "2026-05-10", "Bunia",
        ),
        (
            "Earlier in the week, on Tuesday, Israeli settlers attacked the Palestinian village of Sinjil in "
            "the occupied West Bank, wounding four Palestinians.",
            "2026-05-12", "Sinjil",
        ),
        (
            "Russian drones struck Kharkiv overnight into Thursday, killing two people, officials said.",
            "2026-05-14", "Kharkiv",
        ),
    ],
    ids=["overnight-attack-on-sunday", "earlier-in-the-week-on-tuesday", "struck-city-tagged-as-a-person"],
)  # fmt: skip
def test_the_named_day_beats_overnight_and_struck_cities_are_places(nlp, text, day, location):
    (event,) = code(nlp, Article(id="wire", text=text, published="2026-05-16"))
    assert (str(event.event_date), event.location) == (day, location)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Troops repelled an assault on a base in Marte, Borno State, on Monday after a three-hour gun "
            "battle; the army said 17 insurgents and two soldiers were killed.",
            ("Armed clash", "Borno", 19),
        ),
        (
            "Soldiers raided a separatist camp on the outskirts of Kumba in Cameroon on Monday, neutralising "
            "four fighters after an exchange of fire.",
            ("Armed clash", "South-West", 4),
        ),
        (
            "Ukrainian air defences neutralised 20 drones over the Kyiv region on Monday, the air force "
            "said.",
            ("Disrupted weapons use", "Kyiv", 0),
        ),
    ],
    ids=["both-sides-dead-are-summed", "neutralised-fighters-are-dead", "neutralised-drones-over-a-region"],
)  # fmt: skip
def test_tolls_sum_both_sides_and_neutralised_means_killed_only_for_people(nlp, text, expected):
    (event,) = code(nlp, Article(id="wire", text=text, published="2025-06-12"))
    assert (event.sub_event_type.value, event.admin1, event.fatalities) == expected


def test_a_toll_listing_police_among_the_dead_belongs_to_the_capture_and_flight_is_no_place(nlp):
    text = (
        "Members of the Viv Ansanm gang coalition seized the town of Lascahobas in Haiti's Centre department "
        "on Saturday after hours of gunfire with police, local officials said. At least nine people were "
        "killed, including two police officers, according to the town's mayor, who fled to the nearby city "
        "of Hinche."
    )
    (event,) = code(nlp, Article(id="wire", text=text, published="2026-02-20"))
    assert (event.sub_event_type.value, event.location, event.actor1, event.fatalities) == (
        "Non-state actor overtakes territory", "Lascahobas", "Viv Ansanm", 9,
    )  # fmt: skip


def test_a_movement_named_without_a_country_is_coded_as_its_branch_there(nlp):
    text = (
        "Insurgents linked to the so-called Islamic State beheaded two civilians on the outskirts of Macomia "
        "town, in Cabo Delgado province, on Sunday night."
    )
    (event,) = code(nlp, Article(id="wire", text=text, published="2025-06-12"))
    assert (event.actor1, event.admin1, event.fatalities) == ("Islamic State (Mozambique)", "Cabo Delgado", 2)


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        (
            "Troops repelled an attack by al-Shabab fighters on a military base near Beledweyne on Tuesday, "
            "killing 12 militants.",
            "Al Shabaab", "Military Forces of Somalia (2022-)",
        ),
        (
            "Soldiers repulsed a Boko Haram assault on their base in Marte, Borno State, on Monday.",
            "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "Military Forces of Nigeria (2023-)",
        ),
        (
            "Ukraine's army said it had repelled 30 Russian assaults near Pokrovsk on Tuesday.",
            "Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)",
        ),
    ],
    ids=["repelled-an-attack-by", "repulsed-a-named-assault", "repelled-a-states-assaults"],
)  # fmt: skip
def test_the_side_that_attacked_comes_first_when_the_other_repelled_it(nlp, text, actor1, actor2):
    (event,) = code(nlp, Article(id="wire", text=text, published="2025-06-12"))
    assert (event.sub_event_type.value, event.actor1, event.actor2) == ("Armed clash", actor1, actor2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In Kitengela, in Kajiado County, a crowd set fire to a police post and looted shops along the "
            "main road on Tuesday before anti-riot officers dispersed them.",
            ("Violent demonstration", "Rioters (Kenya)", "Kajiado", "2025-06-10"),
        ),
        (
            "Tens of thousands of people marched through Novi Sad on Saturday in one of the largest "
            "anti-government demonstrations in Serbia this year, demanding early elections.",
            ("Peaceful protest", "Protesters (Serbia)", "Vojvodina", "2025-06-14"),
        ),
        (
            "On Sunday, several hundred students blocked the Gazela bridge in Belgrade, the city's main "
            "traffic artery, for more than two hours.",
            ("Peaceful protest", "Protesters (Serbia)", "Belgrade", "2025-06-15"),
        ),
        (
            "On Sunday, hundreds of relatives and residents blocked the Delhi–Mathura highway in Palwal town "
            "in Haryana for about three hours, demanding the arrest of all the attackers.",
            ("Peaceful protest", "Protesters (India)", "Haryana", "2025-06-15"),
        ),
    ],
    ids=["crowd-burns-and-loots", "largest-this-year-on-saturday", "students-block-a-bridge",
         "residents-block-a-highway-demanding-arrests"],
)  # fmt: skip
def test_crowds_blockades_and_demonstrations(nlp, text, expected):
    (event,) = code(nlp, Article(id="wire", text=text, published="2025-06-16"))
    assert (event.sub_event_type.value, event.actor1, event.admin1, str(event.event_date)) == expected


def test_troops_blocking_a_road_are_no_protest(nlp):
    text = "Soldiers blocked the main road into Goma in North Kivu on Sunday, residents said."
    assert code(nlp, Article(id="wire", text=text, published="2025-06-16")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Late on Thursday, dozens of Hezbollah supporters on motorcycles blocked the Cola roundabout in "
            "Beirut, setting tyres ablaze and throwing stones at soldiers, in protest at the government's "
            "plan.",
            ("Violent demonstration", "Rioters (Lebanon)", "Beirut"),
        ),
        (
            "Also on Friday, the Lebanese army said its troops had found and dismantled four rocket "
            "launchers in an orchard near the coastal city of Tyre, some of them primed to fire towards "
            "Israel.",
            ("Disrupted weapons use", "Military Forces of Lebanon (2025-)", "South Lebanon"),
        ),
    ],
    ids=["supporters-riot-in-protest", "dismantled-launchers"],
)  # fmt: skip
def test_partisans_riot_and_dismantled_weapons_are_disrupted(nlp, text, expected):
    (event,) = code(nlp, Article(id="wire", text=text, published="2026-01-17"))
    assert (event.sub_event_type.value, event.actor1, event.admin1) == expected


def test_a_dismantled_cell_is_no_interception(nlp):
    text = "Police said on Monday they had dismantled a kidnapping ring in Kaduna, Nigeria."
    assert [
        e.sub_event_type.value for e in code(nlp, Article(id="wire", text=text, published="2026-01-17"))
    ] in (
        [],
        ["Arrests"],
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "HIMAMAYLAN CITY, Negros Occidental — A suspected member of the New People's Army (NPA) was "
            "killed in a firefight with government troops in Barangay Carabalan here on Tuesday afternoon, "
            "the Philippine Army said.",
            ("Armed clash", 1, "NPA: New People's Army"),
        ),
        (
            "A 32-year-old dairy worker was beaten to death by a mob of cow protection vigilantes in a "
            "village in Haryana's Palwal district on Saturday night, police said.",
            ("Mob violence", 1, "Civilians (India)"),
        ),
        (
            "JNIM fighters attacked a Malian army post near the village of Tessit on Sunday, the army said "
            "in a statement, adding that soldiers had neutralised several terrorists and that one soldier "
            "was killed.",
            ("Armed clash", 4, "Military Forces of Mali (2021-)"),
        ),
    ],
    ids=["one-killed-after-a-dateline", "beaten-to-death", "both-sides-dead"],
)  # fmt: skip
def test_fatalities_count_every_death_of_the_event(nlp, text, expected):
    (event,) = code(nlp, Article(id="wire", text=text, published="2025-06-12"))
    assert (event.sub_event_type.value, event.fatalities, event.actor2) == expected


def test_each_report_keeps_its_own_day_and_its_own_claim(nlp):
    text = (
        "Militants attacked a police post in Lakki Marwat district in Khyber Pakhtunkhwa province on Monday "
        "night, killing two policemen, officials said. The Pakistani Taliban claimed responsibility for the "
        "attack.\n\n"
        "On Tuesday, a roadside bomb in Turbat tore through a van carrying Frontier Corps personnel, killing "
        "three soldiers and wounding five, police said. The Baloch Liberation Army claimed the bombing.\n\n"
        "Separately, on Wednesday, a quadcopter dropped a grenade on a checkpoint in Bannu district, "
        "wounding one constable. No group claimed the attack."
    )
    events = code(nlp, Article(id="wire", text=text, published="2026-01-17"))
    got = sorted((str(e.event_date), e.admin1, e.actor1, e.fatalities) for e in events)
    assert got == [
        ("2026-01-12", "Khyber Pakhtunkhwa", "TTP: Tehreek-i-Taliban Pakistan", 2),
        ("2026-01-13", "Balochistan", "BLA: Baloch Liberation Army", 3),
        ("2026-01-14", "Khyber Pakhtunkhwa", "Unidentified Armed Group (Pakistan)", 0),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Suspected jihadists ambushed an army patrol near Djibo in northern Burkina Faso on Friday, "
            "killing six soldiers, the army said. It added that \"scores of terrorists were neutralised\" "
            "in the counter-attack that followed.",
            ("Armed clash", 26),  # six soldiers and "scores" (20) of the attackers
        ),
        (
            "Al-Shabab fighters stormed a military base in Bulo Marer in Somalia's Lower Shabelle region "
            "on Thursday. Troops pushed back the assault after hours of fighting, and the army said 14 "
            "militants were killed.",
            ("Armed clash", 14),
        ),
    ],
    ids=["other-side-dead-next-sentence", "toll-of-a-fight-next-sentence"],
)  # fmt: skip
def test_a_fights_toll_told_in_the_next_sentence_counts(nlp, text, expected):
    (event,) = code(nlp, Article(id="wire", text=text, published="2025-06-14"))
    assert (event.sub_event_type.value, event.fatalities) == expected
    assert len([e for e in event.evidence if e.field == "fatalities"]) >= 1


def test_a_named_group_spelled_out_and_abbreviated_in_a_bulletin_heading(nlp):
    text = (
        "Nigeria — Yobe State: Islamic State West Africa Province (ISWAP) fighters in gun trucks "
        "attacked a military base in Buni Yadi at dawn on Tuesday, the army said."
    )
    (event,) = code(nlp, Article(id="brief", text=text, published="2025-06-12"))
    assert (event.actor1, event.admin1) == ("Islamic State (West Africa)", "Yobe")


def test_a_small_town_is_the_namesake_in_the_articles_region(nlp):
    text = (
        "CULIACAN, Mexico — Gunmen killed three men at a car wash in Culiacan, the capital of Sinaloa "
        "state, on Sunday, prosecutors said. On Monday soldiers clashed with armed men near the community "
        "of Jesus Maria, north of Culiacan, killing two of them."
    )
    events = code(nlp, Article(id="wire", text=text, published="2025-06-17"))
    clash = next(e for e in events if e.sub_event_type.value == "Armed clash")
    assert (clash.location, clash.admin1, clash.fatalities) == ("Jesus Maria", "Sinaloa", 2)


def test_a_town_whose_only_namesake_lies_outside_the_named_district_gives_way_to_the_district(nlp):
    text = (
        "A police constable was injured after stepping on a pressure IED planted by Maoists near Konta "
        "in Sukma district of Chhattisgarh on Saturday, police said."
    )
    (event,) = code(nlp, Article(id="wire", text=text, published="2025-10-27"))
    assert (event.admin1, event.location) == ("Chhattisgarh", "Sukma")
    assert event.actor1 == "CPI (Maoist): Communist Party of India (Maoist)"  # who planted the weapon


def test_one_fight_whichever_side_each_clause_names_first(nlp):
    text = (
        "On Monday morning, soldiers came under fire near the town of Navolato in Sinaloa state and "
        "killed four gunmen in the ensuing clash, the Defense Ministry said."
    )
    events = code(nlp, Article(id="wire", text=text, published="2025-06-17"))
    assert [(e.sub_event_type.value, e.location, e.fatalities) for e in events] == [
        ("Armed clash", "Navolato", 4)
    ]


def test_an_assault_the_security_forces_fight_back_is_a_battle_with_them(nlp):
    text = (
        "Gunmen stormed a guesthouse in the Somali town of Baidoa on Sunday, leaving at least four people "
        "dead, witnesses said. \u201cThey came at dawn with an explosion,\u201d a resident said. Police said "
        "the attackers had barricaded themselves inside. Hours later, some militants were still fighting "
        "with the security forces, a local official said."
    )
    (event,) = code(nlp, Article(id="wire", text=text, published="2025-06-16"))
    assert (event.sub_event_type.value, event.location, event.actor2) == (
        "Armed clash",
        "Baidoa",
        "Military Forces of Somalia (2022-)",
    )


@pytest.mark.parametrize(
    ("text", "expected", "published"),
    [
        (
            "On Monday, Mozambican troops clashed with insurgents along the Mocimboa da "
            "Praia\u2013Mueda road in Cabo Delgado province, a local source said.",
            ("Armed clash", "Mocimboa da Praia", 2),
            "2025-06-17",
        ),
        (
            "Last week, gunmen kidnapped two teachers travelling on a highway in Dera Ismail Khan district "
            "of Pakistan's Khyber Pakhtunkhwa province, police said.",
            ("Abduction/forced disappearance", "Dera Ismail Khan", 2),  # the district, not the town
            "2025-06-17",
        ),
        (
            "A student leader was bundled into an unmarked car by armed men in Kitengela, south of Nairobi, "
            "Kenya, on Sunday evening, witnesses said.",
            ("Abduction/forced disappearance", "Kitengela", 1),
            "2025-06-17",
        ),
        (
            "On Monday, a Nigerian Air Force jet conducted air interdiction on a terrorist enclave about 12 "
            "kilometres west of Gwoza town in Borno State, the military said.",
            ("Air/drone strike", "Gwoza", 2),
            "2025-06-17",
        ),
        (
            "Gunmen attacked the mountain community of Kenscoff, southeast of Haiti's capital, on Sunday, "
            "killing at least nine residents, officials said.",
            ("Attack", "Kenscoff", 1),
            "2025-06-17",
        ),
        (
            "Fano militiamen seized the town of Merawi, 30 kilometres south of the regional capital Bahir "
            "Dar, on Thursday after a day-long battle with federal troops in Ethiopia's Amhara region.",
            ("Non-state actor overtakes territory", "Mer'awi", 1),
            "2025-06-17",
        ),
        (
            "Gunmen of the 3R armed group killed five civilians in an attack on a hamlet about 20 "
            "kilometres from Bocaranga in the north-west of the Central African Republic on Sunday.",
            ("Attack", "Bocaranga", 2),
            "2025-08-27",
        ),
        (
            "In El Oro province, Ecuadorian soldiers arrested 11 suspected members of Los Lobos in raids on "
            "three houses in Machala on Sunday, seizing rifles, cash and drugs.",
            ("Arrests", "Machala", 1),
            "2025-08-27",
        ),
    ],
    ids=["road-from-a-town", "name-split-by-the-tagger", "bundled-into-a-car", "bearing-from-a-town",
         "capital-as-landmark", "regional-capital", "kilometres-from-a-town",
         "seizing-goods-is-no-territory"],
)  # fmt: skip
def test_where_one_event_is_placed(nlp, text, expected, published):
    """Roads, split names, bearings and distances, capitals as landmarks, goods seized."""
    (event,) = code(nlp, Article(id="wire", text=text, published=published))
    assert (event.sub_event_type.value, event.location, event.geo_precision) == expected


def test_arrests_at_a_protest_are_its_intervention(nlp):
    text = (
        "On Friday, Pakistani police fired tear gas and detained dozens of opposition supporters who tried "
        "to march towards the Lahore High Court to demand the release of their leader."
    )
    (event,) = code(nlp, Article(id="wire", text=text, published="2025-06-17"))
    assert (event.sub_event_type.value, event.location, event.actor2) == (
        "Protest with intervention",
        "Lahore",
        "Police Forces of Pakistan (2024-)",
    )


def test_a_weekly_digest_dates_each_bullet_by_its_heading(nlp):
    text = (
        "IRAQ WEEKLY SECURITY DIGEST\nReporting period: 2\u20138 March 2026\n\nKirkuk\n"
        "\u2022 3 Mar: Gunmen attacked an army checkpoint on the outskirts of Hawija, killing two "
        "soldiers.\n\n"
        "Anbar\n\u2022 5 Mar: Unidentified gunmen on a motorcycle shot dead two shepherds near Al-Qaim.\n"
    )
    article = Article(id="digest", title="Iraq: weekly security digest", text=text, published="2026-03-09")
    events = code(nlp, article)
    got = sorted((str(e.event_date), e.location) for e in events)
    assert got == [("2026-03-03", "Al Hawijah"), ("2026-03-05", "Al Qa'im")], got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russian drones attacked Zaporizhzhia overnight, damaging houses in the Shevchenkivskyi "
            "district, the regional governor said. Three people were injured.",
            ("Zaporizhzhia", "Zaporizhzhya"),
        ),
        (
            "Russian artillery shelled the Dniprovskyi district of Kherson at noon on Tuesday, killing a "
            "man, the city military administration said.",
            ("Kherson", "Kherson"),
        ),
    ],
    ids=["district-of-a-named-city", "district-of-city"],
)  # fmt: skip
def test_a_district_of_a_named_city_is_that_city(nlp, text, expected):
    (event,) = code(nlp, Article(id="wire", text=text, published="2026-01-22"))
    assert (event.admin1, event.location) == expected


def test_looting_told_with_an_attack_is_the_attackers_doing(nlp):
    text = (
        "A humanitarian convoy was attacked on the road north of El Obeid in Sudan's North Kordofan "
        "state on 2 January; one driver was killed and two trucks were looted."
    )
    events = code(nlp, Article(id="flash", text=text, published="2026-01-06"))
    assert [(e.sub_event_type.value, e.actor2, e.fatalities) for e in events] == [
        ("Attack", "Civilians (Sudan)", 1)
    ]


def test_shelling_named_as_such_borrows_no_bomb_from_the_sentence_before(nlp):
    text = (
        "On Thursday afternoon, a Russian guided aerial bomb hit an industrial enterprise in Kharkiv, "
        "wounding four workers, the governor said. In the southern city of Kherson, Russian shelling killed "
        "a 61-year-old man on Thursday, the regional administration said."
    )
    events = code(nlp, Article(id="digest", text=text, published="2025-11-14"))
    assert [(e.location, e.sub_event_type.value) for e in events] == [
        ("Kharkiv", "Air/drone strike"),
        ("Kherson", "Shelling/artillery/missile attack"),
    ]


def test_a_brief_section_names_its_country(nlp):
    text = (
        "AMERICAS BRIEF\n\nUNITED STATES — The United States Senate passed a budget bill on Thursday, and "
        "United States officials said talks with Canada and the United States Congress would go on.\n\n"
        "PERU — Police fired tear gas at transport workers protesting against extortion in Lima on "
        "Thursday, officials said."
    )
    (event,) = code(nlp, Article(id="brief", text=text, published="2026-10-23"))
    assert (event.country, event.location, event.sub_event_type.value) == (
        "Peru",
        "Lima",
        "Protest with intervention",
    )


@pytest.mark.parametrize(
    "text",
    [
        "PERU — Congress on Thursday approved a bill raising prison sentences for extortion, after months "
        "of protests by transport workers in Lima.",
    ],
)
def test_a_stretch_of_months_is_no_event(nlp, text):
    assert code(nlp, Article(id="span", text=text, published="2026-10-23")) == []


def test_the_place_of_a_source_quoted_is_not_the_events(nlp):
    text = (
        "Thousands of garment workers blocked the Dhaka–Mymensingh highway in Gazipur on Wednesday to "
        "demand unpaid wages. Police fired tear gas to clear the road, according to a doctor at Tongi "
        "hospital."
    )
    events = code(nlp, Article(id="protest", text=text, published="2025-04-11"))
    assert [(e.location, e.sub_event_type.value) for e in events] == [
        ("Gazipur", "Protest with intervention")
    ]


def test_unnamed_warplanes_where_foreign_air_forces_strike_stay_unnamed(nlp):
    text = (
        "Warplanes struck a house in the town of Jilib in Somalia's Middle Juba region on Sunday, killing "
        "four."
    )
    (event,) = code(nlp, Article(id="somalia", text=text, published="2026-06-16"))
    assert event.actor1 == "Unidentified Armed Group (Somalia)"


def test_who_blames_an_attack_on_someone_did_not_make_it(nlp):
    text = (
        "TEGUCIGALPA (EFE) — A bus driver was shot dead on Tuesday at a terminal in the Honduran capital, "
        "in an attack that police attributed to gangs that extort public transport operators."
    )
    events = code(nlp, Article(id="honduras", text=text, published="2026-01-28"))
    assert events and {e.actor1 for e in events} == {"Unidentified Armed Group (Honduras)"}


def test_a_live_entry_that_names_no_day_is_the_day_of_publication(nlp):
    text = (
        "08:40 — Activist arrested on eve of protests\n\nRights groups say police on Wednesday arrested a "
        "social media activist at her home in Nairobi's Kilimani area.\n\n10:30 — Tear gas on Kenyatta "
        "Avenue\n\nPolice have fired tear gas and water cannon at several hundred protesters who gathered "
        "near the Kencom bus stop in Nairobi."
    )
    events = code(nlp, Article(id="live", text=text, published="2026-06-25"))
    assert [(e.sub_event_type.value, e.event_date) for e in events] == [
        ("Arrests", date(2026, 6, 24)),
        ("Protest with intervention", date(2026, 6, 25)),
    ]


def test_a_post_headed_by_its_date_and_ages_that_are_no_years(nlp):
    text = (
        "Head of the Kharkiv Regional Military Administration — Telegram channel\n\n13 January, 15:12\n"
        "Izium district. At 14:05 the occupiers launched a missile strike on Balakliia, Kharkiv region. Two "
        "men, aged 45 and 58, were killed."
    )
    events = code(nlp, Article(id="post", text=text, published="2026-01-14"))
    assert [(e.admin1, e.event_date, e.fatalities) for e in events] == [("Kharkiv", date(2026, 1, 13), 2)]


def test_drones_downed_over_the_territory_of_three_regions(nlp):
    text = (
        "From 20:00 to 23:50 Moscow time, on-duty air defence systems intercepted and destroyed 28 Ukrainian "
        "fixed-wing unmanned aerial vehicles: 14 over the territory of the Bryansk region, 9 over the "
        "territory of the Kursk region and 5 over the territory of the Belgorod region."
    )
    events = code(nlp, Article(id="mod", text=text, published="2026-02-03"))
    assert sorted((e.admin1, e.sub_event_type.value, e.actor1, e.actor2) for e in events) == [
        (
            region,
            "Disrupted weapons use",
            "Military Forces of Russia (2000-)",
            "Military Forces of Ukraine (2019-)",
        )
        for region in ("Belgorod", "Bryansk", "Kursk")
    ]


def test_operations_going_on_are_no_event(nlp):
    text = (
        "Somali government soldiers, supported by local clan militias, are conducting operations against "
        "al-Shabab in central Somalia."
    )
    assert code(nlp, Article(id="background", text=text, published="2025-03-12")) == []


def test_a_small_homonym_in_a_far_country_is_not_the_place(nlp):
    text = (
        "Myanmar junta soldiers detained and raped two women in a village near Kani township in "
        "Sagaing region on Wednesday, a local rights group said."
    )
    events = code(nlp, Article(id="report", text=text, published="2026-02-13"))
    assert {e.country for e in events} <= {"Myanmar"}


def test_running_totals_and_named_sides(nlp):
    text = (
        "On Monday, Central African soldiers clashed with 3R fighters near Bocaranga, in Ouham-Pende "
        "prefecture, the army said, claiming to have killed 11 rebels. The country recorded more than "
        "1,200 violent deaths in the first half of the year, according to a monitoring group."
    )
    (event,) = code(nlp, Article(id="wire", text=text, published="2026-08-19"))
    assert (event.actor2, event.fatalities) == ("3R: Return, Reclamation, Rehabilitation", 11)


def test_a_weekday_last_week_is_that_day(nlp):
    text = "On Tuesday last week, NPA rebels detonated a landmine as an army truck passed through Las Navas."
    (event,) = code(nlp, Article(id="wire", text=text, published="2025-06-18"))
    assert (str(event.event_date), event.time_precision) == ("2025-06-10", 1)


def test_khawarij_names_the_group_of_the_country_it_is_used_in(nlp):
    somalia = (
        "The Somali National Army on Sunday conducted an operation in villages near Jawhar in Middle "
        "Shabelle region, killing over 30 Khawarij, the deputy information minister said."
    )
    pakistan = (
        "Security forces killed eight Khawarij in an intelligence-based operation in North Waziristan "
        "district of Khyber Pakhtunkhwa on Sunday, the military said."
    )
    (event,) = code(nlp, Article(id="so", text=somalia, published="2026-01-19"))
    assert event.actor2 == "Al Shabaab"
    (event,) = code(nlp, Article(id="pk", text=pakistan, published="2026-01-19"))
    assert event.actor2 == "TTP: Tehreek-i-Taliban Pakistan"


def test_it_in_a_statement_is_the_speaker_and_an_interceptor_lends_no_attacker(nlp):
    text = (
        "U.S. Africa Command said it had conducted an airstrike against al-Shabaab on Jan. 17 near Jilib "
        "in Somalia's Middle Juba region, killing two militants.\n\n"
        "Ukraine's air force said it had shot down 40 of the drones. In Dnipro, a drone struck an "
        "apartment block, killing two people, regional officials said."
    )
    events = code(nlp, Article(id="wire", text=text, published="2026-01-19"))
    jilib = next(e for e in events if e.location == "Jilib")
    assert (jilib.actor1, jilib.actor2) == ("Military Forces of the United States (2025-)", "Al Shabaab")
    dnipro = [e.actor1 for e in events if e.location == "Dnipro"]
    assert dnipro and not any(a.startswith("Military Forces of Ukraine") for a in dnipro)


def test_a_verdict_on_an_old_attack_is_no_event(nlp):
    text = (
        "ISTANBUL \u2014 An Istanbul appeals court on Wednesday upheld the life sentences handed to the "
        "defendants in the trial over the 2022 bomb attack on Istiklal Avenue, which killed six people."
    )
    assert code(nlp, Article(id="wire", text=text, published="2025-12-04")) == []


def test_a_live_blog_entry_heading_places_its_update(nlp):
    text = (
        "08:10 \u2014 South Lebanon. An Israeli drone struck a car at the entrance of Bint Jbeil this "
        "morning, killing one person, Lebanon's state news agency reports.\n\n"
        "11:40 \u2014 Bint Jbeil, update: the Health Ministry now says the drone strike killed two people "
        "and wounded a passer-by."
    )
    (event,) = code(nlp, Article(id="live", text=text, published="2026-03-04"))
    assert (event.location, event.fatalities, event.injuries) == ("Bent Jbail", 2, 1)


def test_an_undated_lead_takes_the_day_its_retelling_gives(nlp):
    text = (
        "KADUNA \u2014 The Kaduna State Police Command has confirmed the killing of one person and the "
        "abduction of twelve worshippers by unknown gunmen at a church in Kauru Local Government Area. "
        "The police spokesman, who disclosed this in a statement made available to journalists in Kaduna, "
        "said the gunmen stormed the church during Sunday service. One of the worshippers was shot dead "
        "while attempting to escape."
    )
    events = code(nlp, Article(id="local", text=text, published="2025-07-08"))
    assert [(str(e.event_date), e.sub_event_type.value, e.location, e.fatalities) for e in events] == [
        ("2025-07-06", "Attack", "Kauru", 1)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gunmen abducted nine farmers in Kauru Local Government Area of Kaduna State on Sunday, police "
            "said. On Monday, police teams engaged the bandits in a gun duel in the forest near Kurmin "
            "Masara and rescued three of the farmers.",
            [("2025-07-06", "Kauru", 2), ("2025-07-07", "Kauru", 2)],  # the LGA, then near it
        ),
        (
            "U.S. forces conducted a precision airstrike in northwest Syria on Sunday, killing a senior ISIS "
            "official near the town of al-Bab. Separately, Syrian forces arrested an ISIS cell leader in "
            "Damascus who was allegedly involved in plotting attacks on churches in the capital.",
            [("2025-08-10", "Al Bab", 2), ("2025-08-10", "Damascus", 1)],
        ),
    ],
    ids=["unknown-village-near-the-storys-place", "lower-case-arabic-article-and-a-plot"],
)  # fmt: skip
def test_unknown_villages_and_arabic_articles(nlp, text, expected):
    published = "2025-08-11" if "Syria" in text else "2025-07-08"
    events = code(nlp, Article(id="wire", text=text, published=published))
    assert sorted((str(e.event_date), e.location, e.geo_precision) for e in events) == expected


def test_a_military_communique_base_and_euphemism(nlp):
    text = (
        "In the early hours of Sunday 16 November 2025, troops of the Forward Operating Base Damboa in "
        "Borno State repelled a coordinated attack by ISWAP terrorists. No fewer than 14 terrorists were "
        "neutralised in the encounter. Regrettably, 2 soldiers paid the supreme price."
    )
    (event,) = code(nlp, Article(id="release", text=text, published="2025-11-18"))
    assert (event.sub_event_type.value, event.location, event.actor1, event.fatalities) == (
        "Armed clash",
        "Damboa",
        "Islamic State (West Africa)",
        16,
    )


def test_an_attack_whose_author_is_not_known_takes_no_claim_made_for_another_day(nlp):
    text = (
        "Shells landed in a market in Kadugli, Sudan, on Sunday, killing three civilians. The origin of the "
        "shelling could not be confirmed.\n\n"
        "On Friday, a drone struck a fuel depot in Kosti, killing two workers. The RSF claimed the attack."
    )
    events = code(nlp, Article(id="claims", text=text, published="2025-06-12"))
    assert {(e.location, e.actor1) for e in events} == {
        ("Kadugli", "Unidentified Armed Group (Sudan)"),
        ("Kosti", "RSF: Rapid Support Forces"),
    }


def test_the_force_that_took_the_injuries_is_not_the_attacker(nlp):
    text = (
        "A military convoy came under attack near Kalat, Balochistan, on Monday, resulting in injuries to "
        "eight security personnel."
    )
    (event,) = code(nlp, Article(id="harm", text=text, published="2025-06-12"))
    assert (event.actor1, event.actor2) == (
        "Unidentified Armed Group (Pakistan)",
        "Military Forces of Pakistan (2024-)",
    )


def test_a_digest_line_headed_by_an_abbreviated_weekday_is_dated_by_it(nlp):
    text = (
        "WEEKLY SECURITY BRIEF\n\n"
        "• Mon 3 March — KANO, Kura LGA: Gunmen abducted eight farmers from a village in Kura LGA.\n\n"
        "• Thu 6 March — NIGER, Rafi LGA: Bandits attacked Kagara town, killing four residents.\n"
    )
    events = code(nlp, Article(id="digest", text=text, published="2025-03-10"))
    assert sorted((e.location, e.event_date.isoformat()) for e in events) == [
        ("Kagara", "2025-03-06"),
        ("Kura", "2025-03-03"),
    ]


def test_a_report_with_no_place_happened_where_the_sentence_before_set_the_scene(nlp):
    text = (
        "On 20 March 2025, troops responded to a distress call from residents of a village in Maru Local "
        "Government Area of Zamfara State. The troops engaged the bandits and killed four of them."
    )
    (event,) = code(nlp, Article(id="setting", text=text, published="2025-03-25"))
    assert (event.sub_event_type.value, event.location, event.event_date.isoformat(), event.fatalities) == (
        "Armed clash",
        "Maru",
        "2025-03-20",
        4,
    )


def test_a_day_counted_from_the_last_one_the_story_gave(nlp):
    text = (
        "On 19 September 2025, ISWAP fighters attacked an army base in Marte, Borno State, and were "
        "repelled. Two days later, the air force struck an ISWAP camp near Damboa, killing 12 fighters.\n\n"
        "In Kyiv, a drone hit an apartment block on Sunday, killing two people. The day before, Russian "
        "shelling of Kherson killed a man. Another drone hit Kyiv's Obolon district later on Sunday, "
        "wounding three."
    )
    events = code(nlp, Article(id="days", text=text, published="2025-09-22"))
    days = {(e.location, e.event_date.isoformat()) for e in events}
    assert {("Damboa", "2025-09-21"), ("Kherson", "2025-09-20"), ("Kyiv", "2025-09-21")} <= days
    assert ("Kyiv", "2025-09-20") not in days


def test_the_police_response_told_next_is_the_protests_intervention(nlp):
    text = (
        "KENYA — Hundreds of traders marched through Eldoret on Tuesday to protest against new market fees. "
        "Police fired tear gas and arrested six people.\n\n"
        "GHANA — About 300 nurses held a sit-in outside the health ministry in Accra on Wednesday over "
        "unpaid allowances. The protest ended peacefully."
    )
    events = code(nlp, Article(id="roundup", text=text, published="2025-06-12"))
    assert sorted((e.location, e.sub_event_type.value, e.actor2) for e in events) == [
        ("Accra", "Peaceful protest", ""),
        ("Eldoret", "Protest with intervention", "Police Forces of Kenya (2022-)"),
    ]


def test_a_protest_held_somewhere_happened_there_but_talks_held_there_are_no_event(nlp):
    protest = "About 300 nurses held a sit-in in Kumasi on Wednesday over unpaid allowances."
    (event,) = code(nlp, Article(id="held", text=protest, published="2025-06-12"))
    assert (event.location, event.sub_event_type.value) == ("Kumasi", "Peaceful protest")
    talks = "Officials held talks in Kumasi on Wednesday about the attacks."
    assert code(nlp, Article(id="held", text=talks, published="2025-06-12")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Fano militia fighters captured the town of Merawi, Ethiopia, on Friday, residents said. On "
            "Saturday, its fighters raided the outskirts of Debre Markos and exchanged fire with federal "
            "troops.",
            {("Non-state actor overtakes territory", "Fano Militia", "Mer'awi"),
             ("Armed clash", "Fano Militia", "Debre Mark'os")},
        ),
        (
            "Ukraine's army said Russian forces had captured the village of Novoselivka near Pokrovsk in the "
            "eastern Donetsk region on Thursday.",
            {("Non-state actor overtakes territory", "Military Forces of Russia (2000-)", "Novoselivka")},
        ),
        (
            "A drone strike hit a market in Nefas Mewcha, Ethiopia, on Monday, killing 26 people. Residents "
            "blamed the federal military.",
            {("Air/drone strike", "Military Forces of Ethiopia (2018-)", "Nefas Mewch'a")},
        ),
    ],
    ids=["its-fighters-are-the-groups-and-one-battle", "a-foreign-army-overtakes-territory-in-its-region",
         "blame-on-a-state-force"],
)  # fmt: skip
def test_owners_blame_and_foreign_captures(nlp, text, expected):
    events = code(nlp, Article(id="owners", text=text, published="2025-11-14"))
    assert {(e.sub_event_type.value, e.actor1, e.location) for e in events} == expected


def test_a_city_named_for_the_suburbs_a_town_lies_in_is_no_second_place(nlp):
    text = (
        "On Saturday, an Israeli strike on a building in Haret Hreik, in Beirut's southern suburbs, killed "
        "five."
    )
    (event,) = code(nlp, Article(id="suburbs", text=text, published="2025-11-17"))
    assert (event.admin1, event.fatalities) == ("Mount Lebanon", 5)


def test_gunfire_near_a_landmark_reported_by_a_hospital_elsewhere(nlp):
    text = (
        "Israeli missiles struck Gaza overnight. Three people were killed by Israeli fire while waiting for "
        "aid trucks near a distribution site north-west of Rafah, medics at Nasser hospital in Khan Younis "
        "said."
    )
    events = code(nlp, Article(id="gunfire", text=text, published="2025-08-19"))
    assert ("Attack", "Rafah", 3) in [(e.sub_event_type.value, e.location, e.fatalities) for e in events]
    assert "Khan Yunis" not in {e.location for e in events}


def test_a_raid_that_only_detains_people_is_the_arrests(nlp):
    text = (
        "Israeli forces raided Tammun, south of Tubas in the occupied West Bank, before dawn on Tuesday and "
        "detained 12 people, including a former prisoner."
    )
    (event,) = code(nlp, Article(id="raid", text=text, published="2025-08-19"))
    assert (event.sub_event_type.value, event.actor1) == ("Arrests", "Military Forces of Israel (2022-)")


def test_security_services_are_the_police_and_a_transfer_still_to_come_is_no_event(nlp):
    text = (
        "Syria's government and the Kurdish-led Syrian Democratic Forces signed an agreement in Aleppo on "
        "Wednesday under which SDF fighters will withdraw from two neighborhoods of the city and hand over "
        "security to the Interior Ministry's forces.\n\n"
        "On Monday, General Security forces clashed with gunmen at a checkpoint near As-Suwayda, Syria, "
        "killing two of them."
    )
    events = code(nlp, Article(id="security", text=text, published="2026-01-22"))
    assert sorted((e.sub_event_type.value, e.actor1) for e in events) == [
        ("Agreement", "Military Forces of Syria (2024-)"),
        ("Armed clash", "Police Forces of Syria (2024-)"),
    ]


def test_shells_fired_from_a_states_side_are_its_armys(nlp):
    text = (
        "On Wednesday, mortar shells fired from the Pakistani side landed in Asadabad, the capital of Kunar "
        "province, Afghanistan, wounding four children."
    )
    (event,) = code(nlp, Article(id="side", text=text, published="2026-03-05"))
    pakistan = ("Military Forces of Pakistan (2024-)", "External/Other forces")
    assert (event.actor1, event.inter1.value) == pakistan


def test_the_donetsk_region_is_ukraines_oblast_when_russia_is_named_first(nlp):
    text = (
        "Russia's defence ministry said Russian forces had captured the village of Novoselivka near Pokrovsk "
        "in the eastern Donetsk region on Thursday. Russia said it also struck Ukrainian energy sites."
    )
    (event,) = code(nlp, Article(id="donetsk", text=text, published="2025-11-14"))
    assert (event.country, event.admin1, event.sub_event_type.value) == (
        "Ukraine",
        "Donetsk",
        "Non-state actor overtakes territory",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen from the rival Los Lobos and Los Choneros gangs fought a gun battle in Guayaquil, Ecuador, "
        "on Tuesday night, leaving six people dead.",
        "Rival gangs fought for hours on Tuesday in Guayaquil, Ecuador, leaving six people dead. The "
        "fighting pitted the Los Lobos gang against the Los Choneros gang, police said.",
    ],
    ids=["one-subject-names-both-gangs", "the-next-sentence-says-who-fought-whom"],
)
def test_both_named_sides_of_a_gang_war(nlp, text):
    (event,) = code(nlp, Article(id="gangs", text=text, published="2025-08-27"))
    assert (event.sub_event_type.value, {event.actor1, event.actor2}) == (
        "Armed clash",
        {"Los Lobos", "Los Choneros"},
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On 3 and 4 November, heavy clashes were reported between government forces and the Houthis in "
            "Sirwah district, in western Marib governorate, Yemen.",
            [("Armed clash", "Marib", "2026-11-03"), ("Armed clash", "Marib", "2026-11-04")],
        ),
        (
            "On 3 November, a woman was shot and killed by a sniper while fetching water in the western part "
            "of Taizz city, Yemen.",
            [("Attack", "Taizz", "2026-11-03")],
        ),
        (
            "Fano fighters seized several towns in the early weeks of the rebellion, including parts of "
            "Gondar and Lalibela in Ethiopia.",
            [],
        ),
    ],
    ids=["clashes-were-reported-in", "the-western-part-of-a-city", "the-early-weeks-of-a-war"],
)  # fmt: skip
def test_reported_clashes_parts_of_cities_and_wartime_background(nlp, text, expected):
    events = code(nlp, Article(id="parts", text=text, published="2026-11-06"))
    assert sorted((e.sub_event_type.value, e.admin1, e.event_date.isoformat()) for e in events) == expected


def test_central_african_republic_is_no_town_called_republic(nlp):
    text = "The army and the rebels clashed in Bangui, Central African Republic, on Tuesday."
    (event,) = code(nlp, Article(id="car", text=text, published="2025-08-20"))
    assert (event.country, event.location) == ("Central African Republic", "Bangui")


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        pytest.param(
            "A car bomb exploded outside a police station in Jalalabad, Afghanistan, on Thursday, killing "
            "four people. The Islamic State group's local branch, the Islamic State Khorasan Province, "
            "claimed the bombing.",
            "2025-06-12",
            {"location": "Jalalabad", "actor1": "Islamic State (Khorasan)"},
            id="claimant-deep-in-the-subject",
        ),
        pytest.param(
            "A grenade was thrown at a bus terminal in Isulan, Sultan Kudarat, on Sunday, wounding five "
            "passengers. Police said they suspect members of Dawlah Islamiyah.",
            "2025-06-12",
            {"location": "Isulan", "actor1": "Dawlah Islamiyah"},
            id="suspected-by-police",
        ),
        pytest.param(
            "Drones dropped explosives on houses in Aguililla, Michoacan, on Sunday, wounding three "
            "residents. Residents said the attack was carried out by the CJNG.",
            "2025-06-12",
            {"location": "Aguililla", "actor1": "CJNG: Jalisco New Generation Cartel"},
            id="carried-out-by",
        ),
        pytest.param(
            "Separatist fighters abducted four teachers in Kumbo, Cameroon, on Monday.",
            "2025-06-12",
            {"location": "Kumbo", "actor1": "Ambazonian Separatists"},
            id="local-separatists",
        ),
        pytest.param(
            "A military jet bombed a village in Kyauktaw township, Rakhine State, on Tuesday, killing nine "
            "civilians, residents said.",
            "2025-06-12",
            {"location": "Kyauktaw", "actor1": "Military Forces of Myanmar (2021-)"},
            id="an-unnamed-military-jet-is-the-local-army",
        ),
        pytest.param(
            "The Nigerian Air Force said it struck a terrorist hideout near Damboa, Borno State, on Friday, "
            "neutralising several fighters.",
            "2025-03-10",
            {"sub_event_type": "Air/drone strike", "actor1": "Military Forces of Nigeria (2023-) Air Force"},
            id="an-air-force-strike-is-from-the-air",
        ),
        pytest.param(
            "A bomb exploded at a bus park in Maiduguri, Borno State, on Monday, killing three people. No "
            "group claimed the bombing; officials suspected ISWAP.",
            "2025-03-10",
            {"sub_event_type": "Remote explosive/landmine/IED", "actor1": "Islamic State (West Africa)"},
            id="a-suspicion-after-no-claim-names-the-group",
        ),
        pytest.param(
            "The army said air operations launched on Monday against the attackers near Diapaga, Burkina "
            "Faso, killed 12 terrorists.",
            "2025-03-10",
            {"sub_event_type": "Air/drone strike", "actor1": "Military Forces of Burkina Faso (2022-)"},
            id="air-operations-are-air-strikes",
        ),
        pytest.param(
            "Late Saturday, militants attacked a police checkpoint on the outskirts of Bannu, Pakistan, "
            "with rocket-propelled grenades and automatic weapons, killing two policemen.",
            "2025-03-10",
            {"sub_event_type": "Armed clash", "actor1": "Unidentified Armed Group (Pakistan)"},
            id="an-assault-with-rpgs-is-a-battle",
        ),
        pytest.param(
            "Hundreds of jihadi fighters stormed an army base near Diapaga, Burkina Faso, on Sunday.",
            "2025-03-10",
            {"sub_event_type": "Armed clash", "actor1": "Unidentified Armed Group (Burkina Faso)"},
            id="jihadi-fighters-stormed",
        ),
        pytest.param(
            "Soldiers clashed with gunmen near Tlacotepec, Guerrero, on Sunday, killing three attackers.",
            "2025-08-14",
            {"admin1": "Guerrero", "actor1": "Military Forces of Mexico (2024-)"},
            id="a-state-after-a-comma-beats-a-namesake-town-elsewhere",
        ),
        pytest.param(
            "Drones launched by Sudan's paramilitary Rapid Support Forces struck a fuel depot in Kosti on "
            "Wednesday, wounding two workers.",
            "2025-08-14",
            {"admin1": "White Nile", "actor1": "RSF: Rapid Support Forces", "location": "Kosti"},
            id="launched-by-a-named-force",
        ),
        pytest.param(
            "On Tuesday, a police vehicle on patrol along the El Wak–Kotulo road in Mandera County, Kenya, "
            "ran over an improvised explosive device planted by Al-Shabaab militants. Two officers died at "
            "the scene.",
            "2025-10-16",
            {"sub_event_type": "Remote explosive/landmine/IED", "location": "El Wak"},
            id="ran-over-an-ied",
        ),
        pytest.param(
            "Ministers of the Quad, meeting in Washington, condemned the drone strike on the central market "
            "of Kosti, in Sudan's White Nile State, on Sunday 12 October, which local authorities "
            "attributed to the RSF.",
            "2025-10-16",
            {"sub_event_type": "Air/drone strike", "location": "Kosti"},
            id="a-condemned-strike-is-placed-where-it-struck",
        ),
        pytest.param(
            "Two Frontier Corps personnel were martyred when terrorists attacked an FC check post in Kech "
            "district, Pakistan, on Saturday. The troops responded and three terrorists were killed.",
            "2025-11-10",
            {
                "sub_event_type": "Armed clash",
                "actor1": "Unidentified Armed Group (Pakistan)",
                "actor2": "Military Forces of Pakistan (2024-)",
            },
            id="an-attack-on-a-check-post",
        ),
        pytest.param(
            "On 23 September, troops raided a camp of the proscribed Indigenous People of Biafra on the "
            "outskirts of Orlu in Imo State, Nigeria. In the ensuing exchange of fire, 3 members of the "
            "group were neutralised.",
            "2025-11-10",
            {
                "sub_event_type": "Armed clash",
                "actor1": "Military Forces of Nigeria (2023-)",
                "actor2": "IPOB: Indigenous People of Biafra",
            },
            id="a-raid-on-a-named-groups-camp",
        ),
        pytest.param(
            "Fighters of the UPC armed group withdrew from the town of Ippy, in Ouaka prefecture, Central "
            "African Republic, on Tuesday and handed control of it to the armed forces, the army said.",
            "2026-08-20",
            {
                "sub_event_type": "Non-violent transfer of territory",
                "actor1": "Military Forces of the Central African Republic (2016-)",
                "actor2": "UPC: Union for Peace in the Central African Republic",
                "location": "Ippy",
            },
            id="withdrew-and-handed-control",
        ),
        pytest.param(
            "M23 rebels entered the town of Lubero in North Kivu province, Congo, on Wednesday without "
            "firing a shot, after Congolese soldiers pulled out overnight, residents said.",
            "2026-08-20",
            {
                "sub_event_type": "Non-violent transfer of territory",
                "actor1": "M23: March 23 Movement",
                "actor2": "Military Forces of the Democratic Republic of Congo (2019-)",
                "location": "Lubero",
            },
            id="entered-without-firing-a-shot",
        ),
        pytest.param(
            "Syria's government and the Kurdish-led Syrian Democratic Forces signed an agreement in Aleppo "
            "on Wednesday under which the SDF will hand over control of the Tishrin Dam.",
            "2026-08-20",
            {
                "sub_event_type": "Agreement",
                "actor1": "Military Forces of Syria (2024-)",
                "actor2": "SDF: Syrian Democratic Forces",
                "location": "Aleppo",
            },
            id="signed-an-agreement",
        ),
        pytest.param(
            "M23 rebels seized Goma, the largest city in eastern Congo, in January last year.",
            "2026-08-20",
            {
                "sub_event_type": "Non-state actor overtakes territory",
                "actor1": "M23: March 23 Movement",
                "actor2": "Military Forces of the Democratic Republic of Congo (2019-)",
                "location": "Goma",
            },
            id="a-town-seized-in-a-named-month",
        ),
        pytest.param(
            "On Tuesday, a police vehicle on patrol in Mandera County, Kenya, ran over an improvised "
            "explosive device suspected to have been planted by Al-Shabaab militants, killing two officers.",
            "2025-10-16",
            {"sub_event_type": "Remote explosive/landmine/IED", "actor1": "Al Shabaab"},
            id="suspected-to-have-been-planted-by",
        ),
        pytest.param(
            "Two officers were killed when an improvised explosive device exploded under their vehicle in "
            "Mandera County, Kenya, on Tuesday. Police said the device was believed to have been planted by "
            "Al-Shabaab.",
            "2025-10-16",
            {"sub_event_type": "Remote explosive/landmine/IED", "actor1": "Al Shabaab"},
            id="believed-to-have-been-planted-by-in-the-next-sentence",
        ),
        pytest.param(
            "A gun truck struck an IED near Gwoza, Borno State, on Tuesday, leading to the death of 2 "
            "soldiers.",
            "2025-10-16",
            {"fatalities": 2},
            id="the-death-of",
        ),
        pytest.param(
            "An IED exploded under a police vehicle in Mandera County, Kenya, on Tuesday. Two (2) officers "
            "succumbed to their injuries at the scene.",
            "2025-10-16",
            {"fatalities": 2},
            id="succumbed-to-injuries",
        ),
        pytest.param(
            "A suicide bomber blew himself up at the entrance of a ministry in Kabul, Afghanistan, on "
            "Tuesday, killing himself and at least six other people.",
            "2025-10-16",
            {"fatalities": 7},
            id="the-bomber-counts",
        ),
        pytest.param(
            "On Monday, a woman was shot and killed by a sniper in the western part of Taiz, Yemen.",
            "2025-10-16",
            {"fatalities": 1},
            id="shot-and-killed",
        ),
        pytest.param(
            "Israeli fighter jets dropped bombs on the Houthi-held port of Hodeidah, Yemen, on Monday.",
            "2025-08-19",
            {"sub_event_type": "Air/drone strike", "actor1": "Military Forces of Israel (2022-)"},
            id="jets-dropped-bombs",
        ),
        pytest.param(
            'A "Palestine-2" hypersonic missile fired from Yemen struck near Ben Gurion airport in Tel '
            "Aviv, Israel, on Sunday.",
            "2025-08-19",
            {
                "sub_event_type": "Shelling/artillery/missile attack",
                "actor1": "Unidentified Armed Group (Israel)",
            },
            id="a-missile-named-after-a-country-is-no-state",
        ),
        pytest.param(
            "MAIDUGURI, Nigeria — Gunmen killed five farmers in Dikwa, Borno State, on Monday, residents "
            "said.",
            "2025-06-12",
            {"actor1": "Unidentified Armed Group (Nigeria)", "location": "Dikwa"},
            id="a-dateline-without-an-agency-is-no-actor",
        ),
        pytest.param(
            "Indian security forces killed three suspected militants in a gunfight in Kupwara district of "
            "Jammu and Kashmir on Thursday, the army said.",
            "2025-06-12",
            {"location": "Kupwara", "admin1": "Jammu and Kashmir", "fatalities": 3},
            id="a-district-of-its-state",
        ),
        pytest.param(
            "M23 rebels seized the town of Walikale in North Kivu province on Wednesday, local sources said.",
            "2025-06-12",
            {"location": "Walikale", "admin1": "North Kivu", "geo_precision": 3},
            id="a-district-with-no-town-in-the-gazetteer",
        ),
        pytest.param(
            "Police in Dhaka arrested 45 opposition activists on Saturday ahead of a planned rally, the "
            "party said.",
            "2025-06-12",
            {"sub_event_type": "Arrests", "location": "Dhaka"},
            id="arrests-ahead-of-a-planned-rally",
        ),
        pytest.param(
            "Clashes between rival armed groups in the Libyan capital Tripoli killed at least six people on "
            "Monday, the health ministry said.",
            "2025-06-12",
            {
                "sub_event_type": "Armed clash",
                "location": "Tripoli",
                "actor2": "Unidentified Armed Group (Libya)",
                "fatalities": 6,
            },
            id="rival-groups-in-a-capital-named-after-it",
        ),
        pytest.param(
            "Two Palestinians were killed by Israeli forces during a raid on the Jenin refugee camp in the "
            "occupied West Bank on Tuesday, the Palestinian health ministry said.",
            "2025-06-12",
            {"location": "Janin", "admin1": "West Bank", "fatalities": 2},
            id="a-town-spelt-otherwise-and-the-region-it-lies-in",
        ),
        pytest.param(
            "Suspected herdsmen killed at least 40 people in attacks on several villages in the Bokkos area "
            "of Plateau State on Sunday night, a local official said.",
            "2025-06-12",
            {"location": "Bokkos", "fatalities": 40},
            id="a-district-and-the-state-it-lies-in",
        ),
        pytest.param(
            "In the western city of Kisumu, an opposition stronghold, several hundred people marched "
            "peacefully to the county offices under police escort and dispersed by early afternoon, local "
            "broadcaster Citizen TV reported.",
            "2026-06-26",
            {"sub_event_type": "Peaceful protest", "actor2": ""},
            id="a-crowd-that-dispersed-of-itself",
        ),
        pytest.param(
            "On June 25, 2024, protesters angered by tax hikes overran police lines and stormed parliament "
            "in Nairobi. Police opened fire, killing at least six people outside the complex, according to "
            "rights groups.",
            "2026-06-26",
            {
                "sub_event_type": "Violent demonstration",
                "actor2": "Police Forces of Kenya (2022-)",
                "fatalities": 6,
            },
            id="protesters-storming-parliament-and-the-shooting-told-next",
        ),
        pytest.param(
            "Opposition supporters clashed with police in Maputo on Thursday, burning tyres and throwing "
            "stones; police fired rubber bullets and arrested 30 people.",
            "2025-06-12",
            {"sub_event_type": "Violent demonstration", "location": "Maputo"},
            id="arrests-in-the-sentence-of-a-riot",
        ),
        pytest.param(
            "Late on Wednesday, plain-clothes officers detained the blogger Brian Otieno Mwangi at his home "
            "in Ongata Rongai, on the southern outskirts of Nairobi, his lawyer told AFP.",
            "2026-06-26",
            {"sub_event_type": "Arrests", "location": "Ongata Rongai"},
            id="a-town-on-the-outskirts-of-a-city",
        ),
        pytest.param(
            "At 23:15 a Shahed-type attack drone hit a private house in Kharkiv, injuring a 67-year-old "
            "woman, the mayor said.",
            "2026-04-21",
            {"sub_event_type": "Air/drone strike", "actor1": "Military Forces of Russia (2000-)"},
            id="an-unattributed-strike-in-ukraine-is-russias",
        ),
        pytest.param(
            "LAHORE: Police baton-charged and fired tear gas at PTI workers who gathered at Liberty Chowk on "
            "Sunday to protest against the incarceration of the party's founder.",
            "2026-05-11",
            {"sub_event_type": "Protest with intervention", "location": "Lahore"},
            id="a-colon-dateline-places-the-lead",
        ),
        pytest.param(
            "In Rawalpindi, PTI workers clashed with police at Committee Chowk on Sunday afternoon after "
            "they were stopped from marching towards Adiala jail.",
            "2026-05-11",
            {"sub_event_type": "Violent demonstration", "actor1": "Rioters (Pakistan)"},
            id="party-workers-clashing-with-police-riot",
        ),
        pytest.param(
            "Late on Saturday night, police raided the residence of a PTI lawmaker in Rawalpindi and took "
            "him into custody under the public order ordinance.",
            "2026-05-11",
            {"sub_event_type": "Arrests", "location": "Rawalpindi"},
            id="taken-into-custody",
        ),
        pytest.param(
            "Thousands of protesters rallied outside parliament in Tbilisi on Sunday evening, a day after "
            "police detained a prominent opposition politician.",
            "2025-10-13",
            {"sub_event_type": "Peaceful protest", "event_date": date(2025, 10, 12)},
            id="a-day-after-an-arrest-only-dates-the-rally",
        ),
        pytest.param(
            "The attack came two days after al Shabaab fighters took control of the town of Beledweyne in "
            "the Hiraan region on Sunday.",
            "2025-06-17",
            {"sub_event_type": "Non-state actor overtakes territory", "event_date": date(2025, 6, 15)},
            id="an-earlier-event-dated-in-its-own-clause-is-coded",
        ),
        pytest.param(
            "JAMMU, Sept 10: An Army soldier attained martyrdom while two Pakistani terrorists were killed "
            "in a fierce encounter in the Chatroo belt of Kishtwar district today.",
            "2026-09-10",
            {"location": "Kishtwar", "actor2": "Unidentified Armed Group (India)"},
            id="a-belt-of-a-district-and-unnamed-foreigners-are-the-events-country",
        ),
        pytest.param(
            "Two policemen were martyred when militants attacked a check post in Bannu on Monday.",
            "2025-06-12",
            {"fatalities": 2},
            id="martyred",
        ),
        pytest.param(
            "AFRICOM said it had carried out an air strike against Islamic State militants near Bosaso, "
            "Somalia, on Saturday.",
            "2025-06-17",
            {"actor1": "Military Forces of the United States (2025-)"},
            id="africom-is-the-us-military",
        ),
        pytest.param(
            "Tension prevailed in Jalgaon on Monday after a clash between two communities during a "
            "procession left 14 people injured, police said.",
            "2026-10-06",
            {"sub_event_type": "Mob violence", "actor1": "Rioters (India)"},
            id="a-clash-between-two-communities-is-mob-violence",
        ),
        pytest.param(
            "A man transporting buffaloes was beaten to death by a group of alleged cow vigilantes near a "
            "village in Palwal district on Saturday, police said.",
            "2026-10-06",
            {"sub_event_type": "Mob violence", "actor1": "Rioters (India)", "fatalities": 1},
            id="a-group-of-vigilantes-lynching",
        ),
        pytest.param(
            "Fighters of the Islamic State West Africa Province (ISWAP) attacked a military base in Marte, "
            "Borno State, on Monday, using armed drones and heavy gunfire, before they were repelled.",
            "2025-12-14",
            {"sub_event_type": "Armed clash", "actor1": "Islamic State (West Africa)"},
            id="a-ground-assault-with-drones-and-gunfire-is-a-battle",
        ),
        pytest.param(
            "Gunmen killed seven people in an attack on a village in Guma, Benue State, on Tuesday. The "
            "state police command confirmed five deaths.",
            "2025-12-14",
            {"fatalities": 5},
            id="a-lower-toll-confirmed-next",
        ),
        pytest.param(
            "The Israeli military said a soldier had been killed on Monday in Beit Hanoun, in the northern "
            "Gaza Strip, when militants fired an anti-tank missile at an armoured vehicle.",
            "2025-07-08",
            {"actor2": "Military Forces of Israel (2022-)", "fatalities": 1},
            id="a-soldier-the-israeli-military-tells-of-is-israels",
        ),
        pytest.param(
            "The IDF said forces had apprehended nine wanted Palestinians during an operation in the town of "
            "Tammun in the West Bank on Monday.",
            "2026-06-09",
            {"sub_event_type": "Arrests", "actor1": "Military Forces of Israel (2022-)"},
            id="forces-the-idf-tells-of-are-israels",
        ),
        pytest.param(
            "The Russian defence ministry said its forces had captured the village of Ivanopillia near "
            "Kostiantynivka in eastern Ukraine's Donetsk region on Tuesday.",
            "2026-06-24",
            {
                "sub_event_type": "Non-state actor overtakes territory",
                "actor1": "Military Forces of Russia (2000-)",
                "admin1": "Donetsk",
            },
            id="a-state-taking-ground-abroad-overtakes-it",
        ),
        pytest.param(
            "Russian guided bombs killed two people in the city of Kramatorsk on Tuesday and Kyiv reported "
            "pushing back Russian forces in the northeast.",
            "2026-06-24",
            {"location": "Kramatorsk", "fatalities": 2},
            id="a-capital-that-reports-is-no-place",
        ),
        pytest.param(
            "On Thursday, tens of thousands of people gathered outside Istanbul's city hall in the Sarachane "
            "district, waving Turkish flags and chanting slogans.",
            "2026-03-24",
            {"sub_event_type": "Peaceful protest", "location": "Istanbul"},
            id="a-crowd-gathered-chanting-protests",
        ),
        pytest.param(
            "In Izmir, Turkey's third-largest city, thousands attended a rally in Gundogdu Square on Sunday "
            "that passed without incident.",
            "2026-03-24",
            {"sub_event_type": "Peaceful protest", "location": "Izmir"},
            id="a-rally-attended-in-a-square",
        ),
        pytest.param(
            "A rally in Surabaya, East Java, on Tuesday ended peacefully after student representatives were "
            "allowed to present their demands.",
            "2026-04-02",
            {"sub_event_type": "Peaceful protest", "location": "Surabaya"},
            id="a-rally-that-ended-took-place",
        ),
        pytest.param(
            "On Wednesday, several hundred protesters blocked the Chords Bridge at the western entrance to "
            "Jerusalem. Police dragged them away and arrested five; no injuries were reported.",
            "2025-07-24",
            {"sub_event_type": "Protest with intervention", "location": "Jerusalem"},
            id="a-blockade-at-the-entrance-to-a-city",
        ),
        pytest.param(
            "On Saturday night, tens of thousands of people rallied in Tel Aviv to demand a deal to bring "
            "the hostages home. Afterwards, several hundred blocked traffic; police dispersed them and "
            "detained seven.",
            "2025-07-24",
            {"sub_event_type": "Protest with intervention", "actor2": "Police Forces of Israel (2022-)"},
            id="police-the-parse-gave-no-actor-dispersing-the-rally",
        ),
        pytest.param(
            "KAMPALA — Police on Wednesday fired tear gas to disperse opposition supporters in Masaka City "
            "who had blocked a highway in protest.",
            "2025-11-20",
            {"sub_event_type": "Protest with intervention", "location": "Masaka"},
            id="a-town-written-with-city",
        ),
        pytest.param(
            "A commander said the troops were on patrol. Last May, two soldiers were killed when NPA rebels "
            "ambushed a military truck in Sipalay City, Negros Occidental.",
            "2025-08-27",
            {"event_date": date(2025, 5, 15), "time_precision": 3, "location": "Sipalay"},
            id="last-may-dates-by-the-month",
        ),
        pytest.param(
            "On Saturday, an army drone strike hit a weekly market near Lere, in the Timbuktu region of "
            "Mali, killing at least 11 civilians, according to local officials and the Azawad Liberation "
            "Front.",
            "2025-10-06",
            {
                "actor1": "Military Forces of Mali (2021-)",
                "admin1": "Tombouctou",
                "fatalities": 11,
            },
            id="a-town-abroad-named-before-its-region-and-an-army-drone",
        ),
        pytest.param(
            "JNIM fighters ambushed an army convoy near Nioro in Mali's Kayes region, close to the border "
            "with Mauritania, on Sunday.",
            "2025-10-06",
            {"actor2": "Military Forces of Mali (2021-)"},
            id="a-country-across-the-border-is-no-side",
        ),
        pytest.param(
            "A mob on Sunday beat and stoned to death a trader accused of blasphemy at the weekly market in "
            "Minna, Niger State.",
            "2025-06-03",
            {"sub_event_type": "Mob violence", "actor2": "Civilians (Nigeria)", "fatalities": 1},
            id="a-mob-stoning-a-man-to-death",
        ),
        pytest.param(
            "Gunmen abducted a priest in Kenscoff, in Haiti's Ouest department, on Friday. The U.N. says "
            "more than 1,000 people were killed across Haiti between July and September.",
            "2026-11-08",
            {"sub_event_type": "Abduction/forced disappearance", "fatalities": 0},
            id="a-toll-over-months-is-no-events-toll",
        ),
        pytest.param(
            "BANGKOK (AP) — The Arakan Army, one of Myanmar's most powerful ethnic armed groups, said "
            "Saturday it had captured the town of Kyaukphyu in Rakhine state.",
            "2026-10-05",
            {"actor1": "AA: Arakan Army"},
            id="the-dateline-city-is-no-speaker",
        ),
        pytest.param(
            "On Saturday, angry residents of Tixtla, in Guerrero state, beat three men they accused of "
            "stealing cattle and set them on fire in the town square. Police said one of the men died.",
            "2025-06-16",
            {"sub_event_type": "Mob violence", "actor1": "Rioters (Mexico)", "actor2": "Civilians (Mexico)",
             "location": "Tixtla de Guerrero", "fatalities": 1},
            id="residents-turning-on-people-are-a-mob-in-their-town",
        ),
        pytest.param(
            "Villagers in Kaura Namoda, Zamfara State, beat a suspected kidnapper to death on Sunday, police "
            "said.",
            "2025-06-16",
            {"sub_event_type": "Mob violence", "actor1": "Rioters (Nigeria)", "fatalities": 1},
            id="villagers-beating-a-man-to-death",
        ),
        pytest.param(
            "Riot police in Nairobi beat protesters with batons on Tuesday as they marched to parliament.",
            "2025-06-12",
            {"sub_event_type": "Protest with intervention", "actor2": "Police Forces of Kenya (2022-)"},
            id="police-beating-protesters-intervene",
        ),
        pytest.param(
            "South of the city, debris from a downed drone set a warehouse on fire in the village of "
            "Kalynivka in the Fastiv district on Sunday, injuring two workers, the Kyiv regional "
            "administration said.",
            "2025-06-16",
            {"sub_event_type": "Air/drone strike", "actor1": "Military Forces of Russia (2000-)",
             "injuries": 2},
            id="a-fire-a-drone-set-is-no-riot",
        ),
        pytest.param(
            "Gunmen stormed the village of Tchoma Bangou in the Tillaberi region on Sunday, killing 14 "
            "people and setting homes on fire, officials said.",
            "2025-06-16",
            {"sub_event_type": "Attack", "fatalities": 14},
            id="homes-burnt-in-an-assault-are-part-of-it",
        ),
        pytest.param(
            "KADUNA — Four days after gunmen stormed a church service in the village of Maro in Kajuru and "
            "marched dozens of worshippers into the bush, families are still waiting for news. No one was "
            "killed during the raid, police said.",
            "2026-03-19",
            {"event_date": date(2026, 3, 15), "location": "Kajuru", "fatalities": 0},
            id="days-after-an-attack-told-in-the-present-and-no-one-killed",
        ),
        pytest.param(
            "On Wednesday, hundreds of residents marched to Kajuru town and blocked the Kaduna-Kachia road "
            'for several hours, carrying placards reading "Rescue our people".',
            "2026-03-19",
            {"sub_event_type": "Peaceful protest", "location": "Kajuru", "event_date": date(2026, 3, 18)},
            id="a-march-to-a-town-was-held-there",
        ),
        pytest.param(
            "In the Lyman direction, the enemy attacked 12 times yesterday, trying to advance near Zarichne "
            "in the Donetsk region. Two clashes are ongoing.",
            "2025-11-17",
            {"sub_event_type": "Armed clash", "actor1": "Military Forces of Russia (2000-)",
             "actor2": "Military Forces of Ukraine (2019-)", "location": "Zarichne", "admin1": "Donetsk"},
            id="the-enemy-in-a-ukrainian-summary-and-the-namesake-in-the-named-region",
        ),
        pytest.param(
            "In the Huliaipole direction, the enemy carried out 18 attacks on the positions of our units "
            "near Uspenivka, Zaporizhzhia region, yesterday.",
            "2025-11-17",
            {"location": "Uspenivka", "admin1": "Zaporizhzhia",
             "actor1": "Military Forces of Russia (2000-)"},
            id="a-town-qualified-by-its-region-after-a-comma-is-its-namesake-there",
        ),
        pytest.param(
            "Gunmen attacked a police patrol in Guerrero, Mexico, on Sunday, killing two officers, state "
            "authorities said.",
            "2026-05-12",
            {"admin1": "Guerrero", "sub_event_type": "Armed clash", "fatalities": 2},
            id="a-state-is-no-hamlet-of-its-name-in-another-state",
        ),
        pytest.param(
            "RIO DE JANEIRO — At least ten people were killed on Tuesday during a police operation against "
            "the Comando Vermelho drug faction in the Maré complex of favelas, authorities said.",
            "2026-04-29",
            {"sub_event_type": "Armed clash", "actor1": "Police Forces of Brazil (2023-)",
             "actor2": "CV: Comando Vermelho", "fatalities": 10},
            id="people-killed-in-an-operation-against-a-named-gang-died-in-a-battle-with-it",
        ),
        pytest.param(
            "Separately, a bomb disposal squad of the CRPF recovered and defused two IEDs, each weighing "
            "about 5 kg, planted under a culvert on the road near Basaguda in Bijapur on Tuesday afternoon, "
            "officials said.",
            "2026-01-15",
            {"sub_event_type": "Disrupted weapons use", "actor1": "Police Forces of India (2014-)",
             "admin1": "Chhattisgarh"},
            id="ieds-defused-are-disrupted-weapons-use",
        ),
        pytest.param(
            "In Kampala, the police bomb squad on Sunday safely detonated an improvised explosive device "
            "that had been left in a bag outside a church in Nateete, a suburb of the city.",
            "2026-10-05",
            {"sub_event_type": "Disrupted weapons use", "actor1": "Police Forces of Uganda (1986-)"},
            id="a-bomb-squad-detonating-a-device-disrupts-it",
        ),
        pytest.param(
            "In a joint operation with the National Police, troops captured on Sunday in Caucasia, "
            "Antioquia, alias 'El Costeño', identified as a ringleader of the Clan del Golfo.",
            "2026-08-18",
            {"sub_event_type": "Arrests", "admin1": "Antioquia"},
            id="a-wanted-man-captured-is-arrested",
        ),
        pytest.param(
            "Fighter jets bombed a market in Ulang town, Upper Nile State, on Saturday, killing at least "
            "nine civilians.",
            "2026-06-16",
            {"sub_event_type": "Air/drone strike", "actor1": "Military Forces of South Sudan (2011-)"},
            id="warplanes-no-one-is-named-for-are-the-states-own",
        ),
        pytest.param(
            "On Tuesday, navy vessels offshore shelled coastal villages north of Kyaukphyu, wounding five "
            "villagers, according to a local aid worker.",
            "2026-10-05",
            {"sub_event_type": "Shelling/artillery/missile attack",
             "actor1": "Military Forces of Myanmar (2021-)"},
            id="warships-are-the-states-own",
        ),
        pytest.param(
            "NARATHIWAT: Five people, including two paramilitary rangers, were injured when a bomb hidden in "
            "a parked motorcycle exploded as a ranger patrol passed a tea shop in Rueso district on Monday "
            "morning, police said.",
            "2026-07-21",
            {"sub_event_type": "Remote explosive/landmine/IED",
             "actor1": "Unidentified Armed Group (Thailand)"},
            id="the-police-who-tell-of-a-bombing-did-not-plant-the-bomb",
        ),
        pytest.param(
            "BOGOTA, Jan 19 (AFP) - Fighters of the National Liberation Army (ELN) attacked a police station "
            "in Colombia's Catatumbo region with explosive-laden drones on Saturday, wounding three "
            "officers.",
            "2026-01-19",
            {"admin1": "Norte de Santander", "actor1": "ELN: National Liberation Army"},
            id="the-catatumbo-is-in-norte-de-santander-not-at-the-dateline",
        ),
        pytest.param(
            "On 6 June 2025, troops repelled an attack by ISWAP terrorists on their Forward Operating Base "
            "at Marte in Borno State, leading to the neutralisation of 23 terrorists. Regrettably, two "
            "soldiers paid the supreme price.",
            "2025-06-10",
            {"sub_event_type": "Armed clash", "fatalities": 25},
            id="the-neutralisation-of-fighters-kills-them",
        ),
        pytest.param(
            "On Monday, troops engaged the khawarij near Mir Ali in North Waziristan district and, after an "
            "intense exchange of fire, eleven khawarij were sent to hell, the ISPR said.",
            "2025-09-17",
            {"sub_event_type": "Armed clash", "fatalities": 11},
            id="sent-to-hell-is-killed",
        ),
        pytest.param(
            "Houthi forces launched an assault on government positions in Sirwah district, west of Marib, on "
            'Monday. Four government soldiers and "dozens" of Houthi fighters were killed, the source said.',
            "2025-05-20",
            {"sub_event_type": "Armed clash", "fatalities": 16},
            id="a-count-in-quotation-marks-still-counts",
        ),
        pytest.param(
            "Troops stormed an insurgent hideout near Kachia in Kaduna State on Sunday, the army said.",
            "2025-11-17",
            {"sub_event_type": "Armed clash", "actor1": "Military Forces of Nigeria (2023-)"},
            id="troops-assaulting-a-place-with-no-one-harmed-fight-armed-men",
        ),
        pytest.param(
            "Security forces engaged a group of khawarij in general area Mamash Khel, Bannu District, on "
            "Friday, the ISPR said.",
            "2025-09-20",
            {"sub_event_type": "Armed clash", "admin1": "Khyber Pakhtunkhwa"},
            id="engaging-a-group-of-khawarij-in-a-village-of-a-named-district",
        ),
        pytest.param(
            "On 12 October 2025, FAMa aerial vectors carried out strikes on a terrorist hideout in the area "
            "of Dioura, Ténenkou circle.",
            "2025-10-14",
            {
                "sub_event_type": "Air/drone strike",
                "actor1": "Military Forces of Mali (2021-)",
                "admin1": "Mopti",
            },
            id="aerial-vectors-strike-in-a-circle-named-by-its-town",
        ),
        pytest.param(
            "KOSTI, Sudan, Nov 10 - Drones launched by the Rapid Support Forces struck a fuel depot in "
            "Rabak, White Nile state, on Monday, officials said.",
            "2025-11-10",
            {
                "sub_event_type": "Air/drone strike",
                "actor1": "RSF: Rapid Support Forces",
                "admin1": "White Nile",
            },
            id="a-dateline-with-a-country-and-drones-first",
        ),
        pytest.param(
            "A Houthi sniper shot dead a woman in the Jahmaliya area of Taiz city in Yemen on Sunday, local "
            "officials said.",
            "2025-04-07",
            {"sub_event_type": "Attack", "admin1": "Taizz", "fatalities": 1},
            id="shot-dead-a-woman-is-one-killed",
        ),
        pytest.param(
            "At least nine civilians were killed in the night of Friday 12 September to Saturday 13 "
            "September by ADF rebels in a village near Oicha.",
            "2025-09-15",
            {"event_date": date(2025, 9, 12), "fatalities": 9},
            id="a-night-from-one-day-to-the-next-is-its-eve",
        ),
        pytest.param(
            "In Kasindi, North Kivu, young people angered by the killings burned tyres on Wednesday and "
            "stoned a police station.",
            "2025-10-02",
            {"sub_event_type": "Violent demonstration"},
            id="the-killings-that-angered-rioters-are-no-attack-of-theirs",
        ),
        pytest.param(
            "Residents of Dangila town, in the Amhara region, told Addis Standard that a drone strike on "
            "Tuesday killed seven civilians.",
            "2026-03-05",
            {"sub_event_type": "Air/drone strike", "admin1": "Amhara", "fatalities": 7},
            id="residents-tell-what-befell-their-town-to-a-newspaper",
        ),
        pytest.param(
            "Residents of La Ruana, a community in the municipality of Buenavista, Michoacán, reported that "
            "drones dropped explosives on houses on Sunday, wounding two people.",
            "2026-05-12",
            {"country": "Mexico", "admin1": "Michoacan de Ocampo", "injuries": 2},
            id="a-town-qualified-by-its-state-is-no-namesake-abroad",
        ),
        pytest.param(
            "JNIM fighters attacked an army post near the village of Tessit, also in Ansongo cercle, on 18 "
            "May, the army said, adding that four soldiers were killed.",
            "2025-05-19",
            {"location": "Tessit", "fatalities": 4},
            id="the-cercle-a-village-lies-in-is-no-second-place",
        ),
        pytest.param(
            "Gunmen attacked a checkpoint near Djibo on Sunday, killing 12 soldiers, security sources said. "
            "JNIM claimed the attack on Monday and said its fighters had killed more than 50 soldiers at the "
            "checkpoint near Djibo.",
            "2025-05-27",
            {"sub_event_type": "Armed clash", "fatalities": 12},
            id="a-toll-the-attackers-claim-yields-to-the-sources",
        ),
        pytest.param(
            "At least six passengers were shot dead after armed men blocked the N-25 highway near Kalat, "
            "Balochistan, late on Saturday, officials said.",
            "2026-03-01",
            {"sub_event_type": "Attack", "fatalities": 6},
            id="armed-men-blocking-a-highway-are-no-protest",
        ),
        pytest.param(
            "Four police officers were killed when gunmen attacked a police station in the town of Rask in "
            "Iran's southeastern Sistan and Baluchestan province late on Monday.",
            "2026-06-02",
            {"admin1": "Sistan va Baluchestan", "fatalities": 4},
            id="a-province-named-by-two-names",
        ),
        pytest.param(
            "SULAIMANI, Kurdistan Region - A drone struck a gas storage tank at the Khor Mor gas field late "
            "on Monday, officials in the Kurdistan Region said. Kurdish officials blamed Iran-backed armed "
            "groups.",
            "2026-07-21",
            {"country": "Iraq", "admin1": "Sulaymaniyah"},
            id="the-kurdistan-region-is-no-iranian-province",
        ),
        pytest.param(
            "BANGUI — Six civilians were killed on Tuesday when armed men attacked a village about 15 "
            "kilometres from Koui, in the Ouham-Pendé prefecture in the north-west of the Central African "
            "Republic.",
            "2026-03-25",
            {"admin1": "Ouham-Pende", "fatalities": 6},
            id="a-prefecture-beats-the-dateline-and-the-country-is-no-landmark",
        ),
        pytest.param(
            "MORELIA, Michoacán — Two soldiers were killed on Monday when their vehicle set off a landmine "
            "on a dirt road between Apatzingán and Aguililla, in Michoacán's Tierra Caliente region.",
            "2026-05-12",
            {"sub_event_type": "Remote explosive/landmine/IED", "location": "Apatzingan"},
            id="a-road-between-two-towns-is-placed-at-the-first",
        ),
        pytest.param(
            "TPNPB fighters opened fire on a small passenger plane at the airstrip in Beoga, Puncak regency, "
            "on Monday, police said.",
            "2026-03-25",
            {"admin1": "Papua Tengah", "location": "Beoga"},
            id="a-regency-no-unit-answers-to-leaves-the-town",
        ),
        pytest.param(
            "Unidentified armed men ambushed a convoy of humanitarian trucks on the Juba–Nimule road, about "
            "30 kilometres north of Nimule in Eastern Equatoria State, on Friday, killing a driver.",
            "2026-06-17",
            {"sub_event_type": "Attack", "admin1": "Eastern Equatoria", "fatalities": 1},
            id="a-humanitarian-convoy-near-a-roads-far-end",
        ),
        pytest.param(
            "MONUSCO condemns the ADF attack in Lubero territory\n\nKinshasa, 8 April 2026 – The Mission "
            "strongly condemns the attack perpetrated in the night of 5 to 6 April 2026 by combatants of the "
            "Allied Democratic Forces (ADF) against the locality of Manguredjipa, in the Bapere sector of "
            "Lubero territory, North Kivu province, in which at least 27 civilians were killed.",
            "2026-04-09",
            {"event_date": date(2026, 4, 5), "admin1": "North Kivu", "fatalities": 27},
            id="a-release-under-its-heading-condemns-an-attack-of-one-night",
        ),
        pytest.param(
            "Police fired tear gas shells to disperse students who blocked the Science Lab intersection in "
            "Dhaka on Thursday.",
            "2026-01-24",
            {"sub_event_type": "Protest with intervention", "admin1": "Dhaka"},
            id="tear-gas-shells-are-no-artillery",
        ),
        pytest.param(
            "In Turbat, Balochistan, unidentified men hurled a hand grenade at the residence of a local "
            "politician on Sunday night, police said.",
            "2026-03-03",
            {"sub_event_type": "Grenade", "actor1": "Unidentified Armed Group (Pakistan)"},
            id="a-hurled-grenade",
        ),
        pytest.param(
            "Police arrested seven students in Jayapura on Monday as they tried to march to the provincial "
            "parliament.",
            "2025-03-18",
            {"sub_event_type": "Protest with intervention", "actor1": "Protesters (Indonesia)"},
            id="a-march-the-police-stopped-took-place",
        ),
    ],
)  # fmt: skip
def test_one_event_coded(nlp, text, published, expected):
    """One report, one event: who did it, what it was, where, and its toll, as each case names."""
    (event,) = code(nlp, Article(id="one", text=text, published=published))
    values = {name: getattr(event, name) for name in expected}
    if "sub_event_type" in values:
        values["sub_event_type"] = values["sub_event_type"].value
    assert values == expected


@pytest.mark.parametrize(
    ("text", "published"),
    [
        pytest.param(
            "Since Russia launched its full-scale invasion in February 2022, Kharkiv has been hit by "
            "thousands of drones.",
            "2025-08-14",
            id="a-running-total-since-a-date",
        ),
        pytest.param(
            "The RSF, which grew out of militias accused of atrocities in Darfur two decades ago, says it "
            "is fighting to end the dominance of the army in El Fasher.",
            "2025-08-14",
            id="a-cause-pursued-in-the-present",
        ),
        pytest.param(
            "The war began more than two years ago when fighting erupted in Khartoum. It has killed tens of "
            "thousands of people.",
            "2025-03-25",
            id="a-scene-set-as-background",
        ),
        pytest.param(
            "The two sides are expected to sign a ceasefire agreement in Doha, Qatar, next week.",
            "2026-08-20",
            id="an-agreement-still-to-be-signed",
        ),
        pytest.param(
            "At the inquest into the deaths of four youths in Nakuru, Kenya, the families' lawyer said "
            "post-mortem reports showed they had been shot.",
            "2025-10-16",
            id="an-inquest-into-deaths",
        ),
        pytest.param(
            "Unconfirmed reports of an attack on a community in southern Kaduna, Nigeria, circulated on "
            "social media on Sunday.",
            "2026-06-16",
            id="unconfirmed-reports",
        ),
        pytest.param(
            "Rumours of fighting near Kadugli, Sudan, spread through the market on Sunday.",
            "2026-06-16",
            id="rumours",
        ),
        pytest.param(
            "China and Kenya signed a trade agreement in Nairobi on Tuesday.",
            "2025-08-20",
            id="a-trade-deal",
        ),
        pytest.param(
            "Troops handed over 12 rescued hostages to the state government in Maiduguri, Nigeria, on "
            "Tuesday.",
            "2025-08-20",
            id="hostages-handed-over",
        ),
        pytest.param(
            "Troops rescued 14 kidnapped victims in a forest near Tsafe, Zamfara State, on Monday.",
            "2025-08-20",
            id="kidnapped-victims-rescued",
        ),
        pytest.param(
            "Soldiers withdrew from the town of Ippy, Central African Republic, on Tuesday.",
            "2025-08-20",
            id="a-withdrawal-nobody-takes-over",
        ),
        pytest.param(
            "Mourners gathered in Peshawar on Tuesday to mark the anniversary of the attack in which "
            "militants killed 140 people at the Army Public School.",
            "2025-12-17",
            id="an-anniversary",
        ),
        pytest.param(
            "A decade after militants stormed the Army Public School in Peshawar and killed 140 people, "
            "survivors say the scars remain.",
            "2025-12-17",
            id="a-decade-after",
        ),
        pytest.param(
            "The UN said more than 1,200 civilians were killed in Mogadishu and Lower Shabelle between "
            "January and June.",
            "2026-08-19",
            id="a-toll-over-months",
        ),
        pytest.param(
            "KYIV, Dec 6 — Russia launched 653 drones and 51 missiles at Ukraine overnight, the Ukrainian "
            "air force said on Saturday.",
            "2025-12-06",
            id="a-countrywide-wave-is-not-the-datelines",
        ),
        pytest.param(
            "Fighting has continued in the Masisi and Walikale territories of North Kivu, where "
            "pro-government militias and the rebels accuse each other of violations.",
            "2025-10-03",
            id="fighting-that-has-continued",
        ),
        pytest.param(
            "The rebels demanded the release of people detained in Kinshasa, a Congolese government source "
            "said on Friday.",
            "2025-10-03",
            id="people-whose-release-is-demanded",
        ),
    ],
)  # fmt: skip
def test_no_event_is_coded(nlp, text, published):
    """Background, proceedings, plans, hearsay, diplomacy, rescues and withdrawals nobody takes over."""
    assert code(nlp, Article(id="none", text=text, published=published)) == []


@pytest.mark.parametrize(
    ("name", "country", "location"),
    [
        ("Irbil", "IQ", "Erbil"),
        ("Gondar", "ET", "Gonder"),
        ("Himamaylan City", "PH", "Himamaylan"),
        ("Kashmir", "IN", "Srinagar"),  # the region's main town, never the near-spelt Kashipur
    ],
)
def test_a_near_spelling_is_the_same_name(name: str, country: str, location: str) -> None:
    """Transliterations and a trailing "City" resolve to the town; a longer, different name does not."""
    place = Gazetteer().resolve(name, countries=(country,))
    assert place is not None and place.location == location


def test_shots_into_a_crowd_and_arrests_in_a_protests_town_that_day(nlp):
    """In a story of protests, police killing people in "a crowd" used excessive force against protesters;
    a count of people arrested in a protest's town on its day is that protest's intervention."""
    text = (
        "Thousands of young people protested in central Nairobi on Thursday against police brutality. "
        "In Kitengela, south of Nairobi, two young men were shot dead when police opened fire on a crowd "
        "gathered at the main roundabout, a rights group said. The Law Society of Kenya said at least 41 "
        "people had been arrested in Nairobi on Thursday."
    )
    events = code(nlp, Article(id="crowds", text=text, published="2026-06-26"))
    coded = sorted((e.location, e.sub_event_type.value, e.fatalities) for e in events)
    assert coded == [
        ("Kitengela", "Excessive force against protesters", 2),
        ("Nairobi", "Protest with intervention", 0),
    ]


def test_rallies_held_in_two_more_towns_are_two_more_protests(nlp):
    """ "Smaller rallies were held the same evening in Kutaisi and Zugdidi": a protest in each town."""
    text = (
        "Thousands of protesters rallied outside Georgia's parliament in Tbilisi on Sunday evening. Smaller "
        "rallies were held the same evening in Kutaisi and Zugdidi, according to the broadcaster Formula."
    )
    events = code(nlp, Article(id="rallies", text=text, published="2025-10-13"))
    assert sorted(e.location for e in events) == ["Kutaisi", "Tbilisi", "Zugdidi"]
    assert {e.sub_event_type.value for e in events} == {"Peaceful protest"}


def test_a_round_up_dates_each_bullet_by_its_weekday_and_keeps_sections_apart(nlp):
    """ "- Tuesday: Gunmen killed ...": a weekly round-up's bullet is dated by its weekday, and a toll told
    under one state's heading lends nothing to the next state's bullet."""
    text = (
        "Our weekly round-up of security incidents in Nigeria.\n\nBORNO\n- Monday: ISWAP fighters attacked "
        "a military base in Marte. Military sources said five soldiers were killed before the attackers "
        "were repelled.\n\nBENUE\n- Tuesday: Gunmen killed seven people in an attack on a village in Guma "
        "LGA.\n\nANAMBRA\n- Saturday: Unknown gunmen attacked a police checkpoint at Ihiala and killed two "
        "police officers."
    )
    events = code(nlp, Article(id="round-up", text=text, published="2025-12-14"))
    coded = sorted((e.admin1, e.event_date.isoformat(), e.sub_event_type.value) for e in events)
    assert coded == [
        ("Anambra", "2025-12-13", "Armed clash"),
        ("Benue", "2025-12-09", "Attack"),
        ("Borno", "2025-12-08", "Armed clash"),
    ]


def test_an_older_attack_told_later_lends_its_day_to_no_other_report(nlp):
    """ "On July 1, JNIM fighters launched attacks ..." told after two dated reports does not redate them."""
    text = (
        "Jihadists attacked an army convoy in western Mali on Sunday, killing six soldiers. JNIM ambushed "
        "the convoy near Nioro in the Kayes region, sources said. On July 1, JNIM fighters launched "
        "coordinated attacks on army positions in several towns in western Mali. In Burkina Faso, jihadists "
        "killed 30 soldiers in an attack on a detachment in Sebba on Friday, security sources told AFP."
    )
    events = code(nlp, Article(id="older", text=text, published="2025-10-06"))
    assert sorted((e.location, e.event_date.isoformat()) for e in events) == [
        ("Nioro", "2025-10-05"),
        ("Sebba", "2025-10-03"),
    ]


def test_troops_who_later_arrive_fight_an_event_of_their_own(nlp):
    """Gunmen killing villagers, then troops who "later arrived and engaged the attackers": an attack on
    civilians and a separate battle, both where the attack was (ACLED codes each actor pair)."""
    text = (
        "Gunmen attacked Hurum village in Bokkos LGA, Plateau State, early on Friday, killing four "
        "residents. Troops later arrived and engaged the attackers, killing one of them, the army said."
    )
    events = code(nlp, Article(id="later", text=text, published="2026-06-14"))
    coded = sorted((e.sub_event_type.value, e.admin1, e.fatalities) for e in events)
    assert coded == [("Armed clash", "Plateau", 1), ("Attack", "Plateau", 4)]


def test_a_releases_numbered_items_keep_their_own_tolls(nlp):
    """A military release's numbered items are separate incidents: an earlier attack's toll ("two
    soldiers embraced shahadat") is its own, not the count of the item before; a period's total ("between
    10 and 20 October ... neutralising 64") belongs to no incident."""
    text = (
        "1. On 15 September 2025, security forces engaged khawarij in general area Datta Khel, North "
        "Waziristan District. Seven khawarij were sent to hell.\n\n2. The operation followed the attack "
        "by khawarij on a post near Bannu on 10 September 2025, in which two soldiers embraced shahadat."
        "\n\n3. On 16 September 2025, a patrol struck an improvised explosive device near Tank, wounding "
        "two soldiers.\n\n4. Between 10 and 20 September 2025, security forces conducted 27 operations, "
        "neutralising 64 khawarij."
    )
    events = code(nlp, Article(id="ispr", text=text, published="2025-09-21"))
    coded = sorted((e.event_date, e.sub_event_type.value, e.fatalities) for e in events)
    assert coded == [
        (date(2025, 9, 10), "Armed clash", 2),
        (date(2025, 9, 15), "Armed clash", 7),
        (date(2025, 9, 16), "Remote explosive/landmine/IED", 0),
    ]
