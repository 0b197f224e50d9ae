"""Keyword search for any feature's texts, Chinese included, on SQLite and PostgreSQL.

Chinese is written without spaces between words, so no word splitter the
databases ship can index it, and a dictionary segmenter would be one more
heavy dependency that still misses local words. GovHub indexes character
bigrams instead, the classic approach for CJK full-text search. The design
is told once, in docs/partners.md ("Search"); this module is the machinery
that the offerings' search (govhub/partners/offerings/search.py) and the
proposals' (govhub/proposals/search.py) share:

- `document(*texts)`: the indexed form of a record's texts. NFKC (full-width
  letters and digits become ASCII), lower case; each run of CJK characters
  becomes its overlapping bigrams ("书法班" → "书法 法班"; a lone character
  stays itself), each other word stays a word; then every CJK character once
  more on its own, for one-character queries. Tokens are letters and digits
  only, separated by spaces, so both databases' own tokenisers keep them.
- `terms(query)` / `query_terms(query)`: a query tokenised the same way, the
  latter with each word's synonyms (`synonyms.toml` here, shared by every
  feature: words residents use for the same thing). A CJK word of two or
  more characters must appear as the phrase of its bigrams, a one-character
  one as that character, any other word as a prefix.
- `fts5_query(terms)` / `tsquery(terms)`: the match expression, built from
  tokens alone (a user's quotes, stars and operators are not letters and never
  reach the database's syntax); terms ANDed, or ORed with `any_term=True`.
- `SearchIndex`: one feature's hand-made objects (an FTS5 external-content
  table on SQLite; a stored tsvector column and its GIN index on PostgreSQL),
  `matching(...)` the SELECT of the ids that match, and `made_by_hand`, the
  Alembic include_object that keeps autogenerate away from every registered
  index's objects.

The word-level rules (synonym_index, expand, mentions, implies, broadest,
relevance) are pure: words in, words out.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# Han (with extensions and compatibility ideographs), kana and Hangul syllables.
CJK = ("\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
       "\U00020000-\U0003134f")


TOKENS = re.compile(rf"(?P<cjk>[{CJK}]+)|(?P<word>(?:(?![{CJK}])[^\W_])+)")


WORD_MAX = 40  # a longer "word" is cut; documents and queries alike


QUERY_MAX = 100  # characters a user may type


TERMS_MAX = 10  # words of a query that count; the rest are ignored


SYNONYMS = Path(__file__).with_name("synonyms.toml")


# A word as the search sees it: (is_cjk, text), NFKC-folded and lower-cased; a Chinese word
# is a run of CJK characters, any other word a run of letters and digits.
Word = tuple[bool, str]


def runs(text: str) -> list[Word]:
    """A text's words in order, after NFKC and lower-casing."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return [(match.lastgroup == "cjk", match.group()) for match in TOKENS.finditer(text)]


def bigrams(run: str) -> list[str]:
    return [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]


def document(*texts: str) -> str:
    """The indexed form of some texts: words, CJK bigrams, then each CJK character once."""
    tokens: list[str] = []
    characters: dict[str, None] = {}
    for text in texts:
        for is_cjk, run in runs(text):
            if is_cjk:
                tokens.extend(bigrams(run))
                characters.update(dict.fromkeys(run))
            else:
                tokens.append(run[:WORD_MAX])
    return " ".join([*tokens, *characters])


def term(is_cjk: bool, run: str) -> tuple[str, list[str]]:
    """One word as a term: ("phrase", bigrams), ("char", [c]) or ("prefix", [word])."""
    if not is_cjk:
        return ("prefix", [run[:WORD_MAX]])
    return ("char", [run]) if len(run) == 1 else ("phrase", bigrams(run))


def terms(query: str) -> list[tuple[str, list[str]]]:
    """A query as ("phrase", bigrams), ("char", [c]) or ("prefix", [word]) terms, ANDed."""
    return [term(is_cjk, run) for is_cjk, run in runs(query)[:TERMS_MAX]]


@cache
def synonyms() -> dict[Word, tuple[Word, ...]]:
    """The synonym groups of synonyms.toml, normalised as queries are, by word."""
    with SYNONYMS.open("rb") as data:
        groups = tomllib.load(data)["group"]
    return synonym_index([word for text in group["words"] for word in runs(text)]
                         for group in groups)


def query_terms(query: str) -> list[tuple[Word, ...]]:
    """A query's terms, each with its synonyms (the word as typed first), ANDed."""
    return expand(runs(query)[:TERMS_MAX], synonyms())


def _alternatives(found) -> list[tuple[str, list[str]]]:
    """A term of `terms()` (one alternative) or of `query_terms()` (words: any may match;
    those another implies are left out, `broadest`: 志愿 finds all 志愿者 would)."""
    if isinstance(found[0], str):
        return [found]
    return [term(*word) for word in broadest(found)]


def fts5_query(found, *, any_term: bool = False) -> str:
    """The FTS5 MATCH expression; tokens are letters and digits only, so quoting is safe.
    Every term must match, or any one of them with `any_term`."""
    parts = []
    for each in found:
        phrases = []
        for kind, tokens in _alternatives(each):
            phrase = '"' + " ".join(tokens) + '"'
            phrases.append(phrase + "*" if kind == "prefix" else phrase)
        parts.append(phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")")
    return (" OR " if any_term else " AND ").join(parts)


