"""Sentence to reports: the violence each clause chain of a sentence reports, and what is not an event."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from spacy.tokens import Span, Token

from extractors.actor_mentions import ActorFinder, ActorMention
from extractors.actors import ActorTable, Country
from extractors.classify import (
    INTERVENTION_WORDS,
    TELLING_GOVERNORS,
    is_irrealis,
    is_labour_strike,
    names_a_place,
    trigger_verb,
)
from extractors.dates import resolve_date
from extractors.mentions import (
    CasualtyMention,
    DateMention,
    Found,
    PlaceMention,
    TargetMention,
    WeaponMention,
    counted_noun,
    find_casualties,
    find_dates,
    find_places,
    find_targets,
    find_weapons,
    place_anchor_verb,
    spans_in,
)
from extractors.places import Gazetteer
from schemas import Inter, SubEventType

#: A sentence whose main verb denies or rejects reports no event (the codebook's denials).
DENIAL_VERBS = frozenset({"deny", "reject", "refute", "dismiss", "disavow"})
#: Trigger classes that need a weapon, a strike or a wave to mean violence ("hit", "launched").
NEEDS_CONTEXT = frozenset({"HIT", "LAUNCH"})
#: Trigger labels that only tell a toll (who was killed or wounded), not the act that caused it.
TOLL_LABELS = frozenset({"KILL", "WOUND"})


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
    #: Only a toll ("A local administrator reported seven dead."): never an event itself, but the
    #: casualty count of the event reported just before or after it.
    toll_only: bool = False

    @property
    def located(self) -> bool:
        """Whether the sentence names a place finer than a country."""
        return bool(self.places)


@cache
def resources() -> tuple[ActorTable, Gazetteer, ActorFinder]:
    """The actor table, gazetteer and actor finder, loaded once per process."""
    table = ActorTable.load()
    return table, Gazetteer(table), ActorFinder(table)


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
    if root.dep_ == "dobj" and root.head.lemma_.lower() in ("claim", "condemn", "blame", "denounce"):
        # "the BLA claimed the bombing": the claim points back at the reported attack; but "condemned the
        # drone strike on the market of Kosti": a statement that tells the attack names its place
        return not (root.head.lemma_.lower() in TELLING_GOVERNORS and names_a_place(root))
    stirred = root.head.head.lemma_.lower() in _STIRRED
    if root.dep_ == "pobj" and root.head.lower_ in ("by", "over") and stirred:
        return True  # "young people angered by the killings erected barricades": the cause of a riot
    # "claimed responsibility for the attack", "arrested for the attack": a reference, not a report
    return root.dep_ == "pobj" and root.head.lower_ in ("of", "since", "after", "before", "following", "for")


#: Feelings a reported event stirs: "angered by the killings", "outraged over the attack".
_STIRRED = frozenset(
    {"anger", "angered", "outrage", "outraged", "incense", "incensed", "enrage", "enraged", "infuriate",
     "infuriated", "upset", "shock", "shocked", "frustrate", "frustrated"}
)  # fmt: skip


_SEQUENCE_WORDS = frozenset(
    {"later", "then", "subsequently", "afterwards", "afterward", "earlier", "separately"}
)


def _coordinated(a: Token, b: Token) -> bool:
    """Whether two clause tops are conjuncts of one act ("shot dead ... and wounded ..."), not a sequence
    of acts ("killed six attackers ... and later killed 50 militants in airstrikes")."""
    for first, second in ((a, b), (b, a)):
        if first.dep_ == "conj" and clause_root(first.head) == second.i:
            return not any(c.lower_ in _SEQUENCE_WORDS for c in first.children)
    return False


_ONGOING_NOUNS = frozenset({"fighting", "violence", "war", "conflict", "insurgency", "unrest", "bombardment"})


def present_or_perfect(verb: Token) -> bool:
    """Whether a verb is in the simple present ("remains") or the present perfect ("have intensified")."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in ("VBZ", "VBP") and not auxes:
        return True
    return verb.tag_ == "VBN" and any(a.lower_ in ("have", "has") for a in auxes)


def _present_progressive(verb: Token) -> bool:
    """Whether a verb is in the present progressive ("is fighting", "are conducting")."""
    return verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lower_ in ("is", "are", "am") for c in verb.children
    )


#: Verbs of a cause pursued: "is fighting to end ...", "are struggling for ...".
_CAUSE_VERBS = frozenset({"fight", "battle", "struggle", "wage"})


