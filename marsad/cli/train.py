"""`marsad train ner`: rebuild the committed NER models from the shared corpora."""

from __future__ import annotations

from pathlib import Path

import click

from marsad.errors import MarsadError
from marsad.recognise.crf import TrainConfig, build_model
from marsad.resources import DATA_DIR

NER = Path("../shared/data/ner")
CORPUS = NER / "anercorp-camel-approx"


@click.group("train")
def train_command() -> None:
    """Train marsad's models from corpora on disk."""


@train_command.command("ner")
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=CORPUS / "train.tsv", show_default=True, help="CoNLL TOKEN<TAB>TAG training file.")
@click.option("--extra-corpora", type=click.Path(exists=True, file_okay=False, path_type=Path), default=NER,
              show_default=True, help="Folder holding wikifane-gold/ and aqmar/, trained beside CORPUS "
                                      "as separate domains (network only).")
@click.option("--test", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=CORPUS / "test.tsv", show_default=True, help="Scored after training; the card records it.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DATA_DIR / "models",
              show_default=True, help="Folder for ner.crfsuite, ner_convnet.npz and ner.card.json.")
@click.option("--c1", type=float, default=TrainConfig.c1, show_default=True, help="CRF L1 penalty.")
@click.option("--c2", type=float, default=TrainConfig.c2, show_default=True, help="CRF L2 penalty.")
@click.option("--max-iterations", type=int, default=TrainConfig.max_iterations, show_default=True)
def train_ner_command(corpus: Path, extra_corpora: Path, test: Path, out: Path, c1: float, c2: float,
                      max_iterations: int) -> None:
    """Train the entity tagger on CORPUS and write it (with its model card) to OUT.

    The tagger is a CRF and a small convolutional network whose scores are added to the CRF's.
    Training the network needs torch (pip install -e '.[train]'); tagging needs only numpy.
    Reproduces the committed models byte for byte in about four minutes on one core.

    Example: marsad train ner --corpus ../shared/data/ner/anercorp-camel-approx/train.tsv
    """
    config = TrainConfig(c1=c1, c2=c2, max_iterations=max_iterations)
    try:
        report = build_model(corpus, out, extra_root=extra_corpora, test=test, config=config, log=click.echo)
    except MarsadError as exc:
        raise click.ClickException(str(exc)) from exc
    micro = report.scores.get("micro", {})
    click.echo(f"trained on {report.sentences} sentences in {report.seconds:.0f} s -> {out}")
    if micro:
        click.echo(f"test micro F1 {micro['f1']:.4f} (P {micro['precision']:.4f}, R {micro['recall']:.4f})")
