"""The ACLED coder: a parsed article in, one event payload per day x place x actor pair x event type out."""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from extractors.actor_mentions import ActorFinder, ActorMention, noun_chunks
from extractors.actors import Actor, ActorTable, Country
from extractors.classify import classify, is_irrealis, is_labour_strike
from extractors.dates import resolve_date
from extractors.mentions import (
    CasualtyMention,
    DateMention,
    Found,
    PlaceMention,
    TargetMention,
    WeaponMention,
    find_casualties,
    find_dates,
    find_places,
    find_targets,
    find_weapons,
    spans_in,
)
from extractors.places import Gazetteer, Place
from extractors.version import EXTRACTOR_VERSION
from schemas import (
    CIVILIANS_TARGETED,
    Article,
    EventType,
    Inter,
    SubEventType,
    TargetCategory,
    event_type_of,
    first_by_precedence,
    make_event_id,
)

#: A dateline as in the seed ("date 2026-02-26 Geneva —") or a wire dateline ("KYIV, Ukraine —").
DATELINE = re.compile(
    r"^\s*(?:date\s+(?P<iso>\d{4}-\d{2}-\d{2})\s+)?(?P<place>[A-Z][\w.' -]{1,40}?)"
    r"(?:,\s*(?:(?P<day>\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})|[A-Z][\w. ]+))?"
    r"\s*(?:\([^)]{0,40}\))?\s+[—–-]{1,2}\s+"
)
#: Trigger classes that need a weapon, a strike or a wave to mean violence ("hit", "launched").
NEEDS_CONTEXT = frozenset({"HIT", "LAUNCH"})


@dataclass(frozen=True)
class Dateline:
    """Where and when the article says it was filed."""

    published: date | None
    place: str | None
    end: int


def parse_dateline(text: str) -> Dateline:
    """Read a dateline at the start of the text; its place is the reporter's, not an event's."""
    match = DATELINE.match(text[:200])
    if match is None:
        return Dateline(None, None, 0)
    iso, day = match.group("iso"), match.group("day")
    published = date.fromisoformat(iso) if iso else None
    if published is None and day:
        resolved = resolve_date(day, None)
        published = resolved.day if resolved is not None and resolved.precision == 1 else None
    return Dateline(published, match.group("place").strip(), match.end())


@dataclass
class Mention:
    """One sentence's report of violence, before it is split into ACLED events."""

    sentence: Span
    triggers: list[Span]
    labels: set[str]
    places: list[PlaceMention]
    country: Country | None
    dates: list[DateMention]
    weapons: list[WeaponMention]
    targets: list[TargetMention]
    casualties: dict[str, CasualtyMention]
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    sub_event: SubEventType | None = None
    inherited: dict[str, Mention] = field(default_factory=dict)

    @property
    def located(self) -> bool:
        """Whether the sentence names a place finer than a country."""
        return bool(self.places)


@cache
def _resources() -> tuple[ActorTable, Gazetteer, ActorFinder]:
    table = ActorTable.load()
    return table, Gazetteer(table), ActorFinder(table)


def article_countries(doc: Doc, title: str | None, table: ActorTable) -> tuple[str, ...]:
    """The article's countries (alpha-2) by how often they are named, the title counting double."""
    counts: Counter[str] = Counter()
    texts = [(e.text, 1) for e in doc.ents if e.label_ in ("GPE", "NORP", "LOC", "PERSON", "ORG")]
    for chunk in noun_chunks(doc):  # named armed groups carry their home country: "RSF fighters"
        actor = table.resolve(chunk.text)
        if actor is not None and actor.country and actor.inter is not Inter.STATE_FORCES:
            texts.append((actor.country, 1))
    if title:
        texts.extend((word, 2) for word in re.findall(r"[A-Z][\w'’-]+(?: [A-Z][\w'-]+)*", title))
    for text, weight in texts:
        clean = re.sub(r"['’]s$", "", text)
        country = table.country(clean) or table.country_of_demonym(clean) or table.country_of_metonym(clean)
        if country is not None:
            counts[country.alpha2] += weight
    return tuple(code for code, _ in counts.most_common())