def _since_then(trigger: Span) -> bool:
    """A running total: the trigger's verb in the present perfect, counted "since" some earlier time
    ("Since Russia launched its invasion in February 2022, Kyiv has been hit by thousands of drones")."""
    verb = trigger_verb(trigger.root)
    if verb.pos_ not in ("VERB", "AUX") or not present_or_perfect(verb) or verb.tag_ != "VBN":
        return False
    for since in (t for t in verb.subtree if t.lower_ == "since"):
        # "has been hit since 2022" (a preposition on the verb), "Since X began, ... has been hit" (a clause)
        if since.head.i == verb.i or (since.dep_ == "mark" and since.head.head.i == verb.i):
            return True
    return False


def _is_generic_present(trigger: Span) -> bool:
    """Commentary in the simple present ("Israel attacks the Muslims", "the tempo of ISWAP attacks on
    bases remains high"): news reports events in the past."""
    root = trigger.root
    aims = [
        c for c in root.children if c.dep_ in ("xcomp", "advcl") or (c.dep_ == "prep" and c.lower_ == "for")
    ]
    progressive = _present_progressive(root)
    if progressive and root.lemma_.lower() in _CAUSE_VERBS and aims:
        return True  # "says it is fighting to end the dominance of an elite", "are fighting for independence"
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in root.children)
    ongoing = (
        root.tag_ == "NN" and definite and root.lemma_.lower() in _ONGOING_NOUNS and root.dep_ == "nsubj"
    )
    if ongoing and present_or_perfect(root.head):
        return True  # "aid groups say the fighting has closed hundreds of schools": the war, not an event
    lasting = root.lemma_.lower() in _ONGOING_NOUNS and root.dep_ == "nsubj"
    if lasting and root.head.lemma_.lower() in ("continue", "persist", "rage", "drag"):
        head = root.head
        if present_or_perfect(head) or _present_progressive(head):
            return True  # "fighting has continued in the Masisi and Walikale territories": no one event
    if root.tag_ == "NNS" and not any(c.like_num for c in root.children):
        # a plural trigger noun counted by nothing, in a clause whose verb is in the simple present, or
        # in the present perfect of a trend ("attacks in Macomia district have intensified")
        # "are conducting operations against al-Shabab in central Somalia": ongoing, no one event
        verb = next((a for a in root.ancestors if a.pos_ in ("VERB", "AUX")), None)
        return verb is not None and (present_or_perfect(verb) or _present_progressive(verb))
    if root.tag_ not in ("VBZ", "VBP"):
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in root.children)


RELATIVE_PAST = re.compile(
    r"\b(\w+ (years|decades|months) ago|last (year|decade)|(a|one) year ago|years ago|recent (years|decades)|"
    r"(early|earlier|late|later) (this|last) year|this year|for (months|years|decades)|"
    r"recent (weeks|months)|so far this year|(start|beginning) of (the year|\d{4})|(first|second) half of|"
    r"(first|second|third|fourth|last) quarter of|year to date|"
    r"(past|last) (\w+ )?(years|months|decade|decades)|past year)\b",
    re.I,
)


#: A time told only by the course of a war: "in the early weeks of the rebellion".
_WARTIME = re.compile(
    r"\b(?:early|first|opening|initial|final) (?:days|weeks|months|years|stages?|phase) of the "
    r"(?:war|rebellion|conflict|insurgency|uprising|invasion|fighting|offensive|revolution)\b",
    re.I,
)
_YEARS_AGO = re.compile(r"\b(years|decades?|a century) ago\b", re.I)


def _vague_past_dates(sent: Span, published: date | None) -> Iterator[Span]:
    """The sentence's dates that place something only in an earlier year or a vague past period ("the
    2004 bombing", "since 2009", "two years ago", "over the past year")."""
    for ent in sent.ents:
        # "the 2022 bomb attack": a year the tagger took for a number
        year_number = ent.label_ == "CARDINAL" and re.fullmatch(r"(19|20)\d\d", ent.text) is not None
        year_number = year_number and ent.root.dep_ in ("nummod", "compound", "amod")
        ago = ent.label_ == "DATE" and _YEARS_AGO.search(ent.text) is not None  # "two decades ago"
        if not (year_number or ago) and (
            ent.label_ != "DATE" or resolve_date(ent.text, published) is not None
        ):
            continue
        years = [int(y) for y in re.findall(r"\b(19\d\d|20\d\d)\b", ent.text)]
        old_year = bool(years) and (published is None or min(years) < published.year)
        if old_year or RELATIVE_PAST.search(ent.text):
            yield ent


def _is_stale(trigger: Span, sent: Span, published: date | None) -> bool:
    """A past event dated vaguer than a month: ACLED does not code it. The old date must govern the
    trigger: sit next to it, hang from its clause, or open the sentence."""
    for ent in _vague_past_dates(sent, published):
        near_trigger = abs(ent.root.i - trigger.root.i) <= 3 or ent.root.head.i == trigger.root.i
        governs = ent.root.head.i in {t.i for t in trigger.root.ancestors} | {trigger.root.i}
        opens_sentence = ent.start - sent.start <= 1
        if near_trigger or governs or opens_sentence:
            return True
    return False


