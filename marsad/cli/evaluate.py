"""`marsad evaluate ner`: entity-level precision, recall and F1 of the NER model on a CoNLL corpus."""

from __future__ import annotations

import json
from pathlib import Path

import click

from marsad.errors import MarsadError
from marsad.recognise.crf import NerModel, evaluate_ner
from marsad.resources import DATA_DIR


@click.group("evaluate")
def evaluate_command() -> None:
    """Score marsad's models against gold corpora."""


@evaluate_command.command("ner")
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="CoNLL TOKEN<TAB>TAG file (PERS/LOC/ORG/MISC tags).")
@click.option("--model", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=DATA_DIR / "models", show_default=True,
              help="Folder holding ner.crfsuite (and ner_convnet.npz, used when present).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def evaluate_ner_command(corpus: Path, model: Path, as_json: bool) -> None:
    """Print per-type and micro P/R/F1 (conlleval chunks) and tagging speed on CORPUS.

    Example: marsad evaluate ner --corpus ../shared/data/ner/anercorp-camel-approx/test.tsv
    """
    try:
        loaded = NerModel.load(model)
    except MarsadError as exc:
        raise click.ClickException(str(exc)) from exc
    evaluation = evaluate_ner(corpus, loaded)
    rows = evaluation.as_dict()
    if as_json:
        click.echo(json.dumps({**rows, "tokens_per_second": round(evaluation.tokens_per_second)}, indent=2))
        return
    click.echo(f"{'type':<6} {'P':>7} {'R':>7} {'F1':>7} {'gold':>6}")
    for kind, row in rows.items():
        click.echo(f"{kind:<6} {row['precision']:>7.4f} {row['recall']:>7.4f} {row['f1']:>7.4f} {row['gold']:>6}")
    click.echo(f"{evaluation.tokens:,} tokens, {evaluation.tokens_per_second:,.0f} tokens/s (features, CRF and network)")
