"""Read articles from .txt files, JSON Lines files, directories or stdin; bad input becomes a rejection."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from schemas import Article, Rejection, Stage, describe_errors

#: Longest raw payload kept on a rejection, in characters.
PAYLOAD_LIMIT = 10_000
TEXT_SUFFIXES = frozenset({".txt"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
STDIN = "-"

_ISO_DATELINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
# "KYIV, Ukraine (Feb. 26, 2026) —" / "GENEVA (AP) March 3, 2026 -" style datelines.
_CLASSIC_DATELINE = re.compile(
    r"^\s*[A-Z][A-Za-z .,'’-]{1,80}?\(\s*(?:[A-Z]+\)\s*\(?)?\s*"
    r"(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2}),\s+(?P<year>\d{4})\s*\)\s*[—–-]"
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_OPTIONAL_TEXT_FIELDS = ("title", "url", "source")


def read_sources(
    paths: Iterable[str | Path], *, stdin: TextIO | None = None
) -> tuple[list[Article], list[Rejection]]:
    """Read every source (file, directory or ``-`` for JSON Lines on stdin) into articles and rejections."""
    articles: list[Article] = []
    rejections: list[Rejection] = []
    first_seen: dict[str, str] = {}
    for path in paths:
        for item in _read_one(str(path), stdin=stdin):
            if isinstance(item, Rejection):
                rejections.append(item)
                continue
            article, where, raw = item
            if article.id in first_seen:
                first = first_seen[article.id]
                rejections.append(
                    _reject(
                        f"{where}: duplicate article id {article.id!r} (first read at {first})",
                        raw,
                        source=article.source,
                        article_id=article.id,
                    )
                )
                continue
            first_seen[article.id] = where
            articles.append(article)
    return articles, rejections


def parse_dateline(text: str) -> date | None:
    """The publication date from a dateline on the first line of ``text``, if it has one."""
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    if match := _ISO_DATELINE.match(first_line):
        try:
            return date.fromisoformat(match.group(1))
        except ValueError:
            return None
    if match := _CLASSIC_DATELINE.match(first_line):
        month = _MONTHS.get(match.group("month").lower())
        if month is None:
            return None
        try:
            return date(int(match.group("year")), month, int(match.group("day")))
        except ValueError:
            return None
    return None


def parse_published(value: Any) -> date | datetime | None:
    """An ISO date or datetime (``2025-03-14``, ``2025-03-14 20:30:26Z``); raises ValueError otherwise."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"published must be a string, got {type(value).__name__}")
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return date.fromisoformat(value)
    return datetime.fromisoformat(value)


Item = Rejection | tuple[Article, str, str]


def _read_one(path: str, *, stdin: TextIO | None) -> Iterator[Item]:
    if path == STDIN:
        stream = stdin if stdin is not None else sys.stdin
        try:
            text = stream.read()
        except UnicodeDecodeError as error:
            yield _reject(
                f"stdin: not valid UTF-8 ({error.reason} at byte {error.start})", "", source="stdin"
            )
            return
        yield from _read_jsonl_lines(text.splitlines(), name="stdin", source="stdin")
        return
    file = Path(path)
    if file.is_dir():
        files = sorted(
            p
            for p in file.rglob("*")
            if p.is_file()
            and p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(file).parts)
        )
        if not files:
            yield _reject(f"{path}: directory holds no .txt or .jsonl files", "", source=path)
        for child in files:
            yield from _read_file(child)
        return
    yield from _read_file(file)


def _read_file(file: Path) -> Iterator[Item]:
    name = str(file)
    suffix = file.suffix.lower()
    if suffix not in TEXT_SUFFIXES | JSONL_SUFFIXES and file.exists():
        yield _reject(
            f"{name}: unsupported file type {suffix or '(none)'!r}; expected .txt or .jsonl", "", source=name
        )
        return
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        yield _reject(f"{name}: no such file or directory", "", source=name)
        return
    except OSError as error:
        yield _reject(f"{name}: cannot read file: {error.strerror or error}", "", source=name)
        return
    if b"\x00" in data:
        yield _reject(f"{name}: binary file (contains NUL bytes)", _preview_bytes(data), source=name)
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        yield _reject(
            f"{name}: not valid UTF-8 ({error.reason} at byte {error.start})",
            _preview_bytes(data),
            source=name,
        )
        return
    if not text.strip():
        yield _reject(f"{name}: empty file", text, source=name)
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl_lines(text.splitlines(), name=name, source=name)
    else:
        yield from _read_text(text, file=file)


def _read_text(text: str, *, file: Path) -> Iterator[Item]:
    name = str(file)
    try:
        article = Article(id=file.stem, text=text, source=name, published=parse_dateline(text))
    except ValidationError as error:
        yield _reject(f"{name}: invalid article: {describe_errors(error)}", text, source=name)
        return
    yield article, name, text


def _read_jsonl_lines(lines: list[str], *, name: str, source: str) -> Iterator[Item]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue  # blank lines separate nothing in JSON Lines; skip them quietly
        where = f"{name}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            yield _reject(f"{where}: malformed JSON: {error.msg} (column {error.colno})", line, source=source)
            continue
        yield _article_from_row(row, where=where, raw=line, source=source)


def _article_from_row(row: Any, *, where: str, raw: str, source: str) -> Item:
    if not isinstance(row, dict):
        return _reject(f"{where}: expected a JSON object, got {_json_type(row)}", raw, source=source)
    article_id = row.get("id")
    if isinstance(article_id, int) and not isinstance(article_id, bool):
        article_id = str(article_id)
    for field, value in (("id", article_id), ("text", row.get("text"))):
        if value is None:
            return _reject(f"{where}: missing required field {field!r}", raw, source=source)
        if not isinstance(value, str):
            return _reject(
                f"{where}: {field!r} must be a string, got {_json_type(value)}", raw, source=source
            )
        if not value.strip():
            return _reject(f"{where}: {field!r} is blank", raw, source=source)
    try:
        published = parse_published(row.get("published"))
    except ValueError as error:
        return _reject(
            f"{where}: bad 'published' value {row.get('published')!r}: {error}",
            raw,
            source=source,
            article_id=article_id,
        )
    fields = {key: row[key] for key in _OPTIONAL_TEXT_FIELDS if row.get(key) not in (None, "")}
    fields.setdefault("source", source)
    try:
        article = Article(id=article_id, text=row["text"], published=published, **fields)
    except ValidationError as error:
        return _reject(
            f"{where}: invalid article: {describe_errors(error)}", raw, source=source, article_id=article_id
        )
    return article, where, raw


def _reject(
    reason: str, payload: str, *, source: str | None = None, article_id: str | None = None
) -> Rejection:
    return Rejection(
        stage=Stage.INGEST,
        reason=reason,
        payload=payload[:PAYLOAD_LIMIT],
        source=source,
        article_id=article_id,
    )


def _preview_bytes(data: bytes) -> str:
    # Undecodable bytes are kept visible as \xNN escapes; NUL is escaped too so the payload stays plain text.
    return data[:PAYLOAD_LIMIT].decode("utf-8", errors="backslashreplace").replace("\x00", "\\x00")


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
