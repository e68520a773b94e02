"""Who did it and to whom: actor mentions found through the parse and normalised by the actor table."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from extractors.actors import GENERIC_KINDS, Actor, ActorTable, Country
from extractors.classify import IRREALIS_GOVERNORS, trigger_verb
from extractors.mentions import Found, is_locative
from schemas import Inter

PRONOUNS = frozenset({"it", "they", "its", "their", "he", "she", "them"})
FORCE_UNIT_NOUNS = frozenset(
    {
        "patrol",
        "convoy",
        "post",
        "checkpoint",
        "station",
        "base",
        "vehicle",
        "camp",
        "outpost",
        "position",
        "unit",
        "barracks",
        "truck",
        "team",
    }
)
BLAME_VERBS = frozenset({"blame", "attribute", "claim", "carry", "conduct", "launch", "perpetrate"})
AFFILIATED = frozenset(
    {"loyal", "affiliate", "affiliated", "link", "linked", "allied", "belong", "tied", "aligned"}
)
NAMED_INTERS = frozenset({Inter.REBEL_GROUP, Inter.POLITICAL_MILITIA, Inter.IDENTITY_MILITIA})
#: Nouns of harm whose "to"/"of" object is the one harmed: "injuries to eight personnel".
HARM_NOUNS = frozenset({"injury", "death", "casualty", "wound", "killing", "wounding", "loss"})
#: Nouns for a group's followers, who act as a crowd rather than as the group.
SUPPORTER_NOUNS = frozenset({"supporter", "sympathiser", "sympathizer", "follower", "partisan"})
#: Places whose attack is an attack on the people who live or gather there.
CIVILIAN_PLACES = frozenset(
    {"village", "town", "home", "house", "homes", "houses", "school", "hospital", "mosque", "church",
     "market", "hamlet", "neighbourhood", "neighborhood", "settlement", "farm", "shop", "temple"}
)  # fmt: skip
#: Crowds of ordinary people who, as the subject of violence, act as a mob ("residents beat two men and set
#: them on fire", "villagers lynched a suspected thief"): rioters, not civilians (codebook §2, Mob violence).
CROWD_SUBJECTS = frozenset({"resident", "villager", "local", "youth", "crowd", "worshipper", "mob"})
MOB_TRIGGERS = frozenset({"KILL", "ATTACK", "RIOT"})
VICTIM_TRIGGERS = frozenset({"KILL", "SHOOT", "WOUND", "ATTACK", "ABDUCT", "ARREST", "HIT", "SEXUAL"})


@dataclass(frozen=True)
class ActorMention:
    """A resolved actor and the words it came from."""

    actor: Actor
    found: Found


def noun_chunks(doc: Doc) -> list[Span]:
    """The doc's noun chunks, computed once per doc (spaCy recomputes them on every access)."""
    chunks = doc.user_data.get("conflict_noun_chunks")
    if chunks is None:
        chunks = doc.user_data["conflict_noun_chunks"] = list(doc.noun_chunks)
    return chunks


def _chunk_of(token: Token) -> Span | None:
    doc = token.doc
    index = doc.user_data.get("conflict_chunk_index")
    if index is None:
        index = doc.user_data["conflict_chunk_index"] = {
            i: chunk for chunk in noun_chunks(doc) for i in range(chunk.start, chunk.end)
        }
    return index.get(token.i)


