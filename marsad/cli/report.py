"""How the CLI reports long work: a progress bar on stderr, one line per failure, the exit status."""

from __future__ import annotations

import sys
from typing import Any

import click
from tqdm import tqdm

from marsad.errors import SKIP_REASONS
from marsad.ingest.batch import BatchSummary
from marsad.record.article import Rejected

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2


def progress(*, total: int | None, unit: str, enabled: bool) -> Any:
    """A progress bar on stderr (silent when disabled)."""
    return tqdm(total=total, unit=unit, disable=not enabled, file=sys.stderr, dynamic_ncols=True, leave=False)


def report_rejected(item: Rejected) -> None:
    """One stderr line for a failed input; skips by policy (duplicate, not_arabic) are only counted."""
    if item.reason not in SKIP_REASONS:
        click.echo(f"marsad: {item.line()}", err=True)


def summary_parts(summary: BatchSummary) -> list[str]:
    """The failures, policy skips and unsupported files of a batch, as phrases for the closing line."""
    parts = []
    for label, items in (("failed", summary.failed), ("skipped", summary.skipped_by_policy)):
        if items:
            reasons = ", ".join(f"{n} {r}" for r, n in sorted(summary.reasons(items).items()))
            parts.append(f"{len(items)} {label} ({reasons})")
    if summary.skipped:
        n = len(summary.skipped)
        parts.append(f"{n} file{'s' if n != 1 else ''} of unsupported type skipped ({', '.join(summary.skipped[:3])}"
                     f"{', ...' if n > 3 else ''})")
    return parts


def report_summary(summary: BatchSummary, *, verb: str = "extracted") -> int:
    """Print the closing summary on stderr and return the exit status (1 when any input failed)."""
    click.echo("marsad: " + "; ".join([f"{summary.extracted} {verb}", *summary_parts(summary)]), err=True)
    return EXIT_SOME_FAILED if summary.failed else EXIT_OK