def clause_root(token: Token) -> int:
    """The top of a token's clause chain: climb the parse, stopping at a coordinated verb.

    "Forces killed six attackers who laid siege to a hotel in Beledweyne and later killed 50 militants
    in airstrikes": the siege, the hotel and Beledweyne share one chain; the second "killed" and its
    airstrikes start another, so each reports its own event.
    """
    node = token
    while node.head.i != node.i:
        if node.dep_ in ("conj", "parataxis") and node.pos_ in ("VERB", "AUX"):
            break
        node = node.head
    return node.i


#: A photo caption: a scene verb in the present and a full date ("A rose is seen ..., Feb. 24, 2026, in X").
CAPTION = re.compile(
    r"\b(is|are) (seen|pictured|shown)\b|\b(looks?|stands?|walks?|sits?|poses?|gestures?|holds?|mourns?|"
    r"reacts?|inspects?|gathers?) (out|at|on|in|near|over|by|next|beside|outside|inside|a|an|the)\b",
    re.I,
)
_FULL_DATE = re.compile(r"\b[A-Z][a-z]{2,8}\.? \d{1,2}, (19|20)\d\d\b")


def _is_old_caption(sent: Span, dates: list[DateMention], published: date | None) -> bool:
    """A photo caption of an earlier day: ACLED codes the event from the report, not from the picture."""
    if published is None or not CAPTION.search(sent.text) or not _FULL_DATE.search(sent.text):
        return False
    return any((published - d.resolved.day).days > 1 for d in dates)


def _is_back_reference(trigger: Span) -> bool:
    """ "the scene of the airstrike", "since the attack": a definite noun that points back at an event
    already reported, not a new one."""
    root = trigger.root
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in root.children)
    if root.pos_ != "NOUN" or not definite:
        return False
    return root.dep_ == "pobj" and root.head.lower_ in ("of", "since", "after", "before", "following")


def _is_generic_present(trigger: Span) -> bool:
    """Commentary in the simple present ("Israel attacks the Muslims"): news reports events in the past."""
    root = trigger.root
    if root.tag_ not in ("VBZ", "VBP"):
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in root.children)


RELATIVE_PAST = re.compile(
    r"\b(\w+ (years|decades|months) ago|last (year|decade)|(a|one) year ago|years ago|in recent years)\b",
    re.I,
)


def _is_stale(trigger: Span, sent: Span, published: date | None) -> bool:
    """A past event dated vaguer than a month ("the 2004 bombing", "since 2009", "two years ago"): ACLED
    does not code it. The old date must govern the trigger: sit next to it, hang from its clause, or open
    the sentence."""
    for ent in sent.ents:
        if ent.label_ != "DATE" or resolve_date(ent.text, published) is not None:
            continue
        years = [int(y) for y in re.findall(r"\b(19\d\d|20\d\d)\b", ent.text)]
        old_year = bool(years) and (published is None or min(years) < published.year)
        if not (old_year or RELATIVE_PAST.search(ent.text)):
            continue
        near_trigger = abs(ent.root.i - trigger.root.i) <= 3 or ent.root.head.i == trigger.root.i
        governs = ent.root.head.i in {t.i for t in trigger.root.ancestors} | {trigger.root.i}
        opens_sentence = ent.start - sent.start <= 1
        if near_trigger or governs or opens_sentence:
            return True
    return False


