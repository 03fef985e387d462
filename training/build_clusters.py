"""Learn word clusters from raw Arabic text: k-means over SVD-reduced PPMI context vectors.

Clusters generalise the NER model to names it never saw in training: a word unseen in ANERcorp
shares a cluster with seen names that occur in the same contexts. Words are folded
(marsad.text.fold); each word gets a coarse and a fine cluster id. Inputs (read-only, never the
evaluation articles or any test split): ANT corpus, ANERcorp train, AQMAR and WikiFANE text.

Usage: python training/build_clusters.py [--shared ../shared] [-o marsad/data/models/word_clusters.tsv]
Needs numpy (the `train` extra); runs in about a minute on one core.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from marsad.recognise.crf import read_conll
from marsad.text.tokens import tokenize

VOCAB = 40_000        # words that get a cluster (most frequent, count >= MIN_COUNT)
CONTEXTS = 2_000      # most frequent words used as left/right context dimensions
MIN_COUNT = 4
DIMS = 100
SIZES = (64, 512)     # coarse and fine cluster counts
SEED = 13
POWER_ITERATIONS = 4


def sentences(shared: Path) -> Iterator[list[str]]:
    """Folded token sequences from every allowed raw-text source."""
    with (shared / "data/corpus/antcorpus.jsonl").open(encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            for para in article["text"].split("\n"):
                yield [t.norm for t in tokenize(para) if t.kind != "punct" or t.norm in ".,،"]
    ner = shared / "data/ner"
    for path in (ner / "anercorp-camel-approx/train.tsv", ner / "aqmar/dev.tsv", ner / "aqmar/test.tsv",
                 ner / "wikifane-gold/all.tsv"):
        for sent in read_conll(path):
            yield [t.norm for token, _ in sent for t in tokenize(token)]


def cooccurrence(sents: list[list[str]]) -> tuple[list[str], list[str], np.ndarray]:
    """Counts of (word, left context) and (word, right context) as one dense matrix."""
    freq = Counter(w for s in sents for w in s)
    vocab = [w for w, c in freq.most_common(VOCAB) if c >= MIN_COUNT]
    contexts = [w for w, _ in freq.most_common(CONTEXTS)]
    w_index = {w: i for i, w in enumerate(vocab)}
    c_index = {w: i for i, w in enumerate(contexts)}
    rows: list[int] = []
    cols: list[int] = []
    n_ctx = len(contexts)
    for s in sents:
        ids = [w_index.get(w, -1) for w in s]
        ctx = [c_index.get(w, -1) for w in s]
        for i, wi in enumerate(ids):
            if wi < 0:
                continue
            for off, base in ((-1, 0), (1, n_ctx), (-2, 0), (2, n_ctx)):
                j = i + off
                if 0 <= j < len(s) and ctx[j] >= 0:
                    rows.append(wi)
                    cols.append(base + ctx[j])
    flat = np.asarray(rows, dtype=np.int64) * (2 * n_ctx) + np.asarray(cols, dtype=np.int64)
    counts = np.bincount(flat, minlength=len(vocab) * 2 * n_ctx).astype(np.float32)
    return vocab, contexts, counts.reshape(len(vocab), 2 * n_ctx)


def ppmi_svd(counts: np.ndarray, dims: int, rng: np.random.Generator) -> np.ndarray:
    """Row-normalised embeddings from PPMI (context smoothing 0.75) and a randomised SVD."""
    row = counts.sum(1, keepdims=True)
    col = counts.sum(0, keepdims=True) ** 0.75
    pmi = np.log(np.maximum(counts * col.sum() / (row * col + 1e-9), 1e-9)) + 0.0
    ppmi = np.maximum(pmi, 0).astype(np.float32)
    ppmi[counts == 0] = 0
    omega = rng.standard_normal((ppmi.shape[1], dims + 20)).astype(np.float32)
    q, _ = np.linalg.qr(ppmi @ omega)
    for _ in range(POWER_ITERATIONS):  # sharpen the randomised range finder
        q, _ = np.linalg.qr(ppmi @ (ppmi.T @ q))
    u, s, _ = np.linalg.svd(q.T @ ppmi, full_matrices=False)
    vectors = q @ u[:, :dims]  # singular values dropped: better word similarity (Levy et al. 2015)
    return vectors / (np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9)


def kmeans(vectors: np.ndarray, k: int, rng: np.random.Generator, iterations: int = 20) -> np.ndarray:
    """Spherical k-means labels (cosine similarity, seeded from random rows)."""
    centres = vectors[rng.choice(len(vectors), k, replace=False)]
    labels = np.zeros(len(vectors), dtype=np.int64)
    for _ in range(iterations):
        labels = np.argmax(vectors @ centres.T, axis=1)
        for c in range(k):
            members = vectors[labels == c]
            if len(members):
                centre = members.sum(0)
                centres[c] = centre / (np.linalg.norm(centre) + 1e-9)
    return labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("-o", "--output", type=Path, default=Path("marsad/data/models/word_clusters.tsv"))
    args = parser.parse_args()
    rng = np.random.default_rng(SEED)
    sents = list(sentences(args.shared))
    vocab, _, counts = cooccurrence(sents)
    freq = counts[:, : counts.shape[1] // 2].sum(1)
    vectors = ppmi_svd(counts, DIMS, rng)
    del counts
    labels = [kmeans(vectors, k, rng) for k in SIZES]
    with args.output.open("w", encoding="utf-8") as out:
        out.write("word\t" + "\t".join(f"c{k}" for k in SIZES) + "\tcontexts\n")
        for i, word in enumerate(vocab):
            out.write(word + "\t" + "\t".join(str(int(lab[i])) for lab in labels) + f"\t{int(freq[i])}\n")
    print(f"{len(vocab)} words from {len(sents)} sentences -> {args.output}")


if __name__ == "__main__":
    main()
