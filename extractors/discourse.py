"""Article to reports in context: dateline, the article's countries, waves, claims and shared dates."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span

from extractors.actor_mentions import NAMED_INTERS, UNIDENTIFIED_PREFIX, ActorMention, agents_of, noun_chunks
from extractors.actors import ActorTable, Country
from extractors.classify import classify, trigger_verb
from extractors.dates import ResolvedDate, resolve_date
from extractors.mentions import (
    DateMention,
    Found,
    PlaceMention,
    TargetMention,
    counted_noun,
    find_dates,
    find_places,
    is_locative,
    place_candidates,
    text_of,
)
from extractors.places import not_a_place
from extractors.reports import (
    DENIAL_VERBS,
    Mention,
    has_vague_past,
    opposite_sides,
    present_or_perfect,
    resources,
    sentence_mentions,
    unique_places,
)
from schemas import (
    Article,
    EventType,
    Inter,
    SubEventType,
    TargetCategory,
    event_type_of,
)

#: A dateline as in the seed ("date 2026-02-26 Geneva —") or a wire dateline ("KYIV, Ukraine —").
DATELINE = re.compile(
    r"^\s*(?:date\s+(?P<iso>\d{4}-\d{2}-\d{2})\s+)?(?P<place>[A-Z][\w.' -]{1,40}?)"
    r"(?:,\s*(?:(?P<day>\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})"
    r"|[A-Z][\w. ]+)){0,2}"
    r"\s*(?:\([^)]{0,40}\))?\s+[—–-]{1,2}\s+"
)


#: The longest one-line heading a release's dateline may stand under.
HEADING_MAX_CHARS = 200


@dataclass(frozen=True)
class Dateline:
    """Where and when the article says it was filed."""

    published: date | None
    place: str | None
    end: int


#: A South Asian dateline: "LAHORE:", "PESHAWAR, Nov 3:", "NEW DELHI:".
COLON_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2})"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*:\s+(?=[A-Z\"“])"
)


def parse_dateline(text: str) -> Dateline:
    """Read a dateline at the start of the text, or under a release's one-line heading ("MONUSCO condemns
    ...\n\nKinshasa, 8 April 2026 – The Mission ..."); its place is the reporter's, not an event's."""
    match = DATELINE.match(text[:200])
    offset = 0
    heading = text.find("\n\n")
    if match is None and 0 < heading <= HEADING_MAX_CHARS and not text[:heading].rstrip().endswith("."):
        below = DATELINE.match(text[heading + 2 : heading + 202])
        if below is not None and below.group("day"):
            match, offset = below, heading + 2
    if match is None:
        colon = COLON_DATELINE.match(text[:80])
        return Dateline(None, colon.group("place").strip(), colon.end()) if colon else Dateline(None, None, 0)
    iso, day = match.group("iso"), match.group("day")
    published = date.fromisoformat(iso) if iso else None
    if published is None and day:
        resolved = resolve_date(day, None)
        published = resolved.day if resolved is not None and resolved.precision == 1 else None
    return Dateline(published, match.group("place").strip(), offset + match.end())


#: A country named as a sponsor: "Iran-backed armed groups" are not news from Iran.
_BACKER = re.compile(r"[-‑–]\s*(?:backed|aligned|allied|linked|sponsored|funded|supported|affiliated)\b")


def article_countries(doc: Doc, title: str | None, table: ActorTable) -> tuple[str, ...]:
    """The article's countries (alpha-2) by how often they are named, the title counting double."""
    counts: Counter[str] = Counter()
    full = text_of(doc)
    texts: list[tuple[str, float]] = [
        (e.text, 1)
        for e in doc.ents
        if e.label_ in ("GPE", "NORP", "LOC", "PERSON", "ORG") and not _BACKER.match(full, e.end_char)
    ]
    for chunk in noun_chunks(doc):  # named armed groups carry their home country: "RSF fighters"
        actor = table.resolve(chunk.text)
        if actor is not None and actor.country:
            # a state's forces count for less: "Russian forces" fight in Ukraine
            texts.append((actor.country, 0.5 if actor.inter is Inter.STATE_FORCES else 1))
    if title:
        texts.extend((word, 2) for word in re.findall(r"[A-Z][\w'’-]+(?: [A-Z][\w'-]+)*", title))
    for text, weight in texts:
        clean = re.sub(r"['’]s$", "", text)
        country = table.country(clean) or table.country_of_demonym(clean) or table.country_of_metonym(clean)
        if country is not None:
            counts[country.alpha2] += weight
    # "Benue State", "Tillaberi region": a named region of one country places a story that never names it
    _, gazetteer, _ = resources()
    for match in _NAMED_REGION.finditer(full):
        if not_a_place(match.group(0)):
            continue  # "the Kurdistan Region" is Iraq's, not Iran's Kordestan
        owners = gazetteer.region_countries(match.group(1))
        if len(owners) == 1:
            counts[next(iter(owners))] += 1
    return tuple(code for code, _ in counts.most_common())


_NAMED_REGION = re.compile(
    r"\b([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?) (?:State|state|Province|province|Region|region|Oblast|oblast|"
    r"Governorate|governorate|County|county|Department|department|LGA|District|district)\b"
)