def _sentence_mentions(
    sent: Span, *, countries: tuple[str, ...], published: date | None, skip_before: int
) -> list[Mention]:
    """The violence one sentence reports: one mention per clause chain that holds a factual trigger."""
    table, gazetteer, _ = _resources()
    triggers = [
        t
        for t in spans_in(list(sent.doc.spans.get("triggers", [])), sent)
        if not is_irrealis(t)
        and not is_labour_strike(t)
        and t.root.dep_ not in ("amod", "compound")  # "the imprisoned publisher", "an arrest warrant"
        and not _is_back_reference(t)
        and not _is_generic_present(t)
    ]
    if not triggers:
        return []
    places = find_places(sent, gazetteer, countries=countries, skip_before=skip_before)
    weapons = [w for w in find_weapons(sent) if not _is_back_reference(sent.doc[w.token.i : w.token.i + 1])]
    targets = find_targets(sent)
    # the dateline's date and numbers belong to the filing, not to an event
    casualties = [c for c in find_casualties(sent) if c.found.start >= skip_before]
    dates = [d for d in find_dates(sent, published) if d.found.start >= skip_before]
    if _is_old_caption(sent, dates, published):
        return []
    headline_roots = {
        t.root.i for t in spans_in(list(sent.doc.spans.get("triggers", [])), sent)
        if _is_generic_present(t) and t.root.i == sent.root.i
    }  # fmt: skip
    groups: dict[int, list[Span]] = {}
    for trigger in triggers:
        groups.setdefault(clause_root(trigger.root), []).append(trigger)
    mentions = []
    # a coordinated clause without a trigger lends its places to the trigger clauses that have none:
    # "protesters set fire to tyres and blocked roads in Port-au-Prince"
    orphans = [p for p in places if clause_root(p.token) not in groups]
    for root, group in groups.items():
        if any(_is_stale(t, sent, published) for t in group):
            continue  # "the 2004 bombing ... killed nine": the whole clause reports the old event
        if headline_roots and root == clause_root(sent.root):
            continue  # a headline ("Drone strike kills 5 in Idlib"): the body reports the event
        labels = {t.label_ for t in group}
        own_weapons = [w for w in weapons if clause_root(w.token) == root]
        if labels <= NEEDS_CONTEXT and not own_weapons:
            continue  # "hit", "launched" mean violence only with a weapon
        own_places = [p for p in places if clause_root(p.token) == root] or orphans
        located = _unique([p for p in own_places if p.place.codable])
        country_only = next((p.place.country for p in own_places if not p.place.codable), None)
        country = located[0].place.country if located else country_only
        if country is None and countries:
            country = table.country(countries[0])
        own_casualties: dict[str, CasualtyMention] = {}
        for casualty in casualties:
            if clause_root(casualty.token) == root:
                own_casualties.setdefault(casualty.kind, casualty)
        mentions.append(
            Mention(
                sentence=sent,
                triggers=group,
                labels=labels,
                places=located,
                country=country,
                dates=dates,
                weapons=own_weapons,
                targets=[t for t in targets if clause_root(t.token) == root],
                casualties=own_casualties,
            )
        )
    return mentions


def _unique(places: list[PlaceMention]) -> list[PlaceMention]:
    """One mention per resolved place, the first kept."""
    unique: dict[str, PlaceMention] = {}
    for mention in places:
        unique.setdefault(mention.place.location + mention.place.admin1, mention)
    return list(unique.values())


def _attach_actors(mention: Mention, previous: ActorMention | None) -> None:
    _, _, finder = _resources()
    mention.actor1 = finder.attacker(mention.triggers, mention.sentence, mention.country, previous)
    mention.actor2 = finder.victim(mention.triggers, mention.country)
    opponent = finder.opponent(mention.triggers, mention.country)
    if opponent is not None:
        # "X was killed in a gun battle with police": the state side leads, the other side is actor2
        if mention.actor1 is None or opponent.actor.inter is Inter.STATE_FORCES:
            mention.actor1, mention.actor2 = opponent, mention.actor1 or mention.actor2
        elif mention.actor2 is None:
            mention.actor2 = opponent
    sides = finder.sides(mention.triggers, mention.country)
    if sides is not None:
        mention.actor1, mention.actor2 = sides
    if mention.actor1 and mention.actor2 and mention.actor2.actor.name == mention.actor1.actor.name:
        mention.actor2 = None


