"""Counts in digits and words, with their qualifier: "some 420", "more than two dozen", "dozens"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from schemas import CountQualifier

#: Vague quantities as ACLED's codebook reads them (ACLED_CODING_RULES.md §5); "several/many/few" take the
#: conservative 3, since a batch coder cannot tell a limited attack from a significant one.
VAGUE_COUNTS: dict[str, int] = {
    "a few": 3, "few": 3, "several": 3, "many": 3, "some": 3, "a number of": 3, "numerous": 10,
    "scores of": 20, "scores": 20, "tens of": 10, "tens": 10, "dozens": 12, "dozens of": 12, "hundreds": 100,
    "hundreds of": 100, "thousands": 1000, "thousands of": 1000, "a dozen": 12, "dozen": 12,
    "a handful of": 3, "a couple of": 2, "a pair of": 2, "a score of": 20,
}  # fmt: skip

QUALIFIERS: tuple[tuple[str, CountQualifier], ...] = (
    ("more than", CountQualifier.MORE_THAN), ("over", CountQualifier.MORE_THAN),
    ("upwards of", CountQualifier.MORE_THAN), ("in excess of", CountQualifier.MORE_THAN),
    ("at least", CountQualifier.AT_LEAST), ("no fewer than", CountQualifier.AT_LEAST),
    ("no less than", CountQualifier.AT_LEAST), ("a minimum of", CountQualifier.AT_LEAST),
    ("about", CountQualifier.ABOUT), ("around", CountQualifier.ABOUT), ("some", CountQualifier.ABOUT),
    ("nearly", CountQualifier.ABOUT), ("almost", CountQualifier.ABOUT), ("roughly", CountQualifier.ABOUT),
    ("approximately", CountQualifier.ABOUT), ("an estimated", CountQualifier.ABOUT),
    ("estimated", CountQualifier.ABOUT), ("close to", CountQualifier.ABOUT), ("up to", CountQualifier.UP_TO),
    ("as many as", CountQualifier.UP_TO),
)  # fmt: skip

_MULTIPLIERS = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")


@dataclass(frozen=True)
class Count:
    """A parsed count: the number, how it is hedged, and whether the number itself was vague."""

    value: int
    qualifier: CountQualifier
    vague: bool = False

    def plus(self, other: Count) -> Count:
        """Two counts of one toll added: the sum, the vaguer qualifier (the first's unless it is exact)."""
        qualifier = self.qualifier if self.qualifier is not CountQualifier.EXACT else other.qualifier
        return Count(self.value + other.value, qualifier, self.vague or other.vague)


def _number(words: list[str]) -> int | None:
    """A number written in digits or English words, with 'dozen' multipliers; None if not a number."""
    if not words:
        return None
    if len(words) == 1 and _DIGITS.match(words[0]):
        return int(words[0].replace(",", ""))
    if words[-1] in _MULTIPLIERS and len(words) >= 2:
        base = _number(words[:-1])
        if base is not None and words[-1] == "dozen":
            return base * 12
    if words[0] in ("a", "an") and len(words) == 2 and words[1] in _MULTIPLIERS:
        return _MULTIPLIERS[words[1]]
    if len(words) == 1 and re.match(r"^\d+(\.\d+)?$", words[0]):
        return int(float(words[0]))
    try:
        return int(text2num(" ".join(words), "en"))
    except (ValueError, TypeError):
        return None


def parse_count(text: str) -> Count | None:
    """Parse a count phrase such as "some 420", "more than two dozen", "at least thirty-nine", "dozens of"."""
    phrase = re.sub(r"\s+", " ", re.sub(r"[\"“”‘’']", "", text).strip().lower().replace("-", " "))
    phrase = re.sub(r"\s+(people|persons|of them|others|more)$", "", phrase)
    qualifier = CountQualifier.EXACT
    for words, qual in QUALIFIERS:
        if phrase.startswith(words + " ") and phrase != words:
            rest = phrase[len(words) + 1 :]
            if words == "some" and rest in VAGUE_COUNTS:
                break
            qualifier, phrase = qual, rest
            break
    if phrase in VAGUE_COUNTS:
        if qualifier is CountQualifier.EXACT:
            # "dozens"/"hundreds" promise at least the coded figure; "several"/"a few" only about it
            plural = phrase.split()[0] in ("dozens", "hundreds", "thousands", "tens", "scores")
            qualifier = CountQualifier.AT_LEAST if plural else CountQualifier.ABOUT
        return Count(VAGUE_COUNTS[phrase], qualifier, vague=True)
    value = _number(phrase.split())
    if value is None:
        return None
    return Count(value, qualifier)


def qualifier_before(words: list[str]) -> CountQualifier | None:
    """The qualifier that the words just before a number express, if any ("more than", "some")."""
    tail = " ".join(w.lower() for w in words[-3:])
    for phrase, qual in QUALIFIERS:
        if tail == phrase or tail.endswith(" " + phrase):
            return qual
    return None