def _at_a_border(token: Token) -> bool:
    """Whether the name is what a border lies with: "near the borders with Niger and Benin"."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.head.lemma_.lower() in ("border", "frontier")


def _dateline_dash(sent: Span) -> int | None:
    """Where the dash after a dateline stands in the sentence ("BANGKOK (AP) — ..."), if it has one."""
    return next((t.i for t in sent[:10] if t.text in ("—", "–", "--")), None)


def _phrase(token: Token) -> Span:
    """The noun phrase a token heads, without relative clauses or long appositions."""
    doc = token.doc
    chunk = _chunk_of(token)
    if chunk is None:
        left = min(
            (t.i for t in token.lefts if t.dep_ in ("amod", "compound", "det", "poss", "nmod")),
            default=token.i,
        )
        chunk = doc[left : token.i + 1]
    # "Nigeria — Borno State: ISWAP fighters": a heading before a dash or colon is not part of the name
    cut = max((t.i for t in chunk if t.i < token.i and t.text in ("—", "–", ":", ";")), default=None)
    return chunk if cut is None else doc[cut + 1 : chunk.end]


#: The state each side of a war between two states calls "the enemy" (ACLED codes it as that state's forces).
WAR_ENEMY = {"Ukraine": "Russia", "Russia": "Ukraine"}
ENEMY_WORDS = frozenset(
    {"enemy", "occupier", "occupiers", "aggressor", "invader", "invaders", "ruscist", "ruscists", "rashist",
     "rashists", "orc", "orcs"}
)  # fmt: skip
#: Verbs by which someone lays an attack at another's door: their subject is no attacker.
ATTRIBUTING_VERBS = frozenset({"attribute", "blame", "accuse", "suspect"})
DYING_VERBS = frozenset({"die", "perish", "succumb"})
#: Verbs by which a force tells what its own soldiers did or suffered.
SAYING_VERBS = frozenset({"say", "announce", "report", "confirm", "state", "add"})
#: The name of every unidentified armed group, before its country in brackets.
UNIDENTIFIED_PREFIX = GENERIC_KINDS["unidentified"][0]


def agents_of(verb: Token) -> list[Token]:
    """Who a passive verb says did it: the objects of its "by" ("planted by Maoists" gives "Maoists")."""
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _name_after(token: Token) -> Token:
    """The name an adjective the parser took for a noun runs into: "launched by Sudan's paramilitary Rapid
    Support Forces" parses "paramilitary" as the object and "Forces" as the next clause's subject."""
    doc, j = token.doc, token.i + 1
    if token.pos_ != "ADJ" or j >= len(doc) or doc[j].pos_ != "PROPN":
        return token
    while j + 1 < len(doc) and doc[j].dep_ == "compound" and doc[j + 1].pos_ == "PROPN":
        j += 1
    return doc[j]


