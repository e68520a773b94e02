"""The sources file (sources.toml): what a scheduled run reads, how it fetches and when it runs."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from cronsim import CronSim, CronSimError
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from extractors import EXTRACTOR_VERSION
from schemas import describe_errors

DEFAULT_SOURCES_FILE = "sources.toml"
ALLOWED_SCHEMES = frozenset({"http", "https"})
#: Names become Prefect deployment names and run labels: keep them plain.
NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,62}$"
_CRON_START = datetime(2026, 1, 1)  # any start: CronSim parses the expression when built


class ConfigError(Exception):
    """The sources file is missing, is not TOML, or breaks the schema; the message says where."""


def check_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL with a host; ValueError otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise ValueError(f"only http and https URLs are fetched, not {url!r}")
    if not parts.hostname:
        raise ValueError(f"URL {url!r} has no host")
    return url.strip()


class FetchSettings(BaseModel):
    """How pages and feeds are fetched; every field has a default."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    timeout_s: float = Field(default=20.0, gt=0, le=600)
    retries: int = Field(default=3, ge=0, le=10)
    backoff_s: float = Field(default=2.0, ge=0, le=600)  # first retry's delay; doubles on each retry
    max_bytes: int = Field(default=5_000_000, ge=1_000, le=100_000_000)
    user_agent: str = Field(
        default=f"conflict-events/{EXTRACTOR_VERSION} (+https://pypi.org/project/conflict-events/)",
        min_length=1,
    )
    max_redirects: int = Field(default=5, ge=0, le=20)

    def retry_delays(self) -> list[float]:
        """The delay before each retry: backoff_s, then doubled each time."""
        return [self.backoff_s * 2**attempt for attempt in range(self.retries)]


class _Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=NAME_PATTERN)
    #: A cron expression (five fields, UTC) for `conflict-events serve`; no schedule = run on demand only.
    schedule: str | None = None
    #: Written to articles.source; defaults to the source's name.
    label: str | None = None

    @field_validator("schedule")
    @classmethod
    def _cron(cls, value: str | None) -> str | None:
        if value is None:
            return None
        fields = value.split()
        if len(fields) != 5:
            raise ValueError(f"schedule {value!r} must be a cron expression of five fields")
        try:
            CronSim(value, _CRON_START)
        except CronSimError as error:
            raise ValueError(f"schedule {value!r} is not a valid cron expression: {error}") from error
        return value

    @property
    def source_label(self) -> str:
        """What articles from this source record as their source."""
        return self.label or self.name


class FilesSource(_Source):
    """Files on disk: a file, a directory (searched recursively) or a glob of .txt/.json/.jsonl/.html."""

    kind: Literal["files"]
    path: str = Field(min_length=1)


class FeedSource(_Source):
    """An RSS or Atom feed; each entry's page is fetched and its text extracted (or the entry's own text)."""

    kind: Literal["feed"]
    url: str
    #: Fetch each entry's link and extract the article from the page; false = use the entry's content.
    fetch_pages: bool = True
    #: At most this many entries per run, newest first as the feed lists them.
    max_entries: int = Field(default=100, ge=1, le=10_000)

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return check_url(value)


class PagesSource(_Source):
    """A list of web pages; each page's article text is extracted from its HTML."""

    kind: Literal["pages"]
    urls: list[str] = Field(min_length=1)

    @field_validator("urls")
    @classmethod
    def _urls(cls, values: list[str]) -> list[str]:
        return [check_url(value) for value in values]


Source = Annotated[FilesSource | FeedSource | PagesSource, Field(discriminator="kind")]


class SourcesFile(BaseModel):
    """The parsed sources file: fetch settings, the database and the sources, names unique."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    db: str | None = None
    fetch: FetchSettings = FetchSettings()
    sources: list[Source] = Field(alias="source", min_length=1)

    @model_validator(mode="after")
    def _unique_names(self) -> SourcesFile:
        seen: set[str] = set()
        for source in self.sources:
            if source.name in seen:
                raise ValueError(f"source name {source.name!r} is used twice")
            seen.add(source.name)
        return self

    def get(self, name: str) -> Source:
        """The source called ``name``; ConfigError naming the known ones otherwise."""
        for source in self.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.sources)
        raise ConfigError(f"no source named {name!r} in the sources file (known: {known})")

    def select(self, names: list[str] | None) -> list[Source]:
        """The named sources in the order given, or every source when ``names`` is empty."""
        return [self.get(name) for name in names] if names else list(self.sources)


def load_sources_file(path: str | Path) -> SourcesFile:
    """Read and validate a sources file; relative file paths in it are taken from the file's folder."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ConfigError(f"no sources file at {path}; see the README's 'Sources file' section") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read sources file {path}: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from error
    try:
        config = SourcesFile.model_validate(raw)
    except ValidationError as error:
        raise ConfigError(f"{path}: {describe_errors(error)}") from error
    base = path.resolve().parent
    sources = [
        source.model_copy(update={"path": str(base / source.path)})
        if isinstance(source, FilesSource) and not Path(source.path).is_absolute()
        else source
        for source in config.sources
    ]
    db = str(base / config.db) if config.db and not Path(config.db).is_absolute() else config.db
    return config.model_copy(update={"sources": sources, "db": db})
