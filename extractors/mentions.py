"""Sentence-level facts: the weapons, targets, casualties, dates and places one sentence reports."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from extractors.counts import Count, parse_count, qualifier_before
from extractors.dates import MONTHS, WEEKDAYS, ResolvedDate, resolve_date, resolve_range
from extractors.places import ARABIC_ARTICLES, REGION_WORDS, Gazetteer, Place, fold, not_a_place
from schemas import CountQualifier, TargetCategory, WeaponType

KILL_LEMMAS = frozenset(
    {"kill", "die", "dead", "death", "murder", "massacre", "execute", "behead", "slay", "lynch"}
)
#: Things, not people, that can be "neutralised".
MATERIEL = frozenset(
    {"drone", "missile", "rocket", "bomb", "mine", "ied", "device", "shell", "vehicle", "threat", "uav"}
)
WOUND_LEMMAS = frozenset({"wound", "injure", "injured", "hurt", "injury", "maim", "wounded"})
PLURAL_NOUNS = frozenset({"people", "civilians", "police", "personnel", "staff", "crew", "family"})
NEAR_WORDS = frozenset({"near", "outside", "outskirts", "around", "close", "vicinity", "nearby"})
#: Verbs whose places are where people talk, travel or meet, not where violence happens.
NON_EVENT_PLACE_VERBS = frozenset(
    {"meet", "talk", "say", "tell", "discuss", "visit", "arrive", "travel", "negotiate", "speak",
     "announce", "hold", "host", "attend", "convene", "fly", "return", "live", "study", "sign", "agree",
     "urge", "call", "state", "add", "write", "post", "cite", "report", "quote", "interview", "plan",
     "summon", "broker", "mediate", "welcome", "condemn", "vote", "elect", "testify", "flee", "escape",
     "evacuate", "relocate", "airlift", "transfer", "treat", "hospitalise", "hospitalize"}
)  # fmt: skip
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Verbs of saying: a date hanging from them is when something was said, not when it happened.
REPORT_VERBS = frozenset(
    {"say", "confirm", "announce", "report", "tell", "state", "add", "claim", "deny", "reveal", "disclose",
     "signal", "warn", "acknowledge", "declare", "insist", "note", "describe", "brief"}
)  # fmt: skip
#: Prepositions that put an event somewhere; a place that is a subject or object is an actor ("Moscow said").
LOCATIVE_PREPS = frozenset(
    {"in", "near", "at", "on", "outside", "around", "across", "through", "via", "into", "inside",
     "throughout", "within", "along", "over", "toward", "towards", "onto", "upon", "outskirts", "off",
     "south", "north", "east", "west", "northeast", "northwest", "southeast", "southwest"}
)  # fmt: skip
PLACE_NOUNS = frozenset(
    {"city", "town", "village", "region", "province", "state", "district", "area", "capital", "port",
     "oblast", "governorate", "county", "outskirts", "suburb", "neighborhood", "neighbourhood", "camp",
     "settlement", "municipality", "border", "desert", "forest", "mountains", "mountain", "valley", "coast",
     "countryside", "suburbs", "island", "locality", "commune", "township", "quarter", "market", "highway",
     "street", "square", "cantonment", "outskirt", "environs", "periphery", "fringes", "edge", "community",
     "hamlet", "limits", "limit", "jurisdiction", "hinterland", "hinterlands", "hills", "villages", "towns",
     "localities", "enclave", "zone", "neighborhoods", "neighbourhoods", "district headquarters", "entrance",
     "gate", "gates", "entry", "exit", "heart", "centre", "center", "surroundings", "vicinity", "part",
     "parts", "belt", "forests", "jungle", "jungles", "riverbank", "axis", "corridor", "stretch", "territory",
     "circle", "cercle", "lga", "woreda", "tehsil", "upazila", "raion", "chiefdom", "groupement", "ward",
     "sector", "secteur", "collectivity", "chefferie", "prefecture", "sub-prefecture", "subprefecture",
     "division", "canton", "department", "regency", "barangay"}
)  # fmt: skip
#: Nouns for what was said: a place inside their phrase is where it was said, not where violence happened.
STATEMENT_NOUNS = frozenset(
    {"statement", "briefing", "conference", "interview", "communique", "communiqué", "speech"}
)
#: Triggers whose object is a place rather than a person: "shelled Kherson", "drones struck Kharkiv",
#: "seized Goma".
PLACE_STRIKE_LABELS = frozenset(
    {"AIRSTRIKE", "SHELLING", "STRIKE", "HIT", "BOMBING", "BOMB", "EXPLOSION", "CAPTURE", "TRANSFER"}
)
_NOT_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"})
#: First three letters of month and weekday names, and of holidays a date entity may name.
_DATE_STEMS = frozenset(
    {name[:3] for name in (*MONTHS, *WEEKDAYS)} | {"eid", "chr", "eas", "ram", "new", "ind", "hal", "tha"}
)


@dataclass(frozen=True)
class Found:
    """Something found in the text, with its character offsets in the article."""

    text: str
    start: int
    end: int

    @classmethod
    def of(cls, span: Span | Token) -> Found:
        """The text and offsets of a span or token."""
        if isinstance(span, Token):
            return cls(span.text, span.idx, span.idx + len(span.text))
        return cls(span.text, span.start_char, span.end_char)


@dataclass(frozen=True)
class WeaponMention:
    """A weapon named in a sentence, with the count in front of it."""

    weapon_type: WeaponType
    count: Count | None
    found: Found
    token: Token


@dataclass(frozen=True)
class TargetMention:
    """What was hit: the words and their category."""

    text: str
    category: TargetCategory
    found: Found
    token: Token


@dataclass(frozen=True)
class CasualtyMention:
    """A count of people killed or wounded."""

    kind: str  # "killed" or "wounded"
    count: Count
    found: Found
    token: Token


@dataclass(frozen=True)
class DateMention:
    """A resolved date expression; ``days`` lists every day of a multi-day span."""

    resolved: ResolvedDate
    found: Found
    days: tuple[date, ...] = ()
    reported: bool = False  # the date of a statement ("officials confirmed Friday"), not of the event


@dataclass(frozen=True)
class PlaceMention:
    """A place name resolved by the gazetteer, with the token it hangs from in the parse."""

    place: Place
    found: Found
    token: Token


#: What lies between a town or district and the first-level unit it is in: "Celaya, Guanajuato",
#: "Kupwara district of Jammu and Kashmir", "Bannu district in Khyber Pakhtunkhwa".
_IN_A_PLACE = re.compile(r"\s*,?\s*(?:in|near|outside)\s+(?:the\s+)?", re.I)
#: What says a place lies in the next one: "El Aguaje, a community in the municipality of Aguililla".
_LIES_IN = re.compile(
    r"\s*,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:community|village|town|hamlet|locality|settlement|"
    r"neighbou?rhood|suburb|area)\s+(?:in|of|near|outside)\s+(?:the\s+)?(?:(?:\w+\s+)?(?:municipality|"
    r"district|county|province|state|region|department|commune|territory|lga|local government area)"
    r"\s+of\s+)?",
    re.I,
)
_IN_ITS_REGION = re.compile(
    r"\s*(?:(?:district|county|municipality|tehsil|lga|local government area)\b)?\s*(?:,\s*)?"
    r"(?:(?:in|of)\s+)?(?:the\s+)?(?:(?:northern|southern|eastern|western|central)\s+)?",
    re.I,
)


def text_of(doc: Doc) -> str:
    """The document's text, built once: spaCy joins every token's text each time ``doc.text`` is read."""
    text = doc.user_data.get("conflict_text")
    if text is None:
        text = doc.user_data["conflict_text"] = doc.text
    return text


def spans_in(doc_spans: list[Span], sent: Span) -> list[Span]:
    """The spans of a span group that lie inside ``sent``, longest first where they overlap."""
    inside = [s for s in doc_spans if s.start >= sent.start and s.end <= sent.end]
    inside.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Span] = []
    for span in inside:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def count_before(token: Token) -> Count | None:
    """The count attached to a noun: its numeric modifier ("some 420 drones", "two dozen people")."""
    nums = [t for t in token.children if t.dep_ in ("nummod", "quantmod") or t.like_num]
    if nums:
        left = min(t.left_edge.i for t in nums)
        span = token.doc[left : token.i]
        words = [t.text for t in token.doc[max(left - 3, token.sent.start) : left]]
        count = parse_count(span.text)
        if count is not None:
            qual = qualifier_before(words)
            if qual is not None and count.qualifier is CountQualifier.EXACT:
                count = Count(count.value, qual, count.vague)
            return count
    # "hundreds of drones", "dozens of people": the vague word heads an "of" phrase
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.i < token.i:
        quantity = head.head
        left = quantity.left_edge.i
        return parse_count(token.doc[left : quantity.i + 1].text + " of")
    return None


def find_weapons(sent: Span) -> list[WeaponMention]:
    """Weapons named in the sentence, each with its count and the qualifier on the count."""
    found = []
    for span in spans_in(list(sent.doc.spans.get("weapons", [])), sent):
        root = span.root
        found.append(WeaponMention(WeaponType(span.label_), count_before(root), Found.of(span), root))
    return found


def find_targets(sent: Span) -> list[TargetMention]:
    """Things hit or damaged, with their category."""
    out = []
    for span in spans_in(list(sent.doc.spans.get("targets", [])), sent):
        root = span.root
        words = [t for t in span if t.pos_ not in ("DET", "PRON")]
        modifiers = [t for t in root.lefts if t.dep_ in ("compound", "amod") and t.i < span.start]
        first = words[0].i if words else span.start
        start = min([first, *(t.i for t in modifiers)])  # "electricity substation", not "an electricity ..."
        phrase = sent.doc[start : span.end]
        out.append(TargetMention(phrase.text, TargetCategory(span.label_), Found.of(phrase), root))
    return out


def _casualty_kind(token: Token) -> str | None:
    """'killed' or 'wounded' when the token is a casualty word."""
    lemma = token.lemma_.lower()
    if lemma in KILL_LEMMAS or token.lower_ in (
        "dead",
        "killed",
        "deaths",
        "death toll",
        "killing",
        "killings",
    ):
        return "killed"
    if lemma in ("neutralise", "neutralize") and not any(
        c.dep_ == "dobj" and c.lemma_.lower() in MATERIEL for c in token.children
    ):
        return "killed"  # "neutralising four fighters" (military communiqués); not "neutralised 20 drones"
    if token.pos_ == "VERB" and _to_death(token):
        return "killed"  # "stabbed three herders to death", "beaten to death"
    if lemma == "lose" and any(c.lower_ in ("life", "lives") for c in token.children):
        return "killed"  # "31 people lost their lives"
    if lemma == "succumb" and any(
        g.lemma_.lower() in ("injury", "wound")
        for c in token.children
        if c.dep_ == "prep"
        for g in c.children
    ):
        return "killed"  # "two officers succumbed to their injuries"
    if lemma == "pay" and any(
        c.lemma_.lower() == "price" and any(g.lower_ in ("supreme", "ultimate") for g in c.children)
        for c in token.children
    ):
        return "killed"  # "2 soldiers paid the supreme price" (military communiqués)
    if lemma == "send" and any(
        c.lower_ == "to" and any(g.lower_ == "hell" for g in c.children) for c in token.children
    ):
        return "killed"  # "eleven khawarij were sent to hell" (Pakistani military communiqués)
    if token.lower_ in ("neutralisation", "neutralization", "elimination"):
        return "killed"  # "leading to the neutralisation of 23 terrorists"
    if lemma in ("attain", "embrace") and any(
        c.lemma_.lower() in ("martyrdom", "shahadat", "shahadah") for c in token.children
    ):
        return "killed"  # "an Army soldier attained martyrdom", "three soldiers embraced shahadat"
    if token.lower_ == "martyred" and token.pos_ in ("VERB", "ADJ"):
        return "killed"  # "two policemen were martyred"
    if lemma == "lay" and any(c.lemma_.lower() == "life" for c in token.children):
        return "killed"  # "the jawan laid down his life"
    if lemma in WOUND_LEMMAS or token.lower_ in ("wounded", "injured", "injuries"):
        return "wounded"
    if lemma in ("sustain", "suffer", "receive") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in ("injury", "wound", "burn") for c in token.children
    ):
        return "wounded"  # "three others sustained serious injuries"
    return None


def _to_death(verb: Token) -> bool:
    """Whether a verb ends a life: "beaten to death", "hacked to death"."""
    return any(c.lower_ == "to" and any(g.lower_ == "death" for g in c.children) for c in verb.children)


def _counts_its_head(token: Token) -> bool:
    return token.dep_ in ("nummod", "quantmod") or (token.dep_ == "amod" and not token.like_num)


def counted_noun(token: Token) -> Token:
    """The noun a count counts ("soldiers" in "two soldiers"; "several terrorists" parses "several" as an
    adjective, it counts its noun all the same), or the count itself when it stands alone."""
    if _counts_its_head(token):
        return token.head
    # "dozens of terrorists", "two of the attackers": the noun after "of"
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    counted = next((g for g in of.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None) if of else None
    return counted if counted is not None else token


def _after_no(token: Token) -> bool:
    """ "no one", "no soldier": a word the determiner "no" says none of."""
    return token.i > 0 and token.doc[token.i - 1].lower_ == "no"


def find_casualties(sent: Span) -> list[CasualtyMention]:
    """People killed and wounded, from counts attached to casualty words in the parse."""
    out: list[CasualtyMention] = []
    for token in sent:
        if not (token.like_num or token.lower_ in ("dozens", "hundreds", "several", "scores", "dozen")):
            continue
        if token.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"):
            continue  # "the 2004 bombing", "30-day ceasefire"
        if token.lower_ == "one" and _after_no(token):
            continue  # "No one was killed": none
        multiplier = token.head.like_num or token.head.lower_ in ("dozen", "hundred", "thousand", "dozens")
        if multiplier and token.head.i != token.i:
            continue  # only the last word of "two dozen" / "one hundred" carries the phrase
        noun = token.head if _counts_its_head(token) else token  # the phrase's head, "of" phrases too
        if noun.lower_ == "of" and noun.head.i < noun.i:
            continue
        if noun.pos_ == "NUM" and noun.dep_ in ("nummod", "quantmod"):
            noun = noun.head
        # the casualty word is the noun's governor, its modifier, or a sibling: "killing 5 people",
        # "5 people were killed", "5 dead", "the death toll rose to 31", "killing 5 and wounding 12"
        candidates = [noun.head, noun, *(c for c in noun.children if c.dep_ in ("amod", "acl", "relcl"))]
        first = noun
        while first.dep_ == "conj" and first.head.i != first.i:
            first = (
                first.head
            )  # "17 insurgents and two soldiers were killed": the second count shares the verb
        if first.i != noun.i:
            candidates.append(first.head)
        if noun.head.dep_ == "conj" or noun.dep_ in ("nsubj", "nsubjpass", "attr", "dobj"):
            candidates.extend(c for c in noun.head.children if c.dep_ in ("acomp", "oprd", "xcomp"))
        if (
            noun.dep_ == "pobj"
            and noun.head.lower_ == "of"
            and noun.head.head.lower_
            in ("killing", "killings", "death", "deaths", "neutralisation", "neutralization", "elimination")
            # "an inquest into the deaths of four youths": a proceeding about deaths, not their report
            and not (
                noun.head.head.dep_ == "pobj" and noun.head.head.head.lower_ in ("into", "over", "about")
            )
        ):
            candidates.append(noun.head.head)  # "the killing of one person", "the death of 2 soldiers"
        if noun.dep_ == "pobj" and noun.head.lower_ == "to":
            candidates.extend(t for t in noun.head.head.subtree if t.lower_ in ("toll", "death"))
        kind = next((k for c in candidates if (k := _casualty_kind(c)) is not None), None)
        if kind is None:
            continue
        left, right = token.left_edge.i, token.i
        while right + 1 < sent.end and sent.doc[right + 1].lower_ in (
            "dozen",
            "hundred",
            "thousand",
            "million",
        ):
            right += 1
        span = sent.doc[left : right + 1]
        words = [t.text for t in sent.doc[max(left - 3, sent.start) : left]]
        count = parse_count(span.text)
        if count is None:
            continue
        qual = qualifier_before(words)
        if qual is not None and count.qualifier is CountQualifier.EXACT:
            count = Count(count.value, qual, count.vague)
        out.append(CasualtyMention(kind, count, Found.of(span), token))
    for token in sent:
        # "killing himself and at least six others": the bomber's own death counts too (codebook §5)
        bomber = token.lower_ in ("himself", "herself") and token.dep_ == "dobj"
        if not bomber or _casualty_kind(token.head) != "killed":
            continue
        others = {t.i for t in token.head.subtree}  # the verb's other victims
        for index, casualty in enumerate(out):
            if casualty.kind == "killed" and casualty.token.i in others:
                out[index] = replace(casualty, count=casualty.count.plus(Count(1, CountQualifier.EXACT)))
                break
    killed_clauses = {c.token.head.i for c in out if c.kind == "killed"}
    for token in sent:
        lemma = token.lemma_.lower()
        shot_dead = lemma in ("shoot", "gun") and any(c.lower_ in ("dead", "down") for c in token.children)
        to_death = _to_death(token)
        wounds = lemma in WOUND_LEMMAS and not any(
            c.kind == "wounded" and c.token.head.i == token.i for c in out
        )
        if token.pos_ != "VERB" or not (lemma in KILL_LEMMAS or shot_dead or to_death or wounds):
            continue
        if not wounds and token.i in killed_clauses:
            continue
        # "troops shot dead a Palestinian teenager": one named or singular victim is one death
        victim_deps = ("nsubj",) if lemma == "die" else ("dobj", "nsubjpass")  # "a soldier died"
        victim = next((c for c in token.children if c.dep_ in victim_deps), None)
        if victim is None and shot_dead:  # "shot dead a woman", the parser hanging the woman on "dead"
            dead = [c for c in token.children if c.lower_ in ("dead", "down")]
            victim = next((g for c in dead for g in c.children if g.dep_ == "dobj"), None)
        if victim is None and token.dep_ == "conj":  # "a woman was shot and killed": the shared subject
            victim = next((c for c in token.head.children if c.dep_ in ("nsubjpass",)), None)
        dash = next((t.i for t in sent if t.text in ("—", "–", "--") and t.i < token.i), None)
        if victim is not None and dash is not None and victim.i < dash:
            # "HIMAMAYLAN CITY, Negros Occidental — A suspected member ... was killed": the parser hangs the
            # sentence on the dateline; the victim is the noun after the dash
            victim = next((t for t in victim.subtree if t.i > dash and t.pos_ == "NOUN"), None)
        singular = victim is not None and victim.tag_ in ("NN", "NNP")
        if victim is not None and _after_no(victim):
            continue  # "No one was killed", "no soldier was hurt"
        if singular and not any(c.like_num for c in victim.children) and victim.lower_ not in PLURAL_NOUNS:
            kind = "wounded" if wounds else "killed"  # "wounded a passer-by": one
            out.append(CasualtyMention(kind, Count(1, CountQualifier.EXACT), Found.of(victim), victim))
    return out


#: How far back from a sentence its line's heading date may start.
HEADING_CHARS = 60
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: A date heading a bulletin's line ("• 9 Feb: Clashes broke out ...", "12 March 2026 – ..."), which the
#: tagger rarely reads as a date.
_HEADING_DATE = re.compile(
    rf"(?m)^[^\w\n]*(?P<date>(?:{_WEEKDAY},?\s+)?(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}})"
    rf"(?:,?\s+\d{{4}})?|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\s*(?::|[–—-]\s)"
)  # "- Tuesday: Gunmen killed ..." (a weekly round-up) too


_AGE = re.compile(r"\baged?\b|\byears? old\b|-year-old\b", re.I)
#: A line that holds only a date, maybe with a time: a Telegram post's or a live entry's heading.
_DATE_LINE = re.compile(
    rf"[ \t]*(?P<date>\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?|{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?)"
    rf"(?:,?\s*\d{{1,2}}[:.]\d{{2}})?[ \t]*"
)

#: Days of one month: "5 to 6 April 2026", "the night of 17-18 May".
_DAY_SPAN = re.compile(
    r"(?P<night>\bnight of\s+)?\b(?P<days>\d{1,2}\s*(?:-|–|to)\s*\d{1,2}\s+"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:,?\s+\d{4})?)\b"
)
#: A month named with a word that dates by it: "Last May", "in early March 2025", "late January".
_MONTH_PHRASE = re.compile(
    r"\b(?:[Ll]ast|[Ii]n(?: (?:early|late|mid-?))?|[Ee]arly|[Ll]ate|[Mm]id-?|"
    r"(?:[Aa]t|[Bb]y|[Tt]owards?) the (?:end|beginning|start) of)\s+"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+\d{4})?\b"
)


def find_dates(sent: Span, published: date | None) -> list[DateMention]:
    """Date expressions resolved against the publication day."""
    out = []
    for ent in sent.ents:
        before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if ent.label_ not in ("DATE", "TIME") or _AGE.search(ent.text) or before in ("aged", "ages", "age"):
            continue  # "two men, aged 45 and 58": ages, not years
        verb = place_anchor_verb(ent.root)
        reported = verb is not None and verb.lemma_.lower() in REPORT_VERBS
        after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if after is not None and after.lower_ == "after" and _told_as_now(sent):
            # "Four days after gunmen stormed a church, families are still waiting": days before publication
            resolved = resolve_date(f"{ent.text} ago", published)
            if resolved is not None:
                out.append(DateMention(resolved, Found.of(ent)))
                continue
        days = resolve_range(re.sub(r"^(?:the\s+)?night\s+of\s+", "", ent.text, flags=re.I), published)
        night = re.search(r"\bnight\s+of\s*$", text_of(ent.doc)[max(ent.start_char - 15, 0) : ent.start_char])
        if days:
            night = bool(night or re.match(r"(?:the\s+)?night\s+of\b", ent.text, re.I))
            out.append(_days_mention(days, Found.of(ent), night=night, reported=reported))
            continue
        resolved = resolve_date(ent.text, published)
        if resolved is not None:
            out.append(DateMention(resolved, Found.of(ent), reported=reported))
    # "in the night of 5 to 6 April 2026": a span of days the tagger missed
    for match in _DAY_SPAN.finditer(sent.text):
        start = sent.start_char + match.start("days")
        end = sent.start_char + match.end("days")
        if any(d.found.start < end and start < d.found.end for d in out):
            continue
        days = resolve_range(match.group("days"), published)
        if days:
            found = Found(match.group("days"), start, end)
            out.append(_days_mention(days, found, night=bool(match.group("night"))))
    # "Last May, two soldiers were killed": a month the tagger missed
    for match in _MONTH_PHRASE.finditer(sent.text):
        start = sent.start_char + match.start()
        end = sent.start_char + match.end()
        if any(d.found.start < end and start < d.found.end for d in out):
            continue
        resolved = resolve_date(match.group(0), published)
        if resolved is not None:
            out.append(DateMention(resolved, Found(match.group(0), start, end)))
    # the line the sentence starts on: the tagger may cut "• 9 Feb: Clashes ..." after the "9"
    text = text_of(sent.doc)
    line_start = max(text.rfind("\n", 0, sent.start_char) + 1, sent.start_char - HEADING_CHARS)
    heading = _HEADING_DATE.search(text[line_start : sent.end_char])
    paragraph = text.rfind("\n\n", 0, sent.start_char)
    paragraph = 0 if paragraph < 0 else paragraph + 2
    first_line_end = text.find("\n", paragraph)
    if heading is None and 0 <= first_line_end < sent.start_char:
        # a post or entry headed by its date on a line of its own: "13 January, 10:46"
        heading = _DATE_LINE.fullmatch(text, paragraph, first_line_end)
        line_start = paragraph
    if heading is not None:
        start = line_start + heading.start("date")
        end = line_start + heading.end("date")
        if not any(d.found.start < end and start < d.found.end for d in out):
            resolved = resolve_date(heading.group("date"), published)
            if resolved is not None:
                found = Found(heading.group("date"), start, end)
                out.insert(0, DateMention(resolved, found))
    out.sort(key=lambda d: d.reported)  # the event's own date before the date it was reported
    if not out and published is not None and re.search(r"\bovernight\b", sent.text, re.I):
        token = next(t for t in sent if t.lower_ == "overnight")
        out.append(DateMention(ResolvedDate(published, 1), Found.of(token)))
    return out


def _days_mention(
    days: tuple[date, ...], found: Found, *, night: bool, reported: bool = False
) -> DateMention:
    """A span of days; but "the night of Tuesday 30 September to Wednesday 1 October" is one night,
    coded on its eve."""
    if night and len(days) == 2:
        return DateMention(ResolvedDate(days[0], 1), found, reported=reported)
    return DateMention(ResolvedDate(days[0], 1), found, days, reported)


def _told_as_now(sent: Span) -> bool:
    """Whether the sentence's main clause is in the present ("families are still waiting", "remain")."""
    root = sent.root
    return root.tag_ in ("VBP", "VBZ") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBP", "VBZ") for c in root.children
    )


