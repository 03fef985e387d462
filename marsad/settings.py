"""Every tunable of marsad in one frozen object, grouped by stage; stages read nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_STAGES: tuple[str, ...] = (
    "sentences",
    "tokens",
    "times",        # issue 3
    "figures",      # issue 3
    "entities",     # issue 4
    "roles",        # issue 4
    "quotes",       # issue 5
    "events",       # issue 5
)


@dataclass(frozen=True)
class FetchSettings:
    """Polite HTTP for URLs and feeds (issue 7): one request per host per `host_interval_s` at most."""

    timeout_s: float = 10.0
    retries: int = 3                 # extra attempts after a 5xx, 429 or connection error
    backoff_s: float = 1.0           # first wait; doubles on each retry
    max_backoff_s: float = 30.0
    host_interval_s: float = 1.0     # raised to a host's robots.txt Crawl-delay when that is longer
    max_page_bytes: int = 5_000_000  # also the cap on one WARC record's payload
    user_agent: str | None = None    # None: "marsad/<version> (+offline news analysis)"


@dataclass(frozen=True)
class InputSettings:
    max_chars: int = 2_000_000  # longer documents are rejected as too_large (a book, not an article)
    max_file_bytes: int = 50_000_000
    fetch: FetchSettings = field(default_factory=FetchSettings)


@dataclass(frozen=True)
class QuoteSettings:
    """Quotes and speakers (issue 5); tuned on sentences written for tests/recognise/test_quotes.py."""

    speaker_window: int = 20         # tokens between a cue verb and its إن/أن, colon or quotation mark
    max_left_subject: int = 6        # tokens before a cue that may hold its subject (الوزارة أكدت أن)
    min_free_quote_words: int = 4    # quotation marks with no cue verb: shorter ones are names or terms
    max_unquoted_speaker: int = 10   # a cue with no statement still names its speaker within this many tokens
    max_quote_chars: int = 2000      # a direct quote longer than this is an unmatched mark


@dataclass(frozen=True)
class EventSettings:
    """PLOVER events (issue 5)."""

    actor_window: int = 8           # tokens around a trigger searched for its source and target
    pattern_gap: int = 8             # tokens allowed between the words of a trigger pattern (وصل ... زيارة)
    modality_reach: int = 4          # tokens before a trigger searched for لم، إذا، سوف ...


@dataclass(frozen=True)
class FigureSettings:
    """Figure context (issue 3); tuned on sentences written for tests/recognise/test_figures.py."""

    clause_tokens: int = 15          # tokens left of a figure searched for its change or amount verb
    about_tokens: int = 5            # longest `about` noun phrase taken after that verb


@dataclass(frozen=True)
class WebSettings:
    max_request_bytes: int = 1_000_000  # POST bodies above this get 413 (an article is ~10 kB)
    page_size: int = 20
    max_page_size: int = 200


@dataclass(frozen=True)
class EntitySettings:
    """Entities and roles (issue 4); tuned on sentences written for tests/recognise/test_entities.py."""

    model_dir: str = "models"        # under marsad/data: ner.crfsuite and its card (`marsad train ner`)
    max_complement: int = 3          # tokens a facility/MISC name may extend over (للطاقة الكهرومائية)
    max_sentence_tokens: int = 200   # longer "sentences" (lists, tables) are tagged in parts
    role_window: int = 6             # tokens between a title word and the person it introduces
    max_name_growth: int = 2         # words a person name may grow leftwards to meet a title (شي جين بينغ)
    common_word_count: int = 1000    # cluster-corpus contexts above which a word is too common to be a name part
    common_place_count: int = 200    # ... and above which a lone LOC word must be a listed place (dev articles)
    max_title_words: int = 6         # a quoted work title after فيلم/بعنوان has at most this many words
    title_cue_reach: int = 3         # words before the opening quotation mark searched for a work cue


@dataclass(frozen=True)
class Settings:
    """All thresholds with their defaults.

    Example:
        Settings(stages=("sentences",))
    """

    stages: tuple[str, ...] = DEFAULT_STAGES
    input: InputSettings = field(default_factory=InputSettings)
    web: WebSettings = field(default_factory=WebSettings)
    quotes: QuoteSettings = field(default_factory=QuoteSettings)
    events: EventSettings = field(default_factory=EventSettings)
    entities: EntitySettings = field(default_factory=EntitySettings)
    figures: FigureSettings = field(default_factory=FigureSettings)
