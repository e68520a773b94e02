"""Which ACLED sub-event type a sentence's triggers, weapons and actors add up to."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from schemas import Inter, SubEventType, WeaponType, first_by_precedence

S = SubEventType

#: The remote-violence sub-event each weapon implies (ACLED_CODING_RULES.md §2).
WEAPON_SUB_EVENT: dict[WeaponType, SubEventType] = {
    WeaponType.DRONE: S.AIR_DRONE_STRIKE,
    WeaponType.AIR_DROPPED_BOMB: S.AIR_DRONE_STRIKE,
    WeaponType.MISSILE: S.SHELLING_ARTILLERY_MISSILE,
    WeaponType.ROCKET: S.SHELLING_ARTILLERY_MISSILE,
    WeaponType.ARTILLERY: S.SHELLING_ARTILLERY_MISSILE,
    WeaponType.IED_LANDMINE: S.REMOTE_EXPLOSIVE,
    WeaponType.GRENADE: S.GRENADE,
}
REMOTE_WEAPONS = frozenset(WEAPON_SUB_EVENT)
#: Words that put a strike in the air: "the Air Force struck", "fighter jets struck", "warplanes hit".
AIR_WORDS = re.compile(r"\b(?:air force|air component|jets?|warplanes?|aircraft)\b", re.I)
#: Trigger classes that only say "something exploded/was hit": the weapon or the wave decides the type.
GENERIC_REMOTE = frozenset({"EXPLOSION", "STRIKE", "HIT", "LAUNCH"})
MODALS = frozenset({"will", "would", "could", "may", "might", "should", "must", "can", "shall", "'d", "'ll"})
IRREALIS_GOVERNORS = frozenset(
    {"threaten", "plan", "vow", "promise", "intend", "seek", "aim", "prepare", "want", "propose",
     "consider", "urge", "call", "deny", "reject", "fear", "risk", "try", "attempt", "hope", "expect",
     "prevent", "avoid", "stop", "end", "halt", "condemn", "investigate", "demand", "allow", "refuse",
     "commemorate", "remember", "honour", "honor", "mourn", "plot", "plotting", "organise", "organize",
     "orchestrate", "mastermind", "warn"}
)  # fmt: skip
#: Modifiers of an event noun that say it is still to come.
NOT_YET_WORDS = frozenset(
    {"planned", "upcoming", "proposed", "scheduled", "expected", "threatened", "looming"}
)
#: Governors whose object is an attack that happened, when they name where: "condemned the strike on X".
TELLING_GOVERNORS = frozenset({"condemn", "denounce", "investigate", "mourn"})
LABOUR_STRIKE_WORDS = frozenset({"hunger", "general", "labor", "labour", "workers", "on", "nationwide"})
ARMED_INTERS = frozenset(
    {Inter.STATE_FORCES, Inter.EXTERNAL_OTHER_FORCES, Inter.REBEL_GROUP, Inter.POLITICAL_MILITIA,
     Inter.IDENTITY_MILITIA}
)  # fmt: skip
PROTESTER_WORDS = re.compile(r"\b(protesters|demonstrators|marchers|protesting|demonstrating)\b")
#: An unarmed crowd fighting the police: a riot, not a battle.
_CROWD = (
    r"(?:workers|supporters|activists|students|youths|demonstrators|protesters|residents|villagers|traders)"
)
CROWD_CLASH = re.compile(
    rf"\b{_CROWD}\s+(?:\w+\s+)?clashed\s+with\s+(?:the\s+)?(?:\w+\s+)?"
    rf"(?:police|policemen|officers|security forces)\b|"
    rf"\bclash(?:ed|es)?\s+(?:with|between)\s+(?:the\s+)?(?:police|policemen|security forces)\s+and\s+"
    rf"(?:\w+\s+){{0,2}}{_CROWD}\b|"
    rf"\b(?:police|policemen|officers)\s+clashed\s+with\s+(?:\w+\s+){{0,2}}{_CROWD}\b",
    re.I,
)
#: Crowds of two communities fighting each other: mob violence.
COMMUNAL_CLASH = re.compile(
    r"\bbetween\s+(?:members\s+of\s+)?(?:two|rival)\s+(?:communities|villages|clans|tribes|ethnic\s+groups)\b|"
    r"\bcommunal\s+(?:clash|clashes|violence|riots?)\b",
    re.I,
)
#: Words of a force stepping in at a protest; arrests count through ARREST triggers, which drop demands
#: ("demanding the arrest of the attackers") as not facts.
INTERVENTION_WORDS = re.compile(
    r"\btear[- ]?gas|\btear-?smoke|\bbatons?\b|\bbaton-charged?\b|\bwater[- ]cannons?\b|\brubber bullets\b|"
    r"\bto disperse\b|\bdispers(?:e|ed|ing)\s+(?:the|them|a|crowds?|protesters|demonstrators|marchers|"
    r"hundreds|thousands|students|people|supporters)\b|\b(?:were|was|been|being|forcibly)\s+dispersed\b",
    re.I,
)


def trigger_verb(token: Token) -> Token:
    """The verb a trigger belongs to: itself, or the verb governing a trigger noun ("launched its attack")."""
    if token.pos_ in ("VERB", "AUX"):
        return token
    head = token
    for _ in range(3):
        if head.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr", "conj", "prep", "compound"):
            head = head.head
            if head.pos_ in ("VERB", "AUX"):
                return head
    return token


def is_irrealis(trigger: Span) -> bool:
    """Threats, plans, forecasts, denials, negations and conditionals: not events (codebook §1)."""
    root = trigger.root
    verb = trigger_verb(root)
    if _freed(trigger):
        return True  # "rescued 14 kidnapped victims", "handed over 12 hostages": a release, not an abduction
    if root.dep_ == "pobj" and root.head.lower_ == "of" and _hearsay(root.head.head):
        return True  # "unconfirmed reports of an attack", "rumours of fighting": not established
    if root.pos_ == "NOUN" and any(c.lower_ in NOT_YET_WORDS for c in root.children if c.dep_ == "amod"):
        return True  # "a planned rally", "an upcoming march": it has not happened yet
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ == "ahead":
        return True  # "arrested 45 activists ahead of a rally": the rally is still to come
    # "will withdraw ... and hand over security": a coordinated verb shares its head's modal
    shared = verb.head if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") else verb
    if any(c.lower_ in MODALS and c.dep_ == "aux" for c in shared.children):
        return True
    for token in {root, verb}:
        for child in token.children:
            if child.dep_ == "neg" or (child.lower_ in MODALS and child.dep_ == "aux"):
                return True
            if child.dep_ in ("nsubj", "nsubjpass") and _no_one(child):
                return True  # "No one was killed during the raid"
            if child.dep_ == "mark" and child.lower_ in ("if", "unless"):
                return True
            if child.dep_ == "advmod" and child.lower_ in ("almost", "nearly"):
                return True  # "was almost gunned down": it did not happen
    ended = root.dep_ in ("nsubj", "nsubjpass") and verb.lemma_.lower() in ("end", "stop", "halt")
    if ended and trigger.label_ == "PROTEST":
        return False  # "a rally in Surabaya ended peacefully": it took place
    if verb.i != root.i and verb.lemma_.lower() in IRREALIS_GOVERNORS:
        # "accused the other of preparing fresh offensives", "threatened attacks"; but "condemned the drone
        # strike on the market of Kosti" tells an attack that happened, with its place
        return not (verb.lemma_.lower() in TELLING_GOVERNORS and names_a_place(root))
    node = verb
    for _ in range(4):
        if node.dep_ in ("xcomp", "ccomp", "advcl", "dobj", "pobj", "prep", "acl", "relcl"):
            node = node.head
            if node.lemma_.lower() in IRREALIS_GOVERNORS:
                return True
            if any(c.lower_ in MODALS and c.dep_ == "aux" for c in node.children) and verb.dep_ == "xcomp":
                return True
        else:
            break
    # "to attack" as the complement of a verb is not yet a fact; "held a sit-in to protest" (a purpose
    # clause, advcl) is
    return root.tag_ == "VB" and root.dep_ == "xcomp" and root.head.pos_ == "VERB"


#: Verbs that end a captivity: their object's captors are not abducting anyone in that clause.
FREEING_VERBS = frozenset({"rescue", "free", "release", "liberate", "hand", "reunite", "evacuate", "return"})


def _no_one(subject: Token) -> bool:
    """ "no one", "nobody", "none of the passengers": a subject that says it did not happen."""
    if subject.lower_ in ("nobody", "none", "noone"):
        return True
    return subject.lower_ == "one" and subject.i > 0 and subject.doc[subject.i - 1].lower_ == "no"


def names_a_place(noun: Token) -> bool:
    """Whether an attack noun's phrase names where it struck ("the drone strike on the market of Kosti")."""
    return any(t.dep_ == "pobj" and t.pos_ == "PROPN" for t in noun.subtree)


