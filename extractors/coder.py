"""The ACLED coder: a parsed article in, one event payload per day x place x actor pair x event type out."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span, Token

from extractors.actor_mentions import UNIDENTIFIED_PREFIX, WAR_ENEMY
from extractors.actors import Actor, Country
from extractors.discourse import mentions_of, parse_dateline
from extractors.mentions import (
    Found,
    PlaceMention,
    TargetMention,
    WeaponMention,
    text_of,
)
from extractors.places import Place
from extractors.reports import Mention, resources
from extractors.version import EXTRACTOR_VERSION
from schemas import (
    CIVILIANS_TARGETED,
    Article,
    EventType,
    Inter,
    SubEventType,
    event_type_of,
    first_by_precedence,
    make_event_id,
)


def _evidence(fieldname: str, sent: Span, found: Found | None) -> dict[str, Any]:
    """The evidence for one field: the sentence (trailing line breaks dropped) and the matched words."""
    sentence = sent.text.rstrip()
    end = sent.start_char + len(sentence)
    item: dict[str, Any] = {"field": fieldname, "sentence": sentence, "start": sent.start_char, "end": end}
    if found is not None and sent.start_char <= found.start <= found.end <= end:
        item.update(match=found.text, match_start=found.start, match_end=found.end)
    return item


def _weapons_of(mention: Mention) -> tuple[list[WeaponMention], Span]:
    source = mention.inherited.get("weapons", mention)
    merged: dict[str, WeaponMention] = {}
    for weapon in source.weapons:
        current = merged.get(weapon.weapon_type.value)
        if current is None or (current.count is None and weapon.count is not None):
            merged[weapon.weapon_type.value] = weapon
    return list(merged.values()), source.sentence


def _target_for(place: PlaceMention, targets: list[TargetMention]) -> TargetMention | None:
    """The thing hit at this place: the target the place name hangs from, else the nearest one before it."""
    ancestors = {a.i for a in place.token.ancestors}
    for target in targets:
        if target.token.i in ancestors and target.token.i != place.token.head.i:
            return target
    before = [t for t in targets if t.token.i < place.token.i]
    if before:
        return before[-1]
    return targets[0] if len(targets) == 1 else None


def _territory_abroad(sub_event: SubEventType, actor1: Actor) -> SubEventType:
    """A state's forces taking ground outside their own country overtake it; they do not regain it (ACLED
    codes them as external forces: "Russia said its forces had 'liberated' the village" in Donetsk)."""
    abroad = actor1.inter is Inter.EXTERNAL_OTHER_FORCES
    if sub_event is SubEventType.GOVERNMENT_REGAINS_TERRITORY and abroad:
        return SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY
    return sub_event


def _split(total: int, parts: int, index: int) -> int:
    """ACLED's split of a total over several events: even shares, the remainder on the first."""
    share, remainder = divmod(total, parts)
    return share + (remainder if index == 0 else 0)