def _classify(mention: Mention, wave: Mention | None) -> SubEventType | None:
    weapons = {w.weapon_type for w in mention.weapons}
    if not weapons and wave is not None and mention.labels & REMOTE_LABELS:
        weapons = {w.weapon_type for w in wave.weapons}
    return classify(
        mention.labels,
        weapons=weapons,
        text=mention.sentence.text,
        attacker=mention.actor1.actor.inter if mention.actor1 else None,
        victim=mention.actor2.actor.inter if mention.actor2 else None,
        has_casualties=bool(mention.casualties),
        military_target=any(t.category is TargetCategory.MILITARY for t in mention.targets),
    )


#: Trigger classes that can take part in a wave of remote or armed attacks.
WAVE_LABELS = frozenset({"AIRSTRIKE", "SHELLING", "EXPLOSION", "BOMBING", "STRIKE", "ATTACK", "LAUNCH", "HIT",
                         "KILL", "WOUND", "SHOOT", "INTERCEPT"})  # fmt: skip
WAVE_DISTANCE = 8  # sentences
#: Trigger classes that say something was fired or exploded without saying what: a wave's weapons decide.
REMOTE_LABELS = frozenset({"AIRSTRIKE", "SHELLING", "EXPLOSION", "BOMBING", "STRIKE", "LAUNCH", "HIT"})


def _find_wave(mention: Mention, summaries: list[Mention], sentence_index: dict[int, int]) -> Mention | None:
    """The nearest country-level report of the same attack: same attacker (or none named), a compatible
    kind of violence, no conflicting date, a few sentences away at most; preceding ones first."""
    if not mention.labels & WAVE_LABELS:
        return None
    here = sentence_index[mention.sentence.start]
    before = [s for s in summaries if s.sentence.start < mention.sentence.start]
    after = [s for s in summaries if s.sentence.start > mention.sentence.start]
    for candidate in [*reversed(before), *after]:
        if abs(sentence_index[candidate.sentence.start] - here) > WAVE_DISTANCE:
            continue
        if not candidate.labels & WAVE_LABELS:
            continue
        if mention.dates and candidate.dates:
            gap = abs((mention.dates[0].resolved.day - candidate.dates[0].resolved.day).days)
            if gap > 1:
                continue
        if mention.actor1 is None or candidate.actor1 is None:
            return candidate
        if candidate.actor1.actor.name == mention.actor1.actor.name:
            return candidate
    return None


DATELINE_LEAD_SENTENCES = 3


def _place_at_dateline(
    doc: Doc, mentions: list[Mention], dateline: Dateline, countries: tuple[str, ...]
) -> None:
    """A short incident note ("Kidal, 12 March 2025 - Two civilians were killed ...") happens at its
    dateline: the lead's unlocated reports take the dateline's town when they name no other country."""
    if dateline.place is None:
        return
    _, gazetteer, _ = _resources()
    place = gazetteer.resolve(dateline.place.title(), countries=countries)
    if place is None or not place.codable:
        return
    lead = {s.start for s in list(doc.sents)[:DATELINE_LEAD_SENTENCES]}
    start = doc.text.find(dateline.place)
    span = doc.char_span(start, start + len(dateline.place), alignment_mode="expand")
    if span is None:
        return
    for mention in mentions:
        same_country = mention.country is None or mention.country.alpha2 == place.country.alpha2
        if not mention.places and mention.sentence.start in lead and same_country:
            mention.places = [PlaceMention(place, Found.of(span), span.root)]
            mention.country = place.country


