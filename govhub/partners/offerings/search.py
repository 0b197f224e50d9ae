"""Keyword search over offerings, indexed on SQLite and on PostgreSQL, Chinese included.

Chinese is written without spaces between words, so no word splitter the
databases ship can index it, and a dictionary segmenter would be one more
heavy dependency that still misses local words. GovHub indexes character
bigrams instead, the classic approach for CJK full-text search. The
tokeniser, the synonyms and the match expressions are shared with the
proposals' search and live in govhub/core/keyword_search.py; this module
holds what is the offerings' own (their documents, the hooks, the index):

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

**Synonyms** (`govhub/core/synonyms.toml`, a curated list of groups such as 老人 / 长者 /
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

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.core.keyword_search import (  # noqa: F401  (this module's names since before core)
    CJK,
    QUERY_MAX,
    SYNONYMS,
    TERMS_MAX,
    TOKENS,
    WORD_MAX,
    SearchIndex,
    document,
    fts5_query,
    query_terms,
    runs,
    synonyms,
    terms,
    tsquery,
)
from govhub.core.models import Base
from govhub.extensions import db

FTS_TABLE = "offering_search_fts"


PG_COLUMN, PG_INDEX = "vector", "ix_offering_search_vector"


class OfferingSearch(Base):
    """The normalised text of an offering that the search indexes (see the module's doc)."""

    __tablename__ = "offering_search"

    offering_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("offerings.id", ondelete="CASCADE"), primary_key=True)
    document: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")


INDEX = SearchIndex(OfferingSearch.__table__, "offering_id", FTS_TABLE, PG_COLUMN, PG_INDEX)


def matching_ids(query: str):
    """A SELECT of the ids of offerings (public or not) matching the query; None for no query."""
    if not (query or "").strip():
        return None
    return INDEX.matching(db.session, query_terms(query))


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
    """Alembic's include_object for the offerings' index alone (the app's, for every
    feature's, is govhub.core.keyword_search.made_by_hand)."""
    return INDEX.made_by_hand(obj, name, type_, reflected, compare_to)


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