class ActorFinder:
    """Finds the attacker (actor1) and the victim (actor2) of a sentence's triggers."""

    def __init__(self, table: ActorTable) -> None:
        self.table = table

    def from_token(
        self, token: Token, country: Country | None, *, modifiers: bool = True
    ) -> ActorMention | None:
        """Resolve the noun phrase around ``token`` ("Russian forces", "the paramilitary RSF", "Russia");
        with ``modifiers``, a state named by a modifier counts too ("Russian drone", "Israeli strikes")."""
        if token.pos_ == "PRON" or token.lower_ in PRONOUNS:
            return None
        if token.lemma_.lower() in SUPPORTER_NOUNS:
            # "Hezbollah supporters", "supporters of the ruling party": partisans in the street, not the
            # armed group or party itself
            return ActorMention(self.table.generic("protesters", country), Found.of(_phrase(token)))
        affiliation = self._affiliation(token, country)
        if affiliation is not None:
            return affiliation
        at_war = WAR_ENEMY.get(country.name) if country is not None else None
        if at_war is not None and token.lemma_.lower() in ENEMY_WORDS:
            # "the enemy carried out 18 attacks", "the occupiers shelled": in a war between two states, what
            # each side's officials call the enemy is the other state's forces
            enemy = self.table.country(at_war)
            return ActorMention(self.table.military(enemy), Found.of(_phrase(token))) if enemy else None
        if token.lemma_.lower() in ("group", "band", "gathering"):
            # "a group of alleged cow vigilantes" (the tagger may read "vigilantes" as a verb): the members
            for member in (
                g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
            ):
                if member.dep_ == "pobj":
                    found = self.from_token(member, country, modifiers=False)
                    if found is not None:
                        return found
        phrase = _phrase(token)
        named_of = [
            g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
            if g.dep_ == "pobj" and g.pos_ == "PROPN"
        ] if token.pos_ == "PROPN" else []  # fmt: skip
        if named_of:
            # "the proscribed Indigenous People of Biafra": a name that runs on through "of"
            whole = token.doc[phrase.start : named_of[0].right_edge.i + 1]
            named = self.table.resolve(whole.text, context_country=country)
            if named is not None and named.inter in NAMED_INTERS:
                return ActorMention(named, Found.of(whole))
        actor = self.table.resolve(phrase.text, context_country=country)
        if actor is None and phrase.text != token.text:
            actor = self.table.resolve(token.text, context_country=country)
        for start in range(phrase.start + 1, token.i) if actor is None else ():
            # "the Kaduna State Police Command": a state's force named after the unit it serves
            tail = self.table.resolve(token.doc[start : token.i + 1].text, context_country=country)
            home = country is not None and tail is not None and tail.country == country.name
            if home and tail.inter is Inter.STATE_FORCES:
                actor = tail
                break
        if actor is None and token.lemma_.lower() in FORCE_UNIT_NOUNS:
            # "a police patrol", "a Kenyan army convoy": the force the unit belongs to
            words = [c for c in token.lefts if c.dep_ in ("amod", "compound", "nmod", "poss")]
            if words:
                actor = self.table.resolve(" ".join(w.text for w in words), context_country=country)
                if actor is not None and actor.inter not in (Inter.STATE_FORCES, Inter.EXTERNAL_OTHER_FORCES):
                    actor = None
        for appos in (c for c in token.children if c.dep_ == "appos"):
            if actor is None:  # "the Islamist militant group al-Shabab": the name is in apposition
                phrase = _phrase(appos)
                actor = self.table.resolve(phrase.text, context_country=country)
        if actor is not None and actor.name.startswith(UNIDENTIFIED_PREFIX):
            # "Province (ISWAP) fighters": a misparsed phrase whose name is still in it
            named = self._name_within(phrase, country)
            if named is not None:
                return named
        if (
            actor is not None
            and actor.inter is Inter.STATE_FORCES
            and self.table.resolve(phrase.text) is None
        ):
            own = self._speakers_state(token, country)  # no state named in the phrase itself
            if own is not None:
                # "The Israeli military said a soldier had been killed", "the IDF said forces had
                # apprehended": a force named by no state is the one of the state whose forces tell of it
                police = actor.name == self.table.police(actor.country).name if actor.country else False
                actor = self.table.police(own) if police else self.table.military(own)
        if actor is None:
            if not modifiers:
                return None
            for modifier in token.children:  # "Russian attack drone", "Israeli strikes"
                if modifier.dep_ in ("amod", "compound", "poss", "nmod") and modifier.i < token.i:
                    found = self._state_of(modifier)
                    if found is not None:
                        return ActorMention(found, Found.of(modifier))
            return None
        return ActorMention(actor, Found.of(phrase))

    def _speakers_state(self, token: Token, country: Country | None) -> Country | None:
        """The state whose named forces say what the clause around ``token`` tells, if another state than
        the event's country."""
        for verb in token.ancestors:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in SAYING_VERBS:
                continue
            for subj in (c for c in verb.children if c.dep_ == "nsubj"):
                named = self.table.resolve(_phrase(subj).text)
                if named is None or named.inter is not Inter.STATE_FORCES or named.country is None:
                    continue
                if country is None or named.country != country.name:
                    return self.table.country(named.country)
            return None
        return None

    def _speaker(self, verb: Token, country: Country | None) -> ActorMention | None:
        """The actor who says that "it" or "they" did something: the subject of the reporting verb."""
        head = verb.head
        if verb.dep_ not in ("ccomp", "conj") or head.i == verb.i or head.pos_ != "VERB":
            return None
        dash = _dateline_dash(verb.sent)
        dash = -1 if dash is None else dash
        subjects = [c for c in head.children if c.dep_ == "nsubj" and c.lower_ not in PRONOUNS]
        # "BANGKOK (AP) — The Arakan Army said": the dateline is no speaker, its apposition may be
        subjects = [
            t
            for s in subjects
            for t in ([s] if s.i > dash else [c for c in s.children if c.i > dash])
            if t.i > dash and t.dep_ in ("nsubj", "appos")
        ]
        for subj in subjects:
            mention = self.from_token(subj, country)
            if mention is not None and mention.actor.inter not in (Inter.CIVILIANS,):
                return mention
        return None

    def _name_within(self, phrase: Span, country: Country | None) -> ActorMention | None:
        """A named armed group among the proper-noun runs of a phrase."""
        doc, i = phrase.doc, phrase.start
        while i < phrase.end:
            if doc[i].pos_ != "PROPN":
                i += 1
                continue
            j = i
            while j + 1 < phrase.end and doc[j + 1].pos_ == "PROPN":
                j += 1
            run = doc[i : j + 1]
            actor = self.table.resolve(run.text, context_country=country)
            if (
                actor is not None
                and actor.inter not in (Inter.CIVILIANS, Inter.STATE_FORCES)
                and not actor.name.startswith(UNIDENTIFIED_PREFIX)
            ):
                return ActorMention(actor, Found.of(run))
            i = j + 1
        return None

    def _affiliation(self, token: Token, country: Country | None) -> ActorMention | None:
        """ "fighters loyal to the TTP", "militants of JNIM", "gunmen from the Gran Grif gang": the
        named group the generic noun belongs to."""
        preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "from")]
        modifiers = [
            c for c in token.children if c.dep_ in ("amod", "acl") and c.lemma_.lower() in AFFILIATED
        ]
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in AFFILIATED:
            modifiers.append(token.head)  # misparsed "Insurgents linked to IS beheaded ...": "linked" as verb
        for modifier in modifiers:
            preps += [c for c in modifier.children if c.dep_ == "prep" and c.lower_ in ("to", "with", "from")]
        for prep in preps:
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                if pobj.lemma_.lower() in SUPPORTER_NOUNS:  # "dozens of Hezbollah supporters"
                    return self.from_token(pobj, country)
                phrase = _phrase(pobj)
                actor = self.table.resolve(phrase.text, context_country=country)
                if (
                    actor is not None
                    and actor.inter in NAMED_INTERS
                    and not actor.name.startswith("Unidentified")
                ):
                    return ActorMention(actor, Found.of(phrase))
        return None

    def _state_of(self, token: Token) -> Actor | None:
        """The actor a modifier names: a named group ("IS members") or a state ("Russian drone")."""
        text = token.text.removesuffix("'s").removesuffix("’s")
        doc = token.doc
        split_model = (
            token.i + 2 < len(doc) and doc[token.i + 1].text in ("-", "–") and doc[token.i + 2].like_num
        )
        if split_model or any(ch.isdigit() for ch in text):
            return None  # "a Palestine-2 missile", "a Shahed-136": a weapon's model, not a state
        named = self.table.resolve(text)
        if named is not None:
            return named
        country = self.table.country_of_demonym(text) or self.table.country_of_metonym(text)
        if country is None and not (text.isupper() and len(text) <= 3):
            country = self.table.country(text)  # a country name, never a bare ISO code such as "IS"
        return self.table.military(country) if country is not None else None

    def attacker(
        self,
        triggers: list[Span],
        sent: Span,
        country: Country | None,
        previous: ActorMention | None,
        victims: tuple[Token, ...] = (),
    ) -> ActorMention | None:
        """actor1: the passive agent, the subject, a modifier of the trigger, or an actor in the sentence
        that is not among ``victims`` (the heads of the sentence's counts of killed and wounded)."""
        for token in sent:
            # "mortar shells fired from the Pakistani side": the state whose side they came from
            if token.lower_ != "from" or token.head.lemma_.lower() not in ("fire", "launch", "shell"):
                continue
            for side in (g for g in token.children if g.lemma_.lower() in ("side", "territory")):
                for adjective in (m for m in side.children if m.dep_ == "amod"):
                    state = self.table.country_of_demonym(adjective.text)
                    if state is not None:
                        army = self.table.resolve(self.table.military(state).name, context_country=country)
                        return ActorMention(army or self.table.military(state), Found.of(adjective))
        for weapon in sent.doc.spans.get("weapons", []):
            if not sent.start <= weapon.start < sent.end:
                continue
            # "stepping on an IED planted by Maoists", "a drone launched by the RSF": who used the weapon
            near = [*weapon.root.children, weapon.root.head]  # the parser may hang the weapon off the verb
            for acl in (c for c in near if c.dep_ == "acl" and 0 < c.i - weapon.end + 1 <= 2):
                # "an IED planted by Maoists", "an IED suspected to have been planted by Al-Shabaab"
                verbs = [acl, *(c for c in acl.children if c.dep_ == "xcomp")]
                for pobj in (g for v in verbs for g in agents_of(v)):
                    mention = self.from_token(_name_after(pobj), country)
                    if mention is not None and mention.actor.inter is not Inter.CIVILIANS:
                        return mention
        for trigger in triggers:
            root = trigger.root
            verb = trigger_verb(root)
            for pobj in (g for token in (root, verb) for g in agents_of(token)):
                mention = self.from_token(pobj, country)
                if mention is not None:
                    return mention
            if root.pos_ == "NOUN":  # "an attack by JNIM fighters", "an attack from Assad loyalists"
                preps = [c for c in root.children if c.dep_ == "prep" and c.lower_ in ("by", "from")]
                # "a drone attack blamed on the RSF", "an attack attributed to JNIM"
                for acl in (c for c in root.children if c.dep_ == "acl" and c.lemma_.lower() in BLAME_VERBS):
                    preps += [
                        c
                        for c in acl.children
                        if c.dep_ in ("prep", "agent") and c.lower_ in ("on", "to", "by")
                    ]
                for prep in preps:
                    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                        mention = self.from_token(pobj, country)
                        if mention is not None:
                            return mention
            if root.head.lower_ == "under":
                continue  # "forces came under attack": the subject is the one attacked, not the attacker
            if verb.pos_ in ("VERB", "AUX"):
                # "a soldier died": the subject of dying is a victim
                subjects = [
                    c
                    for c in verb.children
                    if c.dep_ == "nsubj" and verb.lemma_.lower() not in ("die", "perish")
                ]
                if not subjects and verb.dep_ == "conj" and verb.head.lemma_.lower() not in ("die", "perish"):
                    # "an operation rescued 190 passengers and killed 30 militants": a shared subject
                    subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
                # nearest first: a dateline ("KHARTOUM, Sudan (AP) — RSF fighters attacked") can parse
                # as a second subject far before the verb
                dash = _dateline_dash(sent)
                if dash is not None:  # "KHARTOUM, Sudan (AP) — ...": the dateline is no subject, but
                    # "MAIDUGURI, Nigeria — Gunmen killed" can parse the subject as the dateline's apposition
                    subjects = [s for s in subjects if s.i > dash] or [
                        c for s in subjects for c in s.children if c.i > dash and c.dep_ in ("appos", "conj")
                    ]
                for subj in sorted(subjects, key=lambda s: abs(verb.i - s.i)):
                    if subj.lower_ in PRONOUNS:
                        # "AFRICOM said it had conducted an airstrike": the speaker, when it is an actor
                        speaker = self._speaker(verb, country)
                        if speaker is not None:
                            return speaker
                        if previous is not None:
                            return previous
                        continue
                    mention = self.from_token(subj, country)
                    owned = any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in subj.children)
                    bare = self.table.resolve(subj.text)
                    if owned and (bare is None or bare.country is None):
                        # "its fighters raided ...", "its forces had captured ...": the group or state the
                        # story or the speaker is about, not fighters or forces of no one in particular
                        owner = self._speaker(verb, country) or previous
                        if owner is not None and owner.actor.inter is not Inter.CIVILIANS:
                            return owner
                    if mention is not None and mention.actor.inter is not Inter.CIVILIANS:
                        return mention
                    mob = trigger.label_ in MOB_TRIGGERS and verb.i == root.i  # the crowd's own act
                    if mention is not None and mob and _crowd(subj):
                        return ActorMention(self.table.generic("rioters", country), mention.found)
            for modifier in root.children:
                if modifier.dep_ in ("amod", "compound", "poss", "nmod") and modifier.i < root.i:
                    mention = self.from_token(modifier, country)
                    if mention is None and root.pos_ == "NOUN" and (state := self._state_of(modifier)):
                        # "Israeli airstrikes", "Russian shelling": the state's forces
                        context = self.table.resolve(state.name, context_country=country) or state
                        mention = ActorMention(context, Found.of(modifier))
                    if mention is not None and mention.actor.inter is not Inter.CIVILIANS:
                        return mention
        for weapon in sent.doc.spans.get("weapons", []):
            if sent.start <= weapon.start < sent.end:
                for modifier in weapon.root.children:
                    if modifier.dep_ in ("amod", "compound", "poss", "nmod") and modifier.i < weapon.root.i:
                        actor = self._state_of(modifier)
                        if actor is not None:
                            return ActorMention(actor, Found.of(modifier))
                        if modifier.lemma_.lower() in ("army", "military", "police", "navy"):
                            owned = self.from_token(modifier, country)  # "an army drone strike"
                            if owned is not None and owned.actor.inter is Inter.STATE_FORCES:
                                return owned
        objects = {
            c.i for t in triggers for c in trigger_verb(t.root).children if c.dep_ in ("dobj", "nsubjpass")
        }
        attacked = {
            c.i
            for t in triggers
            if t.root.head.lower_ == "under"
            for c in trigger_verb(t.root).children
            if c.dep_ == "nsubj"
        }
        # "the base of the Army was attacked", "struck a vehicle of the Frontier Corps": whatever hangs
        # off the one attacked is on the receiving end too
        struck = {t.i for i in objects | attacked for t in sent.doc[i].subtree} | {v.i for v in victims}
        # "resulting in injuries to eight security personnel", "the deaths of two soldiers": the harmed
        struck |= {
            t.i
            for token in sent
            if token.lemma_.lower() in HARM_NOUNS
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in ("to", "of", "among")
            for t in c.subtree
        }
        # "demanding the arrest of the attackers", "called for the release of militants": wanted, not acting
        struck |= {
            t.i
            for token in sent
            if token.lemma_.lower() in IRREALIS_GOVERNORS
            for c in token.children
            if c.dep_ in ("dobj", "prep", "xcomp", "ccomp")
            for t in c.subtree
        }
        # "Police said one of the men died": who tells of a death did not cause it
        dying = all(trigger_verb(t.root).lemma_.lower() in DYING_VERBS for t in triggers)
        fought = any(t.label_ == "CLASH" for t in triggers)
        for chunk in (c for c in noun_chunks(sent.doc) if sent.start <= c.start < sent.end):
            if is_locative(chunk.root) or chunk.root.ent_type_ in ("GPE", "LOC", "FAC"):
                continue  # "in central Kyiv" is where, not who
            subject_of = chunk.root.head.lemma_.lower() if chunk.root.dep_ == "nsubj" else None
            if subject_of in ATTRIBUTING_VERBS:
                continue  # "an attack that police attributed to gangs": who blames is not who attacked
            told = subject_of in SAYING_VERBS
            if told and (
                dying or (not fought and chunk.root.lemma_.lower() in ("police", "policeman", "spokesman"))
            ):
                continue  # "one of the men died", "five were injured ..., police said": the source
            dead = subject_of in ("die", "perish")
            # "nine people were killed, including two police officers": a list of the victims
            listed = any(a.lower_ in ("including", "among") for a in list(chunk.root.ancestors)[:2])
            if chunk.root.i in struck or dead or listed:
                continue  # "killed 30 militants", "forces came under attack": the victims, not the attackers
            if self.table.country(chunk.text.removeprefix("the ")) is not None:
                continue  # "near the borders with Mali": a bare country is a place here, not an army
            # "a Pakistani train" names no actor: a state counts only through force words here
            mention = self.from_token(chunk.root, country, modifiers=False)
            if mention is not None and mention.actor.inter not in (Inter.CIVILIANS,):
                return mention
        return None

    def opponent(
        self, triggers: list[Span], country: Country | None, *, targeted: bool = False
    ) -> ActorMention | None:
        """The other side of a clash: "a gun battle with police", "clashed with RSF fighters"; with
        ``targeted``, the target of any attack: "an airstrike against al-Shabaab"."""
        for trigger in triggers:
            if trigger.label_ != "CLASH" and not targeted:
                continue
            words = ("with", "against") if trigger.label_ == "CLASH" else ("against",)
            for token in (trigger.root, trigger_verb(trigger.root)):
                preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ in words]
                for prep in preps:
                    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                        mention = self.from_token(pobj, country)
                        if mention is not None:
                            return mention
        return None

    def sides(
        self, triggers: list[Span], country: Country | None
    ) -> tuple[ActorMention, ActorMention] | None:
        """Both sides of "clashes between the army and RSF fighters", "the fighting pitted the 400 Mawozo
        gang against the Kraze Baryè gang"."""
        for trigger in triggers:
            if trigger.label_ != "CLASH":
                continue
            # "gunmen from the rival Los Lobos and Los Choneros gangs fought": two named groups, one subject
            for subject in (c for c in trigger_verb(trigger.root).children if c.dep_ == "nsubj"):
                named = []
                for chunk in subject.doc[subject.left_edge.i : subject.right_edge.i + 1].noun_chunks:
                    actor = self.table.resolve(chunk.text, context_country=country)
                    if actor is not None and actor.inter in NAMED_INTERS and actor not in named:
                        named.append(actor)
                if len(named) == 2:
                    return ActorMention(named[0], Found.of(subject)), ActorMention(
                        named[1], Found.of(subject)
                    )
            verb = trigger.root.head
            if trigger.root.dep_ == "nsubj" and verb.lemma_.lower() == "pit":
                first = next((c for c in verb.children if c.dep_ == "dobj"), None)
                against = [
                    g for c in (*verb.children, *(first.children if first is not None else ()))
                    if c.dep_ == "prep" and c.lower_ == "against"
                    for g in c.children if g.dep_ == "pobj"
                ]  # fmt: skip
                a = self.from_token(first, country) if first is not None else None
                b = self.from_token(against[0], country) if against else None
                if a is not None and b is not None and a.actor.name != b.actor.name:
                    return a, b
            for prep in (c for c in trigger.root.children if c.dep_ == "prep" and c.lower_ == "between"):
                for first in (c for c in prep.children if c.dep_ == "pobj"):
                    second = next((c for c in first.children if c.dep_ == "conj"), None)
                    a = self.from_token(first, country)
                    b = self.from_token(second, country) if second is not None else None
                    if a is not None and b is not None and a.actor.name != b.actor.name:
                        return (a, b) if a.actor.inter.code <= b.actor.inter.code else (b, a)
        return None

    def victim(self, triggers: list[Span], country: Country | None) -> ActorMention | None:
        """actor2 for one-sided violence: the object of killing, wounding, attacking, abducting. An armed
        victim wins over people ("14 people were killed when Fano fighters attacked government forces")."""
        found: list[ActorMention] = []
        for trigger in triggers:
            if trigger.label_ not in VICTIM_TRIGGERS:
                continue
            verb = trigger_verb(trigger.root)
            under_attack = verb.lemma_.lower() in ("come", "be") and trigger.root.head.lower_ == "under"
            for child in verb.children:
                # "forces came under attack": the subject is the one attacked
                if child.dep_ in ("dobj", "nsubjpass") or (under_attack and child.dep_ == "nsubj"):
                    if child.lemma_.lower() in CIVILIAN_PLACES:
                        # "settlers attacked the Palestinian village of Sinjil": its people, not an army
                        found.append(ActorMention(self.table.generic("civilians", country), Found.of(child)))
                        continue
                    mention = self.from_token(child, country)
                    if mention is None:  # "the base of the Army", "a vehicle of the Frontier Corps"
                        owners = (
                            g
                            for c in child.children
                            if c.dep_ == "prep" and c.lower_ == "of"
                            for g in c.children
                        )
                        mention = next(
                            (m for g in owners if g.dep_ == "pobj" and (m := self.from_token(g, country))),
                            None,
                        )
                    if mention is None and self.table.country_of_demonym(child.text) is not None:
                        # "killed at least 20 Palestinians": people named by nationality are civilians
                        mention = ActorMention(self.table.generic("civilians", country), Found.of(child))
                    if mention is not None:
                        found.append(mention)
        armed = [m for m in found if m.actor.inter not in (Inter.CIVILIANS, Inter.PROTESTERS, Inter.RIOTERS)]
        return (armed or found or [None])[0]

    def other_armed(self, sent: Span, country: Country | None, *, exclude: str) -> Actor | None:
        """An armed actor of the sentence other than ``exclude`` ("an attack by JNIM fighters")."""
        dash = _dateline_dash(sent)
        for chunk in (c for c in noun_chunks(sent.doc) if sent.start <= c.start < sent.end):
            if is_locative(chunk.root) or (dash is not None and chunk.root.i < dash):
                continue  # a place, or the dateline ("BANGKOK (AP) —")
            if _at_a_border(chunk.root):
                continue  # "close to the border with Mauritania", "the borders with Niger and Benin": a place
            mention = self.from_token(chunk.root, country, modifiers=False)
            if mention is None or mention.actor.name == exclude:
                continue
            if mention.actor.inter not in (Inter.CIVILIANS, Inter.PROTESTERS, Inter.RIOTERS):
                return mention.actor
        return None

    def generic(self, kind: str, country: Country | None) -> Actor:
        """A generic actor for the country: Civilians (X), Protesters (X), Unidentified Armed Group (X)."""
        return self.table.generic(kind, country)


def _crowd(subject: Token) -> bool:
    """ "residents", "angry villagers", "a crowd of locals": ordinary people acting together."""
    if subject.lemma_.lower() in CROWD_SUBJECTS or subject.lower_ in CROWD_SUBJECTS:
        return True
    of = [g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    return subject.lower_ in ("group", "groups") and any(g.lemma_.lower() in CROWD_SUBJECTS for g in of)