def mentions_of(doc: Doc, article: Article) -> list[Mention]:
    """Every sentence-level violence report in the article, with actors attached and waves resolved."""
    table, _, _ = _resources()
    dateline = parse_dateline(doc.text)
    published = article.published_date or dateline.published
    countries = article_countries(doc, article.title, table)
    mentions: list[Mention] = []
    previous_actor: ActorMention | None = None
    for sent in doc.sents:
        for mention in _sentence_mentions(
            sent, countries=countries, published=published, skip_before=dateline.end
        ):
            _attach_actors(mention, previous_actor)
            if mention.actor1 is not None:
                previous_actor = mention.actor1
            mentions.append(mention)
    _place_at_dateline(doc, mentions, dateline, countries)
    summaries = [m for m in mentions if not m.located and (m.weapons or m.casualties or m.actor1)]
    sentence_index = {sent.start: i for i, sent in enumerate(doc.sents)}
    last_date: DateMention | None = None
    for mention in mentions:
        wave = _find_wave(mention, summaries, sentence_index) if mention.located else None
        if wave is not None:
            if mention.actor1 is None and wave.actor1 is not None:
                mention.inherited["actor1"] = wave
                mention.actor1 = wave.actor1
            if not mention.weapons and wave.weapons and mention.labels & REMOTE_LABELS:
                mention.inherited["weapons"] = wave  # "explosions were heard", "the strikes hit": the wave's
            if "wounded" not in mention.casualties and "wounded" in wave.casualties:
                mention.inherited["injuries"] = wave
            if "killed" not in mention.casualties and "killed" in wave.casualties:
                mention.inherited["fatalities"] = wave
            if not mention.dates and wave.dates:
                mention.inherited["date"] = wave
        # "officials confirmed Friday that 31 people lost their lives": the event's day is the one the
        # article gave for it earlier, not the day of the statement
        statement = mention.dates[0] if mention.dates and mention.dates[0].reported else None
        if statement and last_date and 0 <= (statement.resolved.day - last_date.resolved.day).days <= 7:
            mention.dates = [last_date, *mention.dates]
            mention.inherited["date"] = mention
        if mention.dates:
            if not mention.dates[0].reported or last_date is None:
                last_date = mention.dates[0]
        elif last_date is not None and "date" not in mention.inherited:
            mention.dates = [last_date]
            mention.inherited["date"] = mention
        mention.sub_event = _classify(mention, wave)
    _date_from_siblings(mentions)
    _attribute_claims(doc, mentions)
    return mentions


def _date_from_siblings(mentions: list[Mention]) -> None:
    """A report with no date of its own takes the date another report of the same kind at the same place
    gives ("Demonstrators flooded the streets of Khartoum ..." / "... as they march in Khartoum Thursday")."""
    dated = [m for m in mentions if m.dates and "date" not in m.inherited and m.places and m.sub_event]
    for mention in mentions:
        if (
            not mention.places
            or mention.sub_event is None
            or ("date" not in mention.inherited and mention.dates)
        ):
            continue
        for other in dated:
            same_place = {p.place.location for p in other.places} & {p.place.location for p in mention.places}
            same_type = event_type_of(other.sub_event) is event_type_of(mention.sub_event)
            if other is not mention and same_place and same_type:
                mention.dates = other.dates
                mention.inherited["date"] = other
                break


CLAIM_VERBS = frozenset({"claim", "admit"})


def _attribute_claims(doc: Doc, mentions: list[Mention]) -> None:
    """ "Al-Shabab claimed responsibility for the attack": the article's unnamed attackers are the group."""
    _, _, finder = _resources()
    claimant = None
    for token in doc:
        if token.lemma_.lower() in CLAIM_VERBS and any(c.lower_ == "responsibility" for c in token.children):
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            candidates = [finder.from_token(c, None, modifiers=False) for c in subjects]
            if len(subjects) > 1:  # the parser may split "al-Shabab" into several subjects
                run = doc[subjects[1].i : subjects[-1].i + 1]
                actor = finder.table.resolve(run.text)
                candidates.append(ActorMention(actor, Found.of(run)) if actor is not None else None)
            for mention in candidates:
                if mention is not None and mention.actor.inter not in (Inter.CIVILIANS, Inter.STATE_FORCES):
                    claimant = mention
                    break
        if claimant is not None:
            break
    if claimant is None:
        return
    unidentified = finder.generic("unidentified", None).name
    not_attacks = (EventType.PROTESTS, EventType.RIOTS, EventType.STRATEGIC_DEVELOPMENTS)
    for mention in mentions:
        unnamed = mention.actor1 is None or mention.actor1.actor.name.startswith(unidentified)
        if unnamed and mention.sub_event is not None and event_type_of(mention.sub_event) not in not_attacks:
            mention.actor1 = claimant


# --- from mentions to ACLED events ---------------------------------------------------------------


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