def _freed(trigger: Span) -> bool:
    """Whether an abduction word only describes people being freed: "rescued 14 kidnapped victims",
    "the release of 12 hostages", "handed over the hostages"."""
    if trigger.label_ != "ABDUCT":
        return False
    root = trigger.root
    noun = root.head if root.dep_ in ("amod", "compound") else root
    if noun.dep_ in ("dobj", "nsubjpass", "conj") and noun.head.lemma_.lower() in FREEING_VERBS:
        return True
    return (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.lemma_.lower()
        in ("release", "rescue", "freeing", "liberation", "return", "exchange", "swap")
    )


def _hearsay(noun: Token) -> bool:
    """ "unconfirmed reports", "rumours", "allegations": talk of an event, not a report of it."""
    lemma = noun.lemma_.lower()
    if lemma in ("rumour", "rumor", "allegation"):
        return True
    unconfirmed = any(c.lower_ in ("unconfirmed", "unverified") for c in noun.children)
    return lemma in ("report", "claim") and unconfirmed


def is_labour_strike(trigger: Span) -> bool:
    """ "went on strike", "hunger strike": not an attack."""
    doc = trigger.doc
    before = {t.lower_ for t in doc[max(trigger.start - 2, 0) : trigger.start]}
    return bool(before & LABOUR_STRIKE_WORDS) and trigger.label_ == "STRIKE"


