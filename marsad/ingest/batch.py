"""Inputs -> records: read every input, extract each article, turn every failure into a Rejected.

Shared by `marsad extract`, `marsad ingest` and the benchmarks, so that all count alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from marsad.engine import Engine
from marsad.errors import SKIP_REASONS, MarsadError, RejectReason
from marsad.ingest.sources import RawArticle, Skipped, iter_inputs
from marsad.record.article import Article, Rejected


@dataclass
class BatchSummary:
    """What a batch run did: counts by outcome and the rejects by reason."""

    extracted: int = 0
    skipped: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def failed(self) -> list[Rejected]:
        """Rejects that are failures (not skips by policy such as duplicate or not_arabic)."""
        return [item for item in self.rejected if item.reason not in SKIP_REASONS]

    @property
    def skipped_by_policy(self) -> list[Rejected]:
        return [item for item in self.rejected if item.reason in SKIP_REASONS]

    def reasons(self, items: list[Rejected] | None = None) -> dict[str, int]:
        """Counts by reason code of `items` (default: every reject)."""
        counts: dict[str, int] = {}
        for item in self.rejected if items is None else items:
            counts[item.reason.value] = counts.get(item.reason.value, 0) + 1
        return counts


def extract_raw(engine: Engine, raw: RawArticle, *, published: str | None = None) -> Article | Rejected:
    """One RawArticle through the engine; a failure is a Rejected value with its reason."""
    where = raw.source.get("path") or raw.source.get("url") or raw.id
    if raw.source.get("line"):
        where = f"{where}:{raw.source['line']}"
    try:
        return engine.extract(raw.text, published=raw.published or published, title=raw.title, id=raw.id,
                              source=raw.source, meta=raw.meta)
    except MarsadError as exc:
        reason = getattr(exc, "reason", RejectReason.EXTRACT_FAILED)
        return Rejected(str(where), reason, getattr(exc, "detail", str(exc)))
    except Exception as exc:  # noqa: BLE001 - a bug on one article must not stop a batch; it is reported
        return Rejected(str(where), RejectReason.EXTRACT_FAILED, f"{type(exc).__name__}: {exc}")


def extract_all(paths: Iterable[str], engine: Engine, *, published: str | None = None,
                summary: BatchSummary | None = None) -> Iterator[Article | Rejected]:
    """Records and rejects for every article in `paths`, in input order; `summary` is updated as it goes."""
    summary = summary if summary is not None else BatchSummary()
    for item in iter_inputs(paths, engine.settings.input):
        if isinstance(item, Skipped):
            summary.skipped.append(item.path)
            continue
        result = item if isinstance(item, Rejected) else extract_raw(engine, item, published=published)
        if isinstance(result, Rejected):
            summary.rejected.append(result)
        else:
            summary.extracted += 1
        yield result
