"""Keyword search over offerings, indexed on SQLite and on PostgreSQL, Chinese included.

Chinese is written without spaces between words, so no word splitter the
databases ship can index it, and a dictionary segmenter would be one more
heavy dependency that still misses local words. GovHub indexes character
bigrams instead, the classic approach for CJK full-text search:

- **The document.** For each offering, `offering_search` holds one text:
  its title, description, eligibility, place and address and its
  organization's name, normalised by `document()`: NFKC (full-width letters
  and digits become ASCII), lower case; each run of CJK characters becomes
  its overlapping bigrams ("书法班" → "书法 法班"; a lone character stays
  itself), each other word stays a word; and after all that, every CJK
  character once more on its own, for one-character queries. Tokens are
  letters and digits only, separated by spaces, so both databases' own
  tokenisers keep them exactly as written.
- **The query** is tokenised the same way (`terms()`): a CJK word of two or
  more characters must appear as the phrase of its bigrams (consecutive
  positions, so "书法班" does not match "书法" and "法班" far apart), a
  one-character CJK word as that character, any other word as a prefix
  ("calli" finds "calligraphy"). All terms must match (AND). Quotes,
  stars, OR and other operators typed by a user are not letters, so they
  never reach the database's query syntax: the match expression is built
  here from tokens alone, and a query with no letters matches nothing.
- **SQLite**: an FTS5 virtual table `offering_search_fts` over
  `offering_search` (external content), kept in step by triggers; both are
  created by the migration on SQLite only.
- **PostgreSQL**: a generated column `vector` = `to_tsvector('simple',
  document)`, stored, with a GIN index, both created by the migration on
  PostgreSQL only ('simple' only lower-cases). The query is a `tsquery`
  built from the same tokens (`<->` for the bigram phrase, `:*` for
  prefixes). The column is stored rather than computed in an expression
  index because phrase matches are rechecked against the row's vector:
  recomputing it for each candidate made a common word 10x slower.

**Synonyms** (`synonyms.toml`, a curated list of groups such as 老人 / 长者 /
老年人 / elderly / senior) apply to the query, not to the documents: each
query word that is in a group becomes that term's alternatives (any of them
matches: OR within a term, AND between terms), so 老人 and 长者 find the same
offerings and an English word finds the Chinese ones. **Ranking**: with
keywords, the matches come most relevant first (`rules.rank`: terms found in
the title, then found as typed rather than by a synonym, then newest).

The rows are kept current by a session hook: whenever an offering is
added or one of its searched fields changes, or an organization is
renamed, the affected documents are rewritten in the same flush, so the
index commits or rolls back with the change. Which offerings are public is
decided at query time (the index holds drafts too), so publishing needs no
reindexing. The search returns the offering ids that match; the browse
page and the API combine them with their other filters.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.dialects import postgresql

from govhub.core.models import Base
from govhub.extensions import db
from govhub.partners.offerings import rules

# Han (with extensions and compatibility ideographs), kana and Hangul syllables.
CJK = ("\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
       "\U00020000-\U0003134f")


TOKENS = re.compile(rf"(?P<cjk>[{CJK}]+)|(?P<word>(?:(?![{CJK}])[^\W_])+)")


WORD_MAX = 40  # a longer "word" is cut; documents and queries alike


QUERY_MAX = 100  # characters a user may type


TERMS_MAX = 10  # words of a query that count; the rest are ignored


FTS_TABLE = "offering_search_fts"


PG_COLUMN, PG_INDEX = "vector", "ix_offering_search_vector"


SYNONYMS = Path(__file__).with_name("synonyms.toml")


class OfferingSearch(Base):
    """The normalised text of an offering that the search indexes (see the module's doc)."""

    __tablename__ = "offering_search"

    offering_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("offerings.id", ondelete="CASCADE"), primary_key=True)
    document: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")


def _runs(text: str) -> list[tuple[bool, str]]:
    """(is_cjk, run) in order, after NFKC and lower-casing."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return [(match.lastgroup == "cjk", match.group()) for match in TOKENS.finditer(text)]


def runs(text: str) -> list[rules.Word]:
    """A text's words as the search sees them (rules.Word: (is_cjk, text))."""
    return _runs(text)


def _bigrams(run: str) -> list[str]:
    return [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]


def document(*texts: str) -> str:
    """The indexed form of some texts: words, CJK bigrams, then each CJK character once."""
    tokens: list[str] = []
    characters: dict[str, None] = {}
    for text in texts:
        for is_cjk, run in _runs(text):
            if is_cjk:
                tokens.extend(_bigrams(run))
                characters.update(dict.fromkeys(run))
            else:
                tokens.append(run[:WORD_MAX])
    return " ".join([*tokens, *characters])


def _term(is_cjk: bool, run: str) -> tuple[str, list[str]]:
    if not is_cjk:
        return ("prefix", [run[:WORD_MAX]])
    return ("char", [run]) if len(run) == 1 else ("phrase", _bigrams(run))


def terms(query: str) -> list[tuple[str, list[str]]]:
    """A query as ("phrase", bigrams), ("char", [c]) or ("prefix", [word]) terms, ANDed."""
    return [_term(is_cjk, run) for is_cjk, run in _runs(query)[:TERMS_MAX]]


@cache
def synonyms() -> dict[rules.Word, tuple[rules.Word, ...]]:
    """The synonym groups of synonyms.toml, normalised as queries are, by word."""
    with SYNONYMS.open("rb") as data:
        groups = tomllib.load(data)["group"]
    return rules.synonym_index(
        [word for text in group["words"] for word in _runs(text)] for group in groups)


