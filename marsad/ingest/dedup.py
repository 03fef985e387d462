"""Content hashes for de-duplication, shared by extract, the store and the Spark job."""

from __future__ import annotations

import hashlib
import re

from marsad.text.fold import fold

_SPACE_RE = re.compile(r"\s+")


def content_hash(text: str, folded: str | None = None) -> str:
    """sha256 of the folded, space-collapsed text: the same article re-encoded or re-spaced hashes alike.

    `folded` is fold(text) when the caller holds it already (a Doc's `folded.text`): folding a
    whole article again costs about 0.14 ms.
    """
    canonical = _SPACE_RE.sub(" ", fold(text) if folded is None else folded).strip()
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