def _actors_for(mention: Mention, event_type: EventType, country: Country) -> tuple[Actor, Actor | None]:
    """actor1 and actor2 as ACLED codes them for an event in ``country``."""
    table, _, finder = resources()
    actor1 = mention.actor1.actor if mention.actor1 else None
    if event_type is EventType.PROTESTS:
        actor1 = finder.generic("protesters", country)  # groups behind a protest go to assoc_actor_1
    elif event_type is EventType.RIOTS:
        actor1 = finder.generic("rioters", country)
    elif actor1 is None:
        actor1 = finder.generic("unidentified", country)
    elif actor1.country is None and actor1.inter in (Inter.CIVILIANS, Inter.PROTESTERS, Inter.RIOTERS):
        actor1 = finder.generic(actor1.inter.value.lower(), country)
    elif actor1.country is None and actor1.name == finder.generic("unidentified", None).name:
        actor1 = finder.generic("unidentified", country)  # found before the event's country was known
    unattributed = actor1.name == finder.generic("unidentified", country).name
    if unattributed and event_type is EventType.EXPLOSIONS and country.name in REMOTE_ATTACKER:
        # "a Shahed-type drone hit a private house in Kharkiv", "an enemy FPV drone struck a car": in a war
        # between two states, the strikes and shelling no one is named for are the other state's
        actor1 = table.military(REMOTE_ATTACKER[country.name])
    elif unattributed and event_type is EventType.EXPLOSIONS and _states_own_arms(mention, country):
        # "fighter jets bombed a market in Ulang", "navy vessels offshore shelled coastal villages": only
        # the state flies warplanes or sails warships there
        actor1 = table.military(country)
    if mention.sub_event is SubEventType.ARRESTS and actor1.inter not in (
        Inter.STATE_FORCES,
        Inter.EXTERNAL_OTHER_FORCES,
    ):
        actor1 = table.police(country)  # arrests are by the state (codebook §2)
    actor2 = mention.actor2.actor if mention.actor2 else None
    foreign = actor1.inter is Inter.STATE_FORCES and actor1.country not in (None, country.name)
    if foreign and mention.sub_event is SubEventType.DISRUPTED_WEAPONS_USE and actor2 is None:
        # "air defence systems intercepted 28 Ukrainian drones over the Bryansk region": the state whose
        # drones were downed launched them; the defences downing them over its own ground are the state's
        actor1, actor2, foreign = table.military(country), actor1, False
    if foreign:
        actor1 = replace(actor1, inter=Inter.EXTERNAL_OTHER_FORCES)  # a state's army abroad (codebook §4)
    if event_type in (EventType.PROTESTS, EventType.RIOTS):
        # the other side of a protest or riot is the force that intervened, if any; never the crowd
        found = [m.actor for m in (mention.actor1, mention.actor2) if m is not None]
        actor2 = next(
            (a for a in found if a.inter in (Inter.STATE_FORCES, Inter.EXTERNAL_OTHER_FORCES)), None
        )
        if mention.sub_event is SubEventType.PEACEFUL_PROTEST:
            actor2 = None
        victim = mention.actor2.actor if mention.actor2 else None
        if mention.sub_event is SubEventType.MOB_VIOLENCE and actor2 is None and victim is not None:
            actor2 = victim  # "beaten to death by a mob": the mob's victims, civilians as a rule
        if mention.sub_event is SubEventType.MOB_VIOLENCE and actor2 is None and mention.casualties:
            actor2 = finder.generic("civilians", country)  # "a mob stoned to death a trader"
    if event_type is EventType.BATTLES and (actor2 is None or actor2.inter is Inter.CIVILIANS):
        # a battle has two armed sides: the other armed actor named in the sentence, else the state
        other = finder.other_armed(mention.sentence, country, exclude=actor1.name)
        if other is None and actor1.inter is not Inter.STATE_FORCES and RIVALS.search(mention.sentence.text):
            other = finder.generic("unidentified", country)  # "clashes between rival militias": no state
        if other is None and actor1.inter is not Inter.STATE_FORCES:
            police = any("police" in t.text.lower() for t in mention.targets)
            other = table.police(country) if police else table.military(country)
        if other is None:
            other = finder.generic("unidentified", country)  # troops fought someone the report leaves unnamed
        actor2 = other
    civilian_victim = actor2 is not None and actor2.inter is Inter.CIVILIANS
    if event_type is EventType.VIOLENCE_AGAINST_CIVILIANS or civilian_victim:
        actor2 = finder.generic("civilians", country)  # the victims are civilians of the event's country
    unnamed = finder.generic("unidentified", None).name
    same = actor2 is not None and actor2.name == actor1.name and not actor1.name.startswith(unnamed)
    if event_type is EventType.BATTLES and same:
        actor2 = finder.generic("unidentified", country)  # a state's forces fight someone, not themselves
    elif same:
        actor2 = None  # nor do they strike themselves: the target is unknown
    # "two Pakistani terrorists" killed in Kashmir: unnamed armed men are coded to the event's country
    if actor2 is not None and actor2.name.startswith(unnamed) and actor2.country not in (None, country.name):
        actor2 = finder.generic("unidentified", country)
    if actor1.name.startswith(unnamed) and actor1.country not in (None, country.name):
        actor1 = finder.generic("unidentified", country)
    # a movement named before the event's country was known: its branch there ("Islamic State (Sahel)")
    return table.branch(actor1, country), actor2 and table.branch(actor2, country)


#: Where ACLED codes unattributed air, drone, missile and artillery strikes to the state at war with it.
REMOTE_ATTACKER = WAR_ENEMY
#: Arms only a state has: warplanes, helicopter gunships, warships.
STATE_ARMS = re.compile(
    r"\b(?:fighter jets?|military (?:jets?|aircraft|planes?|helicopters?)|warplanes?|war planes?|"
    r"(?:helicopter )?gunships?|aerial bombardments?|air force|navy|naval (?:vessels?|ships?|bombardment)|"
    r"warships?)\b",
    re.I,
)
#: Where foreign air forces and navies strike too, so that an unnamed warplane is not the state's own.
FOREIGN_STRIKES = frozenset(
    {"Somalia", "Syria", "Yemen", "Iraq", "Lebanon", "Palestine", "Libya", "Afghanistan", "Iran", "Israel"}
)


