"""The sources file: what it accepts, and the clear errors for what it does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.config import ConfigError, FeedSource, FilesSource, PagesSource, load_sources_file

EXAMPLE = """
db = "data/events.duckdb"

[fetch]
timeout_s = 5
retries = 2
backoff_s = 1.5

[[source]]
name = "bundled"
kind = "files"
path = "articles/*.jsonl"
schedule = "0 * * * *"

[[source]]
name = "voa-africa"
kind = "feed"
url = "https://news.example/africa.rss"
schedule = "*/30 * * * *"
label = "Voice of America"

[[source]]
name = "briefs"
kind = "pages"
urls = ["https://news.example/a", "http://news.example/b"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_sources_file_is_read_with_paths_relative_to_it(tmp_path: Path) -> None:
    config = load_sources_file(write(tmp_path, EXAMPLE))
    files, feed, pages = config.sources
    assert isinstance(files, FilesSource) and files.path == str(tmp_path / "articles/*.jsonl")
    assert isinstance(feed, FeedSource) and (feed.schedule, feed.source_label) == (
        "*/30 * * * *",
        "Voice of America",
    )
    assert feed.fetch_pages and feed.max_entries == 100
    assert isinstance(pages, PagesSource) and pages.schedule is None and pages.source_label == "briefs"
    assert config.db == str(tmp_path / "data/events.duckdb")
    assert (config.fetch.timeout_s, config.fetch.retries) == (5, 2)
    assert config.fetch.retry_delays() == [1.5, 3.0]
    assert [s.name for s in config.select(["briefs", "bundled"])] == ["briefs", "bundled"]
    assert config.select(None) == config.sources


def test_the_repository_sources_file_is_valid() -> None:
    config = load_sources_file(Path(__file__).resolve().parents[1] / "sources.toml")
    assert config.sources, "sources.toml ships at least one source"


FILES = '[[source]]\nname = "x"\nkind = "files"\npath = "a"'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[source]]\nname = "x"\nkind = "feed"\nurl = "file:///etc/passwd"', "only http and https URLs"),
        ('[[source]]\nname = "x"\nkind = "pages"\nurls = ["/etc/passwd"]', "only http and https URLs"),
        (FILES + '\nschedule = "61 * * * *"', "not a valid cron"),
        (FILES + '\nschedule = "hourly"', "five fields"),
        ('[[source]]\nname = "x"\nkind = "ftp"\npath = "a"', "does not match any of the expected tags"),
        ('[[source]]\nname = "Bad Name"\nkind = "files"\npath = "a"', "should match pattern"),
        (FILES + "\n" + FILES, "source name 'x' is used twice"),
        (FILES + '\ncolour = "red"', "Extra inputs are not permitted"),
        ("[fetch]\nretries = -1\n" + FILES, "greater than or equal"),
        ("db = 'x'", "source: Field required"),
        ("[[source]\nname = ", "is not valid TOML"),
    ],
    ids=["file-feed", "path-page", "bad-cron", "cron-word", "unknown-kind", "bad-name", "duplicate-name",
         "unknown-key", "negative-retries", "no-source", "not-toml"],
)  # fmt: skip
def test_bad_sources_files_are_refused_with_the_reason(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError, match=message) as caught:
        load_sources_file(path)
    assert str(path) in str(caught.value)


def test_a_missing_sources_file_points_at_the_docs(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"no sources file at .*README"):
        load_sources_file(tmp_path / "nope.toml")


def test_an_unknown_source_name_lists_the_known_ones(tmp_path: Path) -> None:
    config = load_sources_file(write(tmp_path, EXAMPLE))
    with pytest.raises(ConfigError, match=r"no source named 'nope' .*known: bundled, voa-africa, briefs"):
        config.select(["nope"])