def has_vague_past(sent: Span, published: date | None) -> bool:
    """Whether the sentence dates something only to an earlier year or a vague past period."""
    return any(True for _ in _vague_past_dates(sent, published))


#: What a seizure of things or people takes, not ground: "seizing 40 rifles and cash", "captured three
#: fighters" is no change of territory.
SEIZED_GOODS = frozenset(
    {"weapon", "arm", "rifle", "gun", "ammunition", "round", "explosive", "drug", "cocaine", "heroin",
     "methamphetamine", "cash", "money", "naira", "dollar", "vehicle", "truck", "car", "motorcycle",
     "motorbike", "boat", "phone", "document", "equipment", "material", "item", "grenade", "bomb",
     "fighter", "militant", "suspect", "member", "soldier", "rebel", "civilian", "hostage", "gunman",
     "gunmen", "insurgent", "terrorist", "bandit", "commander", "leader", "people", "person", "man",
     "quantity", "cache", "stockpile", "fuel", "petrol", "cargo", "shipment", "consignment", "tanker",
     "vessel", "ship", "livestock", "cattle"}
)  # fmt: skip


def _a_time_before(trigger: Span) -> bool:
    """Whether the trigger's clause is "a day after ..." or "hours before ...": another event's time."""
    verb = trigger_verb(trigger.root)
    if verb.dep_ != "advcl":
        return False
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    spans = {c.lemma_.lower() for c in verb.children if c.dep_ == "npadvmod"}
    if not (marks & {"after", "before"} and spans & {"day", "hour", "week", "month", "year"}):
        return False
    # "two days after al Shabaab took the town of Mahas on Sunday": dated, an event told in its own right
    told_when = {"day", "hour", "week", "month", "year", "after", "before", "a", "two", "three", "several"}
    return not any(t.ent_type_ in ("DATE", "TIME") and t.lower_ not in told_when for t in verb.subtree)


#: Words that make an old attack the thing remembered: "the first anniversary of the attack".
_REMEMBRANCE = frozenset({"anniversary", "commemoration", "memorial"})


def _remembered(trigger: Span) -> bool:
    """Whether the trigger tells of the attack an anniversary marks: "the anniversary of the attack in
    which gunmen killed 30", "a decade after al-Shabaab gunmen stormed the campus", "a memorial service
    marking ten years since gunmen killed 148 people"."""
    root = trigger.root
    if any(a.lemma_.lower() in _REMEMBRANCE for a in [root, *list(root.ancestors)[:4]]):
        return True
    verb = trigger_verb(root)
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in ("after", "since")), None)
    if verb.dep_ != "advcl" or mark is None:
        return False
    spans = {c.lemma_.lower() for c in verb.children if c.dep_ == "npadvmod"}
    spans |= {t.lemma_.lower() for t in trigger.doc[max(mark.i - 2, 0) : mark.i]}  # "ten years since"
    return bool(spans & {"decade", "year", "anniversary"})


#: What sets things ablaze without anyone rioting: "debris from a downed drone set a house on fire".
FIRE_CAUSES = frozenset(
    {"debris", "fragment", "drone", "missile", "rocket", "shell", "strike", "airstrike", "attack", "blast",
     "explosion", "shelling", "bombardment", "fire", "wreckage", "bomb", "projectile", "impact", "raid"}
)  # fmt: skip


def _set_by_weapon(trigger: Span) -> bool:
    """Whether a burning trigger's subject is a weapon or a strike ("the strikes set fuel tanks ablaze")."""
    if trigger.label_ != "RIOT" or trigger.root.lemma_.lower() != "set":
        return False
    verb = trigger.root
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":  # "a drone hit the depot, setting it ablaze"
        return True
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "agent")]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    # the whole subject phrase: "South of the capital, debris from a downed drone set a house on fire" can
    # parse "South" as the subject with "debris" in apposition
    return any(t.lemma_.lower() in FIRE_CAUSES for s in subjects for t in s.subtree)


#: Trigger classes of an assault on people, beside which a burning is part of the assault.
ASSAULT_LABELS = frozenset({"ATTACK", "KILL", "SHOOT", "CLASH"})


def _burning_aside(trigger: Span) -> bool:
    """Whether a burning trigger is a participle clause told beside an assault ("..., setting homes on
    fire"), which is part of that assault rather than a riot of its own."""
    return trigger.label_ == "RIOT" and trigger.root.lemma_.lower() == "set" and trigger.root.tag_ == "VBG"


def _a_span_of_time(trigger: Span) -> bool:
    """ "after months of protests", "years of fighting": a long stretch of events, none of them told."""
    root = trigger.root
    if root.dep_ != "pobj" or root.head.lower_ != "of":
        return False
    span = root.head.head
    return (
        span.lemma_.lower() in ("week", "month", "year", "decade")
        and span.tag_ == "NNS"
        and not any(c.like_num for c in span.children)
    )


