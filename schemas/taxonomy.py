"""ACLED's event taxonomy: event types, sub-event types, disorder types and actor types."""

from __future__ import annotations

from enum import StrEnum


class EventType(StrEnum):
    """ACLED's six event types."""

    BATTLES = "Battles"
    PROTESTS = "Protests"
    RIOTS = "Riots"
    EXPLOSIONS = "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"


class SubEventType(StrEnum):
    """ACLED's 25 sub-event types, listed in precedence order within each event type."""

    GOVERNMENT_REGAINS_TERRITORY = "Government regains territory"
    NON_STATE_ACTOR_OVERTAKES_TERRITORY = "Non-state actor overtakes territory"
    ARMED_CLASH = "Armed clash"
    EXCESSIVE_FORCE_AGAINST_PROTESTERS = "Excessive force against protesters"
    PROTEST_WITH_INTERVENTION = "Protest with intervention"
    PEACEFUL_PROTEST = "Peaceful protest"
    VIOLENT_DEMONSTRATION = "Violent demonstration"
    MOB_VIOLENCE = "Mob violence"
    CHEMICAL_WEAPON = "Chemical weapon"
    AIR_DRONE_STRIKE = "Air/drone strike"
    SUICIDE_BOMB = "Suicide bomb"
    SHELLING_ARTILLERY_MISSILE = "Shelling/artillery/missile attack"
    REMOTE_EXPLOSIVE = "Remote explosive/landmine/IED"
    GRENADE = "Grenade"
    SEXUAL_VIOLENCE = "Sexual violence"
    ATTACK = "Attack"
    ABDUCTION = "Abduction/forced disappearance"
    AGREEMENT = "Agreement"
    ARRESTS = "Arrests"
    CHANGE_TO_GROUP = "Change to group/activity"
    DISRUPTED_WEAPONS_USE = "Disrupted weapons use"
    HEADQUARTERS_ESTABLISHED = "Headquarters or base established"
    LOOTING = "Looting/property destruction"
    NON_VIOLENT_TRANSFER = "Non-violent transfer of territory"
    OTHER = "Other"


class DisorderType(StrEnum):
    """ACLED's disorder types, as exported (one value may name two types)."""

    POLITICAL_VIOLENCE = "Political violence"
    DEMONSTRATIONS = "Demonstrations"
    POLITICAL_VIOLENCE_DEMONSTRATIONS = "Political violence; Demonstrations"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"


S = SubEventType
E = EventType
D = DisorderType

#: sub-event type -> (event type, disorder type); dict order is ACLED's precedence order.
SUB_EVENT_TYPES: dict[SubEventType, tuple[EventType, DisorderType]] = {
    S.GOVERNMENT_REGAINS_TERRITORY: (E.BATTLES, D.POLITICAL_VIOLENCE),
    S.NON_STATE_ACTOR_OVERTAKES_TERRITORY: (E.BATTLES, D.POLITICAL_VIOLENCE),
    S.ARMED_CLASH: (E.BATTLES, D.POLITICAL_VIOLENCE),
    S.EXCESSIVE_FORCE_AGAINST_PROTESTERS: (E.PROTESTS, D.POLITICAL_VIOLENCE_DEMONSTRATIONS),
    S.PROTEST_WITH_INTERVENTION: (E.PROTESTS, D.DEMONSTRATIONS),
    S.PEACEFUL_PROTEST: (E.PROTESTS, D.DEMONSTRATIONS),
    S.VIOLENT_DEMONSTRATION: (E.RIOTS, D.DEMONSTRATIONS),
    S.MOB_VIOLENCE: (E.RIOTS, D.POLITICAL_VIOLENCE),
    S.CHEMICAL_WEAPON: (E.EXPLOSIONS, D.POLITICAL_VIOLENCE),
    S.AIR_DRONE_STRIKE: (E.EXPLOSIONS, D.POLITICAL_VIOLENCE),
    S.SUICIDE_BOMB: (E.EXPLOSIONS, D.POLITICAL_VIOLENCE),
    S.SHELLING_ARTILLERY_MISSILE: (E.EXPLOSIONS, D.POLITICAL_VIOLENCE),
    S.REMOTE_EXPLOSIVE: (E.EXPLOSIONS, D.POLITICAL_VIOLENCE),
    S.GRENADE: (E.EXPLOSIONS, D.POLITICAL_VIOLENCE),
    S.SEXUAL_VIOLENCE: (E.VIOLENCE_AGAINST_CIVILIANS, D.POLITICAL_VIOLENCE),
    S.ATTACK: (E.VIOLENCE_AGAINST_CIVILIANS, D.POLITICAL_VIOLENCE),
    S.ABDUCTION: (E.VIOLENCE_AGAINST_CIVILIANS, D.POLITICAL_VIOLENCE),
    S.AGREEMENT: (E.STRATEGIC_DEVELOPMENTS, D.STRATEGIC_DEVELOPMENTS),
    S.ARRESTS: (E.STRATEGIC_DEVELOPMENTS, D.STRATEGIC_DEVELOPMENTS),
    S.CHANGE_TO_GROUP: (E.STRATEGIC_DEVELOPMENTS, D.STRATEGIC_DEVELOPMENTS),
    S.DISRUPTED_WEAPONS_USE: (E.STRATEGIC_DEVELOPMENTS, D.STRATEGIC_DEVELOPMENTS),
    S.HEADQUARTERS_ESTABLISHED: (E.STRATEGIC_DEVELOPMENTS, D.STRATEGIC_DEVELOPMENTS),
    S.LOOTING: (E.STRATEGIC_DEVELOPMENTS, D.STRATEGIC_DEVELOPMENTS),
    S.NON_VIOLENT_TRANSFER: (E.STRATEGIC_DEVELOPMENTS, D.STRATEGIC_DEVELOPMENTS),
    S.OTHER: (E.STRATEGIC_DEVELOPMENTS, D.STRATEGIC_DEVELOPMENTS),
}