def tsquery(found, *, any_term: bool = False) -> str:
    """The PostgreSQL tsquery text, lexemes quoted, so the text parser never splits them."""
    parts = []
    for each in found:
        options = []
        for kind, tokens in _alternatives(each):
            lexemes = [f"'{token}'" for token in tokens]
            options.append(lexemes[0] + ":*" if kind == "prefix"
                           else "(" + " <-> ".join(lexemes) + ")")
        parts.append(options[0] if len(options) == 1 else "(" + " | ".join(options) + ")")
    return (" | " if any_term else " & ").join(parts)


# --- one feature's index ------------------------------------------------------------------------

INDEXES: dict[str, SearchIndex] = {}


@dataclass(frozen=True)
class SearchIndex:
    """A feature's documents table (`table`, keyed by `key`, with a `document` column) and
    the objects its migration makes by hand: the FTS5 table `fts_table` (SQLite) and the
    stored tsvector column `pg_column` with its GIN index `pg_index` (PostgreSQL)."""

    table: sa.Table
    key: str
    fts_table: str
    pg_column: str
    pg_index: str

    def __post_init__(self) -> None:
        INDEXES[self.table.name] = self

    def matching(self, session, found, *, any_term: bool = False) -> sa.Select:
        """A SELECT of the keys whose documents match the terms (all, or any one)."""
        key = self.table.c[self.key]
        if not found:
            return sa.select(key).where(sa.false())
        if session.get_bind().dialect.name == "postgresql":
            return sa.select(key).where(self.vector().op("@@")(
                sa.cast(tsquery(found, any_term=any_term), postgresql.TSQUERY)))
        return sa.select(sa.column("rowid")).select_from(sa.table(self.fts_table)).where(
            sa.text(f"{self.fts_table} MATCH :match").bindparams(
                match=fts5_query(found, any_term=any_term)))

    def vector(self):
        """The hand-made tsvector column (PostgreSQL only), for WHERE and ts_rank."""
        return sa.literal_column(f"{self.table.name}.{self.pg_column}")

    def made_by_hand(self, obj, name: str, type_: str, reflected: bool, compare_to) -> bool:
        """Alembic's include_object for this index's objects (False: leave it be)."""
        if type_ == "table" and reflected and name.startswith(self.fts_table):
            return False  # the FTS5 table and its shadow tables
        if type_ == "column" and reflected and name == self.pg_column and (
                getattr(obj, "table", None) is not None and obj.table.name == self.table.name):
            return False
        return not (type_ == "index" and name == self.pg_index)


def made_by_hand(obj, name: str, type_: str, reflected: bool, compare_to) -> bool:
    """Alembic's include_object: every registered index's FTS5 table, tsvector column and
    GIN index exist in one database each, made by a migration, so autogenerate leaves them
    be."""
    return all(index.made_by_hand(obj, name, type_, reflected, compare_to)
               for index in INDEXES.values())


# --- words: synonyms and relevance (pure) ------------------------------------------------------

def synonym_index(groups: Iterable[Iterable[Word]]) -> dict[Word, tuple[Word, ...]]:
    """word -> every word of its group (in the group's order). A word in two groups is an
    error in the list, not something to guess about."""
    index: dict[Word, tuple[Word, ...]] = {}
    for group in groups:
        words = tuple(dict.fromkeys(group))
        for word in words:
            if word in index:
                raise ValueError(f"{word[1]!r} is in two synonym groups")
            index[word] = words
    return index


def expand(words: Iterable[Word], index: dict[Word, tuple[Word, ...]]) -> list[tuple[Word, ...]]:
    """A query's terms: each word with its synonyms, the word as typed first. Two words of
    one group are one term ("calligraphy 书法" asks for calligraphy once)."""
    found: list[tuple[Word, ...]] = []
    seen: set[frozenset[Word]] = set()
    for word in words:
        group = index.get(word, ())
        alternatives = (word, *(other for other in group if other != word))
        key = frozenset(alternatives)
        if key not in seen:
            seen.add(key)
            found.append(alternatives)
    return found


def mentions(text: Iterable[Word], word: Word) -> bool:
    """Whether a text (its words) contains a query word as the search matches it: a Chinese
    word anywhere inside a run of Chinese, any other word as the start of a word."""
    is_cjk, wanted = word
    return any(cjk == is_cjk and (wanted in run if is_cjk else run.startswith(wanted))
               for cjk, run in text)


def implies(general: Word, specific: Word) -> bool:
    """Whether every text that mentions `specific` mentions `general` too: a Chinese word
    inside the other (书 in 书法), another word that starts the other (child, children)."""
    (general_cjk, general_text), (specific_cjk, specific_text) = general, specific
    if general_cjk != specific_cjk:
        return False
    return (general_text in specific_text if general_cjk
            else specific_text.startswith(general_text))


def broadest(words: Iterable[Word]) -> tuple[Word, ...]:
    """The words (in order) that no other of them implies: a text mentions one of these
    exactly when it mentions one of all, so a search for any of them asks fewer."""
    words = tuple(dict.fromkeys(words))
    return tuple(word for word in words
                 if not any(other != word and implies(other, word) for other in words))


def relevance(title: list[Word], found: list[tuple[Word, ...]]) -> tuple[int, int]:
    """(terms found in the title, of those found as typed rather than by a synonym)."""
    in_title = as_typed = 0
    for alternatives in found:
        if mentions(title, alternatives[0]):
            in_title, as_typed = in_title + 1, as_typed + 1
        elif any(mentions(title, other) for other in alternatives[1:]):
            in_title += 1
    return in_title, as_typed