def place_candidates(sent: Span) -> list[tuple[Span, bool]]:
    """Named places, each flagged weak or not: the NER's GPE/LOC/FAC, proper nouns it missed ("central
    Kyiv"), and PERSON/ORG names in a locative slot ("the town of Beledweyne"), which the NER often
    mislabels for places outside Europe and North America."""
    doc = sent.doc
    taken = {t.i for e in sent.ents if e.label_ in _NOT_PLACE_LABELS for t in e}
    weak = [
        (part, True)
        for e in sent.ents
        if e.label_ in ("PERSON", "ORG", "NORP")
        for part in _split_at_prepositions(e)
        if is_locative(part.root)
        or _bearing_from(part.root)
        or (part.root.dep_ == "pobj" and part.root.head.lower_ == "of")
        or part.root.dep_ in ("dobj", "nsubjpass")  # kept by find_places only as what was shelled or bombed
    ]
    # "near the town of Turbat" tagged DATE: a capitalised name with no date word in it
    weak += [
        (e, True)
        for e in sent.ents
        if e.label_ in ("DATE", "TIME")
        and all(t.pos_ == "PROPN" and t.is_title and t.lower_[:3] not in _DATE_STEMS for t in e)
        and (is_locative(e.root) or (e.root.dep_ == "pobj" and e.root.head.lower_ == "of"))
    ]
    spans = [e for e in sent.ents if e.label_ in PLACE_LABELS]
    # "Dera Ismail Khan district" tagged as a place "Dera" and a person "Ismail Khan": the whole name first,
    # find_places falls back to the shorter one when the longer does not resolve
    longer = []
    for e in spans:
        end = e.end
        while True:
            if (
                end < sent.end
                and doc[end].pos_ == "PROPN"
                and doc[end].is_title
                and doc[end].ent_type_ in ("PERSON", "ORG", "GPE")
            ):
                end += 1
            elif (  # "Ouham-Pendé" tagged as "Ouham" and a word of its own
                end + 1 < sent.end
                and doc[end].text == "-"
                and not doc[end - 1].whitespace_
                and not doc[end].whitespace_
                and doc[end + 1].is_title
            ):
                end += 2
            else:
                break
        if end > e.end:
            longer.append(doc[e.start : end])
    # "Sistan and Baluchestan province", "Trinidad and Tobago": a unit named by two names joined by "and"
    for token in sent:
        if token.lower_ != "and" or token.i + 1 >= sent.end or token.i == sent.start:
            continue
        start, end = token.i, token.i + 1
        while start - 1 >= sent.start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
            start -= 1
        while end < sent.end and doc[end].pos_ == "PROPN" and doc[end].is_title:
            end += 1
        if start < token.i and end > token.i + 1 and end < sent.end and doc[end].lower_ in REGION_WORDS:
            longer.append(doc[start:end])
    taken.update(t.i for e in spans for t in e)
    i = sent.start
    while i < sent.end:
        token = doc[i]
        # "the Kyiv region": the tagger may call a region's name an adjective
        names_region = (
            token.pos_ in ("ADJ", "NOUN")
            and token.i + 1 < sent.end
            and doc[token.i + 1].lower_ in REGION_WORDS
        )
        if (token.pos_ == "PROPN" or names_region) and token.i not in taken and token.is_title:
            j = i
            while j + 1 < sent.end:
                if doc[j + 1].pos_ == "PROPN" and doc[j + 1].i not in taken:
                    j += 1
                elif (  # "As-Suwayda", "Al-Busayrah": a hyphenated name is one name
                    doc[j + 1].text == "-"
                    and not doc[j].whitespace_
                    and not doc[j + 1].whitespace_
                    and j + 2 < sent.end
                    and doc[j + 2].is_title
                    and doc[j + 2].i not in taken
                ):
                    j += 2
                else:
                    break
            spans.append(doc[i : j + 1])
            i = j + 1
            continue
        i += 1
    return [(span, False) for span in longer + spans] + weak


