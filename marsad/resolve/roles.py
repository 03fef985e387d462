"""Roles: person–role–organisation/country relations from titles before a name -> doc.spans["relations"].

"الرئيس الصيني شي جين بينغ" -> (Xi Jinping, رئيس, China); "وزير الخارجية السعودي عادل الجبير" ->
(Adel al-Jubeir, وزير الخارجية, Saudi Arabia); "مديرة مركز الدراسات ... جولنار" -> (Gulnar, مديرة, the
centre). For each person mention, the nearest title word within `role_window` tokens before it
opens the relation; between them, the first organisation or place mention is the object, else a
nationality adjective gives the country. A country named only by its adjective has no mention,
so `object` is then the country's entity id when the article names it elsewhere, and otherwise
its knowledge-base id (e.g. "Q148"); `object` is null when nothing names one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from marsad import resources
from marsad.pipeline import stage
from marsad.recognise.entities import sentence_tokens
from marsad.recognise.entity_lexicon import ARTICLE, bare, stem_of
from marsad.recognise.gazetteer import KnowledgeBase
from marsad.settings import EntitySettings, Settings
from marsad.text.doc import Doc, Span
from marsad.text.fold import fold
from marsad.text.tokens import Token

NOT_ROLES = frozenset({"honorific"})
MAX_ROLE_WORDS = 3


@lru_cache(maxsize=1)
def role_titles() -> frozenset[str]:
    """Folded title words that name a role (honorifics such as السيد do not)."""
    return frozenset(fold(r["title"]) for r in resources.table("lexicons/titles.tsv") if r["kind"] not in NOT_ROLES)


def find_roles(doc: Doc, kb: KnowledgeBase, settings: EntitySettings) -> list[Span]:
    """Role relations for the person mentions of `doc` (needs the entities layers)."""
    mentions = sorted(doc.spans.get("entities", ()), key=lambda s: s.start)
    by_kb = {e["kb_id"]: e["id"] for e in doc.objects.get("entities", ()) if e.get("kb_id")}
    titles = role_titles()
    out = []
    for tokens in sentence_tokens(doc):
        index = {t.start: i for i, t in enumerate(tokens)}
        for person in mentions:
            if person.label != "PER" or not tokens or not tokens[0].start <= person.start < tokens[-1].end:
                continue
            at = _token_at(tokens, index, person.start)
            relation = _role_before(doc, tokens, at, person, mentions, titles, kb, by_kb, settings.role_window)
            if relation is not None:
                out.append(relation)
    return out


def _token_at(tokens: Sequence[Token], index: dict[int, int], offset: int) -> int:
    if offset in index:
        return index[offset]
    return next(i for i, t in enumerate(tokens) if t.start <= offset < t.end)


def _role_before(doc: Doc, tokens: Sequence[Token], at: int, person: Span, mentions: Sequence[Span],
                 titles: frozenset[str], kb: KnowledgeBase, by_kb: dict[str, str], window: int) -> Span | None:
    for t in range(at - 1, max(-1, at - 1 - window), -1):
        token = tokens[t]
        if token.kind == "punct":
            return None
        title = next((w for w in (token.norm, stem_of(token)) if w in titles), None)
        if title is None:
            continue
        between = [m for m in mentions if tokens[t].end <= m.start and m.end <= person.start]
        if any(m.label == "PER" for m in between):
            return None
        obj, obj_start = _object(tokens[t + 1:at], between, kb, by_kb)
        title_start = token.start if title == token.norm else bare(token)[1]
        word = doc.text[title_start:token.end]
        words = [word[2:] if title.startswith(ARTICLE) and len(title) > 4 else word]
        words += [x.text for x in tokens[t + 1:at] if x.start < obj_start and kb.country_of_nisba(x.norm) is None]
        attrs: dict[str, Any] = {"type": "role", "subject": person.attrs.get("entity"), "object": obj,
                                 "role": " ".join(words[:MAX_ROLE_WORDS])}
        return Span(title_start, person.end, "role", attrs)
    return None


def _object(between_tokens: Sequence[Token], between: Sequence[Span], kb: KnowledgeBase,
            by_kb: dict[str, str]) -> tuple[str | None, int]:
    """The object entity id (or kb id) and where it starts (end of the role words)."""
    for label in ("ORG", "LOC", "FAC"):
        for m in between:
            if m.label == label:
                return m.attrs.get("entity"), m.start
    for token in between_tokens:
        country = kb.country_of_nisba(token.norm)
        if country is not None:
            return by_kb.get(country.id, country.id), token.start
    return None, between_tokens[-1].end + 1 if between_tokens else 0


@stage("roles", requires=("entities",), assigns=("relations",))
def roles_stage(settings: Settings) -> Callable[[Doc], Doc]:
    kb = KnowledgeBase.load()

    def roles(doc: Doc) -> Doc:
        doc.spans["relations"] = find_roles(doc, kb, settings.entities)
        return doc
    return roles
