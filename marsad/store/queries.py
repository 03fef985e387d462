"""Read-side analyst queries shared by the CLI, the JSON API and the pages.

Each function takes a Store and returns plain dicts or small dataclasses that serialise to
JSON as they are (dataclasses.asdict), so the API and the HTML pages show the same numbers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from marsad.store.sqlite import Page, Store, about_key, check_event_status
from marsad.text.fold import fold

ARTICLE_REF = "a.id AS article_id, a.title AS article_title, a.published AS article_published, a.source AS article_source"


@dataclass
class EntityProfile:
    """Everything the knowledge base knows about one entity."""

    entity: dict[str, Any]
    mentions: int
    articles: int
    timeline: list[dict[str, Any]]          # [{period: YYYY-MM, mentions, articles}]
    cooccurring: list[dict[str, Any]]       # [{id, name, type, articles}]
    quotes_by: list[dict[str, Any]]
    quotes_about: list[dict[str, Any]]
    roles: list[dict[str, Any]]             # relations with this entity as subject
    events_as_source: list[dict[str, Any]]
    events_as_target: list[dict[str, Any]]
    recent_articles: list[dict[str, Any]]


@dataclass
class FigureGroup:
    """Figures from different articles about the same thing, in the same unit and period.

    `relative_difference` is (max - min) / max(|max|, |min|), so 41 against 40.8 gives 0.0049
    (0.49%). `status` is "agree" within the tolerance, "disagree" up to MAX_SPREAD, "unrelated"
    beyond it (more likely two facts under one label); `disagree` is status == "disagree".
    """

    about: str
    unit: str | None
    time: str | None
    values: list[float]
    min: float
    max: float
    relative_difference: float
    status: str
    disagree: bool
    articles: int
    figures: list[dict[str, Any]] = field(default_factory=list)


def entities(store: Store, *, q: str | None = None, type: str | None = None, limit: int = 50,
             offset: int = 0) -> Page:
    """Entities by number of articles mentioning them; `q` matches the folded name anywhere."""
    where, params = [], []
    if q:
        where.append("(e.folded LIKE ? OR lower(coalesce(e.name_en, '')) LIKE ?)")
        params += [f"%{fold(q).strip()}%", f"%{q.strip().lower()}%"]
    if type:
        where.append("e.type = ?")
        params.append(type)
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    total = store.rows(f"SELECT count(*) AS n FROM entities e {clause}", params)[0]["n"]
    items = store.rows(
        "SELECT e.id, e.type, e.name, e.name_en, e.kb_id,"
        " (SELECT count(*) FROM article_entities x WHERE x.entity = e.id) AS articles,"
        " (SELECT count(*) FROM mentions m WHERE m.entity = e.id) AS mentions"
        f" FROM entities e {clause} ORDER BY articles DESC, mentions DESC, e.id LIMIT ? OFFSET ?",
        [*params, limit, offset])
    return Page(items, total, offset, limit)


def entity_profile(store: Store, entity_id: int, *, limit: int = 50) -> EntityProfile | None:
    """The profile of a stored entity, or None when there is no such entity."""
    found = store.rows("SELECT id, key, type, name, name_en, kb_id FROM entities WHERE id = ?", (entity_id,))
    if not found:
        return None
    counts = store.rows("SELECT count(*) AS mentions, count(DISTINCT article) AS articles FROM mentions"
                        " WHERE entity = ?", (entity_id,))[0]
    return EntityProfile(
        entity=found[0], mentions=counts["mentions"], articles=counts["articles"],
        timeline=store.rows(
            "SELECT coalesce(substr(a.published, 1, 7), 'unknown') AS period, count(*) AS mentions,"
            " count(DISTINCT a.rowid) AS articles FROM mentions m JOIN articles a ON a.rowid = m.article"
            " WHERE m.entity = ? GROUP BY period ORDER BY period", (entity_id,)),
        cooccurring=store.rows(
            "SELECT e.id, e.name, e.type, count(DISTINCT o.article) AS articles"
            " FROM article_entities s JOIN article_entities o ON o.article = s.article AND o.entity != s.entity"
            " JOIN entities e ON e.id = o.entity WHERE s.entity = ?"
            " GROUP BY e.id ORDER BY articles DESC, e.id LIMIT ?", (entity_id, limit)),
        quotes_by=quotes(store, speaker=entity_id, limit=limit).items,
        quotes_about=store.rows(
            f"SELECT q.text, q.speaker_text, q.cue, q.direct, q.start, q.\"end\", {ARTICLE_REF}"
            " FROM quotes q JOIN articles a ON a.rowid = q.article"
            " WHERE (q.speaker IS NULL OR q.speaker != ?) AND EXISTS (SELECT 1 FROM mentions m"
            " WHERE m.article = q.article AND m.entity = ? AND m.start >= q.start AND m.\"end\" <= q.\"end\")"
            " ORDER BY a.published DESC LIMIT ?", (entity_id, entity_id, limit)),
        roles=store.rows(
            f"SELECT r.type, r.role, o.id AS object_id, o.name AS object_name, {ARTICLE_REF}"
            " FROM relations r JOIN articles a ON a.rowid = r.article LEFT JOIN entities o ON o.id = r.object"
            " WHERE r.subject = ? ORDER BY a.published DESC LIMIT ?", (entity_id, limit)),
        events_as_source=events(store, source=entity_id, limit=limit).items,
        events_as_target=events(store, target=entity_id, limit=limit).items,
        recent_articles=store.rows(
            "SELECT a.id, a.title, a.published, a.source, count(*) AS mentions FROM mentions m"
            " JOIN articles a ON a.rowid = m.article WHERE m.entity = ? GROUP BY a.rowid"
            " ORDER BY a.published DESC LIMIT ?", (entity_id, limit)),
    )


def quotes(store: Store, *, speaker: int | None = None, article: str | None = None, limit: int = 50,
           offset: int = 0) -> Page:
    """Quotes, newest article first, optionally by one speaker or in one article."""
    return _facet_page(store, "quotes q", "q.text, q.speaker AS speaker_id, s.name AS speaker_name,"
                       " q.speaker_text, q.cue, q.direct, q.start, q.\"end\"",
                       "LEFT JOIN entities s ON s.id = q.speaker",
                       {"q.speaker = ?": speaker, "a.id = ?": article}, limit, offset)


def events(store: Store, *, type: str | None = None, status: str | None = None, source: int | None = None,
           target: int | None = None, limit: int = 50, offset: int = 0) -> Page:
    """Events, newest article first, optionally of one type, one status ("asserted" | "future") or with an actor."""
    check_event_status(status)
    return _facet_page(store, "events v", "v.type, v.mode, v.status, v.source AS source_id, s.name AS source_name,"
                       " v.target AS target_id, t.name AS target_name, l.name AS location_name, v.date,"
                       " v.start, v.\"end\"",
                       "LEFT JOIN entities s ON s.id = v.source LEFT JOIN entities t ON t.id = v.target"
                       " LEFT JOIN entities l ON l.id = v.location",
                       {"v.type = ?": type, "v.status = ?": status or None, "v.source = ?": source,
                        "v.target = ?": target}, limit, offset)


def figures(store: Store, *, about: str | None = None, unit: str | None = None, limit: int = 50,
            offset: int = 0) -> Page:
    """Figures (about a thing, when `about` is given) in time order, each with its article and sentence."""
    key = about_key(about) if about else None
    return _facet_page(store, "figures f", "f.value, f.unit, f.text, f.about, f.time, f.change, f.start, f.\"end\","
                       " substr(a.text, f.sentence_start + 1, f.sentence_end - f.sentence_start) AS sentence",
                       "", {"(f.about_key = ? OR f.about_key LIKE '%' || ? || '%')": (key, key) if key else None,
                            "f.unit = ?": unit}, limit, offset,
                       order="coalesce(f.time, a.published), a.published, f.start")


def _facet_page(store: Store, table: str, columns: str, joins: str, conditions: dict[str, Any], limit: int,
                offset: int, *, order: str | None = None) -> Page:
    """One page of a facet table joined to its article, with the conditions whose value is not None."""
    alias = table.split()[1]
    where, params = [], []
    for sql, value in conditions.items():
        if value is not None:
            where.append(sql)
            params += list(value) if isinstance(value, tuple) else [value]
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    order = order or f"a.published DESC, a.rowid, {alias}.start"
    base = f"FROM {table} JOIN articles a ON a.rowid = {alias}.article {joins} {clause}"
    total = store.rows(f"SELECT count(*) AS n {base}", params)[0]["n"]
    items = store.rows(f"SELECT {columns}, {ARTICLE_REF} {base} ORDER BY {order} LIMIT ? OFFSET ?",
                       [*params, limit, offset])
    return Page(items, total, offset, limit)


# Two sources reporting one fact rarely differ by half: a wider spread more likely means two facts under
# one label (the trade of two different country pairs), so such a group is "unrelated", not a disagreement.
MAX_SPREAD = 0.5


def consistency_groups(store: Store, *, about: str | None = None, tolerance: float = 0.0,
                       max_spread: float = MAX_SPREAD, min_articles: int = 2,
                       disagreements_only: bool = False) -> list[FigureGroup]:
    """Figures about the same thing (folded `about`), unit and period (`time`) reported by different articles.

    Steps: 1. bucket figures by (about, unit, time), leaving out those without `about` or `time` (two
    numbers need not describe one fact without both); 2. split a bucket where the figures' sentences
    name disjoint entities (Egypt-Jordan trade is not China-Kazakhstan trade); 3. keep groups from at
    least `min_articles` articles and rate them agree / disagree / unrelated. Disagreements come
    first, the widest spread first.
    """
    key = about_key(about) if about else None
    rows = store.rows(
        "SELECT f.about_key, f.about, f.unit, f.time, f.value, f.text, f.change, f.start, f.\"end\","
        " substr(a.text, f.sentence_start + 1, f.sentence_end - f.sentence_start) AS sentence,"
        " (SELECT group_concat(DISTINCT m.entity) FROM mentions m WHERE m.article = f.article"
        "  AND m.start >= f.sentence_start AND m.\"end\" <= f.sentence_end) AS sentence_entities, " + ARTICLE_REF +
        " FROM figures f JOIN articles a ON a.rowid = f.article"
        " WHERE f.about_key IS NOT NULL AND f.time IS NOT NULL" + (" AND f.about_key LIKE '%' || ? || '%'" if key else "") +
        " ORDER BY f.about_key, f.unit, f.time, a.published", (key,) if key else ())
    buckets: dict[tuple[str, str | None, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        buckets[(row.pop("about_key"), row["unit"], row["time"])].append(row)
    groups = [_group(members, tolerance, max_spread) for bucket in buckets.values()
              for members in _split_by_entities(bucket)
              if len({m["article_id"] for m in members}) >= min_articles]
    if disagreements_only:
        groups = [g for g in groups if g.disagree]
    order = {"disagree": 0, "agree": 1, "unrelated": 2}
    return sorted(groups, key=lambda g: (order[g.status], -g.relative_difference, g.about))


def _split_by_entities(members: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Clusters of figures whose sentences share an entity; a sentence naming none fits any cluster."""
    clusters: list[tuple[set[int], list[dict[str, Any]]]] = []
    for member in members:
        named = {int(e) for e in (member.pop("sentence_entities") or "").split(",") if e}
        home = next((c for c in clusters if not named or not c[0] or named & c[0]), None)
        if home is None:
            clusters.append((named, [member]))
        else:
            home[0].update(named)
            home[1].append(member)
    return [cluster for _, cluster in clusters]


