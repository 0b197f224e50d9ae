"""Keyword search over proposals: proposal_search with an FTS5 table (SQLite) or a tsvector column and its GIN index (PostgreSQL)

Revision ID: 3eaff94b61c4
Revises: c7e82cdd5094
Create Date: 2026-12-07 15:00:00.000000

The documents are written here for the proposals that already exist, with a copy
of the tokeniser as it was when this revision was written (a migration does not
import application code); govhub.core.keyword_search explains it and
govhub.proposals.search keeps the documents current from then on.
"""
import re
import unicodedata

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '3eaff94b61c4'
down_revision = 'c7e82cdd5094'
branch_labels = None
depends_on = None

FTS = "proposal_search_fts"
TRIGGERS = ("proposal_search_ai", "proposal_search_ad", "proposal_search_au")
CJK = ("\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
       "\U00020000-\U0003134f")
TOKENS = re.compile(rf"(?P<cjk>[{CJK}]+)|(?P<word>(?:(?![{CJK}])[^\W_])+)")


def _document(*texts):
    tokens, characters = [], {}
    for text in texts:
        for match in TOKENS.finditer(unicodedata.normalize("NFKC", text or "").casefold()):
            run = match.group()
            if match.lastgroup == "cjk":
                tokens.extend([run] if len(run) == 1 else
                              [run[i:i + 2] for i in range(len(run) - 1)])
                characters.update(dict.fromkeys(run))
            else:
                tokens.append(run[:40])
    return " ".join([*tokens, *characters])


def upgrade():
    search = op.create_table('proposal_search',
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('document', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_search_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('proposal_id', name=op.f('pk_proposal_search'))
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(f"CREATE VIRTUAL TABLE {FTS} USING fts5(document, content='proposal_search', "
                   "content_rowid='proposal_id', tokenize='unicode61 remove_diacritics 0')")
        op.execute(f"CREATE TRIGGER proposal_search_ai AFTER INSERT ON proposal_search BEGIN "
                   f"INSERT INTO {FTS}(rowid, document) VALUES (new.proposal_id, new.document); END")
        op.execute(f"CREATE TRIGGER proposal_search_ad AFTER DELETE ON proposal_search BEGIN "
                   f"INSERT INTO {FTS}({FTS}, rowid, document) "
                   f"VALUES ('delete', old.proposal_id, old.document); END")
        op.execute(f"CREATE TRIGGER proposal_search_au AFTER UPDATE ON proposal_search BEGIN "
                   f"INSERT INTO {FTS}({FTS}, rowid, document) "
                   f"VALUES ('delete', old.proposal_id, old.document); "
                   f"INSERT INTO {FTS}(rowid, document) VALUES (new.proposal_id, new.document); END")
    elif dialect == "postgresql":
        op.execute("ALTER TABLE proposal_search ADD COLUMN vector tsvector GENERATED ALWAYS "
                   "AS (to_tsvector('simple'::regconfig, document)) STORED")
        op.execute("CREATE INDEX ix_proposal_search_vector ON proposal_search USING gin (vector)")
    rows = op.get_bind().execute(sa.text("SELECT id, title, body FROM proposals"))
    documents = [{"proposal_id": row[0], "document": _document(row[1], row[2])} for row in rows]
    if documents:
        op.bulk_insert(search, documents)


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute(f"DROP TABLE IF EXISTS {FTS}")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_proposal_search_vector")
    op.drop_table('proposal_search')