_TEAR_GAS = frozenset({"gas", "teargas", "tear-gas", "tear", "smoke", "pepper"})


def _tear_gas(trigger: Span) -> bool:
    """ "police fired tear gas shells at the protesters": a riot-control round, not artillery."""
    root = trigger.root
    if trigger.label_ == "SHELLING" and root.lemma_.lower() in ("shell", "canister"):
        return any(c.lower_ in _TEAR_GAS for c in root.children if c.dep_ in ("compound", "amod", "nmod"))
    if trigger.label_ == "LAUNCH" and root.pos_ == "VERB":
        first = next((c for c in root.children if c.dep_ == "dobj"), None)
        return first is not None and any(t.lower_ in _TEAR_GAS for t in first.subtree)
    return False


def _a_stopped_protest(trigger: Span, sent: Span, found: list[Span]) -> bool:
    """ "police arrested seven students as they tried to march to the parliament": a march the police
    stopped took place, and was intervened in (``found``: every trigger of the sentence)."""
    root = trigger.root
    if trigger.label_ != "PROTEST" or root.pos_ != "VERB" or root.dep_ != "xcomp":
        return False
    if root.head.lemma_.lower() not in ("try", "attempt"):
        return False
    stopped = any(t.label_ == "ARREST" for t in found) or bool(INTERVENTION_WORDS.search(sent.text))
    return stopped and not any(c.dep_ == "neg" for c in (*root.children, *root.head.children))


def _to_be_freed(trigger: Span) -> bool:
    """ "demanded the release of people detained in Kinshasa": those held are what is asked for, not a
    reported arrest."""
    root = trigger.root
    if root.dep_ != "acl" or root.tag_ != "VBN":
        return False
    of = root.head.head
    return of.lower_ == "of" and of.head.lemma_.lower() in ("release", "freedom", "return", "liberation")


def _marched_off(trigger: Span) -> bool:
    """ "marched dozens of worshippers into the bush": people made to march are captives, not a protest;
    "killed 43 faithful during a night vigil": a vigil attacked is a gathering of worship, not a protest."""
    root = trigger.root
    if trigger.label_ == "PROTEST" and root.lemma_.lower() == "vigil" and root.dep_ == "pobj":
        return root.head.lower_ in ("during", "at", "on")
    return (
        trigger.label_ == "PROTEST"
        and root.lemma_.lower() == "march"
        and root.pos_ == "VERB"
        and any(c.dep_ == "dobj" for c in root.children)
    )


#: Whom a "capture" takes into custody: a wanted person, not ground ("captured alias 'El Costeño'").
WANTED = frozenset(
    {"alias", "suspect", "man", "men", "woman", "leader", "ringleader", "kingpin", "boss", "commander",
     "financier", "member", "members", "suspects", "operative", "operatives"}
)  # fmt: skip


