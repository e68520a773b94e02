"""Checks every article passes before extraction: a size limit, enough text, and English (py3langid)."""

from __future__ import annotations

import functools

from schemas import Article

#: spaCy's default max_length: longer texts would need ~1 GB of parser memory per million characters.
MAX_ARTICLE_CHARS = 1_000_000
#: An article needs at least this many letters to be anything but junk.
MIN_LETTERS = 10
#: The language is judged on the first characters only (enough for a confident answer, and fast).
LANGUAGE_SAMPLE_CHARS = 5_000
#: Below this many letters the language model is not trusted to reject ("M23 rebels seized Goma." reads
#: as German to it).
LANGUAGE_MIN_LETTERS = 40
#: Rejected as not English when the model gives English less than this probability. Every one of the
#: 189 bundled and gold articles scores above 0.99; French, Spanish, German, Russian or Arabic news
#: sentences score below 0.001.
ENGLISH_MIN_PROBABILITY = 0.01


@functools.cache
def _identifier():  # -> py3langid.langid.LanguageIdentifier, loaded once (about 0.3 s)
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float, float]:
    """The likeliest language code of ``text``, its probability, and the probability of English."""
    ranked = _identifier().rank(text[:LANGUAGE_SAMPLE_CHARS])
    best, probability = ranked[0]
    english = next((p for code, p in ranked if code == "en"), 0.0)
    return best, float(probability), float(english)


def screen(article: Article) -> str | None:
    """Why ``article`` cannot be coded (too long, no text, not English), or None if it can."""
    text = article.text
    if len(text) > MAX_ARTICLE_CHARS:
        return f"article is {len(text):,} characters long; the limit is {MAX_ARTICLE_CHARS:,}"
    letters = sum(ch.isalpha() for ch in text[:LANGUAGE_SAMPLE_CHARS])
    if letters < MIN_LETTERS:
        return f"article has only {letters} letters: no text to code"
    if letters >= LANGUAGE_MIN_LETTERS:
        best, probability, english = detect_language(text)
        if english < ENGLISH_MIN_PROBABILITY:
            return (
                f"article is not in English (detected {best!r} with probability {probability:.2f}); "
                "the extractor codes English text only"
            )
    return None
