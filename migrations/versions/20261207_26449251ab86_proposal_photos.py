"""Photos of proposals, added by their authors to the draft

Revision ID: 26449251ab86
Revises: eb5701e869fc
Create Date: 2026-12-07 17:50:00

"""
import sqlalchemy as sa
from alembic import op

revision = '26449251ab86'
down_revision = 'eb5701e869fc'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('proposal_photos',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('stored_name', sa.String(length=64), nullable=False),
    sa.Column('filename', sa.String(length=120), nullable=False),
    sa.Column('content_type', sa.String(length=40), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['added_by_id'], ['users.id'], name=op.f('fk_proposal_photos_added_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_photos_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_photos')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_proposal_photos_stored_name'))
    )
    with op.batch_alter_table('proposal_photos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_photos_proposal_id'), ['proposal_id'], unique=False)



def downgrade():
    with op.batch_alter_table('proposal_photos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_photos_proposal_id'))

    op.drop_table('proposal_photos')