def _split(total: int, parts: int, index: int) -> int:
    """ACLED's split of a total over several events: even shares, the remainder on the first."""
    share, remainder = divmod(total, parts)
    return share + (remainder if index == 0 else 0)


def _actors_for(mention: Mention, event_type: EventType, country: Country) -> tuple[Actor, Actor | None]:
    """actor1 and actor2 as ACLED codes them for an event in ``country``."""
    table, _, finder = _resources()
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
    if mention.sub_event is SubEventType.ARRESTS and actor1.inter not in (
        Inter.STATE_FORCES,
        Inter.EXTERNAL_OTHER_FORCES,
    ):
        actor1 = table.police(country)  # arrests are by the state (codebook §2)
    if actor1.inter is Inter.STATE_FORCES and actor1.country not in (None, country.name):
        actor1 = replace(actor1, inter=Inter.EXTERNAL_OTHER_FORCES)  # a state's army abroad (codebook §4)
    actor2 = mention.actor2.actor if mention.actor2 else None
    if event_type is EventType.PROTESTS:
        # the other side of a protest is the force that intervened, if any; never the protesters
        found = [m.actor for m in (mention.actor1, mention.actor2) if m is not None]
        actor2 = next(
            (a for a in found if a.inter in (Inter.STATE_FORCES, Inter.EXTERNAL_OTHER_FORCES)), None
        )
        if mention.sub_event is SubEventType.PEACEFUL_PROTEST:
            actor2 = None
    if event_type is EventType.BATTLES and (actor2 is None or actor2.inter is Inter.CIVILIANS):
        # a battle has two armed sides: the other armed actor named in the sentence, else the state
        other = finder.other_armed(mention.sentence, country, exclude=actor1.name)
        if other is None and actor1.inter is not Inter.STATE_FORCES:
            other = table.military(country)
        actor2 = other
    civilian_victim = actor2 is not None and actor2.inter is Inter.CIVILIANS
    if event_type is EventType.VIOLENCE_AGAINST_CIVILIANS or civilian_victim:
        actor2 = finder.generic("civilians", country)  # the victims are civilians of the event's country
    return actor1, actor2


def _dates_for(mention: Mention, published: date | None) -> tuple[tuple[date | None, ...], int | None, list]:
    """The event's day(s), their time_precision and the evidence; the publication day as a last resort."""
    source = mention.inherited.get("date", mention)
    found = mention.dates[0] if mention.dates else (source.dates[0] if source.dates else None)
    if found is not None:
        days = found.days or (found.resolved.day,)
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
                    "sub_event_type": mention.sub_event.value,
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


def _merge(payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One event per id: tactics by ACLED's precedence, the larger counts, every piece of evidence."""
    merged: dict[str, dict[str, Any]] = {}
    for payload in payloads:
        current = merged.get(payload["event_id_cnty"])
        if current is None:
            merged[payload["event_id_cnty"]] = payload
            continue
        current["sub_event_type"] = first_by_precedence(
            [SubEventType(current["sub_event_type"]), SubEventType(payload["sub_event_type"])]
        ).value
        for name in ("fatalities", "injuries"):
            if (payload[name] or 0) > (current[name] or 0):
                current[name], current[f"{name}_qualifier"] = payload[name], payload[f"{name}_qualifier"]
        known = {w["weapon_type"] for w in current["weapons"]}
        current["weapons"] += [w for w in payload["weapons"] if w["weapon_type"] not in known]
        if current["target"] is None and payload["target"] is not None:
            current["target"], current["target_category"] = payload["target"], payload["target_category"]
        seen = {(e["field"], e["start"], e.get("match_start")) for e in current["evidence"]}
        current["evidence"] += [
            e for e in payload["evidence"] if (e["field"], e["start"], e.get("match_start")) not in seen
        ]
    return list(merged.values())


def code_article(doc: Doc, article: Article) -> list[dict[str, Any]]:
    """Code one parsed article into ACLED event payloads (validated later against schemas.Event)."""
    mentions = mentions_of(doc, article)
    published = article.published_date or parse_dateline(doc.text).published
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
    return _merge(payloads)
