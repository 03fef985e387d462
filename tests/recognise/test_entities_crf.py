"""The NER model: corpus reading, training and `marsad train/evaluate ner` on tiny corpora (issue 4)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli.main import cli
from marsad.recognise.crf import MODEL, NerModel, load_tagger, normalise_tag, propagate, read_conll
from marsad.recognise.features import sentence_features
from marsad.resources import data_path
from marsad.text.tokens import tokenize

# A toy corpus written for these tests: enough sentences for the CRF to learn something.
SENTENCES = [
    [("زار", "O"), ("أحمد", "B-PERS"), ("الخالدي", "I-PERS"), ("مدينة", "O"), ("الرباط", "B-LOC"), (".", "O")],
    [("وصلت", "O"), ("سلمى", "B-PERS"), ("العلوي", "I-PERS"), ("إلى", "O"), ("تونس", "B-LOC"), (".", "O")],
    [("أعلنت", "O"), ("شركة", "B-ORG"), ("النور", "I-ORG"), ("أرباحها", "O"), ("في", "O"), ("دبي", "B-LOC")],
] * 4


HAS_TORCH = importlib.util.find_spec("torch") is not None


def write_corpus(path: Path, sentences: list[list[tuple[str, str]]]) -> Path:
    path.write_text("".join("\n".join(f"{w}\t{t}" for w, t in s) + "\n\n" for s in sentences), encoding="utf-8")
    return path


def toy_extra_corpora(root: Path) -> Path:
    """A folder laid out like shared/data/ner with tiny WikiFANE- and AQMAR-tagged files."""
    for folder in ("wikifane-gold", "aqmar"):
        (root / folder).mkdir(parents=True)
    write_corpus(root / "wikifane-gold/all.tsv", [[("ولد", "O"), ("كريم", "B-Politician"), ("الحسني", "I-Politician"),
                                                   ("في", "O"), ("فاس", "B-Population-Center")]] * 3)
    for name in ("dev.tsv", "test.tsv"):
        write_corpus(root / "aqmar" / name, [[("زار", "O"), ("هشام", "B-PER"), ("مراكش", "B-LOC")]] * 2)
    return root


@pytest.mark.parametrize("tag, expected", [
    ("B-PERS", "B-PERS"), ("I-PER", "I-PERS"), ("B-MIS1", "B-MISC"), ("B-Politician", "B-PERS"),
    ("I-Population-Center", "I-LOC"), ("B-Airport", "O"), ("o", "O"), ("", "O"),
])
def test_entities_crf_normalise_tag(tag: str, expected: str) -> None:
    assert normalise_tag(tag) == expected


@pytest.mark.parametrize("stems, tags, expected", [
    # a surname tagged inside a full name is tagged alone elsewhere in the document
    ([["دونالد", "رامسفيلد", "قال"], ["وصل", "رامسفيلد"]], [["B-PERS", "I-PERS", "O"], ["O", "O"]],
     [["B-PERS", "I-PERS", "O"], ["O", "B-PERS"]]),
    # a whole name recurs untagged
    ([["زار", "البحرين"], ["في", "البحرين", "امس"]], [["O", "B-LOC"], ["O", "O", "O"]],
     [["O", "B-LOC"], ["O", "B-LOC", "O"]]),
    # short words and already tagged tokens are left alone
    ([["في", "مصر"], ["في", "مصر"]], [["B-ORG", "I-ORG"], ["O", "B-LOC"]], [["B-ORG", "I-ORG"], ["O", "B-LOC"]]),
])
def test_entities_crf_propagate(stems: list[list[str]], tags: list[list[str]], expected: list[list[str]]) -> None:
    assert propagate(stems, tags) == expected


def test_entities_crf_read_conll_strips_marks(tmp_path: Path) -> None:
    path = tmp_path / "c.tsv"
    path.write_text("\u200eمصر\tB-LOC\n\u200f\tO\nاليوم\tO\n\nقال\tO\n", encoding="utf-8")
    assert list(read_conll(path)) == [[("مصر", "B-LOC"), ("اليوم", "O")], [("قال", "O")]]


@pytest.mark.skipif(not HAS_TORCH, reason="torch is a training-only dependency (pip install -e '.[train]')")
def test_entities_crf_train_and_evaluate_commands(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "train.tsv", SENTENCES)
    out = tmp_path / "model"
    runner = CliRunner()
    trained = runner.invoke(cli, ["train", "ner", "--corpus", str(corpus), "--test", str(corpus), "--out", str(out),
                                  "--extra-corpora", str(toy_extra_corpora(tmp_path / "extra")),
                                  "--max-iterations", "30"])
    assert trained.exit_code == 0, trained.output
    card = json.loads((out / "ner.card.json").read_text(encoding="utf-8"))
    assert card["sentences"] == len(SENTENCES) and "micro" in card["scores"]
    assert len(card["training_data"]) == 4         # ANERcorp-like corpus + WikiFANE + two AQMAR files
    assert (out / "name_likeness.tsv").is_file() and (out / "ner_convnet.npz").is_file()
    evaluated = runner.invoke(cli, ["evaluate", "ner", "--corpus", str(corpus), "--model", str(out), "--json"])
    assert evaluated.exit_code == 0, evaluated.output
    scores = json.loads(evaluated.output)
    assert scores["micro"]["gold"] == 24   # two names in each of the 12 sentences
    assert scores["micro"]["f1"] > 0.5


def test_entities_crf_evaluate_prints_table(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "test.tsv", SENTENCES[:3])
    result = CliRunner().invoke(cli, ["evaluate", "ner", "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    assert "micro" in result.output and "tokens/s" in result.output


@pytest.mark.parametrize("present", [(), ("ner.crfsuite",)])
def test_entities_crf_evaluate_without_a_whole_model_is_a_clear_error(tmp_path: Path, present: tuple[str, ...]) -> None:
    for name in present:
        (tmp_path / name).write_bytes((data_path("models") / name).read_bytes())
    corpus = write_corpus(tmp_path / "test.tsv", SENTENCES[:3])
    result = CliRunner().invoke(cli, ["evaluate", "ner", "--corpus", str(corpus), "--model", str(tmp_path)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)   # a message, not a crash
    assert "marsad train ner" in result.output and "Traceback" not in result.output


DECODER_SENTENCES = [
    "وقال الرئيس الفرنسي إيمانويل ماكرون في باريس إن فرنسا تدعم الاتفاق .",
    "أعلنت وزارة الخارجية السعودية أن الأمير فيصل بن فرحان سيزور بكين الأسبوع المقبل .",
    "التقى رئيس الوزراء العراقي محمد شياع السوداني بوفد من صندوق النقد الدولي وبنك التنمية الآسيوي .",
    "وصل",
    "شركة أرامكو و مصفاة الرياض و جامعة الملك عبد العزيز في جدة",
]


@pytest.mark.parametrize("sentence", DECODER_SENTENCES)
def test_entities_crf_decoder_matches_crfsuite(sentence: str) -> None:
    """Without the network, the pruned Viterbi over cached score vectors gives crfsuite's own tags."""
    model = NerModel(load_tagger(data_path("models") / MODEL), NerModel.load(data_path("models")).lexicon)
    tokens = tokenize(sentence)
    expected = model.tagger.tag(sentence_features(tokens, model.lexicon))
    assert model.tag(tokens) == expected
    # several sentences decoded together (runs never cross a sentence edge) tag the same
    assert model.decoder.tag([tokens, tokens]) == [expected, expected]