def _group(members: list[dict[str, Any]], tolerance: float, max_spread: float) -> FigureGroup:
    values = sorted({m["value"] for m in members})
    low, high = values[0], values[-1]
    scale = max(abs(low), abs(high))
    spread = (high - low) / scale if scale else 0.0
    status = "agree" if spread <= tolerance else "disagree" if spread <= max_spread else "unrelated"
    return FigureGroup(about=members[0]["about"], unit=members[0]["unit"], time=members[0]["time"], values=values,
                       min=low, max=high, relative_difference=round(spread, 6), status=status,
                       disagree=status == "disagree", articles=len({m["article_id"] for m in members}),
                       figures=members)


def article_entity_ids(store: Store, article_id: str) -> dict[str, int]:
    """The record's local entity ids ("e1") mapped to the stored entities' ids, for one article."""
    rows = store.rows("SELECT x.local_id, x.entity FROM article_entities x JOIN articles a ON a.rowid = x.article"
                      " WHERE a.id = ?", (article_id,))
    return {row["local_id"]: row["entity"] for row in rows}


def sources(store: Store) -> list[dict[str, Any]]:
    """The article sources with their article counts, largest first."""
    return store.rows("SELECT source, count(*) AS articles FROM articles GROUP BY source ORDER BY articles DESC")


def format_number(value: float) -> str:
    """A value with thousands separators and no needless decimals (41000000000 -> 41,000,000,000)."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4f}".rstrip("0").rstrip(".")
