"""Data files are found wherever marsad is imported from, including a zip (a wheel shipped with --py-files)."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import marsad
from marsad import resources

PACKAGE = Path(marsad.__file__).parent

SCRIPT = """
import json, sys
sys.meta_path = [f for f in sys.meta_path if "editable" not in repr(f).lower()]   # not the checkout
import marsad
from marsad import resources
record = marsad.extract("قال وزير الخارجية الأردني أيمن الصفدي إن المحادثات مثمرة.").to_dict()
print(json.dumps({"module": marsad.__file__, "data": str(resources.DATA_DIR),
                  "people": [e["name"] for e in record["entities"] if e["type"] == "PER"]}, ensure_ascii=False))
"""


def test_resources_data_dir_holds_the_shipped_files() -> None:
    assert resources.data_path("models/ner.crfsuite").is_file()


def test_resources_unpacked_from_a_zip_import(tmp_path: Path) -> None:
    archive = tmp_path / "marsad.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in PACKAGE.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                z.write(path, Path("marsad") / path.relative_to(PACKAGE))
    run = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False,
                         env={"PYTHONPATH": str(archive), "PATH": "/usr/bin:/bin", "TMPDIR": str(tmp_path)})
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["module"].startswith(str(archive))            # imported from inside the zip
    assert Path(out["data"]).parent == tmp_path and (Path(out["data"]) / "models/ner.crfsuite").is_file()
    assert out["people"] == ["أيمن الصفدي"]
