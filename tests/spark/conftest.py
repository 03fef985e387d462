"""Fixtures for the Spark job tests: one local[2] SparkSession for the whole test session."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable, Iterator

import pytest


@pytest.fixture(scope="session")
def spark() -> Iterator[object]:
    """A local[2] SparkSession (UI off, few shuffle partitions); skips when Java is missing."""
    if shutil.which("java") is None:
        pytest.skip("Java is not installed: PySpark needs a JVM (Java 17)")
    from marsad.spark.job import spark_session
    session = spark_session("local[2]", app_name="marsad-tests", config={
        "spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false", "spark.sql.shuffle.partitions": "2"})
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def warc_bytes() -> Callable[[list[tuple[str, bytes]]], bytes]:
    """Builds a gzipped WARC of HTML responses from (url, body) pairs."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def build(pages: list[tuple[str, bytes]]) -> bytes:
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True)
        for url, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
        return buffer.getvalue()
    return build