def _states_own_arms(mention: Mention, country: Country) -> bool:
    """Whether an unattributed strike was made with arms only the event country's state has."""
    if country.name in FOREIGN_STRIKES or not STATE_ARMS.search(mention.sentence.text):
        return False
    table, _, _ = resources()
    # "Israeli jets", "a Turkish drone": another state named in the sentence may have flown them
    named = (table.country(t.text) or table.country_of_demonym(t.text) for t in mention.sentence)
    return all(state is None or state.name == country.name for state in named)


#: Two unnamed armed sides fighting each other: "clashes between rival militias", "two armed groups".
RIVALS = re.compile(
    r"\b(?:rival|two|competing|opposing|warring)\s+(?:armed\s+|criminal\s+)?"
    r"(?:groups|gangs|militias|factions|cartels|militants)\b",
    re.I,
)
#: How old a date taken from another sentence may be (days before publication) and still date a report.
BORROWED_DATE_MAX_AGE = 31


def _dates_for(mention: Mention, published: date | None) -> tuple[tuple[date | None, ...], int | None, list]:
    """The event's day(s), their time_precision and the evidence; the publication day as a last resort."""
    source = mention.inherited.get("date", mention)
    found = mention.dates[0] if mention.dates else (source.dates[0] if source.dates else None)
    if found is not None:
        days = found.days or (found.resolved.day,)
        borrowed = source is not mention or not (
            mention.sentence.start_char <= found.found.start < mention.sentence.end_char
        )
        if borrowed and published is not None and (published - days[0]).days > BORROWED_DATE_MAX_AGE:
            return (), None, []  # an old date from another sentence: background, not this report's day
        return days, found.resolved.precision, [_evidence("event_date", source.sentence, found.found)]
    if published is not None:
        return (published,), 1, []
    return (None,), None, []  # undatable: validation rejects it and the reason is recorded


def _payloads(
    mention: Mention, article: Article, published: date | None, shares: dict[int, tuple[int, int]]
) -> list[dict[str, Any]]:
    """One payload per place and day of a located mention (ACLED's unit of one day x one place)."""
    if mention.sub_event is None or not mention.places:
        return []
    sent = mention.sentence
    event_type = event_type_of(mention.sub_event)
    days, precision, date_evidence = _dates_for(mention, published)
    weapons, weapon_sentence = _weapons_of(mention)
    killed_source = mention.inherited.get("fatalities", mention)
    killed = killed_source.casualties.get("killed")
    wounded_source = mention.inherited.get("injuries", mention)
    wounded = wounded_source.casualties.get("wounded")
    units = len(mention.places) * len(days)
    payloads = []
    for place_index, place_mention in enumerate(mention.places):
        place: Place = place_mention.place
        country = place.country
        actor1, actor2 = _actors_for(mention, event_type, country)
        target = _target_for(place_mention, mention.targets)
        evidence = [
            _evidence("sub_event_type", sent, Found.of(mention.triggers[0])),
            _evidence("location", sent, place_mention.found),
            _evidence(
                "actor1",
                mention.inherited.get("actor1", mention).sentence,
                mention.actor1.found if mention.actor1 else None,
            ),
            *date_evidence,
            *(_evidence("weapons", weapon_sentence, w.found) for w in weapons),
        ]
        if target is not None:
            evidence.append(_evidence("target", sent, target.found))
        if killed is not None:
            evidence.append(_evidence("fatalities", killed_source.sentence, killed.found))
            if (base := mention.inherited.get("fatalities_base")) is not None:
                evidence.append(_evidence("fatalities", base.sentence, base.casualties["killed"].found))
            if (also := mention.inherited.get("fatalities_also")) is not None:
                extra = also.casualties["killed"]  # the other side's dead, told in a later sentence
                evidence.append(_evidence("fatalities", also.sentence, extra.found))
        if wounded is not None:
            evidence.append(_evidence("injuries", wounded_source.sentence, wounded.found))
        for day_index, day in enumerate(days):
            unit = place_index * len(days) + day_index
            fatalities = 0
            if killed is not None:
                # a total over several places or days is split evenly, the remainder first (ACLED §5)
                parts, position = shares.get(id(killed_source), (units, 0))
                fatalities = _split(killed.count.value, parts, position + unit)
            key = (day, country.alpha3, place.admin1, place.location, actor1.name,
                   actor2.name if actor2 else "", event_type.value)  # fmt: skip
            payloads.append(
                {
                    "event_id_cnty": make_event_id(country.alpha3, *key),
                    "event_date": day,
                    "time_precision": precision,
                    "sub_event_type": _territory_abroad(mention.sub_event, actor1).value,
                    "actor1": actor1.name,
                    "inter1": actor1.inter.value,
                    "actor2": actor2.name if actor2 else "",
                    "inter2": actor2.inter.value if actor2 else None,
                    "civilian_targeting": CIVILIANS_TARGETED
                    if actor2 is not None and actor2.inter is Inter.CIVILIANS
                    else "",
                    "iso": country.iso,
                    "region": country.region,
                    "country": country.name,
                    "admin1": place.admin1,
                    "admin2": place.admin2,
                    "location": place.location,
                    "latitude": place.latitude,
                    "longitude": place.longitude,
                    "geo_precision": place.geo_precision,
                    "source": article.source or "",
                    "notes": re.sub(r"\s+", " ", sent.text).strip()[:1000],
                    "fatalities": fatalities,
                    "fatalities_qualifier": killed.count.qualifier.value if killed else None,
                    "_claimed": killed is not None and _a_claim(killed_source.sentence, killed.token),
                    "timestamp": int(time.time()),
                    "article_id": article.id,
                    "weapons": [
                        {
                            "weapon_type": w.weapon_type.value,
                            "count": w.count.value if w.count else None,
                            "count_qualifier": w.count.qualifier.value if w.count else None,
                        }
                        for w in weapons
                    ],
                    "target": target.text if target else None,
                    "target_category": target.category.value if target else None,
                    "injuries": wounded.count.value if wounded else None,
                    "injuries_qualifier": wounded.count.qualifier.value if wounded else None,
                    "evidence": evidence,
                    "extractor_version": EXTRACTOR_VERSION,
                }
            )
    return payloads