def remote_sub_events(labels: set[str], weapons: set[WeaponType], text: str) -> list[SubEventType]:
    """Remote-violence sub-event candidates from the trigger classes and the weapons named."""
    out = [WEAPON_SUB_EVENT[w] for w in weapons if w in WEAPON_SUB_EVENT]
    if "AIRSTRIKE" in labels:
        lowered = text.lower()
        if "missile" in lowered and "drone" not in lowered and "air" not in lowered:
            out.append(S.SHELLING_ARTILLERY_MISSILE)
        else:
            out.append(S.AIR_DRONE_STRIKE)
    if "SHELLING" in labels:
        out.append(S.SHELLING_ARTILLERY_MISSILE)
    if "BOMBING" in labels:
        out.append(S.SUICIDE_BOMB if "suicide" in text.lower() else S.REMOTE_EXPLOSIVE)
    if "chemical" in text.lower() and ("gas" in text.lower() or "chemical weapon" in text.lower()):
        out.append(S.CHEMICAL_WEAPON)
    if not out and "EXPLOSION" in labels and labels & {"KILL", "WOUND", "HIT"}:
        out.append(S.REMOTE_EXPLOSIVE)  # "an explosion at a mosque killed 15": a bomb, type unknown
    if not out and "STRIKE" in labels and AIR_WORDS.search(text):
        out.append(S.AIR_DRONE_STRIKE)  # "the Air Force said it struck a bandit enclave": from the air
    if not out and "STRIKE" in labels and labels & {"KILL", "WOUND", "HIT"}:
        out.append(S.AIR_DRONE_STRIKE)  # "strikes on Gaza City killed 20": in war reporting, air strikes
    return out


