"""The NER sequence model: reading CoNLL corpora, training a CRF and tagging token sequences.

The model is a linear-chain CRF (python-crfsuite) over the features of `marsad.recognise.features`;
the same feature function serves training and inference, so the committed model and the pipeline
cannot drift apart. `train_ner` reproduces the committed model (`marsad train ner`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pycrfsuite

from marsad.recognise.features import (FeatureLexicon, document_memory, memory_features, sentence_features,
                                       sentence_stems, tokens_from_words)
from marsad.text.tokens import Token
from marsad.scoring import SpanScorer, span_chunks

TYPES = ("PERS", "LOC", "ORG", "MISC")
# Corpus tag types -> the four model types; anything else becomes O. AQMAR's MIS0-3 are MISC;
# WikiFANE's fine types map by their coarse class (facilities, vehicles, weapons are left out).
TYPE_MAP = {
    "PERS": "PERS", "PER": "PERS", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC",
    "MIS0": "MISC", "MIS1": "MISC", "MIS2": "MISC", "MIS3": "MISC",
    **dict.fromkeys(("Politician", "Religious_PER", "Artist", "Other_PER", "Scientist", "Athlete",
                     "Businessperson", "Engineer", "Lawyer", "Police"), "PERS"),
    **dict.fromkeys(("Government", "Commercial", "Educational", "Media", "Religious_ORG", "Sports",
                     "Non-Governmental", "Entertainment", "Medical-Science"), "ORG"),
    **dict.fromkeys(("Nation", "Population-Center", "State-or-Province", "County-or-District", "Continent",
                     "Water-Body", "Land-Region-Natural", "GPE-Cluster"), "LOC"),
    **dict.fromkeys(("Book", "Movie", "Sound", "Software", "Hardware"), "MISC"),
}
INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f"), None)

Sentence = list[tuple[str, str]]


def read_conll(path: Path) -> Iterator[Sentence]:
    """Sentences of (token, first tag) from a TOKEN<TAB>TAG file with blank-line breaks."""
    sent: Sentence = []
    with Path(path).open(encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            word = parts[0].translate(INVISIBLE).strip()
            if not word:
                if sent and not line.strip():
                    yield sent
                    sent = []
                continue
            sent.append((word, parts[1] if len(parts) > 1 else "O"))
    if sent:
        yield sent


def normalise_tag(tag: str) -> str:
    """A corpus tag as B-/I- over TYPES, or O."""
    prefix, _, kind = tag.partition("-")
    mapped = TYPE_MAP.get(kind)
    return f"{prefix}-{mapped}" if prefix in ("B", "I") and mapped else "O"


@dataclass(frozen=True)
class TrainConfig:
    """CRF hyper-parameters (tuned on the last tenth of ANERcorp train held out; re-run `marsad train ner`)."""

    c1: float = 0.05
    c2: float = 0.02
    max_iterations: int = 150
    min_freq: int = 2
    folds: int = 2                 # jackknife folds that give the second pass unbiased first-pass tags
    doc_sentences: int = 20        # ANERcorp has no document breaks: runs of sentences stand in for articles


FIRST, SECOND = "ner-first.crfsuite", "ner-second.crfsuite"


@dataclass
class TrainReport:
    """What a training run used and how the model scored."""

    corpora: list[str]
    sentences: int
    seconds: float
    scores: dict[str, dict[str, float]] = field(default_factory=dict)


@dataclass
class Document:
    """A run of tokenised sentences with their features (and gold tags when training)."""

    tokens: list[list[Token]]
    features: list[list[list[str]]]
    stems: list[list[str]]
    gold: list[list[str]]


def make_document(sentences: Sequence[Sequence[Token]], lexicon: FeatureLexicon,
                  gold: list[list[str]] | None = None) -> Document:
    tokens = [list(s) for s in sentences]
    return Document(tokens, [sentence_features(s, lexicon) for s in tokens],
                    [sentence_stems(s, lexicon) for s in tokens], gold or [])


def corpus_documents(path: Path, lexicon: FeatureLexicon, doc_sentences: int) -> list[Document]:
    """A CoNLL corpus cut into pseudo-documents of `doc_sentences` consecutive sentences."""
    sents = list(read_conll(path))
    docs = []
    for i in range(0, len(sents), doc_sentences):
        chunk = sents[i:i + doc_sentences]
        docs.append(make_document([tokens_from_words([w for w, _ in s]) for s in chunk], lexicon,
                                  [[normalise_tag(t) for _, t in s] for s in chunk]))
    return docs


def second_features(doc: Document, first_tags: list[list[str]]) -> list[list[list[str]]]:
    memory = document_memory(doc.stems, first_tags)
    return [[own + mem for own, mem in zip(feats, memory_features(stems, tags, memory))]
            for feats, stems, tags in zip(doc.features, doc.stems, first_tags)]


def _train(pairs: Iterable[tuple[list[list[str]], list[str]]], path: Path, config: TrainConfig) -> pycrfsuite.Tagger:
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in pairs:
        trainer.append(xseq, yseq)
    trainer.set_params({"c1": config.c1, "c2": config.c2, "max_iterations": config.max_iterations,
                        "feature.minfreq": config.min_freq, "feature.possible_transitions": True})
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return load_tagger(path)


def _first_pairs(docs: Iterable[Document]) -> Iterator[tuple[list[list[str]], list[str]]]:
    for doc in docs:
        yield from zip(doc.features, doc.gold)


def train_ner(corpus: Path, directory: Path, *, lexicon: FeatureLexicon,
              config: TrainConfig = TrainConfig()) -> TrainReport:
    """Train both CRF passes on `corpus` and write them to `directory`.

    1. first pass on every document; 2. jackknife: first-pass models on all folds but one tag
    the held-out fold, so the second pass learns from honest first-pass tags; 3. second pass
    on the word features plus document memory.
    """
    began = time.perf_counter()
    docs = corpus_documents(corpus, lexicon, config.doc_sentences)
    _train(_first_pairs(docs), directory / FIRST, config)
    first_tags: dict[int, list[list[str]]] = {}
    for fold_no in range(config.folds):
        held = [i for i in range(len(docs)) if i % config.folds == fold_no]
        tagger = _train(_first_pairs(d for i, d in enumerate(docs) if i % config.folds != fold_no),
                        directory / f"fold{fold_no}.tmp", config)
        for i in held:
            first_tags[i] = [tagger.tag(x) for x in docs[i].features]
        tagger.close()
        (directory / f"fold{fold_no}.tmp").unlink()
    _train(((x, y) for i, d in enumerate(docs) for x, y in zip(second_features(d, first_tags[i]), d.gold)),
           directory / SECOND, config)
    return TrainReport([str(corpus)], sum(len(d.gold) for d in docs), time.perf_counter() - began)


class NerModel:
    """The two CRF passes and their lexicon.

    Example:
        model = NerModel.load(Path("marsad/data/models"))
        tags = model.tag_document([tokens_of_sentence_1, tokens_of_sentence_2])
    """

    def __init__(self, first: pycrfsuite.Tagger, second: pycrfsuite.Tagger, lexicon: FeatureLexicon) -> None:
        self.first, self.second, self.lexicon = first, second, lexicon

    @classmethod
    def load(cls, directory: Path, lexicon: FeatureLexicon | None = None) -> "NerModel":
        return cls(load_tagger(directory / FIRST), load_tagger(directory / SECOND),
                   lexicon or FeatureLexicon.load())

    def tag_document(self, sentences: Sequence[Sequence[Token]]) -> list[list[str]]:
        """BIO tags (PERS/LOC/ORG/MISC) for each token of each sentence of one document."""
        return self.tag(make_document(sentences, self.lexicon))

    def tag(self, doc: Document) -> list[list[str]]:
        first = [self.first.tag(x) for x in doc.features]
        return [self.second.tag(x) for x in second_features(doc, first)]


@dataclass
class Evaluation:
    """Entity-level scores of a model on a corpus, and its speed."""

    scorer: SpanScorer
    tokens: int
    seconds: float

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, dict[str, float]]:
        rows = {**self.scorer.per_type(), "micro": self.scorer.micro()}
        return {k: {"precision": round(v.precision, 4), "recall": round(v.recall, 4), "f1": round(v.f1, 4),
                     "gold": v.gold} for k, v in rows.items()}


def evaluate_ner(corpus: Path, model: NerModel, *, doc_sentences: int = TrainConfig.doc_sentences) -> Evaluation:
    """Tag `corpus` (features included in the timing) and score it against its own tags."""
    scorer = SpanScorer()
    tokens = 0
    elapsed = 0.0
    sents = list(read_conll(corpus))
    for i in range(0, len(sents), doc_sentences):
        chunk = sents[i:i + doc_sentences]
        began = time.perf_counter()
        predicted = model.tag_document([tokens_from_words([w for w, _ in s]) for s in chunk])
        elapsed += time.perf_counter() - began
        for sent, tags in zip(chunk, predicted):
            tokens += len(sent)
            scorer.add(span_chunks(tags), span_chunks([normalise_tag(t) for _, t in sent]))
    return Evaluation(scorer, tokens, elapsed)


def load_tagger(model_path: Path) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    return tagger


def write_card(directory: Path, report: TrainReport, config: TrainConfig) -> Path:
    """The model card beside the model: data, date, parameters, scores."""
    card = directory / "ner.card.json"
    card.write_text(json.dumps({
        "models": [FIRST, SECOND],
        "trained": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "training_data": report.corpora,
        "sentences": report.sentences,
        "seconds": round(report.seconds, 1),
        "parameters": config.__dict__,
        "features": "marsad/recognise/features.py; word clusters models/word_clusters.tsv; gazetteer/*.tsv; lexicons",
        "licence": "CC BY-SA 4.0 (trained on ANERcorp, CC BY-SA 4.0 per its maintainers)",
        "scores": report.scores,
    }, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return card
