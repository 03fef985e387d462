"""`marsad ingest`: idempotent by content, safe with two processes at once, resumable after kill -9."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import json
from pathlib import Path

from click.testing import CliRunner

from marsad.cli.main import cli
from marsad.store.sqlite import Store

CITIES = ("عمّان", "القاهرة", "تونس", "الرباط", "بيروت", "بغداد", "الدوحة", "مسقط")
TOPICS = ("الزراعة", "التعليم", "الصحة", "النقل", "الطاقة")
CLI = [sys.executable, "-c", "from marsad.cli.main import cli; cli()"]


def write_articles(folder: Path, n: int) -> Path:
    """`n` distinct short Arabic articles as .txt files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        city, topic = CITIES[i % len(CITIES)], TOPICS[i % len(TOPICS)]
        (folder / f"{i:04d}.txt").write_text(
            f"أعلنت وزارة {topic} في {city} اليوم عن خطة جديدة رقم {i} لدعم القطاع. "
            f"وقال المتحدث باسم الوزارة إن الخطة تشمل {i + 3} مشروعات خلال العام المقبل.", encoding="utf-8")
    return folder


def ingest_cli(*args: str):
    return CliRunner().invoke(cli, ["ingest", "--no-progress", *args])


def check_consistent(db: Path) -> int:
    """Integrity holds and every stored article has its search row and all its facet rows; returns the count."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        records = [json.loads(r[0]) for r in conn.execute("SELECT record FROM articles")]  # facets; text apart
        assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == len(records)
        for facet in ("quotes", "figures", "times", "events", "relations"):
            assert conn.execute(f"SELECT count(*) FROM {facet}").fetchone()[0] == sum(len(r[facet]) for r in records)
        assert conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == sum(
            len(e["mentions"]) for r in records for e in r["entities"])
        return len(records)
    finally:
        conn.close()


def test_ingest_twice_adds_nothing(tmp_path):
    folder, db = write_articles(tmp_path / "in", 6), tmp_path / "kb.db"
    first = ingest_cli(str(folder), "--db", str(db))
    assert first.exit_code == 0, first.output
    assert "6 ingested; 0 skipped as duplicates" in first.output
    second = ingest_cli(str(folder), "--db", str(db))
    assert second.exit_code == 0
    assert "0 ingested; 6 skipped as duplicates" in second.output
    assert check_consistent(db) == 6


def test_ingest_reports_failures_and_exits_1(tmp_path):
    folder, db = write_articles(tmp_path / "in", 2), tmp_path / "kb.db"
    (folder / "empty.txt").write_text("   ", encoding="utf-8")
    result = ingest_cli(str(folder), str(tmp_path / "missing.txt"), "--db", str(db))
    assert result.exit_code == 1
    assert "2 ingested" in result.output and "2 failed (1 empty, 1 missing)" in result.output
    assert "missing.txt: missing:" in result.output


def test_ingest_default_database_from_environment(tmp_path, monkeypatch):
    folder = write_articles(tmp_path / "in", 1)
    monkeypatch.setenv("MARSAD_DB", str(tmp_path / "env.db"))
    assert ingest_cli(str(folder)).exit_code == 0
    with Store(tmp_path / "env.db") as store:
        assert store.count() == 1


def test_ingest_two_processes_at_once_lose_and_duplicate_nothing(tmp_path):
    n = 60
    folder, db = write_articles(tmp_path / "in", n), tmp_path / "kb.db"
    backwards = [str(p) for p in sorted(folder.glob("*.txt"), reverse=True)]  # the two meet in the middle
    runs = [subprocess.Popen([*CLI, "ingest", "--no-progress", *paths, "--db", str(db)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for paths in ([str(folder)], backwards)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    ingested = [int(err.split("marsad: ")[-1].split(" ingested")[0]) for _, err in outputs]
    assert sum(ingested) == n
    assert check_consistent(db) == n


SLOW_INGEST = """
import sys, time
from marsad.engine import Engine
from marsad.store.ingest import ingest
from marsad.store.sqlite import Store
with Store(sys.argv[2]) as store:
    ingest([sys.argv[1]], store, Engine(), on_result=lambda item, stored: time.sleep(0.02))
"""


def test_ingest_killed_midway_is_consistent_and_resumes(tmp_path):
    n = 150
    folder, db = write_articles(tmp_path / "in", n), tmp_path / "kb.db"
    run = subprocess.Popen([sys.executable, "-c", SLOW_INGEST, str(folder), str(db)])
    try:
        deadline = time.monotonic() + 120
        stored = 0
        while stored < 10 and time.monotonic() < deadline and run.poll() is None:
            time.sleep(0.05)
            if db.exists():
                try:
                    with sqlite3.connect(db) as conn:
                        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
                except sqlite3.OperationalError:
                    stored = 0  # the schema is still being created
        assert run.poll() is None, "the ingest finished before it could be killed"
        os.kill(run.pid, signal.SIGKILL)
        run.wait(timeout=30)
    finally:
        if run.poll() is None:
            run.kill()
    before = check_consistent(db)
    assert 10 <= before < n
    result = ingest_cli(str(folder), "--db", str(db))
    assert result.exit_code == 0
    assert f"{n - before} ingested; {before} skipped as duplicates" in result.output
    assert check_consistent(db) == n
