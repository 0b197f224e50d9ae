"""Keyword search over proposals, and the proposals similar to one being written.

The index is the offerings' (govhub/core/keyword_search.py; docs/partners.md, "Search"):
for each proposal, `proposal_search` holds one normalised document of its title and
body, CJK runs as bigrams, searched through an FTS5 external-content table on SQLite
and a stored tsvector column with a GIN index on PostgreSQL, both made by the
migration. A session hook rewrites a proposal's document in the same flush whenever
it is created or its title or body changes, so the index commits or rolls back with
the change. The index holds drafts too: which proposals are public is decided when
searching, so publishing needs no reindexing.

- `matching_ids(query)`: the browse search, every word (or one of its synonyms) must
  match (AND), as for offerings.
- `similar_proposals(council_id, title, body)`: the public proposals of the council
  that share ANY of the new proposal's words (similarity.words), the CANDIDATES best by
  the database's own relevance (bm25, ts_rank), then ranked by similarity.rank.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.dialects import postgresql

from govhub.core.keyword_search import (
    SearchIndex,
    document,
    fts5_query,
    query_terms,
    runs,
    synonyms,
    tsquery,
)
from govhub.core.models import Base
from govhub.extensions import db
from govhub.proposals import rules, similarity
from govhub.proposals.models import Proposal

FTS_TABLE = "proposal_search_fts"


PG_COLUMN, PG_INDEX = "vector", "ix_proposal_search_vector"


CANDIDATES = 200  # matches of any word that the exact ranking looks at


class ProposalSearch(Base):
    """The normalised text of a proposal that the search indexes (see the module's doc)."""

    __tablename__ = "proposal_search"

    proposal_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True)
    document: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")


INDEX = SearchIndex(ProposalSearch.__table__, "proposal_id", FTS_TABLE, PG_COLUMN, PG_INDEX)


def matching_ids(query: str):
    """A SELECT of the ids of proposals (drafts too) matching every word of the query;
    None for no query. A query without letters matches nothing."""
    if not (query or "").strip():
        return None
    return INDEX.matching(db.session, query_terms(query))


def similar_proposals(council_id: int, title: str, body: str, limit: int = 5) -> list[Proposal]:
    """The public proposals of the council most similar to a new one (similarity.rank)."""
    found = similarity.terms(similarity.words(title, body), synonyms())
    if not found or limit <= 0:
        return []
    rows = db.session.execute(_candidates(council_id, found).limit(CANDIDATES)).all()
    candidates = [similarity.Candidate(
        id=row.id, title=runs(row.title), text=runs(row.title) + runs(row.body),
        is_open=row.state in rules.OPEN_FOR_SUPPORT, published_at=row.published_at)
        for row in rows]
    ids = similarity.rank(candidates, found, limit)
    if not ids:
        return []
    loaded = {proposal.id: proposal for proposal in db.session.scalars(
        sa.select(Proposal).where(Proposal.id.in_(ids))
        .options(orm.joinedload(Proposal.author)))}
    return [loaded[proposal_id] for proposal_id in ids]


def _candidates(council_id: int, found) -> sa.Select:
    """The council's public proposals that share any term, best first by the database."""
    query = sa.select(Proposal.id, Proposal.title, Proposal.body, Proposal.state,
                      Proposal.published_at).where(
        Proposal.council_id == council_id, Proposal.state != rules.ProposalState.DRAFT)
    if db.session.get_bind().dialect.name == "postgresql":
        match = sa.cast(tsquery(found, any_term=True), postgresql.TSQUERY)
        vector = INDEX.vector()
        return (query.join(ProposalSearch, ProposalSearch.proposal_id == Proposal.id)
                .where(vector.op("@@")(match))
                .order_by(sa.func.ts_rank(vector, match).desc(), Proposal.id.desc()))
    fts = sa.table(FTS_TABLE, sa.column("rowid"), sa.column("rank"))
    return (query.join(fts, fts.c.rowid == Proposal.id)
            .where(sa.text(f"{FTS_TABLE} MATCH :match").bindparams(
                match=fts5_query(found, any_term=True)))
            .order_by(fts.c.rank, Proposal.id.desc()))


def reindex(connection, ids) -> int:
    """Rewrite the documents of the proposals with these ids."""
    rows = [{"proposal_id": row.id, "document": document(row.title, row.body)}
            for row in connection.execute(sa.select(Proposal.id, Proposal.title, Proposal.body)
                                          .where(Proposal.id.in_(ids)))]
    if rows:
        connection.execute(sa.delete(ProposalSearch).where(
            ProposalSearch.proposal_id.in_([row["proposal_id"] for row in rows])))
        connection.execute(sa.insert(ProposalSearch), rows)
    return len(rows)


SEARCHED = ("title", "body")


@sa.event.listens_for(orm.Session, "before_flush")
def _note_changes(session: orm.Session, flush_context, instances) -> None:
    changed = session.info.setdefault("search_proposals", set())
    changed.update(obj for obj in session.new if isinstance(obj, Proposal))
    changed.update(obj for obj in session.dirty if isinstance(obj, Proposal) and any(
        orm.attributes.get_history(obj, name).has_changes() for name in SEARCHED))


@sa.event.listens_for(orm.Session, "after_flush")
def _rewrite_documents(session: orm.Session, flush_context) -> None:
    changed = session.info.pop("search_proposals", set())
    ids = [p.id for p in changed if p.id is not None and p not in session.deleted]
    if ids:
        reindex(session.connection(), ids)
