"""flows.sources: .txt, JSON Lines, directories and stdin in; bad input out as rejections, the rest read."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from flows.sources import PAYLOAD_LIMIT, parse_dateline, read_sources
from schemas import Stage

GOOD_1 = json.dumps({"id": "a1", "text": "Shelling hit Kharkiv on Monday."})
GOOD_2 = json.dumps({"id": "a2", "text": "Protesters gathered in Tbilisi."})


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("first_line", "expected"),
    [
        (" date 2026-02-26 Geneva — Russia signaled Thursday", date(2026, 2, 26)),
        ("date 2025-12-01 Kyiv — Drones struck", date(2025, 12, 1)),
        ("KYIV, Ukraine (Feb. 26, 2026) — Russia launched", date(2026, 2, 26)),
        ("KHARTOUM, Sudan (Sept. 3, 2025) - Fighting resumed", date(2025, 9, 3)),
        ("GENEVA (March 14, 2025) — Talks stalled", date(2025, 3, 14)),
        ("Russia signaled Thursday that it was in no rush.", None),
        ("date 2026-13-45 Geneva — an impossible date", None),
        ("KYIV (Foo. 26, 2026) — not a month", None),
    ],
    ids=["seed", "iso-no-space", "classic", "classic-sept", "city-only", "none", "bad-iso", "bad-month"],
)
def test_parse_dateline(first_line: str, expected: date | None) -> None:
    assert parse_dateline(first_line + "\nSecond paragraph.") == expected


@pytest.mark.parametrize(
    ("content", "published"),
    [
        (" date 2026-02-26 Geneva — Russia signaled Thursday.\n\nMore text.\n", date(2026, 2, 26)),
        ("KYIV, Ukraine (Feb. 26, 2026) — Drones hit Kyiv.\n", date(2026, 2, 26)),
        ("No dateline here.\nDrones hit Kyiv.\n", None),
    ],
    ids=["iso-dateline", "classic-dateline", "no-dateline"],
)
def test_txt_file_is_one_article(tmp_path: Path, content: str, published: date | None) -> None:
    path = write(tmp_path / "story-42.txt", content)
    articles, rejections = read_sources([str(path)])
    assert rejections == []
    [article] = articles
    assert article.id == "story-42"
    assert article.text == content  # intact, dateline included, so evidence offsets stay valid
    assert article.published == published
    assert article.source == str(path)


def test_seed_article_has_its_dateline_date(seed_article: Path) -> None:
    [article], rejections = read_sources([seed_article])
    assert rejections == []
    assert article.id == "seed_article_2026-02-26"
    assert article.published == date(2026, 2, 26)
    assert article.text == seed_article.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        ('{"id": "b", "text": "unterminated', "malformed JSON"),
        ('{"id": "b"}', "missing required field 'text'"),
        ('{"text": "no id here"}', "missing required field 'id'"),
        ('{"id": "b", "text": "   "}', "'text' is blank"),
        ('{"id": "", "text": "empty id"}', "'id' is blank"),
        ('{"id": "b", "text": 7}', "'text' must be a string, got number"),
        ('{"id": ["b"], "text": "list id"}', "'id' must be a string, got array"),
        ("[1, 2, 3]", "expected a JSON object, got array"),
        ('"just a string"', "expected a JSON object, got string"),
        ("null", "expected a JSON object, got null"),
        ('{"id": "b", "text": "t", "published": "last Tuesday"}', "bad 'published' value 'last Tuesday'"),
        ('{"id": "b", "text": "t", "published": 20250314}', "bad 'published' value 20250314"),
        ('{"id": "b", "text": "t", "title": 5}', "invalid article: title"),
    ],
    ids=[
        "malformed-json",
        "missing-text",
        "missing-id",
        "blank-text",
        "blank-id",
        "text-not-string",
        "id-not-string",
        "array",
        "string",
        "null",
        "bad-published",
        "published-not-string",
        "title-not-string",
    ],
)
def test_bad_jsonl_line_is_rejected_and_the_rest_read(tmp_path: Path, bad_line: str, reason: str) -> None:
    path = write(tmp_path / "feed.jsonl", "\n".join([GOOD_1, bad_line, GOOD_2]) + "\n")
    articles, rejections = read_sources([str(path)])
    assert [a.id for a in articles] == ["a1", "a2"]
    [rejection] = rejections
    assert rejection.stage is Stage.INGEST
    assert rejection.reason.startswith(f"{path}:2: ")
    assert reason in rejection.reason
    assert rejection.payload == bad_line
    assert rejection.source == str(path)


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2025-03-14 20:30:26Z", datetime(2025, 3, 14, 20, 30, 26, tzinfo=UTC)),
        ("2025-03-14T20:30:26+02:00", datetime(2025, 3, 14, 20, 30, 26, tzinfo=timezone(timedelta(hours=2)))),
        ("2025-03-14", date(2025, 3, 14)),
        (None, None),
        ("", None),
    ],
    ids=["voa-style", "iso-offset", "date-only", "null", "empty"],
)
def test_jsonl_published(tmp_path: Path, published: str | None, expected: date | datetime | None) -> None:
    row = {"id": "p", "text": "Gunmen attacked a village.", "published": published}
    path = write(tmp_path / "feed.jsonl", json.dumps(row) + "\n")
    [article], rejections = read_sources([path])
    assert rejections == []
    assert article.published == expected
    assert type(article.published) is type(expected)


def test_jsonl_optional_fields_kept_extra_keys_ignored(tmp_path: Path) -> None:
    rows = [
        {"id": 42, "text": "Numeric id on this story.", "author": "ignored", "section": "World"},
        {
            "id": "t",
            "text": "Police arrested two men.",
            "title": "A title",
            "url": "https://example.org/t",
            "source": "Reuters",
        },
    ]
    path = write(tmp_path / "feed.jsonl", "\n\n".join(json.dumps(r) for r in rows) + "\n\n")
    articles, rejections = read_sources([path])
    assert rejections == []
    numeric, titled = articles
    assert numeric.id == "42"
    assert numeric.source == str(path)
    assert (titled.title, titled.url, titled.source) == ("A title", "https://example.org/t", "Reuters")


def test_voa_sample_reads_cleanly(voa_stories: Path) -> None:
    articles, rejections = read_sources([voa_stories])
    assert rejections == []
    assert len(articles) == 89
    assert all(a.published is not None and a.title for a in articles)


def test_directory_is_read_recursively_and_sorted(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "Second file.")
    write(tmp_path / "a" / "feed.jsonl", GOOD_1 + "\n" + GOOD_2 + "\n")
    write(tmp_path / "c" / "notes.md", "not a source")
    write(tmp_path / ".cache" / "hidden.txt", "hidden files are skipped")
    articles, rejections = read_sources([tmp_path])
    assert rejections == []
    assert [a.id for a in articles] == ["a1", "a2", "b"]


def test_samples_directory(seed_article: Path) -> None:
    articles, rejections = read_sources([seed_article.parent])
    assert rejections == []
    assert len(articles) == 90


def test_stdin_is_json_lines() -> None:
    stdin = io.StringIO("\n".join([GOOD_1, "{oops", GOOD_2]) + "\n")
    articles, rejections = read_sources(["-"], stdin=stdin)
    assert [(a.id, a.source) for a in articles] == [("a1", "stdin"), ("a2", "stdin")]
    [rejection] = rejections
    assert rejection.reason.startswith("stdin:2: malformed JSON")
    assert rejection.source == "stdin"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("latin1.txt", "Café in Kyiv".encode("latin-1"), "not valid UTF-8"),
        ("feed.jsonl", b"\xff\xfe{\x00", "binary file"),
        ("empty.txt", b"", "empty file"),
        ("blank.jsonl", b"  \n\n ", "empty file"),
        ("notes.md", b"# not a source", "unsupported file type '.md'"),
    ],
    ids=["binary", "undecodable", "utf16-jsonl", "empty", "blank", "unsupported-suffix"],
)
def test_unreadable_file_is_rejected(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    bad = write(tmp_path / name, content)
    good = write(tmp_path / "good.txt", "Readable article.")
    articles, rejections = read_sources([bad, good])
    assert [a.id for a in articles] == ["good"]
    [rejection] = rejections
    assert rejection.stage is Stage.INGEST
    assert rejection.reason.startswith(f"{bad}: ")
    assert reason in rejection.reason
    assert rejection.source == str(bad)
    assert "\x00" not in rejection.payload


def test_missing_path_is_rejected(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "story.txt"
    articles, rejections = read_sources([missing, write(tmp_path / "ok.txt", "Shelling hit Kharkiv.")])
    assert [a.id for a in articles] == ["ok"]
    [rejection] = rejections
    assert rejection.reason == f"{missing}: no such file or directory"


def test_empty_directory_is_rejected(tmp_path: Path) -> None:
    articles, rejections = read_sources([tmp_path])
    assert articles == []
    assert "holds no .txt, .json, .jsonl or .html files" in rejections[0].reason


def test_duplicate_ids_keep_the_first(tmp_path: Path) -> None:
    feed = write(
        tmp_path / "feed.jsonl",
        "\n".join([GOOD_1, json.dumps({"id": "a1", "text": "A later copy."}), GOOD_2]) + "\n",
    )
    other = write(tmp_path / "a2.txt", "Same id as the second row, from a .txt file.")
    articles, rejections = read_sources([feed, other])
    assert [(a.id, a.text) for a in articles] == [
        ("a1", "Shelling hit Kharkiv on Monday."),
        ("a2", "Protesters gathered in Tbilisi."),
    ]
    assert [r.article_id for r in rejections] == ["a1", "a2"]
    assert rejections[0].reason == f"{feed}:2: duplicate article id 'a1' (first read at {feed}:1)"
    assert rejections[1].reason == f"{other}: duplicate article id 'a2' (first read at {feed}:3)"


def test_long_payload_is_truncated(tmp_path: Path) -> None:
    huge = '{"id": "x", "text": "' + "x" * (3 * PAYLOAD_LIMIT)
    path = write(tmp_path / "feed.jsonl", huge + "\n")
    articles, [rejection] = read_sources([path])
    assert articles == []
    assert len(rejection.payload) == PAYLOAD_LIMIT
    assert huge.startswith(rejection.payload)


# --- bad input of every kind: each is recorded with its reason, and the rest of the batch goes on -------

ENGLISH = (
    "Gunmen attacked a village in the Mopti region of central Mali on Thursday, killing three civilians, "
    "local officials said."
)
FRENCH = (
    "Des hommes armés ont attaqué jeudi un village de la région de Mopti, dans le centre du Mali, tuant "
    "trois civils, selon des responsables locaux."
)
PAGE = (
    "<!DOCTYPE html><html><head><title>Attack in Mopti</title></head><body>"
    "<nav><a href='/'>Home</a> | <a href='/africa'>Africa</a></nav>"
    f"<article><h1>Attack in Mopti</h1><p>{ENGLISH}</p><p>The army sent reinforcements.</p></article>"
    "<footer>Copyright 2026. Subscribe.</footer></body></html>"
)


def read_one_good_plus(tmp_path: Path, name: str, content: str | bytes) -> tuple[list[str], list[str]]:
    """Read a good file and the given one; the ids read and the rejection reasons."""
    good = write(tmp_path / "good.txt", ENGLISH)
    articles, rejections = read_sources([good, write(tmp_path / name, content)])
    return [a.id for a in articles], [r.reason for r in rejections]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("french.txt", FRENCH, "not in English (detected 'fr'"),
        ("russian.jsonl", json.dumps({"id": "ru", "text": "Боевики атаковали деревню в четверг и убили трёх "
                                      "мирных жителей, сообщили местные власти."}), "not in English"),
        ("huge.txt", "Shelling hit Kharkiv. " * 500_000, "article is 11,000,000 characters long; the limit"),
        ("digits.txt", "1234 5678 !!! ---- 99", "only 0 letters: no text to code"),
        ("junk.html", "<html><body><nav>Home</nav><script>var a=1;</script></body></html>",
         "HTML with no article text"),
        ("junk.txt", "<div><span>&nbsp;</span></div>" * 20, "HTML with no article text"),
        ("latin1.txt", ENGLISH.replace("Mali", "Malí").encode("latin-1"), "not valid UTF-8"),
        ("broken.json", '{"id": "j", "text": ', "malformed JSON"),
        ("list.json", "[1, 2]", "expected a JSON object, got number"),
    ],
    ids=["french", "russian", "10mb", "no-letters", "html-junk", "markup-in-txt", "latin1", "bad-json",
         "json-not-objects"],
)  # fmt: skip
def test_bad_input_is_rejected_with_its_reason_and_the_rest_read(
    tmp_path: Path, name: str, content: str | bytes, reason: str
) -> None:
    ids, reasons = read_one_good_plus(tmp_path, name, content)
    assert ids == ["good"]
    assert reasons and all(reason in r for r in reasons), reasons


def test_html_files_give_the_article_text_without_boilerplate(tmp_path: Path) -> None:
    [article], rejections = read_sources([write(tmp_path / "mopti.html", PAGE.encode())])
    assert rejections == []
    assert (article.id, article.title) == ("mopti", "Attack in Mopti")
    assert article.text == ENGLISH + "\nThe army sent reinforcements."


def test_markup_in_a_jsonl_text_field_is_reduced_to_the_article(tmp_path: Path) -> None:
    row = {"id": "h1", "text": PAGE, "published": "2026-03-20", "source": "Wire"}
    [article], rejections = read_sources([write(tmp_path / "feed.jsonl", json.dumps(row) + "\n")])
    assert rejections == []
    assert article.text.startswith(ENGLISH) and "Subscribe" not in article.text
    assert (article.published, article.source) == (date(2026, 3, 20), "Wire")


def test_json_files_hold_one_article_or_a_list(tmp_path: Path) -> None:
    one = write(tmp_path / "one.json", json.dumps({"id": "j1", "text": ENGLISH}))
    many = write(tmp_path / "many.json", json.dumps([{"id": "j2", "text": ENGLISH}, {"id": "j3"}]))
    articles, rejections = read_sources([one, many])
    assert [a.id for a in articles] == ["j1", "j2"]
    [rejection] = rejections
    assert rejection.reason == f"{many}[1]: missing required field 'text'"


def test_a_glob_reads_every_matching_file_and_an_empty_glob_is_recorded(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.jsonl"):
        write(
            tmp_path / "in" / name,
            ENGLISH if name.endswith(".txt") else json.dumps({"id": "c", "text": ENGLISH}),
        )
    articles, rejections = read_sources([str(tmp_path / "in" / "*.txt"), str(tmp_path / "none" / "*.txt")])
    assert [a.id for a in articles] == ["a", "b"]
    [rejection] = rejections
    assert rejection.reason.endswith("*.txt: no file matches this pattern")


def test_the_language_check_keeps_short_english_notes(tmp_path: Path) -> None:
    # Too short for the language model to judge ("M23 rebels seized Goma." reads as German to it): kept.
    [article], rejections = read_sources([write(tmp_path / "note.txt", "M23 rebels seized Goma.")])
    assert rejections == [] and article.id == "note"


def test_duplicate_ids_across_files_keep_the_first(tmp_path: Path) -> None:
    first = write(tmp_path / "a" / "same.txt", ENGLISH)
    second = write(tmp_path / "b" / "same.txt", ENGLISH.replace("three", "four"))
    articles, rejections = read_sources([first, second])
    assert [a.text for a in articles] == [ENGLISH]
    [rejection] = rejections
    assert rejection.reason == f"{second}: duplicate article id 'same' (first read at {first})"
