"""Properties of the extractor on any text: it never raises, and every evidence offset is in the article."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import extract, load_pipeline
from schemas import Article, validate_events

WORDS = [
    "Russian", "forces", "shelled", "Kharkiv", "on", "Monday", "killing", "two", "dozen", "civilians", "in",
    "the", "Odesa", "region", ",", ".", "\n\n", "gunmen", "attacked", "a", "hotel", "Beledweyne", "Tuesday",
    "protesters", "police", "arrested", "drones", "missiles", "420", "more", "than", "at", "least", "RSF",
    "El", "Fasher", "from", "to", "Wednesday", "2004", "years", "ago", "said", "will", "threatened",
]  # fmt: skip


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def check(nlp, text: str) -> None:
    article = Article(id="prop", text=text, published="2026-02-26")
    (result,) = list(extract([article], nlp=nlp))
    assert not result.rejections, [r.reason for r in result.rejections]  # the coder did not crash
    events, _ = validate_events(result.payloads)
    for event in events:
        for item in event.evidence:
            assert 0 <= item.start <= item.end <= len(text)
            assert text[item.start : item.end] == item.sentence
            if item.match_start is not None:
                assert text[item.match_start : item.match_end] == item.match


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join).filter(str.strip))
def test_conflict_vocabulary_soup_never_breaks_the_coder(nlp, text):
    check(nlp, text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=300).filter(str.strip))
def test_arbitrary_unicode_never_breaks_the_coder(nlp, text):
    check(nlp, text)
