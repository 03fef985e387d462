"""Training the network of `marsad.recognise.convnet` (torch; the `train` extra).

The network: the summed embeddings of a token's CRF feature strings -> three dilated
convolutions (ReLU) -> label scores from [input, last convolution], with a CRF loss over learned
transitions.
ANERcorp is the target; WikiFANE and AQMAR add names and contexts, each with its own output layer
and transitions beside the shared ones (feature augmentation, Daumé 2007), so their tagging
conventions do not leak into ANERcorp's. Only the shared layer plus ANERcorp's is exported.

Training drops features at random (and word identities more often) so that the network learns to
recognise names from what an unseen name still has: its letters, clusters, gazetteer hits and
context. Weights are averaged over the last epochs (stochastic weight averaging), which on held-out
ANERcorp did the work of an ensemble.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from marsad.errors import ResourceError
from marsad.recognise.convnet import FILE, quantise
from marsad.recognise.crf import Sentence, normalise_tag, read_conll
from marsad.recognise.features import (
    FeatureLexicon,
    sentence_features,
    tokens_from_words,
)

LABELS = ("O", *(f"{p}-{k}" for k in ("PERS", "LOC", "ORG", "MISC") for p in "BI"))
# Other corpora trained beside ANERcorp, each in its own domain (paths under shared/data/ner).
EXTRA_CORPORA = {"wikifane": ("wikifane-gold/all.tsv",), "aqmar": ("aqmar/dev.tsv", "aqmar/test.tsv")}
WORD_FEATURES = ("w=", "s=", "-1s=", "1s=")


@dataclass(frozen=True)
class ConvConfig:
    """Chosen on the last tenth of ANERcorp train held out (network alone, micro F1 there, one seed:
    no extra corpora about 0.72, with them 0.73-0.75; an LSTM in place of the convolutions 0.74-0.75
    but 4-11 ms an article in numpy; 128 channels about half a point over 64 alone at three times the
    cost; added to the CRF, 32 channels scored as 64: 0.741 and 0.741 against 0.731 and 0.741)."""

    dim: int = 64
    channels: int = 32
    dilations: tuple[int, ...] = (1, 2, 4)
    epochs: int = 6
    average_from: int = 3       # weights averaged over epochs average_from..epochs
    dropout: float = 0.3
    feature_dropout: float = 0.1
    word_dropout: float = 0.3
    extra_share: float = 0.5    # share of the extra corpora's batches used in each epoch
    learning_rate: float = 2e-3
    batch: int = 32
    min_freq: int = 2
    seed: int = 1


def require_torch():
    """The torch module, or a ResourceError that says how to install it (tagging never needs it)."""
    try:
        import torch
    except ImportError as exc:
        raise ResourceError("training the NER network needs torch: pip install -e '.[train]'") from exc
    return torch


def train_convnet(corpus: Path, extra_root: Path | None, directory: Path, lexicon: FeatureLexicon,
                   config: ConvConfig = ConvConfig(), log: Callable[[str], None] = print) -> list[str]:
    """Train on `corpus` (plus the extra corpora under `extra_root`) and write FILE to `directory`;
    returns the extra corpora's paths."""
    torch = require_torch()
    torch.manual_seed(config.seed)
    torch.set_num_threads(1)   # one thread: the same weights on every machine
    rng = random.Random(config.seed)
    np_rng = np.random.default_rng(config.seed)

    domains: list[list[Sentence]] = [list(read_conll(corpus))]
    used: list[str] = []
    for paths in EXTRA_CORPORA.values() if extra_root is not None else ():
        used += [str(extra_root / p) for p in paths]
        domains.append([s for p in paths for s in read_conll(extra_root / p)])
    data = [(sentence_features(tokens_from_words([w for w, _ in s]), lexicon),
             [LABELS.index(normalise_tag(t)) for _, t in s], d)
            for d, sents in enumerate(domains) for s in sents if s]
    counts = Counter(f for feats, _, _ in data for names in feats for f in names)
    features = sorted(f for f, n in counts.items() if n >= config.min_freq)
    index = {f: i + 1 for i, f in enumerate(features)}        # 0 pads
    wordish = np.zeros(len(index) + 1, dtype=bool)
    wordish[[i for f, i in index.items() if f.startswith(WORD_FEATURES)]] = True
    encoded = [(_ids(feats, index), np.array(y), d) for feats, y, d in data]
    log(f"convnet: {len(encoded)} sentences in {len(domains)} domains, {len(index)} features")

    net = _network(torch, len(index) + 1, len(domains), config)
    optimiser = torch.optim.Adam(net.parameters(), lr=config.learning_rate)
    order = sorted(range(len(encoded)), key=lambda i: (encoded[i][2], len(encoded[i][1])))
    batches = [order[i:i + config.batch] for i in range(0, len(order), config.batch)]
    averaged: dict[str, object] = {}
    for epoch in range(1, config.epochs + 1):
        began = time.perf_counter()
        chosen = [b for b in batches if encoded[b[0]][2] == 0 or rng.random() < config.extra_share]
        rng.shuffle(chosen)
        total = 0.0
        for batch in chosen:
            ids, ys, mask, lengths, doms = _batch(torch, [encoded[i] for i in batch], config, np_rng, wordish)
            loss = net.nll(net.emissions(ids, lengths, doms), ys, mask, doms)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            optimiser.step()
            total += loss.item()
        if epoch >= config.average_from:
            k = epoch - config.average_from
            state = {n: p.detach().clone() for n, p in net.state_dict().items()}
            averaged = state if k == 0 else {n: (averaged[n] * k + state[n]) / (k + 1) for n in state}
        log(f"convnet: epoch {epoch}/{config.epochs} loss {total:.0f} ({time.perf_counter() - began:.0f} s)")
    net.load_state_dict(averaged)
    _export(net, features, directory / FILE)
    return used


