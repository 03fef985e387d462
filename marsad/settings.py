"""Every tunable of marsad in one frozen object, grouped by stage; stages read nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_STAGES: tuple[str, ...] = (
    "sentences",
    "tokens",
    # "times",      # issue 3
    # "figures",    # issue 3
    # "entities",   # issue 4
    # "roles",      # issue 4
    # "quotes",     # issue 5
    # "events",     # issue 5
)


@dataclass(frozen=True)
class FetchSettings:
    """Polite HTTP for URLs and feeds (issue 7): one request per host per `host_interval_s` at most."""

    timeout_s: float = 10.0
    retries: int = 3                 # extra attempts after a 5xx, 429 or connection error
    backoff_s: float = 1.0           # first wait; doubles on each retry
    max_backoff_s: float = 30.0
    host_interval_s: float = 1.0     # raised to a host's robots.txt Crawl-delay when that is longer
    max_page_bytes: int = 5_000_000  # also the cap on one WARC record's payload
    user_agent: str | None = None    # None: "marsad/<version> (+offline news analysis)"


@dataclass(frozen=True)
class InputSettings:
    max_chars: int = 2_000_000  # longer documents are rejected as too_large (a book, not an article)
    max_file_bytes: int = 50_000_000
    fetch: FetchSettings = field(default_factory=FetchSettings)


@dataclass(frozen=True)
class Settings:
    """All thresholds with their defaults.

    Example:
        Settings(stages=("sentences",))
    """

    stages: tuple[str, ...] = DEFAULT_STAGES
    input: InputSettings = field(default_factory=InputSettings)