def article_regions(doc: Doc, title: str | None, countries: tuple[str, ...]) -> tuple[str, ...]:
    """The admin1 units of the article's main country that its place names (dateline and title included)
    resolve to, most named first: what tells a small town from its namesakes elsewhere in the country."""
    if not countries:
        return ()
    _, gazetteer, _ = resources()
    # the tagger often calls a town outside Europe an organisation or a nationality ("Culiacan", "Sinaloa")
    names = [e.text for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC", "ORG", "NORP")]
    if title:
        names += re.findall(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*", title)
    counts: Counter[str] = Counter()
    for name in names:
        name = re.sub(r"['’]s$", "", name)
        place = gazetteer.resolve(name.title() if name.isupper() else name, countries=countries[:1])
        if place is not None and place.codable and place.country.alpha2 == countries[0] and place.admin1:
            counts[place.admin1] += 1
    return tuple(name for name, _ in counts.most_common())


def _unnamed(actor: ActorMention) -> bool:
    return actor.actor.name.startswith(UNIDENTIFIED_PREFIX)


#: Words for the dead that say nothing of who they were.
PEOPLE = frozenset({"people", "persons", "others"})


def _attach_actors(mention: Mention, previous: ActorMention | None) -> None:
    _, _, finder = resources()
    victims = tuple(counted_noun(c.token) for c in mention.casualties.values())
    mention.actor1 = finder.attacker(mention.triggers, mention.sentence, mention.country, previous, victims)
    counted = [m for v in victims if (m := finder.from_token(v, mention.country)) is not None]
    dead = {m.actor.name for m in counted}
    # "a bomb tore through a vehicle carrying Frontier Corps personnel, killing two soldiers": the force
    # that lost the dead is not the attacker, unless the report makes it the subject
    lost = mention.actor1 is not None and mention.actor1.actor.name in dead
    if lost and not _is_subject(mention.actor1, mention.triggers):
        mention.actor1 = None
    mention.actor2 = finder.victim(mention.triggers, mention.country)
    if mention.actor2 is None:
        # "leaving two soldiers dead": the people counted among the dead or wounded are the other side
        mention.actor2 = next((m for m in counted if m.actor.inter is not Inter.CIVILIANS), None)
    opponent = finder.opponent(mention.triggers, mention.country)
    if opponent is not None:
        # "X was killed in a gun battle with police": the state side leads, the other side is actor2
        if mention.actor1 is None or (
            opponent.actor.inter is Inter.STATE_FORCES and not _is_subject(mention.actor1, mention.triggers)
        ):
            mention.actor1, mention.actor2 = opponent, mention.actor1 or mention.actor2
        elif mention.actor2 is None or (
            _unnamed(mention.actor2)
            and not _unnamed(opponent)
            and opponent.actor.inter is not Inter.CIVILIANS
        ):
            # "clashed with 3R fighters ..., claiming to have killed 11 rebels": the named side is the group
            mention.actor2 = opponent
    target = finder.opponent(mention.triggers, mention.country, targeted=True)
    other_side = (
        target is not None and mention.actor1 is not None and target.actor.name != mention.actor1.actor.name
    )
    # "ten people were killed during a police operation against the Comando Vermelho": the dead are told
    # only as "people", the side the operation fought is named
    only_people = mention.actor2 is not None and mention.actor2.found.text.lower().split()[-1] in PEOPLE
    armed_target = target is not None and target.actor.inter not in (Inter.CIVILIANS, Inter.PROTESTERS)
    if other_side and (
        mention.actor2 is None
        or (_unnamed(mention.actor2) and not _unnamed(target))
        or (only_people and armed_target and not _unnamed(target))
    ):
        mention.actor2 = target  # "an airstrike against al-Shabaab ..., killing two militants"
    sides = finder.sides(mention.triggers, mention.country)
    if sides is not None:
        mention.actor1, mention.actor2 = sides
    assailant = _assailant(mention)
    if assailant is not None and (
        mention.actor1 is None or mention.actor1.actor.name != assailant.actor.name
    ):
        # "troops repelled an attack by al-Shabab": the group attacked, the troops defended
        mention.actor1, mention.actor2 = assailant, mention.actor1
    if mention.actor1 and mention.actor2 and mention.actor2.actor.name == mention.actor1.actor.name:
        mention.actor2 = None


#: Verbs of defending against an attack: their subject is the side attacked.
DEFENCE_VERBS = frozenset({"repel", "repulse", "thwart", "foil", "beat", "fight", "fend", "ward", "push"})
#: Nouns for an attack whose author a defence verb's object can name ("an RSF assault").
ASSAULT_NOUNS = frozenset(
    {"attack", "assault", "offensive", "raid", "incursion", "advance", "ambush", "attempt"}
)


def _assailant(mention: Mention) -> ActorMention | None:
    """The author of the attack a defence verb has as object: "repelled an attack by al-Shabab fighters",
    "beat back a major RSF ground assault"."""
    _, _, finder = resources()
    for trigger in mention.triggers:
        verb = trigger_verb(trigger.root)
        if verb.lemma_.lower() not in DEFENCE_VERBS:
            continue
        for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
            if obj.lemma_.lower() not in ASSAULT_NOUNS:
                continue
            doc = obj.doc
            # "a Boko Haram assault", "an RSF ground assault": the name before the noun, on its own
            named = [
                doc[c.left_edge.i : c.i + 1]
                for c in obj.children
                if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i < obj.i
            ]
            found = [
                ActorMention(actor, Found.of(span))
                for span in named
                if (actor := finder.table.resolve(span.text, context_country=mention.country)) is not None
            ]
            by = [g for c in obj.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children]
            found += [m for g in by if (m := finder.from_token(g, mention.country)) is not None]
            if not found and (state := finder.from_token(obj, mention.country)) is not None:
                found.append(state)  # "repelled 43 Russian assaults": a state's assaults are its army's
            for author in found:
                if author.actor.inter is not Inter.CIVILIANS:
                    return author
    return None


ACCIDENT_LEMMAS = frozenset(
    {"collapse", "accident", "derail", "flood", "earthquake", "landslide", "stampede", "capsize", "drown",
     "electrocute", "cyclone", "heatwave"}
)  # fmt: skip


def _is_accident(sent) -> bool:
    """Whether the sentence reports a disaster or an accident rather than an act of violence."""
    return any(t.lemma_.lower() in ACCIDENT_LEMMAS for t in sent)


def _is_subject(actor: ActorMention, triggers: list) -> bool:
    """Whether the actor is the active subject of a trigger's verb ("Fano militiamen seized the town after
    fighting with federal troops"): then it leads, whoever the other side is."""
    for trigger in triggers:
        for child in trigger_verb(trigger.root).children:
            if child.dep_ == "nsubj" and actor.found.start <= child.idx < actor.found.end:
                return True
    return False


def _classify(mention: Mention, wave: Mention | None) -> SubEventType | None:
    weapons = {w.weapon_type for w in mention.weapons}
    if not weapons and wave is not None and _borrows_weapons(mention):
        weapons = {w.weapon_type for w in wave.weapons}
    return classify(
        mention.labels,
        weapons=weapons,
        text=mention.sentence.text,
        attacker=mention.actor1.actor.inter if mention.actor1 else None,
        victim=mention.actor2.actor.inter if mention.actor2 else None,
        has_casualties=bool(mention.casualties),
        military_target=any(
            (t.category is TargetCategory.MILITARY and not CIVIL_WORDS & _target_words(t))
            or STATE_FORCE_WORDS & set(t.text.lower().split())
            for t in mention.targets
        ),
    )


def _target_words(target: TargetMention) -> set[str]:
    """The words of a target with what it is made of: "a convoy of humanitarian trucks"."""
    words = set(target.text.lower().split())
    return words | {w.lower_ for c in target.token.children if c.lower_ == "of" for w in c.subtree}


#: Trigger classes that can take part in a wave of remote or armed attacks.
WAVE_LABELS = frozenset({"AIRSTRIKE", "SHELLING", "EXPLOSION", "BOMBING", "BOMB", "STRIKE", "ATTACK",
                         "LAUNCH", "HIT", "KILL", "CLASH", "WOUND", "SHOOT", "INTERCEPT",
                         "CAPTURE"})  # fmt: skip
WAVE_DISTANCE = 8  # sentences
#: Trigger classes that say something was fired or exploded without saying what: a wave's weapons decide.
REMOTE_LABELS = frozenset(
    {"AIRSTRIKE", "SHELLING", "EXPLOSION", "BOMBING", "BOMB", "STRIKE", "LAUNCH", "HIT"}
)


def _borrows_weapons(mention: Mention) -> bool:
    """Whether a report with no weapon of its own takes its wave's: remote violence does ("the strikes
    hit"); gunfire does not ("killed by Israeli fire" borrows no wave's missiles), nor shelling or an air
    strike, which say their kind themselves."""
    own_kind = mention.labels & {"SHELLING", "AIRSTRIKE"}  # "Russian shelling killed a man": shelling
    return bool(mention.labels & REMOTE_LABELS) and "SHOOT" not in mention.labels and not own_kind


#: A toll over months: a running total, never one event's.
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
RUNNING_TOTAL = re.compile(
    rf"\bbetween\s+{_MONTHS}\s+and\s+{_MONTHS}\b|\bso far (?:this|in)\b|\bthis year\b|"
    rf"\bbetween\s+\d{{1,2}}(?:st|nd|rd|th)?\s+and\s+\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\b|"
    rf"\bbetween\s+{_MONTHS}\s+\d{{1,2}}\s+and\s+(?:{_MONTHS}\s+)?\d{{1,2}}\b|"
    rf"\bsince (?:the start of )?(?:{_MONTHS}|\d{{4}}|the (?:start|beginning))\b|"
    rf"\bin the (?:past|last) \w+ (?:months|weeks)\b",
    re.I,
)


def _a_running_total(mention: Mention) -> bool:
    """A toll over months that names no date of its own: "the UN recorded 412 people killed between
    January and June" (but "In February this year, 14 farmers were killed" is February's)."""
    return (
        bool(mention.casualties) and not mention.dates and bool(RUNNING_TOTAL.search(mention.sentence.text))
    )


#: A digest's section heading on a line of its own: "BENUE", "NORTH KIVU".
_HEADING_LINE = r"[ \t]*[A-Z][A-Z .'’-]{2,40}[ \t]*"
_SECTION_HEADING = re.compile(rf"\n{_HEADING_LINE}\n")
#: A release's numbered item: "2. In another engagement, ...": the next item is another incident.
_NUMBERED_ITEM = re.compile(r"\n[ \t]*\(?\d{1,2}[.)][ \t]+\S")


def _find_wave(
    mention: Mention,
    summaries: list[Mention],
    sentence_index: dict[int, int],
    dated: list[Mention],
    story_day: date | None,
) -> Mention | None:
    """The nearest country-level report of the same attack: same attacker (or none named), a compatible
    kind of violence, no conflicting date, a few sentences away at most; preceding ones first. One told
    after it must come before any located report of another day (``dated``: located reports with a date
    of their own), which it would tell of instead."""
    if not mention.labels & WAVE_LABELS:
        return None
    here = sentence_index[mention.sentence.start]
    before = [s for s in summaries if s.sentence.start < mention.sentence.start]
    day = mention.dates[0].resolved.day if mention.dates else story_day
    next_located = (
        min(
            (
                i
                for m in dated
                if (i := sentence_index[m.sentence.start]) > here and m.dates[0].resolved.day != day
            ),
            default=None,
        )
        if day is not None
        else None
    )
    after = [
        s
        for s in summaries
        if s.sentence.start > mention.sentence.start
        and (next_located is None or sentence_index[s.sentence.start] < next_located)
    ]
    text = text_of(mention.sentence.doc)
    for candidate in [*reversed(before), *after]:
        if abs(sentence_index[candidate.sentence.start] - here) > WAVE_DISTANCE:
            continue
        first, second = sorted((candidate.sentence, mention.sentence), key=lambda s: s.start)
        if _SECTION_HEADING.search(text, first.end_char - 1, second.start_char + 1):
            continue  # "BENUE" between them: a digest's next section, another state's news
        if _NUMBERED_ITEM.search(text, first.end_char - 1, second.start_char + 1):
            continue  # a release's next numbered item tells of another incident
        if not candidate.labels & WAVE_LABELS:
            continue
        if candidate.labels <= {"INTERCEPT"} and "INTERCEPT" not in mention.labels:
            continue  # "air defence shot down 406 drones": the defender, not who launched the strikes
        if day is not None and candidate.dates:
            # the report's own day, or the story's: "On July 1, JNIM launched attacks" is another day's
            gap = abs((day - candidate.dates[0].resolved.day).days)
            if gap > 1:
                continue
        if mention.actor1 is None or candidate.actor1 is None:
            return candidate
        if candidate.labels <= {"KILL", "WOUND"} and candidate.triggers[0].root.lemma_.lower() == "toll":
            return candidate  # "the death toll has risen to 14, police said": a count, whoever says it
        if candidate.actor1.actor.name == mention.actor1.actor.name:
            return candidate
    return None


#: Forces that came after the attack: "troops later arrived and engaged the attackers".
_LATER_RESPONSE = re.compile(
    r"\b(?:later|subsequently|afterwards)\s+(?:arrived|responded|came|deployed|engaged|pursued|launched)\b|"
    r"\barrived and\b",
    re.I,
)  # but "Hours later, some militants were still fighting with the security forces" is the siege itself


def _a_later_response(mention: Mention, wave: Mention) -> bool:
    """The state's fight told after the attack as a later response: another event, not a siege."""
    return wave.sentence.start > mention.sentence.start and bool(_LATER_RESPONSE.search(wave.sentence.text))


#: The timestamp that opens a live blog's entry: "10:30 — ", "16:10 GMT - ".
_TIMED_ENTRY = re.compile(r"(?m)^[ \t]*\d{1,2}[:.]\d{2}[ \t]*(?:[ap]\.?m\.?|GMT|EAT|UTC)?[ \t]*[—–-]")
#: A live blog's entry heading: "11:40 — Bint Jbeil, update:", "08:10 — South Lebanon."
_ENTRY_HEADING = re.compile(
    r"(?m)^\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\s*)?[—–-]+\s*"
    r"(?P<place>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3})\s*(?:,\s*update)?\s*[:.]\s"
)


def _place_at_entry_heading(doc: Doc, mentions: list[Mention], countries: tuple[str, ...]) -> None:
    """A live blog's entry names its place in its heading ("11:40 — Bint Jbeil, update: the Health Ministry
    now says the drone strike killed two people"): the entry's unlocated reports happened there."""
    _, gazetteer, _ = resources()
    headings = []
    text = text_of(doc)
    for match in _ENTRY_HEADING.finditer(text):
        place = gazetteer.resolve(match.group("place"), countries=countries)
        end = text.find("\n", match.end())
        headings.append((match.start(), len(text) if end < 0 else end, match, place))
    for mention in mentions:
        if mention.places or mention.toll_only:
            continue
        start = mention.sentence.start_char
        for first, last, match, place in headings:
            if first <= start < last and place is not None and place.codable:
                span = doc.char_span(match.start("place"), match.end("place"), alignment_mode="expand")
                if span is not None:
                    mention.places = [PlaceMention(place, Found.of(span), span.root)]
                    mention.country = place.country


#: Trigger classes that report an act, not only its toll.
ACT_LABELS = frozenset(
    {"CLASH", "ATTACK", "SHOOT", "AIRSTRIKE", "SHELLING", "BOMBING", "EXPLOSION", "ABDUCT", "ARREST",
     "PROTEST"}
)  # fmt: skip


def _near_the_only_place(mentions: list[Mention]) -> None:
    """ "On Monday the teams engaged the bandits in the forest near Kurmin Masara": a village the gazetteer
    does not know, in a story whose every located report is at one place, is near that place (ACLED codes
    an unknown village to the nearest known place, at precision 2)."""
    located = {p.place.location: p for m in mentions for p in m.places if p.place.codable}
    if len(located) != 1:
        return
    (anchor,) = located.values()
    table, _, _ = resources()
    for mention in mentions:
        if mention.places or mention.toll_only or not mention.dates or "date" in mention.inherited:
            continue
        if not mention.labels & ACT_LABELS:
            continue
        if mention.country is not None and mention.country.name != anchor.place.country.name:
            continue  # "GHANA — ... in Accra": a round-up's next country is no village near the first's town
        unknown = [
            c for c, _ in place_candidates(mention.sentence)
            if is_locative(c.root) and c.root.ent_type_ not in ("DATE", "TIME")
            and table.country(c.text.removeprefix("the ")) is None  # "in northwest Syria": a country
        ]  # fmt: skip
        if unknown:
            near = replace(anchor.place, geo_precision=max(anchor.place.geo_precision, 2))
            mention.places = [PlaceMention(near, Found.of(unknown[0]), unknown[0].root)]
            mention.country = near.country


#: A section of a multi-country brief or round-up that says where it is: a paragraph opening with its own
#: dateline ("PERU — Congress approved ...", "GOMA, Congo — ...", "NIGERIA: ...") or a heading line of
#: its own ("BENUE", "SOUTH SUDAN").
SECTION_DATELINE = re.compile(
    r"(?m)^[ \t]*(?:[-•*][ \t]*)?(?P<place>[A-Z][A-Z.'’ -]{2,40}?)"
    r"(?:,[ \t]*(?P<country>[A-Z][\w'’. -]{2,40}?))?"
    r"[ \t]*(?:\([^)\n]{1,30}\)[ \t]*)?(?:[—–]|--|:)[ \t]"
    rf"|^(?P<heading>{_HEADING_LINE})$"
)


def _section_countries(text: str, table: ActorTable) -> list[tuple[int, str]]:
    """Where each section of the text after its lead starts, and the country (alpha-2) its dateline or
    heading names; a town alone names none, for it may be only where the story was filed ("CAIRO — ")."""
    out = []
    for match in SECTION_DATELINE.finditer(text):
        if match.start() == 0:
            continue  # the article's own dateline: parse_dateline's
        name = (match.group("country") or match.group("place") or match.group("heading") or "").strip()
        country = table.country(name.title()) or table.country(name)
        out.append((match.start(), country.alpha2 if country is not None else ""))
    return out


def _section_at(sections: list[tuple[int, str]], start: int) -> str | None:
    """The country of the section a sentence starting at ``start`` lies in, if its section names one."""
    code = next((c for at, c in reversed(sections) if at <= start), "")
    return code or None


DATELINE_LEAD_SENTENCES = 3


#: A report over a whole country: "across the country", "nationwide".
_COUNTRYWIDE = re.compile(r"\b(?:across|throughout|all over)\s+the\s+country\b|\bnationwide\b", re.I)


def _countrywide(mention: Mention) -> bool:
    """Whether the report is told of a whole country ("launched 653 drones at Ukraine", "protests broke
    out across the country"), which no dateline town can stand for."""
    if _COUNTRYWIDE.search(mention.sentence.text):
        return True
    table, _, _ = resources()
    doc = mention.sentence.doc
    return any(
        ent.label_ == "GPE"
        and ent.start > 0
        and doc[ent.start - 1].lower_ in ("at", "on", "across", "against", "throughout", "into")
        and table.country(ent.text) is not None
        for ent in mention.sentence.ents
    )


def _place_at_dateline(
    doc: Doc, mentions: list[Mention], dateline: Dateline, countries: tuple[str, ...]
) -> None:
    """A short incident note ("Kidal, 12 March 2025 - Two civilians were killed ...") happens at its
    dateline: the lead's unlocated reports take the dateline's town when they name no other country."""
    if dateline.place is None:
        return
    _, gazetteer, _ = resources()
    place = gazetteer.resolve(dateline.place.title(), countries=countries)
    if place is None or not place.codable:
        return
    lead = {s.start for s in list(doc.sents)[:DATELINE_LEAD_SENTENCES]}
    start = text_of(doc).find(dateline.place)
    span = doc.char_span(start, start + len(dateline.place), alignment_mode="expand")
    if span is None:
        return
    if any(m.places for m in mentions if m.sentence.start in lead):
        return  # the lead names where it happened: the dateline is only where the story was filed
    if any(_countrywide(m) for m in mentions if m.sentence.start in lead):
        return  # "Russia launched 653 drones at Ukraine overnight": a country's night, not the dateline's
    for mention in mentions:
        same_country = mention.country is None or mention.country.alpha2 == place.country.alpha2
        if not mention.places and mention.sentence.start in lead and same_country and not mention.toll_only:
            mention.places = [PlaceMention(place, Found.of(span), span.root)]
            mention.country = place.country


def mentions_of(doc: Doc, article: Article) -> list[Mention]:
    """Every sentence-level violence report in the article, with actors attached and waves resolved."""
    table, _, _ = resources()
    dateline = parse_dateline(text_of(doc))
    published = article.published_date or dateline.published
    countries = article_countries(doc, article.title, table)
    regions = article_regions(doc, article.title, countries)
    mentions: list[Mention] = []
    previous_actor: ActorMention | None = None
    sections = _section_countries(text_of(doc), table)
    for sent in doc.sents:
        here = _section_at(sections, sent.start_char)
        local = countries if here is None else (here, *(c for c in countries if c != here))
        for mention in sentence_mentions(
            sent, countries=local, published=published, skip_before=dateline.end, regions=regions
        ):
            if mention.toll_only:
                mentions.append(mention)  # no actors, no place: a count for a neighbouring report
                continue
            if _a_running_total(mention):
                continue  # "more than 4,000 people were killed between October and June": no one event
            _attach_actors(mention, previous_actor)
            if (
                mention.actor1 is None
                and mention.labels <= {"KILL", "WOUND"}
                and not mention.weapons
                and _is_accident(sent)
            ):
                continue  # "the canopy collapsed, killing 16 people": a disaster, not political violence
            if mention.actor1 is not None:
                previous_actor = mention.actor1
            mentions.append(mention)
    _place_at_dateline(doc, mentions, dateline, countries)
    _place_at_entry_heading(doc, mentions, countries)
    _near_the_only_place(mentions)
    summaries = [m for m in mentions if not m.located and (m.weapons or m.casualties or m.actor1)]
    sentence_index = {sent.start: i for i, sent in enumerate(doc.sents)}
    last_date: DateMention | None = None
    dated = [m for m in mentions if m.located and m.dates]
    # a live blog's timestamped entries ("10:30 — Tear gas on Kenyatta Avenue"): an entry that names no
    # day is the day of publication, not the day the entry before named
    entries = [m.start() for m in _TIMED_ENTRY.finditer(text_of(doc))]
    entry = -1
    for mention in mentions:
        here = bisect_right(entries, mention.sentence.start_char)
        if here != entry:
            entry, last_date = here, None
        story_day = last_date.resolved.day if last_date is not None else None
        wave = _find_wave(mention, summaries, sentence_index, dated, story_day) if mention.located else None
        if wave is not None:
            opponent = wave.actor2 or wave.actor1
            state_side = (
                opponent is not None
                and opponent.actor.inter is Inter.STATE_FORCES
                and (mention.actor1 is None or mention.actor1.actor.name != opponent.actor.name)
            )
            if (
                "CLASH" in wave.labels
                and mention.labels & {"ATTACK", "KILL"}
                and not mention.weapons
                and state_side
                and not _a_later_response(mention, wave)
            ):
                # "gunmen stormed a hotel ..." / "militants are still fighting with the security forces":
                # the siege is a clash with the state's forces (docs/ANNOTATION.md)
                mention.labels = mention.labels | {"CLASH"}
                if mention.actor2 is None or mention.actor2.actor.inter is Inter.CIVILIANS:
                    mention.actor2 = opponent
            if mention.actor1 is None and wave.actor1 is not None:
                mention.inherited["actor1"] = wave
                mention.actor1 = wave.actor1
            if not mention.weapons and wave.weapons and _borrows_weapons(mention):
                mention.inherited["weapons"] = wave  # "explosions were heard", "the strikes hit": the wave's
            # the wave's sentence may hold several clauses ("killed 44 civilians and wounded 13 others")
            same_sentence = [wave] + [
                s for s in summaries if s.sentence.start == wave.sentence.start and s is not wave
            ]
            for kind, field in (("wounded", "injuries"), ("killed", "fatalities")):
                source = next((s for s in same_sentence if kind in s.casualties), None)
                if source is not None and RUNNING_TOTAL.search(source.sentence.text):
                    continue  # "more than 1,000 people were killed across Haiti between July and September"
                if kind not in mention.casualties and source is not None:
                    mention.inherited[field] = source
            if not mention.dates and wave.dates:
                mention.inherited["date"] = wave
        # "officials confirmed Friday that 31 people lost their lives": the event's day is the one the
        # article gave for it earlier, not the day of the statement
        statement = mention.dates[0] if mention.dates and mention.dates[0].reported else None
        if statement and last_date and 0 <= (statement.resolved.day - last_date.resolved.day).days <= 7:
            mention.dates = [last_date, *mention.dates]
            mention.inherited["date"] = mention
        same_sentence = next(
            (
                m
                for m in mentions
                if m is not mention and m.sentence.start == mention.sentence.start and m.dates
            ),
            None,
        )
        shifted = _days_after(mention, last_date)
        if shifted is not None:
            mention.dates = [shifted]
            mention.inherited.pop("date", None)
        if mention.dates:
            # "The day before, ...": an aside; the story's day stays the one it last named
            if (not mention.dates[0].reported or last_date is None) and shifted is None:
                last_date = mention.dates[0]
        elif same_sentence is not None and "date" not in mention.inherited:
            # "detonated her explosives earlier this month, killing one and injuring four": one sentence,
            # one day, whatever clause the date sits in
            mention.dates = list(same_sentence.dates)
            mention.inherited["date"] = mention
        elif last_date is not None and "date" not in mention.inherited:
            mention.dates = [last_date]
            mention.inherited["date"] = mention
        mention.sub_event = _classify(mention, wave)
    _place_from_the_setting(doc, mentions, sentence_index, countries, regions, dateline.end, published)
    for mention in mentions:
        if mention.sub_event is SubEventType.NON_VIOLENT_TRANSFER:
            _transfer_sides(mention)
            if mention.actor1 is None:
                mention.sub_event = None  # "troops withdrew from the town": no one is said to take it
        if mention.sub_event is SubEventType.AGREEMENT:
            if mention.actor2 is None:
                mention.actor2 = _other_party(mention)
            if not _a_conflict_agreement(mention):
                mention.sub_event = (
                    None  # "China and Kenya signed a trade agreement": diplomacy, not an event
                )
    _arrests_at_protests(mentions)
    _protest_follow_ups(mentions, sentence_index)
    _sides_named_after(mentions, sentence_index)
    _raids_that_arrest(mentions)
    _plunder_in_attacks(mentions)
    _sieges(mentions, sentence_index)
    _complete_tolls(mentions, sentence_index)
    _toll_told_after(mentions, sentence_index, published)
    _lowest_confirmed_toll(mentions, sentence_index)
    _date_from_siblings(mentions)
    _attribute_claims(doc, mentions, table.country(countries[0]) if countries else None)
    return mentions


def _place_from_the_setting(
    doc: Doc,
    mentions: list[Mention],
    sentence_index: dict[int, int],
    countries: tuple[str, ...],
    regions: tuple[str, ...],
    skip_before: int,
    published: date | None,
) -> None:
    """ "Troops responded to a distress call from Kwaren Ganuwa village in Tsafe LGA, where bandits were
    attempting to abduct residents. The troops engaged the bandits, neutralised 6 of them ...": a report
    that names no place happened where the sentence before it, on the same line, set the scene, when that
    sentence reports nothing itself."""
    _, gazetteer, _ = resources()
    sentences = list(doc.sents)
    reported = {m.sentence.start for m in mentions}
    text = text_of(doc)
    for mention in mentions:
        if mention.places or mention.toll_only or mention.sub_event is None or mention.actor1 is None:
            continue
        if "actor1" in mention.inherited:
            continue
        index = sentence_index[mention.sentence.start]
        if index == 0:
            continue
        setting = sentences[index - 1]
        if "\n" in text[setting.start_char : mention.sentence.start_char]:
            continue
        if setting.start in reported:
            # "Gunmen attacked Rim village ... Troops later arrived and engaged the attackers": the
            # response is fought where the attack was
            attack = next((m for m in mentions if m.sentence.start == setting.start and m.places), None)
            if attack is not None and "CLASH" in mention.labels and _a_later_response(attack, mention):
                mention.places = list(attack.places)
                mention.inherited["place"] = attack
            continue
        if has_vague_past(setting, published) or _told_as_background(mention):
            continue  # "Culiacán has been gripped by violence since late 2024." / "It has killed thousands"
        found = find_places(setting, gazetteer, countries=countries, skip_before=skip_before, regions=regions)
        places = unique_places([p for p in found if p.place.codable])
        if not places:
            continue
        mention.places = places
        mention.inherited["place"] = mention
        dates = [d for d in find_dates(setting, published) if d.found.start >= skip_before and not d.reported]
        if dates and (not mention.dates or "date" in mention.inherited):
            mention.dates = dates  # "On 20 September, troops responded to a distress call from ..."
            mention.inherited.pop("date", None)


_COUNT_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
#: "Two days later", "the next day", "a day earlier": a day counted from the day the story last gave.
_DAYS_AFTER = re.compile(
    r"\b(?:(?P<n>a|one|two|three|four|five|six|seven|\d) days? (?P<way>later|after|earlier|before)"
    r"|the (?P<next>next|following) day|the day (?P<after>after|before))\b",
    re.I,
)


def _days_after(mention: Mention, last: DateMention | None) -> DateMention | None:
    """The day "two days later" or "the next day" names, counted from the story's last date; None when
    the sentence has no such phrase or a date of its own that is not that phrase."""
    match = _DAYS_AFTER.search(mention.sentence.text)
    if match is None or last is None or last.resolved.precision != 1:
        return None
    own = [d for d in mention.dates if not d.reported and "date" not in mention.inherited]
    start = mention.sentence.start_char + match.start()
    end = start + len(match.group(0))
    if any(d.found.end <= start or d.found.start >= end for d in own):
        return None  # "on Tuesday, two days after the raid": the named day decides
    if match.group("n"):
        days = _COUNT_WORDS.get(match.group("n").lower()) or int(match.group("n"))
        days = -days if match.group("way").lower() in ("earlier", "before") else days
    else:
        days = -1 if (match.group("after") or "").lower() == "before" else 1
    found = Found(match.group(0), start, end)
    return DateMention(ResolvedDate(last.resolved.day + timedelta(days=days), 1), found)


#: How many sentences after a protest the police's response to it may be told.
FOLLOW_UP_REACH = 2
_POLICING = (SubEventType.PROTEST_WITH_INTERVENTION, SubEventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS)


def _told_next(mentions: list[Mention], index: int, sentence_index: dict[int, int]) -> Iterator[Mention]:
    """The reports after ``mentions[index]`` that still tell of it: no place of their own, at most
    FOLLOW_UP_REACH sentences on."""
    here = sentence_index[mentions[index].sentence.start]
    for other in mentions[index + 1 :]:
        if other.places or sentence_index[other.sentence.start] - here > FOLLOW_UP_REACH:
            return
        yield other


_CROWD_EVENTS = (
    SubEventType.PEACEFUL_PROTEST,
    *_POLICING,
    SubEventType.VIOLENT_DEMONSTRATION,
)


#: Who a force fires on at a protest, when the sentence does not call them protesters.
CROWD_WORDS = re.compile(r"\b(?:crowds?|mourners|marchers|youths)\b", re.I)


def _arrests_at_protests(mentions: list[Mention]) -> None:
    """ "Opposition supporters clashed with police in Maputo ...; police fired rubber bullets and arrested 30
    people": arrests made at a protest or riot are its intervention, not an event of their own (a peaceful
    protest becomes one with intervention): in the sentence that tells it, or later on its day and in its
    town when they name no one in particular ("at least 41 people had been arrested in the capital").
    In a story of protests, the state's forces killing people in "a crowd" used excessive force on them."""
    crowds = [m for m in mentions if m.sub_event in _CROWD_EVENTS and m.places]
    for other in mentions:
        state = other.actor1 is not None and other.actor1.actor.inter is Inter.STATE_FORCES
        fired_on = other.sub_event is SubEventType.ATTACK and "killed" in other.casualties
        if crowds and state and fired_on and CROWD_WORDS.search(other.sentence.text):
            other.sub_event = SubEventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS
    for protest in crowds:
        here = {p.place.location for p in protest.places}
        day = protest.dates[0].resolved.day if protest.dates else None
        for other in mentions:
            if other is protest or other.sub_event is not SubEventType.ARRESTS:
                continue
            state = other.actor1 is None or other.actor1.actor.inter is Inter.STATE_FORCES
            if not state or ({p.place.location for p in other.places} or here) != here:
                continue
            if other.sentence.start != protest.sentence.start:
                when = other.dates[0].resolved.day if other.dates else None
                named = other.actor2 is not None and other.actor2.actor.inter is not Inter.CIVILIANS
                # "police arrested the activist Daniel Kioko at his home": someone's own arrest
                person = any(e.label_ == "PERSON" for e in other.sentence.ents)
                if named or person or not other.places or day is None or when != day:
                    continue
            if protest.sub_event is SubEventType.PEACEFUL_PROTEST:
                protest.sub_event = SubEventType.PROTEST_WITH_INTERVENTION
            if protest.actor2 is None and other.actor1 is not None:
                protest.actor2 = other.actor1
            other.sub_event = None


def _protest_follow_ups(mentions: list[Mention], sentence_index: dict[int, int]) -> None:
    """ "Thousands marched toward Congress in Lima on Sept. 10 ..." / "Police used tear gas ... and
    arrested 11 people": the police's response, told next without a place, is the protest's intervention
    (deaths make it excessive force); the police are the protest's country's."""
    table, _, _ = resources()
    for index, protest in enumerate(mentions):
        violent = protest.sub_event is SubEventType.VIOLENT_DEMONSTRATION
        peaceful = protest.sub_event in (
            SubEventType.PEACEFUL_PROTEST,
            SubEventType.PROTEST_WITH_INTERVENTION,
        )
        if not (peaceful or (violent and protest.actor2 is None)):
            continue
        if not protest.places:
            continue
        for other in _told_next(mentions, index, sentence_index):
            if other.sentence.start == protest.sentence.start:
                continue
            country = protest.places[0].place.country
            word = next((t for t in other.sentence if t.lower_ == "police"), None)
            if other.actor1 is None and word is not None:
                # "police dispersed them using mounted officers and detained seven": the parse gave no actor
                other.actor1 = ActorMention(table.police(country), Found.of(word))
            police = other.actor1 is not None and other.actor1.actor.inter is Inter.STATE_FORCES
            # "Police opened fire, killing at least six people": shooting told next is the crowd's
            shot = other.sub_event is SubEventType.ATTACK and bool(other.casualties)
            if not police or not (shot or other.sub_event in (*_POLICING, SubEventType.ARRESTS)):
                continue
            if peaceful:  # a riot the police put down stays a riot, now with its other side
                protest.sub_event = _POLICING[1] if "killed" in other.casualties else _POLICING[0]
            named = table.resolve(other.actor1.found.text)  # "Israeli security forces": a state's own
            if named is not None and named.country is not None:
                if named.country not in {p.place.country.name for p in protest.places}:
                    break  # another country's forces: not this protest's police
                force = named
            elif "police" in other.actor1.actor.name.lower():
                force = table.police(country)
            else:
                force = table.military(country)
            protest.actor2 = replace(other.actor1, actor=force)
            for kind in ("wounded", "killed"):
                if kind in other.casualties and kind not in protest.casualties:
                    protest.casualties[kind] = other.casualties[kind]
            break


#: Words that make an agreement one about the conflict: "a ceasefire agreement", "a peace deal".
CONFLICT_AGREEMENT_WORDS = re.compile(
    r"\b(?:cease-?fire|truce|peace|armistice|disarmament|demobili[sz]ation|prisoner|hostage|withdrawal|"
    r"security arrangements?|power-sharing)\b",
    re.I,
)


def _a_conflict_agreement(mention: Mention) -> bool:
    """An agreement ACLED records: about the conflict (a ceasefire, a peace deal), or between a state and an
    armed group; not a trade or cooperation deal between governments."""
    if CONFLICT_AGREEMENT_WORDS.search(mention.sentence.text):
        return True
    return any(a is not None and a.actor.inter in NAMED_INTERS for a in (mention.actor1, mention.actor2))


def _other_party(mention: Mention) -> ActorMention | None:
    """The second party to an agreement: "Syria's government and the SDF signed an agreement"."""
    _, _, finder = resources()
    for trigger in mention.triggers:
        for subject in (c for c in trigger_verb(trigger.root).children if c.dep_ == "nsubj"):
            for other in (c for c in subject.children if c.dep_ == "conj"):
                party = finder.from_token(other, mention.country)
                if party is not None and (
                    mention.actor1 is None or party.actor.name != mention.actor1.actor.name
                ):
                    return party
    return None


#: Verbs whose subject gives ground up: "withdrew from the town", "handed control to", "pulled out".
YIELDING_VERBS = frozenset({"withdraw", "retreat", "hand", "pull"})


def _transfer_sides(mention: Mention) -> None:
    """Who gained and who gave up the ground: "UPC fighters withdrew from Ippy and handed control to the
    armed forces" (the army gains it), "M23 entered Lubero ... after Congolese soldiers pulled out" (M23
    gains it from the soldiers). actor1 is the side that gains the town."""
    _, _, finder = resources()
    for verb in mention.sentence:
        if verb.lemma_.lower() not in YIELDING_VERBS or verb.pos_ != "VERB":
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects and verb.dep_ == "conj":  # "withdrew from Ippy and handed control to the army"
            subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
        loser = next((m for s in subjects if (m := finder.from_token(s, mention.country)) is not None), None)
        to = [
            g for t in verb.subtree if t.dep_ in ("prep", "dative") and t.lower_ == "to" for g in t.children
        ]
        gainer = next((m for g in to if (m := finder.from_token(g, mention.country)) is not None), None)
        if loser is None:
            continue
        if mention.actor1 is None or mention.actor1.actor.name == loser.actor.name:
            mention.actor1 = gainer
        mention.actor2 = loser
        return


def _sides_named_after(mentions: list[Mention], sentence_index: dict[int, int]) -> None:
    """ "Rival gangs fought for hours in Croix-des-Bouquets ..." / "The fighting pitted the 400 Mawozo gang
    against the Kraze Baryè gang": a fight told with unnamed sides takes the sides the next sentences name."""
    _, _, finder = resources()
    for index, mention in enumerate(mentions):
        if mention.sub_event is not SubEventType.ARMED_CLASH or not mention.places:
            continue
        sides = [s for s in (mention.actor1, mention.actor2) if s is not None and not _unnamed(s)]
        if sides and any(s.actor.inter is not Inter.STATE_FORCES for s in sides):
            continue
        for other in _told_next(mentions, index, sentence_index):
            named = finder.sides(other.triggers, mention.country)
            if named is not None:
                mention.actor1, mention.actor2 = named
                break


#: Verbs of entering a place by force that, with no one hurt, are how an arrest is made.
RAID_VERBS = frozenset({"raid", "storm", "search", "sweep"})


def _raids_that_arrest(mentions: list[Mention]) -> None:
    """ "Israeli forces raided Tammun before dawn and detained 12 people": a raid in which no one is hurt
    and people are detained is the arrests (Strategic developments), not an attack."""
    for mention in mentions:
        if mention.sub_event is not SubEventType.ATTACK or mention.casualties or mention.weapons:
            continue
        if not all(t.root.lemma_.lower() in RAID_VERBS for t in mention.triggers):
            continue
        arrests = next(
            (
                m for m in mentions
                if m.sentence.start == mention.sentence.start and m.sub_event is SubEventType.ARRESTS
                and m.actor1 is not None and mention.actor1 is not None
                and m.actor1.actor.name == mention.actor1.actor.name
            ),
            None,
        )  # fmt: skip
        if arrests is not None:
            mention.sub_event = None


def _told_as_background(mention: Mention) -> bool:
    """A report in the present or present perfect, or by uncounted plural nouns ("documented abductions,
    sexual violence and the recruitment of children"): a state of affairs, not one act."""
    for trigger in mention.triggers:
        root = trigger.root
        if root.pos_ in ("VERB", "AUX") and present_or_perfect(root):
            return True
        if root.tag_ == "NNS" and not any(c.like_num for c in root.children):
            return True
    return False


def _plunder_in_attacks(mentions: list[Mention]) -> None:
    """ "A convoy was attacked ...; one driver was killed and two trucks were looted": looting or burning
    with no one named, told with an attack, is the attackers' doing, not a riot."""
    for mention in mentions:
        if "RIOT" not in mention.labels or mention.actor1 is not None:
            continue
        if mention.sub_event not in (SubEventType.VIOLENT_DEMONSTRATION, SubEventType.MOB_VIOLENCE):
            continue
        attack = next(
            (
                m for m in mentions
                if m is not mention and m.sentence.start == mention.sentence.start
                and m.labels & {"ATTACK", "KILL", "SHOOT", "CLASH"} and "PROTEST" not in m.labels
                and (m.actor1 is None or m.actor1.actor.inter not in (Inter.PROTESTERS, Inter.RIOTERS))
            ),
            None,
        )  # fmt: skip
        if attack is not None:
            mention.actor1 = attack.actor1
            mention.sub_event = SubEventType.LOOTING


#: How many sentences after an assault the story may tell that the security forces fought back.
SIEGE_REACH = 8


def _sieges(mentions: list[Mention], sentence_index: dict[int, int]) -> None:
    """ "Gunmen stormed a hotel in Beledweyne ..." / "militants are still fighting with the security
    forces": an armed assault the state's forces fight back is a battle with them (docs/ANNOTATION.md),
    however many sentences the story puts between the assault and the fighting."""
    for index, mention in enumerate(mentions):
        if mention.sub_event is not SubEventType.ATTACK or not mention.places or mention.actor1 is None:
            continue
        if mention.actor1.actor.inter in (Inter.STATE_FORCES, Inter.CIVILIANS, Inter.PROTESTERS):
            continue
        here = sentence_index[mention.sentence.start]
        places = {p.place.location for p in mention.places}
        for other in mentions[index + 1 :]:
            if sentence_index[other.sentence.start] - here > SIEGE_REACH:
                break
            if other.places and not places & {p.place.location for p in other.places}:
                break  # another place: the story has moved on
            if "CLASH" not in other.labels or (
                other.dates and mention.dates and other.dates[0].resolved.day != mention.dates[0].resolved.day
            ):
                continue
            state = next(
                (
                    a
                    for a in (other.actor1, other.actor2)
                    if a is not None and a.actor.inter is Inter.STATE_FORCES
                ),
                None,
            )
            if state is None:
                continue
            if _a_later_response(mention, other):
                break  # "troops later arrived and engaged the attackers": a fight of its own
            mention.labels = mention.labels | {"CLASH"}
            mention.actor2 = state
            mention.sub_event = _classify(mention, None)
            break


#: How many sentences after a fight its other side's toll may come ("Troops repelled the assault ...; the
#: army said 17 insurgents were killed").
TOLL_REACH = 3


def _complete_tolls(mentions: list[Mention], sentence_index: dict[int, int]) -> None:
    """A fight's toll told in the next sentences, before any other place is named: "ambushed an army convoy
    near Ouallam, killing eight soldiers" / "dozens of terrorists were neutralised in the counter-offensive".
    ACLED counts both sides' dead, so a count of the other side is added; a fight with no count takes it."""
    for index, mention in enumerate(mentions):
        if not mention.places or mention.sub_event is None:
            continue
        if event_type_of(mention.sub_event) is not EventType.BATTLES:
            continue
        here = sentence_index[mention.sentence.start]
        source = mention.inherited.get("fatalities")
        ours = mention.casualties.get("killed") or (source.casualties.get("killed") if source else None)
        for other in mentions[index + 1 :]:
            distance = sentence_index[other.sentence.start] - here
            if distance > TOLL_REACH or other.places:
                break  # another place: another event's sentences
            if distance == 0 or "killed" not in other.casualties or other is source:
                continue
            if other.dates and "date" not in other.inherited and mention.dates:
                gap = abs((other.dates[0].resolved.day - mention.dates[0].resolved.day).days)
                if gap > 1:
                    break  # another day: another event
            theirs = other.casualties["killed"]
            if ours is None:
                # the fight's first toll; a count of the other side may follow ("14 terrorists were
                # neutralised ... 2 soldiers paid the supreme price")
                mention.inherited["fatalities"] = source = other
                ours = theirs
                continue
            if theirs is not ours and opposite_sides(ours, theirs):
                if "killed" not in mention.casualties and source is not None:
                    del mention.inherited["fatalities"]  # the sum is this fight's own toll now
                    mention.inherited["fatalities_base"] = source
                mention.casualties["killed"] = replace(ours, count=ours.count.plus(theirs.count))
                mention.inherited["fatalities_also"] = other
                for rest in mentions:  # the other side's dead of this fight are no other report's toll
                    if rest is not mention and rest.inherited.get("fatalities") is other:
                        del rest.inherited["fatalities"]
                break
            # the same side's dead told again ("14 terrorists were neutralised in the encounter"): read on


def _toll_told_after(mentions: list[Mention], sentence_index: dict[int, int], published: date | None) -> None:
    """A report left without a toll (its nearest one was the other side's dead of an earlier fight) takes the
    toll told right after it: "... conducted air interdiction on an enclave near Gwoza" / "Battle damage
    assessment revealed that at least 9 terrorists were neutralised"; never a running total."""
    consumed = {id(m.inherited["fatalities_also"]) for m in mentions if "fatalities_also" in m.inherited}
    violent = (EventType.BATTLES, EventType.EXPLOSIONS, EventType.VIOLENCE_AGAINST_CIVILIANS)
    for index, mention in enumerate(mentions):
        if not mention.places or "killed" in mention.casualties or "fatalities" in mention.inherited:
            continue
        if mention.sub_event is None or event_type_of(mention.sub_event) not in violent:
            continue
        here = sentence_index[mention.sentence.start]
        for other in mentions[index + 1 :]:
            if sentence_index[other.sentence.start] - here > TOLL_REACH or other.places:
                break
            if "killed" not in other.casualties or id(other) in consumed:
                continue
            day = other.dates[0].resolved.day if other.dates else None
            same_day = day is None or not mention.dates or day == mention.dates[0].resolved.day
            running = RUNNING_TOTAL.search(other.sentence.text)
            if same_day and not running and not has_vague_past(other.sentence, published):
                mention.inherited["fatalities"] = other
            break


#: How many sentences after a report an official confirmation of a lower toll may come.
CONFIRMED_REACH = 2
_CONFIRMED = re.compile(r"\bconfirm(?:s|ed|ing)?\b", re.I)


def _lowest_confirmed_toll(mentions: list[Mention], sentence_index: dict[int, int]) -> None:
    """ "Gunmen killed seven people in an attack on Tse-Ako village" / "The state police command confirmed
    five deaths": a lower toll an official source confirms right after is the lowest credible figure ACLED
    codes."""
    for index, mention in enumerate(mentions):
        if not mention.places or mention.sub_event is None or "fatalities_also" in mention.inherited:
            continue
        source = mention.inherited.get("fatalities", mention)
        ours = source.casualties.get("killed")
        if ours is None:
            continue
        here = sentence_index[mention.sentence.start]
        for other in mentions[index + 1 :]:
            distance = sentence_index[other.sentence.start] - here
            if distance > CONFIRMED_REACH or other.places:
                break
            theirs = other.casualties.get("killed")
            if distance == 0 or theirs is None or not _CONFIRMED.search(other.sentence.text):
                continue
            if 0 < theirs.count.value < ours.count.value:
                mention.inherited["fatalities"] = other
            break


#: How many reports after an undated lead its retelling with a date may come.
RETELLING_REACH = 3


#: How many days before a report's own (reported) date a sibling report's day may lie and still be its day.
SIBLING_DAYS = 7


def _date_from_siblings(mentions: list[Mention]) -> None:
    """A report with no date of its own takes the date another report of the same kind at the same place
    gives ("Demonstrators flooded the streets of Khartoum ..." / "... as they march in Khartoum Thursday")."""
    dated = [m for m in mentions if m.dates and "date" not in m.inherited and m.sub_event]
    position = {id(m): i for i, m in enumerate(mentions)}
    for index, mention in enumerate(mentions):
        if (
            not mention.places
            or mention.sub_event is None
            or ("date" not in mention.inherited and mention.dates)
        ):
            continue
        for other in dated:
            same_place = {p.place.location for p in other.places} & {p.place.location for p in mention.places}
            # a lead with no date of its own, told again with its day in the next sentences and no other
            # place: "The police confirmed the abduction of twelve worshippers in Kauru ..." / "... on
            # Sunday, one of the worshippers was shot dead"
            retold = (
                not mention.dates  # a lead with the story's day already is no undated lead
                and not other.places
                and 0 < position[id(other)] - index <= RETELLING_REACH
            )
            same_type = event_type_of(other.sub_event) is event_type_of(mention.sub_event)
            if other is not mention and (same_place or retold) and same_type:
                mention.dates = other.dates
                mention.inherited["date"] = other
                break
    # "schoolgirls kidnapped in Zamfara were freed Tuesday" ... "were kidnapped last Friday": a located
    # report whose date belongs to another verb takes the date the same kind of report gives elsewhere
    for mention in mentions:
        if not (mention.places and mention.sub_event and mention.dates and mention.dates[0].reported):
            continue
        for other in mentions:
            if other is mention or other.sub_event is not mention.sub_event or not other.dates:
                continue
            elsewhere = {p.place.location for p in other.places} - {p.place.location for p in mention.places}
            if other.places and elsewhere == {p.place.location for p in other.places}:
                continue  # a report of the same kind somewhere else is another event, with its own day
            own = other.dates[0]
            gap = (mention.dates[0].resolved.day - own.resolved.day).days
            if not own.reported and 0 <= gap <= SIBLING_DAYS:  # "on July 1" tells another, older event
                mention.dates = [own, *mention.dates]
                mention.inherited["date"] = other
                break


CLAIM_VERBS = frozenset({"claim", "admit"})
#: Verbs that lay an attack at someone's door: "blamed the attack on", "attributed it to".
ATTRIBUTION_VERBS = frozenset({"blame", "attribute"})
#: Verbs that, negated, say an attack's author is not known: "have not been identified".
UNKNOWN_VERBS = frozenset({"identify", "confirm", "establish", "determine", "know"})
#: Nouns for an attack's author or origin.
AUTHOR_NOUNS = frozenset(
    {"perpetrator", "attacker", "assailant", "author", "culprit", "origin", "source", "identity", "gunman"}
)
#: Verbs whose object is the group the speaker holds responsible: "police suspect Dawlah Islamiyah".
SUSPICION_VERBS = frozenset({"suspect"})
#: Verbs whose passive with an attack as subject names its author after "by": "was carried out by".
AUTHORSHIP_VERBS = frozenset({"carry", "perpetrate", "commit", "claim", "conduct", "stage", "launch"})
#: Words that make a convoy or a vehicle civilian ("a humanitarian convoy").
CIVIL_WORDS = frozenset(
    {"humanitarian", "aid", "relief", "civilian", "passenger", "commercial", "food", "un"}
)
#: Targets that are state forces even when their category is not military ("a police station").
STATE_FORCE_WORDS = frozenset({"police", "army", "military", "gendarmerie", "soldiers", "troops"})


#: How many sentences after a report a claim for "the attack" may come and still be about it.
CLAIM_REACH = 3


def _named_in(span: Span) -> ActorMention | None:
    """The first named armed group (not a state, not a generic actor) among a span's noun chunks."""
    _, _, finder = resources()
    for chunk in span.noun_chunks:
        actor = finder.table.resolve(chunk.text)
        named = actor is not None and not actor.name.startswith(UNIDENTIFIED_PREFIX)
        if named and actor.inter in NAMED_INTERS:
            return ActorMention(actor, Found.of(chunk))
    return None


def _attribute_claims(doc: Doc, mentions: list[Mention], country: Country | None = None) -> None:
    """ "Al-Shabab claimed responsibility for the attack": the unnamed attackers of the reports just before
    the claim (or in its sentence) are the group; "No group claimed the attack" keeps them unidentified."""
    _, _, finder = resources()
    sentence_of = {sent.start: i for i, sent in enumerate(doc.sents)}
    claims: list[tuple[int, ActorMention | None]] = []  # (sentence index, claimant or None for a denial)
    hearsay: set[int] = set()  # sentences whose claimant others name (blame, suspicion): near reports only
    attack_nouns = {t.root.i for t in doc.spans.get("triggers", []) if t.root.pos_ == "NOUN"}
    for token in doc:
        lemma = token.lemma_.lower()
        objects = [c for c in token.children if c.dep_ == "dobj"]
        claimed = any(c.lower_ == "responsibility" or c.i in attack_nouns for c in objects)
        candidates: list[ActorMention | None] = []
        if lemma in CLAIM_VERBS and claimed:
            # "al-Shabab claimed responsibility for the attack", "the BLA claimed the bombing"
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            candidates = [finder.from_token(c, None, modifiers=False) for c in subjects]
            if len(subjects) > 1:  # the parser may split "al-Shabab" into several subjects
                run = doc[subjects[1].i : subjects[-1].i + 1]
                actor = finder.table.resolve(run.text)
                candidates.append(ActorMention(actor, Found.of(run)) if actor is not None else None)
            if not any(candidates):
                # "The Islamic State group's regional affiliate, known as the Islamic State Khorasan
                # Province, claimed the attack": the name sits deeper in the subject
                candidates = [_named_in(doc[s.left_edge.i : s.right_edge.i + 1]) for s in subjects]
        elif lemma in ATTRIBUTION_VERBS:
            # "officials blamed the attack on JNIM", "attributed the attack to the ELN", "blamed ISSP"; the
            # parser may hang "to the ELN" on the attack instead of on the verb
            named = [
                g
                for c in (*token.children, *(c for o in objects for c in o.children))
                if c.dep_ in ("prep", "dative") and c.lower_ in ("on", "to")
                for g in c.children
                if g.dep_ == "pobj"
            ]
            if not named:
                named = [c for c in objects if c.i not in attack_nouns]
            candidates = [finder.from_token(c, country) for c in named]
        elif lemma in SUSPICION_VERBS and token.pos_ == "VERB":
            # "police said they suspect a faction of Dawlah Islamiyah", "suspected the BLA": a named group
            candidates = [finder.from_token(c, country, modifiers=False) for c in objects]
        elif (lemma == "plant" and agents_of(token)) or (
            lemma in AUTHORSHIP_VERBS
            and any(
                c.dep_ == "nsubjpass" and (c.i in attack_nouns or c.lemma_.lower() in ASSAULT_NOUNS)
                for c in token.children
            )
        ):
            # "the attack was carried out by the CJNG", "the bombing was claimed by ISKP", "the device was
            # believed to have been planted by members of the BIFF"
            candidates = [finder.from_token(g, country, modifiers=False) for g in agents_of(token)]
        elif lemma in UNKNOWN_VERBS and any(c.dep_ == "neg" for c in token.children):
            # "the perpetrators have not been identified", "the origin of the shelling could not be
            # confirmed": the report just before has no known author
            if any(
                c.dep_ in ("nsubjpass", "nsubj") and c.lemma_.lower() in AUTHOR_NOUNS for c in token.children
            ):
                claims.append((sentence_of[token.sent.start], None))
            continue
        else:
            continue
        index = sentence_of[token.sent.start]
        # "no group claimed ...", "the group did not claim ...": the verb or its subject is negated (a
        # clause before it, "No group claimed it; sources suspected Boko Haram", negates nothing here)
        subject_words = [t for c in token.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
        denied = token.sent.root.lemma_.lower() in DENIAL_VERBS or any(
            c.dep_ == "neg" or c.lower_ in ("no", "none")
            for c in (*token.children, *subject_words)
            if c.i < token.i
        )
        if denied:
            claims.append((index, None))  # "no group claimed responsibility", "the group denied ..."
            continue
        # a group claims its attacks; blame and suspicion may fall on a state's forces too ("local
        # authorities attributed the bombardment to the SSPDF", "residents blamed the federal military")
        barred = (Inter.CIVILIANS, Inter.STATE_FORCES) if lemma in CLAIM_VERBS else (Inter.CIVILIANS,)
        claimant = next((m for m in candidates if m is not None and m.actor.inter not in barred), None)
        if claimant is not None:
            claims.append((index, claimant))
            if lemma not in CLAIM_VERBS:  # someone else's word, not the group's own claim
                hearsay.add(index)
    if not claims:
        return
    not_attacks = (EventType.PROTESTS, EventType.RIOTS, EventType.STRATEGIC_DEVELOPMENTS)
    claimed: list[tuple[Mention, ActorMention]] = []
    far: list[Mention] = []
    for mention in mentions:
        unnamed = mention.actor1 is None or _unnamed(mention.actor1)
        borrowed = "actor1" in mention.inherited
        if not (unnamed or borrowed) or mention.sub_event is None:
            continue
        if event_type_of(mention.sub_event) in not_attacks:
            continue
        here = sentence_of[mention.sentence.start]
        following = [(i, c) for i, c in claims if here <= i <= here + CLAIM_REACH]
        if following:
            # a claim right after the report is about it, even over an attacker borrowed from a summary
            # "No group claimed the attack; security sources suspected Boko Haram": the name wins
            _, claimant = min(following, key=lambda claim: (claim[0], claim[1] is None))
            if claimant is not None:
                mention.actor1 = claimant
                claimed.append((mention, claimant))
            elif "actor1" in mention.inherited:
                mention.actor1 = None  # "No group claimed the attack": not the attacker of a nearby report
                del mention.inherited["actor1"]
        elif unnamed:
            far.append(mention)
    named = {c.actor.name: c for i, c in claims if c is not None and i not in hearsay}
    for mention in far:
        day = mention.dates[0].resolved.day if mention.dates else None
        same_day = [
            c
            for m, c in claimed
            if m.dates and m.dates[0].resolved.day == day and m.sub_event is mention.sub_event
        ]
        if same_day:
            # the highlights and the body of a report tell one event twice; the claim follows only one
            mention.actor1 = same_day[0]
        elif len(named) == 1 and not any(m.dates and m.dates[0].resolved.day != day for m, _ in claimed):
            # a claim further away still names the attacker when it is the article's only claimant, unless
            # it was made for a report of another day
            mention.actor1 = next(iter(named.values()))


# --- from mentions to ACLED events ---------------------------------------------------------------
