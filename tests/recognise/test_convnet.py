"""The NER network (issue 4): numpy inference, its decoding with the CRF, and training when torch is there."""

from __future__ import annotations

import itertools
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from marsad.cli.main import cli
from marsad.recognise import convnet
from marsad.recognise.convnet import ConvScorer, quantise
from marsad.recognise.crf import NerModel
from marsad.recognise.features import sentence_features
from marsad.resources import data_path
from marsad.text.tokens import tokenize
from tests.recognise.test_entities_crf import (
    HAS_TORCH,
    SENTENCES,
    toy_extra_corpora,
    write_corpus,
)

LABELS = "\n".join(["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC"])


@cache
def shipped_model() -> NerModel:
    return NerModel.load(data_path("models"))


def toy_arrays(seed: int = 0, dim: int = 4, channels: int = 5, dilations: tuple[int, ...] = (1, 2)) -> dict:
    """The arrays of a random network of the shipped layout, small enough to check by hand."""
    rng = np.random.default_rng(seed)
    q, scale = quantise(rng.standard_normal((3, dim)).astype(np.float32))
    arrays = {"labels": np.frombuffer(LABELS.encode(), np.uint8),
              "features": np.frombuffer("w=a\nw=b\nph=O".encode(), np.uint8),
              "embedding_q": q, "embedding_scale": scale, "dilations": np.array(dilations),
              "w_out": rng.standard_normal((dim + channels, 5)), "b_out": rng.standard_normal(5),
              "trans": rng.standard_normal((5, 5)), "start": rng.standard_normal(5), "end": rng.standard_normal(5)}
    sizes = (dim, *[channels] * len(dilations))
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        arrays[f"w{i}"] = rng.standard_normal((3 * a, b))     # rows: left, centre, right tap, as exported
        arrays[f"b{i}"] = rng.standard_normal(b)
    return arrays


def toy_scorer() -> ConvScorer:
    return ConvScorer(toy_arrays())


def reference_emissions(arrays: dict, x: np.ndarray) -> np.ndarray:
    """One sentence, position by position: the convolution as written in a textbook."""
    h = x
    for i, d in enumerate(arrays["dilations"]):
        width = h.shape[1]
        out = []
        for k in range(len(h)):
            window = [h[j] if 0 <= j < len(h) else np.zeros(width) for j in (k - d, k, k + d)]
            out.append(np.maximum(np.concatenate(window) @ arrays[f"w{i}"] + arrays[f"b{i}"], 0))
        h = np.array(out)
    return np.concatenate([x, h], axis=1) @ arrays["w_out"] + arrays["b_out"]


@pytest.mark.parametrize("lengths", [[1], [3], [7, 2], [1, 5, 1, 4]])
def test_convnet_matches_the_textbook_convolution_and_never_crosses_a_sentence(lengths: list[int]) -> None:
    arrays = toy_arrays()
    net = ConvScorer(arrays)
    x = np.random.default_rng(1).standard_normal((sum(lengths), net.dim)).astype(np.float32)
    got = net.emissions(x, lengths)
    starts = np.cumsum([0, *lengths])
    expected = np.concatenate([reference_emissions(arrays, x[a:b]) for a, b in itertools.pairwise(starts)])
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-4)


def test_convnet_feature_vector_sums_known_names_only() -> None:
    net = toy_scorer()
    expected = net.embedding([0])[0] + net.embedding([2])[0]
    np.testing.assert_allclose(net.feature_vector(["w=a", "w=zzz", "ph=O"]), expected)
    assert not net.feature_vector(["unknown"]).any()


def test_convnet_quantise_keeps_rows_within_half_a_step() -> None:
    matrix = np.random.default_rng(2).standard_normal((50, 16)).astype(np.float32)
    q, scale = quantise(matrix)
    assert q.dtype == np.int8
    assert np.abs(q * scale[:, None] - matrix).max() <= scale.max() / 2 + 1e-6


def viterbi(scores: np.ndarray, trans: np.ndarray) -> list[int]:
    delta, back = scores[0], []
    for row in scores[1:]:
        candidates = delta[:, None] + trans
        back.append(candidates.argmax(0))
        delta = candidates.max(0) + row
    path = [int(delta.argmax())]
    for pointers in reversed(back):
        path.append(int(pointers[path[-1]]))
    return path[::-1]


