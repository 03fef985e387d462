"""A small convolutional network that reads a sentence's CRF features in context, run in numpy.

The CRF sees each token through a ±1 window of features; names it never saw are often only
recognisable from further away (قال … at the head of a clause, a list of players). The network
reads dense token vectors, the sum of learned embeddings of the same feature strings the CRF
uses (so the per-word-form caching of `crf.Decoder` serves both), through three convolutions
(dilations 1, 2, 4: seven tokens either side, never across a sentence's edge). Its label scores
and transitions are added to the CRF's before Viterbi. Convolutions rather than an LSTM: as
accurate on held-out ANERcorp, and a few matrix products per document instead of a Python step
per token (an LSTM cost 4-11 ms an article in numpy). Training needs torch
(`marsad/recognise/convnet_train.py`, the `train` extra); running it needs only numpy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from marsad.recognise.features import feature_rows

FILE = "ner_convnet.npz"


class ConvScorer:
    """Label scores from the network for sentences laid end to end.

    Example:
        net = ConvScorer.load(Path("marsad/data/models/ner_convnet.npz"))
        x = np.stack([net.feature_vector(names) for names in feature_lists_of_a_sentence])
        scores = net.emissions(x, [len(x)])
    """

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.labels = tuple(bytes(arrays["labels"]).decode().split("\n"))
        self.features = {name: i for i, name in enumerate(bytes(arrays["features"]).decode().split("\n"))}
        # int8 rows, dequantised on lookup; one more row of zeros stands for every unknown name
        q = arrays["embedding_q"]
        self.embedding_q = np.concatenate([q, np.zeros((1, q.shape[1]), dtype=np.int8)])
        self.embedding_scale = np.append(arrays["embedding_scale"], 0).astype(np.float32)
        self.unknown = len(self.embedding_q) - 1
        self.dilations = tuple(int(d) for d in arrays["dilations"])
        # 3 x C_in x C_out: the left, centre and right taps, each a contiguous matrix
        self.layers = [(_taps(arrays[f"w{i}"].astype(np.float32)), arrays[f"b{i}"].astype(np.float32))
                       for i in range(len(self.dilations))]
        self.w_out = arrays["w_out"].astype(np.float32)          # (D + C) x L
        self.b_out = arrays["b_out"].astype(np.float32)
        self.trans = arrays["trans"].astype(np.float64)          # L x L, before -> after
        self.start = arrays["start"].astype(np.float64)
        self.end = arrays["end"].astype(np.float64)
        self.dim = self.embedding_q.shape[1]

    @classmethod
    def load(cls, path: Path) -> ConvScorer:
        with np.load(path) as arrays:
            return cls(dict(arrays))

    def feature_vector(self, names: Sequence[str]) -> np.ndarray:
        """The summed embeddings of the feature names (an unknown name adds nothing)."""
        return self.feature_vectors([names])[0]

    def embedding(self, rows: list[int]) -> np.ndarray:
        return self.embedding_q[rows] * self.embedding_scale[rows, None]

    def feature_vectors(self, name_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """`feature_vector` of each list at once (one gather for many word forms' views)."""
        rows, starts = feature_rows(name_lists, self.features, self.unknown)
        sums = np.zeros((len(rows) + 1, self.dim), dtype=np.float32)
        np.cumsum(self.embedding(rows), axis=0, out=sums[1:])
        starts_at = np.array(starts)
        return sums[np.append(starts_at[1:], len(rows))] - sums[starts_at]

    def emissions(self, x: np.ndarray, lengths: Iterable[int]) -> np.ndarray:
        """Label scores (tokens x labels) for the token vectors `x` of sentences laid end to end."""
        # sentences laid out with `gap` zero rows between and around them, so that every tap is a
        # plain shifted slice and no token sees past its sentence's edge, and zero rows at the end
        # up to a whole number of blocks (`_product`)
        lengths = list(lengths)
        gap = max(self.dilations)
        rows = np.arange(len(x)) + gap * np.repeat(np.arange(1, len(lengths) + 1), lengths)
        size = len(x) + gap * (len(lengths) + 1)
        padding = np.ones(size + -size % BLOCK, dtype=bool)
        padding[rows] = False
        h = np.zeros((len(padding), x.shape[1]), dtype=np.float32)
        h[rows] = x
        laid_out = h
        for ((left, centre, right), bias), d in zip(self.layers, self.dilations):
            before = h
            h = _product(before, centre) + bias                  # each kernel tap's product, shifted by d
            h[d:] += _product(before, left)[:-d]
            h[:-d] += _product(before, right)[d:]
            np.maximum(h, 0, out=h)
            h[padding] = 0
        return (_product(laid_out, self.w_out[:self.dim]) + _product(h, self.w_out[self.dim:]))[rows] + self.b_out


BLOCK = 32   # rows per matrix product (32 x 64 x 32 is far under OpenBLAS's threshold for threads, 4 x 65536)


def _product(a: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """`a @ weights` (a's length a multiple of BLOCK) as a stack of BLOCK-row products.

    The same numbers as one product, but OpenBLAS runs each small product on the calling thread;
    one whole-document product (600 rows x 64 x 96) starts its threads, which spin against the caller
    when the other core is busy: 0.73 ms against 0.04 for a 600 x 32 x 96 product, and the
    pipeline 72 -> 96 articles/s, with another process on one of two cores.
    """
    return (a.reshape(-1, BLOCK, a.shape[1]) @ weights).reshape(len(a), -1)


def _taps(weights: np.ndarray) -> np.ndarray:
    """(3 x C_in) x C_out, as stored, to 3 x C_in x C_out: one product per tap gives contiguous rows
    to shift and add (three products cost less than one three times as wide and its strided slices)."""
    return np.ascontiguousarray(weights.reshape(3, -1, weights.shape[1]))


def quantise(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows as int8 with one float scale each: a quarter of float32's size."""
    scale = np.abs(matrix).max(1) / 127.0
    scale[scale == 0] = 1.0
    return np.round(matrix / scale[:, None]).astype(np.int8), scale.astype(np.float32)