def _a_claim(sent: Span, count: Token) -> bool:
    """Whether a toll is the perpetrator's claim: "JNIM claimed the attack ... and said its fighters had
    killed 'more than 100'"."""
    verb = next((a for a in count.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return (
        verb is not None
        and verb.dep_ == "ccomp"
        and verb.head.lemma_.lower() in ("say", "claim")
        and any(t.lemma_.lower() == "claim" and t.pos_ == "VERB" for t in sent)
    )


def _absorb(into: dict[str, Any], other: dict[str, Any]) -> None:
    """Fold another report of the same event into ``into``: the larger counts, every piece of evidence;
    but a toll its perpetrator claims yields to one others give (ACLED codes the lowest credible)."""
    if into["_claimed"] and not other["_claimed"] and other["fatalities"]:
        into["fatalities"], into["fatalities_qualifier"] = other["fatalities"], other["fatalities_qualifier"]
        into["_claimed"] = False
    for name in ("fatalities", "injuries"):
        if name == "fatalities" and other["_claimed"] and not into["_claimed"] and into["fatalities"]:
            continue
        if (other[name] or 0) > (into[name] or 0):
            into[name], into[f"{name}_qualifier"] = other[name], other[f"{name}_qualifier"]
    seen = {(e["field"], e["start"], e.get("match_start")) for e in into["evidence"]}
    into["evidence"] += [
        e for e in other["evidence"] if (e["field"], e["start"], e.get("match_start")) not in seen
    ]


def _first_by_precedence(a: dict[str, Any], b: dict[str, Any]) -> str:
    """The sub-event type of two reports of one event, by ACLED's precedence; but a crowd (not protesters)
    turning on people or their homes, told in one sentence, is mob violence, though its burning alone
    would read as a violent demonstration ("residents beat two men ... and set them on fire", "a mob
    attacked and set fire to the house of a local leader")."""
    kinds = {a["sub_event_type"], b["sub_event_type"]}
    riot = {SubEventType.MOB_VIOLENCE.value, SubEventType.VIOLENT_DEMONSTRATION.value}
    if kinds == riot and a["notes"] == b["notes"]:
        return SubEventType.MOB_VIOLENCE.value
    return first_by_precedence([SubEventType(a["sub_event_type"]), SubEventType(b["sub_event_type"])]).value


def _merge(payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One event per id: tactics by ACLED's precedence, the larger counts, every piece of evidence."""
    merged: dict[str, dict[str, Any]] = {}
    for payload in payloads:
        current = merged.get(payload["event_id_cnty"])
        if current is None:
            merged[payload["event_id_cnty"]] = payload
            continue
        current["sub_event_type"] = _first_by_precedence(current, payload)
        _absorb(current, payload)
        known = {w["weapon_type"] for w in current["weapons"]}
        current["weapons"] += [w for w in payload["weapons"] if w["weapon_type"] not in known]
        if current["target"] is None and payload["target"] is not None:
            current["target"], current["target_category"] = payload["target"], payload["target_category"]
    return _collapse_same_report(list(merged.values()))


_PROTEST_SUB_EVENTS = frozenset(s.value for s in SubEventType if event_type_of(s) is EventType.PROTESTS)
_BATTLE_SUB_EVENTS = frozenset(s.value for s in SubEventType if event_type_of(s) is EventType.BATTLES)


def _collapse_same_report(payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Reports of the same day, place and actors are one event, coded by ACLED's precedence ("a drone
    attack slammed into a mosque in El Fasher, killing 21" ... "the drone struck the mosque": an air/drone
    strike, not also an attack)."""
    kept: dict[tuple, dict[str, Any]] = {}
    out: list[dict[str, Any]] = []
    for payload in payloads:
        # one crowd: protesters who riot at the same place that day hold one (violent) demonstration
        crowd = payload["actor1"].replace("Rioters (", "Protesters (", 1)
        key = (payload["event_date"], payload["country"], payload["admin1"], payload["location"], crowd)
        current = kept.get(key)
        fight = None
        if payload["sub_event_type"] in _BATTLE_SUB_EVENTS and payload["actor2"]:
            # a fight has two sides, not an initiator and a target: "came under fire ... and killed four
            # armed men in the ensuing clash" is one battle whichever side each clause names first
            fight = (*key[:4], frozenset((payload["actor1"], payload["actor2"])))
            if fight in kept:
                current = kept[fight]
        if (
            current is not None
            and (fight is None or fight not in kept)
            and current["actor2"]
            and payload["actor2"]
            and current["actor2"] != payload["actor2"]
            and current["notes"] != payload["notes"]
        ):
            # other actors: another event (ACLED's unit is day x place x actor pair), unless both come from
            # one sentence ("killing one soldier and injuring four others": the victims of one attack)
            out.append(payload)
            continue
        if current is None:
            kept[key] = payload
            if fight is not None:
                kept[fight] = payload
            out.append(payload)
            continue
        first = _first_by_precedence(current, payload)
        winner, loser = (current, payload) if first == current["sub_event_type"] else (payload, current)
        kinds = {_event_type(p) for p in (winner, loser)}
        violent = loser["sub_event_type"] == SubEventType.VIOLENT_DEMONSTRATION.value
        if kinds == {EventType.PROTESTS, EventType.RIOTS} and violent:
            winner, loser = loser, winner  # a demonstration where protesters turn violent is violent
        _take_actor2(winner, loser)
        _absorb(winner, loser)
        if winner is payload:
            out[out.index(current)] = payload
            for name, held in list(kept.items()):
                if held is current:
                    kept[name] = payload
            kept[key] = payload
    return _fold_vague_into_precise(_name_the_other_side(_name_the_unidentified(_arrests_at_protests(out))))


def _name_the_unidentified(payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ "Shelling in Kadugli killed three civilians" ... "artillery shells landed in Kadugli, killing three
    civilians" with the shelling blamed on someone: the same day, place and kind of event told once without
    its author is the same event, coded with the author."""
    return _fold_into_twins(
        payloads,
        lambda p: p["actor1"].startswith(UNIDENTIFIED_PREFIX),
        lambda p, q: (
            _same_day_and_place(p, q)
            and _event_type(p) is _event_type(q)
            and (not p["actor2"] or not q["actor2"] or p["actor2"] == q["actor2"])
        ),
        take_actor2=True,
    )


def _unnamed_side(payload: dict[str, Any]) -> bool:
    """A battle one of whose sides is an unnamed armed group."""
    sides = (payload["actor1"], payload["actor2"] or "")
    return payload["sub_event_type"] in _BATTLE_SUB_EVENTS and any(
        a.startswith(UNIDENTIFIED_PREFIX) for a in sides
    )


def _name_the_other_side(payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ "Fano fighters raided the outskirts of Debre Markos" ... "and exchanged fire with federal troops":
    a battle told again with one side unnamed, the same day and place as a battle of its named side, is
    that battle."""

    def same_fight(twin: dict[str, Any], donor: dict[str, Any]) -> bool:
        named = {a for a in (donor["actor1"], donor["actor2"]) if a and not a.startswith(UNIDENTIFIED_PREFIX)}
        sides = {twin["actor1"], twin["actor2"]}
        return (
            _same_day_and_place(twin, donor)
            and twin["sub_event_type"] in _BATTLE_SUB_EVENTS
            and bool(named)
            and named <= sides
        )

    return _fold_into_twins(payloads, _unnamed_side, same_fight)


def _fold_into_twins(
    payloads: list[dict[str, Any]],
    donor: Callable[[dict[str, Any]], bool],
    same_event: Callable[[dict[str, Any], dict[str, Any]], bool],
    *,
    take_actor2: bool = False,
) -> list[dict[str, Any]]:
    """Each ``donor`` payload (a vaguer telling) folds into the first other payload that ``same_event``
    accepts: the larger counts, every piece of evidence and, with ``take_actor2``, its second actor when
    the twin names none. A donor with no twin stays an event of its own."""
    keepers = [p for p in payloads if not donor(p)]
    out = []
    for payload in payloads:
        twin = next((p for p in keepers if same_event(p, payload)), None) if donor(payload) else None
        if twin is None:
            out.append(payload)
            continue
        if take_actor2:
            _take_actor2(twin, payload)
        _absorb(twin, payload)
    return out


def _same_day_and_place(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return all(a[k] == b[k] for k in ("event_date", "country", "admin1", "location"))


def _event_type(payload: dict[str, Any]) -> EventType:
    return event_type_of(SubEventType(payload["sub_event_type"]))


def _take_actor2(into: dict[str, Any], other: dict[str, Any]) -> None:
    """Give ``into`` the other report's second actor when it names none."""
    if not into["actor2"] and other["actor2"]:
        for name in ("actor2", "inter2", "civilian_targeting"):
            into[name] = other[name]


def _arrests_at_protests(payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ "Police fired tear gas and detained dozens of supporters who tried to march": arrests at a
    demonstration are the state's intervention in it (a protest with intervention), not another event."""
    protests = [p for p in payloads if p["sub_event_type"] in _PROTEST_SUB_EVENTS]
    out = []
    for payload in payloads:
        protest = None
        if payload["sub_event_type"] == SubEventType.ARRESTS.value and payload["actor2"].startswith(
            "Protesters"
        ):
            protest = next((p for p in protests if _same_day_and_place(p, payload)), None)
        if protest is None:
            out.append(payload)
            continue
        if protest["sub_event_type"] == SubEventType.PEACEFUL_PROTEST.value:
            protest["sub_event_type"] = SubEventType.PROTEST_WITH_INTERVENTION.value
        if not protest["actor2"]:
            protest["actor2"], protest["inter2"] = payload["actor1"], payload["inter1"]
        _absorb(protest, payload)
    return out


def _fold_vague_into_precise(payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A report located only to a region ("in the country's restive Balochistan province") is the same
    event as a report of the same day, kind and region located to a town ("near Sibi"): one event, at the
    town, with the larger counts and both reports' evidence."""
    return _fold_into_twins(
        payloads,
        lambda p: p["geo_precision"] == 3,
        lambda p, q: (
            all(p[k] == q[k] for k in ("event_date", "country", "admin1"))
            and _event_type(p) is _event_type(q)
        ),
    )


def code_article(doc: Doc, article: Article) -> list[dict[str, Any]]:
    """Code one parsed article into ACLED event payloads (validated later against schemas.Event)."""
    mentions = mentions_of(doc, article)
    published = article.published_date or parse_dateline(text_of(doc)).published
    # a wave's fatalities are split over the located events that inherit them (ACLED §5)
    heirs: dict[int, list[Mention]] = {}
    for mention in mentions:
        source = mention.inherited.get("fatalities")
        if source is not None and mention.sub_event is not None:
            days = mention.dates[0].days if mention.dates and mention.dates[0].days else (None,)
            heirs.setdefault(id(source), []).extend([mention] * (len(mention.places) * len(days)))
    payloads: list[dict[str, Any]] = []
    for mention in mentions:
        source = mention.inherited.get("fatalities")
        shares = {}
        group = heirs.get(id(source), []) if source is not None else []
        positions = [i for i, heir in enumerate(group) if heir is mention]
        if positions:
            shares[id(source)] = (len(group), positions[0])
        payloads.extend(_payloads(mention, article, published, shares))
    merged = _merge(payloads)
    for payload in merged:
        del payload["_claimed"]
    return merged