@pytest.mark.parametrize("sentence", [
    "وقال الرئيس الفرنسي إيمانويل ماكرون في باريس إن فرنسا تدعم الاتفاق .",
    "سجل اللاعب كريم بنزيما هدفين لفريق ريال مدريد أمام برشلونة في الدوري الإسباني",
    "أعلنت شركة أرامكو عن أرباحها في الظهران",
])
def test_convnet_pruned_decoding_is_exact(sentence: str) -> None:
    """With the network, skipping sure-O tokens still gives the full Viterbi's path."""
    model = NerModel.load(data_path("models"))
    assert model.net is not None, "the committed model folder has the network"
    tokens = tokenize(sentence)
    scores, _ = model.decoder.scores([tokens])
    labels = model.decoder.labels
    assert model.tag(tokens) == [labels[k] for k in viterbi(scores, model.decoder.trans)]


def test_convnet_committed_model_tags_an_unseen_name() -> None:
    model = NerModel.load(data_path("models"))
    tokens = tokenize("وقال المدرب البرتغالي جوزيه مورينيو إن فريقه سيفوز على ليفربول")
    assert model.tag(tokens)[3:5] == ["B-PERS", "I-PERS"]


@pytest.mark.skipif(not HAS_TORCH, reason="torch is a training-only dependency (pip install -e '.[train]')")
def test_convnet_trains_and_numpy_reproduces_torch(tmp_path: Path) -> None:
    from marsad.recognise import convnet_train

    captured = {}
    export = convnet_train._export

    def keep(net, features, path):
        captured.update(net=net, features=features)
        export(net, features, path)

    corpus = write_corpus(tmp_path / "train.tsv", SENTENCES)
    lexicon = NerModel.load(data_path("models")).lexicon
    original, convnet_train._export = convnet_train._export, keep
    try:
        used = convnet_train.train_convnet(corpus, toy_extra_corpora(tmp_path / "extra"), tmp_path, lexicon,
                                           convnet_train.ConvConfig(epochs=2, average_from=1), log=lambda _: None)
    finally:
        convnet_train._export = original
    assert len(used) == 3
    scorer = ConvScorer.load(tmp_path / convnet.FILE)
    net = captured["net"].eval()
    index = {f: i + 1 for i, f in enumerate(captured["features"])}
    import torch

    feats = sentence_features(tokenize("زار أحمد الخالدي مدينة الرباط ."), lexicon)
    x = np.stack([scorer.feature_vector(names) for names in feats])
    with torch.no_grad():
        expected = net.emissions(torch.from_numpy(convnet_train._ids(feats, index))[None], [len(feats)],
                                 torch.tensor([0]))[0].numpy()
    np.testing.assert_allclose(scorer.emissions(x, [len(feats)]), expected, atol=0.05)


def test_convnet_training_without_torch_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from marsad.errors import ResourceError
    from marsad.recognise import convnet_train

    def missing():
        raise ResourceError("training the NER network needs torch: pip install -e '.[train]'")

    monkeypatch.setattr(convnet_train, "require_torch", missing)
    corpus = write_corpus(tmp_path / "train.tsv", SENTENCES)
    result = CliRunner().invoke(cli, ["train", "ner", "--corpus", str(corpus), "--test", str(corpus),
                                      "--extra-corpora", str(tmp_path), "--out", str(tmp_path / "m")])
    assert result.exit_code == 1 and "[train]" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "m").exists()    # refused before the CRF's minutes


def test_convnet_feature_vectors_match_one_list_at_a_time() -> None:
    net = toy_scorer()
    lists = [["w=a", "ph=O"], [], ["nothing"], ["w=b", "w=a", "w=b"]]
    np.testing.assert_allclose(net.feature_vectors(lists), np.stack([net.feature_vector(n) for n in lists]), atol=1e-6)


