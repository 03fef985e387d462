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
class InputSettings:
    max_chars: int = 2_000_000  # longer documents are rejected as too_large (a book, not an article)
    max_file_bytes: int = 50_000_000


@dataclass(frozen=True)
class Settings:
    """All thresholds with their defaults.

    Example:
        Settings(stages=("sentences",))
    """

    stages: tuple[str, ...] = DEFAULT_STAGES
    input: InputSettings = field(default_factory=InputSettings)
