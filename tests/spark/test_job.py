"""The Spark job in local[2] against `marsad extract` on inputs built here, and its tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli.main import cli
from marsad.errors import SKIP_REASONS, RejectReason, UsageError
from marsad.record.article import Article
from marsad.settings import InputSettings, Settings
from marsad.spark.load import iter_parquet_records

ARTICLES = [
    "قال وزير المالية إن عجز الموازنة تراجع إلى 3 بالمئة من الناتج المحلي في العام الماضي.\n"
    "وأضاف أن الحكومة ستواصل الإصلاحات الاقتصادية خلال الأشهر المقبلة.",
    "وصل رئيس الوزراء إلى عمّان أمس في زيارة رسمية تستغرق يومين، يلتقي خلالها كبار المسؤولين.",
    "أعلنت شركة الكهرباء الوطنية أن الطلب على الطاقة بلغ مستوى قياسياً هذا الصيف بسبب موجة الحر.",
]


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory, warc_bytes) -> Path:
    """A folder of inputs: .txt (UTF-8 and Windows-1256), JSON Lines with bad lines, a WARC, a binary file."""
    folder = tmp_path_factory.mktemp("news")
    (folder / "sub").mkdir()
    (folder / "a.txt").write_text(ARTICLES[0], encoding="utf-8")
    (folder / "sub" / "b.txt").write_bytes(ARTICLES[1].encode("cp1256"))
    lines = [{"id": "j1", "text": ARTICLES[2], "published": "2024-07-03", "title": "الطاقة"},
             {"text": ARTICLES[0], "published": "2023-12-31", "url": "https://example.org/x"}]
    (folder / "c.jsonl").write_text("\n".join([json.dumps(line, ensure_ascii=False) for line in lines]
                                              + ["{not json", json.dumps({"text": "  "})]), encoding="utf-8")
    page = f"<html><body><article><h1>خبر</h1><p>{ARTICLES[1]}</p><p>{ARTICLES[2]}</p></article></body></html>"
    (folder / "crawl.warc.gz").write_bytes(warc_bytes([("https://example.org/p", page.encode())] * 2))
    (folder / "bad.txt").write_bytes(bytes(range(256)) * 3)
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    return folder


def _cli(paths: list[str]) -> tuple[list[str], set[str]]:
    """Records (JSON lines) and reject lines of `marsad extract`."""
    result = CliRunner().invoke(cli, ["extract", *paths])
    rejects = {line for line in result.stderr.splitlines() if line.count(": ") >= 3}
    return result.stdout.splitlines(), rejects


def _job(spark: object, paths: list[str], out: Path, **options: object):
    from marsad.spark.job import JobOptions, run_job
    return run_job(spark, paths, str(out), JobOptions(partitions=3, **options))


def test_job_records_match_the_cli(spark: object, news: Path, tmp_path: Path) -> None:
    summary = _job(spark, [str(news)], tmp_path / "out")
    records, rejects = _cli([str(news)])
    assert len(records) >= 4 and summary.extracted == len(records)
    assert sorted(a.to_json() for a in iter_parquet_records(tmp_path / "out")) == sorted(records)
    job_rejects = {f"marsad: {r.source}: {r.reason}: {r.detail}"
                   for r in spark.read.parquet(str(tmp_path / "out" / "rejects")).collect()
                   if RejectReason(r.reason) not in SKIP_REASONS}  # the CLI only counts skips by policy
    assert job_rejects == rejects
    assert summary.rejected == {"bad_record": 1, "binary": 1, "duplicate": 1, "empty": 1}
    assert summary.skipped == 1


def test_job_partitions_tables_by_month(spark: object, news: Path, tmp_path: Path) -> None:
    _job(spark, [str(news / "c.jsonl")], tmp_path / "out")
    months = {p.name for p in (tmp_path / "out" / "articles").iterdir() if p.is_dir()}
    assert months == {"month=2024-07", "month=2023-12"}
    articles = spark.read.parquet(str(tmp_path / "out" / "articles")).collect()
    assert {(row.id, row.month) for row in articles} == {("j1", "2024-07"), ("https://example.org/x", "2023-12")}


def test_job_counts_missing_and_oversized_inputs(spark: object, news: Path, tmp_path: Path) -> None:
    small = Settings(input=InputSettings(max_file_bytes=len(ARTICLES[0].encode()) - 1))
    summary = _job(spark, [str(news / "a.txt"), str(news / "sub"), str(tmp_path / "missing")], tmp_path / "out",
                   settings=small)
    assert summary.extracted == 1
    assert summary.rejected == {RejectReason.TOO_LARGE.value: 1, RejectReason.MISSING.value: 1}


def test_job_reads_parquet_tables(spark: object, engine, tmp_path: Path) -> None:
    import datetime

    import pyarrow as pa
    import pyarrow.parquet as pq
    (tmp_path / "in").mkdir()
    pq.write_table(pa.table({"id": ["p1", "p2", "p3"], "text": [ARTICLES[0], ARTICLES[1], None],
                             "published": [datetime.date(2024, 5, 1), None, None], "title": ["عنوان", None, None]}),
                   tmp_path / "in" / "t.parquet")
    summary = _job(spark, [str(tmp_path / "in")], tmp_path / "out")
    name = str(tmp_path / "in" / "t.parquet")
    expected = [engine.extract(ARTICLES[0], published="2024-05-01", title="عنوان", id="p1", source={"path": name}),
                engine.extract(ARTICLES[1], id="p2", source={"path": name})]
    assert sorted(iter_parquet_records(tmp_path / "out"), key=lambda a: a.id) == expected
    assert summary.rejected == {"bad_record": 1}


def _entity(entity_id: str, name: str, start: int) -> dict:
    return {"id": entity_id, "type": "LOC", "name": name, "name_en": None, "kb_id": None,
            "mentions": [{"start": start, "end": start + len(name), "text": name}]}


def _figure(value: float, about: str) -> dict:
    return {"value": value, "unit": "USD", "text": str(value), "start": 0, "end": 2, "about": about,
            "time": "2023", "change": None}


def _record(article_id: str, published: str, entities: list[dict], figures: list[dict]) -> Article:
    return Article(id=article_id, content_hash=article_id, source={"path": article_id}, title=None,
                   published=published, language="ar", text=ARTICLES[0], entities=entities, figures=figures)


def test_job_aggregates(spark: object, tmp_path: Path) -> None:
    from marsad.spark.job import wide_rows, write_tables
    records = [
        _record("r1", "2024-07-03", [_entity("e1", "مصر", 0), _entity("e2", "الأردن", 5)],
                [_figure(41e9, "حجم التبادل التجاري"), _figure(7.0, "الصادرات")]),
        _record("r2", "2024-07-03", [_entity("e1", "مصر", 3), _entity("e3", "قطر", 9)],
                [_figure(40.8e9, "حجمُ التبادل التجاري")]),
        _record("r3", "2024-07-04", [_entity("e9", "مصر", 1), _entity("e4", "الأردن", 7)],
                [_figure(7.0, "الصادرات"), _figure(7.0, "الصادرات")]),
    ]
    rows = spark.sparkContext.parallelize([row for record in records for row in wide_rows(record)], 2)
    write_tables(spark, rows, str(tmp_path), overwrite=False)

    def read(name: str) -> list:
        return spark.read.parquet(str(tmp_path / name)).collect()

    daily = {(row.name, row.day): (row.mentions, row.articles) for row in read("entity_mentions_daily")}
    assert daily == {("مصر", "2024-07-03"): (2, 2), ("الأردن", "2024-07-03"): (1, 1), ("قطر", "2024-07-03"): (1, 1),
                     ("مصر", "2024-07-04"): (1, 1), ("الأردن", "2024-07-04"): (1, 1)}
    pairs = {frozenset((row.name_a, row.name_b)): row.articles for row in read("entity_cooccurrence")}
    assert pairs == {frozenset(("مصر", "الأردن")): 2, frozenset(("مصر", "قطر")): 1}
    groups = {row.about_key: row for row in read("figure_groups")}
    assert set(groups) == {"حجم التبادل التجاري", "الصادرات"}
    trade, exports = groups["حجم التبادل التجاري"], groups["الصادرات"]
    assert (trade.articles, trade.disagree, trade.values) == (2, True, [40.8e9, 41e9])
    assert trade.spread == pytest.approx(0.2 / 41)
    assert (exports.articles, exports.figures, exports.disagree) == (2, 3, False)


def test_job_events_table_carries_the_status(spark: object, tmp_path: Path) -> None:
    from marsad.spark.job import wide_rows, write_tables
    event = {"type": "CONSULT", "mode": None, "source": "e1", "target": None, "location": None, "date": None,
             "start": 0, "end": 10}
    records = [Article(id=f"v{i}", content_hash=f"v{i}", source={"path": f"v{i}"}, title=None, published="2024-07-03",
                       language="ar", text=ARTICLES[1], events=[{**event, **extra}])
               for i, extra in enumerate(({"status": "future"}, {"status": "asserted"}, {}))]
    rows = spark.sparkContext.parallelize([row for record in records for row in wide_rows(record)], 2)
    write_tables(spark, rows, str(tmp_path), overwrite=False)
    events = spark.read.parquet(str(tmp_path / "events"))
    assert dict(events.dtypes)["status"] == "string"
    assert {(row.article_id, row.status) for row in events.collect()} == {("v0", "future"), ("v1", "asserted"),
                                                                           ("v2", "asserted")}


def test_job_refuses_a_non_empty_out(spark: object, news: Path, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("x")
    with pytest.raises(UsageError):
        _job(spark, [str(news / "a.txt")], tmp_path / "out")


def test_job_marsad_spark_command(spark: object, news: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["spark", str(news / "c.jsonl"), "--out", str(tmp_path / "out"),
                                      "--partitions", "2", "--published", "2024-01-02"])
    assert result.exit_code == 0, result.output
    assert "2 articles extracted" in result.stderr and "bad_record: 1" in result.stderr
    assert spark.sparkContext._jsc is not None  # the command leaves a session it did not start running


@pytest.mark.parametrize("rejected,expected", [
    ({"binary": 1, "duplicate": 2}, ["1 failed", "  binary: 1", "2 skipped", "  duplicate: 2"]),
    ({}, ["0 failed"]),
])
def test_job_summary_counts_policy_skips_apart(rejected: dict[str, int], expected: list[str]) -> None:
    from marsad.spark.job import JobSummary
    lines = JobSummary(extracted=3, rejected=rejected, skipped=0, rows={"articles": 3}, seconds=1.0).lines()
    assert lines[1:-1] == expected
