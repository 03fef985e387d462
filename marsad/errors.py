"""The one exception tree of marsad, and the stable reason codes for rejected input.

    MarsadError
    ├── InputError          a document could not be read (carries a RejectReason code)
    ├── PipelineError       stages declared in an impossible order or returned the wrong type
    ├── ResourceError       a data file or model is missing or corrupt
    └── UsageError          an argument is out of range (bad date, bad format name)

Callers that process many documents never let these escape per document: they turn an
InputError into a `Rejected` value (see record/article.py) and count it by `reason`.
"""

from __future__ import annotations

from enum import Enum


class RejectReason(str, Enum):
    """Stable codes by which CLI, ingest and Spark count documents they could not use."""

    MISSING = "missing"            # the path does not exist
    UNREADABLE = "unreadable"      # permission or I/O error
    EMPTY = "empty"                # no text after decoding and trimming
    BINARY = "binary"              # bytes that are not text in any supported encoding
    UNSUPPORTED = "unsupported"    # a file type marsad does not read
    BAD_RECORD = "bad_record"      # a JSON Lines line that is not an article object
    TOO_LARGE = "too_large"        # over the configured size limit
    NOT_ARTICLE = "not_article"    # an HTML page with no main text
    NOT_ARABIC = "not_arabic"      # the text is not Arabic
    DUPLICATE = "duplicate"        # same content hash as an article already seen
    FETCH_FAILED = "fetch_failed"  # network or HTTP error
    EXTRACT_FAILED = "extract_failed"  # the pipeline raised on this document


# Reasons that skip a document by policy rather than fail it: counted in summaries, no error line,
# no failing exit status (a web archive is full of non-Arabic pages and repeats).
SKIP_REASONS = frozenset({RejectReason.DUPLICATE, RejectReason.NOT_ARABIC})


class MarsadError(Exception):
    """Base of every error marsad raises on purpose."""


class InputError(MarsadError):
    """A document could not be read; `reason` is a RejectReason, `source` names the input."""

    def __init__(self, reason: RejectReason, detail: str, *, source: str = "") -> None:
        super().__init__(f"{source}: {detail}" if source else detail)
        self.reason = reason
        self.detail = detail
        self.source = source


class PipelineError(MarsadError):
    """The pipeline was assembled wrongly (unknown stage, unmet requirement, bad return)."""


class ResourceError(MarsadError):
    """A shipped data file or model is missing or cannot be parsed."""


class UsageError(MarsadError):
    """A caller passed an option marsad cannot use (say, a malformed date)."""
