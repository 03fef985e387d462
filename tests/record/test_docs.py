"""The worked example in docs/record.md stays a valid record whose spans match its text."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.record.test_schema import check_record

DOC = Path(__file__).resolve().parents[2] / "docs" / "record.md"


def test_docs_worked_example_is_a_valid_record() -> None:
    blocks = re.findall(r"```json\n(.*?)\n```", DOC.read_text(encoding="utf-8"), flags=re.S)
    assert blocks, "docs/record.md lost its worked example"
    record = json.loads(blocks[-1])
    check_record(record)
    assert record["entities"] and record["figures"] and record["times"]
