"""Merging duplicate proposals: a worker's proposed merge and each author's answer

Revision ID: 9d4b6e2a1f37
Revises: 3eaff94b61c4
Create Date: 2026-12-07 15:50:00

"""
import sqlalchemy as sa
from alembic import op

revision = '9d4b6e2a1f37'
down_revision = '3eaff94b61c4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('proposal_merges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('proposed_by_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('pending', 'accepted', 'refused', 'cancelled', name='mergestatus', native_enum=False, length=24), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reason', sa.Text(), server_default='', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('source_id <> target_id', name=op.f('ck_proposal_merges_not_into_itself')),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], name=op.f('fk_proposal_merges_proposed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['source_id'], ['proposals.id'], name=op.f('fk_proposal_merges_source_id_proposals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['target_id'], ['proposals.id'], name=op.f('fk_proposal_merges_target_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_merges'))
    )
    with op.batch_alter_table('proposal_merges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_merges_source_id'), ['source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposal_merges_target_id'), ['target_id'], unique=False)
        batch_op.create_index('uq_proposal_merges_one_pending', ['source_id'], unique=True, postgresql_where=sa.text("status = 'pending'"), sqlite_where=sa.text("status = 'pending'"))

    op.create_table('proposal_merge_consents',
    sa.Column('merge_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('decision', sa.Enum('accepted', 'refused', name='consentdecision', native_enum=False, length=24), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_proposal_merge_consents_author_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['merge_id'], ['proposal_merges.id'], name=op.f('fk_proposal_merge_consents_merge_id_proposal_merges'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('merge_id', 'author_id', name=op.f('pk_proposal_merge_consents'))
    )


def downgrade():
    op.drop_table('proposal_merge_consents')
    with op.batch_alter_table('proposal_merges', schema=None) as batch_op:
        batch_op.drop_index('uq_proposal_merges_one_pending', postgresql_where=sa.text("status = 'pending'"), sqlite_where=sa.text("status = 'pending'"))
        batch_op.drop_index(batch_op.f('ix_proposal_merges_target_id'))
        batch_op.drop_index(batch_op.f('ix_proposal_merges_source_id'))

    op.drop_table('proposal_merges')
