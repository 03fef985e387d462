"""Lazy, cached loading of the files under marsad/data: one load per process or Spark executor."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources as importlib_resources
from pathlib import Path

from marsad.errors import ResourceError

DATA_DIR = Path(str(importlib_resources.files("marsad") / "data"))


def data_path(relative: str) -> Path:
    """The absolute path of a shipped data file; raises ResourceError if it is missing."""
    path = DATA_DIR / relative
    if not path.exists():
        raise ResourceError(f"missing data file {relative} (looked in {DATA_DIR})")
    return path


@lru_cache(maxsize=None)
def word_list(relative: str) -> frozenset[str]:
    """A text file of one entry per line; blank lines and '#' comments skipped."""
    lines = data_path(relative).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=None)
def table(relative: str) -> tuple[dict[str, str], ...]:
    """A tab-separated file with a header row, as dicts; '#' lines are comments."""
    with data_path(relative).open(encoding="utf-8", newline="") as f:
        rows = (line for line in f if line.strip() and not line.startswith("#"))
        reader = csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)
        try:
            return tuple({k: (v or "") for k, v in row.items()} for row in reader)
        except csv.Error as exc:
            raise ResourceError(f"{relative}: {exc}") from exc

