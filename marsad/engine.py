"""Engine: the pipeline and its resources, built once; `extract()` is the one entry point.

The CLI, the web API and the Spark job all call `Engine.extract` (or the module-level
`extract`, which uses one default Engine per process).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from marsad.errors import InputError, RejectReason, UsageError
from marsad.ingest.dedup import content_hash
from marsad.pipeline import Pipeline
from marsad.record.article import Article
from marsad.record.build import build_article
from marsad.settings import Settings
from marsad.text.doc import Doc

# Publication dates as feeds, CMSs and corpora write them: ISO (a timestamp is cut to its day),
# year first with / or ., or day first (DD/MM/YYYY, as the Arabic and European press writes it;
# month-first dates are not guessed).
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])|(\d{4})(\d{2})(\d{2})(?:$|T)")
_YEAR_FIRST = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def parse_published(value: str | date | None) -> date | None:
    """A publication date from a date, None, or text: YYYY-MM-DD (or a longer ISO timestamp),
    YYYY/MM/DD, or day first DD/MM/YYYY (also with - or .); Arabic-Indic digits are read too."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().translate(_DIGITS)
    for pattern, order in ((_ISO_DAY, (0, 1, 2)), (_YEAR_FIRST, (0, 1, 2)), (_DAY_FIRST, (2, 1, 0))):
        match = pattern.match(text)
        if match:
            fields = [int(g) for g in match.groups() if g is not None]
            year, month, day = (fields[k] for k in order)
            try:
                return date(year, month, day)
            except ValueError:
                break
    raise UsageError(f"published must be a date (YYYY-MM-DD, YYYY/MM/DD or DD/MM/YYYY), not {value!r}")


class Engine:
    """The extraction pipeline with its models and lexicons loaded.

    Example:
        engine = Engine()
        record = engine.extract("قال الوزير ...", published="2024-07-03")
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.pipeline = Pipeline(self.settings.stages, self.settings)

    def analyse(self, text: str, *, published: str | date | None = None, title: str | None = None) -> Doc:
        """The annotated Doc (for callers that want spans rather than the record)."""
        if not isinstance(text, str):
            raise UsageError(f"text must be a str, not {type(text).__name__}")
        if not text.strip():
            raise InputError(RejectReason.EMPTY, "no text (empty or only white space)")
        if len(text) > self.settings.input.max_chars:
            raise InputError(RejectReason.TOO_LARGE,
                             f"{len(text)} characters, over the limit of {self.settings.input.max_chars}")
        return self.pipeline(Doc(text, published=parse_published(published), title=title))

    def extract(self, text: str, *, published: str | date | None = None, title: str | None = None,
                id: str | None = None, source: dict[str, str] | None = None,
                meta: dict[str, Any] | None = None) -> Article:
        """The article record for `text`; `published` anchors relative dates."""
        doc = self.analyse(text, published=published, title=title)
        article_id = id or content_hash(text, doc.folded.text)[7:23]
        return build_article(doc, id=article_id, source=source or {"path": "<text>"}, meta=meta)


@lru_cache(maxsize=1)
def default_engine() -> Engine:
    """One Engine per process, built on first use."""
    return Engine()


def extract(text: str, *, published: str | date | None = None, title: str | None = None,
            id: str | None = None, source: dict[str, str] | None = None) -> Article:
    """Extract the article record from `text` with the default Engine.

    Example:
        from marsad import extract
        record = extract("وصل الرئيس ...", published="2024-07-03")
        record.to_dict()
    """
    return default_engine().extract(text, published=published, title=title, id=id, source=source)