_TIME_WORDS = frozenset({"overnight", "today", "yesterday", "tonight", "morning", "evening", "afternoon"})


def _split_at_prepositions(span: Span) -> list[Span]:
    """ "Tame in Arauca" mislabelled as one organisation: the names on each side of the preposition."""
    parts, start = [], span.start
    for token in span:
        if token.pos_ in ("ADP", "CCONJ") or token.text in (",", ";"):
            if token.i > start:
                parts.append(span.doc[start : token.i])
            start = token.i + 1
    end = span.end
    while end > start + 1 and span.doc[end - 1].pos_ != "PROPN" and span.doc[end - 1].lower_ in _TIME_WORDS:
        end -= 1  # "Zaporizhzhia overnight" tagged as one name
    if end > start:
        parts.append(span.doc[start:end])
    return parts


_COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})


def _compass(word: str) -> bool:
    """Whether a (lower-case) word is a compass bearing: "west", "southeastern"."""
    return word.removesuffix("ern") in _COMPASS


#: People named for where they live; as the subject of a clause they place its act there.
LOCAL_PEOPLE = frozenset({"resident", "villager", "inhabitant", "local"})


def _local(token: Token) -> bool:
    """ "residents", "Residents" (a sentence's first word tagged as a name), "villagers"."""
    return token.lemma_.lower() in LOCAL_PEOPLE or token.lower_.removesuffix("s") in LOCAL_PEOPLE


