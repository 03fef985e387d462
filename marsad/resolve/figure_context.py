"""Figure context: what a figure measures, its period, its change and its qualifier.

Read from the figure's sentence, left of the figure: a qualifier just before the number
(نحو، أكثر من -> `approx`, `more_than`, value unchanged); `change` from the nearest verb or noun of
increase or decrease (ارتفع، تراجع) in the same clause; `rate` when a percentage follows
بنسبة/بمعدل; `about` from the words after that verb or after a verb of amount (بلغ حجم
التبادل ...), unless the figure already names its counted noun; `time` from the nearest date of
the same sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from marsad.resources import table
from marsad.settings import FigureSettings
from marsad.text.doc import Doc, Span
from marsad.text.fold import fold
from marsad.text.numbers import alternation
from marsad.text.tokens import Token, tokens_of

if TYPE_CHECKING:
    from marsad.recognise.figures import Figure

FIGURE_WORDS_FILE = "lexicons/figure_words.tsv"
CLAUSE_BREAKS = frozenset({"،", ",", ";", "؛", ":", "(", ")", "«", "»", '"'})
SUBORDINATORS = frozenset({"ان", "بان", "وان", "فان", "لان", "انه", "انها", "بانه", "بانها"})  # folded إن/أن forms


@dataclass(frozen=True)
class FigureWords:
    """The figure lexicon (data/lexicons/figure_words.tsv) by category, folded."""

    percent_re: re.Pattern[str]
    qualifier_re: re.Pattern[str]
    qualifiers: dict[str, str]
    change: dict[str, str]
    level: frozenset[str]
    rate: frozenset[str]
    stop: frozenset[str]
    name_cues: frozenset[str]
    two: frozenset[str]
    time_words: frozenset[str]


@lru_cache(maxsize=1)
def figure_words() -> FigureWords:
    """The figure lexicon plus the time words that are never counted nouns (months, units of time)."""
    from marsad.recognise.times import lexicon as time_lexicon
    by_cat: dict[str, dict[str, str]] = {}
    for row in table(FIGURE_WORDS_FILE):
        by_cat.setdefault(row["category"], {})[fold(row["word"])] = row["value"]
    tl = time_lexicon()
    time_words = {*tl.months, *tl.words["unit"], *(w[2:] for w in tl.words["unit"] if w.startswith("ال"))}
    return FigureWords(
        percent_re=re.compile(rf"\s*(?:{alternation(by_cat['percent'])})(?!\w)"),
        qualifier_re=re.compile(rf"(?<!\w)(?:{alternation(by_cat['qualifier'])})\s*$"),
        qualifiers=by_cat["qualifier"],
        change=by_cat["change"],
        level=frozenset(by_cat["level"]),
        rate=frozenset(by_cat["rate"]),
        stop=frozenset(by_cat["stop"]),
        name_cues=frozenset(by_cat["name_cue"]),
        two=frozenset(by_cat["two"]),
        time_words=frozenset(time_words),
    )


def _stem(norm: str) -> str:
    """A token's folded form without a leading conjunction (وارتفعت -> ارتفعت)."""
    return norm[1:] if norm[:1] in ("و", "ف") and len(norm) > 3 else norm


def _qualifier(doc: Doc, start: int, words: FigureWords) -> str | None:
    folded = doc.folded
    f_start = folded.to_folded(start)
    m = words.qualifier_re.search(folded.text, max(0, f_start - 25), f_start)
    if not m:
        return None
    key = re.sub(r"\s+", " ", m.group().strip())
    return words.qualifiers.get(key) or words.qualifiers.get(key[1:])


def _clause_left(tokens: list[Token], index: int, sent_start: int, reach: int) -> list[Token]:
    """Up to `reach` tokens left of token `index` in its sentence, back to a clause break, nearest first."""
    out = []
    for tok in reversed(tokens[max(0, index - reach):index]):
        if tok.start < sent_start or tok.text in CLAUSE_BREAKS:
            break
        out.append(tok)
    return out


