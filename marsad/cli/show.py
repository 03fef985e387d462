"""`python -m marsad.cli.show RECORDS.jsonl`: a readable digest of records, for the quick start."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def digest(record: dict[str, Any]) -> str:
    """A few lines per record: title, counts per facet, and a sample of each facet."""
    lines = [f"■ {record['id']}  ({record.get('published') or 'no date'})  {record.get('title') or ''}".rstrip()]
    counts = ", ".join(f"{len(record[k])} {k}" for k in
                       ("sentences", "entities", "quotes", "figures", "times", "events", "relations"))
    lines.append(f"  {counts}")
    for entity in record["entities"][:8]:
        lines.append(f"  entity  {entity['type']:4} {entity['name']}  ({entity.get('name_en') or '-'})")
    names = {e["id"]: e["name"] for e in record["entities"]}
    for quote in record["quotes"][:4]:
        speaker = names.get(quote.get("speaker") or "", quote.get("speaker_text") or "?")
        lines.append(f"  quote   {speaker} {quote.get('cue') or ''}: {quote['text'][:70]}")
    for figure in record["figures"][:6]:
        lines.append(f"  figure  {figure['value']:g} {figure.get('unit') or ''}  ← {figure['text']}"
                     f"  about={figure.get('about') or '-'} time={figure.get('time') or '-'}")
    for time in record["times"][:6]:
        lines.append(f"  time    {time['type']} {time.get('value')}  ← {time['text']}")
    for event in record["events"][:4]:
        lines.append(f"  event   {event['type']} {names.get(event.get('source') or '', '-')} → "
                     f"{names.get(event.get('target') or '', '-')}"
                     + (" [planned]" if event.get("status") == "future" else ""))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m marsad.cli.show RECORDS.jsonl", file=sys.stderr)
        return 2
    for line in Path(argv[0]).read_text(encoding="utf-8").splitlines():
        if line.strip():
            print(digest(json.loads(line)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