def is_locative(token: Token) -> bool:
    """Whether a place name is used as a location ("in Kharkiv", "the city of Kharkiv", "Odesa region")."""
    node = token
    for _ in range(4):
        if (
            node.dep_ in ("conj", "appos", "compound", "amod", "nmod", "flat", "poss")
            and node.head.i != node.i
        ):
            if node.dep_ in ("compound", "amod", "nmod") and node.head.lemma_.lower() not in PLACE_NOUNS:
                break
            node = node.head
            continue
        break
    if node.dep_ == "pobj":
        prep = node.head
        if prep.lower_ in LOCATIVE_PREPS:
            return True
        if prep.lower_ == "between" and prep.head.lemma_.lower() in _ROUTE_WORDS | PLACE_NOUNS:
            # "on a dirt road between Apatzingán and Aguililla": the road's first town; the second only
            # says where it leads
            return token.dep_ != "conj" and not any(a.dep_ == "conj" for a in token.ancestors if a.i < node.i)
        if prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS:
            return True
        if prep.lower_ == "to" and prep.head.lower_ in ("close", "next", "adjacent"):
            return True  # "close to Obagaji"
        marched = prep.head.lemma_.lower() in ("march", "rally", "converge", "parade")
        if prep.lower_ == "to" and marched and not any(c.lower_ == "from" for c in prep.head.children):
            return True  # "marched to Kajuru town": where the march was held; "from A to B" runs in a town
        if prep.lower_ == "to" and prep.head.lemma_.lower() in ("entrance", "entry", "gateway", "approach"):
            return True  # "at the western entrance to Jerusalem"
        if prep.lower_ == "of" and _compass(prep.head.lower_):
            return True  # "12 kilometres west of Gwoza town"
        if prep.lower_ == "of" and prep.head.lemma_.lower() in LOCAL_PEOPLE and prep.head.dep_ == "nsubj":
            return True  # "residents of Tixtla beat two men": the crowd acted in its own town
    if node.lemma_.lower() in PLACE_NOUNS and node.i != token.i:
        return (node.dep_ == "pobj" and node.head.lower_ in LOCATIVE_PREPS) or node.dep_ in ("dobj", "appos")
    return node.dep_ in ("npadvmod", "appos") or (node.dep_ == "ROOT" and node.pos_ == "PROPN")


