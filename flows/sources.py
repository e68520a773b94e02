"""Read articles from .txt, .json, .jsonl and .html files, directories, globs or stdin; bad input becomes a
rejection with its reason, and the rest goes on."""

from __future__ import annotations

import glob
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from flows.screening import screen
from flows.web import looks_like_html, page_from_html
from schemas import Article, Rejection, Stage, describe_errors, parse_published

#: Longest raw payload kept on a rejection, in characters.
PAYLOAD_LIMIT = 10_000
TEXT_SUFFIXES = frozenset({".txt"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES
#: Files larger than this are refused unread (an article is at most 1 M characters; see flows.screening).
MAX_FILE_BYTES = 50_000_000
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


@dataclass
class Intake:
    """Articles read so far and what was refused: each article is screened (size, text, language) and an
    id seen before in the same batch is refused as a duplicate."""

    articles: list[Article] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    first_seen: dict[str, str] = field(default_factory=dict)

    def add(self, item: Item) -> None:
        """Keep an article (with where it was read and its raw form) or record a rejection."""
        if isinstance(item, Rejection):
            self.rejections.append(item)
            return
        article, where, raw = item
        if reason := screen(article):
            self.rejections.append(
                reject(f"{where}: {reason}", raw, source=article.source, article_id=article.id)
            )
            return
        self.keep(article, where, raw)

    def keep(self, article: Article, where: str, raw: str) -> None:
        """Keep an article already screened, unless its id was read before."""
        if article.id in self.first_seen:
            first = self.first_seen[article.id]
            self.rejections.append(
                reject(
                    f"{where}: duplicate article id {article.id!r} (first read at {first})",
                    raw,
                    source=article.source,
                    article_id=article.id,
                )
            )
            return
        self.first_seen[article.id] = where
        self.articles.append(article)


def read_sources(
    paths: Iterable[str | Path], *, stdin: TextIO | None = None, intake: Intake | None = None
) -> tuple[list[Article], list[Rejection]]:
    """Read every source (file, directory, glob, or ``-`` for JSON Lines on stdin) into articles and
    rejections."""
    intake = intake if intake is not None else Intake()
    for path in paths:
        for item in _read_one(str(path), stdin=stdin):
            intake.add(item)
    return intake.articles, intake.rejections


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


Item = Rejection | tuple[Article, str, str]


def _read_one(path: str, *, stdin: TextIO | None) -> Iterator[Item]:
    if path == STDIN:
        stream = stdin if stdin is not None else sys.stdin
        try:
            text = stream.read()
        except UnicodeDecodeError as error:
            yield reject(f"stdin: not valid UTF-8 ({error.reason} at byte {error.start})", "", source="stdin")
            return
        yield from _read_jsonl_lines(text.splitlines(), name="stdin", source="stdin")
        return
    file = Path(path)
    if not file.exists() and glob.has_magic(path):
        matches = sorted(Path(p) for p in glob.glob(path, recursive=True) if Path(p).is_file())
        if not matches:
            yield reject(f"{path}: no file matches this pattern", "", source=path)
        for match in matches:
            yield from _read_file(match)
        return
    if file.is_dir():
        files = sorted(
            p
            for p in file.rglob("*")
            if p.is_file()
            and p.suffix.lower() in SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(file).parts)
        )
        if not files:
            yield reject(f"{path}: directory holds no .txt, .json, .jsonl or .html files", "", source=path)
        for child in files:
            yield from _read_file(child)
        return
    yield from _read_file(file)


def _read_file(file: Path) -> Iterator[Item]:
    name = str(file)
    suffix = file.suffix.lower()
    if suffix not in SUFFIXES and file.exists():
        yield reject(
            f"{name}: unsupported file type {suffix or '(none)'!r}; expected .txt, .json, .jsonl or .html",
            "",
            source=name,
        )
        return
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            yield reject(
                f"{name}: file of {size:,} bytes is over the {MAX_FILE_BYTES:,}-byte limit", "", source=name
            )
            return
        data = file.read_bytes()
    except FileNotFoundError:
        yield reject(f"{name}: no such file or directory", "", source=name)
        return
    except OSError as error:
        yield reject(f"{name}: cannot read file: {error.strerror or error}", "", source=name)
        return
    if b"\x00" in data:
        yield reject(f"{name}: binary file (contains NUL bytes)", preview_bytes(data), source=name)
        return
    if suffix in HTML_SUFFIXES:  # the page declares its own encoding; trafilatura reads it
        yield page_article(data, article_id=file.stem, where=name, source=name, raw=preview_bytes(data))
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        yield reject(
            f"{name}: not valid UTF-8 ({error.reason} at byte {error.start})",
            preview_bytes(data),
            source=name,
        )
        return
    if not text.strip():
        yield reject(f"{name}: empty file", text, source=name)
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl_lines(text.splitlines(), name=name, source=name)
    elif suffix in JSON_SUFFIXES:
        yield from _read_json(text, name=name)
    else:
        yield from _read_text(text, file=file)


def _read_text(text: str, *, file: Path) -> Iterator[Item]:
    name = str(file)
    if looks_like_html(text):
        yield page_article(text, article_id=file.stem, where=name, source=name, raw=text)
        return
    yield new_article(name, text, id=file.stem, text=text, source=name, published=parse_dateline(text))


def _read_jsonl_lines(lines: list[str], *, name: str, source: str) -> Iterator[Item]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue  # blank lines separate nothing in JSON Lines; skip them quietly
        where = f"{name}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            yield reject(f"{where}: malformed JSON: {error.msg} (column {error.colno})", line, source=source)
            continue
        yield _article_from_row(row, where=where, raw=line, source=source)


def _read_json(text: str, *, name: str) -> Iterator[Item]:
    """A .json file: one article object, or an array of them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield reject(
            f"{name}: malformed JSON: {error.msg} (line {error.lineno}, column {error.colno})",
            text,
            source=name,
        )
        return
    rows = data if isinstance(data, list) else [data]
    for index, row in enumerate(rows):
        where = f"{name}[{index}]" if isinstance(data, list) else name
        raw = json.dumps(row, ensure_ascii=False)
        yield _article_from_row(row, where=where, raw=raw, source=name)


def page_article(
    html: str | bytes,
    *,
    article_id: str,
    where: str,
    source: str,
    raw: str,
    url: str | None = None,
    title: str | None = None,
    published: date | datetime | None = None,
) -> Item:
    """An article from an HTML document (a file, a fetched page, a text field holding markup), its text
    extracted with trafilatura; a rejection if the page holds no article. Known metadata wins over the
    page's own."""
    page = page_from_html(html, url=url)
    if page is None:
        return reject(
            f"{where}: HTML with no article text (only markup, scripts or boilerplate)",
            raw,
            source=source,
            article_id=article_id,
        )
    fields = {"title": title or page.title, "url": url or page.url, "published": published or page.published}
    return new_article(where, raw, id=article_id, text=page.text, source=source, **fields)


def _article_from_row(row: Any, *, where: str, raw: str, source: str) -> Item:
    if not isinstance(row, dict):
        return reject(f"{where}: expected a JSON object, got {_json_type(row)}", raw, source=source)
    article_id = row.get("id")
    if isinstance(article_id, int) and not isinstance(article_id, bool):
        article_id = str(article_id)
    for key, value in (("id", article_id), ("text", row.get("text"))):
        if value is None:
            return reject(f"{where}: missing required field {key!r}", raw, source=source)
        if not isinstance(value, str):
            return reject(f"{where}: {key!r} must be a string, got {_json_type(value)}", raw, source=source)
        if not value.strip():
            return reject(f"{where}: {key!r} is blank", raw, source=source)
    try:
        published = parse_published(row.get("published"))
    except ValueError as error:
        return reject(
            f"{where}: bad 'published' value {row.get('published')!r}: {error}",
            raw,
            source=source,
            article_id=article_id,
        )
    fields = {key: row[key] for key in _OPTIONAL_TEXT_FIELDS if row.get(key) not in (None, "")}
    fields.setdefault("source", source)
    if looks_like_html(row["text"]):
        return page_article(
            row["text"], article_id=article_id, where=where, raw=raw, published=published, **fields
        )
    return new_article(where, raw, id=article_id, text=row["text"], published=published, **fields)


def new_article(where: str, raw: str, **fields: Any) -> Item:
    """An Article from ``fields`` (read at ``where``, raw form ``raw``), or a rejection naming each field
    the model refuses."""
    try:
        return Article(**fields), where, raw
    except ValidationError as error:
        return reject(
            f"{where}: invalid article: {describe_errors(error)}",
            raw,
            source=fields.get("source"),
            article_id=fields.get("id"),
        )


def reject(
    reason: str, payload: str = "", *, source: str | None = None, article_id: str | None = None
) -> Rejection:
    """An ingest-stage rejection; the raw payload is cut to PAYLOAD_LIMIT characters."""
    return Rejection(
        stage=Stage.INGEST,
        reason=reason,
        payload=payload[:PAYLOAD_LIMIT],
        source=source,
        article_id=article_id,
    )


def preview_bytes(data: bytes) -> str:
    """Raw bytes as a payload: the first PAYLOAD_LIMIT, undecodable ones as escapes."""
    # Undecodable bytes are kept visible as \xNN escapes; NUL is escaped too so the payload stays plain text.
    return data[:PAYLOAD_LIMIT].decode("utf-8", errors="backslashreplace").replace("\x00", "\\x00")


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
