"""The name-likeness table: letter n-gram naive Bayes asked leave-one-out (issue 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.errors import ResourceError
from marsad.recognise.name_likeness import (
    CLASSES,
    NameLikeness,
    char_grams,
    labelled_words,
)

# Words written for these tests: transliterated foreign surnames, Arabic common words, places, bodies, events.
NAMES = ["جونسون", "هانسون", "ريتشاردسون", "أندرسون", "ويلسون", "نيلسون", "كارلسون", "بيترسون"]
OTHERS = {"O": ["الكتاب", "المدرسة", "الحكومة", "الاقتصاد", "المجلس", "الوزارة", "الشركة", "السياسة"],
          "LOC": ["برلين", "مدريد", "نيروبي", "كراتشي"], "ORG": ["اليونسكو", "الفيفا"], "MISC": ["المونديال"]}


@pytest.fixture(scope="module")
def likeness() -> NameLikeness:
    return NameLikeness.build({**dict.fromkeys(NAMES, "PERS"),
                               **{w: kind for kind, words in OTHERS.items() for w in words}})


def test_name_likeness_grams_mark_word_edges() -> None:
    assert char_grams("ابن") == ["^ا", "اب", "بن", "ن$", "^اب", "ابن", "بن$", "^ابن", "ابن$", "^ابن$"]


def test_name_likeness_unseen_words_take_the_class_their_letters_suggest(likeness: NameLikeness) -> None:
    post = likeness.posterior("جاكسون")
    assert max(range(len(CLASSES)), key=post.__getitem__) == CLASSES.index("PERS")
    person = CLASSES.index("PERS")
    assert likeness.posterior("المحكمة")[person] < 0.01
    assert post[person] > 0.9
    assert likeness.features("جاكسون")[0].startswith("nl=PERS")


def test_name_likeness_is_leave_one_out(likeness: NameLikeness) -> None:
    """A counted word is judged as if it had never been counted: exactly as a table without it judges it."""
    without = NameLikeness.build({**dict.fromkeys(NAMES[1:], "PERS"),
                                  **{w: kind for kind, words in OTHERS.items() for w in words}})
    assert likeness.posterior(NAMES[0]) == pytest.approx(without.posterior(NAMES[0]))


def test_name_likeness_save_and_load_round_trip(likeness: NameLikeness, tmp_path: Path) -> None:
    loaded = NameLikeness.load(likeness.save(tmp_path / "t.tsv"))
    assert loaded.grams == likeness.grams and loaded.words == likeness.words
    assert loaded.posterior("جاكسون") == likeness.posterior("جاكسون")


def test_name_likeness_missing_or_foreign_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match="marsad train ner"):
        NameLikeness.load(tmp_path / "absent.tsv")
    (tmp_path / "other.tsv").write_text("word\tcount\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a name-likeness table"):
        NameLikeness.load(tmp_path / "other.tsv")


def test_name_likeness_labelled_words_majority_and_gazetteer_fill_in() -> None:
    pairs = [("عمان", "LOC"), ("عمان", "LOC"), ("عمان", "O"), ("زيد", "PERS"), ("زيد", "O")]
    names = [("LOC", "نيو يورك"), ("ORG", "زيد"), ("PERS", "يورك")]
    # corpus majority wins and ties go to the class listed first; the gazetteer only adds words the corpus lacks
    assert labelled_words(pairs, names) == {"عمان": "LOC", "زيد": "O", "نيو": "LOC", "يورك": "PERS"}


@given(st.text(min_size=1, max_size=30))
def test_name_likeness_posterior_is_a_distribution(likeness: NameLikeness, word: str) -> None:
    post = likeness.posterior(word)
    assert len(post) == len(CLASSES) and sum(post) == pytest.approx(1.0) and min(post) >= 0.0