def place_anchor_verb(token: Token) -> Token | None:
    """The nearest verb the place hangs from in the parse."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return None


_SUBNATIONAL = frozenset(
    {"regional", "provincial", "state", "district", "county", "local", "departmental", "zonal"}
)


_URBAN_UNITS = frozenset({"district", "neighborhood", "neighbourhood", "quarter", "borough", "suburb"})
#: A city this large has districts of its own that may share a name with places elsewhere.
BIG_CITY = 50_000


def _in_a_named_city(place: Place, span: Span, found: list[PlaceMention]) -> bool:
    """Whether a district is a part of a big city the sentence names ("the Dniprovskyi district of
    Kherson", "Odesa's Kyivskyi district", "drones attacked Zaporizhzhia ... in the Shevchenkivskyi
    district") rather than a district of its own ("Konta in Sukma district")."""
    return any(
        m.place.kind == "city"
        and m.place.population >= BIG_CITY
        and m.place.country == place.country
        and m.found.start != span.start_char
        for m in found
    )


_DISTANCE_UNITS = frozenset({"kilometre", "kilometer", "km", "mile", "metre", "meter"})


def _bearing_from(token: Token) -> bool:
    """Whether the place is what a compass bearing is taken from ("12 kilometres west of Gwoza town")."""
    node = token
    while node.dep_ in ("compound", "appos", "flat") and node.head.i != node.i:
        node = node.head
    head = node.head
    if node.dep_ != "pobj":
        return False
    if head.lower_ == "of" and _compass(head.head.lower_):
        return True
    # "about 20 kilometres from Bocaranga"
    return head.lower_ in ("from", "of") and head.head.lemma_.lower() in _DISTANCE_UNITS


_FACILITY_WORDS = frozenset({"base", "camp", "barracks", "airbase", "airport", "outpost", "post", "station"})


def _off_a_landmark(token: Token) -> bool:
    """Whether the place is only the landmark of a bearing ("east of the capital", "near the capital")."""
    head = token.head
    return token.dep_ == "pobj" and (
        head.lower_ in ("near", "outside") or (head.lower_ == "of" and _compass(head.head.lower_))
    )


def _capitals(sent: Span, gazetteer: Gazetteer, countries: tuple[str, ...]) -> list[PlaceMention]:
    """ "Cameroon's capital", "the Somali capital", "the capital": the country's capital city."""
    out = []
    for token in sent:
        if token.lower_ != "capital" or token.pos_ != "NOUN" or not is_locative(token):
            continue
        if any(c.lower_ in _SUBNATIONAL or (c.dep_ == "prep" and c.lower_ == "of") for c in token.children):
            continue  # "the regional capital", "the capital of East Gojjam zone": not the country's
        country = None
        for child in token.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod"):
                text = child.text.removesuffix("'s").removesuffix("’s")
                table = gazetteer.actors
                country = table.country(text) or table.country_of_demonym(text) or country
        if token.i + 1 < sent.end and sent.doc[token.i + 1].pos_ == "PROPN":
            # "the capital Bahir Dar": the town is named; find_places reads it where the parse makes it
            # a locative, but "in the Libyan capital Tripoli" often parses the name as the verb's subject
            end = token.i + 1
            while end < sent.end and sent.doc[end].pos_ == "PROPN":
                end += 1
            name = sent.doc[token.i + 1 : end]
            if name.root.dep_ not in ("appos", "pobj", "compound") and country is not None:
                town = gazetteer.resolve(name.text, countries=(country.alpha2,))
                if town is not None and town.kind == "city" and town.country.alpha2 == country.alpha2:
                    out.append(PlaceMention(town, Found.of(name), name.root))
            continue
        if country is None and any(c.lower_ == "the" for c in token.children) and countries:
            country = gazetteer.actors.country(countries[0])
        if country is None:
            continue
        for metonym in country.metonyms:  # the capital is listed first among a state's metonyms
            place = gazetteer.resolve(metonym, countries=(country.alpha2,))
            if place is not None and place.kind == "city" and place.country.alpha2 == country.alpha2:
                out.append(PlaceMention(place, Found.of(token), token))
                break
    return out


# "in the town of L'Estere, near Gonaives", "Kalat, about 150 km south of Quetta": the second place is
# only a landmark locating the first one
#: "'s southern suburbs", "'s outskirts": a city named only to say where a place named before it lies.
_OUTSKIRTS = re.compile(r"^['’]s\s+(?:\w+ern\s+)?(?:suburbs|outskirts|periphery)\b", re.I)
_NAMED_BEFORE = re.compile(r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*,\s*(?:in|on)\s+(?:the\s+)?$")
_OUTSKIRTS_OF = re.compile(r"^\s*,?\s*(?:on|in|at) the (?:\w+ )?(?:outskirts|edge|fringes?) of\s*$", re.I)
_REFERENCE_POINT = re.compile(
    r"^\s*,?\s*(?:(?:which|that) (?:is|lies) )?(?:near|outside|close to|not far from|just|"
    r"(?:just |due )?(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)? of|"
    r"(?:some |about |around |roughly |nearly |approximately )?[\d,.]+\s*(?:-\s*)?"
    r"(?:km|kms|kilometers?|kilometres?|miles?)(?:\s*\(\s*[\d,.]+\s*(?:miles?|km)\s*\))?"
    r"(?:\s+(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?)?\s+(?:of|from))"
    r"\s*(?:the\s+(?:\w+\s+)?(?:town|city|village|capital)\s+(?:of\s+)?)?$",
    re.I,
)


_ADMIN_SUFFIX = re.compile(
    r"\s+(LGA|L\.G\.A\.|Local Government Area|Cercle|Commune|Municipality|Township|Woreda|Raion|Hromada|"
    r"Tehsil|Upazila|County|District|Province|Region|State|Governorate|Department|Territory|Prefecture)$"
)
_SETTING_NOUNS = frozenset({"war", "conflict", "crisis", "insurgency", "unrest", "civil war", "occupation"})


def _names_a_setting(span: Span) -> bool:
    """Whether the place only locates a war or a crisis ("the war in Gaza", "the conflict in Sudan")."""
    prep = span.root.head
    return (
        span.root.dep_ == "pobj"
        and prep.lower_ in ("in", "on", "over")
        and prep.head.lemma_.lower() in _SETTING_NOUNS
    )


_QUARTER_WORDS = frozenset(
    {
        "neighborhood",
        "neighbourhood",
        "quarter",
        "suburb",
        "district's",
        "slum",
        "chowk",
        "bazaar",
        "mohalla",
        "square",
    }
)
#: Last words of a newspaper's or broadcaster's name ("Addis Standard", "Daily Trust", "Radio Okapi").
_MEDIA_WORDS = frozenset(
    {"standard", "post", "times", "tribune", "news", "tv", "television", "herald", "guardian", "observer",
     "monitor", "agency", "press", "journal", "gazette", "telegraph", "chronicle", "star", "express",
     "online", "mirror", "trust", "punch", "insider", "dispatch"}
)  # fmt: skip
_ROUTE_WORDS = frozenset(
    {"highway", "road", "route", "railway", "motorway", "expressway", "corridor", "line"}
)


def _names_a_road(span: Span) -> bool:
    """Whether the name is one end of a route: "Nyeri–Nairobi highway"."""
    doc = span.doc
    window = doc[max(span.start - 3, 0) : min(span.end + 4, len(doc))]
    dashed = any(t.text in ("-", "–", "—") for t in doc[max(span.start - 1, 0) : span.end + 1])
    return dashed and any(t.lower_ in _ROUTE_WORDS for t in window)


#: What one "holds" or "stages" as a protest: "held a sit-in in Accra", "staged a rally in Lima".
PROTEST_NOUNS = frozenset(
    {"rally", "protest", "demonstration", "march", "vigil", "strike", "blockade", "sit-in"}
)


#: Nouns for an attack whose place a verb of saying may carry: "condemned the drone strike on Kosti".
ATTACK_NOUNS = frozenset(
    {"strike", "airstrike", "attack", "bombing", "raid", "shelling", "explosion", "blast", "massacre",
     "killing", "ambush", "bombardment", "assault", "abduction", "kidnapping"}
)  # fmt: skip


#: Attacks and fights that may be reported to have happened somewhere: "clashes were reported in Sirwah".
FIGHT_NOUNS = ATTACK_NOUNS | {"clash", "fighting", "fight", "battle"}
#: What is signed or agreed to as an event: "signed a peace agreement in Doha".
AGREEMENT_NOUNS = frozenset(
    {"agreement", "deal", "accord", "truce", "ceasefire", "cease-fire", "pact", "memorandum"}
)


def _reported_happening(verb: Token) -> bool:
    """ "heavy clashes were reported in Sirwah district": the place of what was reported, not of the
    reporting."""
    return verb.lemma_.lower() in ("report", "confirm") and any(
        c.dep_ == "nsubjpass" and c.lemma_.lower() in FIGHT_NOUNS for c in verb.children
    )


def _namesake_within(
    town: PlaceMention, unit: Place, gazetteer: Gazetteer, countries: tuple[str, ...]
) -> PlaceMention | None:
    """The town's namesake inside the unit the text puts it in, at the precision the town was named
    with, or None if the unit holds no town of that name."""
    local = gazetteer.resolve(town.found.text, countries=countries, regions=(unit.admin1,))
    if local is None or local.admin1 != unit.admin1 or local.country != unit.country:
        return None
    return replace(town, place=replace(local, geo_precision=town.place.geo_precision))


def _told_by_locals(verb: Token, span: Span) -> bool:
    """ "Residents and a health official in Jiga town, ... of the Amhara region, told Addis Standard":
    people of a place telling what befell it; the place is the event's."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or not subject.is_ancestor(span.root):
        return False
    people = [subject, *(c for c in subject.children if c.dep_ == "conj")]
    if not any(_local(p) for p in people):
        return False
    # the place names where they live ("residents of Diapaga, the capital of Tapoa province"), not what
    # their town lies near ("near the borders with Niger and Benin")
    path = [t for t in span.root.ancestors if subject.is_ancestor(t)]
    return (
        all(
            t.lower_ in ("in", "of", "from")
            or t.lemma_.lower() in PLACE_NOUNS
            or t.pos_ == "PROPN"
            or _local(t)
            for t in path
        )
        and span.root.dep_ != "conj"
    )


def _where_agreed(verb: Token) -> bool:
    """Whether the verb signs or agrees to an agreement: then its place is where the agreement was made."""
    if verb.lemma_.lower() not in ("sign", "agree"):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "on") for g in c.children]
    return any(o.lemma_.lower() in AGREEMENT_NOUNS for o in objects)


#: People a report is attributed to, whose own whereabouts are no event's place.
SOURCE_NOUNS = frozenset(
    {"medic", "doctor", "official", "spokesman", "spokesperson", "spokeswoman", "source", "authority",
     "witness", "paramedic", "rescuer", "correspondent", "journalist", "reporter"}
)  # fmt: skip


def _where_the_source_is(mention: PlaceMention) -> bool:
    """Whether the place only says where the people a report is attributed to are ("medics at Nasser
    hospital in Khan Younis said", "officials in Kaduna told reporters")."""
    root = mention.token.sent.root
    if root.lemma_.lower() not in REPORT_VERBS and not _according_to(mention):
        return False
    for node in mention.token.ancestors:
        if node.pos_ in ("VERB", "AUX") and node.lower_ != "according":
            return False
        if node.lemma_.lower() in SOURCE_NOUNS:
            # "residents and a health official in Jiga town told ...": people of the place tell what
            # befell it
            return not any(
                _local(t)
                for t in (node, node.head, *node.head.children, *node.children)
                if t.dep_ in ("conj", "nsubj", "ROOT") or t.i == node.i
            )
    return False


def _according_to(mention: PlaceMention) -> bool:
    """ "..., according to a doctor at Tongi hospital": the place is the source's, whatever else is told."""
    return any(a.lower_ == "according" for a in mention.token.ancestors)


def _place_of_an_attack(verb: Token, span: Span) -> bool:
    """Whether the place hangs from an attack the verb is about ("condemned the drone strike on the market
    of Kosti"), not from the verb itself ("condemned the attack in Geneva" is where it was said)."""
    path = [t for t in span.root.ancestors if t.i != verb.i and verb.is_ancestor(t)]
    if any(t.lemma_.lower() in ATTACK_NOUNS and t.pos_ == "NOUN" and t.dep_ == "dobj" for t in path) and any(
        t.lower_ in ("on", "of") for t in path
    ):
        return True
    # "condemns the attack perpetrated ... against Manguredjipa, in the Bapere sector of Lubero territory":
    # a place told after the attack's own clause is the attack's, however the parser hangs it
    told = [
        a
        for t in verb.children
        if t.dep_ == "dobj" and t.lemma_.lower() in ATTACK_NOUNS
        for a in t.children
        if a.dep_ == "acl" and a.pos_ == "VERB"
    ]
    return any(span.start > a.i for a in told)


def _where_victims_were(verb: Token, span: Span) -> bool:
    """ "kidnapped two officials travelling on a highway in Dera Ismail Khan": a participle describing the
    people the event befell places them, unless it names where they were going ("travelling to Kabul");
    a protest held somewhere ("held a sit-in in Accra") happened there."""
    if verb.lemma_.lower() in ("hold", "attend", "join", "stage") and any(
        c.dep_ in ("dobj", "nsubjpass")  # "held a sit-in in Accra", "rallies were held in Kutaisi"
        and (c.lemma_.lower() in PROTEST_NOUNS or any(g.lower_ == "sit" for g in c.children))
        for c in verb.children
    ):
        return True
    if verb.dep_ != "acl" or verb.lemma_.lower() not in ("travel", "drive", "ride", "return"):
        return False
    path = [t for t in span.root.ancestors if t.i != verb.i and verb.is_ancestor(t)]
    return not any(t.lower_ in ("to", "toward", "towards", "for") for t in path)


def _starts_a_road(span: Span) -> bool:
    """Whether the name opens a route's name ("Macomia" in "the Macomia–Mucojo road")."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].text in ("-", "–", "—")


def find_places(
    sent: Span,
    gazetteer: Gazetteer,
    *,
    countries: tuple[str, ...],
    skip_before: int = 0,
    regions: tuple[str, ...] = (),
) -> list[PlaceMention]:
    """Places in the sentence that the gazetteer resolves, minus the dateline and meeting places;
    ``regions`` are the article's admin1 units, most named first."""
    capitals = _capitals(sent, gazetteer, countries)
    # "southeast of Haiti's capital": a landmark locating another place, unless the sentence names none
    landmarks = [c for c in capitals if _off_a_landmark(c.token)]
    out = [c for c in capitals if c not in landmarks]
    trigger_labels: dict[int, set[str]] = {}
    for t in sent.doc.spans.get("triggers", []):
        if sent.start <= t.start < sent.end:
            trigger_labels.setdefault(t.root.i, set()).add(t.label_)
    trigger_roots = set(trigger_labels)
    covered: set[int] = set()
    road_starts: list[PlaceMention] = []
    districts: dict[int, Span] = {}
    for span, weak in place_candidates(sent):
        if span.start_char < skip_before or covered & {t.i for t in span}:
            continue
        text = re.sub(r"^(the|central|northern|southern|eastern|western)\s+", "", span.text, flags=re.I)
        text = re.sub(r"'s$|’s$", "", text).strip()
        # "Northern Samar", "Central Equatoria": a compass word written as part of the name
        named = re.sub(r"^the\s+", "", re.sub(r"'s$|’s$", "", span.text), flags=re.I).strip()
        whole_name = (
            named
            if named != text and re.match(r"(Central|Northern|Southern|Eastern|Western) ", named)
            else None
        )
        text = re.sub(r"(?<=\w)\s+(?:city|town)$", "", text)  # "Taiz city", tagged as one name
        if not_a_place(text):
            continue  # "the Kurdistan Region": no one unit, and never Iran's Kordestan
        if admin_suffix := _ADMIN_SUFFIX.search(text):
            # "Marte LGA", "Ansongo Cercle", "Bokkos Local Government Area": the unit, named by its town
            text, region_hint_suffix = text[: admin_suffix.start()].strip(), True
        else:
            region_hint_suffix = False
        # "al-Bab", "el-Fasher": the Arabic article written in lower case
        text = re.sub(rf"^({ARABIC_ARTICLES})-(?=[A-Z])", lambda m: m.group(1).title() + "-", text)
        if not text or not text[0].isupper():
            continue
        after = sent.doc[span.end] if span.end < len(sent.doc) else None
        region_hint = region_hint_suffix or (after is not None and after.lower_ in REGION_WORDS)
        prior = [t.lower_ for t in sent.doc[max(span.start - 2, sent.start) : span.start]]
        if len(prior) == 2 and prior[1] == "of" and prior[0] in REGION_WORDS and prior[0] != "district":
            # (but "the Dniprovskyi district of Kherson" is a part of the city)
            region_hint = True  # "the eastern province of Arauca": the department, not its capital town
        if _names_a_setting(span):
            continue  # "the war in Gaza": where a war goes on, not where this event happened
        if not region_hint and gazetteer.actors.country_of_demonym(text) is not None:
            continue  # "the Somali city of Beledweyne": an adjective, not Ethiopia's Somali region
        before = [t.lower_ for t in sent.doc[max(span.start - 3, sent.start) : span.start]]
        # "near Pokrovsk", "near the village of Tessit", "on the outskirts of Goma"
        heads = [a.lower_ for a, _ in zip(span.root.ancestors, range(4), strict=False)]
        near = bool(NEAR_WORDS & set(before)) or bool(NEAR_WORDS & set(heads))
        near = near or (any(_compass(h) for h in heads[:3]) and "of" in heads[:3])
        # "shelled Kharkiv", "Odesa was struck", "the shelling of Kherson": the object of a violent verb or
        # noun is where it happened
        of_trigger = (
            span.root.dep_ == "pobj"
            and span.root.head.lower_ == "of"
            and span.root.head.head.i in trigger_roots
        )
        object_of_trigger = span.root.dep_ in ("dobj", "nsubjpass") and span.root.head.i in trigger_roots
        # a name the NER took for a person is a place only in a locative slot, after "the shelling of", or
        # as what was shelled or bombed ("drones struck Kharkiv"); people are killed, not shelled
        struck_place = object_of_trigger and bool(
            trigger_labels.get(span.root.head.i, set()) & PLACE_STRIKE_LABELS
        )
        target_of_trigger = of_trigger or (object_of_trigger and (not weak or struck_place))
        window = sent.doc[span.end : min(span.end + 4, sent.end)]
        road_start = _starts_a_road(span) and any(
            t.lower_ in _ROUTE_WORDS and is_locative(t) for t in window
        )  # "along the Macomia–Mucojo road"
        bearing = _bearing_from(span.root)
        # "troops of the Forward Operating Base Damboa": the town a base or camp is named after is where
        # its troops fight
        facility = [t for t in span if t.lower_ in _FACILITY_WORDS and t.i + 1 < span.end]
        base_town = None
        if facility:
            tail = sent.doc[facility[-1].i + 1 : span.end]
            base_town = gazetteer.resolve(tail.text, countries=countries, regions=regions)
            base_town = base_town if base_town is not None and base_town.kind == "city" else None
        if not (is_locative(span.root) or target_of_trigger or road_start or bearing or base_town):
            continue
        place = base_town or gazetteer.resolve(
            whole_name or text, countries=countries, region_hint=region_hint, near=near, regions=regions
        )
        if place is None and whole_name:
            place = gazetteer.resolve(
                text, countries=countries, region_hint=region_hint, near=near, regions=regions
            )
        if (
            place is None
            and span.root.ent_type_ in ("ORG", "FAC")
            and len(span) > 1
            and span[-1].lower_ not in _QUARTER_WORDS  # "Liberty Chowk" is a square, not the town Liberty
            and span[-1].lower_ not in _MEDIA_WORDS  # "told Addis Standard": a newspaper, not the town
        ):
            # "the Islamabad High Court", "Kabul airport": the town a building or body is named after
            named = [t for t in span if t.dep_ == "compound" and t.pos_ == "PROPN" and t.i < span.root.i]
            if named and named[0].i == span.start + (span[0].lower_ == "the"):
                for last in reversed(named):
                    town = gazetteer.resolve(
                        sent.doc[named[0].i : last.i + 1].text, countries=countries, regions=regions
                    )
                    if town is not None and town.kind == "city":
                        place = town
                        break
        if place is None or (weak and not place.codable):
            continue
        if place.kind != "city" and {"across", "throughout"} & set(before):
            continue  # "strikes killed 31 people across the Gaza Strip": a total over the region
        if after is not None and after.lower_ in _QUARTER_WORDS:
            continue  # "the city's Daraja Oula neighborhood": a part of a town named elsewhere
        if after is not None and after.lower_ == "metropolitan":
            continue  # "the Dhaka Metropolitan Police": a force's name, not where it acted
        if after is not None and after.pos_ == "VERB" and after.lemma_.lower() in REPORT_VERBS:
            continue  # "... in Kramatorsk and Kyiv reported pushing back": the government, not a place
        if _names_a_road(span):
            if not _starts_a_road(span) or place.kind != "city":
                continue  # "the Nyeri–Nairobi highway", "the Dhaka-Khulna road": a route, not a place
            # "along the Macomia–Mucojo road": near the town the road leads from (ACLED's nearest named
            # place), when the sentence names no other place
            near_town = replace(place, geo_precision=max(place.geo_precision, 2))
            road_starts.append(PlaceMention(near_town, Found.of(span), span.root))
            continue
        full = text_of(sent.doc)
        after_text = full[span.end_char : span.end_char + 40]
        before_text = full[max(0, span.start_char - 60) : span.start_char]
        if _OUTSKIRTS.match(after_text) and _NAMED_BEFORE.search(before_text):
            continue  # "Haret Hreik, in Beirut's southern suburbs": where the town lies, not a second place
        previous = [m for m in out if m.found.end <= span.start_char and m.place.kind in ("city", "admin2")]
        last = max(previous, key=lambda m: m.found.end) if previous else None
        between = text_of(sent.doc)[last.found.end : span.start_char] if last is not None else ""
        if last is not None:
            if _REFERENCE_POINT.match(between) and last.place.kind == "city":
                continue
            abroad = last.place.country.alpha2 != place.country.alpha2
            container = place.country.alpha2 in countries or last.place.country.alpha2 not in countries
            if abroad and container and _IN_A_PLACE.fullmatch(between):
                # "the village of Maro in Kajuru": a place in another country than the town or area it is
                # said to lie in is a namesake abroad of a village the gazetteer lacks
                out.remove(last)
                last = None
        if last is not None and _IN_ITS_REGION.fullmatch(between) and fold(text) in fold(last.place.admin1):
            # "Celaya, Guanajuato", "Kupwara district of Jammu and Kashmir": the state the town or district
            # is in, not a second place
            continue

        verb = place_anchor_verb(span.root)
        if (
            verb is not None
            and verb.lemma_.lower() in NON_EVENT_PLACE_VERBS
            and not _where_victims_were(verb, span)
            and not _place_of_an_attack(verb, span)
            and not _where_agreed(verb)
            and not _reported_happening(verb)
            and not _told_by_locals(verb, span)
        ):
            continue
        if any(a.lemma_.lower() in STATEMENT_NOUNS for a in span.root.ancestors):
            continue  # "in a statement made available to journalists in Kaduna": where it was said
        end_span = sent.doc[span.start : span.end + 1] if region_hint else span
        if after is not None and after.lower_ in _URBAN_UNITS:
            districts[span.root.i] = span
        if bearing and place.kind == "country":
            continue  # "in the north-west of the Central African Republic": the country, no landmark
        if bearing:
            # "about 150 km north of Addis Ababa": a landmark, the place only when nothing else is named
            near_place = replace(place, geo_precision=max(place.geo_precision, 2))
            landmarks.append(PlaceMention(near_place, Found.of(end_span), span.root))
            continue
        if last is not None and _LIES_IN.fullmatch(between):
            # "El Aguaje, a community in the municipality of Aguililla": the village lies in that town's
            # area; a namesake of it elsewhere is not the one meant
            if last.place.admin1 == place.admin1 and last.place.country == place.country:
                continue
            local = _namesake_within(last, place, gazetteer, countries)
            out.remove(last)
            if local is not None:
                out.append(local)
                continue
        in_unit = re.fullmatch(r"\s*(,\s*)?(also\s+)?(in\s+)?(the\s+)?", between) is not None
        # "near Tlacotepec, Guerrero": a state after a comma qualifies the town like "in Sukma district"
        qualifier = place.kind == "admin1" and (
            re.fullmatch(r"\s*,\s*", between) is not None
            or (last is not None and last.found.text.endswith(",") and not between.strip())
        )  # ("the municipality of Buenavista, Michoacán": the unit's name was taken with its comma)
        a_unit = place.kind != "city" or region_hint
        if last is not None and (region_hint or qualifier) and a_unit and in_unit:
            home = countries[0] if countries else None
            if place.country.alpha2 != home and last.place.country.alpha2 == home:
                continue  # "near Bocaranga, in Ouham-Pendé prefecture": a unit abroad is a misread name
            if place.kind == "city" and last.place.admin1 != place.admin1:
                continue  # "Beoga, Puncak regency": no unit the gazetteer knows, only a town elsewhere
            # "near Konta in Sukma district": the town lies in the unit, so the unit adds nothing; unless
            # the gazetteer's town of that name lies elsewhere, a namesake: then the unit is all we know
            if last.place.admin1 == place.admin1:
                continue
            # "near Uspenivka, Zaporizhzhia region": the town's namesake in that region, if it has one
            local = _namesake_within(last, place, gazetteer, countries)
            if local is not None:
                out[out.index(last)] = local
                continue
            out.remove(last)
        out.append(PlaceMention(place, Found.of(end_span), span.root))
        covered.update(t.i for t in span)
    regions_named = {m.place.admin1 for m in out}
    inside = [m for m in road_starts if not regions_named or m.place.admin1 in regions_named]
    if inside and not landmarks and all(m.place.kind != "city" for m in out):
        return inside  # the region the road runs through adds nothing to the town it starts from
    # (but "on the Juba–Nimule road, about 30 kilometres north of Nimule in Eastern Equatoria": the
    # distance names the nearer town, and the road's other end lies in another state)
    # "the Shevchenkivskyi district" of a city the sentence names: the city is the place
    out = [
        m for m in out
        if m.token.i not in districts or not _in_a_named_city(m.place, districts[m.token.i], out)
    ]  # fmt: skip
    # "in Ongata Rongai, on the southern outskirts of Nairobi": whichever the parse met first, the second
    # town only locates the first
    ordered = sorted(out, key=lambda m: m.found.start)
    full = text_of(sent.doc)
    for first, second in pairwise(ordered):
        between = full[first.found.end : second.found.start]
        if first.place.kind == "city" and second.place.kind == "city" and _OUTSKIRTS_OF.match(between):
            out.remove(second)
    sources = [m for m in out if _where_the_source_is(m)]
    if sources and (len(sources) < len(out) or landmarks or all(_according_to(m) for m in sources)):
        out = [m for m in out if m not in sources]  # the event's place, not the hospital's that reported it
    if landmarks and all(m.place.kind != "city" for m in out):
        # the region a landmark lies in adds nothing to it
        return [replace(m, place=replace(m.place, geo_precision=2)) for m in landmarks]
    return _towns_in_their_region(out, gazetteer, countries, regions)


def _towns_in_their_region(
    out: list[PlaceMention], gazetteer: Gazetteer, countries: tuple[str, ...], regions: tuple[str, ...]
) -> list[PlaceMention]:
    """ "the village of Novoselivka near Pokrovsk in the eastern Donetsk region": a region named inside a
    town's own phrase says where the town is. The town is its namesake there, if the gazetteer has one;
    otherwise the region is all we know, and the town's namesake elsewhere is dropped. A region that a
    town of the sentence lies in ("the Jenin refugee camp in the occupied West Bank") adds nothing."""
    towns = [m for m in out if m.place.kind in ("city", "admin2")]
    out = [
        m
        for m in out
        if m.place.kind != "admin1"
        or m.token.dep_ == "conj"  # "hit Kharkiv city and the Kharkiv region": two places
        or not any(fold(t.place.admin1) == fold(m.place.admin1) for t in towns)
    ]
    # "the Timbuktu region" the gazetteer knows only as its town is a region all the same
    said_region = [m for m in out if m.found.text.split()[-1].lower() in REGION_WORDS]
    for region in [m for m in out if m.place.kind == "admin1" or m in said_region]:
        for town in [m for m in out if m.place.kind == "city" and m.place.admin1 != region.place.admin1]:
            # "the village of Novoselivka ... in the Donetsk region": the phrase is the village's
            phrase = town.token.head.head if town.token.head.lower_ == "of" else town.token
            abroad = town.place.country != region.place.country
            # "near Lere, in the Timbuktu region": the region says where the town is, even when the
            # gazetteer's town of that name lies in another country (Lere in Nigeria or France)
            # "near Zarichne in the Donetsk region": told right after the town, whatever the parse
            told_next = re.fullmatch(
                r"\s*,?\s*(?:in|of)\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central)\s+)?",
                text_of(town.token.doc)[town.found.end : region.found.start],
            )
            if not told_next and (abroad or region.token not in list(phrase.subtree)):
                continue
            path = [region.token, *(a for a in region.token.ancestors if phrase.is_ancestor(a))]
            if any(t.dep_ == "conj" for t in path):
                continue  # "hit Odesa and the Kharkiv region": two places, not one inside the other
            again = gazetteer.resolve(
                town.found.text, countries=countries, regions=(region.place.admin1, *regions)
            )
            out.remove(town)
            if again is not None and again.admin1 == region.place.admin1:
                out[out.index(region)] = replace(town, place=again)
    return out