def test_convnet_decoder_tags_the_same_after_its_form_cache_starts_over(monkeypatch: pytest.MonkeyPatch) -> None:
    model = NerModel.load(data_path("models"))
    sentences = [tokenize("وقال الرئيس الفرنسي إيمانويل ماكرون في باريس"), tokenize("زار الوزير عمان أمس")]
    expected = model.decoder.tag(sentences)
    small = NerModel.load(data_path("models"))
    monkeypatch.setattr(small.decoder, "MAX_FORMS", 6)
    assert small.decoder.tag(sentences[:1]) == expected[:1]
    assert small.decoder.tag(sentences) == expected     # the cache is cleared in the middle of this call


@hyp_settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=6))
def test_convnet_any_sentence_layout_matches_the_textbook(lengths: list[int]) -> None:
    arrays = toy_arrays(dilations=(1, 2, 4))
    net = ConvScorer(arrays)
    x = np.random.default_rng(len(lengths)).standard_normal((sum(lengths), net.dim)).astype(np.float32)
    starts = np.cumsum([0, *lengths])
    expected = np.concatenate([reference_emissions(arrays, x[a:b]) for a, b in itertools.pairwise(starts)])
    np.testing.assert_allclose(net.emissions(x, lengths), expected, rtol=1e-4, atol=1e-4)


@hyp_settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابتجحدرسشعفقلمنهوي ءأإ.،")), max_size=80))
def test_convnet_pruned_decoding_is_exact_on_any_text(text: str) -> None:
    model = shipped_model()
    tokens = tokenize(text)
    if not tokens:
        return
    scores, _ = model.decoder.scores([tokens])
    assert model.tag(tokens) == [model.decoder.labels[k] for k in viterbi(scores, model.decoder.trans)]


@pytest.mark.parametrize("rows", [convnet.BLOCK, 20 * convnet.BLOCK])
def test_convnet_blocked_product_is_exactly_the_plain_one(rows: int) -> None:
    """The products run in blocks of rows (to keep OpenBLAS on one thread) give the same bits."""
    rng = np.random.default_rng(3)
    a = rng.standard_normal((rows, 64)).astype(np.float32)
    weights = rng.standard_normal((64, 96)).astype(np.float32)
    assert np.array_equal(convnet._product(a, weights), a @ weights)
    assert np.array_equal(convnet._product(a, weights[:, :9]), a @ weights[:, :9])
    centre = np.ascontiguousarray(weights[:, 32:64])     # one tap alone: the same bits as its columns
    assert np.array_equal(convnet._product(a, centre), (a @ weights)[:, 32:64])


def test_convnet_emissions_of_a_long_document_match_sentence_by_sentence() -> None:
    """A document longer than a block gives each sentence the scores it gets alone, to the bit."""
    net = shipped_model().net
    lengths = [40, 1, 75, 30, 9]
    x = np.random.default_rng(4).standard_normal((sum(lengths), net.dim)).astype(np.float32)
    starts = np.cumsum([0, *lengths])
    alone = np.concatenate([net.emissions(x[a:b], [b - a]) for a, b in itertools.pairwise(starts)])
    assert np.array_equal(net.emissions(x, lengths), alone)


def test_convnet_cached_sums_equal_each_tokens_own_feature_sums() -> None:
    """The per-form tables (edge rows, the O phrase tag folded in) give each token the sums of its
    feature strings, at sentence edges and in gazetteer phrases too."""
    model = shipped_model()
    decoder, net = model.decoder, model.net
    sentences = [tokenize("وقال الرئيس الفرنسي إيمانويل ماكرون في باريس"), tokenize("زار الوزير عمان أمس"),
                 tokenize("المملكة العربية السعودية")]
    features = [names for s in sentences for names in sentence_features(s, model.lexicon)]
    assert any(f"ph=B-{kind}" in names for names in features for kind in ("LOC", "ORG", "PERS"))
    scores, first = decoder.scores(sentences)
    x = np.stack([net.feature_vector(names) for names in features])
    lengths = [len(s) for s in sentences]
    expected = decoder._crf_sums(features) + net.emissions(x, lengths)[:, decoder.net_order]
    expected[first] += decoder.edges[0]
    expected[np.roll(first, -1)] += decoder.edges[1]
    np.testing.assert_allclose(scores, expected, rtol=1e-5, atol=1e-4)