def query_terms(query: str) -> list[tuple[rules.Word, ...]]:
    """A query's terms, each with its synonyms (the word as typed first), ANDed."""
    return rules.expand(_runs(query)[:TERMS_MAX], synonyms())


def _alternatives(term) -> list[tuple[str, list[str]]]:
    """A term of `terms()` (one alternative) or of `query_terms()` (words: any may match;
    those another implies are left out, rules.broadest: 志愿 finds all 志愿者 would)."""
    if isinstance(term[0], str):
        return [term]
    return [_term(*word) for word in rules.broadest(term)]


def fts5_query(found) -> str:
    """The FTS5 MATCH expression; tokens are letters and digits only, so quoting is safe."""
    parts = []
    for term in found:
        phrases = []
        for kind, tokens in _alternatives(term):
            phrase = '"' + " ".join(tokens) + '"'
            phrases.append(phrase + "*" if kind == "prefix" else phrase)
        parts.append(phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")")
    return " AND ".join(parts)


def tsquery(found) -> str:
    """The PostgreSQL tsquery text, lexemes quoted, so the text parser never splits them."""
    parts = []
    for term in found:
        options = []
        for kind, tokens in _alternatives(term):
            lexemes = [f"'{token}'" for token in tokens]
            options.append(lexemes[0] + ":*" if kind == "prefix"
                           else "(" + " <-> ".join(lexemes) + ")")
        parts.append(options[0] if len(options) == 1 else "(" + " | ".join(options) + ")")
    return " & ".join(parts)


def matching_ids(query: str):
    """A SELECT of the ids of offerings (public or not) matching the query; None for no query."""
    if not (query or "").strip():
        return None
    found = query_terms(query)
    if not found:
        return sa.select(OfferingSearch.offering_id).where(sa.false())
    if db.session.get_bind().dialect.name == "postgresql":
        vector = sa.literal_column(f"{OfferingSearch.__tablename__}.{PG_COLUMN}")
        return sa.select(OfferingSearch.offering_id).where(
            vector.op("@@")(sa.cast(tsquery(found), postgresql.TSQUERY)))
    return sa.select(sa.column("rowid")).select_from(sa.table(FTS_TABLE)).where(
        sa.text(f"{FTS_TABLE} MATCH :match").bindparams(match=fts5_query(found)))


def _documents(connection, condition) -> list[dict]:
    from govhub.partners.offerings.models import Offering
    from govhub.partners.organizations.models import Organization

    rows = connection.execute(
        sa.select(Offering.id, Offering.title, Offering.description, Offering.eligibility,
                  Offering.location_name, Offering.address, Organization.name)
        .join(Organization, Offering.organization_id == Organization.id).where(condition))
    return [{"offering_id": row[0], "document": document(*row[1:])} for row in rows]


def reindex(connection, condition) -> int:
    """Rewrite the documents of the offerings matching `condition` (a WHERE on offerings)."""
    from govhub.partners.offerings.models import Offering

    rows = _documents(connection, condition)
    if rows:
        connection.execute(sa.delete(OfferingSearch).where(
            OfferingSearch.offering_id.in_(sa.select(Offering.id).where(condition))))
        connection.execute(sa.insert(OfferingSearch), rows)
    return len(rows)



def made_by_hand(obj, name: str, type_: str, reflected: bool, compare_to) -> bool:
    """Alembic's include_object: the FTS5 table (and its shadow tables), and the tsvector
    column and its GIN index, exist in one database each, made by the migration, so
    autogenerate leaves them be."""
    if type_ == "table" and reflected and name.startswith(FTS_TABLE):
        return False
    if type_ == "column" and reflected and name == PG_COLUMN and (
            getattr(obj, "table", None) is not None
            and obj.table.name == OfferingSearch.__tablename__):
        return False
    return not (type_ == "index" and name == PG_INDEX)


SEARCHED = ("title", "description", "eligibility", "location_name", "address")


@sa.event.listens_for(orm.Session, "before_flush")
def _note_changes(session: orm.Session, flush_context, instances) -> None:
    from govhub.partners.offerings.models import Offering
    from govhub.partners.organizations.models import Organization

    offerings = session.info.setdefault("search_offerings", set())
    organizations = session.info.setdefault("search_organizations", set())
    for obj in session.new:
        if isinstance(obj, Offering):
            offerings.add(obj)
    for obj in session.dirty:
        if isinstance(obj, Offering) and any(
                orm.attributes.get_history(obj, name).has_changes() for name in SEARCHED):
            offerings.add(obj)
        elif isinstance(obj, Organization) and orm.attributes.get_history(
                obj, "name").has_changes():
            organizations.add(obj)


@sa.event.listens_for(orm.Session, "after_flush")
def _rewrite_documents(session: orm.Session, flush_context) -> None:
    from govhub.partners.offerings.models import Offering

    offerings = session.info.pop("search_offerings", set())
    organizations = session.info.pop("search_organizations", set())
    offering_ids = [o.id for o in offerings if o.id is not None and o not in session.deleted]
    organization_ids = [o.id for o in organizations if o.id is not None]
    if not (offering_ids or organization_ids):
        return
    reindex(session.connection(), sa.or_(Offering.id.in_(offering_ids),
                                         Offering.organization_id.in_(organization_ids)))
