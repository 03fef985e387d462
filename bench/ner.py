"""NER accuracy on the ANERcorp test split, and the cost of the entities and roles stages per article.

usage: python bench/ner.py [--passes N]

Prints per-type and micro P/R/F1 (conlleval chunks, as `marsad evaluate ner`), the tagger's
tokens/s, and milliseconds per article of the entities and roles stages over the real articles
(median over passes; compare on the same machine).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    test = SHARED / "ner" / "anercorp-camel-approx" / "test.tsv"
    articles = SHARED / "news" / "articles.jsonl"
    if not test.exists() or not articles.exists():
        print("ner: ../shared/data is needed", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from marsad.pipeline import Pipeline
    from marsad.recognise.crf import NerModel, evaluate_ner
    from marsad.resources import data_path
    from marsad.settings import Settings
    from marsad.text.doc import Doc

    evaluation = evaluate_ner(test, NerModel.load(data_path("models")))
    for kind, row in evaluation.as_dict().items():
        print(f"{kind:<6} P {row['precision']:.4f}  R {row['recall']:.4f}  F1 {row['f1']:.4f}  gold {row['gold']}")
    print(f"tagger: {evaluation.tokens_per_second:,.0f} tokens/s")

    texts = [json.loads(line)["text"] for line in articles.read_text(encoding="utf-8").splitlines() if line.strip()]
    pipeline = Pipeline(("sentences", "tokens", "times", "figures", "entities", "roles"), Settings())
    costs: dict[str, list[float]] = {"entities": [], "roles": []}
    for _ in range(args.passes):
        pipeline.timings = {}
        for text in texts:
            pipeline(Doc(text))
        for name, values in costs.items():
            values.append(pipeline.timings[name] / len(texts) * 1000)
    for name, values in costs.items():
        print(f"{name}: {statistics.median(values):.2f} ms/article over {len(texts)} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