def _captures_someone(trigger: Span) -> Span:
    """ "troops captured alias 'El Grillo'", "the capture in Durán of a man known as 'El Gato'": a wanted
    person taken, which is an arrest (an ARREST trigger), not territory taken."""
    if trigger.label_ != "CAPTURE" or trigger.root.lemma_.lower() not in ("capture", "apprehend"):
        return trigger
    root = trigger.root
    taken = [c for c in root.children if c.dep_ in ("dobj", "nsubjpass")]
    taken += [g for c in root.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    wanted = any(t.lemma_.lower() in WANTED or t.lower_ in WANTED for t in taken)
    # the parse may hang "alias ..." or "of a man" off the place named between: "captured in Caucasia alias
    # 'El Costeño'", "the capture in Durán of a man known as"
    window = trigger.doc[root.i + 1 : min(root.i + 10, trigger.sent.end)].text.lower()
    wanted = wanted or bool(
        re.search(r"\balias\b|\bof (?:a|an) (?:suspected |wanted |alleged )?(?:man|woman|leader)\b", window)
    )
    return Span(trigger.doc, trigger.start, trigger.end, label="ARREST") if wanted else trigger


def _seizes_goods(trigger: Span) -> bool:
    """Whether a CAPTURE trigger takes things or people rather than ground: "seizing 40 rifles"."""
    if trigger.label_ != "CAPTURE":
        return False
    objects = [c for c in trigger.root.children if c.dep_ in ("dobj", "nsubjpass")]
    return bool(objects) and all(o.lemma_.lower() in SEIZED_GOODS for o in objects)


def sentence_mentions(
    sent: Span,
    *,
    countries: tuple[str, ...],
    published: date | None,
    skip_before: int,
    regions: tuple[str, ...] = (),
) -> list[Mention]:
    """The violence one sentence reports: one mention per clause chain that holds a factual trigger."""
    table, gazetteer, _ = resources()
    found = spans_in(list(sent.doc.spans.get("triggers", [])), sent)
    triggers = [
        t
        for t in map(_captures_someone, found)
        if (not is_irrealis(t) or _a_stopped_protest(t, sent, found))
        and not is_labour_strike(t)
        # "the imprisoned publisher", "an arrest warrant"; but the tagger reads "shot dead" as a modifier
        and (t.root.dep_ not in ("amod", "compound") or t.text.lower() == "shot dead")
        and not _is_back_reference(t)
        and not any(a.lemma_.lower() in DENIAL_VERBS for a in t.root.ancestors)
        and not _is_generic_present(t)
        and not _seizes_goods(t)
        and not _marched_off(t)
        and not _to_be_freed(t)
        and not _tear_gas(t)
        and not _a_span_of_time(t)
    ]
    # "a decade after gunmen stormed the campus and killed 148": the attack an anniversary recalls
    remembered = [t for t in triggers if _remembered(t)]
    triggers = [t for t in triggers if t not in remembered]
    # "a drone slammed into a block, setting flats on fire": the weapon's hit, not a riot
    triggers = [Span(t.doc, t.start, t.end, label="HIT") if _set_by_weapon(t) else t for t in triggers]
    # "gunmen stormed the town, killing 11 people and setting homes on fire": the burning is the attack's
    if any(t.label_ in ASSAULT_LABELS for t in triggers):
        triggers = [t for t in triggers if not _burning_aside(t)]
    # "rallied on Sunday, a day after police detained a politician": the earlier event only dates this one
    earlier = [t for t in triggers if _a_time_before(t)]
    if len(earlier) < len(triggers):
        triggers = [t for t in triggers if t not in earlier]
    triggers += _blockades(sent, table)
    if not any(t.label_ == "PROTEST" for t in triggers):
        triggers += _gatherings(sent, table)
    if not triggers:
        return [] if remembered else _toll(sent, published=published, skip_before=skip_before)
    places = find_places(sent, gazetteer, countries=countries, skip_before=skip_before, regions=regions)
    weapons = [w for w in find_weapons(sent) if not _is_back_reference(sent.doc[w.token.i : w.token.i + 1])]
    triggers = [t for t in (_interception(t, weapons) for t in triggers) if t is not None]
    targets = find_targets(sent)
    # the dateline's date and numbers belong to the filing, not to an event
    casualties = [c for c in find_casualties(sent) if c.found.start >= skip_before]
    dates = [d for d in find_dates(sent, published) if d.found.start >= skip_before]
    if _is_old_caption(sent, dates, published):
        return []
    if sent.root.lemma_.lower() in DENIAL_VERBS:
        return []  # "We categorically reject allegations linking the attack to ...": a denial, not a report
    headline_roots = {
        t.root.i for t in found if _is_generic_present(t) and t.root.i == sent.root.i
    }  # fmt: skip
    groups: dict[int, list[Span]] = {}
    for trigger in triggers:
        groups.setdefault(clause_root(trigger.root), []).append(trigger)
    # "a bomb struck a vehicle ..., killing two soldiers and wounding three": a casualty verb coordinated
    # with the clause of an attack tells that attack's toll; it is no act of its own
    tops = {root: root for root in groups}
    for root in list(groups):
        if root not in groups or not {t.label_ for t in groups[root]} <= TOLL_LABELS:
            continue
        partners = [r for r in groups if r != root and _coordinated(sent.doc[r], sent.doc[root])]
        acts = [r for r in partners if not {t.label_ for t in groups[r]} <= TOLL_LABELS]
        # "killing two soldiers and wounding four": two tolls of one act are one toll
        conjunct = sent.doc[root].dep_ == "conj"  # the coordinated toll joins the clause it hangs from
        act = next(iter(acts), None) or (next(iter(partners), None) if conjunct else None)
        if act is not None:
            groups[act].extend(groups.pop(root))
            for top, target in tops.items():
                if target == root:
                    tops[top] = act
    mentions = []
    # a coordinated clause without a trigger lends its places to the trigger clauses that have none:
    # "protesters set fire to tyres and blocked roads in Port-au-Prince"
    orphans = [p for p in places if clause_root(p.token) not in groups]
    vague = list(_vague_past_dates(sent, published))
    for root, group in groups.items():
        group_dates = _own_dates(dates, group)
        day_named = any(d.resolved.precision == 1 and not d.reported for d in group_dates)
        old_named = any(  # "the 2004 bombing": the old date names the event itself
            (ent.root.head.i == t.root.i and ent.end <= t.root.i)
            # "the 2022 bomb attack on Istiklal Avenue, which killed six people"
            or (t.root.dep_ == "relcl" and ent.root.head.i == t.root.head.i)
            for t in group
            for ent in vague
        )
        if (old_named or not day_named) and any(_is_stale(t, sent, published) for t in group):
            # "the 2004 bombing ... killed nine": the whole clause reports the old event; but "marched on
            # Saturday in one of the largest demonstrations this year" names its day
            continue
        if not dates and (vague or _WARTIME.search(sent.text)):
            # "launched scores of attacks after the war began in 2023", "seized several towns in the early
            # weeks of the rebellion": background, no day
            continue
        if any(_since_then(t) for t in group):
            continue  # "since the invasion in February 2022, Kyiv has been hit by thousands of drones"
        if headline_roots and root == clause_root(sent.root):
            continue  # a headline ("Drone strike kills 5 in Idlib"): the body reports the event
        labels = {t.label_ for t in group}
        own_weapons = [w for w in weapons if clause_root(w.token) == root]
        top = sent.doc[root]
        if not own_weapons and top.dep_ in ("advcl", "conj", "xcomp") and top.head.i != top.i:
            # "aircraft dropped glide bombs on Kostiantynivka, killing two civilians": the weapons of the
            # clause the toll hangs from, when no trigger of its own claims them
            parent = clause_root(top.head)
            if parent not in groups:
                own_weapons = [w for w in weapons if clause_root(w.token) == parent]
        if labels <= NEEDS_CONTEXT and not own_weapons:
            continue  # "hit", "launched" mean violence only with a weapon
        own_places = [p for p in places if clause_root(p.token) == root]
        if not own_places:
            # "shot dead two traders and wounded a third at the market in Ansongo": coordinated verbs
            # share the place one of them names
            partners = {r for r in groups if r != root and _coordinated(sent.doc[r], sent.doc[root])}
            own_places = [p for p in places if clause_root(p.token) in partners]
        own_places = own_places or orphans
        located = unique_places([p for p in own_places if p.place.codable])
        country_only = next((p.place.country for p in own_places if not p.place.codable), None)
        country = located[0].place.country if located else country_only
        if country is None and countries:
            country = table.country(countries[0])
        own_casualties: dict[str, CasualtyMention] = {}
        for casualty in casualties:
            if tops.get(clause_root(casualty.token)) != root:
                continue
            held = own_casualties.get(casualty.kind)
            if held is None:
                own_casualties[casualty.kind] = casualty
            elif _conjoined(held, casualty) or opposite_sides(held, casualty):
                own_casualties[casualty.kind] = _summed(held, casualty)
        mentions.append(
            Mention(
                sentence=sent,
                triggers=group,
                labels=labels,
                places=located,
                country=country,
                dates=group_dates,
                weapons=own_weapons,
                targets=[t for t in targets if clause_root(t.token) == root],
                casualties=own_casualties,
            )
        )
    return mentions


def _conjoined(first: CasualtyMention, second: CasualtyMention) -> bool:
    """ "17 insurgents and two soldiers were killed": two counts of one toll, joined by "and"."""
    a, b = counted_noun(first.token), counted_noun(second.token)
    return a.i != b.i and ((b.dep_ == "conj" and b.head.i == a.i) or (a.dep_ == "conj" and a.head.i == b.i))


#: Nouns for the dead of each side of a fight; ACLED's fatalities count both sides.
_STATE_DEAD = frozenset(
    {"soldier", "troop", "officer", "policeman", "policemen", "police", "gendarme", "personnel", "guard",
     "serviceman", "servicemen", "constable", "jawan", "commando", "marine", "paratrooper"}
)  # fmt: skip
_ARMED_DEAD = frozenset(
    {"terrorist", "militant", "insurgent", "attacker", "fighter", "jihadist", "rebel", "gunman", "gunmen",
     "bandit", "assailant", "extremist", "separatist", "cadre", "maoist", "guerrilla", "combatant"}
)  # fmt: skip


def opposite_sides(first: CasualtyMention, second: CasualtyMention) -> bool:
    """ "neutralised several terrorists and one soldier was killed": the dead of both sides of one fight."""
    a, b = _dead_noun(first), _dead_noun(second)
    return (a in _STATE_DEAD and b in _ARMED_DEAD) or (a in _ARMED_DEAD and b in _STATE_DEAD)


def _dead_noun(casualty: CasualtyMention) -> str:
    """The singular of the noun a count of dead counts; the tagger keeps headlines' capitals as lemmas."""
    noun = counted_noun(casualty.token)
    lemma = noun.lemma_.lower()
    return lemma[:-1] if noun.text.isupper() and lemma.endswith("s") else lemma


def _summed(first: CasualtyMention, second: CasualtyMention) -> CasualtyMention:
    """One toll from two joined counts: their sum, the evidence spanning both, the vaguer qualifier."""
    doc = first.token.doc
    start, end = min(first.found.start, second.found.start), max(first.found.end, second.found.end)
    span = doc.char_span(start, end, alignment_mode="expand")
    count = first.count.plus(second.count)
    return replace(first, count=count, found=Found.of(span) if span is not None else first.found)


#: Interception verbs that also take people or attacks as objects: "repelled the assault".
_FIGHT_INTERCEPTS = frozenset({"repel", "repulse", "neutralise", "neutralize"})
#: Verbs that mean disrupted weapons use only with a weapon as object ("defused a bomb", "dismantled
#: rocket launchers"); "dismantle" with a cell as object is an ARREST trigger.
_WEAPON_ONLY_INTERCEPTS = frozenset({"dismantle", "defuse"})


def _interception(trigger: Span, weapons: list[WeaponMention]) -> Span | None:
    """ "troops repelled the assault", "neutralising four fighters": an interception of people or of an
    attack, not of a drone or missile, is fighting (a CLASH trigger); "dismantled a cell" is no
    interception at all, "dismantled rocket launchers" is."""
    if trigger.label_ not in ("INTERCEPT", "ARREST"):
        return trigger
    verb = trigger_verb(trigger.root)
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    weapon_tokens = {w.token.i for w in weapons}
    of_weapon = any(t.i in weapon_tokens for o in objects for t in o.subtree)
    lemma = verb.lemma_.lower()
    if trigger.label_ == "ARREST":
        # "dismantled a cell" is arrests; "dismantled four rocket launchers" is disrupted weapons use
        if lemma in _WEAPON_ONLY_INTERCEPTS and of_weapon:
            return Span(trigger.doc, trigger.start, trigger.end, label="INTERCEPT")
        return trigger
    if lemma in _WEAPON_ONLY_INTERCEPTS and not of_weapon:
        return None
    if lemma in _FIGHT_INTERCEPTS and objects and not of_weapon:
        return Span(trigger.doc, trigger.start, trigger.end, label="CLASH")
    return trigger


#: Verbs of obstruction: done by a crowd of civilians, they are a protest ("students blocked the bridge").
BLOCKADE_VERBS = frozenset({"block", "barricade", "blockade", "occupy"})


#: What a gathering does that makes it a demonstration: "gathered ..., chanting", "waving flags".
DEMONSTRATING = re.compile(
    r"\b(?:chant(?:ed|ing)?|slogans?|placards?|banners?|waving\s+(?:\w+\s+){0,3}flags|"
    r"(?:to\s+)?demand(?:ed|ing)?|in\s+protest|to\s+protest)\b",
    re.I,
)


#: Verbs of a crowd coming together: a protest when the crowd is DEMONSTRATING.
GATHERING_VERBS = frozenset({"gather", "assemble", "converge", "throng"})


def _gatherings(sent: Span, table: ActorTable) -> list[Span]:
    """PROTEST triggers for crowds that gathered or assembled chanting, waving flags or carrying placards:
    "tens of thousands of people gathered outside Istanbul's city hall ..., chanting"."""
    return _crowd_doing(sent, table, GATHERING_VERBS) if DEMONSTRATING.search(sent.text) else []


def _blockades(sent: Span, table: ActorTable) -> list[Span]:
    """PROTEST triggers for roads, bridges or buildings blocked by students, residents, relatives: a crowd
    of civilians obstructing something is demonstrating; troops or police blocking a road are not."""
    return _crowd_doing(sent, table, BLOCKADE_VERBS)


def _crowd_doing(sent: Span, table: ActorTable, verbs: frozenset[str]) -> list[Span]:
    """PROTEST triggers for the factual ``verbs`` whose subject is a crowd of civilians, protesters or
    rioters; "hundreds of relatives and residents" counts the people."""
    found = []
    for token in sent:
        if token.pos_ != "VERB" or token.lemma_.lower() not in verbs:
            continue
        if is_irrealis(sent.doc[token.i : token.i + 1]):
            continue
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if token.dep_ == "relcl" and any(s.lower_ in ("who", "that") for s in subjects):
            # "to disperse students (of seven colleges) who blocked the intersection"
            subjects.append(token.head)
            if token.head.dep_ == "pobj" and token.head.head.lower_ == "of":
                subjects.append(token.head.head.head)
        subjects += [g for s in subjects for p in s.children if p.lower_ == "of" for g in p.children]
        for subject in subjects:
            phrase = table.resolve(sent.doc[subject.left_edge.i : subject.i + 1].text)
            if phrase is not None and phrase.inter not in (Inter.CIVILIANS, Inter.PROTESTERS, Inter.RIOTERS):
                break  # "armed men blocked the N-25 highway": gunmen stopping traffic, no crowd protesting
            actor = table.resolve(subject.text)
            if actor is not None and actor.inter in (Inter.CIVILIANS, Inter.PROTESTERS, Inter.RIOTERS):
                found.append(Span(sent.doc, token.i, token.i + 1, label="PROTEST"))
                break
    return found


def _toll(sent: Span, *, published: date | None, skip_before: int) -> list[Mention]:
    """A sentence that only counts the dead or wounded, with no act of violence in it ("A local
    administrator reported seven dead."): a toll-only mention, for the neighbouring report to take."""
    casualties: dict[str, CasualtyMention] = {}
    for casualty in find_casualties(sent):
        if casualty.found.start >= skip_before:
            casualties.setdefault(casualty.kind, casualty)
    if not casualties:
        return []
    dates = [d for d in find_dates(sent, published) if d.found.start >= skip_before]
    if has_vague_past(sent, published):
        return []  # "more than 200 have died this year": a running total, not this event's toll
    labels = {"KILL" if kind == "killed" else "WOUND" for kind in casualties}
    token = next(iter(casualties.values())).token
    marker = Span(sent.doc, token.i, token.i + 1, label="KILL" if "KILL" in labels else "WOUND")
    return [
        Mention(
            sentence=sent,
            triggers=[marker],
            labels=labels,
            places=[],
            country=None,
            dates=dates,
            weapons=[],
            targets=[],
            casualties=casualties,
            toll_only=True,
        )
    ]


#: Date words that only place an event relative to the filing ("overnight", "earlier this week"); a named
#: day in the same clause is more precise.
_RELATIVE_DAY = re.compile(
    r"\b(overnight|tonight|today|this (morning|afternoon|evening)|(earlier|later) (in|this) (the )?week|"
    r"this week|last week|recently)\b",
    re.I,
)


#: A date this close to the start of its sentence, followed by a comma, opens it ("Separately, on
#: Thursday, ...").
OPENING_TOKENS = 4


def _own_dates(dates: list[DateMention], group: list[Span]) -> list[DateMention]:
    """The clause's dates, its own first: a date hanging from another verb ("girls kidnapped in Zamfara
    were freed Tuesday") is kept only as a weak fallback, like a statement's date."""
    roots = [t.root.i for t in group]
    anchors = set(roots) | {trigger_verb(t.root).i for t in group}
    own, other = [], []
    first_trigger = min(t.start for t in group)
    doc = group[0].doc
    for found in dates:
        span = doc.char_span(found.found.start, found.found.end, alignment_mode="expand")
        head = span.root if span is not None else group[0].root  # the token the date hangs from
        verb = place_anchor_verb(head)
        # "On Wednesday, a bomb ... tore through a vehicle, killing two": a date opening the sentence, before
        # any trigger and not on a verb of saying, dates what the sentence reports
        introduces = span is not None and span.end < len(doc) and doc[span.end].text == ","
        opening = (
            introduces
            and head.i < first_trigger
            and head.i - head.sent.start <= OPENING_TOKENS
            and not found.reported
        )
        # "• Wed 10 June — BENUE: Gunmen attacked ...": a line's heading date, before the sentence, dates it
        heading = found.found.start < group[0].sent.start_char
        if verb is None or verb.i in anchors or found.reported or opening or heading:
            own.append(found)
        else:
            other.append((min(abs(head.i - i) for i in roots), found))
    # "an overnight attack ... on Sunday", "earlier in the week, on Tuesday": the named day says which
    own.sort(key=lambda d: bool(_RELATIVE_DAY.search(d.found.text)))
    # of the dates that hang elsewhere, the one nearest the trigger is the likeliest ("violence that
    # began March 6 ... where forces clashed" rather than "ousted in December 2024")
    other.sort(key=lambda pair: pair[0])
    return own + [replace(d, reported=True) for _, d in other]


def unique_places(places: list[PlaceMention]) -> list[PlaceMention]:
    """One mention per resolved place, the first kept; a region named beside one of its towns ("in
    Guanajuato state ... in the city of Celaya") is the same event, coded to the town."""
    unique: dict[str, PlaceMention] = {}
    for mention in places:
        key = mention.place.location + mention.place.admin1
        held = unique.get(key)
        # "in El Oro province ... in Machala": the town itself, not the province named by its seat
        if held is None or (held.place.kind != "city" and mention.place.kind == "city"):
            unique[key] = mention
    towns = {(m.place.country.alpha2, m.place.admin1) for m in unique.values() if m.place.kind == "city"}
    districts = {
        (m.place.country.alpha2, m.place.admin1) for m in unique.values() if m.place.kind == "admin2"
    }
    return [
        m for m in unique.values()
        if m.place.kind == "city"
        or ((m.place.country.alpha2, m.place.admin1) not in towns
            and (m.place.kind != "admin1" or (m.place.country.alpha2, m.place.admin1) not in districts))
    ]  # fmt: skip
