"""Lazy, cached loading of the files under marsad/data: one load per process or Spark executor.

Files are read by path (the CRF library opens its model by name), so when marsad is imported from
a zip, such as a wheel shipped to Spark executors with --py-files, the data folder is unpacked
once into the temporary directory, keyed by the archive's size and time, and read from there.
"""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import tempfile
from functools import cache
from importlib import resources as importlib_resources
from importlib.resources.abc import Traversable
from pathlib import Path

from marsad.errors import ResourceError


def _data_dir() -> Path:
    root = importlib_resources.files("marsad") / "data"
    if isinstance(root, Path):
        return root
    archive = Path(str(root)).parents[1]          # .../marsad.zip/marsad/data -> .../marsad.zip
    stat = archive.stat() if archive.is_file() else None
    key = hashlib.sha1(f"{archive}|{stat and stat.st_size}|{stat and stat.st_mtime_ns}".encode()).hexdigest()[:16]
    target = Path(tempfile.gettempdir()) / f"marsad-data-{key}"
    if not target.is_dir():
        staging = Path(tempfile.mkdtemp(prefix="marsad-data-", dir=target.parent))
        _copy_tree(root, staging)
        try:
            os.replace(staging, target)           # atomic: a concurrent executor may have won the race
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
    return target


def _copy_tree(source: Traversable, target: Path) -> None:
    for item in source.iterdir():
        if item.is_dir():
            (target / item.name).mkdir()
            _copy_tree(item, target / item.name)
        else:
            (target / item.name).write_bytes(item.read_bytes())


DATA_DIR = _data_dir()


def data_path(relative: str) -> Path:
    """The absolute path of a shipped data file; raises ResourceError if it is missing."""
    path = DATA_DIR / relative
    if not path.exists():
        raise ResourceError(f"missing data file {relative} (looked in {DATA_DIR})")
    return path


@cache
def word_list(relative: str) -> frozenset[str]:
    """A text file of one entry per line; blank lines and '#' comments skipped."""
    lines = data_path(relative).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def table(relative: str) -> tuple[dict[str, str], ...]:
    """A tab-separated file with a header row, as dicts; '#' lines are comments."""
    with data_path(relative).open(encoding="utf-8", newline="") as f:
        rows = (line for line in f if line.strip() and not line.startswith("#"))
        reader = csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)
        try:
            return tuple({k: (v or "") for k, v in row.items()} for row in reader)
        except csv.Error as exc:
            raise ResourceError(f"{relative}: {exc}") from exc

