"""Keyword search over offerings (and their newest-first order): offering_search with an FTS5 table (SQLite) or a tsvector column and its GIN index (PostgreSQL)

Revision ID: b7e2c91f4a10
Revises: 725775a55301
Create Date: 2026-11-30 00:40:00.000000

The documents are written here for the offerings that already exist, with
a copy of the tokeniser as it was when this revision was written (a
migration does not import application code); govhub.partners.search
explains the design and keeps the documents current from then on.
"""
import re
import unicodedata

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7e2c91f4a10'
down_revision = '725775a55301'
branch_labels = None
depends_on = None

FTS = "offering_search_fts"
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
    search = op.create_table('offering_search',
    sa.Column('offering_id', sa.Integer(), nullable=False),
    sa.Column('document', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['offering_id'], ['offerings.id'], name=op.f('fk_offering_search_offering_id_offerings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('offering_id', name=op.f('pk_offering_search'))
    )
    with op.batch_alter_table('offerings', schema=None) as batch_op:
        batch_op.create_index('ix_offerings_published', ['published_at', 'id'], unique=False)
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(f"CREATE VIRTUAL TABLE {FTS} USING fts5(document, content='offering_search', "
                   "content_rowid='offering_id', tokenize='unicode61 remove_diacritics 0')")
        op.execute(f"CREATE TRIGGER offering_search_ai AFTER INSERT ON offering_search BEGIN "
                   f"INSERT INTO {FTS}(rowid, document) VALUES (new.offering_id, new.document); END")
        op.execute(f"CREATE TRIGGER offering_search_ad AFTER DELETE ON offering_search BEGIN "
                   f"INSERT INTO {FTS}({FTS}, rowid, document) "
                   f"VALUES ('delete', old.offering_id, old.document); END")
        op.execute(f"CREATE TRIGGER offering_search_au AFTER UPDATE ON offering_search BEGIN "
                   f"INSERT INTO {FTS}({FTS}, rowid, document) "
                   f"VALUES ('delete', old.offering_id, old.document); "
                   f"INSERT INTO {FTS}(rowid, document) VALUES (new.offering_id, new.document); END")
    elif dialect == "postgresql":
        op.execute("ALTER TABLE offering_search ADD COLUMN vector tsvector GENERATED ALWAYS "
                   "AS (to_tsvector('simple'::regconfig, document)) STORED")
        op.execute("CREATE INDEX ix_offering_search_vector ON offering_search USING gin (vector)")
    rows = op.get_bind().execute(sa.text(
        "SELECT offerings.id, offerings.title, offerings.description, offerings.eligibility, "
        "offerings.location_name, offerings.address, organizations.name FROM offerings "
        "JOIN organizations ON offerings.organization_id = organizations.id"))
    documents = [{"offering_id": row[0], "document": _document(*row[1:])} for row in rows]
    if documents:
        op.bulk_insert(search, documents)


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("offering_search_ai", "offering_search_ad", "offering_search_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute(f"DROP TABLE IF EXISTS {FTS}")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_offering_search_vector")
    op.drop_table('offering_search')
    with op.batch_alter_table('offerings', schema=None) as batch_op:
        batch_op.drop_index('ix_offerings_published')
