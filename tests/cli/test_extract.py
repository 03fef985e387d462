"""`marsad extract` from the outside: real files, bad input, exit status, output formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli.main import cli

ARTICLE = "قال وزير الاقتصاد إن النمو سيبلغ 3 بالمئة هذا العام. وأضاف أن الاستثمارات ارتفعت.\n"


def run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_extract_txt_file_uses_its_name_as_id(tmp_path: Path) -> None:
    path = tmp_path / "wamda-001.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out, err = run(["extract", str(path), "--published", "2024-07-03"])
    assert code == 0, err
    (record,) = records(out)
    assert record["id"] == "wamda-001"
    assert record["source"] == {"path": str(path)}
    assert record["published"] == "2024-07-03"
    assert record["text"] == ARTICLE
    assert len(record["sentences"]) == 2


def test_extract_folder_with_good_and_bad_files_processes_the_good_ones(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "legacy.txt").write_bytes(ARTICLE.encode("cp1256"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 4)
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    code, out, err = run(["extract", str(tmp_path)])
    assert code == 1
    assert {r["id"] for r in records(out)} == {"good", "legacy"}
    assert all(r["text"] == ARTICLE for r in records(out))
    assert f"{tmp_path / 'empty.txt'}: empty:" in err
    assert f"{tmp_path / 'image.txt'}: binary:" in err
    assert "2 extracted; 2 failed (1 binary, 1 empty)" in err
    assert "notes.md" in err  # reported as skipped, not silently dropped


def test_extract_missing_path_is_reported_and_others_still_run(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out, err = run(["extract", str(tmp_path / "nope.txt"), str(path)])
    assert code == 1
    assert len(records(out)) == 1
    assert "nope.txt: missing: no such file or folder" in err


def test_extract_jsonl_keeps_ids_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": ARTICLE, "published": "2015-08-06", "title": "عنوان"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "a2", "text": ""}),
        json.dumps({"text": ARTICLE, "url": "https://example.invalid/news/7"}, ensure_ascii=False),
        json.dumps({"id": "a3", "text": ARTICLE, "published": "yesterday"}, ensure_ascii=False),
        json.dumps(["not", "an", "object"]),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(["extract", str(path)])
    assert code == 1
    got = records(out)
    assert [r["id"] for r in got] == ["a1", "https://example.invalid/news/7"]
    assert got[0]["published"] == "2015-08-06" and got[0]["title"] == "عنوان"
    assert got[1]["source"]["url"] == "https://example.invalid/news/7"
    assert f"{path}:2: bad_record: not JSON" in err
    assert f"{path}:3: empty:" in err
    assert f"{path}:5: bad_record:" in err and "yesterday" in err
    assert f"{path}:6: bad_record: expected a JSON object" in err


def test_extract_html_reads_main_text_and_title(tmp_path: Path) -> None:
    page = ("<html><head><title>زيارة رسمية</title><meta property='article:published_time' content='2024-07-03'>"
            "</head><body><nav>الرئيسية | أخبار</nav><article><h1>زيارة رسمية</h1><p>" + ARTICLE * 3 +
            "</p></article><footer>جميع الحقوق محفوظة</footer></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    code, out, err = run(["extract", str(path)])
    assert code == 0, err
    (record,) = records(out)
    assert record["title"] == "زيارة رسمية"
    assert record["published"] == "2024-07-03"
    assert "قال وزير الاقتصاد" in record["text"] and "جميع الحقوق" not in record["text"]


def test_extract_json_format_writes_one_array_to_a_file(tmp_path: Path) -> None:
    for name in ("one", "two"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    out_file = tmp_path / "out.json"
    code, _, err = run(["extract", str(tmp_path / "one.txt"), str(tmp_path / "two.txt"), "--format", "json",
                        "-o", str(out_file)])
    assert code == 0, err
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert [r["id"] for r in data] == ["one", "two"]


@pytest.mark.parametrize("args, message", [
    (["extract"], "Missing argument"),
    (["extract", "x.txt", "--published", "07/31/2024"], "YYYY-MM-DD"),   # month first is not guessed
    (["extract", "x.txt", "--format", "xml"], "Invalid value"),
])
def test_extract_usage_errors_exit_2(args: list[str], message: str) -> None:
    code, _, err = run(args)
    assert code == 2
    assert message in err


def test_every_command_has_help() -> None:
    code, out, _ = run(["--help"])
    assert code == 0 and "Arabic news" in out
    for name in cli.commands:
        code, out, _ = run([name, "--help"])
        assert code == 0 and len(out) > 100, name


def test_console_script_runs_on_real_articles(shared: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    articles = shared / "data" / "news" / "articles.jsonl"
    proc = subprocess.run([sys.executable, "-m", "marsad.cli", "extract", str(articles), "-o", str(out)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    n_in = sum(1 for line in articles.read_text(encoding="utf-8").splitlines() if line.strip())
    assert len(records(out.read_text(encoding="utf-8"))) == n_in
    score = subprocess.run([sys.executable, str(shared / "tools" / "score.py"), "--gold",
                            str(shared / "data" / "news" / "dev"), "--pred", str(out), "--json"],
                           capture_output=True, text=True, check=False)
    assert score.returncode == 0, score.stderr
    assert json.loads(score.stdout)["missing_records"] == []


@pytest.mark.parametrize("value, expected", [
    ("2017-01-20", "2017-01-20"), ("2017-01-20T10:30:00+03:00", "2017-01-20"), ("20170120", "2017-01-20"),
    ("2016/12/01", "2016-12-01"), ("01/12/2016", "2016-12-01"), ("1.2.2016", "2016-02-01"),
    ("٠١/١٢/٢٠١٦", "2016-12-01"),
])
def test_extract_reads_published_dates_as_the_press_writes_them(tmp_path: Path, value: str, expected: str) -> None:
    """ISO, year first, or day first (DD/MM/YYYY, as half of the ANT corpus writes its dates)."""
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a", "text": ARTICLE, "published": value}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    code, out, err = run(["extract", str(path)])
    assert code == 0, err
    assert json.loads(out)["published"] == expected


@pytest.mark.parametrize("value", ["12/31/2016", "2016-02-30", "31/12/16", "yesterday"])
def test_extract_rejects_dates_it_would_have_to_guess(tmp_path: Path, value: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a", "text": ARTICLE, "published": value}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    code, _, err = run(["extract", str(path)])
    assert code != 0 and f"{path}:1: bad_record:" in err and value in err
