"""Roles: person–role–organisation/country relations from titles (issue 4)."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.pipeline import Pipeline
from marsad.settings import Settings
from marsad.text.doc import Doc

STAGES = ("sentences", "tokens", "times", "figures", "entities", "roles")


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(STAGES, Settings())


def roles_of(pipe: Pipeline, text: str) -> list[dict[str, Any]]:
    """Relations with subject/object resolved to entity names (or the kb id when no entity)."""
    doc = pipe(Doc(text))
    names = {e["id"]: e["name"] for e in doc.objects["entities"]}
    return [{**s.attrs, "subject": names.get(s.attrs["subject"]), "object": names.get(s.attrs["object"], s.attrs["object"]),
             "text": text[s.start:s.end]} for s in doc.spans["relations"]]


@pytest.mark.parametrize("text, subject, role, obj", [
    ("زار الرئيس الصيني شي جين بينغ أستانا، وقالت الصين إن الزيارة ناجحة.", "شي جين بينغ", "رئيس", "الصين"),
    ("قال وزير الخارجية السعودي عادل الجبير إن المحادثات مثمرة.", "عادل الجبير", "وزير الخارجية", "Q851"),
    ("صرح الأمين العام للأمم المتحدة أنطونيو غوتيريش بأن الوضع خطير.", "أنطونيو غوتيريش", "أمين العام",
     "للأمم المتحدة"),
])
def test_roles_from_titles(pipe: Pipeline, text: str, subject: str, role: str, obj: str) -> None:
    found = [(r["subject"], r["role"], r["object"]) for r in roles_of(pipe, text)]
    assert (subject, role, obj) in found


@pytest.mark.parametrize("text", [
    "قال دونالد ترامب إن الاتفاق سيئ.",                 # no title
    "قال الرئيس، في كلمة طويلة، إن محمد صالح سيحضر.",   # punctuation between title and name
])
def test_roles_need_a_title_next_to_the_name(pipe: Pipeline, text: str) -> None:
    assert roles_of(pipe, text) == []


@pytest.mark.parametrize("text", ["قال السيد أحمد الخالدي إن الاجتماع انتهى."])
def test_roles_honorifics_are_not_roles(pipe: Pipeline, text: str) -> None:
    assert all(r["role"] != "سيد" for r in roles_of(pipe, text))
