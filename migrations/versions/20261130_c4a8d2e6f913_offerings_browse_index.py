"""Offerings: one covering index (status, organization, publication) for browsing and search instead of (published_at, id)

Revision ID: c4a8d2e6f913
Revises: 1dd0cf444b30
Create Date: 2026-11-30 01:15:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c4a8d2e6f913'
down_revision = '1dd0cf444b30'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('offerings', schema=None) as batch_op:
        batch_op.drop_index('ix_offerings_published')
        batch_op.create_index('ix_offerings_browse', ['status', 'organization_id', 'published_at'], unique=False)


def downgrade():
    with op.batch_alter_table('offerings', schema=None) as batch_op:
        batch_op.drop_index('ix_offerings_browse')
        batch_op.create_index('ix_offerings_published', ['published_at', 'id'], unique=False)