def classify(
    labels: set[str],
    *,
    weapons: set[WeaponType],
    text: str,
    attacker: Inter | None,
    victim: Inter | None,
    has_casualties: bool,
    military_target: bool = False,
) -> SubEventType | None:
    """The sub-event type by ACLED's precedence; None when the sentence needs context (a wave) to decide."""
    lowered = text.lower()
    remote = remote_sub_events(labels, weapons, text)
    intercepted = weapons & {WeaponType.DRONE, WeaponType.MISSILE, WeaponType.ROCKET}
    if "INTERCEPT" in labels and intercepted and not has_casualties:
        return S.DISRUPTED_WEAPONS_USE
    defused = weapons & {WeaponType.IED_LANDMINE, WeaponType.GRENADE}
    if "INTERCEPT" in labels and defused and not has_casualties and not labels & {"EXPLOSION", "BOMBING"}:
        return S.DISRUPTED_WEAPONS_USE  # "a bomb squad defused two IEDs planted under a culvert"
    state = attacker in (Inter.STATE_FORCES, Inter.EXTERNAL_OTHER_FORCES)
    air_defence = "air defen" in lowered or "anti-aircraft" in lowered or "air-defen" in lowered
    if air_defence and "HIT" in labels and intercepted and not has_casualties:
        return S.DISRUPTED_WEAPONS_USE  # "air defences destroyed nine drones"
    if state and labels & {"KILL", "SHOOT", "WOUND"} and PROTESTER_WORDS.search(lowered):
        return S.EXCESSIVE_FORCE_AGAINST_PROTESTERS  # "shot dead when officers opened fire on demonstrators"
    armed_group = attacker in ARMED_INTERS - {Inter.STATE_FORCES}
    if "CLASH" in labels and COMMUNAL_CLASH.search(text) and not armed_group:
        return S.MOB_VIOLENCE  # "a clash between two communities during a procession"
    if "CLASH" in labels and CROWD_CLASH.search(text):
        return (
            S.VIOLENT_DEMONSTRATION
        )  # "PTI workers clashed with police", "clashes between police and students"
    if "PROTEST" in labels or attacker is Inter.PROTESTERS or (state and victim is Inter.PROTESTERS):
        force = labels & {"KILL", "SHOOT", "WOUND"}
        if force and (victim is Inter.PROTESTERS or state):
            return S.EXCESSIVE_FORCE_AGAINST_PROTESTERS  # "forces opened fire on protesters, killing three"
        if "CLASH" in labels or "RIOT" in labels:
            return S.VIOLENT_DEMONSTRATION  # "protesters clashed with police"
        if attacker is Inter.PROTESTERS and labels & {"ATTACK", "CAPTURE"}:
            return S.VIOLENT_DEMONSTRATION  # "protesters overran police lines and stormed parliament"
        if "RIOT" in labels:
            return S.VIOLENT_DEMONSTRATION
        if labels & {"ARREST"} or INTERVENTION_WORDS.search(lowered) or (state and "ATTACK" in labels):
            return S.PROTEST_WITH_INTERVENTION  # "police beat protesters": force short of lethal
        if "PROTEST" in labels:
            return S.PEACEFUL_PROTEST
    armed = attacker in ARMED_INTERS
    if "RIOT" in labels and not armed:
        # a crowd burning and looting is a violent demonstration; a mob turning on people is mob violence
        against_people = bool(labels & {"KILL", "SHOOT", "ATTACK", "WOUND", "SEXUAL"}) or (
            attacker is Inter.RIOTERS and has_casualties  # "a mob beat and stoned to death a trader"
        )
        return (
            S.VIOLENT_DEMONSTRATION if attacker is Inter.PROTESTERS or not against_people else S.MOB_VIOLENCE
        )
    if attacker is Inter.RIOTERS and labels & {"KILL", "SHOOT", "ATTACK", "WOUND"}:
        return S.MOB_VIOLENCE  # "a mob lynched two men"
    if "SEXUAL" in labels:
        return S.SEXUAL_VIOLENCE
    if "BOMB" in labels and not remote:
        # "the junta bombed a monastery": from the air when states do it, a planted bomb otherwise
        remote = [S.AIR_DRONE_STRIKE if state else S.REMOTE_EXPLOSIVE]
    violence = labels & {"KILL", "SHOOT", "CLASH", "WOUND", "ATTACK"}
    if "AGREEMENT" in labels and not violence and not remote:
        return S.AGREEMENT  # "signed an agreement in Aleppo under which ...": the agreement, not its terms
    if "TRANSFER" in labels and not labels & {"KILL", "SHOOT", "CLASH", "WOUND"} and not remote:
        return S.NON_VIOLENT_TRANSFER  # "entered the town without firing a shot", "handed control to"
    if "CAPTURE" in labels and attacker is not None and not remote:
        # territory changing hands precedes the armed clash it came with (codebook §2); a foreign state's
        # forces taking ground abroad do not "regain" it: ACLED codes them as overtaking territory
        if attacker is Inter.STATE_FORCES:
            return S.GOVERNMENT_REGAINS_TERRITORY
        return S.NON_STATE_ACTOR_OVERTAKES_TERRITORY
    if "CLASH" in labels and not remote:
        return S.ARMED_CLASH
    armed_side = military_target or victim in (Inter.STATE_FORCES, Inter.EXTERNAL_OTHER_FORCES)
    if remote and "SHOOT" in labels and "ATTACK" in labels and armed_side and attacker in ARMED_INTERS:
        # "attacked the military base ..., using armed drones and heavy gunfire": a ground assault on armed
        # forces is a battle, and the drones it used are part of it (codebook §2)
        return S.ARMED_CLASH
    if remote:
        return first_by_precedence(remote)
    if "CAPTURE" in labels:
        return None  # territory taken by nobody named: context decides
    if "ABDUCT" in labels:
        if has_casualties and labels & {"KILL", "SHOOT", "ATTACK"}:
            return S.ATTACK  # hostages taken and people killed: Attack precedes Abduction (codebook §2)
        return S.ABDUCTION
    if "ARREST" in labels:
        state = (None, Inter.STATE_FORCES, Inter.EXTERNAL_OTHER_FORCES)
        return S.ARRESTS if attacker in state else S.ABDUCTION
    if labels & {"KILL", "SHOOT", "ATTACK", "WOUND"}:
        if military_target:
            return S.ARMED_CLASH  # an attack on a base, post, convoy or police station engages armed forces
        if victim is not None and victim is not Inter.CIVILIANS:
            return S.ARMED_CLASH
        assault = not labels & {"KILL", "SHOOT", "WOUND"} and not re.search(r"\braid", lowered)
        if state and victim is None and not has_casualties and assault:
            # "the enemy attacked 12 times near Zarichne", "troops stormed the insurgents' hideout": a
            # state's forces assaulting a place with no one harmed named engage armed men, not civilians;
            # a raid is most often a search or an arrest
            return S.ARMED_CLASH
        if victim is Inter.CIVILIANS or has_casualties or "ATTACK" in labels:
            return S.ATTACK
    if "RIOT" in labels:
        return S.LOOTING  # an armed group or army burning or looting, no one hurt
    if labels & GENERIC_REMOTE:
        return None  # "explosions were heard", "the strikes hit": the wave's weapons decide
    return None