#: event types in ACLED's order; the precedence among sub-event types follows SUB_EVENT_TYPES.
PRECEDENCE: tuple[SubEventType, ...] = tuple(SUB_EVENT_TYPES)


def event_type_of(sub_event_type: SubEventType) -> EventType:
    """The event type a sub-event type belongs to."""
    return SUB_EVENT_TYPES[sub_event_type][0]


def disorder_type_of(sub_event_type: SubEventType) -> DisorderType:
    """The disorder type that follows from a sub-event type."""
    return SUB_EVENT_TYPES[sub_event_type][1]


def check_pairing(sub_event_type: SubEventType, event_type: EventType) -> None:
    """Raise ValueError when a sub-event type does not belong to the event type it is paired with."""
    expected = event_type_of(sub_event_type)
    if event_type is not expected:
        raise ValueError(
            f"sub_event_type {sub_event_type.value!r} belongs to event_type "
            f"{expected.value!r}, not {event_type.value!r}"
        )


def first_by_precedence(candidates: list[SubEventType]) -> SubEventType:
    """The sub-event type that wins when tactics co-occur in one event."""
    return min(candidates, key=PRECEDENCE.index)


class Inter(StrEnum):
    """ACLED actor types, held as the text labels ACLED exports; ``.code`` gives the old number."""

    STATE_FORCES = "State forces"
    REBEL_GROUP = "Rebel group"
    POLITICAL_MILITIA = "Political militia"
    IDENTITY_MILITIA = "Identity militia"
    RIOTERS = "Rioters"
    PROTESTERS = "Protesters"
    CIVILIANS = "Civilians"
    EXTERNAL_OTHER_FORCES = "External/Other forces"

    @property
    def code(self) -> int:
        """ACLED's numeric inter code (1-8)."""
        return list(Inter).index(self) + 1

    @classmethod
    def from_code(cls, code: int) -> Inter:
        """The actor type for a numeric inter code."""
        if not 1 <= code <= 8:
            raise ValueError(f"inter code must be 1-8, got {code}")
        return list(cls)[code - 1]


def interaction_label(inter1: Inter, inter2: Inter | None) -> str:
    """ACLED's interaction text: the two actor types, smaller code first, or '<type> only'."""
    if inter2 is None:
        return f"{inter1.value} only"
    first, second = sorted((inter1, inter2), key=lambda i: i.code)
    return f"{first.value}-{second.value}"


def interaction_code(inter1: Inter, inter2: Inter | None) -> int:
    """ACLED's numeric interaction code: 17 for State forces-Civilians, 10 for State forces only."""
    if inter2 is None:
        return inter1.code * 10
    low, high = sorted((inter1.code, inter2.code))
    return low * 10 + high