def _ids(feats: Sequence[Sequence[str]], index: dict[str, int]) -> np.ndarray:
    rows = [[index[f] for f in names if f in index] for names in feats]
    out = np.zeros((len(rows), max(map(len, rows))), dtype=np.int64)
    for i, r in enumerate(rows):
        out[i, :len(r)] = r
    return out


def _batch(torch, items, config: ConvConfig, rng: np.random.Generator, wordish: np.ndarray):
    """Padded tensors of a batch, with features dropped at random."""
    steps = max(len(y) for _, y, _ in items)
    width = max(a.shape[1] for a, _, _ in items)
    ids = np.zeros((len(items), steps, width), dtype=np.int64)
    ys = np.zeros((len(items), steps), dtype=np.int64)
    mask = np.zeros((len(items), steps), dtype=np.float32)
    for b, (a, y, _) in enumerate(items):
        ids[b, :len(y), :a.shape[1]] = a
        ys[b, :len(y)] = y
        mask[b, :len(y)] = 1
    drop = rng.random(ids.shape) < config.feature_dropout
    drop |= (rng.random((len(items), steps, 1)) < config.word_dropout) & wordish[ids]
    ids[drop] = 0
    return (torch.from_numpy(ids), torch.from_numpy(ys), torch.from_numpy(mask),
            [len(y) for _, y, _ in items], torch.tensor([d for _, _, d in items]))


def _network(torch, vocabulary: int, domains: int, config: ConvConfig):
    nn = torch.nn
    size = len(LABELS)

    class Network(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embedding = nn.Embedding(vocabulary, config.dim, padding_idx=0)
            nn.init.normal_(self.embedding.weight, 0, 0.05)
            with torch.no_grad():
                self.embedding.weight[0].zero_()
            sizes = (config.dim, *[config.channels] * len(config.dilations))
            self.convs = nn.ModuleList(nn.Conv1d(a, b, 3, dilation=d, padding=d)
                                       for a, b, d in zip(sizes, sizes[1:], config.dilations))
            width = config.dim + config.channels
            self.out = nn.Linear(width, size)
            self.domain_out = nn.Parameter(torch.zeros(domains, width, size))
            self.trans = nn.Parameter(torch.zeros(size, size))
            self.domain_trans = nn.Parameter(torch.zeros(domains, size, size))
            self.start = nn.Parameter(torch.zeros(size))
            self.end = nn.Parameter(torch.zeros(size))
            self.dropout = nn.Dropout(config.dropout)

        def emissions(self, ids, lengths, doms):
            x = self.dropout(self.embedding(ids).sum(2))
            valid = (torch.arange(x.shape[1])[None, :] < torch.tensor(lengths)[:, None]).float().unsqueeze(1)
            h = x.transpose(1, 2)
            for conv in self.convs:
                h = torch.relu(conv(h)) * valid      # padding stays zero: no sentence sees past its edge
            z = torch.cat([x, self.dropout(h.transpose(1, 2))], -1)
            return self.out(z) + torch.einsum("btd,bdl->btl", z, self.domain_out[doms])

        def nll(self, em, y, mask, doms):
            """CRF negative log-likelihood of the gold paths, summed over the batch."""
            rows = torch.arange(len(y))
            trans = self.trans + self.domain_trans[doms]
            score = self.start[y[:, 0]] + em[rows, 0, y[:, 0]]
            alpha = self.start + em[:, 0]
            for t in range(1, y.shape[1]):
                live = mask[:, t]
                score = score + (trans[rows, y[:, t - 1], y[:, t]] + em[rows, t, y[:, t]]) * live
                step = torch.logsumexp(alpha.unsqueeze(2) + trans + em[:, t].unsqueeze(1), 1)
                alpha = torch.where(live.unsqueeze(1) > 0, step, alpha)
            last = y[rows, mask.sum(1).long() - 1]
            return (torch.logsumexp(alpha + self.end, 1) - score - self.end[last]).sum()

    return Network()


def _export(net, features: list[str], path: Path) -> None:
    """The shared weights plus ANERcorp's own layer, as numpy arrays (`convnet.ConvScorer`)."""
    def arr(t) -> np.ndarray:
        return t.detach().numpy().astype(np.float32)

    layers = {}
    for i, conv in enumerate(net.convs):     # C_out x C_in x 3 -> (left, centre, right) x C_in rows
        layers[f"w{i}"] = arr(conv.weight).transpose(2, 1, 0).reshape(-1, conv.weight.shape[0])
        layers[f"b{i}"] = arr(conv.bias)
    embedding_q, embedding_scale = quantise(arr(net.embedding.weight)[1:])
    w_out = arr(net.out.weight).T + arr(net.domain_out[0])
    np.savez_compressed(
        path,
        labels=np.frombuffer("\n".join(LABELS).encode(), dtype=np.uint8),
        features=np.frombuffer("\n".join(features).encode(), dtype=np.uint8),
        embedding_q=embedding_q, embedding_scale=embedding_scale,
        dilations=np.array([conv.dilation[0] for conv in net.convs]), **layers,
        w_out=w_out, b_out=arr(net.out.bias),
        trans=arr(net.trans + net.domain_trans[0]), start=arr(net.start), end=arr(net.end))