def _about_after(tokens: list[Token], trigger: int, figure_start: int, words: FigureWords,
                 longest: int) -> str | None:
    """The noun phrase after a trigger verb (`ارتفع حجم التبادل التجاري بنسبة` -> حجم التبادل التجاري)."""
    picked: list[Token] = []
    for tok in tokens[trigger + 1:trigger + 1 + longest]:
        if tok.start >= figure_start or tok.kind != "word" or _stem(tok.norm) in words.stop \
                or tok.norm in words.rate or tok.norm in words.qualifiers or tok.norm.startswith(("ب", "لي")):
            break
        picked.append(tok)
    return " ".join(t.text for t in picked) or None


def _about_before(tokens: list[Token], trigger: int, sent_start: int, words: FigureWords,
                  longest: int) -> str | None:
    """The subject before a trigger verb in subject-first order (`إن حجم التبادل التجاري ... ارتفع`).

    Only when the clause's start (a subordinator such as إن/أن, a clause break or the sentence's
    start) lies within reach, so the phrase is a real subject, not the tail of another clause.
    """
    begin = None
    for i in range(trigger - 1, max(-1, trigger - 2 * longest - 1), -1):
        tok = tokens[i]
        if tok.start < sent_start or tok.text in CLAUSE_BREAKS or tok.norm in SUBORDINATORS:
            begin = i + 1
            break
    else:
        if trigger - 2 * longest <= 0:
            begin = 0
    if begin is None or begin >= trigger:
        return None
    picked: list[Token] = []
    for tok in tokens[begin:min(trigger, begin + longest)]:
        if tok.kind != "word" or _stem(tok.norm) in words.stop or tok.norm in words.qualifiers:
            break
        picked.append(tok)
    return " ".join(t.text for t in picked) or None


def _time_for(doc: Doc, span: tuple[int, int], sentence: Span | None, times: list[Span]) -> str | None:
    """The value of the nearest date in the figure's sentence."""
    if sentence is None:
        return None
    best: tuple[int, str] | None = None
    for t in times:
        if t.attrs.get("type") != "DATE" or not t.attrs.get("value"):
            continue
        if t.end <= sentence.start or t.start >= sentence.end or (t.start < span[1] and span[0] < t.end):
            continue
        distance = span[0] - t.end if t.end <= span[0] else t.start - span[1]
        if best is None or distance < best[0]:
            best = (distance, t.attrs["value"])
    return best[1] if best else None


def add_context(doc: Doc, figures: list["Figure"], words: FigureWords, settings: FigureSettings) -> list[Span]:
    """Figure spans with their context attributes."""
    tokens = tokens_of(doc)
    starts = [t.start for t in tokens]
    sentences = doc.spans.get("sentences", [])
    sent_starts = [s.start for s in sentences]
    times = doc.spans.get("times", [])
    out = []
    for fig in figures:
        k = bisect_right(sent_starts, fig.start) - 1
        sentence = sentences[k] if k >= 0 and fig.start < sentences[k].end else None
        index = bisect_left(starts, fig.number.start)
        left = _clause_left(tokens, index, sentence.start if sentence else 0, settings.clause_tokens)
        change = trigger = None
        for tok in left:
            stem = _stem(tok.norm)
            if stem in words.change:
                change, trigger = words.change[stem], tok
                break
            if trigger is None and stem in words.level:
                trigger = tok
        about = fig.about
        if about is None and trigger is not None:
            at = bisect_left(starts, trigger.start)
            about = (_about_after(tokens, at, fig.start, words, settings.about_tokens)
                     or _about_before(tokens, at, sentence.start if sentence else 0, words, settings.about_tokens))
        before = left[0].norm if left else ""
        attrs: dict[str, Any] = {
            "value": int(fig.value) if fig.value == int(fig.value) else fig.value,
            "unit": fig.unit,
            "about": about,
            "time": _time_for(doc, (fig.start, fig.end), sentence, times),
            "change": change,
            "qualifier": _qualifier(doc, fig.start, words),
            "rate": fig.unit == "%" and before in words.rate,
            "range": fig.range_id,
            "bound": fig.bound,
        }
        out.append(Span(fig.start, fig.end, "figure", attrs))
    return out
