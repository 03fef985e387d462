"""Arabic search terms for FTS5: the indexed form of a text, and the query language parsed safely.

Indexed and queried words take the same form, the *search key*: folded (marsad.text.fold) and
stripped of a leading article together with the clitics before it (ال وال بال فال كال لل وبال ...),
so that الاقتصاد, والاقتصاد, بالاقتصاد and a diacritised الإقتصادُ all become اقتصاد. Bare
one-letter clitics (و ب ل ف ك without ال) are kept: stripping them would turn وزير into زير.

The query language is small and never reaches FTS5 unparsed: words (all must match), "quoted
phrases", OR between two items, a leading - to exclude, and a trailing * for a prefix. Anything
else is a QueryError with a message for the user, never an SQL error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.errors import UsageError
from marsad.text.fold import fold
from marsad.text.tokens import PREFIXES

# Clitic prefixes ending in the article (وال, بال, لل, وبال, ...), longest first.
ARTICLE_PREFIXES: tuple[str, ...] = tuple(sorted((p for p in PREFIXES if p.endswith(("ال", "لل"))),
                                                 key=len, reverse=True))
MIN_STEM = 2
WORD_RE = re.compile(r"\w+")
QUERY_TOKEN_RE = re.compile(r'\s*(?:(?P<phrase>-?"[^"]*")|(?P<quote>")|(?P<word>[^\s"]+))')
MAX_QUERY_CHARS = 500
MAX_QUERY_ITEMS = 32


class QueryError(UsageError):
    """A search query that cannot be understood; the message says why and how to fix it."""


ARTICLE_RE = re.compile(r"(?<!\w)(?:" + "|".join(ARTICLE_PREFIXES) + r")(?=\w{%d})" % MIN_STEM)


def search_key(word: str) -> str:
    """The search key of one folded word: its article and the clitics before it stripped."""
    return ARTICLE_RE.sub("", word, count=1)


def search_keys(text: str) -> list[str]:
    """The search keys of every word of `text`, in order."""
    return WORD_RE.findall(index_text(text))


def index_text(text: str | None) -> str:
    """What the FTS index stores for `text`: the folded text with each word's article stripped."""
    return ARTICLE_RE.sub("", fold(text or ""))


@dataclass(frozen=True)
class Term:
    """One query item: a word or phrase as search keys, excluded or a prefix when so marked."""

    keys: tuple[str, ...]
    exclude: bool = False
    prefix: bool = False

    def fts(self) -> str:
        return '"' + " ".join(self.keys) + '"' + ("*" if self.prefix else "")


@dataclass(frozen=True)
class Query:
    """A parsed query: groups of alternatives (OR inside, AND between) and exclusions."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]

    def fts(self) -> str:
        """The FTS5 MATCH expression (every key quoted, so no user text is FTS5 syntax)."""
        parts = ["(" + " OR ".join(t.fts() for t in group) + ")" for group in self.groups]
        expression = " AND ".join(parts)
        for term in self.excluded:
            expression += " NOT " + term.fts()
        return expression

    def keys(self) -> list[str]:
        """Every positive search key, for highlighting snippets."""
        return [k for group in self.groups for t in group for k in t.keys]


def parse_query(text: str) -> Query:
    """Parse a user query; raises QueryError with a readable reason when it is malformed."""
    if not isinstance(text, str) or not text.strip():
        raise QueryError("the search query is empty: type one or more words")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the search query is too long ({len(text)} characters, at most {MAX_QUERY_CHARS})")
    items = _lex(text)
    if len(items) > MAX_QUERY_ITEMS:
        raise QueryError(f"the search query has too many words ({len(items)}, at most {MAX_QUERY_ITEMS})")
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    pending_or = False
    for item in items:
        if item == "OR":
            if pending_or or not groups:
                raise QueryError("OR must stand between two words or phrases")
            pending_or = True
            continue
        term = _term(item)
        if term.exclude:
            if pending_or:
                raise QueryError("OR cannot be followed by an excluded (-) word")
            excluded.append(term)
        elif pending_or:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False
    if pending_or:
        raise QueryError("OR must stand between two words or phrases")
    if not groups:
        raise QueryError("the search query needs at least one word to look for, not only excluded (-) words")
    return Query(tuple(tuple(g) for g in groups), tuple(excluded))


def _lex(text: str) -> list[str]:
    items, position = [], 0
    while position < len(text):
        m = QUERY_TOKEN_RE.match(text, position)
        if m is None or m.end() == position:
            break
        if m.group("quote"):
            raise QueryError("a quotation mark \" is not closed: put phrases between two quotation marks")
        if m.group("phrase") or m.group("word"):
            items.append(m.group("phrase") or m.group("word"))
        position = m.end()
    return items


def _term(item: str) -> Term:
    exclude = item.startswith("-") and len(item) > 1
    body = item[1:] if exclude else item
    phrase = body.startswith('"')
    prefix = body.endswith("*") and not phrase
    keys = tuple(search_keys(body.strip('"') if phrase else body.rstrip("*")))
    if not keys:
        raise QueryError(f"{item!r} has no letters or digits to search for")
    if prefix and len(keys) > 1:
        raise QueryError(f"{item!r}: a * prefix applies to one word only")
    return Term(keys, exclude=exclude, prefix=prefix)
